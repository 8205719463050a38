//! `s3-missing-secure-transport`: The bucket policy does not deny requests without TLS.

use super::{insert_statement, unique_sid};
use crate::diagnostic::json_edit::json_str;
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::{self, DocKind};
use crate::model::{Effect, Policy};
use crate::rules::resources::resource_mismatch::s3_bucket_arn;
use crate::rules::{Applicability, Category, Check, NotesTopic, Rule};
use crate::rules::{InsertCtx, RuleCtx};

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
    checks: &[Check::Document(check)],
    notes_topics: &[NotesTopic::Key("aws:SecureTransport"), NotesTopic::Service("s3")],
    fix: Some(Applicability::Unsafe),
    build_fix: None,
    insert_statement: Some(deny_insecure_transport),
};

/// A bucket policy without a Deny of requests over plain HTTP.
pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some((policy, anchor)) = crate::rules::security::document_anchor(ctx) else {
        return;
    };
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

/// A Deny of `s3:*` over plain HTTP on every bucket the policy names, for bucket
/// policies without a Deny conditioned on `aws:SecureTransport` (and wherever the rule
/// reported a finding).
fn deny_insecure_transport(ctx: &InsertCtx<'_>) -> Option<Fix> {
    let policy = ctx.policy;
    if !ctx.reported && (ctx.kind != DocKind::S3Bucket || has_secure_transport(policy)) {
        return None;
    }
    let mut buckets: Vec<&str> = Vec::new();
    for st in &policy.statements {
        let (values, _) = st.resource_values();
        for v in values {
            if let Some(b) = s3_bucket_arn(v.text) {
                if !buckets.contains(&b) {
                    buckets.push(b);
                }
            }
        }
    }
    if buckets.is_empty() {
        return None;
    }
    let resources: Vec<String> = buckets
        .iter()
        .flat_map(|b| [json_str(b), json_str(&format!("{b}/*"))])
        .collect();
    let sid = unique_sid(policy, "DenyInsecureTransport");
    let statement = format!(
        r#"{{"Sid": {}, "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [{}], "Condition": {{"Bool": {{"aws:SecureTransport": "false"}}}}}}"#,
        json_str(&sid),
        resources.join(", ")
    );
    insert_statement(
        ctx.text,
        policy,
        &statement,
        "Add a statement denying insecure transport (HTTP)",
    )
}

fn has_secure_transport(policy: &Policy<'_>) -> bool {
    policy.statements.iter().any(|st| {
        st.effect() == Some(Effect::Deny)
            && st
                .conditions()
                .iter()
                .any(|c| c.key.key.text.eq_ignore_ascii_case("aws:SecureTransport"))
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit, inserted_statement};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                warning[s3-missing-secure-transport]: no statement denies requests without TLS: add a Deny of s3:* with "Bool": {"aws:SecureTransport": "false"}
                 --> b.bucket-policy.json:1:27
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}
                   |                           ^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }

    #[test]
    fn secure_transport_statement_with_the_documents_layout() {
        let text = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"},\n            \"Action\": \"s3:GetObject\",\n            \"Resource\": \"arn:aws:s3:::assets/*\"\n        }\n    ]\n}\n";
        let (title, fixed) =
            inserted_statement(&super::RULE, "site.bucket-policy.json", text).expect("offered");
        assert_eq!(title, "Add a statement denying insecure transport (HTTP)");
        expect![[r#"
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::assets/*"
                    },
                    {
                        "Sid": "DenyInsecureTransport",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:*",
                        "Resource": ["arn:aws:s3:::assets", "arn:aws:s3:::assets/*"],
                        "Condition": {
                            "Bool": {
                                "aws:SecureTransport": "false"
                            }
                        }
                    }
                ]
            }
        "#]]
        .assert_eq(&fixed);
    }
}
