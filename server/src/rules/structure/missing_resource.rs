//! `missing-resource`: A statement has neither Resource nor NotResource.

use super::first_char;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "missing-resource",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["MISSING_RESOURCE"],
    parliament: &["MALFORMED"],
    summary: "A statement has neither Resource nor NotResource",
    docs: "Identity policies and resource-based policies need `Resource` (or `NotResource`) in every statement. For key \
policies and bucket policies it names the key (`\"*\"`) or the bucket and object ARNs.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::b/*"}]}"#,
    checks: &[Check::Statement(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let has_resource = st.resource.is_some() || st.not_resource.is_some();
    if !has_resource
        && matches!(
            ctx.kind.kind,
            DocKind::Identity | DocKind::Resource | DocKind::KmsKey | DocKind::S3Bucket
        )
    {
        acc.push(ctx.diag(
            &RULE,
            first_char(st.node),
            format!(
                "{} has neither \"Resource\" nor \"NotResource\"",
                st.label()
            ),
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
                error[missing-resource]: statement #1 has neither "Resource" nor "NotResource"
                 --> a.iam.json:1:41
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}
                   |                                         ^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
