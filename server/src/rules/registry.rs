use crate::diagnostic::Severity;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Syntax,
    Structure,
    Correctness,
    Security,
    Suspicious,
    Style,
    Governance,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Structure => "structure",
            Category::Correctness => "correctness",
            Category::Security => "security",
            Category::Suspicious => "suspicious",
            Category::Style => "style",
            Category::Governance => "governance",
        }
    }
}

#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// IAM Access Analyzer `ValidatePolicy` issue codes this rule corresponds to.
    pub access_analyzer: &'static [&'static str],
    /// Parliament finding ids this rule corresponds to.
    pub parliament: &'static [&'static str],
    pub summary: &'static str,
    /// Markdown: why it matters and how to fix it.
    pub docs: &'static str,
}

/// Looks a rule up by its id.
pub fn rule(id: &str) -> Option<&'static RuleMeta> {
    RULES.iter().find(|r| r.id == id)
}

/// Looks a rule up by its id or by an Access Analyzer / Parliament code (case-insensitive).
pub fn rule_by_any_name(name: &str) -> Option<&'static RuleMeta> {
    let name = name.trim();
    RULES.iter().find(|r| {
        r.id.eq_ignore_ascii_case(name)
            || r.access_analyzer
                .iter()
                .any(|c| c.eq_ignore_ascii_case(name))
            || r.parliament.iter().any(|c| c.eq_ignore_ascii_case(name))
    })
}

macro_rules! rules {
    ($( $id:literal, $cat:ident, $sev:ident, [$($aa:literal),*], [$($p:literal),*], $summary:literal, $docs:literal; )*) => {
        pub static RULES: &[RuleMeta] = &[
            $( RuleMeta { id: $id, category: Category::$cat, severity: Severity::$sev,
                access_analyzer: &[$($aa),*], parliament: &[$($p),*], summary: $summary, docs: $docs }, )*
        ];
    };
}

rules! {
    "json-syntax", Syntax, Error, ["JSON_SYNTAX_ERROR"], ["MALFORMED_JSON"],
    "The document is not valid JSON",
    "IAM parses policies as strict JSON: no comments, no trailing commas, double-quoted strings and property names, \
properly escaped characters. Any syntax error makes AWS reject the whole policy. The message says what was expected \
at the marked spot; fix the first error first, as later ones may follow from it.";

    "duplicate-key", Syntax, Error, ["DUPLICATE_KEYS_WITH_DIFFERENT_CASE"], [],
    "The same key appears twice in one JSON object",
    "When an object repeats a key (two `\"Condition\"` blocks, two `\"StringEquals\"` operators, the same condition key \
twice), parsers keep only one of them, so part of what you wrote is silently dropped. Condition keys that differ only \
in case are also duplicates, because IAM compares key names case-insensitively. Merge the two entries into one.";

    "invalid-type", Structure, Error, ["DATA_TYPE_MISMATCH"], ["MALFORMED"],
    "A policy element has the wrong JSON type",
    "Each element takes specific JSON types: `Version`, `Sid` and `Effect` are strings; `Action`, `Resource` and their \
`Not` forms are a string or an array of strings; `Principal` is `\"*\"` or an object of principal types; `Condition` \
is an object of operators, each an object of keys whose values are strings, numbers, booleans or arrays of them. \
AWS rejects a policy with any other shape.";

    "unknown-element", Structure, Error, ["INVALID_POLICY_ELEMENT"], ["MALFORMED"],
    "An element name that IAM does not know",
    "Policy element names are case-sensitive and limited to `Version`, `Id` and `Statement` at the top level and \
`Sid`, `Effect`, `Principal`, `NotPrincipal`, `Action`, `NotAction`, `Resource`, `NotResource` and `Condition` in a \
statement. Any other name (often a typo or wrong capitalization such as `effect`) makes AWS reject the policy. \
The quick fix renames it to the closest valid element.";

    "invalid-effect", Structure, Error, ["INVALID_EFFECT"], ["MALFORMED"],
    "Effect is not \"Allow\" or \"Deny\"",
    "`Effect` must be exactly `\"Allow\"` or `\"Deny\"`, capitalized as shown. AWS rejects other values, including \
`\"allow\"`.";

    "missing-version", Structure, Warning, ["MISSING_VERSION"], ["NO_VERSION"],
    "The policy has no Version element",
    "Without `\"Version\": \"2012-10-17\"` IAM reads the policy with the 2008 grammar, where policy variables such as \
`${aws:username}` are plain text. Add `\"Version\": \"2012-10-17\"` as the first element.";

    "invalid-version", Structure, Error, ["INVALID_VERSION"], ["INVALID_VERSION"],
    "Version is not a date IAM accepts",
    "`Version` names the policy-language version, not the date you wrote the policy. Only `\"2012-10-17\"` (current) \
and `\"2008-10-17\"` (legacy) are accepted; anything else makes AWS reject the policy.";

    "old-version", Style, Warning, [], ["OLD_VERSION"],
    "Version 2008-10-17 is the legacy policy language",
    "The 2008-10-17 grammar does not support policy variables and some newer features. Use `\"2012-10-17\"` unless \
you deliberately need the old behaviour.";

    "missing-statement", Structure, Error, ["MISSING_STATEMENT"], ["MALFORMED"],
    "The policy has no Statement",
    "A policy needs a `Statement` element: one statement object or an array of them. Without it AWS rejects the \
document.";

    "missing-effect", Structure, Error, ["MISSING_EFFECT"], ["MALFORMED"],
    "A statement has no Effect",
    "Every statement needs `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`.";

    "missing-action", Structure, Error, ["MISSING_ACTION"], ["MALFORMED"],
    "A statement has neither Action nor NotAction",
    "Every statement must name what it applies to with `Action` (or, rarely, `NotAction`).";

    "conflicting-elements", Structure, Error, ["UNSUPPORTED_ELEMENT_COMBINATION"], ["MALFORMED"],
    "A statement has both an element and its Not form",
    "A statement may contain `Action` or `NotAction`, `Resource` or `NotResource`, `Principal` or `NotPrincipal`, but \
never both of a pair. Remove one of them.";

    "missing-resource", Structure, Error, ["MISSING_RESOURCE"], ["MALFORMED"],
    "A statement has neither Resource nor NotResource",
    "Identity policies and resource-based policies need `Resource` (or `NotResource`) in every statement. For key \
policies and bucket policies it names the key (`\"*\"`) or the bucket and object ARNs.";

    "missing-principal", Structure, Error, ["MISSING_PRINCIPAL"], ["MALFORMED"],
    "A resource-based policy statement has no Principal",
    "Resource-based policies (trust, key, bucket and other resource policies) must say who the statement applies to \
with `Principal` (or `NotPrincipal`).";

    "principal-not-allowed", Structure, Error,
    ["UNSUPPORTED_PRINCIPAL", "SCP_SYNTAX_ERROR_PRINCIPAL", "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL"], ["MALFORMED"],
    "Principal or NotPrincipal where this kind of policy does not allow it",
    "Identity policies and SCPs apply to the identities they are attached to, so they cannot name a `Principal`; \
AWS rejects them. Role trust policies cannot use `NotPrincipal`. If this file is really a resource-based policy, \
rename it (for example `*.bucket-policy.json`) or set its kind in `policy-lsp.toml`.";

    "resource-not-allowed", Structure, Error, ["ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"], ["MALFORMED"],
    "Resource in a role trust policy",
    "A role trust policy always applies to the role it is attached to, so `Resource` and `NotResource` are rejected \
there. Remove the element.";

    "invalid-sid", Structure, Error, ["UNSUPPORTED_SID"], ["INVALID_SID"],
    "Sid contains characters IAM does not accept",
    "In IAM identity and trust policies and in SCPs a `Sid` may contain only ASCII letters and digits \
(`[A-Za-z0-9]`). Resource-based policies such as key and bucket policies accept any string. The quick fix removes \
the other characters.";

    "duplicate-sid", Structure, Error, ["UNIQUE_SIDS_REQUIRED", "UNIQUE_SIDS_RECOMMENDED"], ["DUPLICATE_SID"],
    "Two statements share a Sid",
    "IAM rejects identity and trust policies and SCPs whose statements repeat a `Sid`; other resource policies \
accept it but tools that refer to statements by Sid become ambiguous (reported as a warning there). Give each \
statement its own Sid.";

    "empty-sid", Style, Hint, ["EMPTY_SID_VALUE"], [],
    "Sid is an empty string",
    "An empty `Sid` has no effect. Remove it or give the statement a name that says what it is for.";

    "empty-element", Suspicious, Warning,
    ["EMPTY_ARRAY_ACTION", "EMPTY_ARRAY_RESOURCE", "EMPTY_ARRAY_PRINCIPAL", "EMPTY_OBJECT_PRINCIPAL",
     "EMPTY_OBJECT_CONDITION", "EMPTY_ARRAY_CONDITION", "EMPTY_ARRAY_CONDITION_FORALLVALUES",
     "EMPTY_ARRAY_CONDITION_FORANYVALUE", "EMPTY_ARRAY_CONDITION_IFEXISTS"], [],
    "An empty array or object where values are expected",
    "An empty `Action`, `Resource` or `Principal` list makes the statement match nothing, and an empty `Condition` \
or empty value list either has no effect or never matches. Fill it in or remove it.";

    "policy-size", Correctness, Warning,
    ["POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA",
     "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_SCP_QUOTA"], [],
    "The policy is larger than AWS allows for its kind",
    "AWS limits policy size, counted without white space: 6,144 characters for a managed identity policy, 2,048 for a \
role trust policy (adjustable up to 8,192), 5,120 for an SCP, 20 KB for an S3 bucket policy and 32 KB for a KMS key \
policy. Split the policy, or use wildcards and fewer statements.";
}
