//! Hit and non-hit tests for every rule. Each hit fixture marks with `$0` where the
//! diagnostic must start; the clean fixture is a near miss that must not trigger it.

use crate::analysis::analyze;
use crate::config::Config;
use crate::rules::RULES;

const MARK: &str = "$0";

/// (rule, file name (drives the kind), hit fixture with `$0`, clean fixture)
pub(crate) const CASES: &[(&str, &str, &str, &str)] = &[
    ("json-syntax", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}$0,]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#),
    ("yaml-syntax", "t.yaml",
     "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n       $0Statement: []\n",
     "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement: []\n"),
    ("hcl-syntax", "main.tf",
     "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({Version = \"2012-10-17\", Statement = []})\n  name = $0\"x\n}\n",
     "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({Version = \"2012-10-17\", Statement = []})\n  name = \"x\"\n}\n"),
    ("not-analysed", "t.yaml",
     "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: $0!ImportValue SharedPolicy\n",
     "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement: []\n"),
    ("duplicate-key", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", $0"Action": "s3:PutObject", "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}}"#),
    ("invalid-type", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": $042, "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#),
    ("unknown-element", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": {$0"effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#),
    ("invalid-effect", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": {"Effect": $0"allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}}"#),
    ("missing-version", "a.iam.json",
     r#"$0{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#),
    ("invalid-version", "a.iam.json",
     r#"{"Version": $0"2012-10-18", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#),
    ("old-version", "a.iam.json",
     r#"{"Version": $0"2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#),
    ("missing-statement", "a.iam.json",
     r#"$0{"Version": "2012-10-17"}"#,
     r#"{"Version": "2012-10-17", "Statement": []}"#),
    ("missing-effect", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [$0{"Action": "s3:GetObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#),
    ("missing-action", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [$0{"Effect": "Allow", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "s3:*", "Resource": "*"}]}"#),
    ("conflicting-elements", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", $0"NotAction": "s3:PutObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b/*"}]}"#),
    ("missing-resource", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [$0{"Effect": "Allow", "Action": "s3:GetObject"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::b/*"}]}"#),
    ("missing-principal", "b.s3.json",
     r#"{"Version": "2012-10-17", "Statement": [$0{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#),
    ("kind-name-mismatch", "b.bucket-policy.json",
     r#"{"Version": "2012-10-17", $0"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#),
    ("principal-not-allowed", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", $0"Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}}]}"#),
    ("resource-not-allowed", "role-trust.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", $0"Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#),
    ("invalid-sid", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": $0"Read-Only", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "ReadOnly1", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}"#),
    ("duplicate-sid", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": $0"A", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "B", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}"#),
    ("empty-sid", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": $0"", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#),
    ("empty-element", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": $0[], "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}"#),
    ("policy-size", "role-trust.json",
     "$0{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"arn:aws:iam::111122223333:role/r\"]}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"LONG\"}}}]}",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/r"}, "Action": "sts:AssumeRole"}]}"#),
    ("unknown-service", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "$0s33:GetObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#),
    ("unknown-action", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "$0s3:GetObjet", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#),
    ("malformed-action", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": $0"GetObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#),
    ("wildcard-matches-nothing", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "$0s3:Get*Objekt", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*Object", "Resource": "*"}]}"#),
    ("action-case", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "$0s3:getobject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#),
    ("redundant-action", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", $0"s3:GetObject"], "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:PutObject"], "Resource": "*"}]}"#),
    ("not-action-with-allow", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", $0"NotAction": "iam:*", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]}"#),
    ("wildcard-in-service", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": $0"*:Describe*", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}"#),
    ("invalid-arn", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": $0"arn:aws:s3:bucket/key"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/key"}]}"#),
    ("invalid-arn-account", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": $0"arn:aws:sqs:us-east-1:11112222333:q"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:q"}]}"#),
    ("invalid-arn-region", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": $0"arn:aws:iam:us-east-1:111122223333:role/app"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:q"}]}"#),
    ("resource-mismatch", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": $0"s3:GetObject", "Resource": "arn:aws:s3:::bucket"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"]}]}"#),
    // Amazon S3 User Guide, "Examples of Amazon S3 bucket policies" (public read), with a foreign action.
    ("unsupported-action-in-policy", "b.s3.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", $0"sqs:SendMessage"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}"#),
    ("unsupported-resource-in-policy", "b.s3.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/*", $0"arn:aws:sqs:us-east-1:111122223333:q"]}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/*"]}]}"#),
    ("invalid-principal", "b.bucket-policy.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": $0"arn:aws:iam::44445555666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#),
    ("principal-unique-id", "b.bucket-policy.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": $0"AROAJQABLZS4A3QDU576Q"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#),
    ("invalid-service-principal", "role-trust.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": $0"lambda.amazonaws"}, "Action": "sts:AssumeRole"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#),
    ("invalid-federated-principal", "role-trust.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": $0"github.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}]}"#),
    ("trust-action-mismatch", "role-trust.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}, "Action": $0"sts:AssumeRole"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}, "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}"#),
    ("unknown-operator", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {$0"StringEqual": {"aws:PrincipalAccount": "111122223333"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "team"}}}]}"#),
    ("unknown-condition-key", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {$0"aws:SourceIps": "203.0.113.0/24"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "StringEquals": {"aws:ResourceTag/team": "data", "gitlab.com:sub": "x"}}}]}"#),
    ("condition-key-not-supported", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {$0"s3:prefix": "home/"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "home/"}}}]}"#),
    ("operator-type-mismatch", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {$0"aws:SourceIp": "203.0.113.7"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.7"}}}]}"#),
    ("invalid-condition-value", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": $0"no"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}, "DateGreaterThan": {"aws:CurrentTime": "2026-01-31T12:00:00Z"}, "NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}}]}"#),
    ("set-operator-on-single-valued-key", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {$0"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}}]}"#),
    ("missing-set-operator", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {$0"StringEquals": {"aws:TagKeys": "team"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}}}]}"#),
    ("null-operator-misuse", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {$0"NullIfExists": {"aws:PrincipalOrgID": "true"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Null": {"aws:PrincipalOrgID": "true"}}}]}"#),
    ("wildcard-without-like", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": $0"data-*"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalTag/team": "data-*"}}}]}"#),
    ("deprecated-condition-key", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {$0"aws:SourceOwner": "111122223333"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]}"#),
    ("private-ip-source", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": $0"10.0.0.0/8"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}}}]}"#),
    ("bad-mfa-condition", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {$0"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}"#),
    ("invalid-policy-variable", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/home/$0${aws:usrname}/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/home/${aws:username}/${aws:PrincipalTag/team, 'none'}/*"}]}"#),
    ("variable-not-allowed", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:$0${aws:username}", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}]}"#),
    ("variables-need-version", "a.iam.json",
     r#"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/$0${aws:username}/*"}]}"#,
     r#"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/home/*"}]}"#),
    ("public-access", "b.bucket-policy.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Allow", "Principal": $0"*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}}]}"#),
    ("kms-broad-key-admin", "k.kms.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": [$0"kms:ScheduleKeyDeletion"], "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/KeyAdmin"}, "Action": ["kms:ScheduleKeyDeletion"], "Resource": "*"}]}"#),
    // A bare account id is the account root: only the foreign account is broad.
    ("kms-broad-key-admin", "k.kms.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": [$0"kms:ScheduleKeyDeletion"], "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}]}"#),
    ("kms-no-root-admin", "k.kms.json",
     r#"{"Version": "2012-10-17", $0"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}]}"#),
    ("kms-cross-account-unconstrained", "k.kms.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": $0"arn:aws:iam::444455556666:root"}, "Action": "kms:Decrypt", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}}]}"#),
    ("kms-admin-and-use", "k.kms.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, $0"Action": ["kms:PutKeyPolicy", "kms:Decrypt"], "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"}]}"#),
    ("s3-missing-secure-transport", "b.bucket-policy.json",
     r#"{"Version": "2012-10-17", $0"Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#),
    ("s3-public-read-with-kms", "b.bucket-policy.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}, {"Effect": "Allow", $0"Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "AES256"}}}, {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#),
    ("s3-broad-full-access", "b.bucket-policy.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": $0"s3:*", "Resource": "arn:aws:s3:::b/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}"#),
    ("audit-tampering", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [$0"cloudtrail:StopLogging"], "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["cloudtrail:LookupEvents"], "Resource": "*"}]}"#),
    ("scp-missing-audit-protection", "org.scp.json",
     r#"{"Version": "2012-10-17", $0"Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["cloudtrail:StopLogging", "guardduty:DeleteDetector"], "Resource": "*"}]}"#),
    ("full-admin-access", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": $0"*", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#),
    ("pass-role-wildcard", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [$0"iam:PassRole"], "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:PassRole"], "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}]}"#),
    ("privilege-escalation", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [$0"iam:AttachRolePolicy"], "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:AttachRolePolicy"], "Resource": "arn:aws:iam::111122223333:role/app"}]}"#),
    ("not-resource-with-allow", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", $0"NotResource": "arn:aws:s3:::secret/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::public/*"}]}"#),
    ("not-principal-with-allow", "b.bucket-policy.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Allow", $0"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::b/*"}]}"#),
    ("forallvalues-with-allow", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {$0"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}, "Null": {"aws:TagKeys": "false"}}}]}"#),
    ("create-slr-wildcard", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [$0"iam:CreateServiceLinkedRole"], "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:CreateServiceLinkedRole"], "Resource": "*", "Condition": {"StringEquals": {"iam:AWSServiceName": "autoscaling.amazonaws.com"}}}]}"#),
    ("oidc-trust-unconstrained", "gh-trust.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": $0"repo:*"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/app:ref:refs/heads/main"}}}]}"#),
    ("service-principal-without-source", "topic-resource-policy.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": $0"s3.amazonaws.com"}, "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:t"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:t", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::b"}}}]}"#),
    ("trust-missing-session-action", "role-trust.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}, $0"Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:RequestTag/team": "data"}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}, "Action": ["sts:AssumeRole", "sts:TagSession"], "Condition": {"StringEquals": {"aws:RequestTag/team": "data"}}}]}"#),
    ("duplicate-statement", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, $0{"Sid": "B", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "B", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}"#),
    ("redundant-resource", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::logs/*", $0"arn:aws:s3:::logs/app/*"]}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::audit/*"]}]}"#),
    ("redundant-condition-value", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"NumericLessThanEquals": {"s3:max-keys": $0["10", "20"]}}}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"NumericLessThanEquals": {"s3:max-keys": "20"}}}]}"#),
];

fn expand(src: &str) -> String {
    // `LONG` stands for a value long enough to exceed the smallest size quota.
    src.replace("LONG", &"x".repeat(2100))
}

/// Rules that only fire with a config; tested in `config_dependent_rules`.
const CONFIG_TESTED: &[&str] = &["s3-missing-required-encryption"];

#[test]
fn config_dependent_rules() {
    let mut config = Config::new();
    config.governance.s3_required_encryption = Some("aws:kms".to_string());
    let tls = r#"{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}"#;
    let hit = format!(
        r#"{{"Version": "2012-10-17", "Statement": [{tls}, {{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*", "Condition": {{"StringNotEquals": {{"s3:x-amz-server-side-encryption": "AES256"}}}}}}]}}"#
    );
    let clean = hit.replace("AES256", "aws:kms");
    let a = analyze(&hit, Some("b.bucket-policy.json"), &config);
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.rule == "s3-missing-required-encryption")
        .expect("hit");
    assert_eq!(&hit[d.range.as_range()], "\"Statement\"");
    let b = analyze(&clean, Some("b.bucket-policy.json"), &config);
    assert!(!b
        .diagnostics
        .iter()
        .any(|d| d.rule == "s3-missing-required-encryption"));
    // Without the setting the rule is silent.
    let c = analyze(&hit, Some("b.bucket-policy.json"), &Config::new());
    assert!(!c
        .diagnostics
        .iter()
        .any(|d| d.rule == "s3-missing-required-encryption"));
}

#[path = "tests_issue19.rs"]
mod issue19;

#[test]
fn every_rule_has_hit_and_non_hit_cases() {
    for r in RULES.iter().filter(|r| !CONFIG_TESTED.contains(&r.id)) {
        assert!(
            CASES.iter().any(|c| c.0 == r.id),
            "rule {} has no test case in rules/tests.rs",
            r.id
        );
    }
}

#[test]
fn hits_at_marker() {
    let config = Config::new();
    for (rule, file, hit, _) in CASES {
        let hit = expand(hit);
        let at = hit
            .find(MARK)
            .unwrap_or_else(|| panic!("{rule}: fixture has no $0"));
        let text = hit.replacen(MARK, "", 1);
        let a = analyze(&text, Some(file), &config);
        let found: Vec<_> = a.diagnostics.iter().filter(|d| d.rule == *rule).collect();
        assert!(
            found.iter().any(|d| d.range.start as usize == at),
            "{rule}: expected a diagnostic at {at}, got {:?}\nall: {:?}",
            found
                .iter()
                .map(|d| (d.range, &d.message))
                .collect::<Vec<_>>(),
            a.diagnostics
                .iter()
                .map(|d| (d.rule, d.range.start, &d.message))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn near_misses_are_clean() {
    let config = Config::new();
    for (rule, file, _, clean) in CASES {
        let a = analyze(&expand(clean), Some(file), &config);
        let found: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.rule == *rule)
            .map(|d| (d.range, &d.message))
            .collect();
        assert!(found.is_empty(), "{rule}: unexpected {found:?}");
    }
}

#[test]
fn safe_fixes_reparse_and_clear_their_diagnostic() {
    use crate::diagnostic::apply_edits;
    let config = Config::new();
    for (rule, file, hit, _) in CASES {
        let text = expand(hit).replacen(MARK, "", 1);
        let a = analyze(&text, Some(file), &config);
        for d in a.diagnostics.iter().filter(|d| d.rule == *rule) {
            for f in d.fixes.iter().filter(|f| f.safe) {
                let fixed = apply_edits(&text, &f.edits);
                let b = analyze(&fixed, Some(file), &config);
                assert!(
                    b.parse.errors.is_empty(),
                    "{rule}: fix `{}` broke the JSON: {fixed}",
                    f.title
                );
                assert!(
                    !b.diagnostics
                        .iter()
                        .any(|x| x.rule == *rule && x.range.start == d.range.start),
                    "{rule}: fix `{}` did not clear it: {fixed}",
                    f.title
                );
            }
        }
    }
}

#[test]
fn duplicate_statements_compare_values_not_text() {
    let count = |text: &str| {
        analyze(text, Some("a.iam.json"), &Config::new())
            .diagnostics
            .iter()
            .filter(|d| d.rule == "duplicate-statement")
            .count()
    };
    // Keys in another order, other white space, another Sid, 1.0 written as 1e0.
    assert_eq!(
        count(
            r#"{"Version": "2012-10-17", "Statement": [
            {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericLessThan": {"s3:max-keys": 1.0}}},
            {"Condition": {"NumericLessThan": {"s3:max-keys": 1e0}}, "Resource": "*", "Action": "s3:GetObject", "Effect": "Allow"},
            {"Resource":"*","Action":"s3:GetObject","Effect":"Allow","Sid":"C","Condition":{"NumericLessThan":{"s3:max-keys":1.0}}}]}"#
        ),
        2
    );
    // Array order matters, and so does every value.
    assert_eq!(
        count(
            r#"{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["*"]},
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*", "Condition": {}}]}"#
        ),
        0
    );
}
