//! `duplicate-sid`: Two statements share a Sid.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Fix;
use crate::diagnostic::Severity;
use crate::model::{self, DocKind};
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule};
use crate::syntax::{Node, TextRange};

pub static RULE: Rule = Rule {
    id: "duplicate-sid",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["UNIQUE_SIDS_REQUIRED", "UNIQUE_SIDS_RECOMMENDED"],
    parliament: &["DUPLICATE_SID"],
    summary: "Two statements share a Sid",
    docs: "IAM rejects identity and trust policies and SCPs whose statements repeat a `Sid`; other resource policies \
accept it but tools that refer to statements by Sid become ambiguous (reported as a warning there). Give each \
statement its own Sid.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "B", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}"#,
    checks: &[Check::Document(check)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

/// A Sid used by an earlier statement (empty Sids are empty-sid's).
pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    let strict = matches!(
        ctx.kind.kind,
        DocKind::Identity | DocKind::Trust | DocKind::Scp
    );
    // Sid → first use; all Sids, for picking a free name in the rename fix.
    let mut seen: std::collections::HashMap<&str, TextRange> = std::collections::HashMap::new();
    let all: std::collections::HashSet<&str> = policy
        .statements
        .iter()
        .filter_map(|s| model::value(s.sid).and_then(Node::as_str))
        .collect();
    for st in &policy.statements {
        let Some(v) = model::value(st.sid) else {
            continue;
        };
        let Some(sid) = v.as_str() else { continue };
        if sid.is_empty() {
            continue;
        }
        let Some(first) = seen.get(sid) else {
            seen.insert(sid, v.range);
            continue;
        };
        let line = ctx.line_of(first.start as usize) + 1;
        let mut d = ctx.diag(
            &RULE,
            v.range,
            format!(
                "Sid \"{sid}\" is already used on line {line}: give each statement its own Sid"
            ),
        );
        if !strict {
            d.severity = d.severity.max(Severity::Warning);
        }
        let mut n = 2;
        while all.contains(format!("{sid}{n}").as_str()) {
            n += 1;
        }
        d.fixes.push(Fix::replace(
            format!("Rename to \"{sid}{n}\""),
            v.range,
            format!("\"{sid}{n}\""),
            Applicability::Safe,
        ));
        acc.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                error[duplicate-sid]: Sid "A" is already used on line 1: give each statement its own Sid
                 --> a.iam.json:1:125
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}
                   |                                                                                                                             ^^^
                   = fix: Rename to "A2"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
