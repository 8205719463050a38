//! IDE features inside host files (CloudFormation templates, Terraform files, JSON
//! policy templates): each request is answered by the embedded policy under the
//! cursor, on its virtual document, and the answer's ranges and edits are written back
//! into the host. Edits that cannot be written in the host's syntax (a JSON snippet
//! in YAML, a change across an escape) are left out rather than mangled.

use super::code_actions::{overlaps, sorted, ActionKind, CodeAction};
use super::completion::CompletionItem;
use super::{HoverInfo, InlayHint, Lens, Link, Symbol, SymbolKind};
use crate::analysis::{Analysis, EmbeddedAnalysis};
use crate::catalog::Catalog;
use crate::diagnostic::Edit;
use crate::hosts::HostKind;
use crate::notes::Notes;
use crate::syntax::TextRange;

/// The embedded policy around host offset `offset`, and the offset in its virtual
/// document.
pub(crate) fn at(analysis: &Analysis, offset: usize) -> Option<(&EmbeddedAnalysis, usize)> {
    let host = analysis.host.as_ref()?;
    host.policies
        .iter()
        .find_map(|e| e.virtual_offset(offset).map(|v| (e, v)))
}

fn policies(analysis: &Analysis) -> &[EmbeddedAnalysis] {
    analysis
        .host
        .as_ref()
        .map_or(&[], |h| h.policies.as_slice())
}

/// Whether the host writes JSON, so that JSON snippets can be inserted as they are.
fn writes_json(analysis: &Analysis) -> bool {
    analysis
        .host
        .as_ref()
        .is_some_and(|h| matches!(h.kind, HostKind::CfnJson | HostKind::JsonTemplate))
}

pub(crate) fn hover(
    analysis: &Analysis,
    catalog: &Catalog,
    notes: Option<&Notes>,
    offset: usize,
) -> Option<HoverInfo> {
    let (e, v) = at(analysis, offset)?;
    let mut h = super::hover::hover_with_notes(&e.analysis, catalog, notes, v)?;
    h.range = e.host_range(h.range);
    Some(h)
}

/// Completions of the policy under the cursor, their edits in the host's syntax.
pub(crate) fn completions(
    analysis: &Analysis,
    catalog: &Catalog,
    offset: usize,
) -> Vec<CompletionItem> {
    let Some((e, v)) = at(analysis, offset) else {
        return Vec::new();
    };
    let json = writes_json(analysis);
    super::completion::completions_in(&e.analysis, catalog, v, true)
        .into_iter()
        .filter_map(|mut it| {
            let edit = Edit {
                range: it.range,
                text: it.insert.clone(),
            };
            if e.map.string_around(it.range).is_some() {
                // Inside a string: the same text in the host's quoting.
                let host = e.host_edit(&edit)?;
                it.range = host.range;
                it.insert = host.text;
            } else if it.range.is_empty() && (json || !it.snippet) {
                // A new value at the cursor: a JSON string literal is one in YAML and
                // HCL too; JSON snippets only go into JSON.
                it.range = TextRange::empty(offset);
            } else {
                return None;
            }
            Some(it)
        })
        .collect()
}

/// The code actions of the policies overlapping `range`: their diagnostics' fixes
/// computed on request, written into the host and attached to the host's copy of the
/// diagnostic (fixes the diagnostics carry are offered by the caller).
pub(crate) fn code_actions(
    analysis: &Analysis,
    catalog: &Catalog,
    range: TextRange,
) -> Vec<CodeAction> {
    let all = super::diagnostics(analysis);
    let mut acc = Vec::new();
    for e in policies(analysis) {
        if !overlaps(e.range, range) {
            continue;
        }
        let start = e.virtual_offset(range.start as usize);
        let end = e.virtual_offset(range.end as usize);
        let vrange = match (start, end) {
            (Some(s), Some(t)) => TextRange::new(s, t.max(s)),
            (Some(s), None) | (None, Some(s)) => TextRange::empty(s),
            (None, None) => TextRange::new(0, e.analysis.text.len()),
        };
        for d in super::diagnostics(&e.analysis) {
            if !overlaps(d.range, vrange) {
                continue;
            }
            let host_range = e.host_range(d.range);
            let Some(i) = all
                .iter()
                .position(|h| h.rule == d.rule && h.range == host_range && h.message == d.message)
            else {
                continue;
            };
            for fix in super::fixes::fixes_for(&e.analysis, catalog, d) {
                let Some(fix) = e.host_fix(&fix) else {
                    continue;
                };
                let preferred = fix.is_safe();
                acc.push(CodeAction {
                    title: fix.title,
                    kind: ActionKind::QuickFix,
                    edits: sorted(fix.edits),
                    preferred,
                    diagnostics: vec![i],
                });
            }
        }
    }
    acc
}

/// Resource → policy → statements: the policies grouped by the resource (or Terraform
/// block) that holds them.
pub(crate) fn document_symbols(analysis: &Analysis) -> Vec<Symbol> {
    let mut out: Vec<Symbol> = Vec::new();
    for e in policies(analysis) {
        let (resource, place) = split_name(&e.name);
        let range = e.range.cover(e.anchor);
        let mut policy = Symbol {
            name: place.to_string(),
            detail: Some(format!("{} policy", e.analysis.kind.kind.name())),
            kind: SymbolKind::Policy,
            range,
            selection_range: e.anchor,
            children: Vec::new(),
        };
        for s in super::document_symbols(&e.analysis) {
            policy
                .children
                .extend(s.children.iter().map(|c| to_host(e, c)));
        }
        match out.last_mut() {
            Some(last) if last.name == resource => {
                last.range = last.range.cover(range);
                last.children.push(policy);
            }
            _ => out.push(Symbol {
                name: resource.to_string(),
                detail: None,
                kind: SymbolKind::Resource,
                range,
                selection_range: e.anchor,
                children: vec![policy],
            }),
        }
    }
    out
}

/// `Resources.Role.Policies[0].PolicyDocument` → (`Role`, `Policies[0].PolicyDocument`);
/// `data.aws_iam_policy_document.read` → (`data.aws_iam_policy_document.read`, `policy document`);
/// `aws_iam_role.r.assume_role_policy` → (`aws_iam_role.r`, `assume_role_policy`).
fn split_name(name: &str) -> (&str, &str) {
    let (skip, keep) = if let Some(rest) = name.strip_prefix("Resources.") {
        (name.len() - rest.len(), 1)
    } else if name.starts_with("data.") {
        (0, 3)
    } else {
        (0, 2)
    };
    let rest = &name[skip..];
    let mut cut = rest.len();
    let mut dots = 0;
    for (i, c) in rest.char_indices() {
        if c == '.' {
            dots += 1;
            if dots == keep {
                cut = i;
                break;
            }
        }
    }
    let place = rest.get(cut + 1..).filter(|p| !p.is_empty());
    (&rest[..cut], place.unwrap_or("policy document"))
}

fn to_host(e: &EmbeddedAnalysis, s: &Symbol) -> Symbol {
    Symbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind: s.kind,
        range: e.host_range(s.range),
        selection_range: e.host_range(s.selection_range),
        children: s.children.iter().map(|c| to_host(e, c)).collect(),
    }
}

pub(crate) fn code_lenses(analysis: &Analysis, catalog: &Catalog) -> Vec<Lens> {
    let mut out = Vec::new();
    for e in policies(analysis) {
        for l in super::code_lenses(&e.analysis, catalog) {
            out.push(Lens {
                range: e.host_range(l.range),
                title: l.title,
            });
        }
    }
    out
}

pub(crate) fn inlay_hints(
    analysis: &Analysis,
    catalog: &Catalog,
    range: TextRange,
) -> Vec<InlayHint> {
    let mut out = Vec::new();
    for e in policies(analysis) {
        if !overlaps(e.range, range) {
            continue;
        }
        let all = TextRange::new(0, e.analysis.text.len());
        for h in super::inlay_hints(&e.analysis, catalog, all) {
            let offset = e.host_range(TextRange::empty(h.offset)).end as usize;
            if range.touches(offset) {
                out.push(InlayHint { offset, ..h });
            }
        }
    }
    out
}

pub(crate) fn document_links(analysis: &Analysis, catalog: &Catalog) -> Vec<Link> {
    let mut out = Vec::new();
    for e in policies(analysis) {
        for l in super::document_links(&e.analysis, catalog) {
            out.push(Link {
                range: e.host_range(l.range),
                ..l
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::analysis::analyze;
    use crate::catalog::Catalog;
    use crate::config::Config;
    use crate::diagnostic::Edit;
    use crate::ide::test_utils::extract_offset;
    use crate::syntax::TextRange;

    pub(super) const YAML: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Sid: Read
                Effect: Allow
                Action: "s3:GetObjectt"
                Resource: !Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"
                Condition:
                  StringEquals:
                    aws:SourceV$0
"#;

    pub(super) const TF: &str = r#"data "aws_iam_policy_document" "read" {
  statement {
    sid     = "Read"
    actions = ["s3:GetObjectt"]
    resources = ["arn:aws:s3:::${var.bucket}/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:SourceV$0"
      values   = [var.vpc]
    }
  }
}
"#;

    fn apply(text: &str, edits: &[Edit]) -> String {
        let mut out = text.to_string();
        let mut edits = edits.to_vec();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in edits {
            out.replace_range(e.range.start as usize..e.range.end as usize, &e.text);
        }
        out
    }

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).expect("needle in fixture")
    }

    fn check_host(fixture: &str, file: &str) {
        let (text, cursor) = extract_offset(fixture);
        let a = analyze(&text, Some(file), &Config::default());
        let catalog = Catalog::builtin();
        let bad = at(&text, "s3:GetObjectt");
        // The typo is reported at the action's own bytes in the host.
        let d = crate::ide::diagnostics(&a)
            .iter()
            .find(|d| d.rule == "unknown-action")
            .expect("unknown-action reported");
        assert_eq!(d.range, TextRange::new(bad, bad + "s3:GetObjectt".len()));
        // The quick fix rewrites the action in place.
        let actions = crate::ide::code_actions(&a, catalog, d.range);
        let fix = actions
            .iter()
            .find(|c| c.title == "Change to \"s3:GetObject\"")
            .expect("did-you-mean fix");
        let fixed = apply(&text, &fix.edits);
        // Only the extra `t` goes.
        assert_eq!(fixed, text.replacen("s3:GetObjectt", "s3:GetObject", 1));
        // Hover on the fixed action explains it, with the host range.
        let f = analyze(&fixed, Some(file), &Config::default());
        let h = crate::ide::hover::hover_with(&f, catalog, bad + 4).expect("hover on action");
        // The string with its quotes, as in a JSON policy.
        assert_eq!(
            h.range,
            TextRange::new(bad - 1, bad + "s3:GetObject".len() + 1)
        );
        let first = h.markdown.lines().next().unwrap_or_default();
        expect_test::expect!["**`s3:GetObject`** (Read) · Amazon S3"].assert_eq(first);
        // Condition keys complete in place, the typed prefix replaced.
        let items = crate::ide::completions(&a, catalog, cursor).expect("completions");
        let vpc = items
            .iter()
            .find(|it| it.label == "aws:SourceVpc")
            .expect("aws:SourceVpc offered");
        let typed = at(&text, "aws:SourceV");
        assert_eq!(
            vpc.range,
            TextRange::new(typed, typed + "aws:SourceV".len())
        );
        assert_eq!(vpc.insert, "aws:SourceVpc");
        // Hover on the key being typed explains the key.
        // (In YAML the key needs its value before it is a key.)
        let value = if file.ends_with(".yaml") {
            ": vpc-1"
        } else {
            ""
        };
        let completed = apply(
            &text,
            &[Edit {
                range: vpc.range,
                text: format!("{}{value}", vpc.insert),
            }],
        );
        let b = analyze(&completed, Some(file), &Config::default());
        let h = crate::ide::hover::hover_with(&b, catalog, typed + 5);
        let h = h.expect("hover on condition key");
        let first = h.markdown.lines().next().unwrap_or_default();
        expect_test::expect!["**`aws:SourceVpc`** (condition key, global)"].assert_eq(first);
        // The key's own bytes (with the quotes where the host has them).
        let quoted = usize::from(text.as_bytes()[typed - 1] == b'"');
        let end = typed + "aws:SourceVpc".len() + quoted;
        assert_eq!(h.range, TextRange::new(typed - quoted, end));
    }

    #[test]
    fn cloudformation_yaml_hover_completion_and_fix_in_host_ranges() {
        check_host(YAML, "template.yaml");
    }

    #[test]
    fn terraform_hover_completion_and_fix_in_host_ranges() {
        check_host(TF, "main.tf");
    }

    #[test]
    fn symbols_go_resource_policy_statement() {
        let (text, _) = extract_offset(YAML);
        let a = analyze(&text, Some("template.yaml"), &Config::default());
        let syms = crate::ide::document_symbols(&a);
        let outline: Vec<String> = syms
            .iter()
            .flat_map(|r| {
                r.children.iter().flat_map(move |p| {
                    p.children
                        .iter()
                        .map(move |s| format!("{} > {} > {}", r.name, p.name, s.name))
                })
            })
            .collect();
        expect_test::expect![[r#"
            [
                "Role > AssumeRolePolicyDocument > Version",
                "Role > AssumeRolePolicyDocument > #1",
                "Role > PolicyDocument > Version",
                "Role > PolicyDocument > Read",
            ]
        "#]]
        .assert_debug_eq(&outline);
        for r in &syms {
            assert!(
                r.range.start <= r.selection_range.start && r.selection_range.end <= r.range.end
            );
            for p in &r.children {
                assert!(r.range.start <= p.range.start && p.range.end <= r.range.end);
            }
        }
    }

    #[test]
    fn status_names_the_host_and_counts_its_policies() {
        let status = |text: &str, file: &str| {
            let s = crate::ide::status(&analyze(text, Some(file), &Config::default()));
            format!("{}: {}", s.kind, s.reason)
        };
        let (yaml, _) = extract_offset(YAML);
        let (tf, _) = extract_offset(TF);
        expect_test::expect![[r#"
            [
                "CloudFormation YAML: CloudFormation YAML: 2 policies (1 trust, 1 identity)",
                "Terraform: Terraform: 1 policy (1 identity)",
                ": not a policy: the document has no top-level \"Statement\" or \"Version\"",
            ]
        "#]]
        .assert_debug_eq(&[
            status(&yaml, "template.yaml"),
            status(&tf, "main.tf"),
            status("on: push\njobs: {}\n", "ci.yml"),
        ]);
    }

    #[test]
    fn split_names() {
        use super::split_name;
        assert_eq!(
            split_name("Resources.Role.Policies[0].PolicyDocument"),
            ("Role", "Policies[0].PolicyDocument")
        );
        assert_eq!(
            split_name("data.aws_iam_policy_document.read"),
            ("data.aws_iam_policy_document.read", "policy document")
        );
        assert_eq!(
            split_name("aws_iam_role.r.assume_role_policy"),
            ("aws_iam_role.r", "assume_role_policy")
        );
        assert_eq!(split_name("policy"), ("policy", "policy document"));
    }
}
