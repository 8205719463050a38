//! `yaml-syntax`: A CloudFormation YAML template that cannot be read.

use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "yaml-syntax",
    category: Category::Syntax,
    severity: Severity::Error,
    access_analyzer: &[],
    parliament: &[],
    summary: "A CloudFormation YAML template that cannot be read",
    docs: "The template holding the policy is not valid YAML at the marked line: usually an indentation that does not \
line up with the keys above it, a tab used for indentation, an unclosed quote or bracket. CloudFormation rejects \
the template. The line is set aside and the rest of the template is still checked, so fix the first error first.",
    example_file: "t.yaml",
    avoid: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n       Statement: []\n",
    prefer: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement: [{Effect: Allow, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*'}]\n",
    checks: &[Check::Walk(Walk::Host)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
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
                error[yaml-syntax]: YAML syntax error: cannot read `Statement: []` here; check its indentation, quotes and brackets
                 --> t.yaml:8:8
                   |
                8 |        Statement: []
                   |        ^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
