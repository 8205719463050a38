//! `privilege-escalation`: Grants that complete a known privilege-escalation path.

use crate::diagnostic::Severity;
use crate::rules::{Category, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "privilege-escalation",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &["PRIVILEGE_ESCALATION"],
    summary: "Grants that complete a known privilege-escalation path",
    docs: "The identity policy grants every action of a published AWS privilege-escalation path (Rhino Security Labs' \
list, pathfinding.cloud, BishopFox iam-vulnerable, with PMapper and Cloudsplaining): changing its own IAM \
permissions or a managed policy's default version (`iam:AttachUserPolicy`, `iam:CreatePolicyVersion`), taking \
another principal's credentials or a shell where a role lives (`iam:CreateAccessKey`, `ssm:SendCommand`, \
`sagemaker:CreatePresignedNotebookInstanceUrl`), or borrowing a stronger role by changing what runs with it \
(`lambda:UpdateFunctionCode`, `glue:UpdateDevEndpoint`, `cloudformation:UpdateStack`, `codebuild:StartBuild`) or by \
passing it to something new (`iam:PassRole` with `lambda:CreateFunction` and `lambda:InvokeFunction`, \
`ec2:RunInstances`, …). All Allow statements of the document count together; SCPs and resource policies are not \
checked.\n\n\
How a grant is read:\n\n\
- An action is granted when an Allow statement's `Action` matches it (wildcards included) or its `NotAction` does \
not list it, and no Deny without a condition on `*` covers it.\n\
- `Resource`: `*`, `NotResource`, or a pattern in the resource name (`policy/team-*`, which may match the caller's \
own policy) reaches too far; fully named ARNs are safe (wildcards in the Region and account fields do not count), \
and only resources of the types the action applies to count. A policy variable (`user/${aws:username}`) names the \
caller's own resource: safe for the credential paths, not for paths that change permissions.\n\
- `Condition`: `iam:PassRole` is safe for a path when `iam:PassedToService` (`StringEquals`/`StringLike`) allows \
only other services than the one the path hands the role to. Another action is safe when a condition that is not \
negated and not `…IfExists` tests a key the path's scoping names (`iam:PolicyARN`, `ec2:InstanceProfile`, \
`autoscaling:LaunchConfigurationName`, `ssm:resourceTag/…`, …) or any `…:ResourceTag/…` key. Conditions on the \
caller (source IP, MFA, principal tags) do not change what it can reach.\n\n\
Each path is reported once, at the value that grants the path's own action (not `iam:PassRole`), and only the \
smallest open paths (when `lambda:UpdateFunctionCode` alone is open, its variants with more actions are not \
repeated). A value is one finding, so `lambda:*` on `*` is one finding that lists the paths and dangerous actions it \
includes; `\"Action\": \"*\"` on `*` without a condition is left to `full-admin-access`. To fix: grant only the \
actions needed, name the resources (or require a resource tag), and give `iam:PassRole` named roles and \
`iam:PassedToService`. The full table (path, actions, why, how to scope it) is `server/docs/privilege-escalation.md`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:AttachRolePolicy"], "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:AttachRolePolicy"], "Resource": "arn:aws:iam::111122223333:role/app"}]}"#,
    notes_topics: &[NotesTopic::Service("iam")],
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
            privilege-escalation warning 71..93 "\"iam:AttachRolePolicy\"": "iam:AttachRolePolicy" on every resource opens the privilege-escalation path "Attach a managed policy to a role" (iam-attach-role-policy: iam:AttachRolePolicy): Name the roles in `Resource`, excluding the caller's own role and any role it can assume, pin policies with `iam:PolicyARN`, and require a permissions boundary with `iam:PermissionsBoundary`.
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
