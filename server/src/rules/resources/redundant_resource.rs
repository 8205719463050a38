//! `redundant-resource`: A resource is listed twice or is already covered by a wildcard ARN in the same list.

use crate::catalog::has_wildcard;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "redundant-resource",
    category: Category::Suspicious,
    severity: Severity::Info,
    access_analyzer: &["REDUNDANT_RESOURCE"],
    parliament: &[],
    summary: "A resource is listed twice or is already covered by a wildcard ARN in the same list",
    docs: "An ARN that repeats another entry, or that a wildcard ARN in the same list already matches \
(`arn:aws:s3:::logs/app/*` next to `arn:aws:s3:::logs/*`), adds nothing. Remove it so the list shows the real scope.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::logs/app/*"]}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::audit/*"]}]}"#,
    checks: &[Check::Statement(check)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

/// Resources repeated, or covered by a wildcard ARN of the same list.
pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let (values, _) = st.resource_values();
    if values.len() < 2 {
        return;
    }
    let Some(crate::syntax::Value::Array(arr)) = st
        .resource
        .or(st.not_resource)
        .and_then(|m| m.value.as_ref())
        .map(|n| &n.value)
    else {
        return;
    };
    // Only an earlier duplicate or a wildcard entry can cover a value: index those
    // instead of comparing every pair (policies may list thousands of resources).
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut wild = Vec::new();
    for (j, w) in values.iter().enumerate() {
        first.entry(w.text).or_insert(j);
        if has_wildcard(w.text) {
            wild.push(j);
        }
    }
    for (i, v) in values.iter().enumerate() {
        let dup = first.get(v.text).copied().filter(|&j| j < i);
        let covering = wild.iter().copied().find(|&j| {
            let w = &values[j];
            j != i
                && w.text != v.text
                && crate::catalog::wildcard_match(w.text, v.text)
                && !(has_wildcard(v.text) && crate::catalog::wildcard_match(v.text, w.text))
                && v.text.len() >= 4
                && w.text.starts_with("arn:") == v.text.starts_with("arn:")
        });
        let Some(by) = [dup, covering]
            .into_iter()
            .flatten()
            .min()
            .map(|j| &values[j])
        else {
            continue;
        };
        let why = if by.text == v.text {
            "is listed twice".to_string()
        } else {
            format!("is already covered by \"{}\"", by.text)
        };
        let mut d = ctx.diag(&RULE, v.range(), format!("\"{}\" {why}", v.text));
        if let Some(edit) = crate::rules::actions::remove_item(ctx.text, &arr.items, v.node.range) {
            d.fixes.push(crate::diagnostic::Fix {
                title: format!("Remove \"{}\"", v.text),
                edits: vec![edit],
                applicability: Applicability::Safe,
            });
        }
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
                info[redundant-resource]: "arn:aws:s3:::logs/app/*" is already covered by "arn:aws:s3:::logs/*"
                 --> a.iam.json:1:123
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::logs/app/*"]}]}
                   |                                                                                                                           ^^^^^^^^^^^^^^^^^^^^^^^^^
                   = fix: Remove "arn:aws:s3:::logs/app/*"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
