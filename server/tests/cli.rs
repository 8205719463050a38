//! Runs the real binary: exit codes, output formats, broken and hostile input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_policy-lsp")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(repo())
        .output()
        .expect("run policy-lsp")
}

fn tmp(name: &str, content: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("policy-lsp-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let p = dir.join(name);
    std::fs::File::create(&p)
        .and_then(|mut f| f.write_all(content))
        .expect("write tmp");
    p
}

#[test]
fn examples_json_contract_and_snapshot() {
    let out = run(&["check", "--format", "json", "examples/"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let arr = v.as_array().expect("array");
    assert!(!arr.is_empty());
    for d in arr {
        let obj = d.as_object().expect("object");
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["code", "file", "message", "range", "severity"]);
        assert!(["error", "warning", "information", "hint"]
            .contains(&d["severity"].as_str().unwrap_or("")));
        for end in ["start", "end"] {
            assert!(d["range"][end]["line"].is_u64() && d["range"][end]["character"].is_u64());
        }
    }
    // One line per finding: file:line:col code, 1-based line for readability.
    let summary: String = arr
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}\n",
                d["file"].as_str().unwrap_or(""),
                d["range"]["start"]["line"].as_u64().unwrap_or(0) + 1,
                d["range"]["start"]["character"].as_u64().unwrap_or(0) + 1,
                d["severity"].as_str().unwrap_or(""),
                d["code"].as_str().unwrap_or("")
            )
        })
        .collect();
    expect_test::expect_file!["snapshots/examples.txt"].assert_eq(&summary);
}

#[test]
fn human_output_has_frames_and_no_color_when_piped() {
    let out = run(&["check", "examples/typos.iam.json"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--> examples/typos.iam.json:18:17"), "{text}");
    assert!(text.contains("^^^^^^^"), "{text}");
    assert!(!text.contains('\x1b'), "colour on a pipe: {text}");
}

#[test]
fn sarif_and_github_formats() {
    let out = run(&[
        "check",
        "--format",
        "sarif",
        "examples/bad-version.iam.json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("sarif json");
    assert_eq!(v["version"], "2.1.0");
    let res = &v["runs"][0]["results"][0];
    assert_eq!(res["ruleId"], "invalid-version");
    assert_eq!(
        res["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
    assert_eq!(
        res["locations"][0]["physicalLocation"]["region"]["startColumn"],
        14
    );
    let out = run(&[
        "check",
        "--format",
        "github",
        "examples/bad-version.iam.json",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("::error file=examples/bad-version.iam.json,line=2,col=14,"),
        "{text}"
    );
}

#[test]
fn clean_file_exits_zero() {
    let out = run(&["check", "examples/orders-data-key.kms.json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn usage_and_io_errors_exit_two() {
    assert_eq!(run(&["check"]).status.code(), Some(2));
    assert_eq!(
        run(&["check", "--format", "xml", "examples"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    let out = run(&["check", "does/not/exist.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does/not/exist.json"));
    let bad = tmp("latin1.iam.json", b"{\"Sid\": \"caf\xe9\"}");
    let out = Command::new(bin())
        .arg("check")
        .arg(&bad)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("latin1.iam.json") && err.contains("UTF-8"),
        "{err}"
    );
}

#[test]
fn broken_json_of_every_kind_is_an_error_not_a_crash() {
    let cases: &[(&str, &str, (u64, u64))] = &[
        (
            "missing-comma",
            "{\n  \"Version\": \"2012-10-17\"\n  \"Statement\": []\n}",
            (1, 25),
        ),
        (
            "trailing-comma",
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [],\n}",
            (2, 17),
        ),
        (
            "missing-colon",
            "{\n  \"Version\" \"2012-10-17\",\n  \"Statement\": []\n}",
            (1, 11),
        ),
        (
            "unterminated-string",
            "{\n  \"Version\": \"2012-10-17,\n  \"Statement\": []\n}",
            (1, 13),
        ),
        (
            "unclosed-brace",
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n",
            (0, 0),
        ),
        (
            "stray-char",
            "{\n  \"Version\": \"2012-10-17\", @\n  \"Statement\": []\n}",
            (1, 27),
        ),
        (
            "invalid-escape",
            "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"a\\qb\",\n  \"Statement\": []\n}",
            (2, 10),
        ),
        (
            "lone-surrogate",
            "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"\\uD800\",\n  \"Statement\": []\n}",
            (2, 9),
        ),
        ("empty", "", (0, 0)),
    ];
    for (name, src, (line, col)) in cases {
        let p = tmp(&format!("{name}.iam.json"), src.as_bytes());
        let out = Command::new(bin())
            .args(["check", "--format", "json"])
            .arg(&p)
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let first = v
            .as_array()
            .and_then(|a| a.iter().find(|d| d["code"] == "json-syntax"))
            .unwrap_or_else(|| panic!("{name}: no json-syntax in {v}"));
        assert_eq!(
            (
                first["range"]["start"]["line"].as_u64(),
                first["range"]["start"]["character"].as_u64()
            ),
            (Some(*line), Some(*col)),
            "{name}: {first}"
        );
    }
    // A BOM is fine.
    let p = tmp(
        "bom.iam.json",
        "\u{feff}{\"Version\": \"2012-10-17\", \"Statement\": []}".as_bytes(),
    );
    let out = Command::new(bin())
        .args(["check", "--format", "json"])
        .arg(&p)
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("json-syntax"));
}

#[test]
fn hostile_input_ends_cleanly() {
    let deep = "[".repeat(100_000);
    let p = tmp("deep.iam.json", deep.as_bytes());
    let out = Command::new(bin())
        .args(["check", "--format", "json"])
        .arg(&p)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let nesting = v.as_array().map_or(0, |a| {
        a.iter()
            .filter(|d| d["message"].as_str().unwrap_or("").contains("nesting"))
            .count()
    });
    assert_eq!(nesting, 1);
    // Random bytes that happen to be UTF-8, through stdin-free files.
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for i in 0..20 {
        let mut bytes = Vec::new();
        for _ in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            bytes.push(b"{}[]:,\"\\ ab01-.\n*"[(seed % 17) as usize]);
        }
        let p = tmp(&format!("random{i}.iam.json"), &bytes);
        let out = Command::new(bin())
            .args(["check", "--format", "json"])
            .arg(&p)
            .stdin(Stdio::null())
            .output()
            .expect("run");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "random{i}: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn rules_and_explain() {
    let out = run(&["rules"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("invalid-effect") && text.contains("INVALID_EFFECT"));
    let out = run(&["explain", "INVALID_EFFECT"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# invalid-effect:"));
    assert_eq!(run(&["explain", "no-such-rule"]).status.code(), Some(2));
}

#[test]
fn directories_skip_non_policy_json() {
    let dir = std::env::temp_dir().join(format!("policy-lsp-walk-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("node_modules")).expect("mkdir");
    std::fs::write(dir.join("package.json"), "{\"name\": \"x\"}").expect("write");
    std::fs::write(dir.join("node_modules/p.json"), "{\"Statement\": 1}").expect("write");
    std::fs::write(dir.join("p.iam.json"), "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}}").expect("write");
    // Named as a policy, so checked whatever its content (the editor does the same).
    std::fs::write(dir.join("broken.kms.json"), "\"Version\": 1}").expect("write");
    let out = Command::new(bin())
        .arg("check")
        .arg(&dir)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("checked 2 files, 2 policies (1 skipped as not policies)"),
        "{text}"
    );
    assert!(text.contains("broken.kms.json"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The summary counts the policies inside templates and Terraform files, one for a
/// policy file.
#[test]
fn summary_counts_policies_in_hosts() {
    let dir = std::env::temp_dir().join(format!("policy-lsp-hosts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let doc = "PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource: '*'\n";
    std::fs::write(
        dir.join("t.yaml"),
        format!("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      {doc}  B:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      {doc}"),
    )
    .expect("write");
    std::fs::write(
        dir.join("p.tf"),
        "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Action = \"s3:GetObject\", Resource = \"*\" }]\n  })\n}\n",
    )
    .expect("write");
    std::fs::write(dir.join("p.iam.json"), "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}}").expect("write");
    let out = Command::new(bin())
        .arg("check")
        .arg("--no-color")
        .arg(&dir)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("checked 3 files, 4 policies (0 skipped as not policies)"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Files of a folder tree are reported in the order of their sorted paths (component
/// by component, so `a/b.json` before `a.b/c.json` before `a.json`), whatever order the
/// file system lists them in.
#[test]
fn directory_files_come_in_sorted_path_order() {
    let dir = std::env::temp_dir().join(format!("policy-lsp-order-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let files = [
        "z.json",
        "a.json",
        "a/b.json",
        "a/B.json",
        "a.b/c.json",
        "a/deep/x.json",
        "a-c.json",
        ".hidden/h.json",
    ];
    // A finding in every file: an Allow of `iam:*` on `*`.
    let policy = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:*", "Resource": "*"}}"#;
    for f in files {
        let p = dir.join(f);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, policy).expect("write");
    }
    let out = Command::new(bin())
        .args(["check", "--format", "github"])
        .arg(&dir)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut seen: Vec<String> = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.split("file=").nth(1) else {
            continue;
        };
        let file = rest.split(',').next().unwrap_or_default().to_string();
        if seen.last() != Some(&file) {
            seen.push(file);
        }
    }
    let mut expected: Vec<PathBuf> = files
        .iter()
        .filter(|f| !f.starts_with('.'))
        .map(|f| dir.join(f))
        .collect();
    expected.sort();
    let expected: Vec<String> = expected
        .iter()
        .map(|p| p.to_string_lossy().to_string())
        .collect();
    assert_eq!(seen, expected, "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn config_levels_suppressions_and_errors() {
    let dir = std::env::temp_dir().join(format!("policy-lsp-config-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("legacy")).expect("mkdir");
    std::fs::copy(
        repo().join("examples/typos.iam.json"),
        dir.join("typos.iam.json"),
    )
    .expect("copy");
    std::fs::copy(
        repo().join("examples/legacy-variables.iam.json"),
        dir.join("legacy/old.iam.json"),
    )
    .expect("copy");
    std::fs::write(
        dir.join("policy-lsp.toml"),
        "[rules]\nunknown-action = \"warning\"\nINVALID_SERVICE_IN_ACTION = \"off\"\n\n[[ignore]]\npath = \"legacy/**\"\nrules = [\"variables-need-version\"]\nreason = \"migrating\"\n",
    )
    .expect("write");
    let out = Command::new(bin())
        .args(["check", "--format", "json", "--show-suppressed"])
        .arg(&dir)
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let codes: Vec<(&str, &str)> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or(""),
                d["severity"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(codes.contains(&("unknown-action", "warning")), "{codes:?}");
    assert!(
        !codes
            .iter()
            .any(|(c, _)| *c == "unknown-service" || *c == "variables-need-version"),
        "{codes:?}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("variables-need-version (migrating)"), "{err}");
    // A broken config: one clear message with file and line, exit 2.
    std::fs::write(
        dir.join("policy-lsp.toml"),
        "[rules]\nunknown-actoin = \"warning\"\n",
    )
    .expect("write");
    let out = Command::new(bin())
        .arg("check")
        .arg(&dir)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "policy-lsp.toml:2: unknown rule `unknown-actoin`: did you mean `unknown-action`?"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// `examples/README.md` lists every expected error and warning of the example files
/// (file, 1-based line, severity); the checker must report exactly those.
#[test]
fn examples_match_their_readme() {
    let readme =
        std::fs::read_to_string(repo().join("examples/README.md")).expect("examples/README.md");
    let section = readme
        .split("## Files with mistakes")
        .nth(1)
        .expect("section")
        .split("\n## ")
        .next()
        .unwrap_or("");
    let mut expected: Vec<(String, u64, String)> = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let file = cells[1].trim_matches('`').to_string();
        let n: u64 = cells[3].parse().expect("line number");
        expected.push((file, n, cells[4].to_string()));
    }
    assert!(expected.len() >= 20, "{expected:?}");
    let out = run(&["check", "--format", "json", "examples/"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let got: Vec<(String, u64, String)> = v
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| matches!(d["severity"].as_str(), Some("error" | "warning")))
        .map(|d| {
            let f = d["file"]
                .as_str()
                .unwrap_or("")
                .trim_start_matches("examples/")
                .to_string();
            (
                f,
                d["range"]["start"]["line"].as_u64().unwrap_or(0) + 1,
                d["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    for e in &expected {
        assert!(got.contains(e), "expected {e:?}, got {got:?}");
    }
    for g in &got {
        assert!(
            expected.contains(g),
            "unexpected finding {g:?} (not in examples/README.md)"
        );
    }
}

/// Valid but tricky policies (NotAction with Deny, variables, IfExists, Null, set
/// operators, federated trusts, 2008-10-17 without variables) get no error or warning,
/// except the legacy-Version warning where that version is used.
#[test]
fn valid_tricky_policies_are_clean() {
    let out = run(&["check", "--format", "json", "tests/corpus/valid/"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let loud: Vec<String> = v
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| matches!(d["severity"].as_str(), Some("error" | "warning")))
        .map(|d| format!("{} {} {}", d["file"], d["code"], d["message"]))
        .collect();
    assert_eq!(loud, vec![r#""tests/corpus/valid/legacy-2008.iam.json" "old-version" "Version 2008-10-17 is the legacy policy language: use \"2012-10-17\"""#.to_string()]);
}

#[test]
fn explain_shows_the_note_a_governance_rule_enforces() {
    let out = run(&["explain", "audit-tampering"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("## What the notes say"), "{text}");
    assert!(text.to_ascii_lowercase().contains("cloudtrail"), "{text}");
}

/// `[catalog] path` pointing at a corrupt file: one clear warning naming it, and the
/// built-in catalog is used; a valid newer file is used instead of the built-in one.
#[test]
fn catalog_path_corrupt_falls_back_and_valid_file_is_used() {
    let dir = std::env::temp_dir().join(format!("policy-lsp-catalog-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("bad-catalog.json"), "{\"source\": 1").expect("write");
    std::fs::write(
        dir.join("policy-lsp.toml"),
        "[catalog]\npath = \"bad-catalog.json\"\n",
    )
    .expect("write");
    std::fs::write(dir.join("p.iam.json"), r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjet", "Resource": "*"}]}"#).expect("write");
    let out = Command::new(bin())
        .args(["check", "--format", "json"])
        .arg(dir.join("p.iam.json"))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad-catalog.json") && err.contains("built-in catalog"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("did you mean \\\"s3:GetObject\\\""));
    // A (tiny) valid catalog replaces the built-in one: s3 is unknown there.
    let tiny = r#"{"source": {"package": "test", "version": "1", "date": "2030-01-01", "license": "MIT"}, "services": [{"prefix": "sqs", "name": "Amazon SQS", "url": "", "actions": [{"n": "SendMessage", "l": "Write"}], "resources": [], "keys": []}]}"#;
    std::fs::write(dir.join("bad-catalog.json"), tiny).expect("write");
    let out = Command::new(bin())
        .args(["check", "--format", "json"])
        .arg(dir.join("p.iam.json"))
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("unknown-service") && text.contains("2030-01-01"),
        "{text} {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Policies in templates: every output format gives the same host-file positions
/// (1-based line and column in characters), for CloudFormation YAML and JSON and
/// Terraform (tests/sarif/hosts: the mistake follows non-ASCII text on its line).
#[test]
fn host_positions_agree_in_every_format() {
    let dir = "tests/sarif/hosts/";
    let text = |format: &str| {
        let out = run(&["check", "--no-color", "--format", format, dir]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let human: Vec<String> = text("human")
        .lines()
        .filter_map(|l| l.trim().strip_prefix("--> "))
        .map(str::to_string)
        .collect();
    let github: Vec<String> = text("github")
        .lines()
        .filter_map(|l| {
            let field = |k: &str| l.split([',', ' ']).find_map(|f| f.strip_prefix(k));
            Some(format!(
                "{}:{}:{}",
                field("file=")?,
                field("line=")?,
                field("col=")?
            ))
        })
        .collect();
    let json: serde_json::Value = serde_json::from_str(&text("json")).expect("json");
    let json: Vec<String> = json
        .as_array()
        .expect("array")
        .iter()
        .map(|d| {
            let at = |k: &str| d["range"]["start"][k].as_u64().unwrap_or(0) + 1;
            format!(
                "{}:{}:{}",
                d["file"].as_str().unwrap_or(""),
                at("line"),
                at("character")
            )
        })
        .collect();
    expect_test::expect![[r#"
        [
            "tests/sarif/hosts/main.tf:2:129",
            "tests/sarif/hosts/stack.template.json:9:94",
            "tests/sarif/hosts/stack.yaml:10:74",
        ]
    "#]]
    .assert_debug_eq(&human);
    assert_eq!(github, human);
    assert_eq!(json, human);
}
