//! Tests from public AWS documentation examples for the behaviour changed in issue #19:
//! errors for what AWS itself rejects, trust policies read as a whole, kinds decided by
//! content over file-name words, and warnings that should not fire. Each fixture names
//! the documentation page it is drawn from.

use crate::analysis::analyze;
use crate::config::Config;
use crate::diagnostic::Severity;

/// (rule, text at the range, severity, message) of every finding.
pub(super) fn findings(name: &str, text: &str) -> Vec<(&'static str, String, Severity, String)> {
    analyze(text, Some(name), &Config::new())
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule,
                text.get(d.range.as_range()).unwrap_or("").to_string(),
                d.severity,
                d.message.clone(),
            )
        })
        .collect()
}

pub(super) fn of_rule(
    name: &str,
    text: &str,
    rule: &str,
) -> Vec<(&'static str, String, Severity, String)> {
    findings(name, text)
        .into_iter()
        .filter(|f| f.0 == rule)
        .collect()
}

// ----- 1. What AWS rejects is an error ---------------------------------------------

/// Amazon S3 User Guide, "Examples of Amazon S3 bucket policies", granting read-only
/// permission to a public anonymous user
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html).
const S3_PUBLIC_READ: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "PublicRead",
    "Effect": "Allow",
    "Principal": "*",
    "Action": ["s3:GetObject", "s3:GetObjectVersion"],
    "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/*"]
  }]
}"#;

/// Amazon S3 User Guide, "Examples of Amazon S3 bucket policies", managing access based
/// on the prefix: s3:ListBucket on the bucket with an s3:prefix condition.
const S3_LIST_PREFIX: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "AllowListingOfProjectFolder",
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:user/JohnDoe"},
    "Action": "s3:ListBucket",
    "Resource": "arn:aws:s3:::amzn-s3-demo-bucket",
    "Condition": {"StringLike": {"s3:prefix": ["projects/*"]}}
  }]
}"#;

#[test]
fn s3_rejects_actions_that_apply_to_none_of_the_resources() {
    assert!(of_rule("b.s3.json", S3_PUBLIC_READ, "resource-mismatch").is_empty());
    assert!(of_rule("b.s3.json", S3_LIST_PREFIX, "resource-mismatch").is_empty());
    // The bucket ARN without /*: the case S3 answers with "Action does not apply to
    // any resource(s) in statement".
    let bucket_only = S3_PUBLIC_READ.replace("amzn-s3-demo-bucket/*", "amzn-s3-demo-bucket");
    let got = of_rule("b.s3.json", &bucket_only, "resource-mismatch");
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|f| f.2 == Severity::Error), "{got:?}");
    assert!(
        got[0].3.contains("S3 rejects this bucket policy"),
        "{got:?}"
    );
    let objects_only = S3_LIST_PREFIX.replace(
        "\"arn:aws:s3:::amzn-s3-demo-bucket\"",
        "\"arn:aws:s3:::amzn-s3-demo-bucket/*\"",
    );
    let got = of_rule("b.s3.json", &objects_only, "resource-mismatch");
    assert_eq!(
        got.iter().map(|f| (f.1.as_str(), f.2)).collect::<Vec<_>>(),
        [("\"s3:ListBucket\"", Severity::Error)]
    );
    // The same statements in an identity policy stay warnings: IAM accepts them.
    let identity = bucket_only.replace("\"Principal\": \"*\",", "");
    let got = of_rule("a.iam.json", &identity, "resource-mismatch");
    assert!(
        !got.is_empty() && got.iter().all(|f| f.2 == Severity::Warning),
        "{got:?}"
    );
}

/// IAM User Guide, "Identity-based policy examples": "Amazon S3: Allows read and write
/// access to objects in an S3 Bucket" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_s3_rw-bucket.html),
/// turned into a Deny of object deletion written on the bucket ARN.
#[test]
fn a_deny_on_the_wrong_resource_matches_nothing() {
    let text = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ListObjectsInBucket", "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::bucket-name"]},
    {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": ["arn:aws:s3:::bucket-name"]}
  ]
}"#;
    let got = of_rule("a.iam.json", text, "resource-mismatch");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].3.ends_with("so this Deny matches nothing for it"),
        "{got:?}"
    );
    assert!(!got[0].3.contains("granted"), "{got:?}");
}

/// A statement of the IAM User Guide example "AWS: Denies access to AWS based on the
/// source IP" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html),
/// repeated until the policy passes a size quota.
fn repeated(kind_principal: &str, n: usize) -> String {
    let st = format!(
        r#"{{"Sid": "S{{i}}", "Effect": "Deny",{kind_principal} "Action": "*", "Resource": "*", "Condition": {{"NotIpAddress": {{"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"]}}, "Bool": {{"aws:ViaAWSService": "false"}}}}}}"#
    );
    let sts: Vec<String> = (0..n).map(|i| st.replace("{i}", &i.to_string())).collect();
    format!(
        r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#,
        sts.join(", ")
    )
}

#[test]
fn a_policy_larger_than_every_quota_of_its_kind_is_an_error() {
    let size = |text: &str, name: &str| {
        of_rule(name, text, "policy-size")
            .into_iter()
            .map(|f| f.2)
            .collect::<Vec<_>>()
    };
    // One statement is ~170 characters without white space.
    assert_eq!(size(&repeated("", 20), "a.iam.json"), []);
    // Over 6,144 (managed) but under 10,240 (role inline): depends on the attachment.
    assert_eq!(size(&repeated("", 45), "a.iam.json"), [Severity::Warning]);
    // Over 10,240: no identity policy can be that large.
    assert_eq!(size(&repeated("", 70), "a.iam.json"), [Severity::Error]);
    // SCPs have one quota, 5,120.
    assert_eq!(size(&repeated("", 20), "org.scp.json"), []);
    assert_eq!(size(&repeated("", 35), "org.scp.json"), [Severity::Error]);
    // Resource policies: the quota is the service's, so a warning only.
    let p = r#" "Principal": "*","#;
    assert_eq!(size(&repeated(p, 140), "q.rcp.json"), [Severity::Warning]);
}

/// IAM User Guide, "AWS: Denies access to AWS based on the source IP" with the key
/// misspelled.
#[test]
fn unknown_global_keys_are_errors_with_a_did_you_mean() {
    let doc = r#"{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Deny",
    "Action": "*",
    "Resource": "*",
    "Condition": {
      "NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"]},
      "Bool": {"aws:ViaAWSService": "false"}
    }
  }
}"#;
    assert!(of_rule("a.iam.json", doc, "unknown-condition-key").is_empty());
    let typo = doc.replace("\"aws:SourceIp\"", "\"aws:SourceIpAddress\"");
    let got = of_rule("a.iam.json", &typo, "unknown-condition-key");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, Severity::Error);
    assert!(
        got[0].3.contains("did you mean \"aws:SourceIp\""),
        "{got:?}"
    );
    // Far from every documented key: still an error, without a suggestion.
    let odd = doc.replace("\"aws:ViaAWSService\"", "\"aws:Zzyzx\"");
    let got = of_rule("a.iam.json", &odd, "unknown-condition-key");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, Severity::Error);
    // Service keys keep the catalog-date wording and stay warnings unless a likely typo.
    let svc = doc.replace("\"aws:ViaAWSService\"", "\"ec2:SomeFutureKey\"");
    let got = of_rule("a.iam.json", &svc, "unknown-condition-key");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, Severity::Warning);
    assert!(got[0].3.contains("catalog of"), "{got:?}");
}

// ----- 2. Trust policies are read as a whole -----------------------------------------

/// IAM User Guide, "Passing session tags in AWS STS", permissions required to add
/// session tags (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html):
/// sts:AssumeRole in one statement, sts:TagSession in another, same principal.
const TRUST_TAGS_SPLIT: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowIamUserAssumeRole",
      "Effect": "Allow",
      "Action": "sts:AssumeRole",
      "Principal": {"AWS": "arn:aws:iam::123456789012:user/test-session-tags"},
      "Condition": {"StringLike": {"aws:RequestTag/Project": "*"}}
    },
    {
      "Sid": "AllowPassSessionTags",
      "Effect": "Allow",
      "Action": "sts:TagSession",
      "Principal": {"AWS": "arn:aws:iam::123456789012:user/test-session-tags"},
      "Condition": {"StringLike": {"aws:RequestTag/Project": "*"}}
    }
  ]
}"#;

/// IAM User Guide, "Passing session tags in AWS STS", AssumeRoleWithSAML: the SAML
/// provider may assume the role in one statement and pass tags in another.
const TRUST_SAML_TAGS_SPLIT: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowSamlIdentityAssumeRole",
      "Effect": "Allow",
      "Action": "sts:AssumeRoleWithSAML",
      "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/ADFS"},
      "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}
    },
    {
      "Sid": "AllowPassSessionTagsAndTransitive",
      "Effect": "Allow",
      "Action": "sts:TagSession",
      "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/ADFS"},
      "Condition": {"StringLike": {"aws:RequestTag/Department": "*"}}
    }
  ]
}"#;

/// IAM User Guide, "Monitor and control actions taken with assumed roles"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html):
/// a trust policy that requires a source identity, split into two statements.
const TRUST_SOURCE_IDENTITY_SPLIT: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AssumeRole",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:role/CriticalRole"},
      "Action": "sts:AssumeRole",
      "Condition": {"StringLike": {"sts:SourceIdentity": "${aws:username}"}}
    },
    {
      "Sid": "SetSourceIdentity",
      "Effect": "Allow",
      "Principal": {"AWS": "111122223333"},
      "Action": "sts:SetSourceIdentity"
    }
  ]
}"#;

#[test]
fn session_actions_in_another_statement_count_for_the_same_principal() {
    for doc in [TRUST_TAGS_SPLIT, TRUST_SAML_TAGS_SPLIT] {
        let got: Vec<_> = findings("role.trust.json", doc)
            .into_iter()
            .filter(|f| {
                matches!(
                    f.0,
                    "trust-action-mismatch" | "trust-missing-session-action"
                )
            })
            .collect();
        assert!(got.is_empty(), "{got:?}");
    }
    // The SetSourceIdentity statement names another principal than the role that
    // assumes: the condition still needs the action for that role.
    let got = of_rule(
        "role.trust.json",
        TRUST_SOURCE_IDENTITY_SPLIT,
        "trust-missing-session-action",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    let same = TRUST_SOURCE_IDENTITY_SPLIT.replace(
        "\"Principal\": {\"AWS\": \"111122223333\"}",
        "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/CriticalRole\"}",
    );
    assert!(of_rule("role.trust.json", &same, "trust-missing-session-action").is_empty());
    // An account id and its root ARN are one principal.
    let root = TRUST_SOURCE_IDENTITY_SPLIT.replace(
        "arn:aws:iam::111122223333:role/CriticalRole",
        "arn:aws:iam::111122223333:root",
    );
    assert!(of_rule("role.trust.json", &root, "trust-missing-session-action").is_empty());
}

#[test]
fn a_session_action_for_a_principal_that_cannot_assume_the_role_is_an_error() {
    // The tagging statement names another user than the one that may assume the role.
    let other = TRUST_TAGS_SPLIT.replacen("user/test-session-tags", "user/someone-else", 1);
    let got = of_rule("role.trust.json", &other, "trust-action-mismatch");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "\"sts:TagSession\"");
    assert!(
        got[0]
            .3
            .contains("no statement of this trust policy allows"),
        "{got:?}"
    );
    // And the first statement's tag condition has no TagSession for its principal.
    assert_eq!(
        of_rule("role.trust.json", &other, "trust-missing-session-action").len(),
        1
    );
    // The wrong assume action in a statement is still reported there.
    let saml = TRUST_SAML_TAGS_SPLIT.replace("\"sts:AssumeRoleWithSAML\"", "\"sts:AssumeRole\"");
    let got = of_rule("role.trust.json", &saml, "trust-action-mismatch");
    assert_eq!(
        got.iter().map(|f| f.1.as_str()).collect::<Vec<_>>(),
        ["\"sts:AssumeRole\"", "\"sts:TagSession\""],
        "{got:?}"
    );
}

// ----- 3. The file name is a hint, the content is evidence -------------------------

/// Results without a kind must equal the results with the right kind.
fn same_as_kind(name: &str, text: &str, kind: crate::model::DocKind) {
    let by_name = analyze(text, Some(name), &Config::new());
    let mut config = Config::new();
    config.forced_kind = Some(kind);
    let forced = analyze(text, Some(name), &config);
    assert_eq!(by_name.kind.kind, kind, "{}", by_name.kind.reason);
    let show = |a: &crate::analysis::Analysis| {
        a.diagnostics
            .iter()
            .map(|d| (d.rule, d.range, d.message.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(show(&by_name), show(&forced), "{name}");
}

/// Amazon Cognito Developer Guide / S3 User Guide: a bucket policy that lets everyone
/// read (the S3 example above) kept in files whose names hold a word of another kind.
#[test]
fn a_word_in_the_file_name_does_not_override_clear_content() {
    use crate::model::DocKind;
    same_as_kind(
        "web-identity-pool-assets.json",
        S3_PUBLIC_READ,
        DocKind::S3Bucket,
    );
    same_as_kind(
        "ci-assumerole-artifacts.json",
        S3_PUBLIC_READ,
        DocKind::S3Bucket,
    );
    same_as_kind("team-scp-bucket.json", S3_PUBLIC_READ, DocKind::S3Bucket);
    // The SNS topic policy of the SNS Developer Guide in a file named like a trust policy.
    let sns = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "SNS:Publish", "Resource": "arn:aws:sns:us-east-2:111122223333:MyTopic", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket"}, "StringEquals": {"aws:SourceAccount": "111122223333"}}}]}"#;
    same_as_kind("topic-trust.json", sns, DocKind::Resource);
    // A trust policy in a file named like an identity policy.
    same_as_kind(
        "identity-center-trust-role.json",
        TRUST_TAGS_SPLIT,
        DocKind::Trust,
    );
    // "Principal": "*" in a file named "identity": no principal-not-allowed.
    assert!(of_rule(
        "identity-pool-public.json",
        S3_PUBLIC_READ,
        "principal-not-allowed"
    )
    .is_empty());
}

#[test]
fn a_word_stands_where_the_content_does_not_contradict_it() {
    use crate::model::DocKind;
    let kind = |name: &str, text: &str| analyze(text, Some(name), &Config::new()).kind.kind;
    // A trust policy with a Resource: the content alone reads as a resource policy,
    // the name says trust, and resource-not-allowed explains the mistake.
    let with_resource = TRUST_TAGS_SPLIT.replacen(
        "\"Action\": \"sts:AssumeRole\",",
        "\"Action\": \"sts:AssumeRole\", \"Resource\": \"*\",",
        1,
    );
    assert_eq!(kind("role-trust.json", &with_resource), DocKind::Trust);
    assert!(!of_rule("role-trust.json", &with_resource, "resource-not-allowed").is_empty());
    // SCPs and identity policies look alike: the name decides.
    let scp = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}"#;
    assert_eq!(kind("deny-leave-scp.json", scp), DocKind::Scp);
    // A bucket policy whose resources are all "*": the word stands.
    let star = S3_PUBLIC_READ.replace("[\"arn:aws:s3:::amzn-s3-demo-bucket/*\"]", "\"*\"");
    assert_eq!(kind("bucket-policy.json", &star), DocKind::S3Bucket);
    // A suffix decides whatever the content.
    assert_eq!(kind("x.iam.json", S3_PUBLIC_READ), DocKind::Identity);
}

#[test]
fn a_single_statement_object_gets_the_element_messages() {
    let single =
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject"}}"#;
    let got = findings("a.iam.json", single);
    assert!(got.iter().any(|f| f.0 == "missing-resource"), "{got:?}");
    assert!(
        !got.iter()
            .any(|f| f.3.contains("found an object") || f.3.contains("found object")),
        "{got:?}"
    );
    let array = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}"#;
    let rules = |t: &str| {
        findings("a.iam.json", t)
            .into_iter()
            .map(|f| (f.0, f.3))
            .collect::<Vec<_>>()
    };
    assert_eq!(rules(single), rules(array));
}

// ----- 5. Warnings that should not fire --------------------------------------------

/// IAM User Guide, "AWS global condition context keys", aws:Ec2InstanceSourcePrivateIPv4
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
/// deny use of instance credentials from another address than the instance's.
const EC2_CREDENTIALS_IP: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Deny",
    "Action": "*",
    "Resource": "*",
    "Condition": {
      "StringNotEquals": {"aws:Ec2InstanceSourcePrivateIPv4": "${aws:VpcSourceIp}"},
      "Null": {"ec2:SourceInstanceARN": "false"},
      "BoolIfExists": {"aws:ViaAWSService": "false"}
    }
  }]
}"#;

#[test]
fn a_string_operator_may_compare_a_key_with_a_variable_of_its_type() {
    assert!(of_rule("a.iam.json", EC2_CREDENTIALS_IP, "operator-type-mismatch").is_empty());
    // A variable of another type: still a mismatch, and no operator fix that would
    // compare "${aws:username}" literally.
    let other = EC2_CREDENTIALS_IP.replace("${aws:VpcSourceIp}", "${aws:username}");
    let a = analyze(&other, Some("a.iam.json"), &Config::new());
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.rule == "operator-type-mismatch")
        .expect("mismatch");
    assert!(!d.message.contains("NotIpAddress"), "{}", d.message);
    let fixes = crate::ide::fixes::fixes_for(&a, crate::catalog::Catalog::builtin(), d);
    assert!(
        fixes.iter().all(|f| !f.title.contains("IpAddress")),
        "{:?}",
        fixes.iter().map(|f| &f.title).collect::<Vec<_>>()
    );
    // A literal address with a String operator keeps the fix.
    let literal = EC2_CREDENTIALS_IP.replace("${aws:VpcSourceIp}", "10.0.0.7");
    let a = analyze(&literal, Some("a.iam.json"), &Config::new());
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.rule == "operator-type-mismatch")
        .expect("mismatch");
    let fixes = crate::ide::fixes::fixes_for(&a, crate::catalog::Catalog::builtin(), d);
    assert!(fixes.iter().any(|f| f.title.contains("NotIpAddress")));
}

/// IAM User Guide, "IAM: Assume roles that have a specific tag"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam-assume-tagged-role.html).
#[test]
fn a_key_listed_for_the_action_through_a_template_is_supported() {
    let doc = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "AssumeTaggedRole",
    "Effect": "Allow",
    "Action": "sts:AssumeRole",
    "Resource": "*",
    "Condition": {"StringEquals": {"iam:ResourceTag/Project": "${aws:PrincipalTag/Project}"}}
  }]
}"#;
    assert!(of_rule("a.iam.json", doc, "condition-key-not-supported").is_empty());
    // An iam key that sts:AssumeRole does not list.
    let other = doc.replace("iam:ResourceTag/Project", "iam:PolicyARN");
    assert_eq!(
        of_rule("a.iam.json", &other, "condition-key-not-supported").len(),
        1
    );
}

/// AWS Lambda Developer Guide, "Working with resource-based IAM policies in Lambda"
/// (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html):
/// qualified function ARNs (version, alias, $LATEST).
#[test]
fn qualified_lambda_arns_are_functions() {
    for arn in [
        "arn:aws:lambda:us-east-2:123456789012:function:my-function:1",
        "arn:aws:lambda:us-east-2:123456789012:function:my-function:PROD",
        "arn:aws:lambda:us-east-2:123456789012:function:my-function:$LATEST",
        "arn:aws:lambda:us-east-2:123456789012:function:my-function",
    ] {
        let doc = format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": ["lambda:InvokeFunction", "lambda:GetFunction"], "Resource": "{arn}"}}]}}"#
        );
        assert!(
            of_rule("a.iam.json", &doc, "resource-mismatch").is_empty(),
            "{arn}"
        );
    }
    // A layer is not a function.
    let layer = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:us-east-2:123456789012:layer:my-layer"}]}"#;
    assert_eq!(of_rule("a.iam.json", layer, "resource-mismatch").len(), 1);
}

/// Amazon S3 User Guide, "Multi-Region Access Point permissions", example policy
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPointPermissions.html).
#[test]
fn multi_region_access_point_arns_fit_object_and_access_point_actions() {
    let doc = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
    "Action": ["s3:GetObject", "s3:PutObject"],
    "Resource": "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap/object/*"
  }]
}"#;
    assert!(of_rule("mrap.json", doc, "resource-mismatch").is_empty());
    // Object actions on the access point itself (no /object/): nothing to read.
    let bare = doc.replace("/object/*", "");
    assert!(!of_rule("mrap.json", &bare, "resource-mismatch").is_empty());
}

/// IAM User Guide, "AWS global condition context keys", aws:PrincipalOrgID: a Deny of
/// requests from outside the organization.
#[test]
fn for_any_value_with_a_negated_operator_in_a_deny_is_a_warning() {
    let doc = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "DenyOutsideOrg",
    "Effect": "Deny",
    "Principal": "*",
    "Action": "s3:*",
    "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
    "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}
  }]
}"#;
    assert!(of_rule("b.s3.json", doc, "set-operator-on-single-valued-key").is_empty());
    let any = doc.replace("\"StringNotEquals\"", "\"ForAnyValue:StringNotEquals\"");
    let got = of_rule("b.s3.json", &any, "set-operator-on-single-valued-key");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, Severity::Warning);
    assert!(
        got[0].3.contains("does not apply to requests without it"),
        "{got:?}"
    );
    // Harmless: a positive operator, or an Allow.
    let positive = any.replace("ForAnyValue:StringNotEquals", "ForAnyValue:StringEquals");
    let got = of_rule("b.s3.json", &positive, "set-operator-on-single-valued-key");
    assert_eq!(
        got.iter().map(|f| f.2).collect::<Vec<_>>(),
        [Severity::Info]
    );
    let allow = any.replace("\"Effect\": \"Deny\"", "\"Effect\": \"Allow\"");
    let got = of_rule("b.s3.json", &allow, "set-operator-on-single-valued-key");
    assert_eq!(
        got.iter().map(|f| f.2).collect::<Vec<_>>(),
        [Severity::Info]
    );
}

/// AWS Managed Policy Reference, "AnthropicFullAccess"
/// (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AnthropicFullAccess.html):
/// a documented pairing that the source data lacks, recorded in
/// tools/catalog-supplement.json.
#[test]
fn documented_pairings_from_the_supplement_are_supported() {
    let doc = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "AnthropicSubscriptionManagement",
    "Effect": "Allow",
    "Action": ["aws-marketplace:Subscribe", "aws-marketplace:Unsubscribe"],
    "Resource": "*",
    "Condition": {"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": ["prod-3qbeiztufnva6"]}}
  }]
}"#;
    assert!(of_rule("a.iam.json", doc, "condition-key-not-supported").is_empty());
    let other = doc
        .replace(
            "aws-marketplace:Unsubscribe",
            "aws-marketplace:DescribeAgreement",
        )
        .replace("\"aws-marketplace:Subscribe\", ", "");
    assert_eq!(
        of_rule("a.iam.json", &other, "condition-key-not-supported").len(),
        1
    );
}
