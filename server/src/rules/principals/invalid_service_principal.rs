//! `invalid-service-principal`: A Service principal that is not a valid service principal name.

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-service-principal",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_SERVICE_PRINCIPAL_FORMAT"],
    parliament: &["UNKNOWN_PRINCIPAL"],
    summary: "A Service principal that is not a valid service principal name",
    docs: "Service principals are DNS-like names ending in `.amazonaws.com` (or a partition's variant such as \
`.amazonaws.com.cn`), for example `lambda.amazonaws.com`. A close misspelling of a known service principal is \
reported with a suggestion, since it silently matches nothing.",
    example_file: "role-trust.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws"}, "Action": "sts:AssumeRole"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#,
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
            invalid-service-principal error 85..103 "\"lambda.amazonaws\"": "lambda.amazonaws" is not a service principal: did you mean "lambda.amazonaws.com"?
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
