//! `empty-sid`: Sid is an empty string.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "empty-sid",
    category: Category::Style,
    severity: Severity::Hint,
    access_analyzer: &["EMPTY_SID_VALUE"],
    parliament: &[],
    summary: "Sid is an empty string",
    docs: "An empty `Sid` has no effect. Remove it or give the statement a name that says what it is for.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    checks: &[Check::Statement(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(v) = model::value(st.sid) else {
        return;
    };
    if v.as_str() == Some("") {
        acc.push(ctx.diag(
            &RULE,
            v.range,
            "\"Sid\" is empty: remove it or name the statement".to_string(),
        ));
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
                hint[empty-sid]: "Sid" is empty: remove it or name the statement
                 --> a.iam.json:1:49
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
                   |                                                 ^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
