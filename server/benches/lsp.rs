//! The benchmark harness (`harness = false`): batch checking versus Parliament, editing
//! latency over stdio versus vscode-json-language-server, start-up and memory, and
//! scaling. Prints one Markdown table. Run it through `tests/bench/run.sh`, which
//! builds the release binary, fetches the corpus and the comparison tools into
//! tests/.cache and passes their paths:
//!
//! ```text
//! lsp --bin target/release/policy-lsp --corpus DIR [--parliament PYTHON SCRIPT]
//!     [--json-ls BIN] [--schemas DIR] [--edits N] [--quick]
//! ```
//! `--parliament` takes the Python of Parliament's venv and `tests/bench/parliament-batch.py`,
//! which does what `parliament --directory DIR` does but goes on past the files that
//! make Parliament raise (its CLI stops at the first), and reports how many it checked.
//! Any comparison tool left out is reported as "n/a".

use policy_lsp::analysis::analyze;
use policy_lsp::config::Config;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(120);

struct Args {
    bin: PathBuf,
    corpus: Option<PathBuf>,
    parliament: Option<(PathBuf, PathBuf)>,
    json_ls: Option<PathBuf>,
    schemas: Option<PathBuf>,
    edits: usize,
}

fn args() -> Args {
    let mut a = Args {
        bin: PathBuf::from("target/release/policy-lsp"),
        corpus: None,
        parliament: None,
        json_ls: None,
        schemas: None,
        edits: 500,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || PathBuf::from(it.next().unwrap_or_else(|| panic!("{flag} needs a value")));
        match flag.as_str() {
            "--bin" => a.bin = val(),
            "--corpus" => a.corpus = Some(val()),
            "--parliament" => {
                let python = val();
                a.parliament = Some((python, val()));
            }
            "--json-ls" => a.json_ls = Some(val()),
            "--schemas" => a.schemas = Some(val()),
            "--edits" => a.edits = val().to_string_lossy().parse().expect("--edits N"),
            "--quick" => a.edits = 50,
            "--bench" => {} // added by `cargo bench`
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

// ---------------------------------------------------------------- documents

fn statement(i: usize, principal: bool) -> String {
    let p = if principal {
        format!(
            "\"Principal\": {{\"AWS\": \"arn:aws:iam::1234567890{:02}:root\"}},\n      ",
            i % 100
        )
    } else {
        String::new()
    };
    let res = if principal {
        format!("[\"arn:aws:s3:::example-bucket-{i}\", \"arn:aws:s3:::example-bucket-{i}/*\"]")
    } else {
        format!("\"arn:aws:s3:::example-bucket-{i}/*\"")
    };
    format!(
        "    {{\n      \"Sid\": \"Stmt{i}\",\n      \"Effect\": \"Allow\",\n      {p}\"Action\": [\"s3:GetObject\", \"s3:PutObject\", \"s3:ListBucket\"],\n      \"Resource\": {res},\n      \"Condition\": {{\n        \"StringEquals\": {{\"aws:PrincipalTag/team\": \"team-{i}\"}},\n        \"Bool\": {{\"aws:SecureTransport\": \"true\"}}\n      }}\n    }}"
    )
}

/// A policy of `n` statements.
fn policy_n(n: usize, principal: bool) -> String {
    let body: Vec<String> = (0..n).map(|i| statement(i, principal)).collect();
    format!(
        "{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n{}\n  ]\n}}\n",
        body.join(",\n")
    )
}

/// A policy of about `bytes` bytes (at least one statement).
fn policy_bytes(bytes: usize, principal: bool) -> String {
    let one = statement(0, principal).len() + 2;
    policy_n((bytes / one).max(1), principal)
}

struct Doc {
    name: &'static str,
    file: &'static str,
    schema: &'static str,
    text: String,
}

fn docs() -> Vec<Doc> {
    vec![
        Doc {
            name: "2 KB identity policy",
            file: "identity.json",
            schema: "identity-policy.schema.json",
            text: policy_bytes(2 << 10, false),
        },
        Doc {
            name: "20 KB bucket policy",
            file: "bucket-policy.json",
            schema: "s3-bucket-policy.schema.json",
            text: policy_bytes(20 << 10, true),
        },
        Doc {
            name: "1 MB generated policy",
            file: "generated.json",
            schema: "identity-policy.schema.json",
            text: policy_bytes(1 << 20, false),
        },
    ]
}

/// (line, character) of the first `needle` in `text`, plus `delta` characters (ASCII).
fn pos_of(text: &str, needle: &str, delta: usize) -> Value {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in document"))
        + delta;
    let line = text[..i].matches('\n').count();
    let col = i - text[..i].rfind('\n').map_or(0, |n| n + 1);
    json!({"line": line, "character": col})
}

// ---------------------------------------------------------------- LSP client

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    start: Instant,
}

impl Client {
    fn spawn(cmd: &mut Command) -> Client {
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

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Waits for a message matching `pred`; answers server requests, drops the rest.
    fn wait(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
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

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let res = self.wait(method, |m| m["id"] == id && m.get("method").is_none());
        assert!(res.get("error").is_none(), "{method}: {res}");
        res["result"].clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
    }

    fn peak_rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    fn stop(mut self) {
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
enum Server {
    Ours,
    JsonLs,
}

/// What VS Code's client (vscode-languageclient 9) says of the features measured here,
/// given to both servers. Pull diagnostics (`diagnostic`) are declared for
/// vscode-json-language-server's sake; ours publishes regardless.
fn client_capabilities() -> Value {
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

/// Completion latency for a client that cannot resolve items (documentation inline).
fn completion_without_resolve(setup: &Setup, doc: &Doc, n: usize) -> Vec<f64> {
    let mut c = setup.start_with(Server::Ours, &[], json!({}));
    let uri = setup.uri(doc.file);
    c.open(&uri, &doc.text);
    setup.diagnostics(&mut c, Server::Ours, &uri, 1);
    let at = pos_of(&doc.text, "\"aws:PrincipalTag/team\"", 1);
    let res = (0..n)
        .map(|_| {
            let t = Instant::now();
            c.request(
                "textDocument/completion",
                json!({"textDocument": {"uri": uri}, "position": at}),
            );
            ms(t.elapsed())
        })
        .collect();
    c.stop();
    res
}

struct Setup<'a> {
    args: &'a Args,
    dir: PathBuf,
}

impl Setup<'_> {
    fn uri(&self, file: &str) -> String {
        format!("file://{}", self.dir.join(file).display())
    }

    fn start(&self, server: Server, schemas: &[(&str, &str)]) -> Client {
        self.start_with(server, schemas, client_capabilities())
    }

    fn start_with(&self, server: Server, schemas: &[(&str, &str)], caps: Value) -> Client {
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
    fn diagnostics(&self, c: &mut Client, server: Server, uri: &str, version: i64) -> usize {
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

// ---------------------------------------------------------------- measurements

fn pct(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[derive(Default)]
struct Latency {
    diag: Vec<f64>,
    hover: Vec<f64>,
    completion: Vec<f64>,
    code_action: Vec<f64>,
    /// Result sizes of the last round, as a sanity check that the work was done.
    sizes: [usize; 4],
}

/// One server with one document open, edited and queried round by round.
struct Session {
    server: Server,
    c: Client,
    uri: String,
    edit_at: Value,
    hover_at: Value,
    complete_at: Value,
    action_line: Value,
    res: Latency,
    /// Rounds done, recorded or not (each edits, so each has its own version).
    rounds: usize,
}

impl Session {
    fn open(setup: &Setup, server: Server, doc: &Doc) -> Session {
        let mut c = setup.start(server, &[(doc.file, doc.schema)]);
        let uri = setup.uri(doc.file);
        c.open(&uri, &doc.text);
        setup.diagnostics(&mut c, server, &uri, 1);
        Session {
            server,
            c,
            uri,
            edit_at: pos_of(&doc.text, "\"Sid\": \"Stmt0", 9),
            hover_at: pos_of(&doc.text, "s3:GetObject", 4),
            complete_at: pos_of(&doc.text, "\"aws:PrincipalTag/team\"", 1),
            action_line: pos_of(&doc.text, "\"Action\"", 0)["line"].clone(),
            res: Latency::default(),
            rounds: 0,
        }
    }

    /// The next round: an edit (a character typed, then deleted) awaited to its diagnostics,
    /// then hover, completion and (ours only) code actions.
    /// Rounds that are not recorded: after a pause the first requests meet cold
    /// caches and a descheduled CPU, for either server alike.
    fn warm_up(&mut self, setup: &Setup, n: usize) {
        let kept = std::mem::take(&mut self.res);
        for _ in 0..n {
            self.round(setup);
        }
        let sizes = self.res.sizes;
        self.res = kept;
        self.res.sizes = sizes;
    }

    fn round(&mut self, setup: &Setup) {
        let i = self.rounds;
        self.rounds += 1;
        let (c, res, uri, edit_at) = (&mut self.c, &mut self.res, &self.uri, &self.edit_at);
        let td = json!({"uri": uri});
        let version = i as i64 + 2;
        let (end, text) = if i.is_multiple_of(2) {
            (edit_at.clone(), "x")
        } else {
            (
                json!({"line": edit_at["line"], "character": edit_at["character"].as_u64().unwrap() + 1}),
                "",
            )
        };
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": edit_at, "end": end}, "text": text}]}),
        );
        res.sizes[0] = setup.diagnostics(c, self.server, uri, version);
        res.diag.push(ms(t.elapsed()));

        let t = Instant::now();
        let h = c.request(
            "textDocument/hover",
            json!({"textDocument": td, "position": self.hover_at}),
        );
        res.hover.push(ms(t.elapsed()));
        res.sizes[1] = h.to_string().len();

        let t = Instant::now();
        let r = c.request(
            "textDocument/completion",
            json!({"textDocument": td, "position": self.complete_at}),
        );
        res.completion.push(ms(t.elapsed()));
        res.sizes[2] = r["items"].as_array().or(r.as_array()).map_or(0, Vec::len);

        if self.server == Server::Ours {
            let line = &self.action_line;
            let t = Instant::now();
            let r = c.request("textDocument/codeAction", json!({"textDocument": td,
                "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 80}},
                "context": {"diagnostics": []}}));
            res.code_action.push(ms(t.elapsed()));
            res.sizes[3] = r.as_array().map_or(0, Vec::len);
        }
    }

    /// Stops (`STOP`) or resumes (`CONT`) the server process.
    fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.c.child.id().to_string())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "kill -{sig} failed");
    }

    fn finish(self) -> Latency {
        self.c.stop();
        self.res
    }
}

/// Latency of our server and (when given) vscode-json-language-server on the same
/// document, both started at once and taking turns in blocks of rounds, so that load
/// from elsewhere on this shared machine, which drifts over minutes, falls on both.
/// Not round by round: vscode-json-language-server validates again 500 ms after each
/// change (its push diagnostics, on top of the pull ones measured), and node keeps
/// collecting garbage on its own threads after that; so after its block it is given
/// time to settle, and the server whose turn it is not is stopped (SIGSTOP) until
/// its next block.
fn latency(setup: &Setup, doc: &Doc, edits: usize, json_ls: bool) -> (Latency, Latency) {
    const BLOCK: usize = 50;
    const SETTLE: Duration = Duration::from_millis(1000);
    const WARM_UP: usize = 25;
    let mut ours = Session::open(setup, Server::Ours, doc);
    let mut theirs = json_ls.then(|| Session::open(setup, Server::JsonLs, doc));
    let mut start = 0;
    while start < edits {
        let end = (start + BLOCK).min(edits);
        if let Some(t) = theirs.as_mut() {
            ours.signal("STOP");
            t.signal("CONT");
            t.warm_up(setup, WARM_UP);
            (start..end).for_each(|_| t.round(setup));
            std::thread::sleep(SETTLE);
            t.signal("STOP");
            ours.signal("CONT");
            ours.warm_up(setup, WARM_UP);
        }
        (start..end).for_each(|_| ours.round(setup));
        start = end;
    }
    if let Some(t) = theirs.as_mut() {
        t.signal("CONT");
    }
    (
        ours.finish(),
        theirs.map(Session::finish).unwrap_or_default(),
    )
}

/// Process start → first publishDiagnostics for a 2 KB document (median of `runs`).
fn startup(setup: &Setup, text: &str, runs: usize) -> f64 {
    let uri = setup.uri("identity.json");
    let mut v: Vec<f64> = (0..runs)
        .map(|_| {
            let mut c = Client::spawn(Command::new(&setup.args.bin).arg("serve"));
            c.send(json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"processId": null, "rootUri": null, "capabilities": {}}}));
            c.wait("initialize", |m| m["id"] == 0);
            c.notify("initialized", json!({}));
            c.open(&uri, text);
            c.wait("diagnostics", |m| m["method"] == "textDocument/publishDiagnostics");
            let t = ms(c.start.elapsed());
            c.stop();
            t
        })
        .collect();
    pct(&mut v, 0.5)
}

/// Peak RSS (MB) with 100 open 20 KB documents.
fn memory(setup: &Setup, server: Server, text: &str) -> f64 {
    let files: Vec<(String, &str)> = (0..100)
        .map(|i| {
            (
                format!("bucket-policy-{i}.json"),
                "s3-bucket-policy.schema.json",
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(f, s)| (f.as_str(), *s)).collect();
    let mut c = setup.start(server, &refs);
    for (f, _) in &files {
        let uri = setup.uri(f);
        c.open(&uri, text);
        setup.diagnostics(&mut c, server, &uri, 1);
    }
    let kb = c.peak_rss_kb();
    c.stop();
    kb as f64 / 1024.0
}

/// Rounds of the batch comparison (see there).
const BATCH_ROUNDS: usize = 3;

/// Wall time of a command (best of `runs`), in ms.
fn time_cmd(runs: usize, mut make: impl FnMut() -> Command) -> Option<f64> {
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = Instant::now();
        let out = make()
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        if !matches!(out.code(), Some(0 | 1)) {
            return None;
        }
        best = best.min(ms(t.elapsed()));
    }
    Some(best)
}

struct Parliament {
    ms: f64,
    checked: usize,
    crashed: usize,
    first_crash: Option<String>,
}

/// One run of the Parliament driver over `dir`: wall time of the whole process and the
/// summary line it prints last on stderr.
fn parliament_run(python: &PathBuf, script: &PathBuf, dir: &PathBuf) -> Option<Parliament> {
    let t = Instant::now();
    let out = Command::new(python)
        .arg(script)
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    let ms = ms(t.elapsed());
    let err = String::from_utf8_lossy(&out.stderr);
    let summary: Value = err
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str(l).ok())?;
    if !out.status.success() {
        eprintln!("bench: parliament driver failed: {err}");
        return None;
    }
    let count = |k: &str| summary[k].as_u64().unwrap_or(0) as usize;
    Some(Parliament {
        ms,
        checked: count("checked"),
        crashed: count("crashed"),
        first_crash: summary["first_crash"].as_str().map(str::to_string),
    })
}

/// Median time of `analyze` over `text` in ms (in-process, catalog loaded).
fn analyze_ms(text: &str, config: &Config) -> f64 {
    let reps = (2_000_000 / text.len().max(1)).clamp(3, 200);
    let mut v: Vec<f64> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(analyze(text, Some("policy.json"), config));
            ms(t.elapsed())
        })
        .collect();
    pct(&mut v, 0.5)
}

/// Median time in ms of matching the patterns that make a backtracking matcher
/// exponential (the cases of the catalog test `wildcard_pathological`).
fn wildcard_pathological_ms() -> f64 {
    use policy_lsp::catalog::wildcard_match;
    let text = "a".repeat(5000);
    let cases = [
        ("a*".repeat(200) + "b", false),
        ("a*".repeat(200), true),
        ("*?".repeat(300) + "*b", false),
    ];
    let mut v: Vec<f64> = (0..20)
        .map(|_| {
            let t = Instant::now();
            for (pat, want) in &cases {
                let got = wildcard_match(std::hint::black_box(pat), &text);
                assert_eq!(got, *want, "{pat}");
            }
            ms(t.elapsed())
        })
        .collect();
    pct(&mut v, 0.5)
}

// ---------------------------------------------------------------- table

struct Table(Vec<[String; 5]>);
impl Table {
    fn row(
        &mut self,
        what: impl Into<String>,
        ours: impl Into<String>,
        other: impl Into<String>,
        ratio: impl Into<String>,
        target: impl Into<String>,
    ) {
        self.0.push([
            what.into(),
            ours.into(),
            other.into(),
            ratio.into(),
            target.into(),
        ]);
    }
    fn print(&self) {
        println!("| measure | policy-lsp | comparison | ratio | target |");
        println!("|---|---:|---:|---:|---|");
        for r in &self.0 {
            println!("| {} | {} | {} | {} | {} |", r[0], r[1], r[2], r[3], r[4]);
        }
    }
}

fn f(v: f64) -> String {
    if v.is_nan() {
        "n/a".into()
    } else if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn ratio(v: f64) -> String {
    if v.is_nan() {
        String::new()
    } else {
        format!("{}×", f(v))
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "**missed**"
    }
}

fn main() {
    let args = args();
    let dir = std::env::temp_dir().join(format!("policy-lsp-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let setup = Setup {
        args: &args,
        dir: dir.clone(),
    };
    let mut t = Table(Vec::new());
    let log = |s: &str| eprintln!("bench: {s}");

    // 1. Batch checking.
    if let Some(corpus) = &args.corpus {
        let n = std::fs::read_dir(corpus).map(|d| d.count()).unwrap_or(0);
        log(&format!("batch: {n} files"));
        // Both sides are timed the same way and in turns: the machine's speed drifts
        // over minutes on a shared VM (the same binary's best of 5 varied from 94 to
        // 135 ms within one session), so timing one side after the other credited the
        // ratio with whatever the neighbours did in between. Each round is our best of
        // 5 and one Parliament run; each side's best over the rounds is its number.
        let rounds = if args.parliament.is_some() {
            BATCH_ROUNDS
        } else {
            1
        };
        let mut ours: Option<f64> = None;
        let mut theirs: Option<Parliament> = None;
        for round in 1..=rounds {
            let mine = time_cmd(5, || {
                let mut c = Command::new(&args.bin);
                c.args(["check", "--kind", "identity", "--format", "json"])
                    .arg(corpus);
                c
            });
            ours = match (ours, mine) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let Some((python, script)) = args.parliament.as_ref() else {
                break;
            };
            log(&format!(
                "batch: parliament (slow), round {round} of {rounds}"
            ));
            let run = parliament_run(python, script, corpus);
            if let (Some(m), Some(p)) = (mine, &run) {
                log(&format!(
                    "batch: round {round}: ours {m:.1} ms (best of 5), parliament {:.0} ms: {:.1}x",
                    p.ms,
                    (n as f64 / m) / (p.checked as f64 / p.ms)
                ));
            }
            theirs = match (theirs, run) {
                (Some(a), Some(b)) => Some(if b.ms < a.ms { b } else { a }),
                (a, b) => a.or(b),
            };
        }
        let fps = |ms: f64, files: usize| files as f64 / ms * 1000.0;
        let a = ours.map_or(f64::NAN, |ms| fps(ms, n));
        let b = theirs.as_ref().map_or(f64::NAN, |p| fps(p.ms, p.checked));
        let what = match &theirs {
            Some(p) if p.crashed > 0 => format!(
                "batch: AWS managed policies ({n} files), files/s (Parliament: {} checked, {} raised an exception)",
                p.checked, p.crashed
            ),
            _ => format!("batch: AWS managed policies ({n} files), files/s (Parliament)"),
        };
        t.row(
            what,
            f(a),
            f(b),
            ratio(a / b),
            format!("≥100× Parliament: {}", verdict(a / b >= 100.0)),
        );
        if let Some(p) = &theirs {
            if let Some(c) = &p.first_crash {
                log(&format!("parliament raised on {c}"));
            }
        }
        let theirs = theirs.map(|p| p.ms);
        let whole = ours.unwrap_or(f64::NAN);
        t.row(
            format!("batch: whole corpus, wall ms (ours: best of {} runs; Parliament: best of {rounds})", 5 * rounds),
            f(whole),
            f(theirs.unwrap_or(f64::NAN)),
            "",
            format!("< 1000 ms: {}", verdict(whole < 1000.0)),
        );
    }

    // 2. Editing latency.
    let all = docs();
    for d in &all {
        std::fs::write(dir.join(d.file), &d.text).unwrap();
    }
    for d in &all {
        log(&format!("latency: {} ({} edits)", d.name, args.edits));
        let (mut ours, mut theirs) = latency(&setup, d, args.edits, args.json_ls.is_some());
        log(&format!(
            "  result sizes ours {:?} json-ls {:?}",
            ours.sizes, theirs.sizes
        ));
        let is_b = d.file == "bucket-policy.json";
        let mut row = |what: &str, a: &mut Vec<f64>, b: &mut Vec<f64>, target: Option<f64>| {
            let (a50, a99) = (pct(a, 0.5), pct(a, 0.99));
            let (b50, b99) = (pct(b, 0.5), pct(b, 0.99));
            let tgt = match target {
                Some(ms) if is_b => format!("p99 < {ms} ms: {}", verdict(a99 < ms)),
                _ => String::new(),
            };
            t.row(
                format!("{}: {what} p50 / p99 ms (json-ls)", d.name),
                format!("{} / {}", f(a50), f(a99)),
                format!("{} / {}", f(b50), f(b99)),
                ratio(b99 / a99),
                tgt,
            );
        };
        row(
            "didChange→diagnostics",
            &mut ours.diag,
            &mut theirs.diag,
            Some(5.0),
        );
        row("hover", &mut ours.hover, &mut theirs.hover, Some(2.0));
        row(
            "completion in Condition",
            &mut ours.completion,
            &mut theirs.completion,
            Some(5.0),
        );
        row(
            "code actions",
            &mut ours.code_action,
            &mut theirs.code_action,
            None,
        );
        if d.file != "generated.json" {
            let mut eager = completion_without_resolve(&setup, d, args.edits);
            row(
                "completion, client without resolve support (documentation inline)",
                &mut eager,
                &mut Vec::new(),
                None,
            );
        }
    }

    // 3. Start-up and memory.
    log("start-up and memory");
    let s = startup(&setup, &all[0].text, 20);
    t.row(
        "start-up: process start → first diagnostics, ms (median of 20, 2 KB doc)",
        f(s),
        "",
        "",
        format!("< 100 ms: {}", verdict(s < 100.0)),
    );
    let m = memory(&setup, Server::Ours, &all[1].text);
    let mj = args
        .json_ls
        .as_ref()
        .map_or(f64::NAN, |_| memory(&setup, Server::JsonLs, &all[1].text));
    t.row(
        "memory: peak RSS, MB, 100 open 20 KB docs (json-ls)",
        f(m),
        f(mj),
        "",
        format!("< 80 MB: {}", verdict(m < 80.0)),
    );

    // 4. Scaling (in-process `analyze`, the work behind `check` and each didChange).
    log("scaling");
    let config = Config::default();
    let _ = analyze("{}", None, &config); // load the catalog first
    for kb in [1usize, 4, 16, 64, 256, 1024] {
        let text = policy_bytes(kb << 10, false);
        let v = analyze_ms(&text, &config);
        t.row(
            format!(
                "scaling: analyze {kb} KB, ms ({} MB/s)",
                f(text.len() as f64 / 1e6 / (v / 1000.0))
            ),
            f(v),
            "",
            "",
            "",
        );
    }
    for n in [1usize, 10, 100, 1000, 10_000] {
        let text = policy_n(n, false);
        let v = analyze_ms(&text, &config);
        t.row(
            format!(
                "scaling: analyze {n} statements ({} KB), ms ({} µs/statement)",
                text.len() >> 10,
                f(v * 1000.0 / n as f64)
            ),
            f(v),
            "",
            "",
            "",
        );
    }
    let w = wildcard_pathological_ms();
    t.row(
        "wildcard: pathological patterns (`a*`×200+`b`, `a*`×200, `*?`×300+`*b` on 5,000 `a`s), ms",
        f(w),
        "",
        "",
        "",
    );
    let _ = std::fs::remove_dir_all(&dir);
    t.print();
}
