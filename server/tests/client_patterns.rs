//! The editor clients' lists of policy file patterns are copies of the server's
//! (`policy_lsp::model::client_patterns`): this test compares each copy with it and,
//! with `UPDATE_EXPECT=1`, rewrites the copies (issue #17: one owner per fact).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// One copy: a file, the line that opens the list, the line that closes it, and how
/// one pattern is written there.
struct Copy {
    file: &'static str,
    open: &'static str,
    close: &'static str,
    item: fn(&str) -> String,
}

const COPIES: &[Copy] = &[
    Copy {
        file: "editors/vscode/src/client.ts",
        open: "export const DEFAULT_PATTERNS = [",
        close: "];",
        item: |g| format!("  '{g}',"),
    },
    Copy {
        file: "editors/nvim/lua/policy_lsp/init.lua",
        open: "M.default_patterns = {",
        close: "}",
        item: |g| format!("  '{g}',"),
    },
    Copy {
        file: "editors/vscode/package.json",
        open: "\"activationEvents\": [",
        close: "    \"workspaceContains:**/policy-lsp.toml\",",
        item: |g| format!("    \"workspaceContains:{g}\","),
    },
    Copy {
        file: "editors/vscode/package.json",
        open: "          \"default\": [",
        close: "          ],",
        item: |g| format!("            \"{g}\","),
    },
];

/// The lines between the first line that is `open` and the next that is `close`
/// (compared without indentation).
fn section(text: &str, copy: &Copy) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.trim() == copy.open.trim())?;
    let end = start
        + lines[start..]
            .iter()
            .position(|l| l.trim() == copy.close.trim())?;
    Some((start + 1, end))
}

#[test]
fn client_pattern_lists_are_the_servers() {
    let patterns = policy_lsp::model::client_patterns();
    assert!(patterns.contains(&"**/*.s3.json".to_string()));
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut bad = Vec::new();
    for copy in COPIES {
        let path = root().join(copy.file);
        let text = std::fs::read_to_string(&path).expect("read client file");
        let Some((start, end)) = section(&text, copy) else {
            bad.push(format!(
                "{}: no list opened by `{}`",
                copy.file,
                copy.open.trim()
            ));
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        // In activationEvents only the workspaceContains lines for policies count.
        let (keep, got): (Vec<&str>, Vec<&str>) = lines[start..end]
            .iter()
            .partition(|l| l.contains("onLanguage:"));
        let mut want: Vec<String> = patterns.iter().map(|g| (copy.item)(g)).collect();
        if copy.file.ends_with(".json") && copy.open.contains("default") {
            // The last item of a JSON array has no comma.
            if let Some(last) = want.last_mut() {
                *last = last.trim_end_matches(',').to_string();
            }
        }
        if got.iter().map(|l| l.to_string()).collect::<Vec<_>>() == want {
            continue;
        }
        if update {
            let mut out: Vec<String> = lines[..start].iter().map(|l| l.to_string()).collect();
            out.extend(keep.iter().map(|l| l.to_string()));
            out.extend(want);
            out.extend(lines[end..].iter().map(|l| l.to_string()));
            let mut new = out.join("\n");
            if text.ends_with('\n') {
                new.push('\n');
            }
            std::fs::write(&path, new).expect("write client file");
        } else {
            bad.push(format!("{}: {:?} is not {:?}", copy.file, got, want));
        }
    }
    assert!(
        bad.is_empty(),
        "client lists differ from the server's (UPDATE_EXPECT=1 rewrites them):\n{}",
        bad.join("\n")
    );
}
