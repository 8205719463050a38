//! A host file (CloudFormation template, Terraform file, JSON policy template): each of
//! its policies analysed as a virtual JSON document, the findings carried back to host
//! ranges.

use super::{analyze_policy, Analysis, Overrides};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::hosts::{self, render, HostKind, Quote};
use crate::model::{DocKind, KindInfo, KindSource};
use crate::parallel::parallel_map;
use crate::rules::{self, Category, Rule};
use crate::syntax::{LineIndex, Parse, TextRange};

/// The policies of a host file.
pub struct HostAnalysis {
    pub kind: HostKind,
    /// What the editor features read of each policy; empty when the analysis was asked
    /// for findings only ([`super::Keep::Findings`]).
    pub policies: Vec<EmbeddedAnalysis>,
    /// How many policies were checked.
    pub checked: usize,
    /// The document kind of the first policy.
    pub first_kind: Option<DocKind>,
}

/// One policy of a host file.
pub struct EmbeddedAnalysis {
    /// Where it is: `Resources.Role.AssumeRolePolicyDocument`.
    pub name: String,
    /// The property or attribute that holds it.
    pub anchor: TextRange,
    /// Its extent in the host file.
    pub range: TextRange,
    /// The analysis of its virtual document (the first variant when choices need more).
    pub analysis: Analysis,
    pub map: render::SourceMap,
    /// Hole spans in the virtual document.
    pub holes: Vec<TextRange>,
}

impl EmbeddedAnalysis {
    /// The host range of a virtual range.
    pub fn host_range(&self, r: TextRange) -> TextRange {
        self.map.host_range(r)
    }
    /// The virtual offset of a host offset inside this policy.
    pub fn virtual_offset(&self, host: usize) -> Option<usize> {
        self.range
            .touches(host)
            .then(|| self.map.virtual_offset(host))
            .flatten()
    }
    /// A virtual edit written into the host (inside one string, in its quoting), if it
    /// can be.
    pub fn host_edit(&self, e: &Edit) -> Option<Edit> {
        carry_edit(e, &self.map)
    }
    /// A virtual fix written into the host, if every edit of it can be.
    pub fn host_fix(&self, f: &Fix) -> Option<Fix> {
        carry_fix(f, &self.map)
    }
}

pub(super) struct Analyzed {
    host: HostAnalysis,
    diagnostics: Vec<Diagnostic>,
    suppressed: Vec<(Diagnostic, String)>,
}

/// From how many policies a host file's policies are checked on all cores.
const PARALLEL_FROM: usize = 8;

/// One embedded policy's findings (every rendering of it) and its analysis.
struct Embedded {
    diagnostics: Vec<Diagnostic>,
    suppressed: Vec<(Diagnostic, String)>,
    analysis: Option<EmbeddedAnalysis>,
    kind: Option<DocKind>,
}

/// Renders and checks one embedded policy, once per variant (`Fn::If` branches).
fn embedded(
    e: &hosts::Embedded,
    file_name: Option<&str>,
    config: &Config,
    line_of: &(dyn Fn(usize) -> usize + Sync),
    keep: super::Keep,
) -> Embedded {
    let mut acc = Vec::new();
    let mut suppressed = Vec::new();
    let over_kind = e
        .kind
        .map(|k| (k, format!("{} holds a {} policy", e.name, k.name())));
    let mut first = None;
    for variant in 0..render::variants(&e.root) {
        let v = render::render(&e.root, variant, line_of);
        let over = Overrides {
            kind: over_kind.clone(),
        };
        let a = analyze_policy(v.text.clone(), file_name, config, &over);
        for (r, why) in &v.not_analysed {
            acc.push(diag(
                &rules::host::not_analysed::RULE,
                *r,
                format!("not analysed: {why}"),
            ));
        }
        for d in &a.diagnostics {
            if e.implied_resource && d.rule == rules::structure::missing_resource::RULE.id {
                continue;
            }
            if let Some(d) = carry(d, &v.map, &v.holes) {
                acc.push(d);
            }
        }
        for (d, why) in &a.suppressed {
            if let Some(d) = carry(d, &v.map, &v.holes) {
                suppressed.push((d, why.clone()));
            }
        }
        if first.is_none() {
            first = Some((a, v.map, v.holes));
        }
    }
    let kind = first.as_ref().map(|(a, _, _)| a.kind.kind);
    // Dropped here, on the thread that built it: the next policy reuses the memory.
    let first = first.filter(|_| keep == super::Keep::Everything);
    let analysis = first.map(|(analysis, map, holes)| {
        let range = map.host_extent().unwrap_or(e.root.range);
        EmbeddedAnalysis {
            name: e.name.clone(),
            anchor: e.anchor,
            range,
            analysis,
            map,
            holes,
        }
    });
    Embedded {
        diagnostics: acc,
        suppressed,
        analysis,
        kind,
    }
}

/// Analyses a host file; `None` when it turns out not to be one (a JSON policy that
/// mentions CloudFormation types).
pub(super) fn analyze(
    text: &str,
    kind: HostKind,
    file_name: Option<&str>,
    config: &Config,
    keep: super::Keep,
) -> Option<Analyzed> {
    let mut parsed = hosts::parse(kind, text)?;
    let index = LineIndex::new(text);
    let line_of = |o: usize| index.line_col(text, o, crate::syntax::Encoding::Utf8).line as usize;
    let syntax_rule = match kind {
        HostKind::CfnYaml => &rules::host::yaml_syntax::RULE,
        HostKind::Terraform => &rules::host::hcl_syntax::RULE,
        HostKind::CfnJson | HostKind::JsonTemplate => &rules::syntax::json_syntax::RULE,
    };
    let mut acc: Vec<Diagnostic> = parsed
        .errors
        .iter()
        .map(|e| diag(syntax_rule, e.range, e.message.clone()))
        .collect();
    for (r, why) in &parsed.not_analysed {
        acc.push(diag(
            &rules::host::not_analysed::RULE,
            *r,
            format!("not analysed: {why}"),
        ));
    }
    // Policies are checked on all cores when there are enough of them to pay for the
    // threads; a policy whose thread panicked is checked again here, so the panic
    // reaches the caller's guard as it would without threads.
    let one = |e: &hosts::Embedded| embedded(e, file_name, config, &line_of, keep);
    let results: Vec<Embedded> = if parsed.policies.len() >= PARALLEL_FROM {
        parallel_map(&parsed.policies, one)
            .into_iter()
            .zip(&parsed.policies)
            .map(|(r, e)| r.unwrap_or_else(|| one(e)))
            .collect()
    } else {
        parsed.policies.iter().map(one).collect()
    };
    if parsed.policies.len() >= PARALLEL_FROM {
        // The host trees are freed on another core while this one gathers the findings
        // (freeing them here was ~4 % of a big Terraform file's time).
        let trees = std::mem::take(&mut parsed.policies);
        std::thread::spawn(move || drop(trees));
    }
    let mut suppressed = Vec::new();
    let mut policies = Vec::new();
    let (mut checked, mut first_kind) = (0, None);
    for r in results {
        acc.extend(r.diagnostics);
        suppressed.extend(r.suppressed);
        policies.extend(r.analysis);
        if let Some(k) = r.kind {
            checked += 1;
            first_kind = first_kind.or(Some(k));
        }
    }
    let diagnostics = host_levels_sorted(config, acc);
    Some(Analyzed {
        host: HostAnalysis {
            kind,
            policies,
            checked,
            first_kind,
        },
        diagnostics,
        suppressed,
    })
}

/// The host rules' configured levels applied, then sorted and without repeats.
fn host_levels_sorted(config: &Config, acc: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::with_capacity(acc.len());
    let host_rules = [
        &rules::host::yaml_syntax::RULE,
        &rules::host::hcl_syntax::RULE,
        &rules::host::not_analysed::RULE,
    ];
    for mut d in acc {
        if host_rules.iter().any(|r| r.id == d.rule) {
            match rules::level(config, d.rule) {
                Some(None) => continue,
                Some(Some(sev)) => d.severity = sev,
                None => {}
            }
        }
        diagnostics.push(d);
    }
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule, &a.message).cmp(&(
            b.range.start,
            b.range.end,
            b.rule,
            &b.message,
        ))
    });
    diagnostics.dedup_by(|a, b| a.rule == b.rule && a.range == b.range && a.message == b.message);
    diagnostics
}

fn diag(rule: &'static Rule, range: TextRange, message: String) -> Diagnostic {
    rule.diag(range, message)
}

/// A virtual document's finding in host ranges. Findings of the literal checks
/// (syntax, structure, correctness, style) on a hole are dropped: a hole is a value
/// known later, never a malformed variable, an invalid ARN or an unknown action. Fixes
/// are kept when they replace text inside one string, written in the host's quoting.
fn carry(d: &Diagnostic, map: &render::SourceMap, holes: &[TextRange]) -> Option<Diagnostic> {
    let literal_check = crate::rules::rule(d.rule)
        .is_none_or(|r| !matches!(r.category, Category::Security | Category::Governance));
    let on_hole = holes
        .iter()
        .any(|h| h.start < d.range.end.max(d.range.start + 1) && d.range.start < h.end);
    if literal_check && on_hole {
        return None;
    }
    let fixes = d.fixes.iter().filter_map(|f| carry_fix(f, map)).collect();
    Some(Diagnostic {
        rule: d.rule,
        severity: d.severity,
        range: map.host_range(d.range),
        message: d.message.clone(),
        fixes,
    })
}

fn carry_fix(f: &Fix, map: &render::SourceMap) -> Option<Fix> {
    let edits = f
        .edits
        .iter()
        .map(|e| carry_edit(e, map))
        .collect::<Option<Vec<_>>>()?;
    Some(Fix {
        title: f.title.clone(),
        edits,
        applicability: f.applicability,
    })
}

/// An edit inside one string's contents (or replacing a whole string with another),
/// where the host bytes it covers are written as-is (no escapes or folds inside).
fn carry_edit(e: &Edit, map: &render::SourceMap) -> Option<Edit> {
    // A whole string `"..."` replaced by another string literal.
    let (range, text) = match serde_json::from_str::<String>(&e.text) {
        Ok(s) if e.text.starts_with('"') && e.range.len() >= 2 => (
            TextRange {
                start: e.range.start + 1,
                end: e.range.end - 1,
            },
            s,
        ),
        _ => (e.range, e.text.clone()),
    };
    let (sr, m, quote) = map.string_around(range)?;
    let from = (range.start - sr.start) as usize;
    let to = (range.end - sr.start) as usize;
    let (hs, he) = m.host_range(from, to);
    if he - hs != to - from {
        return None;
    }
    let text = quote_for(&text, quote)?;
    Some(Edit {
        range: TextRange::new(hs, he),
        text,
    })
}

/// `text` as it must be written inside a scalar quoted the host's way.
fn quote_for(text: &str, quote: Quote) -> Option<String> {
    let plain_ok = |t: &str| {
        !t.is_empty()
            && !t.contains(['\n', '"', '\'', '#', '\\'])
            && !t.contains(": ")
            && !t.starts_with([
                '!', '&', '*', '[', '{', '-', '?', '|', '>', '%', '@', '`', ' ',
            ])
    };
    match quote {
        Quote::Plain => plain_ok(text).then(|| text.to_string()),
        Quote::Single => (!text.contains('\n')).then(|| text.replace('\'', "''")),
        Quote::Double | Quote::Json => {
            let j = serde_json::to_string(text).ok()?;
            Some(j[1..j.len() - 1].to_string())
        }
        Quote::Hcl => {
            let j = serde_json::to_string(text).ok()?;
            Some(j[1..j.len() - 1].replace("${", "$${").replace("%{", "%%{"))
        }
        Quote::Block => (!text.contains(['\n', '"', '\\'])).then(|| text.to_string()),
    }
}

/// A YAML file that is not a CloudFormation template: no policies, not a policy.
pub(super) fn not_a_template(owned: String) -> Analysis {
    let line_index = LineIndex::new(&owned);
    Analysis {
        text: owned,
        parse: Parse {
            root: None,
            errors: Vec::new(),
            duplicate_keys: Vec::new(),
            bom_len: 0,
        },
        line_index,
        kind: KindInfo {
            kind: DocKind::Identity,
            source: KindSource::Explicit,
            reason: String::new(),
        },
        diagnostics: Vec::new(),
        is_policy: false,
        suppressed: Vec::new(),
        host: Some(Box::new(HostAnalysis {
            kind: HostKind::CfnYaml,
            policies: Vec::new(),
            checked: 0,
            first_kind: None,
        })),
    }
}

/// The analysis of a host file.
pub(super) fn finish_host(
    owned: String,
    a: Analyzed,
    _config: &Config,
    _file_name: Option<&str>,
) -> Analysis {
    let line_index = LineIndex::new(&owned);
    let kind = KindInfo {
        kind: a.host.first_kind.unwrap_or(DocKind::Identity),
        source: KindSource::Explicit,
        reason: {
            let n = a.host.checked;
            let noun = if n == 1 { "policy" } else { "policies" };
            format!("{}: {n} {noun}", a.host.kind.name())
        },
    };
    Analysis {
        text: owned,
        parse: Parse {
            root: None,
            errors: Vec::new(),
            duplicate_keys: Vec::new(),
            bom_len: 0,
        },
        line_index,
        kind,
        diagnostics: a.diagnostics,
        is_policy: true,
        suppressed: a.suppressed,
        host: Some(Box::new(a.host)),
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::analyze;
    use crate::config::Config;
    use expect_test::{expect, Expect};

    /// The findings of `rule` as `line:column text-under-the-range`.
    fn check(text: &str, file: &str, rule: &str, want: Expect) {
        let a = analyze(text, Some(file), &Config::default());
        let got: Vec<String> = a
            .diagnostics
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| {
                let (s, e) = (d.range.start as usize, d.range.end as usize);
                let line = text[..s].matches('\n').count() + 1;
                let col = s - text[..s].rfind('\n').map_or(0, |i| i + 1) + 1;
                format!("{line}:{col} {}", &text[s..e])
            })
            .collect();
        want.assert_debug_eq(&got);
    }

    const CFN: &str = "\
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [sqs:SendMessage, s3:GetObject]
            Resource: !GetAtt Queue.Arn
          - Effect: Allow
            Action: [sns:Publish, sqs:ReceiveMessage]
            Resource: !Ref Topic
          - Effect: Allow
            Action: sqs:DeleteMessage
            Resource: !Sub '${Queue.Arn}'
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Sub 'arn:${AWS::Partition}:s3:::${Queue}/*'
";

    /// `!GetAtt Queue.Arn` is an SQS queue ARN, `!Ref Topic` an SNS topic ARN: actions
    /// on other resource types match nothing there; a plain `${Queue}` (the queue's
    /// URL) is only a value.
    #[test]
    fn cloudformation_arn_holes_have_their_resource_type() {
        check(
            CFN,
            "template.yaml",
            "resource-mismatch",
            expect![[r#"
                [
                    "13:39 s3:GetObject",
                    "16:35 sqs:ReceiveMessage",
                ]
            "#]],
        );
    }

    const TF: &str = r#"resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["sqs:SendMessage", "s3:GetObject"], Resource = aws_sqs_queue.q.arn },
      { Effect = "Allow", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" },
      { Effect = "Allow", Action = "s3:ListBucket", Resource = "${aws_s3_bucket.b.arn}/*" },
    ]
  })
}
"#;

    /// `aws_sqs_queue.q.arn` is a queue, `"${aws_s3_bucket.b.arn}/*"` the bucket's
    /// objects (not the bucket).
    #[test]
    fn terraform_arn_holes_have_their_resource_type() {
        check(
            TF,
            "main.tf",
            "resource-mismatch",
            expect![[r#"
                [
                    "5:56 \"s3:GetObject\"",
                    "7:36 \"s3:ListBucket\"",
                ]
            "#]],
        );
    }
}
