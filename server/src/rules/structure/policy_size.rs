//! `policy-size`: The policy is larger than AWS allows for its kind.

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule};

pub static RULE: Rule = Rule {
    id: "policy-size",
    category: Category::Correctness,
    severity: Severity::Warning,
    access_analyzer: &["POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_SCP_QUOTA"],
    parliament: &[],
    summary: "The policy is larger than AWS allows for its kind",
    docs: "AWS limits policy size, counted without white space: for identity policies 2,048 characters (user inline), \
5,120 (group inline), 6,144 (managed) and 10,240 (role inline); 2,048 for a role trust policy (adjustable up to \
8,192); 5,120 for an SCP; 20 KB for an S3 bucket policy and 32 KB for a KMS key policy. A policy larger than every \
quota of its kind cannot be created anywhere: error. A policy over the smallest quota that some uses still allow \
(an identity policy over 6,144, a trust policy over 2,048) and a resource policy over 20 KB (each service sets its \
own quota) is a warning. Split the policy, or use wildcards and fewer statements.",
    example_file: "role-trust.json",
    avoid: "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"arn:aws:iam::111122223333:role/r\"]}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"LONG\"}}}]}",
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/r"}, "Action": "sts:AssumeRole"}]}"#,
    notes_topics: &[],
    fix: None,
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
            policy-size warning 0..1 "{": the policy has 2291 characters without white space, over the limit for some uses (role trust policies: 2,048 by default, adjustable up to 8,192)
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
