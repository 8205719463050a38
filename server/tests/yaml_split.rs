//! Big CloudFormation YAML templates are read in two parts on two cores
//! (`hosts::yaml`): checked here on every YAML template of the corpora nobody here
//! wrote, whatever their size: the YAML templates of the PyPI source package of
//! cfn-lint 1.58.0 (`test/fixtures/templates`, fetched by
//! `tests/corpus/host-corpora.sh`) and `tests/corpus/real-templates`. Each template the
//! split accepts must give exactly the tree and the syntax errors of reading it whole;
//! the others are read whole anyway.

mod corpora;

use corpora::{fetched_corpora, files_with_extension, repo_root};
use policy_lsp::hosts::yaml::compare_split_read;
use std::path::PathBuf;

/// The cfn-lint source package `tests/corpus/host-corpora.sh` fetches.
fn cfn_lint_corpus() -> PathBuf {
    fetched_corpora()
        .into_iter()
        .find(|d| d.to_string_lossy().contains("cfn_lint"))
        .expect("the cfn-lint corpus")
}

#[test]
fn split_reading_gives_the_whole_reading_on_every_corpus_template() {
    let dirs = [
        cfn_lint_corpus().join("test/fixtures/templates"),
        repo_root().join("tests/corpus/real-templates"),
    ];
    let (mut split, mut whole) = (0, 0);
    let mut failures = Vec::new();
    for dir in &dirs {
        let mut files = Vec::new();
        files_with_extension(dir, &["yaml", "yml", "template"], &mut files);
        assert!(!files.is_empty(), "no YAML under {}", dir.display());
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue; // not UTF-8: the reader never sees it either
            };
            match compare_split_read(&text) {
                Ok(true) => split += 1,
                Ok(false) => whole += 1,
                Err(why) => failures.push(format!("{}: {why}", f.display())),
            }
        }
    }
    eprintln!("YAML split reading: {split} templates split (same tree), {whole} read whole");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // 144 of 246 split when this was written (the rest use anchors, `---`, one
    // resource, ...): well over a hundred makes the comparison mean something.
    assert!(split >= 120, "only {split} templates split");
}
