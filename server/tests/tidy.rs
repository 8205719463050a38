//! Tidy checks on the source tree (issue #17): the top-level modules import one way,
//! the core does no I/O, the crate forbids `unsafe`, and files and functions stay
//! short. They read the sources as text. The imports are those of `server/src`, where
//! test code (from a file's first `#[cfg(test)]` on, and `tests*.rs` files) and
//! comments do not count. The size limits cover `server/src` and `server/tests` alike
//! and count every line: a test binary too long for one file is a directory
//! (`tests/<name>/main.rs` and one module per topic).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and the modules it may use. A module not listed here fails
/// the test: a new module takes a line (and a place in the layers) when it is added.
const ALLOWED: &[(&str, &[&str])] = &[
    ("syntax", &[]),
    ("suggest", &[]),
    // Work over a list on all cores.
    ("parallel", &[]),
    ("diagnostic", &["syntax"]),
    ("catalog", &["suggest"]),
    ("model", &["syntax"]),
    // Policies inside CloudFormation and Terraform files: host trees and virtual documents.
    ("hosts", &["model", "parallel", "syntax"]),
    ("notes", &["catalog", "suggest"]),
    // Plain data and the one reader of settings; rule names and levels are resolved
    // in `rules`.
    ("config", &["catalog", "diagnostic", "model", "suggest"]),
    (
        "rules",
        &[
            "catalog",
            "config",
            "diagnostic",
            "model",
            "schema",
            "suggest",
            "syntax",
        ],
    ),
    ("schema", &["model", "syntax"]),
    (
        "analysis",
        &[
            "catalog",
            "config",
            "diagnostic",
            "hosts",
            "model",
            "parallel",
            "rules",
            "schema",
            "syntax",
        ],
    ),
    (
        "ide",
        &[
            "analysis",
            "catalog",
            "config",
            "diagnostic",
            "hosts",
            "model",
            "notes",
            "rules",
            "syntax",
        ],
    ),
    // The edges: `workspace` is the file system both share; `cli` and `lsp` never
    // use each other (main dispatches).
    (
        "workspace",
        &["catalog", "config", "model", "notes", "rules", "schema"],
    ),
    (
        "cli",
        &[
            "analysis",
            "catalog",
            "config",
            "diagnostic",
            "hosts",
            "ide",
            "model",
            "notes",
            "parallel",
            "rules",
            "schema",
            "syntax",
            "workspace",
        ],
    ),
    (
        "lsp",
        &[
            "analysis",
            "catalog",
            "config",
            "diagnostic",
            "hosts",
            "ide",
            "model",
            "notes",
            "rules",
            "syntax",
            "workspace",
        ],
    ),
];

/// Modules that may reach outside the process.
const EDGES: &[&str] = &["workspace", "cli", "lsp"];

/// What only the edges may use (`std::net` address parsing is pure and allowed).
const OUTSIDE: &[&str] = &["std::fs", "std::env", "std::process", "tokio", "tower_lsp"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, acc: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read a source folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, acc);
        } else if p.extension().is_some_and(|e| e == "rs") {
            acc.push(p);
        }
    }
}

/// (path relative to src, top-level module, code without tests and comments).
fn sources() -> Vec<(String, String, String)> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut res = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(src())
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let stem = rel.rsplit('/').next().unwrap_or("");
        if rel == "lib.rs" || rel == "main.rs" || stem.starts_with("tests") {
            continue;
        }
        let top = rel
            .split('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".rs")
            .to_string();
        let text = std::fs::read_to_string(&f).expect("read");
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        let code: String = text
            .lines()
            .map(|l| match l.find("//") {
                Some(i) if !l[..i].contains('"') => &l[..i],
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        res.push((rel, top, code));
    }
    res
}

fn uses_of(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut res = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let after = &rest[i + prefix.len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        let before_ok = rest[..i]
            .chars()
            .last()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_');
        if before_ok && !name.is_empty() {
            res.insert(name);
        }
        rest = &rest[i + prefix.len()..];
    }
    res
}

#[test]
fn top_level_modules_import_one_way() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut bad = Vec::new();
    let mut seen_modules = BTreeSet::new();
    for (rel, top, code) in sources() {
        seen_modules.insert(top.clone());
        let Some(may) = allowed.get(top.as_str()) else {
            bad.push(format!("{rel}: module `{top}` has no line in ALLOWED"));
            continue;
        };
        for used in uses_of(&code, "crate::") {
            if used != top && allowed.contains_key(used.as_str()) && !may.contains(&used.as_str()) {
                bad.push(format!("{rel}: `{top}` uses `{used}`"));
            }
        }
    }
    assert!(bad.is_empty(), "arrows not allowed:\n{}", bad.join("\n"));
    // The table is a partial order: no cycles.
    fn reaches(from: &str, to: &str, allowed: &BTreeMap<&str, &[&str]>, depth: usize) -> bool {
        depth < 20
            && allowed.get(from).is_some_and(|next| {
                next.iter()
                    .any(|n| *n == to || reaches(n, to, allowed, depth + 1))
            })
    }
    let cycles: Vec<&str> = allowed
        .keys()
        .copied()
        .filter(|m| reaches(m, m, &allowed, 0))
        .collect();
    assert!(cycles.is_empty(), "modules in a cycle: {cycles:?}");
    assert!(seen_modules.len() >= 14, "{seen_modules:?}");
}

/// The allowed arrows themselves have no cycle: every module can be built on the ones
/// before it (no pair such as config <-> rules or cli <-> lsp).
#[test]
fn allowed_arrows_have_no_cycle() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut placed: Vec<&str> = Vec::new();
    while placed.len() < allowed.len() {
        let next = allowed
            .iter()
            .find(|(m, deps)| !placed.contains(m) && deps.iter().all(|d| placed.contains(d)));
        match next {
            Some((m, _)) => placed.push(m),
            None => panic!(
                "a cycle among {:?}",
                allowed
                    .keys()
                    .filter(|m| !placed.contains(m))
                    .collect::<Vec<_>>()
            ),
        }
    }
}

#[test]
fn only_the_edges_reach_outside() {
    let mut bad = Vec::new();
    for (rel, top, code) in sources() {
        if EDGES.contains(&top.as_str()) {
            continue;
        }
        for what in OUTSIDE {
            let found = code.contains(&format!("{what}::"))
                || code.contains(&format!("use {what};"))
                || code.contains(&format!("{what} ="));
            if found {
                bad.push(format!("{rel}: {what}"));
            }
        }
    }
    assert!(bad.is_empty(), "I/O below the edges:\n{}", bad.join("\n"));
}

#[test]
fn the_crate_forbids_unsafe_and_printing() {
    for file in ["lib.rs", "main.rs"] {
        let text = std::fs::read_to_string(src().join(file)).expect("read");
        assert!(text.contains("#![forbid(unsafe_code)]"), "{file}");
    }
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("read");
    assert!(
        lib.contains("#![deny(clippy::print_stdout, clippy::print_stderr)]"),
        "stdout is the protocol's: print through the client or `log_stderr`"
    );
}

#[test]
fn uses_are_found_where_a_path_starts() {
    let code = "use crate::rules::{self, RuleCtx};\nlet x = crate::catalog::Catalog::builtin(); // crate::lsp\nmy_crate::ide::x();";
    let found: Vec<String> = uses_of(code, "crate::").into_iter().collect();
    assert_eq!(found, ["catalog", "lsp", "rules"]);
}

/// The longest a source file of the server crate (`src`, `tests`, `benches`, `build.rs`)
/// may be, in lines.
const MAX_FILE_LINES: usize = 800;
/// The longest a function may be, in lines from `fn` to its closing brace. Tests are
/// held to it too: a test that needs more is doing several things.
const MAX_FN_LINES: usize = 100;
/// Where longer functions are allowed: the JSON parser and lexer (`src/syntax/`), and
/// the tree-sitter front ends that walk YAML and HCL trees (`src/hosts/yaml.rs`,
/// `src/hosts/terraform/`). A path ending in `/` is a folder.
const LONG_FUNCTIONS_ALLOWED: &[&str] =
    &["src/syntax/", "src/hosts/yaml.rs", "src/hosts/terraform/"];

/// Every `.rs` file of the server crate: `src`, `tests`, `benches` and `build.rs` (test
/// and bench code included): (path relative to `server`, text).
fn all_sources() -> Vec<(String, String)> {
    let server = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    rust_files(&server.join("tests"), &mut files);
    rust_files(&server.join("benches"), &mut files);
    files.push(server.join("build.rs"));
    files
        .into_iter()
        .map(|f| {
            let rel = f
                .strip_prefix(server)
                .expect("under server")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&f).expect("read"))
        })
        .collect()
}

/// (name, first line (1-based), length in lines) of each function in `text` with a
/// body: from the line of its `fn` to the line holding only `}` at the same indent.
fn function_lengths(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut res = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let rest = line.trim_start();
        let indent = &line[..line.len() - rest.len()];
        let mut rest = rest;
        for prefix in [
            "pub(crate) ",
            "pub(super) ",
            "pub ",
            "const ",
            "async ",
            "unsafe ",
        ] {
            rest = rest.strip_prefix(prefix).unwrap_or(rest);
        }
        let Some(sig) = rest.strip_prefix("fn ") else {
            continue;
        };
        if line.trim_end().ends_with(';') {
            continue; // a declaration in a trait
        }
        let name: String = sig
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let close = format!("{indent}}}");
        let end = if line.trim_end().ends_with('}') {
            Some(i)
        } else {
            lines[i..].iter().position(|l| *l == close).map(|n| i + n)
        };
        if let Some(end) = end {
            res.push((name, i + 1, end - i + 1));
        }
    }
    res
}

#[test]
fn files_and_functions_stay_short() {
    let sources = all_sources();
    for seen in [
        "src/lib.rs",
        "tests/tidy.rs",
        "tests/lsp_protocol/main.rs",
        "benches/lsp/main.rs",
        "build.rs",
    ] {
        assert!(
            sources.iter().any(|(rel, _)| rel == seen),
            "{seen} not read"
        );
    }
    let mut bad = Vec::new();
    for (rel, text) in sources {
        let n = text.lines().count();
        if n > MAX_FILE_LINES {
            bad.push(format!(
                "{rel}: {n} lines (at most {MAX_FILE_LINES}): split it by topic"
            ));
        }
        let allowed = LONG_FUNCTIONS_ALLOWED
            .iter()
            .any(|a| match a.strip_suffix('/') {
                Some(dir) => rel.starts_with(&format!("{dir}/")),
                None => rel == *a,
            });
        if allowed {
            continue;
        }
        for (name, line, len) in function_lengths(&text) {
            if len > MAX_FN_LINES {
                bad.push(format!(
                    "{rel}:{line}: fn {name} has {len} lines (at most {MAX_FN_LINES}): split it"
                ));
            }
        }
    }
    assert!(bad.is_empty(), "too long:\n{}", bad.join("\n"));
}

#[test]
fn function_lengths_run_to_the_closing_brace() {
    let code = "fn one() {}\n\npub(crate) fn two(\n    x: u8,\n) -> u8 {\n    x\n}\n\nimpl A {\n    pub fn three(&self) {\n        if true {\n        }\n    }\n    fn decl(&self);\n}\n";
    let found = function_lengths(code);
    let want = [("one", 1, 1), ("two", 3, 5), ("three", 10, 4)];
    let found: Vec<(&str, usize, usize)> = found
        .iter()
        .map(|(n, l, len)| (n.as_str(), *l, *len))
        .collect();
    assert_eq!(found, want);
}

/// Where each walk of `rules::Walk` lives, relative to src.
const WALKS: &[(&str, &str)] = &[
    ("Parser", "analysis.rs"),
    ("Host", "analysis/host.rs"),
    ("Schema", "rules/schema.rs"),
    ("Actions", "rules/actions.rs"),
    ("Resources", "rules/resources.rs"),
    ("Principals", "rules/principals.rs"),
    ("Conditions", "rules/conditions.rs"),
    ("Variables", "rules/variables.rs"),
    ("PolicyService", "rules/policy_service.rs"),
];

/// Every rule file says where its findings come from (`checks`), and the walks call
/// exactly the rules that name them: a rule with only hooks (document, statement,
/// Allow) is called by the analysis through the registry and by no walk, so adding
/// one is its file plus one line in its group's `group!`.
#[test]
fn walks_call_exactly_the_rules_that_name_them() {
    let code_of = |rel: &str| -> String {
        let text = std::fs::read_to_string(src().join(rel)).expect("read a walk");
        text.split("#[cfg(test)]").next().unwrap_or("").to_string()
    };
    let mut rules = Vec::new(); // (group/name, walks named)
    for group in std::fs::read_dir(src().join("rules")).expect("rules") {
        let dir = group.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        let group = dir.file_name().expect("name").to_string_lossy().to_string();
        for f in std::fs::read_dir(&dir).expect("group") {
            let f = f.expect("entry").path();
            if f.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let name = f.file_stem().expect("stem").to_string_lossy().to_string();
            let text = std::fs::read_to_string(&f).expect("read a rule");
            let Some(checks) = text.split("checks: &[").nth(1) else {
                panic!("rules/{group}/{name}.rs: its RULE has no `checks`");
            };
            let checks = checks.split("],").next().unwrap_or("");
            assert!(
                !checks.trim().is_empty(),
                "rules/{group}/{name}.rs: empty `checks`"
            );
            let walks: Vec<&str> = WALKS
                .iter()
                .map(|(w, _)| *w)
                .filter(|w| checks.contains(&format!("Walk::{w})")))
                .collect();
            rules.push((group.clone(), name, walks));
        }
    }
    assert!(rules.len() > 80, "{} rule files", rules.len());
    let mut problems = Vec::new();
    for (walk, rel) in WALKS {
        let code = code_of(rel);
        for (group, name, walks) in &rules {
            // Naming a rule's id (`x::RULE.id`, to compare a finding with it) is not a call.
            let path = format!("{name}::");
            let called = code
                .match_indices(&path)
                .any(|(i, _)| !code[i + path.len()..].starts_with("RULE.id"));
            let named = walks.contains(walk);
            if called != named {
                problems.push(format!(
                    "rules/{group}/{name}.rs {} Walk::{walk} but {rel} {} it",
                    if named { "names" } else { "does not name" },
                    if called { "calls" } else { "never calls" }
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
