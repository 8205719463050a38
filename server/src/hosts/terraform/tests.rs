use super::*;
use crate::hosts::{render, HMember, HStr, Hole, HoleKind};
use values::Reader;

/// The host text the decoded `needle` (inside one literal piece) comes from.
fn host_of<'s>(src: &'s str, root: &HNode, needle: &str) -> &'s str {
    let mut found = None;
    walk(root, &mut |s: &HStr| {
        for p in &s.pieces {
            if let Piece::Text { text, map } = p {
                if let (Some(i), None) = (text.find(needle), &found) {
                    found = Some(map.host_range(i, i + needle.len()));
                }
            }
        }
    });
    let (a, b) = found.unwrap_or_else(|| panic!("{needle} not found in {root:#?}"));
    &src[a..b]
}

fn walk(n: &HNode, f: &mut dyn FnMut(&HStr)) {
    match &n.value {
        HValue::Object(ms) => {
            for m in ms {
                f(&m.key);
                if let Some(v) = &m.value {
                    walk(v, f);
                }
            }
        }
        HValue::Array(items) | HValue::Choice(items) => items.iter().for_each(|i| walk(i, f)),
        HValue::Str(s) => f(s),
        _ => {}
    }
}

fn holes(root: &HNode) -> Vec<Hole> {
    let mut out = Vec::new();
    walk(root, &mut |s: &HStr| {
        for p in &s.pieces {
            if let Piece::Hole(h) = p {
                out.push(h.clone());
            }
        }
    });
    out
}

fn member<'n>(n: &'n HNode, key: &str) -> &'n HMember {
    n.get(key).unwrap_or_else(|| panic!("no {key} in {n:#?}"))
}

fn text(src: &str, r: TextRange) -> &str {
    &src[r.as_range()]
}

/// The rendered JSON of a policy (also proves it is JSON).
fn json(src: &str, root: &HNode) -> serde_json::Value {
    let line_of = |o: usize| src[..o.min(src.len())].matches('\n').count();
    let v = render::render(root, 0, &line_of);
    serde_json::from_str(&v.text).unwrap_or_else(|e| panic!("{e}: {}", v.text))
}

const DATA: &str = r#"data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole", "s3:Get\"x\u0041"]
    resources = ["${aws_s3_bucket.b.arn}/*", aws_sqs_queue.q.arn]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
  statement {
    sid    = "Deny"
    effect = "Deny"
    not_actions = ["iam:*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
"#;

#[test]
fn data_source_becomes_the_document_the_provider_builds() {
    let src = DATA;
    let p = parse(src);
    assert_eq!(p.errors, vec![]);
    assert_eq!(p.not_analysed, vec![]);
    let [e] = p.policies.as_slice() else {
        panic!("{:#?}", p.policies)
    };
    assert_eq!(e.name, "data.aws_iam_policy_document.trust");
    assert_eq!(e.kind, Some(DocKind::Trust));
    assert_eq!(text(src, e.anchor), "\"trust\"");
    assert_eq!(
        json(src, &e.root),
        serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Action": ["sts:AssumeRole", "s3:Get\"xA"],
                // ARN holes of known types take their ARN's shape.
                "Resource": [
                    "arn:${AWS.Partition}:s3:::${aws_s3_bucket.b.arn}/*",
                    "arn:${AWS.Partition}:sqs:${AWS.Region}:${AWS.AccountId}:${aws_sqs_queue.q.arn}"
                ],
                "Principal": {"Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"]},
                // One-item lists are written as the item, as the provider does.
                "Condition": {"StringEquals": {
                    "aws:SourceAccount": "${data.aws_caller_identity.current.account_id}"
                }}
            }, {
                "Sid": "Deny", "Effect": "Deny", "NotAction": "iam:*", "Principal": "*"
            }]
        })
    );
    let root = &e.root;
    assert_eq!(host_of(src, root, "AssumeRole"), "AssumeRole");
    // Through the escapes: `\"x\u0041` decodes to `"xA`.
    assert_eq!(host_of(src, root, "\"xA"), "\\\"x\\u0041");
    assert_eq!(host_of(src, root, "/*"), "/*");
    let st = &root.get_value("Statement").expect("statements");
    let HValue::Array(sts) = &st.value else {
        panic!()
    };
    let first = &sts[0];
    // Synthesized: Effect spans the statement block, Principal the principals blocks.
    let effect = member(first, "Effect");
    assert!(text(src, effect.key_range).starts_with("statement {"));
    let principal = member(first, "Principal");
    assert!(text(src, principal.key_range).starts_with("principals {"));
    let service = member(principal.value.as_ref().expect("v"), "Service");
    assert_eq!(text(src, service.key_range), "\"Service\"");
    let cond = member(first, "Condition").value.as_ref().expect("c");
    let test = &cond.as_object().expect("obj")[0];
    assert_eq!(text(src, test.key_range), "\"StringEquals\"");
    let var = &test.value.as_ref().expect("v").as_object().expect("o")[0];
    assert_eq!(text(src, var.key_range), "\"aws:SourceAccount\"");
    let hs = holes(root);
    let kinds: Vec<(&str, &HoleKind)> = hs.iter().map(|h| (h.name.as_str(), &h.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            (
                "aws_s3_bucket.b.arn",
                &HoleKind::Arn("aws_s3_bucket".into())
            ),
            (
                "aws_sqs_queue.q.arn",
                &HoleKind::Arn("aws_sqs_queue".into())
            ),
            (
                "data.aws_caller_identity.current.account_id",
                &HoleKind::AccountId
            ),
        ]
    );
    assert_eq!(text(src, hs[0].range), "${aws_s3_bucket.b.arn}");
    assert_eq!(text(src, hs[1].range), "aws_sqs_queue.q.arn");
    // The `*` principal is the identifier's own string.
    let star = member(&sts[1], "Principal").value.as_ref().expect("v");
    assert_eq!(text(src, star.range), "\"*\"");
}

#[test]
fn jsonencode_objects_keep_exact_ranges() {
    let src = r#"resource "aws_iam_policy" "p" {
  name   = "x"
  policy = jsonencode({
    Version = "2012-10-17"
    "Statement" = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", var.extra]
      Resource = "arn:${data.aws_partition.current.partition}:s3:::b/*"
      Condition = { Bool = { "aws:SecureTransport" = true } }
      Count = 1
    }]
  })
}
"#;
    let p = parse(src);
    assert_eq!(p.errors, vec![]);
    let [e] = p.policies.as_slice() else {
        panic!("{:#?}", p)
    };
    assert_eq!(e.name, "aws_iam_policy.p.policy");
    assert_eq!(e.kind, Some(DocKind::Identity));
    assert_eq!(text(src, e.anchor), "policy");
    assert_eq!(host_of(src, &e.root, "GetObject"), "GetObject");
    assert_eq!(host_of(src, &e.root, ":s3:::b"), ":s3:::b");
    assert_eq!(host_of(src, &e.root, "Statement"), "Statement");
    assert_eq!(host_of(src, &e.root, "Version"), "Version");
    let kinds: Vec<HoleKind> = holes(&e.root).into_iter().map(|h| h.kind).collect();
    assert_eq!(kinds, vec![HoleKind::Value, HoleKind::Partition]);
    assert_eq!(
        json(src, &e.root)["Statement"][0]["Condition"],
        serde_json::json!({"Bool": {"aws:SecureTransport": true}})
    );
}

#[test]
fn heredocs_strip_indentation_exactly() {
    let src = "resource \"aws_iam_role_policy\" \"p\" {\n  policy = <<-EOT\n    {\n      \"Statement\": [{\"Effect\": \"Allow\",\n        \"Action\": \"s3:GetObject\",\n        \"Resource\": \"${aws_s3_bucket.b.arn}/$${aws:username}\"}]\n    }\n    EOT\n}\n";
    let p = parse(src);
    assert_eq!(p.errors, vec![]);
    let [e] = p.policies.as_slice() else {
        panic!("{:#?}", p)
    };
    assert_eq!(e.name, "aws_iam_role_policy.p.policy");
    assert_eq!(host_of(src, &e.root, "GetObject"), "GetObject");
    assert_eq!(host_of(src, &e.root, "/${aws:"), "/$${aws:");
    let hs = holes(&e.root);
    assert_eq!(text(src, hs[0].range), "${aws_s3_bucket.b.arn}");
    assert_eq!(
        json(src, &e.root)["Statement"][0]["Resource"],
        "arn:${AWS.Partition}:s3:::${aws_s3_bucket.b.arn}/${aws:username}"
    );
    // Plain `<<EOF` too.
    let src = "resource \"aws_iam_policy\" \"p\" {\n  policy = <<EOF\n{\"Statement\": [{\"Action\": \"s3:Get*\"}]}\nEOF\n}\n";
    let p = parse(src);
    assert_eq!(host_of(src, &p.policies[0].root, "s3:Get*"), "s3:Get*");
}

#[test]
fn quoted_json_strings_map_through_hcl_escapes() {
    let src = r#"resource "aws_s3_bucket_policy" "b" {
  policy = "{\"Statement\": [{\"Action\": \"s3:GetObject\", \"Resource\": \"${aws_s3_bucket.b.arn}\"}]}"
}
"#;
    let p = parse(src);
    assert_eq!(p.errors, vec![]);
    let [e] = p.policies.as_slice() else {
        panic!("{:#?}", p)
    };
    assert_eq!(e.kind, Some(DocKind::S3Bucket));
    assert_eq!(host_of(src, &e.root, "s3:GetObject"), "s3:GetObject");
    assert_eq!(host_of(src, &e.root, "Action"), "Action");
    let st = member(&e.root, "Statement");
    assert_eq!(text(src, st.key_range), "\\\"Statement\\\"");
    assert_eq!(
        holes(&e.root)[0].kind,
        HoleKind::Arn("aws_s3_bucket".into())
    );
}

#[test]
fn other_forms_are_not_analysed_or_left_to_their_data_source() {
    let src = r#"resource "aws_iam_policy" "a" {
  policy = file("${path.module}/policy.json")
}
resource "aws_iam_policy" "b" {
  policy = templatefile("p.json.tpl", { bucket = var.b })
}
resource "aws_iam_policy" "c" {
  policy = var.policy
}
resource "aws_iam_policy" "d" {
  policy = data.aws_iam_policy_document.x.json
}
resource "aws_iam_policy" "e" {
  policy = "${data.aws_iam_policy_document.x.json}"
}
resource "aws_iam_policy" "f" {
  policy = merge(local.a, local.b)
}
"#;
    let p = parse(src);
    assert_eq!(p.errors, vec![]);
    assert_eq!(p.policies, vec![]);
    let got: Vec<(&str, &str)> = p
        .not_analysed
        .iter()
        .map(|(r, why)| (text(src, *r), why.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "file(\"${path.module}/policy.json\")",
                "the policy is in another file (`file(\"${path.module}/policy.json\")`), checked there"
            ),
            (
                "templatefile(\"p.json.tpl\", { bucket = var.b })",
                "the policy is in another file (`templatefile(\"p.json.tpl\", { bucket = var.b })`), checked there"
            ),
            (
                "var.policy",
                "the policy is the value of `var.policy`, known only when the plan is made"
            ),
            (
                "merge(local.a, local.b)",
                "the policy is the result of `merge(…)`, known only when the plan is made"
            ),
        ]
    );
}

#[test]
fn dynamic_blocks_and_merged_documents_are_not_invented() {
    let src = r#"data "aws_iam_policy_document" "only_dynamic" {
  dynamic "statement" {
    for_each = var.statements
    content {
      actions = statement.value.actions
    }
  }
}
data "aws_iam_policy_document" "mixed" {
  source_policy_documents = [data.aws_iam_policy_document.only_dynamic.json]
  override_policy_documents = []
  statement {
    actions = ["s3:*"]
    dynamic "principals" {
      for_each = var.p
      content {
        type        = "AWS"
        identifiers = principals.value
      }
    }
    dynamic "condition" {
      for_each = var.c
      content {
        test = "StringEquals"
      }
    }
  }
}
"#;
    let p = parse(src);
    assert_eq!(p.errors, vec![]);
    let names: Vec<&str> = p.policies.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["data.aws_iam_policy_document.mixed"]);
    let got: Vec<(String, &str)> = p
        .not_analysed
        .iter()
        .map(|(r, why)| {
            (
                text(src, *r).lines().next().unwrap_or("").to_string(),
                why.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("dynamic \"statement\" {".to_string(), "a `dynamic \"statement\"` block writes its statements when the plan is made"),
            ("[data.aws_iam_policy_document.only_dynamic.json]".to_string(), "the statements of `source_policy_documents` are merged in when the plan is made; each of those documents is checked where it is written"),
            ("dynamic \"condition\" {".to_string(), "a `dynamic \"condition\"` block adds conditions when the plan is made"),
        ]
    );
    // The principals are unknown, not missing.
    let st = &json(src, &p.policies[0].root)["Statement"][0];
    assert_eq!(st["Principal"], "${not analysed}");
    assert!(st.get("Condition").is_none());
}

#[test]
fn conditions_nested_blocks_and_kinds_of_uses() {
    let src = r#"resource "aws_organizations_policy" "scp" {
  content = jsonencode({ Statement = [{ Effect = "Deny", Action = "*" }] })
}
resource "aws_organizations_policy" "tag" {
  type    = "TAG_POLICY"
  content = jsonencode({ tags = {} })
}
resource "aws_organizations_policy" "either" {
  type    = var.type
  content = jsonencode({ Statement = [] })
}
resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.shared.json
  inline_policy {
    name   = "a"
    policy = jsonencode({ Statement = [{ Action = "s3:ListBucket" }] })
  }
  inline_policy {
    policy = data.aws_iam_policy_document.shared.json
  }
}
data "aws_iam_policy_document" "shared" {
  statement {
    actions = ["s3:*"]
  }
}
data "aws_iam_policy_document" "unused" {
  statement {
    actions = var.x ? ["a:b"] : ["c:d"]
  }
}
"#;
    let p = parse(src);
    assert_eq!(p.errors, vec![]);
    let got: Vec<(&str, Option<DocKind>)> = p
        .policies
        .iter()
        .map(|e| (e.name.as_str(), e.kind))
        .collect();
    assert_eq!(
        got,
        vec![
            ("aws_organizations_policy.scp.content", Some(DocKind::Scp)),
            ("aws_organizations_policy.either.content", None),
            (
                "aws_iam_role.r.inline_policy[0].policy",
                Some(DocKind::Identity)
            ),
            // Used as a trust policy and as an identity policy: content decides.
            ("data.aws_iam_policy_document.shared", None),
            ("data.aws_iam_policy_document.unused", None),
        ]
    );
    let unused = &p.policies[4].root;
    let line_of = |_: usize| 0;
    assert_eq!(render::variants(unused), 2);
    let v1 = render::render(unused, 1, &line_of).text;
    assert!(v1.contains("\"Action\": [\"c:d\"]"), "{v1}");
}

#[test]
fn an_unclosed_block_is_reported_on_its_line_and_the_rest_is_read() {
    let src = r#"resource "aws_iam_policy" "a" {
  policy = jsonencode({ Statement = [{ Action = "s3:A" }] })
}

data "aws_iam_policy_document" "d" {
  statement {
    actions = ["s3:B"]

}

resource "aws_iam_policy" "c" {
  policy = jsonencode({ Statement = [{ Action = "s3:C" }] })
}
"#;
    let p = parse(src);
    let lines: Vec<(usize, &str)> = p
        .errors
        .iter()
        .map(|e| {
            (
                src[..e.range.start as usize].matches('\n').count(),
                e.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![(5, "this block is not closed: `}` missing for `statement {`")]
    );
    let names: Vec<&str> = p.policies.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "aws_iam_policy.a.policy",
            "data.aws_iam_policy_document.d",
            "aws_iam_policy.c.policy"
        ]
    );
}

#[test]
fn broken_lines_are_blanked_and_reported() {
    let src = r#"resource "aws_iam_policy" "a" {
  policy = "x
}

resource "aws_iam_policy" "b" {
  garbage garbage
  policy = jsonencode({ Statement = [{ Action = "s3:B" }] })
}

resource "aws_iam_policy" "c" {
  policy = jsonencode({ Statement = [{ Action = "s3:C" } })
}

resource "aws_iam_policy" "d" {
  policy = jsonencode({ Statement = [{ Action = "s3:D" }] })
}
"#;
    let p = parse(src);
    let lines: Vec<usize> = p
        .errors
        .iter()
        .map(|e| src[..e.range.start as usize].matches('\n').count())
        .collect();
    assert_eq!(lines, vec![1, 5, 10], "{:#?}", p.errors);
    let names: Vec<&str> = p.policies.iter().map(|e| e.name.as_str()).collect();
    // `c` misses a `]` that tree-sitter supplies: still read.
    assert_eq!(
        names,
        vec![
            "aws_iam_policy.b.policy",
            "aws_iam_policy.c.policy",
            "aws_iam_policy.d.policy"
        ]
    );
    let msgs: Vec<&str> = p.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(msgs[0], "this string is not closed on its line: `\"` missing (a quoted string cannot span lines; use a heredoc)");
}

#[test]
fn an_error_after_a_block_header_is_reported_on_its_own_line() {
    let src = "resource \"aws_iam_policy\" \"b\" {\n  garbage garbage\n  foo =\n}\n";
    let lines: Vec<usize> = parse(src)
        .errors
        .iter()
        .map(|e| src[..e.range.start as usize].matches('\n').count())
        .collect();
    assert_eq!(lines, vec![1, 2]);
}

/// The real modules in the shared corpus, read in place.
fn corpus_files() -> Vec<(String, String)> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora/terraform");
    let mut stack = vec![dir.clone()];
    let mut out = Vec::new();
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| {
            panic!("the Terraform corpus is missing at {}: {e}", dir.display())
        });
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "tf") {
                let text = std::fs::read_to_string(&path).expect("read");
                out.push((path.display().to_string(), text));
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no .tf files in {}", dir.display());
    out
}

/// How a policy attribute is written: what follows the `=` after its name.
fn form(src: &str, e: &Embedded) -> &'static str {
    if e.name.starts_with("data.") {
        return "data source";
    }
    let after = src[e.anchor.end as usize..].trim_start();
    let after = after.strip_prefix('=').unwrap_or(after).trim_start();
    if after.starts_with("jsonencode") {
        "jsonencode"
    } else if after.starts_with("<<") {
        "heredoc"
    } else if after.starts_with('"') {
        "quoted JSON"
    } else {
        "other"
    }
}

/// The policy-bearing attributes of a file, data source references included.
fn all_sites(src: &str, each: &mut dyn FnMut(&Reader<'_>, &Site<'_>)) {
    let (tree, work, _) = read(src);
    let tree = tree.expect("tree");
    let r = Reader { text: &work };
    let mut found = Vec::new();
    for (i, b) in top_blocks(&r, tree.root_node()).into_iter().enumerate() {
        if block_name(&r, b) == "resource" {
            resource_sites(&r, i, b, &mut found);
        }
    }
    for s in &found {
        each(&r, s);
    }
}

#[test]
// The counts are printed (`--nocapture`) so a changed total can be read off.
#[allow(clippy::print_stderr)]
fn corpus_policies_are_found_and_render_as_json() {
    use std::collections::BTreeMap;
    let files = corpus_files();
    let mut forms: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sites: BTreeMap<String, usize> = BTreeMap::new();
    let (mut errors, mut not_analysed, mut data_blocks, mut data_files) = (0, 0, 0, 0);
    for (path, src) in &files {
        let p = parse(src);
        errors += p.errors.len();
        not_analysed += p.not_analysed.len();
        let blocks = src.matches("data \"aws_iam_policy_document\"").count();
        data_blocks += blocks;
        data_files += usize::from(blocks > 0);
        let starts: Vec<usize> = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        for e in &p.policies {
            *forms.entry(form(src, e)).or_default() += 1;
            let line_of = |o: usize| starts.partition_point(|&s| s <= o).saturating_sub(1);
            let v = render::render(&e.root, 0, &line_of);
            let vp = crate::syntax::parse(&v.text);
            if p.errors.is_empty() {
                assert_eq!(vp.errors, vec![], "{path} {}: {}", e.name, v.text);
            }
        }
        // Every attribute gives a policy, a `not analysed` entry, or is a data source's.
        all_sites(src, &mut |r, s| {
            let ty = s.name.split('.').next().unwrap_or("");
            *sites.entry(format!("{ty}.{}", r.src(s.key))).or_default() += 1;
            let vr = range(s.value);
            let policy = p.policies.iter().any(|e| e.anchor == range(s.key));
            let na = p.not_analysed.iter().any(|(x, _)| vr.cover(*x) == vr);
            let data = !data_refs(r.src(s.value)).is_empty();
            assert!(policy || na || data, "{path} {}: dropped", s.name);
        });
    }
    eprintln!(
        "files {}, data blocks {data_blocks} in {data_files} files",
        files.len()
    );
    eprintln!("errors {errors}, not analysed {not_analysed}");
    eprintln!("policies by form {forms:#?}");
    eprintln!("policy attributes (data source references included) {sites:#?}");
    assert_eq!((files.len(), data_blocks, data_files), (125, 194, 70));
    assert_eq!((errors, not_analysed), (0, 79));
    // 11 data sources have only dynamic statements or merged documents (not analysed).
    let want: BTreeMap<&str, usize> =
        [("data source", 183), ("heredoc", 24), ("jsonencode", 175)].into();
    assert_eq!(forms, want);
    let want: BTreeMap<String, usize> = [
        ("aws_cloudwatch_log_resource_policy.policy_document", 2),
        ("aws_iam_policy.policy", 66),
        ("aws_iam_role.assume_role_policy", 132),
        ("aws_iam_role.policy", 7),
        ("aws_iam_role_policy.policy", 90),
        ("aws_iam_user_policy.policy", 2),
        ("aws_kms_key.policy", 23),
        ("aws_kms_key_policy.policy", 13),
        ("aws_organizations_policy.content", 1),
        ("aws_s3_bucket_policy.policy", 10),
        ("aws_sns_topic_policy.policy", 1),
        ("aws_sqs_queue_policy.policy", 1),
        ("aws_ssoadmin_permission_set_inline_policy.inline_policy", 2),
        ("awscc_iam_role.assume_role_policy_document", 3),
        ("awscc_iam_role.policy_document", 1),
        ("awscc_iam_role_policy.policy_document", 1),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(sites, want);
}

#[test]
fn broken_files_do_not_panic() {
    for (path, src) in corpus_files() {
        // Cut in the middle (on a character boundary): unclosed blocks, strings, heredocs.
        let mut cut = src.len() / 2;
        while !src.is_char_boundary(cut) {
            cut -= 1;
        }
        let p = parse(&src[..cut]);
        let all_closed = src[..cut].matches('{').count() == src[..cut].matches('}').count();
        assert!(all_closed || !p.errors.is_empty(), "{path}");
    }
    for src in [
        "\"é${",
        "a = <<-EOT\n  é${x}\n",
        "a = \"\\u00",
        "x = {\"é\" = [",
        "}}}]]",
    ] {
        let _ = parse(src);
    }
}

#[test]
fn ecr_repository_policies_name_no_resource() {
    let src = r#"resource "aws_ecr_repository_policy" "p" {
  repository = "r"
  policy     = data.aws_iam_policy_document.pull.json
}
resource "aws_ecr_repository_policy" "q" {
  repository = "r"
  policy     = jsonencode({ Statement = [{ Effect = "Allow", Action = "ecr:BatchGetImage" }] })
}
resource "aws_iam_policy" "i" {
  policy = data.aws_iam_policy_document.both.json
}
resource "aws_ecr_repository_policy" "b" {
  repository = "r"
  policy     = data.aws_iam_policy_document.both.json
}
data "aws_iam_policy_document" "pull" {
  statement {
    actions = ["ecr:BatchGetImage"]
  }
}
data "aws_iam_policy_document" "both" {
  statement {
    actions = ["ecr:BatchGetImage"]
  }
}
"#;
    let p = parse(src);
    let implied: Vec<(&str, bool)> = p
        .policies
        .iter()
        .map(|e| (e.name.as_str(), e.implied_resource))
        .collect();
    assert_eq!(
        implied,
        vec![
            ("aws_ecr_repository_policy.q.policy", true),
            ("data.aws_iam_policy_document.pull", true),
            // Also used where a Resource is needed.
            ("data.aws_iam_policy_document.both", false),
        ]
    );
}

#[test]
fn a_merged_document_is_used_where_the_merging_one_is() {
    let src = r#"data "aws_iam_policy_document" "assume_role" {
  statement {
    actions = var.assume_role_actions
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}
data "aws_iam_policy_document" "aggregated" {
  override_policy_documents = data.aws_iam_policy_document.assume_role[*].json
}
data "aws_iam_policy_document" "chained" {
  source_policy_documents = [data.aws_iam_policy_document.aggregated.json]
}
resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.chained.json
}
"#;
    let p = parse(src);
    let first = &p.policies[0];
    assert_eq!(first.name, "data.aws_iam_policy_document.assume_role");
    assert_eq!(first.kind, Some(DocKind::Trust));
}

/// Unclosed nesting past the depth limit: one error where it starts, the blocks before
/// it still read, and no parse of the rest (the parser's recovery is quadratic there).
#[test]
fn brackets_nested_too_deep_are_cut_with_one_error() {
    let mut src = String::from(
        "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({Version = \"2012-10-17\", Statement = [{Effect = \"Allow\", Action = \"s3:GetObjectt\", Resource = \"*\"}]})\n}\n",
    );
    let deep_line = src.matches('\n').count() + 1 + 1 + 255;
    src.push_str("data \"aws_iam_policy_document\" \"d\" {\n");
    src.push_str(&"statement {\n".repeat(100_000));
    let p = parse(&src);
    assert_eq!(p.policies.len(), 1, "{:#?}", p.policies);
    let deep: Vec<usize> = p
        .errors
        .iter()
        .filter(|e| e.message.contains("nest more than 256 levels"))
        .map(|e| src[..e.range.start as usize].matches('\n').count() + 1)
        .collect();
    assert_eq!(deep, vec![deep_line]);
}
