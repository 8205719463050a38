//! Big CloudFormation YAML templates are read in two parts on two cores
//! (`hosts::yaml`): checked here on every YAML template of the corpora nobody here
//! wrote, whatever their size: the YAML templates of the PyPI source package of
//! cfn-lint 1.58.0 (`test/fixtures/templates`, fetched by
//! `tests/corpus/host-corpora.sh`) and `tests/corpus/real-templates`. Each template the
//! split accepts must give exactly the tree and the syntax errors of reading it whole;
//! the others are read whole anyway.

use policy_lsp::hosts::yaml::compare_split_read;
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The cfn-lint source package that `tests/corpus/host-corpora.sh` prints (it fetches
/// it when missing).
fn cfn_lint_corpus() -> PathBuf {
    let script = repo_root().join("tests/corpus/host-corpora.sh");
    let out = std::process::Command::new("bash")
        .arg(&script)
        .output()
        .unwrap_or_else(|e| panic!("{} did not run: {e}", script.display()));
    assert!(out.status.success(), "{} failed", script.display());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(PathBuf::from)
        .find(|d| d.to_string_lossy().contains("cfn_lint"))
        .expect("the cfn-lint corpus")
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{} unreadable: {e}", dir.display()));
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|x| x == "yaml" || x == "yml" || x == "template")
        {
            out.push(path);
        }
    }
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
        yaml_files(dir, &mut files);
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
