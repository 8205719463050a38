//! `s3-missing-secure-transport`: The bucket policy does not deny requests without TLS.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::{self, DocKind};
use crate::model::{Effect, Policy};
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, NotesTopic, Rule};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "s3-missing-secure-transport",
    category: Category::Governance,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "The bucket policy does not deny requests without TLS",
    docs: "A bucket policy should deny every request made over plain HTTP: a Deny of `s3:*` on the bucket and its objects \
with `\"Bool\": {\"aws:SecureTransport\": \"false\"}`. Without it clients can read and write data unencrypted in \
transit. The quick fix adds the statement.",
    example_file: "b.bucket-policy.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#,
    notes_topics: &[NotesTopic::Key("aws:SecureTransport"), NotesTopic::Service("s3")],
    fix: Some(Applicability::Unsafe),
    build_fix: None,
};

/// A bucket policy without a Deny of requests over plain HTTP.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    policy: &Policy<'_>,
    anchor: TextRange,
    acc: &mut Vec<Diagnostic>,
) {
    if ctx.kind.kind != DocKind::S3Bucket {
        return;
    }
    let tls = policy.statements.iter().any(|st| {
        st.effect() == Some(Effect::Deny)
            && st.conditions().iter().any(|c| {
                c.key.key.text.eq_ignore_ascii_case("aws:SecureTransport")
                    && c.operator.key.text.starts_with("Bool")
                    && c.values.iter().any(|v| {
                        model::scalar_text(v).is_some_and(|t| t.eq_ignore_ascii_case("false"))
                    })
            })
    });
    if !tls {
        acc.push(ctx.diag(&RULE, anchor, "no statement denies requests without TLS: add a Deny of s3:* with \"Bool\": {\"aws:SecureTransport\": \"false\"}".to_string()));
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
            s3-missing-secure-transport warning 26..37 "\"Statement\"": no statement denies requests without TLS: add a Deny of s3:* with "Bool": {"aws:SecureTransport": "false"}
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
