//! stdin wrapper between the client and tower-lsp: re-frames every message and ends
//! the input stream right after the `exit` notification.
//!
//! tower-lsp 0.20 (through tokio-util's `FramedRead`) ends its read loop, and so the
//! whole server, at the first message it cannot decode: a bad or lower-case
//! `Content-Length` header, a body that is not UTF-8 or not a JSON-RPC message. So this
//! wrapper reads the `Content-Length` framing itself and hands tower-lsp only
//! well-formed messages with canonical headers; each malformed one is replaced by a
//! `policyLsp/invalidMessage` request (with the message's id, or null) that the server
//! answers with the JSON-RPC error, and after a header it cannot read it skips to the
//! next `Content-Length`, as tower-lsp does.
//!
//! tower-lsp also stops handling messages after `exit` but keeps waiting for the next
//! message on stdin before `Server::serve` returns, so a client that sends `exit` and
//! waits for the process to end (as the spec allows) would wait forever: once a
//! complete `exit` message has been handed on, this wrapper reports end of input.

use serde_json::{json, Value};
use std::io::Write;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, ReadBuf};
use tower_lsp::jsonrpc;

pub(crate) fn log_stderr(msg: &str) {
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// The method of the request that stands in for a malformed message.
pub(crate) const INVALID_MESSAGE_METHOD: &str = "policyLsp/invalidMessage";
/// Longest header block accepted before the bytes are taken for garbage.
const MAX_HEADER: usize = 8192;
const CONTENT_LENGTH: &[u8] = b"content-length";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReadState {
    Header,
    Body(usize),
    /// After an unreadable header: drop bytes up to the next `Content-Length`.
    Skip,
}

pub(crate) struct ExitWatch<R> {
    inner: R,
    /// Input not yet framed.
    buf: Vec<u8>,
    state: ReadState,
    /// Re-framed output not yet handed on, from `out_pos`.
    out: Vec<u8>,
    out_pos: usize,
    /// A complete `exit` is in `out`: end of input once `out` is drained.
    exit_queued: bool,
    exited: bool,
    eof: bool,
}

impl<R> ExitWatch<R> {
    pub(crate) fn new(inner: R) -> Self {
        ExitWatch {
            inner,
            buf: Vec::new(),
            state: ReadState::Header,
            out: Vec::new(),
            out_pos: 0,
            exit_queued: false,
            exited: false,
            eof: false,
        }
    }

    fn emit(&mut self, body: &[u8]) {
        self.out
            .extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        self.out.extend_from_slice(body);
    }

    fn emit_error(&mut self, id: Value, code: i64, message: String) {
        log_stderr(&format!("policy-lsp: {message}"));
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": INVALID_MESSAGE_METHOD,
            "params": {"code": code, "message": message}});
        self.emit(msg.to_string().as_bytes());
    }

    /// Frames as much of `buf` as is complete.
    fn process(&mut self) {
        loop {
            match self.state {
                ReadState::Header => {
                    let head = &self.buf[..self.buf.len().min(MAX_HEADER + 4)];
                    let Some(end) = find(head, b"\r\n\r\n") else {
                        if self.buf.len() > MAX_HEADER {
                            self.emit_error(
                                Value::Null,
                                -32700,
                                "invalid message header: no end of header".into(),
                            );
                            self.buf.drain(..1);
                            self.state = ReadState::Skip;
                            continue;
                        }
                        return;
                    };
                    let header = String::from_utf8_lossy(&self.buf[..end]).into_owned();
                    self.buf.drain(..end + 4);
                    let len = header.lines().find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        name.trim()
                            .eq_ignore_ascii_case("content-length")
                            .then(|| value.trim().parse::<usize>())
                    });
                    match len {
                        Some(Ok(n)) => self.state = ReadState::Body(n),
                        Some(Err(_)) => {
                            self.emit_error(
                                Value::Null,
                                -32700,
                                format!("invalid Content-Length header in {header:?}"),
                            );
                            self.state = ReadState::Skip;
                        }
                        None => {
                            self.emit_error(
                                Value::Null,
                                -32700,
                                format!("missing Content-Length header in {header:?}"),
                            );
                            self.state = ReadState::Skip;
                        }
                    }
                }
                ReadState::Skip => {
                    let lower = self.buf.to_ascii_lowercase();
                    match find(&lower, CONTENT_LENGTH) {
                        Some(i) => {
                            self.buf.drain(..i);
                            self.state = ReadState::Header;
                        }
                        None => {
                            let keep = CONTENT_LENGTH.len() - 1;
                            let cut = self.buf.len().saturating_sub(keep);
                            self.buf.drain(..cut);
                            return;
                        }
                    }
                }
                ReadState::Body(n) => {
                    if self.buf.len() < n {
                        return;
                    }
                    let body: Vec<u8> = self.buf.drain(..n).collect();
                    self.state = ReadState::Header;
                    self.check_body(&body);
                }
            }
        }
    }

    fn check_body(&mut self, body: &[u8]) {
        // (tower-lsp takes a missing method for "" and ignores the message silently.)
        if let Ok(req) = serde_json::from_slice::<jsonrpc::Request>(body) {
            if !req.method().is_empty() {
                self.exit_queued |= req.method() == "exit" && req.id().is_none();
                return self.emit(body);
            }
        }
        if serde_json::from_slice::<jsonrpc::Response>(body).is_ok() {
            return self.emit(body);
        }
        let Ok(value) = serde_json::from_slice::<Value>(body) else {
            let what = if std::str::from_utf8(body).is_err() {
                "not UTF-8"
            } else {
                "not JSON"
            };
            return self.emit_error(Value::Null, -32700, format!("message body is {what}"));
        };
        let id = value
            .get("id")
            .filter(|id| id.is_i64() || id.is_string())
            .cloned()
            .unwrap_or(Value::Null);
        self.emit_error(
            id,
            -32600,
            "not a JSON-RPC 2.0 request, notification or response".into(),
        );
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

impl<R: AsyncRead + Unpin> AsyncRead for ExitWatch<R> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        out: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        loop {
            if this.out_pos < this.out.len() {
                let n = (this.out.len() - this.out_pos).min(out.remaining());
                out.put_slice(&this.out[this.out_pos..this.out_pos + n]);
                this.out_pos += n;
                if this.out_pos == this.out.len() {
                    this.out.clear();
                    this.out_pos = 0;
                    this.exited |= this.exit_queued;
                }
                return Poll::Ready(Ok(()));
            }
            if this.exited || this.eof {
                return Poll::Ready(Ok(())); // end of input
            }
            let mut chunk = [0u8; 16 * 1024];
            let mut rb = ReadBuf::new(&mut chunk);
            match Pin::new(&mut this.inner).poll_read(cx, &mut rb) {
                Poll::Ready(Ok(())) if rb.filled().is_empty() => this.eof = true,
                Poll::Ready(Ok(())) => {
                    this.buf.extend_from_slice(rb.filled());
                    this.process();
                }
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// Feeds `input` in pieces of `chunk` bytes; returns the re-framed bodies and whether
    /// end of input was reached by `exit`.
    fn frame(input: &[u8], chunk: usize) -> (Vec<Value>, bool) {
        let mut w = ExitWatch::new(());
        for piece in input.chunks(chunk.max(1)) {
            w.buf.extend_from_slice(piece);
            w.process();
        }
        let out = String::from_utf8(w.out).unwrap();
        let mut bodies = Vec::new();
        let mut rest = out.as_str();
        while let Some(i) = rest.find("\r\n\r\n") {
            let n: usize = rest[..i]
                .strip_prefix("Content-Length: ")
                .unwrap()
                .parse()
                .unwrap();
            bodies.push(serde_json::from_str(&rest[i + 4..i + 4 + n]).unwrap());
            rest = &rest[i + 4 + n..];
        }
        assert!(rest.is_empty(), "{rest:?}");
        (bodies, w.exit_queued)
    }

    #[test]
    fn sees_exit_across_chunk_boundaries() {
        let stream = msg(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#)
            + &msg(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        let first = msg(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#).len();
        for split in 1..stream.len() {
            let mut w = ExitWatch::new(());
            let (a, b) = stream.as_bytes().split_at(split);
            w.buf.extend_from_slice(a);
            w.process();
            assert!(!w.exit_queued, "early at {split}");
            assert_eq!(w.out.len(), if split >= first { first } else { 0 });
            w.buf.extend_from_slice(b);
            w.process();
            assert!(w.exit_queued);
        }
        let (_, exited) = frame(
            msg(r#"{"jsonrpc":"2.0","method":"exited","params":{"method":"exit"}}"#).as_bytes(),
            7,
        );
        assert!(!exited);
    }

    #[test]
    fn malformed_messages_become_error_requests_and_framing_recovers() {
        let ok = r#"{"jsonrpc":"2.0","id":9,"method":"shutdown"}"#;
        let mut input = Vec::new();
        input.extend_from_slice(b"Content-Length: abc\r\n\r\n{}");
        input.extend_from_slice(msg(ok).as_bytes());
        input.extend_from_slice(b"Content-Type: x\r\n\r\ngarbage");
        input.extend_from_slice(msg("{not json").as_bytes());
        input.extend_from_slice(b"Content-Length: 9\r\n\r\n{\"a\":\"\xff\"}");
        input.extend_from_slice(msg(r#"{"id":4,"method":"x"}"#).as_bytes());
        input.extend_from_slice(msg("[]").as_bytes());
        input.extend_from_slice(msg(r#"{"jsonrpc":"2.0","params":{}}"#).as_bytes());
        // Lower-case header name and an extra Content-Type header are fine.
        input.extend_from_slice(
            format!(
                "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{ok}",
                ok.len()
            )
            .as_bytes(),
        );
        for chunk in [1, 3, 16, input.len()] {
            let (bodies, _) = frame(&input, chunk);
            let summary: Vec<(String, Value, Value)> = bodies
                .iter()
                .map(|b| {
                    (
                        b["method"].as_str().unwrap().to_string(),
                        b["id"].clone(),
                        b["params"]["code"].clone(),
                    )
                })
                .collect();
            let err = |id: Value, code: i64| (INVALID_MESSAGE_METHOD.to_string(), id, json!(code));
            let shutdown = ("shutdown".to_string(), json!(9), Value::Null);
            assert_eq!(
                summary,
                vec![
                    err(Value::Null, -32700),
                    shutdown.clone(),
                    err(Value::Null, -32700),
                    err(Value::Null, -32700),
                    err(Value::Null, -32700),
                    err(json!(4), -32600),
                    err(Value::Null, -32600),
                    err(Value::Null, -32600),
                    shutdown,
                ],
                "chunk {chunk}"
            );
        }
    }
}
