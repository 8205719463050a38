//! Parser + full analysis + every IDE feature on arbitrary bytes (lossy UTF-8).
//! Must never panic (the server catches panics, but a panic still loses the
//! document's diagnostics), and positions must round-trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lsp::analysis::analyze;
use policy_lsp::config::Config;
use policy_lsp::ide;
use policy_lsp::lsp::convert::{from_proto, to_proto};
use policy_lsp::syntax::{Encoding, TextRange};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file name, which picks the kind and the front end
    // (digits in the seeds of fuzz/seeds/analyze: `6` + a YAML template, ...).
    let (sel, body) = data.split_first().map_or((0, data), |(b, rest)| (*b, rest));
    let text = String::from_utf8_lossy(body);
    let names = [
        "policy.json",
        "key.kms.json",
        "bucket-policy.json",
        "role-trust.json",
        "scp.json",
        "x.txt",
        "template.yaml",
        "main.tf",
        "stack.template",
        "policy.json.tpl",
    ];
    let name = names[usize::from(sel.wrapping_sub(b'0')) % names.len()];
    let config = Config::default();
    let analysis = analyze(&text, Some(name), &config);
    let catalog = config.catalog();
    let len = text.len();
    // A few offsets spread over the text (char boundaries or not).
    let step = (len / 7).max(1);
    for offset in (0..=len).step_by(step).chain([len]) {
        let _ = ide::hover::hover_with(&analysis, catalog, offset);
        let _ = ide::completion::completions(&analysis, catalog, offset);
        let _ = ide::selection_ranges(&analysis, offset);
        let range = TextRange::new(offset.saturating_sub(3), offset);
        let _ = ide::code_actions(&analysis, catalog, range);
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let p = to_proto::position(&analysis, offset, enc);
            let back = from_proto::offset(&analysis, p, enc);
            assert!(back <= len, "offset {back} past the end {len}");
            assert!(text.is_char_boundary(back), "offset {back} not a char boundary");
        }
    }
    let _ = ide::fix_all(&analysis);
    let _ = ide::document_symbols(&analysis);
    let _ = ide::folding_ranges(&analysis);
    let _ = ide::status(&analysis);
    for d in ide::diagnostics(&analysis) {
        assert!(d.range.end as usize <= len, "diagnostic past the end: {d:?}");
        let _ = to_proto::diagnostic(&analysis, d, Encoding::Utf16);
    }
});
