//! In-process scaling of `analyze`, and the wildcard matcher's worst cases.

use crate::docs::{policy_bytes, policy_n};
use crate::table::{f, ms, pct, Table};
use policy_lsp::analysis::analyze;
use policy_lsp::config::Config;
use std::time::Instant;

/// Median time of `analyze` over `text` in ms (in-process, catalog loaded).
pub(crate) fn analyze_ms(text: &str, config: &Config) -> f64 {
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
pub(crate) fn wildcard_pathological_ms() -> f64 {
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

/// The scaling rows: in-process `analyze` (the work behind `check` and each didChange)
/// by size and by statement count, and the wildcard matcher's worst cases.
pub(crate) fn rows(t: &mut Table) {
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
}
