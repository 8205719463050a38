//! The edge that CLI and language server share for everything outside the process:
//! finding and reading config files (and the catalog files they name), reading notes
//! files, and warming caches on spare threads. The layers below (`syntax`, `model`,
//! `catalog`, `rules`, `config`, `notes`, `analysis`, `ide`) do no I/O; a tidy test
//! (`server/tests/tidy.rs`) keeps it so.

mod notes;

use crate::catalog::Catalog;
use crate::config::{self, Config, ConfigError};
use crate::model::DocKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use notes::load_paths as load_notes;

/// The nearest config file (`policy-lsp.toml`, `.policy-lsp.toml`) in `dir` or its
/// parents.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        for n in config::file::FILE_NAMES {
            let p = d.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
        cur = d.parent();
    }
    None
}

/// Reads and parses a config file, and the catalog file it names. A catalog file that
/// cannot be loaded is reported in the warnings and the built-in catalog is used.
pub fn load_config(path: &Path) -> Result<(Config, Vec<String>), ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        file: path.to_path_buf(),
        line: 0,
        message: format!("cannot read: {e}"),
    })?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut cfg = config::file::parse(&text, path, &base)?;
    let mut warnings = Vec::new();
    if let Some((name, message)) = crate::rules::unknown_name(&cfg) {
        return Err(ConfigError {
            file: path.to_path_buf(),
            line: config::file::line_of(&text, &name),
            message,
        });
    }
    if let Err(e) = load_catalog(&mut cfg) {
        let line = cfg.catalog_file.as_ref().map_or(0, |(_, l)| *l);
        warnings.push(format!("{}:{line}: {e}", path.display()));
    }
    Ok((cfg, warnings))
}

/// Loads the catalog file a config names (`catalog.path`) into it. On failure the
/// built-in catalog stays and the error says so.
pub fn load_catalog(cfg: &mut Config) -> Result<(), String> {
    let Some((p, _)) = &cfg.catalog_file else {
        return Ok(());
    };
    match std::fs::read_to_string(p)
        .map_err(|e| e.to_string())
        .and_then(|t| Catalog::from_json(&t))
    {
        Ok(c) => {
            cfg.catalog = Some(Arc::new(c));
            Ok(())
        }
        Err(e) => Err(format!(
            "catalog {} could not be loaded ({e}); using the built-in catalog",
            p.display()
        )),
    }
}

/// Loads the built-in catalog and builds the schemas of `kinds` on spare threads while
/// the caller reads files (`check`) or waits for the client (the server). Otherwise the
/// first analysis builds them while every other thread waits for it.
pub fn warm_up(kinds: Vec<DocKind>) {
    std::thread::spawn(|| {
        Catalog::builtin();
    });
    std::thread::spawn(move || crate::schema::warm_up(&kinds));
}
