//! `hcl-syntax`: A Terraform file that cannot be read.

use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "hcl-syntax",
    category: Category::Syntax,
    severity: Severity::Error,
    access_analyzer: &[],
    parliament: &[],
    summary: "A Terraform file that cannot be read",
    docs: "The Terraform file holding the policy is not valid HCL at the marked place: an unclosed `{`, `[` or quote, \
a missing `=`, a stray character. `terraform validate` and `plan` refuse the file. Policies in the blocks that can \
be read are still checked.",
    example_file: "main.tf",
    avoid: "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({Version = \"2012-10-17\", Statement = [{Effect = \"Allow\", Action = \"s3:GetObject\", Resource = \"arn:aws:s3:::b/*\"}]})\n  name = \"x\n}\n",
    prefer: "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({Version = \"2012-10-17\", Statement = [{Effect = \"Allow\", Action = \"s3:GetObject\", Resource = \"arn:aws:s3:::b/*\"}]})\n  name = \"x\"\n}\n",
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
                error[hcl-syntax]: this string is not closed on its line: `"` missing (a quoted string cannot span lines; use a heredoc)
                 --> main.tf:3:10
                   |
                3 |   name = "x
                   |          ^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
