//! Reading the configured notes files and folders into `(path, text)` pairs for
//! [`crate::notes::Notes::new`] (the notes module itself reads no files).

use crate::notes::MAX_SOURCE_BYTES;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Folders are searched this deep at most.
const MAX_DEPTH: usize = 8;
/// At most this many files are read in total.
const MAX_FILES: usize = 500;

/// Read notes: a file path is read whatever its extension; a folder is searched
/// recursively for `*.md` / `*.markdown` (hidden entries skipped, sorted by path).
/// Labels are absolute paths. Every problem (missing path, unreadable file, invalid
/// UTF-8, binary content, too large) becomes one error message and the file is
/// skipped; this never panics.
pub fn load_paths(paths: &[PathBuf]) -> (Vec<(String, String)>, Vec<String>) {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.clone());
        match fs::metadata(&p) {
            Err(e) => errors.push(format!("notes path {}: {}", p.display(), io_reason(&e))),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(&p, 0, &mut found, &mut errors);
                found.sort();
                files.extend(found);
            }
            Ok(_) => files.push(p),
        }
    }
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    if files.len() > MAX_FILES {
        errors.push(format!(
            "notes: {} files found, only the first {MAX_FILES} are read",
            files.len()
        ));
        files.truncate(MAX_FILES);
    }
    let mut out = Vec::new();
    for f in files {
        match read_one(&f) {
            Ok(text) => out.push((f.to_string_lossy().into_owned(), text)),
            Err(e) => errors.push(format!("notes file {}: {e}", f.display())),
        }
    }
    (out, errors)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not found".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

fn read_one(path: &Path) -> Result<String, String> {
    let len = fs::metadata(path).map_err(|e| io_reason(&e))?.len();
    if len > MAX_SOURCE_BYTES as u64 {
        return Err(format!(
            "too large ({len} bytes; notes files are limited to {MAX_SOURCE_BYTES} bytes)"
        ));
    }
    let bytes = fs::read(path).map_err(|e| io_reason(&e))?;
    if bytes.contains(&0) {
        return Err("looks binary (contains NUL bytes), not Markdown".to_string());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    if depth > MAX_DEPTH || out.len() > MAX_FILES {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("notes folder {}: {}", dir.display(), io_reason(&e)));
            return;
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Symlinked folders are not followed (no cycles); symlinked files are read.
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            walk(&path, depth + 1, out, errors);
        } else {
            let lower = name.to_ascii_lowercase();
            if (lower.ends_with(".md") || lower.ends_with(".markdown"))
                && fs::metadata(&path).is_ok_and(|m| m.is_file())
            {
                out.push(path);
            }
        }
    }
}
