//! `service-principal-without-source`: A service principal without aws:SourceArn or aws:SourceAccount.

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule};

pub static RULE: Rule = Rule {
    id: "service-principal-without-source",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &["RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"],
    parliament: &[],
    summary: "A service principal without aws:SourceArn or aws:SourceAccount",
    docs: "When a resource policy lets an AWS service (`sns.amazonaws.com`, `cloudtrail.amazonaws.com`, …) act on your \
resource, any customer's use of that service could reach it (the confused-deputy problem). Add \
`aws:SourceArn` or `aws:SourceAccount` (or `aws:SourceOrgID`) conditions naming your resources.",
    example_file: "topic-resource-policy.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:t"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:t", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::b"}}}]}"#,
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
            service-principal-without-source warning 85..103 "\"s3.amazonaws.com\"": "s3.amazonaws.com" may act for any AWS customer's resources here (confused deputy): add aws:SourceArn or aws:SourceAccount
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
