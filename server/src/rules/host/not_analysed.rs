//! `not-analysed`: A policy, or part of one, that cannot be checked before deployment.

use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "not-analysed",
    category: Category::Structure,
    severity: Severity::Info,
    access_analyzer: &[],
    parliament: &[],
    summary: "A policy, or part of one, that cannot be checked before deployment",
    docs: "Some values in templates are only known when the stack is deployed or the plan is applied: a whole policy \
imported with `Fn::ImportValue`, a `dynamic \"statement\"` block, a `for` expression, a document from another \
file. Instead of guessing or skipping them silently, policy-lsp marks each once so you know what it did not check. \
Nothing is wrong with them as such; check the rendered policy (the deployed stack, or `terraform show`) if it \
matters, or write the part as a literal.",
    example_file: "t.yaml",
    avoid: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: !ImportValue SharedPolicy\n",
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
                info[not-analysed]: not analysed: the policy is the result of Fn::ImportValue, known only when the stack is deployed
                 --> t.yaml:6:23
                   |
                6 |       PolicyDocument: !ImportValue SharedPolicy
                   |                       ^^^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
