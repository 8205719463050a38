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

mod batch;
mod client;
mod docs;
mod editing;
mod scaling;
mod table;

use client::Setup;
use docs::docs;
use std::path::PathBuf;
use table::Table;

pub(crate) struct Args {
    pub(crate) bin: PathBuf,
    pub(crate) corpus: Option<PathBuf>,
    pub(crate) parliament: Option<(PathBuf, PathBuf)>,
    pub(crate) json_ls: Option<PathBuf>,
    pub(crate) schemas: Option<PathBuf>,
    pub(crate) edits: usize,
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

fn main() {
    let args = args();
    let dir = std::env::temp_dir().join(format!("policy-lsp-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the bench's temporary folder");
    let setup = Setup {
        args: &args,
        dir: dir.clone(),
    };
    let mut t = Table(Vec::new());
    if let Some(corpus) = &args.corpus {
        batch::rows(&args, corpus, &mut t);
    }
    let all = docs();
    for d in &all {
        std::fs::write(dir.join(d.file), &d.text).expect("write a bench document");
    }
    editing::latency_rows(&setup, &all, &mut t);
    eprintln!("bench: start-up and memory");
    editing::startup_rows(&setup, &all, &mut t);
    eprintln!("bench: scaling");
    scaling::rows(&mut t);
    let _ = std::fs::remove_dir_all(&dir);
    t.print();
}
