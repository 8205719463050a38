//! stdin wrapper that ends the input stream right after the `exit` notification.
//!
//! tower-lsp 0.20 stops handling messages after `exit` but keeps waiting for the next
//! message on stdin before `Server::serve` returns, so a client that sends `exit` and
//! waits for the process to end (as the spec allows) would wait forever. This wrapper
//! follows the `Content-Length` framing of the bytes it passes through and reports end
//! of input once a complete `exit` message has been handed on.

use std::io::Write;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, ReadBuf};

pub(crate) fn log_stderr(msg: &str) {
    let _ = writeln!(std::io::stderr(), "{msg}");
}

pub(crate) struct ExitWatch<R> {
    inner: R,
    /// Bytes of the current message's header, or of its body.
    buf: Vec<u8>,
    /// `Some(n)` while reading a body of `n` bytes.
    body_len: Option<usize>,
    exited: bool,
}

impl<R> ExitWatch<R> {
    pub(crate) fn new(inner: R) -> Self {
        ExitWatch {
            inner,
            buf: Vec::new(),
            body_len: None,
            exited: false,
        }
    }

    fn observe(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            match self.body_len {
                None => {
                    let (b, rest) = (bytes[0], &bytes[1..]);
                    bytes = rest;
                    self.buf.push(b);
                    if self.buf.ends_with(b"\r\n\r\n") {
                        let header = String::from_utf8_lossy(&self.buf).to_ascii_lowercase();
                        let len = header
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse::<usize>().ok());
                        self.buf.clear();
                        self.body_len = len;
                    } else if self.buf.len() > 8192 {
                        self.buf.clear(); // not a header we understand; tower-lsp will complain
                    }
                }
                Some(n) => {
                    let take = (n - self.buf.len()).min(bytes.len());
                    self.buf.extend_from_slice(&bytes[..take]);
                    bytes = &bytes[take..];
                    if self.buf.len() == n {
                        let is_exit = serde_json::from_slice::<serde_json::Value>(&self.buf)
                            .is_ok_and(|v| {
                                v.get("method").and_then(|m| m.as_str()) == Some("exit")
                            });
                        self.exited |= is_exit;
                        self.buf.clear();
                        self.body_len = None;
                    }
                }
            }
        }
    }
}

impl<R: AsyncRead + Unpin> AsyncRead for ExitWatch<R> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        out: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        if this.exited {
            return Poll::Ready(Ok(())); // end of input
        }
        let before = out.filled().len();
        let res = Pin::new(&mut this.inner).poll_read(cx, out);
        if let Poll::Ready(Ok(())) = res {
            let new = out.filled()[before..].to_vec();
            this.observe(&new);
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sees_exit_across_chunk_boundaries() {
        let msg = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let stream = msg(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#)
            + &msg(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        for split in 1..stream.len() {
            let mut w = ExitWatch::new(());
            let (a, b) = stream.as_bytes().split_at(split);
            w.observe(a);
            assert!(!w.exited || split == stream.len(), "early at {split}");
            w.observe(b);
            assert!(w.exited);
        }
        let mut w = ExitWatch::new(());
        w.observe(
            msg(r#"{"jsonrpc":"2.0","method":"exited","params":{"method":"exit"}}"#).as_bytes(),
        );
        assert!(!w.exited);
    }
}
