//! Fixtures follow the example policies of the public catalogues; each test names
//! its source (Rhino Security Labs' method list, pathfinding.cloud's path ids,
//! BishopFox iam-vulnerable's per-path Terraform policies).

use super::paths;
use crate::analysis::analyze;
use crate::catalog::Catalog;
use crate::config::Config;

/// The privilege-escalation findings of an identity policy: (text at the range, message).
fn findings(statements: &str) -> Vec<(String, String)> {
    let text = format!(r#"{{"Version": "2012-10-17", "Statement": [{statements}]}}"#);
    analyze(&text, Some("a.iam.json"), &Config::new())
        .diagnostics
        .iter()
        .filter(|d| d.rule == "privilege-escalation")
        .map(|d| (text[d.range.as_range()].to_string(), d.message.clone()))
        .collect()
}

fn allow(actions: &str, resource: &str) -> String {
    format!(r#"{{"Effect": "Allow", "Action": {actions}, "Resource": {resource}}}"#)
}

/// Exactly one finding, at `at`, naming `id`.
fn one(found: &[(String, String)], at: &str, id: &str) {
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, at, "{found:?}");
    assert!(found[0].1.contains(id), "{found:?}");
}

#[test]
fn data_parses_and_fits_the_catalog() {
    let all = paths();
    assert!(all.len() >= 100, "{}", all.len());
    let catalog = Catalog::builtin();
    let mut ids = std::collections::BTreeSet::new();
    for p in all {
        assert!(ids.insert(p.id.as_str()), "duplicate id {}", p.id);
        assert!(!p.name.is_empty() && !p.why.is_empty() && !p.scope.is_empty());
        assert!(
            matches!(
                p.category.as_str(),
                "iam-permissions" | "policy-version" | "credentials" | "borrow-role"
            ),
            "{}: category {}",
            p.id,
            p.category
        );
        for a in &p.actions {
            assert!(
                catalog.action_by_id(a).is_some(),
                "{}: unknown action {a}",
                p.id
            );
        }
        let passes = p.actions.iter().any(|a| a == "iam:PassRole");
        assert_eq!(passes, p.needs_pass_role, "{}: needs_pass_role", p.id);
        // The receiving service is read from the scope prose.
        assert_eq!(
            !p.passed_to().is_empty(),
            passes,
            "{}: iam:PassedToService",
            p.id
        );
    }
}

// Rhino method 18, pathfinding.cloud lambda-003, iam-vulnerable
// privesc-EditExistingLambdaFunctionWithRole.
#[test]
fn lambda_update_function_code_on_every_function() {
    let f = findings(&allow(r#""lambda:UpdateFunctionCode""#, r#""*""#));
    one(
        &f,
        "\"lambda:UpdateFunctionCode\"",
        "lambda-update-function-code",
    );
    let named = r#""arn:aws:lambda:us-east-1:111122223333:function:report""#;
    assert!(findings(&allow(r#""lambda:UpdateFunctionCode""#, named)).is_empty());
}

// Rhino method 15, pathfinding.cloud lambda-001, iam-vulnerable
// privesc15-PassExistingRoleToNewLambdaThenInvoke.
#[test]
fn pass_role_create_function_invoke() {
    let f = findings(&allow(
        r#"["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]"#,
        r#""*""#,
    ));
    one(
        &f,
        "\"lambda:CreateFunction\"",
        "lambda-create-invoke-pass-role",
    );
    assert!(f[0]
        .1
        .contains("iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction"));
    // Spread over statements, PassRole on its own: still the path.
    let f = findings(&format!(
        "{}, {}",
        allow(r#""iam:PassRole""#, r#""arn:aws:iam::111122223333:role/*""#),
        allow(
            r#"["lambda:CreateFunction", "lambda:InvokeFunction"]"#,
            r#""*""#
        )
    ));
    one(
        &f,
        "\"lambda:CreateFunction\"",
        "lambda-create-invoke-pass-role",
    );
    // Without PassRole there is no path.
    let f = findings(&allow(
        r#"["lambda:CreateFunction", "lambda:InvokeFunction"]"#,
        r#""*""#,
    ));
    assert!(f.is_empty(), "{f:?}");
}

// iam:PassedToService limited to another service keeps the role away from Lambda.
#[test]
fn passed_to_an_unrelated_service_is_safe_for_the_path() {
    let st = r#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}"#;
    let rest = allow(
        r#"["lambda:CreateFunction", "lambda:InvokeFunction"]"#,
        r#""*""#,
    );
    assert!(findings(&format!("{st}, {rest}")).is_empty());
    // Passed to Lambda itself: the path is open.
    let to_lambda = st.replace("ecs-tasks", "lambda");
    let f = findings(&format!("{to_lambda}, {rest}"));
    one(
        &f,
        "\"lambda:CreateFunction\"",
        "lambda-create-invoke-pass-role",
    );
}

// pathfinding.cloud ssm-002, iam-vulnerable privesc-ssmSendCommand.
#[test]
fn ssm_send_command_on_all_instances() {
    let f = findings(&allow(r#""ssm:SendCommand""#, r#""*""#));
    one(&f, "\"ssm:SendCommand\"", "ssm-send-command");
    let f = findings(&allow(
        r#""ssm:SendCommand""#,
        r#"["arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ssm:*::document/AWS-RunShellScript"]"#,
    ));
    one(&f, "\"ssm:SendCommand\"", "ssm-send-command");
    // Named instance, named document.
    let f = findings(&allow(
        r#""ssm:SendCommand""#,
        r#"["arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", "arn:aws:ssm:us-east-1::document/AWS-RunShellScript"]"#,
    ));
    assert!(f.is_empty(), "{f:?}");
    // Scoped by a tag, as the path's scoping says.
    let tagged = r#"{"Effect": "Allow", "Action": "ssm:SendCommand", "Resource": "*", "Condition": {"StringEquals": {"ssm:resourceTag/team": "web"}}}"#;
    assert!(findings(tagged).is_empty());
    // A negated tag condition does not scope.
    let not = tagged.replace("StringEquals", "StringNotEquals");
    assert_eq!(findings(&not).len(), 1);
}

// Rhino method 20, pathfinding.cloud glue-002.
#[test]
fn glue_update_dev_endpoint() {
    let f = findings(&allow(
        r#"["glue:UpdateDevEndpoint", "glue:GetDevEndpoint"]"#,
        r#""*""#,
    ));
    one(&f, "\"glue:UpdateDevEndpoint\"", "glue-update-dev-endpoint");
    let named = r#""arn:aws:glue:us-east-1:111122223333:devEndpoint/etl""#;
    assert!(findings(&allow(r#""glue:UpdateDevEndpoint""#, named)).is_empty());
}

// pathfinding.cloud cloudformation-002, iam-vulnerable privesc-cloudFormationUpdateStack.
#[test]
fn cloudformation_update_stack() {
    let f = findings(&allow(r#""cloudformation:UpdateStack""#, r#""*""#));
    one(
        &f,
        "\"cloudformation:UpdateStack\"",
        "cloudformation-update-stack",
    );
    let named = r#""arn:aws:cloudformation:us-east-1:111122223333:stack/web/0a1b2c3d-1111-2222-3333-444455556666""#;
    assert!(findings(&allow(r#""cloudformation:UpdateStack""#, named)).is_empty());
}

// pathfinding.cloud codebuild-002 (StartBuild), PMapper codebuild_edges
// (UpdateProject + StartBuild): starting the build is already the smallest path.
#[test]
fn codebuild_start_build_and_update_project() {
    let f = findings(&allow(
        r#"["codebuild:UpdateProject", "codebuild:StartBuild"]"#,
        r#""*""#,
    ));
    one(&f, "\"codebuild:StartBuild\"", "codebuild-start-build");
    let named = r#""arn:aws:codebuild:us-east-1:111122223333:project/site""#;
    let f = findings(&allow(
        r#"["codebuild:UpdateProject", "codebuild:StartBuild"]"#,
        named,
    ));
    assert!(f.is_empty(), "{f:?}");
}

// Rhino method 28, pathfinding.cloud sagemaker-004, iam-vulnerable
// privesc-sageMakerCreatePresignedNotebookURL.
#[test]
fn sagemaker_presigned_notebook_url() {
    let f = findings(&allow(
        r#""sagemaker:CreatePresignedNotebookInstanceUrl""#,
        r#""*""#,
    ));
    one(
        &f,
        "\"sagemaker:CreatePresignedNotebookInstanceUrl\"",
        "sagemaker-presigned-notebook-url",
    );
    let tagged = r#"{"Effect": "Allow", "Action": "sagemaker:CreatePresignedNotebookInstanceUrl", "Resource": "*", "Condition": {"StringEquals": {"sagemaker:ResourceTag/team": "ml"}}}"#;
    assert!(findings(tagged).is_empty());
}

// Rhino method 1, pathfinding.cloud iam-001, iam-vulnerable
// privesc1-CreateNewPolicyVersion: a pattern may match the caller's own policy.
#[test]
fn create_policy_version_on_a_pattern_but_not_on_one_policy() {
    let f = findings(&allow(
        r#""iam:CreatePolicyVersion""#,
        r#""arn:aws:iam::111122223333:policy/team-*""#,
    ));
    one(
        &f,
        "\"iam:CreatePolicyVersion\"",
        "iam-create-policy-version",
    );
    assert!(f[0].1.contains("policy/team-*"), "{f:?}");
    let f = findings(&allow(
        r#""iam:CreatePolicyVersion""#,
        r#""arn:aws:iam::111122223333:policy/team-reports""#,
    ));
    assert!(f.is_empty(), "{f:?}");
    // A wildcard in the account field does not widen the name.
    let f = findings(&allow(
        r#""iam:CreatePolicyVersion""#,
        r#""arn:aws:iam::*:policy/team-reports""#,
    ));
    assert!(f.is_empty(), "{f:?}");
}

// Rhino methods 4 and 10: on the caller's own user, minting keys is no escalation,
// writing one's own inline policy is.
#[test]
fn own_user_by_policy_variable() {
    let own = r#""arn:aws:iam::111122223333:user/${aws:username}""#;
    assert!(findings(&allow(r#""iam:CreateAccessKey""#, own)).is_empty());
    let f = findings(&allow(r#""iam:PutUserPolicy""#, own));
    one(&f, "\"iam:PutUserPolicy\"", "iam-put-user-policy");
}

// A service wildcard on every resource: one finding naming paths and actions.
#[test]
fn service_wildcard_is_one_finding() {
    let f = findings(&allow(r#""lambda:*""#, r#""*""#));
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "\"lambda:*\"");
    assert!(f[0].1.contains("lambda:UpdateFunctionCode"), "{f:?}");
    assert!(f[0].1.contains("lambda-update-function-code"), "{f:?}");
    // With iam:PassRole too, still one finding for lambda:* (plus none for PassRole).
    let f = findings(&allow(r#"["lambda:*", "iam:PassRole"]"#, r#""*""#));
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].1.contains("and "), "capped list expected: {f:?}");
    assert!(
        !f[0].1.contains("iam:PassRole,"),
        "lambda:* does not grant PassRole: {f:?}"
    );
    // On named functions it is scoped.
    let named = r#""arn:aws:lambda:us-east-1:111122223333:function:report""#;
    assert!(findings(&allow(r#""lambda:*""#, named)).is_empty());
}

// Rhino method 3, pathfinding.cloud ec2-001.
#[test]
fn pass_role_run_instances_and_deny() {
    let st = allow(r#"["iam:PassRole", "ec2:RunInstances"]"#, r#""*""#);
    one(
        &findings(&st),
        "\"ec2:RunInstances\"",
        "ec2-run-instances-pass-role",
    );
    // An unconditional Deny of PassRole on every resource closes it.
    let deny = r#"{"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}"#;
    assert!(findings(&format!("{st}, {deny}")).is_empty());
}

#[test]
fn full_admin_is_left_to_full_admin_access_and_other_kinds_are_skipped() {
    assert!(findings(&allow(r#""*""#, r#""*""#)).is_empty());
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "*"}]}"#;
    let a = analyze(text, Some("org.scp.json"), &Config::new());
    assert!(!a
        .diagnostics
        .iter()
        .any(|d| d.rule == "privilege-escalation"));
    // NotAction: one finding at the NotAction key.
    let f = findings(r#"{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}"#);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "\"NotAction\"");
}

#[test]
fn explain_lists_every_path() {
    let s = super::explain_paths();
    for p in paths() {
        assert!(s.contains(&format!("`{}`", p.id)), "{}", p.id);
    }
}
