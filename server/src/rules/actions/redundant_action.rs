//! `redundant-action`: An action is listed twice or is already covered by a wildcard in the same list.

use super::remove_item;
use crate::catalog::{has_wildcard, wildcard_match};
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule};
use crate::syntax::Value;
use crate::FastMap as HashMap;

pub static RULE: Rule = Rule {
    id: "redundant-action",
    category: Category::Suspicious,
    severity: Severity::Info,
    access_analyzer: &["REDUNDANT_ACTION"],
    parliament: &[],
    summary: "An action is listed twice or is already covered by a wildcard in the same list",
    docs: "An action that repeats another entry, or that a wildcard in the same list already matches (`s3:GetObject` next \
to `s3:Get*`), adds nothing. Remove it so reviewers see the real scope of the statement.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:GetObject"], "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:PutObject"], "Resource": "*"}]}"#,
    checks: &[Check::Statement(check)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let (values, _) = st.action_values();
    if values.len() < 2 {
        return;
    }
    let member = st.action.or(st.not_action);
    let items = match member.and_then(|m| m.value.as_ref()).map(|n| &n.value) {
        Some(Value::Array(a)) => &a.items,
        _ => return,
    };
    // Which earlier duplicate or wildcard entry covers each value. Only duplicates
    // and wildcard entries can cover anything, and a wildcard entry whose service
    // prefix has no wildcard only covers values of that service: index them so that
    // large policies (thousands of actions) are not compared pairwise.
    // All lowercased into one buffer (one allocation, not one per value).
    let mut buf = String::with_capacity(values.iter().map(|v| v.text.len()).sum());
    let mut ends = Vec::with_capacity(values.len());
    for v in &values {
        buf.push_str(v.text);
        ends.push(buf.len());
    }
    buf.make_ascii_lowercase();
    let mut start = 0;
    let lowers: Vec<&str> = ends
        .iter()
        .map(|&end| {
            let l = &buf[start..end];
            start = end;
            l
        })
        .collect();
    fn service_of(l: &str) -> &str {
        crate::catalog::split_colon(l).map_or(l, |(p, _)| p)
    }
    let mut first: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(values.len(), Default::default());
    let mut wild_by_service: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut wild_any_service: Vec<usize> = Vec::new();
    for (j, &wl) in lowers.iter().enumerate() {
        first.entry(wl).or_insert(j);
        if has_wildcard(wl) {
            let svc = service_of(wl);
            if has_wildcard(svc) || !crate::catalog::has_colon(wl) {
                wild_any_service.push(j);
            } else {
                wild_by_service.entry(svc).or_default().push(j);
            }
        }
    }
    for (i, v) in values.iter().enumerate() {
        let lower = lowers[i];
        // the later duplicate is the redundant one
        let dup = first.get(lower).copied().filter(|&j| j < i);
        let covers = |&j: &usize| {
            let wl = lowers[j];
            j != i
                && wl != lower
                && wildcard_match(wl, lower)
                && !(has_wildcard(lower) && wildcard_match(lower, wl) && j > i)
        };
        let same_service = wild_by_service
            .get(service_of(lower))
            .and_then(|js| js.iter().find(|j| covers(j)).copied());
        let any_service = wild_any_service.iter().find(|j| covers(j)).copied();
        let covered_by = [dup, same_service, any_service].into_iter().flatten().min();
        let Some(by) = covered_by.map(|j| &values[j]) else {
            continue;
        };
        let why = if by.text.eq_ignore_ascii_case(v.text) {
            "is listed twice".to_string()
        } else {
            format!("is already covered by \"{}\"", by.text)
        };
        let mut d = ctx.diag(&RULE, v.range(), format!("\"{}\" {why}", v.text));
        if let Some(edit) = remove_item(ctx.text, items, v.node.range) {
            d.fixes.push(Fix {
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
                info[redundant-action]: "s3:GetObject" is already covered by "s3:Get*"
                 --> a.iam.json:1:83
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:GetObject"], "Resource": "*"}]}
                   |                                                                                   ^^^^^^^^^^^^^^
                   = fix: Remove "s3:GetObject"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
