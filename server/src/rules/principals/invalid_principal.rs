//! `invalid-principal`: A principal value has the wrong form for its type.

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-principal",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_PRINCIPAL_FORMAT", "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"],
    parliament: &["UNKNOWN_PRINCIPAL"],
    summary: "A principal value has the wrong form for its type",
    docs: "`AWS` principals are `\"*\"`, 12-digit account ids or IAM ARNs (`arn:aws:iam::111122223333:root`, `…:role/name`, \
`…:user/name`, `arn:aws:sts::111122223333:assumed-role/role/session`); wildcards inside an ARN are not allowed. \
`CanonicalUser` values are 64 hex digits. AWS rejects other forms.",
    example_file: "b.bucket-policy.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::44445555666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    notes_topics: &[],
    fix: None,
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
            invalid-principal error 81..112 "\"arn:aws:iam::44445555666:root\"": account id "44445555666" in "arn:aws:iam::44445555666:root" must have exactly 12 digits
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
