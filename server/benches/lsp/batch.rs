//! Batch checking of the AWS managed policies, ours against Parliament.

use crate::table::{f, ms, ratio, verdict, Table};
use crate::Args;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Rounds of the batch comparison (see there).
pub(crate) const BATCH_ROUNDS: usize = 3;

/// Wall time of a command (best of `runs`), in ms.
pub(crate) fn time_cmd(runs: usize, mut make: impl FnMut() -> Command) -> Option<f64> {
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

pub(crate) struct Parliament {
    pub(crate) ms: f64,
    pub(crate) checked: usize,
    pub(crate) crashed: usize,
    pub(crate) first_crash: Option<String>,
}

/// One run of the Parliament driver over `dir`: wall time of the whole process and the
/// summary line it prints last on stderr.
pub(crate) fn parliament_run(python: &Path, script: &Path, dir: &Path) -> Option<Parliament> {
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

/// The batch rows: our `check` over the corpus against Parliament's driver, taking turns.
pub(crate) fn rows(args: &Args, corpus: &Path, t: &mut Table) {
    let log = |s: &str| eprintln!("bench: {s}");
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
        format!(
            "batch: whole corpus, wall ms (ours: best of {} runs; Parliament: best of {rounds})",
            5 * rounds
        ),
        f(whole),
        f(theirs.unwrap_or(f64::NAN)),
        "",
        format!("< 1000 ms: {}", verdict(whole < 1000.0)),
    );
}
