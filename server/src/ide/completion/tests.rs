use super::*;
use crate::analysis::analyze;
use crate::config::Config;
use crate::ide::test_utils::extract_offset;

fn labels(file: &str, fixture: &str) -> Vec<(String, String)> {
    let (text, offset) = extract_offset(fixture);
    let analysis = analyze(&text, Some(file), &Config::new());
    completions(&analysis, Catalog::builtin(), offset)
        .into_iter()
        .map(|it| (it.label, it.insert))
        .collect()
}

fn names(file: &str, fixture: &str) -> Vec<String> {
    labels(file, fixture).into_iter().map(|(l, _)| l).collect()
}

#[test]
fn select_is_the_head_of_the_whole_ranking() {
    // The definition: rank every candidate (labels starting with what was typed
    // first, then sort key, then label), drop later duplicates of a label, cut.
    fn by_definition(typed: &str, v: &[(String, String)]) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = v
            .iter()
            .filter(|(l, _)| l.to_ascii_lowercase().contains(typed) || l.starts_with('*'))
            .cloned()
            .collect();
        v.sort_by_key(|(l, s)| {
            (
                !l.to_ascii_lowercase().starts_with(typed),
                s.clone(),
                l.clone(),
            )
        });
        let mut seen = std::collections::HashSet::new();
        v.retain(|(l, _)| seen.insert(l.clone()));
        v.truncate(MAX_ITEMS);
        v
    }
    let catalog = Config::default();
    let mut all: Vec<(String, String)> = Vec::new();
    for (i, k) in catalog.catalog().global_keys().iter().enumerate() {
        all.push((k.name.clone(), format!("{}", i % 3)));
        all.push((k.name.to_uppercase(), "1".into())); // same key, other casing
    }
    all.push(("aws:SourceIp".into(), "0".into())); // a duplicate ranked higher
    all.push(("*".into(), "5".into()));
    assert!(all.len() > 2 * MAX_ITEMS);
    for typed in ["", "aws:", "tag", "source", "zzz", "p"] {
        let mut got = all.clone();
        select(typed, &mut got, |(l, s)| (l, s));
        assert_eq!(got, by_definition(typed, &all), "typed {typed:?}");
    }
}

#[test]
fn condition_keys_ranked_by_statement_actions() {
    let got = names(
        "p.iam.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringEquals": {"$0"}}}]}"#,
    );
    let first_aws = got
        .iter()
        .position(|k| k == "aws:SourceIp")
        .expect("global keys offered");
    let sse = got
        .iter()
        .position(|k| k == "s3:x-amz-server-side-encryption")
        .expect("s3 key offered");
    assert!(
        sse < first_aws,
        "a key real policies use with PutObject comes before one they rarely use: {:?}",
        &got[..10]
    );
    assert!(
        got.iter().all(|k| !k.starts_with("ec2:")),
        "unrelated service keys are not offered before typing"
    );
}

/// Issue #16's measure: with nothing typed, kms:ViaService among the first 10, the
/// resource-policy staples in the list, no numbered family spread over items.
#[test]
fn condition_keys_ranked_by_real_use() {
    let fixture = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "kms:Decrypt"], "Resource": "*", "Condition": {"StringEquals": {"$0"}}}]}"#;
    let got = names("p.iam.json", fixture);
    let pos = |k: &str| got.iter().position(|l| l == k);
    assert!(
        pos("kms:ViaService").is_some_and(|i| i < 10),
        "{:?}",
        &got[..10]
    );
    for k in ["aws:SecureTransport", "aws:SourceIp", "aws:PrincipalOrgID"] {
        assert!(pos(k).is_some(), "{k} missing from {got:?}");
    }
    let mut stems = std::collections::HashMap::new();
    for l in &got {
        if let Some((stem, _)) = crate::catalog::families::numbered(l) {
            *stems.entry(stem.to_string()).or_insert(0) += 1;
        }
    }
    assert!(stems.values().all(|&n| n <= 3), "{stems:?}");
    assert!(
        pos("kms:RecipientAttestation:PCR{0..31}").is_some(),
        "{got:?}"
    );
    // In a bucket policy, the keys of resource policies come first.
    let bucket = names(
        "b.s3.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"$0"}}}]}"#,
    );
    assert_eq!(
        bucket.first().map(String::as_str),
        Some("aws:SecureTransport"),
        "{bucket:?}"
    );
}

#[test]
fn numbered_family_is_one_snippet_until_a_number_is_typed() {
    let got = labels(
        "p.iam.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:RecipientAttestation:P$0"}}}]}"#,
    );
    assert!(
        got.contains(&(
            "kms:RecipientAttestation:PCR{0..31}".to_string(),
            "kms:RecipientAttestation:PCR${1:0}".to_string()
        )),
        "{got:?}"
    );
    assert_eq!(got.len(), 1, "{got:?}");
    let got = names(
        "p.iam.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:RecipientAttestation:PCR1$0"}}}]}"#,
    );
    assert_eq!(got.len(), 11, "PCR1 and PCR10..19: {got:?}");
    assert!(got
        .iter()
        .all(|l| l.starts_with("kms:RecipientAttestation:PCR1")));
}

#[test]
fn actions_most_used_first() {
    let got = names(
        "p.iam.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:$0", "Resource": "*"}]}"#,
    );
    let pos = |k: &str| got.iter().position(|l| l == k).unwrap_or(usize::MAX);
    assert!(pos("s3:GetObject") < 5, "{:?}", &got[..10]);
    assert!(
        pos("s3:GetObject") < pos("s3:AbortMultipartUpload"),
        "{got:?}"
    );
    let services = names(
        "p.iam.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "$0", "Resource": "*"}]}"#,
    );
    let pos = |k: &str| services.iter().position(|l| l == k).unwrap_or(usize::MAX);
    assert!(pos("ec2:") < 10 && pos("s3:") < 20, "{:?}", &services[..20]);
    assert!(pos("s3:") < pos("a2c:"));
}

#[test]
fn condition_key_in_broken_json() {
    let got = labels("p.iam.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"s3:Exi$0\n");
    assert!(
        got.iter()
            .any(|(l, i)| l == "s3:ExistingObjectTag/<key>"
                && i == "s3:ExistingObjectTag/${1:key}"),
        "{got:?}"
    );
    assert!(
        got.iter()
            .all(|(l, _)| l.to_ascii_lowercase().contains("s3:exi")),
        "{got:?}"
    );
}

#[test]
fn tag_key_templates_are_snippets() {
    let got = labels(
        "p.iam.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:Req$0"}}}]}"#,
    );
    assert!(
        got.iter()
            .any(|(l, i)| l == "aws:RequestTag/${TagKey}" && i == "aws:RequestTag/${1:TagKey}"),
        "{got:?}"
    );
}

#[test]
fn operators_and_effect_and_version() {
    let got = names(
        "p.iam.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEq$0"}}]}"#,
    );
    assert_eq!(
        got.first().map(String::as_str),
        Some("StringEquals"),
        "{got:?}"
    );
    assert!(
        got.iter().any(|g| g == "ForAnyValue:StringEqualsIfExists"),
        "{got:?}"
    );
    assert_eq!(
        names("p.iam.json", r#"{"Statement": [{"Effect": "$0"}]}"#),
        ["Allow", "Deny"]
    );
    assert_eq!(
        names("p.iam.json", r#"{"Version": "$0"}"#),
        ["2012-10-17", "2008-10-17"]
    );
}

#[test]
fn services_then_actions() {
    let got = labels(
        "p.iam.json",
        r#"{"Statement": [{"Action": ["s3:GetObj$0"]}]}"#,
    );
    assert!(got.iter().any(|(l, _)| l == "s3:GetObject"), "{got:?}");
    assert!(got
        .iter()
        .all(|(l, _)| l.to_ascii_lowercase().contains("s3:getobj")));
    let got = names("p.iam.json", r#"{"Statement": [{"Action": "kms$0"}]}"#);
    assert!(got.iter().any(|g| g == "kms:"), "{got:?}");
}

#[test]
fn element_names_fit_the_kind() {
    let got = names(
        "p.iam.json",
        r#"{"Version": "2012-10-17", "Statement": [{"$0"}]}"#,
    );
    assert!(
        got.contains(&"Effect".to_string()) && !got.contains(&"Principal".to_string()),
        "{got:?}"
    );
    let got = names(
        "b.bucket-policy.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", $0}]}"#,
    );
    assert!(
        got.contains(&"Principal".to_string()) && !got.contains(&"Effect".to_string()),
        "{got:?}"
    );
}

#[test]
fn values_for_known_keys_and_resources() {
    let got = names(
        "b.bucket-policy.json",
        r#"{"Statement": [{"Effect": "Deny", "Action": "s3:PutObject", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "$0"}}}]}"#,
    );
    assert_eq!(got, ["AES256", "aws:kms", "aws:kms:dsse"]);
    let got = labels(
        "p.iam.json",
        r#"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "$0"}]}"#,
    );
    assert!(
        got.iter()
            .any(|(l, i)| l == "arn:aws:s3:::${BucketName}/${ObjectName}"
                && i == "arn:aws:s3:::${1:BucketName}/${2:ObjectName}"),
        "{got:?}"
    );
}
