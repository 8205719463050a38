//! `duplicate-sid`: Two statements share a Sid.

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

pub static RULE: Rule = Rule {
    id: "duplicate-sid",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["UNIQUE_SIDS_REQUIRED", "UNIQUE_SIDS_RECOMMENDED"],
    parliament: &["DUPLICATE_SID"],
    summary: "Two statements share a Sid",
    docs: "IAM rejects identity and trust policies and SCPs whose statements repeat a `Sid`; other resource policies \
accept it but tools that refer to statements by Sid become ambiguous (reported as a warning there). Give each \
statement its own Sid.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "A", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "B", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}"#,
    notes_topics: &[],
    fix: Some(Applicability::Safe),
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
            duplicate-sid error 124..127 "\"A\"": Sid "A" is already used on line 1: give each statement its own Sid
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
