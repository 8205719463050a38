use super::markdown::{self, BlockKind};
use super::topics::{self, TopicIndex, CONDITION_KEYS};
use super::*;

mod reading;

/// Shaped like a real team's notes file: a vague top heading, `##` per service, a
/// `###` subsection, bare lines, typos, empty sections, `a/b` mention lists.
const TEAM: &str = "# Security stuf

## Cloud Trail

Turned on in every acount, keeps a record of who did what; we use it for audits.

Event Bridge
CloudWatch alarms

Trail logs dont include packet captures

## KMS

Managed key service, keys never leave the HSMs.
Key kinds: symmetric / asymmetric

Keys:

- Customer managed keys: we own the policy.
- AWS managed keys: rotated yearly
- AWS owned keys:

Multi region keys are primary plus replicas, not one global key.
kms:GenerateDataKey (envelope, for client side)/kms:GetPublicKey/kms:Decrypt

KMS won't serve anonymous calls, so public objects cant be SSE-KMS.

### CloudHSM

Single tenant hardware
We hold the keys, AWS can't recover them

## Parameter Store

## Database Security

## ACM

Regional. CloudFront only takes certs from us-east-1.

## S3

- Access Point

Encryption Type:

- SSE-S3: S3 holds the key
- SSE-KMS: a KMS key we pick
- SSE-C: we send the key each time
- Client Side Encryption: before upload

## AWS Shield, WAF, AWS Firewall Manager

WAF per app, Firewall Manager for the whole org.
Shield for DDoS.

## AWS Inspector

Scans instances and images for CVEs.

## AWS GuardDuty

Threat detection from:

1. Cloudtrail logs
2. DNS logs
3. VPC flow logs

Findings go to EventBridge.

## IAM Condition key
";

/// Different heading shapes: a top `# Encryption` with service subsections, a
/// heading without a space, a typo, a heading with no topic that inherits.
const ENCRYPTION: &str = "Intro text before any heading mentions `kms:Encrypt`.

# Encryption

## AWS KMS keys

Use customer managed keys for anything shared across accounts.

### Notes

Ask the platform team before scheduling key deletion (`kms:ScheduleKeyDeletion`).

## Amazon S3 buckets

Deny uploads unless `s3:x-amz-server-side-encryption` is `aws:kms`.

```json
# not a heading, inside a fence
{\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}
```

##Guard Duty

Delegated admin is the security account.

## Cloudtrial

Org trail only.

## Amazon DynamoDB ##

Point-in-time recovery on for every table.
";

fn team() -> Notes {
    Notes::new(
        &[(
            "/home/team/notes/governance.md".to_string(),
            TEAM.to_string(),
        )],
        false,
    )
}

fn encryption() -> Notes {
    Notes::new(
        &[(
            "/srv/notes/encryption.md".to_string(),
            ENCRYPTION.to_string(),
        )],
        false,
    )
}

fn headings(ps: &[Passage]) -> Vec<&str> {
    ps.iter().map(|p| p.heading.as_str()).collect()
}

fn topics_of(heading: &str) -> Vec<String> {
    let c = Catalog::builtin();
    TopicIndex::new(c).heading_links(heading, c).services
}

// ---------------------------------------------------------------- markdown

// ---------------------------------------------------------------- topics

#[test]
fn heading_topics() {
    let cases: &[(&str, &[&str])] = &[
        ("KMS", &["kms"]),
        ("Cloud Trail", &["cloudtrail"]),
        ("CloudTrail", &["cloudtrail"]),
        ("cloud-trail", &["cloudtrail"]),
        ("Cloudtrial", &["cloudtrail"]),
        ("CloudHSM", &["cloudhsm"]),
        ("Parameter Store", &["ssm"]),
        ("Systems Manager", &["ssm"]),
        ("AWS GuardDuty", &["guardduty"]),
        ("Guard Duty", &["guardduty"]),
        ("Guarduty", &["guardduty"]),
        ("AWS Inspector", &["inspector2", "inspector"]),
        ("ACM", &["acm"]),
        ("Certificate Manager", &["acm"]),
        ("S3", &["s3"]),
        ("Amazon S3 buckets", &["s3"]),
        ("AWS KMS keys", &["kms"]),
        (
            "AWS Shield, WAF, AWS Firewall Manager",
            &["shield", "wafv2", "waf", "waf-regional", "fms"],
        ),
        ("Network firewall", &["network-firewall"]),
        ("Event Bridge", &["events"]),
        ("CloudWatch", &["cloudwatch", "logs"]),
        ("VPC", &["ec2"]),
        ("IAM Condition key", &["iam", CONDITION_KEYS]),
        ("Organizations / SCP", &["organizations"]),
        ("Secrets Manager", &["secretsmanager"]),
        ("Database Security", &["rds", "dynamodb"]),
        ("Amazon DynamoDB", &["dynamodb"]),
        ("AWS Key Management Service", &["kms"]),
        ("AWS Identity and Access Management (IAM)", &["iam"]),
        ("EC2 instances", &["ec2"]),
        ("AWS Config rules", &["config"]),
        ("Amazon SQS queues", &["sqs"]),
        ("Multi-Region keys", &["kms"]),
        ("Data events", &["cloudtrail"]),
    ];
    for (h, want) in cases {
        let got = topics_of(h);
        for w in *want {
            assert!(got.iter().any(|g| g == w), "{h:?}: want {w}, got {got:?}");
        }
    }
    // Ordinary words are not topics, nor headings without service names.
    for h in [
        "Goverance",
        "Overview",
        "Account root",
        "Open questions",
        "Notes",
        "Encryption",
        "Logs and stuff",
        "Support hours",
    ] {
        assert_eq!(topics_of(h), Vec::<String>::new(), "{h:?}");
    }
}

#[test]
fn tls_heading_maps_to_keys() {
    let c = Catalog::builtin();
    let l = TopicIndex::new(c).heading_links("SSl, SNI, MITM", c);
    assert!(l.keys.contains(&"aws:securetransport".to_string()), "{l:?}");
    assert!(l.keys.contains(&"s3:tlsversion".to_string()), "{l:?}");
}

#[test]
fn mention_tokens_and_links() {
    let text = "kms:GenerateDataKey (envelope)/kms:GetPublicKey/kms:Decrypt, also `aws:RequestTag/Project`. \
                See arn:aws:kms:us-east-1:111122223333:key/abc; value aws:kms; s3:Get* and kms:NoSuchThing.";
    let toks = topics::mention_tokens(text);
    assert!(
        toks.contains(&"kms:GetPublicKey") && toks.contains(&"kms:Decrypt"),
        "{toks:?}"
    );
    assert!(toks.contains(&"aws:RequestTag/Project"), "{toks:?}");
    let l = topics::explicit_mentions(text, Catalog::builtin());
    assert_eq!(
        l.actions,
        [
            "kms:generatedatakey",
            "kms:getpublickey",
            "kms:decrypt",
            "s3:get*"
        ]
    );
    assert_eq!(l.keys, ["aws:requesttag/${tagkey}"]);
}

#[test]
fn terms() {
    let names = |t: &str| {
        topics::find_terms(t)
            .iter()
            .map(|t| t.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names("SSE-S3, sse kms and SSE-C"),
        ["SSE-KMS", "SSE-S3", "SSE-C"]
    );
    assert!(names("annonymous requests").contains(&"anonymous"));
    assert!(names("multi\nregion keys").contains(&"multi-Region key"));
    // `aws:kms` inside `aws:kms:dsse` is DSSE only.
    assert_eq!(names("use aws:kms:dsse"), ["DSSE-KMS"]);
    assert!(names("assets and classes").is_empty());
}

#[test]
fn osa() {
    assert_eq!(topics::osa_distance("cloudtrial", "cloudtrail", 2), 1);
    assert_eq!(topics::osa_distance("guarduty", "guardduty", 2), 1);
    assert_eq!(topics::osa_distance("abc", "xyz123", 1), 2);
}

// ---------------------------------------------------------------- queries on the team-shaped file

#[test]
fn team_action_mention() {
    let ps = team().for_action("kms:GenerateDataKey");
    assert_eq!(ps[0].heading, "KMS");
    assert!(
        ps[0].markdown.starts_with("Multi region keys"),
        "{}",
        ps[0].markdown
    );
    assert!(ps[0].markdown.contains("kms:GenerateDataKey (envelope"));
    assert_eq!(ps[0].line, 23);
    assert_eq!(
        ps[0].link.as_deref(),
        Some("file:///home/team/notes/governance.md#L23")
    );
    assert!(!ps[0].builtin);
    // Same paragraph for the other ids of the `a/b` list, case-insensitive.
    assert_eq!(team().for_action("KMS:getpublickey")[0].line, 23);
    // A pattern covers mentions.
    assert_eq!(team().for_action("kms:GenerateData*")[0].line, 23);
}

#[test]
fn team_key_through_terms() {
    let ps = team().for_key("s3:x-amz-server-side-encryption");
    assert_eq!(headings(&ps)[0], "S3");
    assert_eq!(
        ps[0].markdown,
        "Encryption Type:\n\n- SSE-S3: S3 holds the key\n- SSE-KMS: a KMS key we pick\n- SSE-C: we send the key each time\n- Client Side Encryption: before upload"
    );
    assert_eq!(ps[0].line, 45);
    // The KMS key id key is related to SSE-KMS only, still the same list.
    assert_eq!(
        team().for_key("S3:X-AMZ-SERVER-SIDE-ENCRYPTION-AWS-KMS-KEY-ID")[0].line,
        45
    );
    // Anonymous → aws:PrincipalType.
    let ps = team().for_key("aws:PrincipalType");
    assert!(
        ps[0].markdown.starts_with("KMS won't serve anonymous"),
        "{ps:?}"
    );
}

#[test]
fn team_service_sections() {
    let n = team();
    let ps = n.for_action("cloudtrail:StopLogging");
    assert_eq!(headings(&ps), ["Cloud Trail"]);
    assert_eq!(ps[0].line, 3);
    assert!(ps[0].markdown.starts_with("Turned on in every acount"));
    assert!(ps[0].markdown.ends_with("packet captures"));
    assert_eq!(n.for_service("cloudtrail"), ps);

    let ps = n.for_service("guardduty");
    assert_eq!(headings(&ps), ["AWS GuardDuty"]);
    assert!(
        ps[0].markdown.contains("1. Cloudtrail logs") && ps[0].markdown.ends_with("EventBridge.")
    );

    let ps = n.for_service("cloudhsm");
    assert_eq!(headings(&ps), ["CloudHSM"]);
    assert!(!ps[0].markdown.contains("Multi region"));
    // The CloudHSM subsection is not part of the KMS section.
    let kms = n.for_service("KMS");
    assert_eq!(headings(&kms), ["KMS"]);
    assert!(!kms[0].markdown.contains("Single tenant"));

    assert_eq!(headings(&n.for_service("acm")), ["ACM"]);
    assert_eq!(
        headings(&n.for_service("fms")),
        ["AWS Shield, WAF, AWS Firewall Manager"]
    );
    assert_eq!(
        headings(&n.for_service("waf-regional")),
        ["AWS Shield, WAF, AWS Firewall Manager"]
    );
    assert_eq!(headings(&n.for_service("inspector2")), ["AWS Inspector"]);
}

#[test]
fn team_empty_sections_give_nothing() {
    let n = team();
    assert!(n.for_service("ssm").is_empty());
    assert!(n.for_action("ssm:GetParameter").is_empty());
    assert!(n.for_service("rds").is_empty());
    assert!(n.for_key("aws:SourceIp").is_empty()); // `## IAM Condition key` is empty
    assert!(n.for_service("").is_empty());
    assert!(n.for_action("nonsense").is_empty());
    assert!(n.for_key("").is_empty());
}

#[test]
fn section_passage_is_capped() {
    let body: String = (1..=40).map(|i| format!("line {i}\n")).collect();
    let n = Notes::new(&[("/n.md".into(), format!("## KMS\n{body}"))], false);
    let ps = n.for_service("kms");
    assert_eq!(ps[0].markdown.lines().count(), SECTION_LINES + 1);
    assert!(ps[0].markdown.ends_with('…'));
    let long = format!("## KMS\n{}", "kms:Decrypt ".repeat(5000));
    let ps = Notes::new(&[("/n.md".into(), long)], false).for_action("kms:Decrypt");
    assert!(ps[0].markdown.len() <= MAX_PASSAGE_CHARS + 4);
}

// ---------------------------------------------------------------- other shapes

#[test]
fn encryption_file() {
    let n = encryption();
    assert_eq!(headings(&n.for_service("kms")), ["AWS KMS keys", "Notes"]);
    let ps = n.for_action("kms:ScheduleKeyDeletion");
    assert_eq!(headings(&ps)[0], "Notes");
    assert_eq!(ps[0].line, 11);
    assert_eq!(headings(&n.for_service("s3")), ["Amazon S3 buckets"]);
    let ps = n.for_key("s3:x-amz-server-side-encryption");
    assert!(ps[0].markdown.starts_with("Deny uploads"), "{ps:?}");
    // Keys in a fenced block are mentions of the block.
    let ps = n.for_key("aws:SecureTransport");
    assert!(ps[0].markdown.starts_with("```json"), "{ps:?}");
    assert_eq!(headings(&n.for_service("guardduty")), ["Guard Duty"]);
    assert_eq!(headings(&n.for_service("cloudtrail")), ["Cloudtrial"]);
    assert_eq!(headings(&n.for_service("dynamodb")), ["Amazon DynamoDB"]);
    // Text before the first heading: found by mention, labelled with the file name.
    let ps = n.for_action("kms:Encrypt");
    assert_eq!(headings(&ps)[0], "encryption.md");
    assert_eq!(ps[0].line, 1);
}

#[test]
fn inheritance_only_without_own_topic() {
    let text = "## KMS\nk\n### Key rotation notes\nr\n### CloudHSM\nh\n## Misc\nm\n### Sub\ns\n";
    let n = Notes::new(&[("/x.md".into(), text.into())], false);
    let t: Vec<(&str, &[String], bool)> = n
        .sections()
        .iter()
        .map(|s| {
            (
                s.heading.as_str(),
                s.topics.services.as_slice(),
                s.inherited,
            )
        })
        .collect();
    // "Key rotation" is a KMS term, so the subsection has its own keys but no
    // service of its own: it inherits only when it has nothing at all.
    assert_eq!(t[0].1, ["kms"]);
    assert_eq!(t[1].1, ["kms"]);
    assert_eq!(t[2].1, ["cloudhsm"]);
    assert!(!t[2].2);
    assert!(t[3].1.is_empty() && t[4].1.is_empty());
}

#[test]
fn ordering_user_first_dedup_and_cap() {
    let user = "## KMS\nOur rule: every `kms:Decrypt` grant needs a ticket.\n";
    let sources = vec![
        ("/a/one.md".to_string(), user.to_string()),
        ("/a/copy.md".to_string(), user.to_string()),
    ];
    let n = Notes::new(&sources, true);
    let ps = n.for_action("kms:Decrypt");
    assert_eq!(ps.len(), MAX_PASSAGES);
    assert_eq!(ps[0].source, "/a/one.md");
    // The identical copy is dropped; built-in notes follow.
    assert!(ps[1..]
        .iter()
        .all(|p| p.builtin && p.source.starts_with(BUILTIN_LABEL_PREFIX) && p.link.is_none()));
    // Built-in off: only the team's passage.
    assert_eq!(
        Notes::new(&sources, false).for_action("kms:Decrypt").len(),
        1
    );
}

#[test]
fn builtin_fills_in_where_team_notes_are_empty() {
    let n = Notes::new(&[("/t.md".into(), TEAM.into())], true);
    let ps = n.for_service("ssm");
    assert!(!ps.is_empty() && ps.iter().all(|p| p.builtin));
    let ps = n.for_key("s3:x-amz-server-side-encryption");
    assert_eq!(ps[0].source, "/t.md");
    assert!(ps[1..]
        .iter()
        .any(|p| p.markdown.contains("`s3:x-amz-server-side-encryption`")));
}

#[test]
fn file_links() {
    assert_eq!(
        file_link("/a b/n.md", 3).as_deref(),
        Some("file:///a%20b/n.md#L3")
    );
    assert_eq!(
        file_link("C:\\notes\\n.md", 1).as_deref(),
        Some("file:///C:/notes/n.md#L1")
    );
    assert_eq!(file_link("builtin:kms.md", 1), None);
    assert_eq!(file_link("relative/n.md", 1), None);
}

// ---------------------------------------------------------------- broken input

#[test]
fn broken_sources_never_panic() {
    let junk: String = (0u32..5000)
        .filter_map(|i| char::from_u32(i * 7 % 0x300))
        .collect();
    let huge = "## KMS\nkms:Decrypt\n".repeat(5 * 1024 * 1024 / 19);
    let sources = vec![
        (
            "/j/nul.md".to_string(),
            "## KMS\n\0\0\u{1}binary".to_string(),
        ),
        (
            "/j/ctrl.md".to_string(),
            "\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{e}\u{f}".repeat(100),
        ),
        ("/j/junk.md".to_string(), junk),
        ("/j/huge.md".to_string(), huge),
        ("/j/empty.md".to_string(), String::new()),
        (
            "/j/plain.md".to_string(),
            "no headings at all\njust text\n".to_string(),
        ),
        (
            "/j/hashes.md".to_string(),
            "#\n##\n#######\n# \n##  ##\n```\n".to_string(),
        ),
        (
            "/j/unicode.md".to_string(),
            "## Ünïcødé ☃ KMS\n☃ kms:Decrypt ☃\n".to_string(),
        ),
    ];
    let n = Notes::new(&sources, false);
    let w = n.warnings().join("\n");
    assert!(
        w.contains("/j/nul.md: notes file skipped: it looks binary"),
        "{w}"
    );
    assert!(
        w.contains("/j/ctrl.md: notes file skipped: it looks binary"),
        "{w}"
    );
    assert!(
        w.contains("/j/huge.md: notes file skipped:") && w.contains("byte limit"),
        "{w}"
    );
    for q in ["kms:Decrypt", "s3:GetObject", "*", ":", "kms:"] {
        let _ = n.for_action(q);
        let _ = n.for_key(q);
        let _ = n.for_service(q);
    }
    let ps = n.for_action("kms:Decrypt");
    assert_eq!(headings(&ps), ["Ünïcødé ☃ KMS"]);
    assert!(n
        .for_service("kms")
        .iter()
        .all(|p| p.source == "/j/unicode.md"));
    // No headings: one untitled section, no topics.
    let plain = n
        .sections()
        .iter()
        .find(|s| s.source == "/j/plain.md")
        .unwrap();
    assert_eq!((plain.level, plain.heading.as_str()), (0, "plain.md"));
    assert!(plain.topics.is_empty());
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("policy-lsp-notes-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

use std::path::PathBuf;

#[test]
fn load_paths_reads_files_and_folders() {
    let d = temp_dir("load");
    std::fs::create_dir_all(d.join("sub/deeper")).unwrap();
    std::fs::create_dir_all(d.join(".hidden")).unwrap();
    std::fs::write(d.join("b.md"), "## KMS\nb\n").unwrap();
    std::fs::write(d.join("a.MD"), "\u{feff}## S3\na\n").unwrap();
    std::fs::write(d.join("sub/deeper/c.markdown"), "## ACM\nc\n").unwrap();
    std::fs::write(d.join("sub/ignored.txt"), "## ACM\n").unwrap();
    std::fs::write(d.join(".hidden/h.md"), "## ACM\n").unwrap();
    std::fs::write(d.join("notes.txt"), "## Explicit file, any extension\n").unwrap();
    let (sources, errors) =
        crate::workspace::load_notes(&[d.clone(), d.join("notes.txt"), d.join("b.md")]);
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<String> = sources
        .iter()
        .map(|(p, _)| p.strip_prefix(&*d.to_string_lossy()).unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        ["/a.MD", "/b.md", "/sub/deeper/c.markdown", "/notes.txt"]
    );
    assert!(sources[0].1.starts_with("## S3"), "BOM stripped");
    let n = Notes::new(&sources, false);
    let ps = n.for_service("acm");
    assert!(ps[0]
        .link
        .as_deref()
        .unwrap()
        .ends_with("/sub/deeper/c.markdown#L1"));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn load_paths_reports_bad_files() {
    let d = temp_dir("bad");
    std::fs::write(d.join("latin1.md"), b"## KMS\ncaf\xe9\n").unwrap();
    std::fs::write(d.join("binary.md"), b"\x7fELF\x02\x01\x01\x00\x00\x00").unwrap();
    std::fs::write(d.join("huge.md"), vec![b'a'; 5 * 1024 * 1024]).unwrap();
    std::fs::write(d.join("ok.md"), "## S3\nfine\n").unwrap();
    let (sources, errors) = crate::workspace::load_notes(&[d.clone(), d.join("missing.md")]);
    assert_eq!(sources.len(), 1);
    assert!(sources[0].0.ends_with("ok.md"));
    assert_eq!(errors.len(), 4, "{errors:#?}");
    let all = errors.join("\n");
    assert!(
        all.contains("latin1.md: not valid UTF-8 (first bad byte at offset 10)"),
        "{all}"
    );
    assert!(all.contains("binary.md: looks binary"), "{all}");
    assert!(all.contains("huge.md: too large (5242880 bytes"), "{all}");
    assert!(all.contains("missing.md: not found"), "{all}");
    let _ = std::fs::remove_dir_all(&d);
}

// ---------------------------------------------------------------- built-in notes (tidy)

#[test]
fn builtin_headings_all_map_to_topics() {
    let n = Notes::new(&[], true);
    assert!(n.warnings().is_empty());
    let mut files = 0;
    for s in n.sections() {
        assert!(s.builtin);
        assert!(s.level > 0, "{}: text before the first heading", s.source);
        if s.level == 1 {
            files += 1;
        }
        assert!(
            !s.topics.is_empty(),
            "{} line {}: heading {:?} maps to no topic",
            s.source,
            s.line,
            s.heading
        );
    }
    assert_eq!(
        files,
        BUILTIN_NOTES.len(),
        "one `#` heading per built-in file"
    );
}

/// Values that look like ids but are not actions or keys.
const NOT_IDS: &[&str] = &["aws:kms", "aws:kms:dsse", "aws:s3:arn"];

#[test]
fn builtin_mentions_exist_in_catalog() {
    let c = Catalog::builtin();
    for (name, text) in BUILTIN_NOTES {
        for tok in topics::mention_tokens(text) {
            let (prefix, rest) = tok.split_once(':').unwrap();
            if prefix == "arn" || NOT_IDS.contains(&tok) {
                continue;
            }
            if prefix != "aws" && c.service(prefix).is_none() {
                continue;
            }
            let known = if has_wildcard(rest) {
                !c.match_actions(tok).is_empty()
            } else {
                c.action_by_id(tok).is_some() || c.condition_key(tok).is_some()
            };
            assert!(
                known,
                "{name}: `{tok}` is not a catalog action or condition key"
            );
        }
    }
}

#[test]
fn alias_and_term_targets_exist_in_catalog() {
    let c = Catalog::builtin();
    for (alias, targets) in topics::ALIASES {
        assert_eq!(*alias, topics::normalize(alias), "aliases are normalized");
        for t in *targets {
            assert!(
                *t == CONDITION_KEYS || c.service(t).is_some(),
                "alias {alias}: unknown service {t}"
            );
        }
    }
    for term in topics::TERMS {
        for s in term.services {
            assert!(c.service(s).is_some(), "term {}: service {s}", term.name);
        }
        for a in term.actions {
            assert!(
                !c.match_actions(a).is_empty(),
                "term {}: action {a}",
                term.name
            );
        }
        for k in term.keys {
            assert!(c.condition_key(k).is_some(), "term {}: key {k}", term.name);
        }
    }
}

#[test]
fn builtin_covers_the_topics() {
    let n = Notes::new(&[], true);
    for s in [
        "cloudtrail",
        "kms",
        "cloudhsm",
        "ssm",
        "acm",
        "s3",
        "wafv2",
        "waf",
        "shield",
        "fms",
        "network-firewall",
        "inspector2",
        "guardduty",
        "rds",
        "dynamodb",
        "iam",
    ] {
        assert!(!n.for_service(s).is_empty(), "no built-in notes for {s}");
    }
    for (action, needle) in [
        ("cloudtrail:StopLogging", "`cloudtrail:StopLogging`"),
        (
            "cloudtrail:PutEventSelectors",
            "`cloudtrail:PutEventSelectors`",
        ),
        ("kms:GenerateDataKey", "`kms:GenerateDataKey`"),
        ("ssm:GetParameter", "`ssm:GetParameter`"),
        ("guardduty:DeleteDetector", "`guardduty:DeleteDetector`"),
    ] {
        let ps = n.for_action(action);
        assert!(ps[0].markdown.contains(needle), "{action}: {ps:#?}");
    }
    for key in [
        "kms:ViaService",
        "kms:CallerAccount",
        "aws:SecureTransport",
        "s3:TlsVersion",
        "s3:x-amz-server-side-encryption",
    ] {
        let ps = n.for_key(key);
        assert!(
            ps[0].markdown.contains(&format!("`{key}`")),
            "{key}: {ps:#?}"
        );
    }
    // ForAllValues pitfalls for multivalued keys.
    assert!(n.for_key("aws:TagKeys")[0]
        .markdown
        .contains("ForAllValues"));
}
