//! A minimal LSP client over stdio, and how each server under test is started.

use crate::Args;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(120);

pub(crate) struct Client {
    pub(crate) child: Child,
    pub(crate) stdin: ChildStdin,
    pub(crate) rx: Receiver<Value>,
    pub(crate) next_id: i64,
    pub(crate) start: Instant,
}

impl Client {
    pub(crate) fn spawn(cmd: &mut Command) -> Client {
        let start = Instant::now();
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn server");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        len = v.trim().parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.unwrap_or(0)];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let msg: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            start,
        }
    }

    pub(crate) fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Waits for a message matching `pred`; answers server requests, drops the rest.
    pub(crate) fn wait(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = self
                .rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("timed out waiting for {what}"));
            if let (Some(id), Some(method)) = (msg.get("id"), msg.get("method")) {
                // workspace/configuration wants one item per section asked.
                let n = msg["params"]["items"].as_array().map_or(0, Vec::len);
                let result = if method == "workspace/configuration" {
                    json!(vec![Value::Null; n])
                } else {
                    Value::Null
                };
                let id = id.clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}));
                continue;
            }
            if pred(&msg) {
                return msg;
            }
        }
    }

    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let res = self.wait(method, |m| m["id"] == id && m.get("method").is_none());
        assert!(res.get("error").is_none(), "{method}: {res}");
        res["result"].clone()
    }

    pub(crate) fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
    }

    pub(crate) fn peak_rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    pub(crate) fn stop(mut self) {
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}));
        let _ = self.rx.recv_timeout(Duration::from_secs(5));
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Server {
    Ours,
    JsonLs,
}

/// What VS Code's client (vscode-languageclient 9) says of the features measured here,
/// given to both servers. Pull diagnostics (`diagnostic`) are declared for
/// vscode-json-language-server's sake; ours publishes regardless.
pub(crate) fn client_capabilities() -> Value {
    json!({"textDocument": {
        "diagnostic": {"dynamicRegistration": true, "relatedDocumentSupport": false},
        "completion": {"completionItem": {
            "snippetSupport": true,
            "documentationFormat": ["markdown", "plaintext"],
            "resolveSupport": {"properties": ["documentation", "detail", "additionalTextEdits"]},
            "insertReplaceSupport": true,
            "labelDetailsSupport": true
        }, "contextSupport": true},
        "hover": {"contentFormat": ["markdown", "plaintext"]}
    }})
}

pub(crate) struct Setup<'a> {
    pub(crate) args: &'a Args,
    pub(crate) dir: PathBuf,
}

impl Setup<'_> {
    pub(crate) fn uri(&self, file: &str) -> String {
        format!("file://{}", self.dir.join(file).display())
    }

    pub(crate) fn start(&self, server: Server, schemas: &[(&str, &str)]) -> Client {
        self.start_with(server, schemas, client_capabilities())
    }

    pub(crate) fn start_with(
        &self,
        server: Server,
        schemas: &[(&str, &str)],
        caps: Value,
    ) -> Client {
        match server {
            Server::Ours => {
                let mut c = Client::spawn(Command::new(&self.args.bin).arg("serve"));
                c.request(
                    "initialize",
                    // Default settings: what a user gets is what is measured.
                    json!({"processId": null, "rootUri": null, "capabilities": caps}),
                );
                c.notify("initialized", json!({}));
                c
            }
            Server::JsonLs => {
                let mut c =
                    Client::spawn(Command::new(self.args.json_ls.as_ref().unwrap()).arg("--stdio"));
                // Pull diagnostics: its push mode waits a fixed 500 ms after each change.
                c.request("initialize", json!({"processId": null, "rootUri": null,
                    "capabilities": caps,
                    "initializationOptions": {"handledSchemaProtocols": ["file"], "provideFormatter": false}}));
                c.notify("initialized", json!({}));
                let sdir = self.args.schemas.as_ref().unwrap();
                let schemas: Vec<Value> = schemas
                    .iter()
                    .map(|(file, schema)| {
                        json!({
                            "fileMatch": [format!("*/{file}"), format!("*{file}")],
                            "url": format!("file://{}", sdir.join(schema).display()),
                        })
                    })
                    .collect();
                c.notify("workspace/didChangeConfiguration", json!({"settings": {"json": {"schemas": schemas, "validate": {"enable": true}}}}));
                c
            }
        }
    }

    /// Diagnostics for `uri` at `version`: pushed by ours, pulled from the JSON server.
    pub(crate) fn diagnostics(
        &self,
        c: &mut Client,
        server: Server,
        uri: &str,
        version: i64,
    ) -> usize {
        match server {
            Server::Ours => {
                let m = c.wait("diagnostics", |m| {
                    m["method"] == "textDocument/publishDiagnostics"
                        && m["params"]["uri"] == uri
                        && m["params"]["version"] == version
                });
                m["params"]["diagnostics"].as_array().map_or(0, Vec::len)
            }
            Server::JsonLs => {
                let r = c.request(
                    "textDocument/diagnostic",
                    json!({"textDocument": {"uri": uri}}),
                );
                r["items"].as_array().map_or(0, Vec::len)
            }
        }
    }
}
