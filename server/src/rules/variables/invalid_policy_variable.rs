//! `invalid-policy-variable`: A malformed or unknown policy variable.

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-policy-variable",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["MISSING_BRACE_IN_VARIABLE", "EMPTY_VARIABLE", "UNSUPPORTED_SPACE_IN_VARIABLE", "MISSING_QUOTE_IN_VARIABLE", "UNSUPPORTED_SYMBOL_IN_VARIABLE"],
    parliament: &[],
    summary: "A malformed or unknown policy variable",
    docs: "Policy variables are `${aws:username}`, `${aws:PrincipalTag/team}`, `${s3:prefix}` and the like, optionally with \
a default value in single quotes (`${aws:username, 'none'}`); `${*}`, `${?}` and `${$}` stand for the literal \
characters. A missing brace, an empty `${}`, spaces or a variable no request carries make the value match nothing.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/home/${aws:usrname}/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/home/${aws:username}/${aws:PrincipalTag/team, 'none'}/*"}]}"#,
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
            invalid-policy-variable error 119..133 "${aws:usrname}": unknown policy variable "${aws:usrname}": did you mean "${aws:username}"?
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
