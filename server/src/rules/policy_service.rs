//! Actions and resources that a resource-based policy cannot hold because they belong to
//! another service than the resource the policy is attached to (Access Analyzer's
//! UNSUPPORTED_ACTION_IN_POLICY and UNSUPPORTED_RESOURCE_ARN_IN_POLICY), for the kinds
//! whose service is known offline:
//!
//! - S3 bucket policies: S3 refuses the whole policy (MalformedPolicy) when a statement
//!   names an action that is not an `s3:` action or a resource that is not an S3 ARN
//!   ("Using bucket policies", Amazon S3 User Guide,
//!   <https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html>):
//!   errors.
//! - KMS key policies: the policy controls one key, `Resource` `"*"` is that key, and
//!   only `kms:` actions mean anything ("Key policies in AWS KMS", AWS KMS Developer
//!   Guide, <https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html>).
//!   KMS accepts the others, so they are warnings: accepted but useless.
//! - Other resource policies (`resource` kind) when every resource ARN names one service
//!   whose resource policies cover only its own resources (an SNS topic, an SQS queue, a
//!   Lambda function, ...): errors, as Access Analyzer reports them ("IAM Access Analyzer
//!   policy check reference", <https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html>).

group! {
    unsupported_action_in_policy,
    unsupported_resource_in_policy,
}

use super::RuleCtx;
use crate::catalog::has_wildcard;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{self, DocKind, Policy};
use std::collections::BTreeSet;

/// Services whose resource-based policies are attached to one of their own resources
/// and grant only their own actions on their own resources. A `resource` document whose
/// ARNs all name one of these is that service's policy.
const SINGLE_SERVICE_POLICIES: &[&str] = &[
    "sns",
    "sqs",
    "lambda",
    "secretsmanager",
    "glacier",
    "backup",
    "ecr",
    "events",
    "codeartifact",
    "kinesis",
    "dynamodb",
];

/// The service the policy belongs to, with the level of its findings, or `None` when
/// the kind and content do not say.
pub(crate) struct Scope {
    pub service: String,
    pub severity: Severity,
    /// The service was read from the resources (`resource` kind): say so.
    from_resources: bool,
}

/// What this document's kind (and for `resource` documents, its ARNs) says about the
/// service its resource belongs to.
pub(crate) fn scope(ctx: &RuleCtx<'_>) -> Option<Scope> {
    let fixed = |service: &str, severity| {
        Some(Scope {
            service: service.to_string(),
            severity,
            from_resources: false,
        })
    };
    match ctx.kind.kind {
        DocKind::S3Bucket => fixed("s3", Severity::Error),
        DocKind::KmsKey => fixed("kms", Severity::Warning),
        DocKind::Resource => {
            let policy = ctx.policy?;
            let services = resource_services(policy)?;
            let mut it = services.iter();
            let only = it.next()?;
            if it.next().is_some() || !SINGLE_SERVICE_POLICIES.contains(&only.as_str()) {
                return None;
            }
            Some(Scope {
                service: only.clone(),
                severity: Severity::Error,
                from_resources: true,
            })
        }
        _ => None,
    }
}

/// The services named by the resource ARNs of all statements (`Resource` only); `None`
/// when one of them has a wildcard or variable in its service field.
fn resource_services(policy: &Policy<'_>) -> Option<BTreeSet<String>> {
    let mut acc = BTreeSet::new();
    for st in &policy.statements {
        for r in model::strings(st.resource) {
            let Some(service) = arn_service(r.text) else {
                continue;
            };
            if has_wildcard(service) || service.contains("${") {
                return None;
            }
            acc.insert(service.to_ascii_lowercase());
        }
    }
    Some(acc)
}

/// The service field of a well-formed ARN.
fn arn_service(text: &str) -> Option<&str> {
    let mut f = text.splitn(6, ':');
    (f.next()? == "arn").then_some(())?;
    let _partition = f.next()?;
    let service = f.next()?;
    // Region, account and resource must be there (even if empty).
    f.nth(2)?;
    Some(service)
}

pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    let Some(scope) = scope(ctx) else { return };
    for st in &policy.statements {
        unsupported_action_in_policy::check(ctx, st, &scope, acc);
        if scope.from_resources {
            continue; // the resources decided the service: none can be of another
        }
        unsupported_resource_in_policy::check(ctx, st, &scope, acc);
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::analyze;
    use crate::config::Config;

    fn found(name: &str, text: &str, rule: &str) -> Vec<(String, String)> {
        let a = analyze(text, Some(name), &Config::new());
        a.diagnostics
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| {
                (
                    text[d.range.as_range()].to_string(),
                    format!("{:?}", d.severity),
                )
            })
            .collect()
    }

    // Amazon S3 User Guide, "Examples of Amazon S3 bucket policies"
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html):
    // granting read-only permission to an anonymous user, and the statement with a
    // foreign action that S3 refuses.
    const S3_DOC_PUBLIC_READ: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PublicRead",
      "Effect": "Allow",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:GetObjectVersion"],
      "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/*"]
    }
  ]
}"#;

    #[test]
    fn s3_bucket_policies_accept_only_s3_actions_and_arns() {
        assert!(found(
            "b.s3.json",
            S3_DOC_PUBLIC_READ,
            "unsupported-action-in-policy"
        )
        .is_empty());
        assert!(found(
            "b.s3.json",
            S3_DOC_PUBLIC_READ,
            "unsupported-resource-in-policy"
        )
        .is_empty());
        let foreign = S3_DOC_PUBLIC_READ.replace("\"s3:GetObjectVersion\"", "\"sqs:SendMessage\"");
        assert_eq!(
            found("b.s3.json", &foreign, "unsupported-action-in-policy"),
            [("\"sqs:SendMessage\"".to_string(), "Error".to_string())]
        );
        let foreign_arn = S3_DOC_PUBLIC_READ.replace(
            "[\"arn:aws:s3:::amzn-s3-demo-bucket/*\"]",
            "[\"arn:aws:s3:::amzn-s3-demo-bucket/*\", \"arn:aws:sqs:us-east-1:111122223333:queue\"]",
        );
        assert_eq!(
            found("b.s3.json", &foreign_arn, "unsupported-resource-in-policy"),
            [(
                "\"arn:aws:sqs:us-east-1:111122223333:queue\"".to_string(),
                "Error".to_string()
            )]
        );
    }

    // AWS KMS Developer Guide, "Default key policy"
    // (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html):
    // the statement that lets key users use the key.
    const KMS_DOC_KEY_USERS: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Enable IAM User Permissions",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Sid": "Allow use of the key",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:role/ExampleRole"},
      "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      "Resource": "*"
    }
  ]
}"#;

    #[test]
    fn key_policies_warn_about_other_services() {
        assert!(found(
            "k.kms.json",
            KMS_DOC_KEY_USERS,
            "unsupported-action-in-policy"
        )
        .is_empty());
        let foreign = KMS_DOC_KEY_USERS.replace("\"kms:DescribeKey\"", "\"s3:GetObject\"");
        assert_eq!(
            found("k.kms.json", &foreign, "unsupported-action-in-policy"),
            [("\"s3:GetObject\"".to_string(), "Warning".to_string())]
        );
        let arn = KMS_DOC_KEY_USERS.replacen(
            "\"Resource\": \"*\"",
            "\"Resource\": \"arn:aws:s3:::amzn-s3-demo-bucket\"",
            1,
        );
        assert_eq!(
            found("k.kms.json", &arn, "unsupported-resource-in-policy"),
            [(
                "\"arn:aws:s3:::amzn-s3-demo-bucket\"".to_string(),
                "Warning".to_string()
            )]
        );
        // The key's own ARN is the key.
        let own = KMS_DOC_KEY_USERS.replacen(
            "\"Resource\": \"*\"",
            "\"Resource\": \"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"",
            1,
        );
        assert!(found("k.kms.json", &own, "unsupported-resource-in-policy").is_empty());
    }

    // Amazon SNS Developer Guide, "Example cases for Amazon SNS access control"
    // (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html):
    // allow an S3 bucket to publish to a topic.
    const SNS_DOC_S3_PUBLISH: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Service": "s3.amazonaws.com"},
    "Action": "SNS:Publish",
    "Resource": "arn:aws:sns:us-east-2:111122223333:MyTopic",
    "Condition": {
      "ArnLike": {"aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket"},
      "StringEquals": {"aws:SourceAccount": "111122223333"}
    }
  }]
}"#;

    #[test]
    fn a_topic_policy_grants_only_sns_actions() {
        assert!(found(
            "topic.rcp.json",
            SNS_DOC_S3_PUBLISH,
            "unsupported-action-in-policy"
        )
        .is_empty());
        let foreign =
            SNS_DOC_S3_PUBLISH.replace("\"SNS:Publish\"", "[\"SNS:Publish\", \"sqs:SendMessage\"]");
        assert_eq!(
            found("topic.rcp.json", &foreign, "unsupported-action-in-policy"),
            [("\"sqs:SendMessage\"".to_string(), "Error".to_string())]
        );
        // Resources of two services: the policy's service is not clear, nothing is said.
        let mixed = foreign.replace(
            "\"Resource\": \"arn:aws:sns:us-east-2:111122223333:MyTopic\"",
            "\"Resource\": [\"arn:aws:sns:us-east-2:111122223333:MyTopic\", \"arn:aws:sqs:us-east-2:111122223333:q\"]",
        );
        assert!(found("topic.rcp.json", &mixed, "unsupported-action-in-policy").is_empty());
        // Resource "*": nothing to go by either.
        let star = foreign.replace("\"arn:aws:sns:us-east-2:111122223333:MyTopic\"", "\"*\"");
        assert!(found("topic.rcp.json", &star, "unsupported-action-in-policy").is_empty());
    }
}
