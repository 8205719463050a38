//! `duplicate-key`: The same key appears twice in one JSON object.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};
use crate::syntax::Node;

pub static RULE: Rule = Rule {
    id: "duplicate-key",
    category: Category::Syntax,
    severity: Severity::Error,
    access_analyzer: &["DUPLICATE_KEYS_WITH_DIFFERENT_CASE"],
    parliament: &[],
    summary: "The same key appears twice in one JSON object",
    docs: "When an object repeats a key (two `\"Condition\"` blocks, two `\"StringEquals\"` operators, the same condition key \
twice), parsers keep only one of them, so part of what you wrote is silently dropped. Condition keys that differ only \
in case are also duplicates, because IAM compares key names case-insensitively. Merge the two entries into one.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Action": "s3:PutObject", "Resource": "*"}}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}}"#,
    checks: &[Check::Walk(Walk::Parser), Check::Statement(check_condition_keys)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// Condition keys repeated in one operator block with different capitalization.
pub(crate) fn check_condition_keys(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    acc: &mut Vec<Diagnostic>,
) {
    let Some(block) = crate::model::value(st.condition).and_then(Node::as_object) else {
        return;
    };
    for op in &block.members {
        let Some(keys) = op.value.as_ref().and_then(Node::as_object) else {
            continue;
        };
        for (i, k) in keys.members.iter().enumerate() {
            if let Some(first) = keys.members[..i]
                .iter()
                .find(|p| p.key.text != k.key.text && p.key.text.eq_ignore_ascii_case(&k.key.text))
            {
                acc.push(ctx.diag(&RULE, k.key.range, format!("\"{}\" repeats \"{}\": IAM compares condition keys case-insensitively, so only one takes effect; merge them", k.key.text, first.key.text)));
            }
        }
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
                error[duplicate-key]: "Action" is already set on line 1: only one of them takes effect, merge them
                 --> a.iam.json:1:86
                   |
                1 | {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Action": "s3:PutObject", "Resource": "*"}}
                   |                                                                                      ^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
