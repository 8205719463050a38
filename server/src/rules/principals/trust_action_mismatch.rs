//! `trust-action-mismatch`: The assume-role action does not fit the principal type.

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

pub static RULE: Rule = Rule {
    id: "trust-action-mismatch",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["MISMATCHED_ACTION_FOR_PRINCIPAL"],
    parliament: &[],
    summary: "The assume-role action does not fit the principal type",
    docs: "In a role trust policy, AWS and Service principals assume the role with `sts:AssumeRole`, SAML providers with \
`sts:AssumeRoleWithSAML`, and OIDC providers (GitHub, Cognito, Google, EKS) with `sts:AssumeRoleWithWebIdentity`. \
With the wrong action the federation never works.",
    example_file: "role-trust.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}, "Action": "sts:AssumeRole"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}, "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}"#,
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
};

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
            trust-action-mismatch error 146..162 "\"sts:AssumeRole\"": principals from a SAML provider assume a role with "sts:AssumeRoleWithSAML", not "sts:AssumeRole"
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
