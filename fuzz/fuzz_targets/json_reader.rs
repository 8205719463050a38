//! The fast JSON template reader against the tolerant parser on arbitrary text:
//! whenever the fast reader reads a text, its tree must be the parser's (through
//! `hosts::from_json`), value for value and range for range, and the parser must find
//! no syntax error in it (else the errors would go unreported).
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lsp::hosts::json_fast::compare_fast_read;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(why) = compare_fast_read(&text) {
        panic!("{why}");
    }
});
