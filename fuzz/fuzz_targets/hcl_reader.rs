//! The fast HCL reader against tree-sitter's HCL grammar on arbitrary text: whenever the
//! fast reader reads a file, its tree must be tree-sitter's, node for node, and
//! tree-sitter must find no syntax error in it (else the errors would go unreported).
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lsp::hosts::terraform::compare_fast_read;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(why) = compare_fast_read(&text) {
        panic!("{why}");
    }
});
