//! Zero false errors: no error finding in any corpus but the ones listed in
//! [`EXPECTED_ERRORS`](super::EXPECTED_ERRORS).

use super::{
    cfn_lint_good, config, line_of, lines_of, real_cloudformation, real_terraform, terraform,
    tf_policy_validator, Corpus, EXPECTED_ERRORS,
};
use policy_lsp::analysis::analyze;
use policy_lsp::diagnostic::Severity;
use std::collections::BTreeSet;

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
