//! Broken hosts: the syntax error on the right line, and the policies before the
//! break still checked.

use super::{
    cfn_lint_good, config, line_of, lines_of, real_cloudformation, real_terraform, terraform,
    tf_policy_validator, Corpus,
};
use crate::mutants::mutations;
use policy_lsp::analysis::{analyze, Analysis};
use policy_lsp::diagnostic::Severity;
use policy_lsp::hosts;
use policy_lsp::hosts::HostKind;

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
