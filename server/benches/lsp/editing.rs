//! Editing latency, start-up and memory, measured over stdio.

use crate::client::{Client, Server, Setup};
use crate::docs::{pos_of, Doc};
use crate::table::{f, ms, pct, ratio, verdict, Table};
use serde_json::{json, Value};
use std::process::Command;
use std::time::{Duration, Instant};

#[derive(Default)]
pub(crate) struct Latency {
    pub(crate) diag: Vec<f64>,
    pub(crate) hover: Vec<f64>,
    pub(crate) completion: Vec<f64>,
    pub(crate) code_action: Vec<f64>,
    /// Result sizes of the last round, as a sanity check that the work was done.
    pub(crate) sizes: [usize; 4],
}

/// One server with one document open, edited and queried round by round.
pub(crate) struct Session {
    pub(crate) server: Server,
    pub(crate) c: Client,
    pub(crate) uri: String,
    pub(crate) edit_at: Value,
    pub(crate) hover_at: Value,
    pub(crate) complete_at: Value,
    pub(crate) action_line: Value,
    pub(crate) res: Latency,
    /// Rounds done, recorded or not (each edits, so each has its own version).
    pub(crate) rounds: usize,
}

impl Session {
    pub(crate) fn open(setup: &Setup, server: Server, doc: &Doc) -> Session {
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
    pub(crate) fn warm_up(&mut self, setup: &Setup, n: usize) {
        let kept = std::mem::take(&mut self.res);
        for _ in 0..n {
            self.round(setup);
        }
        let sizes = self.res.sizes;
        self.res = kept;
        self.res.sizes = sizes;
    }

    pub(crate) fn round(&mut self, setup: &Setup) {
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
    pub(crate) fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.c.child.id().to_string())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "kill -{sig} failed");
    }

    pub(crate) fn finish(self) -> Latency {
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
pub(crate) fn latency(setup: &Setup, doc: &Doc, edits: usize, json_ls: bool) -> (Latency, Latency) {
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
pub(crate) fn startup(setup: &Setup, text: &str, runs: usize) -> f64 {
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
pub(crate) fn memory(setup: &Setup, server: Server, text: &str) -> f64 {
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

/// Completion latency for a client that cannot resolve items (documentation inline).
pub(crate) fn completion_without_resolve(setup: &Setup, doc: &Doc, n: usize) -> Vec<f64> {
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

/// The latency rows of each document: ours and (when given) vscode-json-language-server.
pub(crate) fn latency_rows(setup: &Setup, all: &[Doc], t: &mut Table) {
    let args = setup.args;
    let log = |s: &str| eprintln!("bench: {s}");
    for d in all {
        log(&format!("latency: {} ({} edits)", d.name, args.edits));
        let (mut ours, mut theirs) = latency(setup, d, args.edits, args.json_ls.is_some());
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
            let mut eager = completion_without_resolve(setup, d, args.edits);
            row(
                "completion, client without resolve support (documentation inline)",
                &mut eager,
                &mut Vec::new(),
                None,
            );
        }
    }
}

/// The start-up and memory rows.
pub(crate) fn startup_rows(setup: &Setup, all: &[Doc], t: &mut Table) {
    let args = setup.args;
    let s = startup(setup, &all[0].text, 20);
    t.row(
        "start-up: process start → first diagnostics, ms (median of 20, 2 KB doc)",
        f(s),
        "",
        "",
        format!("< 100 ms: {}", verdict(s < 100.0)),
    );
    let m = memory(setup, Server::Ours, &all[1].text);
    let mj = args
        .json_ls
        .as_ref()
        .map_or(f64::NAN, |_| memory(setup, Server::JsonLs, &all[1].text));
    t.row(
        "memory: peak RSS, MB, 100 open 20 KB docs (json-ls)",
        f(m),
        f(mj),
        "",
        format!("< 80 MB: {}", verdict(m < 80.0)),
    );
}
