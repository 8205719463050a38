//! `not-resource-with-allow`: Allow with NotResource grants every resource not listed.

use super::Allow;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "not-resource-with-allow",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &["NOTRESOURCE_WITH_ALLOW"],
    summary: "Allow with NotResource grants every resource not listed",
    docs: "`Allow` with `NotResource` covers every resource except the listed ones, in every service the actions touch, \
including resources created later. List the resources in `Resource` instead.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::public/*"}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    if let Some(m) = s.st.not_resource {
        acc.push(ctx.diag(&RULE, m.key.range, format!("{} allows every resource except the listed ones, including resources created later: list them in \"Resource\"", s.st.label())));
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
                warning[not-resource-with-allow]: statement #1 allows every resource except the listed ones, including resources created later: list them in "Resource"
                 --> a.iam.json:1:87
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}]}
                   |                                                                                       ^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
