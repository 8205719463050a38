//! `duplicate-statement`: Two statements are identical apart from their Sid.

use super::first_char;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};
use crate::syntax::{Node, Value};

pub static RULE: Rule = Rule {
    id: "duplicate-statement",
    category: Category::Suspicious,
    severity: Severity::Info,
    access_analyzer: &["REDUNDANT_STATEMENT"],
    parliament: &[],
    summary: "Two statements are identical apart from their Sid",
    docs: "A statement that repeats another one adds nothing and makes later edits error-prone: a change to one copy \
leaves the other in force. Remove one of them.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "B", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "B", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}"#,
    checks: &[Check::Document(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// Statements equal (as JSON values) once their Sid is ignored.
pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    // Statements are equal when their JSON values are (object keys in any order), Sid
    // aside. A structural hash finds the candidates without building values; only a
    // hash that was seen before is confirmed by comparing the values themselves.
    let mut seen: std::collections::HashMap<u64, Vec<usize>> = std::collections::HashMap::new();
    for (i, st) in policy.statements.iter().enumerate() {
        let earlier = seen.entry(value_hash(st.node, true)).or_default();
        let first = earlier
            .iter()
            .copied()
            .find(|&j| same_statement(policy.statements[j].node, st.node));
        match first {
            Some(j) => {
                let line = ctx.line_of(policy.statements[j].node.range.start as usize) + 1;
                acc.push(ctx.diag(
                    &RULE,
                    first_char(st.node),
                    format!(
                        "{} repeats the statement on line {line}: remove one of them",
                        st.label()
                    ),
                ));
            }
            None => earlier.push(i),
        }
    }
}

/// Whether two statements have the same JSON value apart from their Sid.
fn same_statement(a: &Node, b: &Node) -> bool {
    let value = |n: &Node| {
        let mut v = crate::syntax::to_json(n);
        if let Some(o) = v.as_object_mut() {
            o.remove("Sid");
        }
        v
    };
    value(a) == value(b)
}

/// A hash of `node`'s JSON value that is the same for equal values: object members
/// are combined independently of their order (`skip_sid`: without a top-level Sid).
fn value_hash(node: &Node, skip_sid: bool) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = stable_hasher();
    match &node.value {
        Value::Object(o) => {
            0u8.hash(&mut h);
            let mut sum = 0u64;
            for m in &o.members {
                if skip_sid && m.key.text == "Sid" {
                    continue;
                }
                let mut mh = stable_hasher();
                m.key.text.hash(&mut mh);
                // A missing value is null, as in `to_json`.
                m.value
                    .as_ref()
                    .map_or_else(null_hash, |v| value_hash(v, false))
                    .hash(&mut mh);
                sum = sum.wrapping_add(mh.finish());
            }
            sum.hash(&mut h);
        }
        Value::Array(a) => {
            1u8.hash(&mut h);
            for item in &a.items {
                value_hash(item, false).hash(&mut h);
            }
        }
        Value::String(s) => {
            2u8.hash(&mut h);
            s.text.hash(&mut h);
        }
        // As the JSON value compares them: 1.0 and 1e0 are one number.
        Value::Number(n) => {
            3u8.hash(&mut h);
            match n.parse::<serde_json::Number>() {
                Ok(num) => num.to_string().hash(&mut h),
                // `to_json` keeps an unreadable number as a string.
                Err(_) => {
                    h = stable_hasher();
                    2u8.hash(&mut h);
                    n.hash(&mut h);
                }
            }
        }
        Value::Bool(b) => {
            4u8.hash(&mut h);
            b.hash(&mut h);
        }
        Value::Null | Value::Error => return null_hash(),
    }
    h.finish()
}

fn stable_hasher() -> impl std::hash::Hasher {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0).build_hasher()
}

fn null_hash() -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = stable_hasher();
    5u8.hash(&mut h);
    h.finish()
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
                info[duplicate-statement]: statement "B" repeats the statement on line 1: remove one of them
                 --> a.iam.json:1:117
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "B", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
                   |                                                                                                                     ^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
