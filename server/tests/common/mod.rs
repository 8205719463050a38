//! The JSON-RPC client the protocol and robustness tests share: spawns the real
//! `policy-lsp` binary and talks to it over stdio. Every read has a timeout, so a hung
//! server fails the test instead of hanging it.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(30);
/// For the 10 MB document and 100,000-deep nesting (debug builds are slow).
pub const SLOW_TIMEOUT: Duration = Duration::from_secs(300);

pub struct Server {
    pub child: Child,
    /// The server's stdin: a pipe, or one end of a socket pair.
    stdin: Box<dyn Write + Send>,
    pub rx: Receiver<Value>,
    pub next_id: i64,
    pub timeout: Duration,
    /// Messages read while waiting for something else.
    pub backlog: VecDeque<Value>,
    /// Requests from the server (answered with a null result as they came).
    pub server_requests: Vec<Value>,
    /// With [`Io::Sockets`]: a duplicate of the server's end of its stdin, which
    /// shares the open file (and so its flags) with the server's.
    pub stdin_probe: Option<std::os::fd::OwnedFd>,
}

/// What the server's stdin and stdout are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Io {
    /// Pipes, as most clients (and `std::process`) make them.
    Pipes,
    /// Unix socket pairs, as VS Code and Neovim make them (through libuv).
    Sockets,
}

impl Server {
    pub fn start() -> Server {
        Server::start_with(Io::Pipes)
    }

    pub fn start_with(io: Io) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_policy-lsp"));
        cmd.arg("--stdio").stderr(Stdio::inherit());
        let (stdin, stdout): (Box<dyn Write + Send>, Box<dyn Read + Send>);
        let mut stdin_probe = None;
        let child = match io {
            Io::Pipes => {
                let mut child = cmd
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("spawn policy-lsp");
                stdin = Box::new(child.stdin.take().expect("stdin"));
                stdout = Box::new(child.stdout.take().expect("stdout"));
                child
            }
            Io::Sockets => {
                use std::os::fd::OwnedFd;
                use std::os::unix::net::UnixStream;
                let (to_server, server_in) = UnixStream::pair().expect("socket pair");
                let (from_server, server_out) = UnixStream::pair().expect("socket pair");
                stdin_probe = Some(OwnedFd::from(server_in.try_clone().expect("dup")));
                let child = cmd
                    .stdin(Stdio::from(OwnedFd::from(server_in)))
                    .stdout(Stdio::from(OwnedFd::from(server_out)))
                    .spawn()
                    .expect("spawn policy-lsp");
                stdin = Box::new(to_server);
                stdout = Box::new(from_server);
                child
            }
        };
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return; // end of output
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        len = v.trim().parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let msg: Value = match serde_json::from_slice(&body) {
                    Ok(msg) => msg,
                    // serde_json stops at 128 levels (a selection-range chain is deeper):
                    // keep the response's id, which tower-lsp writes last.
                    Err(e) if e.to_string().contains("recursion limit") => {
                        let text = String::from_utf8_lossy(&body);
                        let id = text
                            .rfind("\"id\":")
                            .and_then(|i| text[i + 5..].trim_end_matches('}').parse::<i64>().ok())
                            .expect("a response id");
                        json!({"jsonrpc": "2.0", "id": id, "result": {"tooDeepToParse": true}})
                    }
                    Err(e) => panic!("server sent invalid JSON: {e}"),
                };
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            rx,
            next_id: 1,
            timeout: TIMEOUT,
            backlog: VecDeque::new(),
            server_requests: Vec::new(),
            stdin_probe,
        }
    }

    /// Closes the server's stdin: it sees end of input.
    pub fn close_input(&mut self) {
        drop(std::mem::replace(
            &mut self.stdin,
            Box::new(std::io::sink()),
        ));
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write to server");
        self.stdin.flush().unwrap();
    }

    pub fn send(&mut self, msg: &Value) {
        let body = serde_json::to_string(msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .expect("write to server");
        self.stdin.flush().unwrap();
    }

    /// Null params are left out, as VS Code does for `shutdown` and `exit`.
    pub fn message(id: Option<i64>, method: &str, params: Value) -> Value {
        let mut msg = json!({"jsonrpc": "2.0", "method": method});
        if let Some(id) = id {
            msg["id"] = json!(id);
        }
        if !params.is_null() {
            msg["params"] = params;
        }
        msg
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&Server::message(None, method, params));
    }

    /// Sends a request and returns the whole response message.
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&Server::message(Some(id), method, params));
        self.wait_for(&format!("response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let res = self.request_raw(method, params);
        assert!(res.get("error").is_none(), "{method} failed: {res}");
        res["result"].clone()
    }

    /// Reads one message; answers requests from the server on the way.
    pub fn recv(&mut self, deadline: Instant, what: &str) -> Value {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = match self.rx.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; unread: {:?}", self.backlog)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("server closed its output while waiting for {what}")
                }
            };
            if let (Some(id), Some(_)) = (msg.get("id"), msg.get("method")) {
                let id = id.clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                self.server_requests.push(msg);
                continue;
            }
            return msg;
        }
    }

    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i).unwrap();
        }
        let deadline = Instant::now() + self.timeout;
        loop {
            let msg = self.recv(deadline, what);
            if pred(&msg) {
                return msg;
            }
            self.backlog.push_back(msg);
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let msg = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        msg["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let res = self.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": capabilities, "initializationOptions": options}));
        self.notify("initialized", json!({}));
        res
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// shutdown + exit; returns the exit status.
    pub fn stop(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Waits for the process to end (stdin stays open: the server must exit by itself).
    pub fn wait_exit(&mut self) -> i32 {
        let deadline = Instant::now() + self.timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status.code().unwrap_or(-1);
            }
            assert!(
                Instant::now() < deadline,
                "server did not exit after `exit`"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn range(l1: u64, c1: u64, l2: u64, c2: u64) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}
