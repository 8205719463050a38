//! Hit and non-hit tests for every rule. Each hit fixture marks with `$0` where the
//! diagnostic must start; the clean fixture is a near miss that must not trigger it.

use crate::analysis::analyze;
use crate::config::Config;
use crate::rules::RULES;

const MARK: &str = "$0";

/// (rule, file name (drives the kind), hit fixture with `$0`, clean fixture)
pub(crate) const CASES: &[(&str, &str, &str, &str)] = &[
    ("json-syntax", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}$0,]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#),
    ("duplicate-key", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", $0"Action": "s3:PutObject", "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}}"#),
    ("invalid-type", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": $042, "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#),
    ("unknown-element", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": {$0"effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#),
    ("invalid-effect", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": {"Effect": $0"allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}}"#),
    ("missing-version", "a.iam.json",
     r#"$0{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#),
    ("invalid-version", "a.iam.json",
     r#"{"Version": $0"2012-10-18", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#),
    ("old-version", "a.iam.json",
     r#"{"Version": $0"2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
     r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#),
    ("missing-statement", "a.iam.json",
     r#"$0{"Version": "2012-10-17"}"#,
     r#"{"Version": "2012-10-17", "Statement": []}"#),
    ("missing-effect", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [$0{"Action": "s3:GetObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#),
    ("missing-action", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [$0{"Effect": "Allow", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "s3:*", "Resource": "*"}]}"#),
    ("conflicting-elements", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", $0"NotAction": "s3:PutObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b/*"}]}"#),
    ("missing-resource", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [$0{"Effect": "Allow", "Action": "s3:GetObject"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::b/*"}]}"#),
    ("missing-principal", "b.bucket-policy.json",
     r#"{"Version": "2012-10-17", "Statement": [$0{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#),
    ("principal-not-allowed", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", $0"Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}}]}"#),
    ("resource-not-allowed", "role-trust.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", $0"Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#),
    ("invalid-sid", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": $0"Read-Only", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "ReadOnly1", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}"#),
    ("duplicate-sid", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": $0"A", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "B", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}"#),
    ("empty-sid", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": $0"", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#),
    ("empty-element", "a.iam.json",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": $0[], "Resource": "*"}]}"#,
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}"#),
    ("policy-size", "role-trust.json",
     "$0{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"arn:aws:iam::111122223333:role/r\"]}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"LONG\"}}}]}",
     r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/r"}, "Action": "sts:AssumeRole"}]}"#),
];

fn expand(src: &str) -> String {
    // `LONG` stands for a value long enough to exceed the smallest size quota.
    src.replace("LONG", &"x".repeat(2100))
}

#[test]
fn every_rule_has_hit_and_non_hit_cases() {
    for r in RULES {
        assert!(
            CASES.iter().any(|c| c.0 == r.id),
            "rule {} has no test case in rules/tests.rs",
            r.id
        );
    }
}

#[test]
fn hits_at_marker() {
    let config = Config::default();
    for (rule, file, hit, _) in CASES {
        let hit = expand(hit);
        let at = hit
            .find(MARK)
            .unwrap_or_else(|| panic!("{rule}: fixture has no $0"));
        let text = hit.replacen(MARK, "", 1);
        let a = analyze(&text, Some(file), &config);
        let found: Vec<_> = a.diagnostics.iter().filter(|d| d.rule == *rule).collect();
        assert!(
            found.iter().any(|d| d.range.start as usize == at),
            "{rule}: expected a diagnostic at {at}, got {:?}\nall: {:?}",
            found
                .iter()
                .map(|d| (d.range, &d.message))
                .collect::<Vec<_>>(),
            a.diagnostics
                .iter()
                .map(|d| (d.rule, d.range.start, &d.message))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn near_misses_are_clean() {
    let config = Config::default();
    for (rule, file, _, clean) in CASES {
        let a = analyze(&expand(clean), Some(file), &config);
        let found: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.rule == *rule)
            .map(|d| (d.range, &d.message))
            .collect();
        assert!(found.is_empty(), "{rule}: unexpected {found:?}");
    }
}

#[test]
fn safe_fixes_reparse_and_clear_their_diagnostic() {
    use crate::diagnostic::apply_edits;
    let config = Config::default();
    for (rule, file, hit, _) in CASES {
        let text = expand(hit).replacen(MARK, "", 1);
        let a = analyze(&text, Some(file), &config);
        for d in a.diagnostics.iter().filter(|d| d.rule == *rule) {
            for f in d.fixes.iter().filter(|f| f.safe) {
                let fixed = apply_edits(&text, &f.edits);
                let b = analyze(&fixed, Some(file), &config);
                assert!(
                    b.parse.errors.is_empty(),
                    "{rule}: fix `{}` broke the JSON: {fixed}",
                    f.title
                );
                assert!(
                    !b.diagnostics
                        .iter()
                        .any(|x| x.rule == *rule && x.range.start == d.range.start),
                    "{rule}: fix `{}` did not clear it: {fixed}",
                    f.title
                );
            }
        }
    }
}
