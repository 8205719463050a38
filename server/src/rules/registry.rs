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
    // Looked up for every finding (its default severity, then the config's level): an
    // index instead of a scan of the whole table.
    static INDEX: std::sync::OnceLock<crate::FastMap<&'static str, &'static RuleMeta>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            let mut m = crate::FastMap::default();
            for r in RULES {
                m.entry(r.id).or_insert(r);
            }
            m
        })
        .get(id)
        .copied()
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

    "yaml-syntax", Syntax, Error, [], [],
    "A CloudFormation YAML template that cannot be read",
    "The template holding the policy is not valid YAML at the marked line: usually an indentation that does not \
line up with the keys above it, a tab used for indentation, an unclosed quote or bracket. CloudFormation rejects \
the template. The line is set aside and the rest of the template is still checked, so fix the first error first.";

    "hcl-syntax", Syntax, Error, [], [],
    "A Terraform file that cannot be read",
    "The Terraform file holding the policy is not valid HCL at the marked place: an unclosed `{`, `[` or quote, \
a missing `=`, a stray character. `terraform validate` and `plan` refuse the file. Policies in the blocks that can \
be read are still checked.";

    "not-analysed", Structure, Info, [], [],
    "A policy, or part of one, that cannot be checked before deployment",
    "Some values in templates are only known when the stack is deployed or the plan is applied: a whole policy \
imported with `Fn::ImportValue`, a `dynamic \"statement\"` block, a `for` expression, a document from another \
file. Instead of guessing or skipping them silently, policy-lsp marks each once so you know what it did not check. \
Nothing is wrong with them as such; check the rendered policy (the deployed stack, or `terraform show`) if it \
matters, or write the part as a literal.";

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

    "unknown-element", Structure, Error, ["INVALID_POLICY_ELEMENT", "INVALID_PRINCIPAL_KEY"], ["MALFORMED"],
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

    "kind-name-mismatch", Suspicious, Warning, [], [],
    "The file name suggests a resource-based policy, but the content is an identity policy",
    "A file whose name contains `bucket-policy`, `trust`, `key-policy` or `resource-policy` is checked as that kind \
of policy, unless every statement has `Action` and `Resource` and none has a `Principal`: then it is checked as an \
identity policy, because a resource-based policy without any `Principal` cannot be deployed while an identity \
policy about bucket or trust policies (AWS ships several, such as `AWSOrganizationsServiceTrustPolicy`) is common. \
If the file really is a resource-based policy, add the missing `Principal` to each statement. If it is an identity \
policy, name it `*.iam.json` or set its kind in `policy-lsp.toml`, and the warning goes away.";

    "principal-not-allowed", Structure, Error,
    ["UNSUPPORTED_PRINCIPAL", "SCP_SYNTAX_ERROR_PRINCIPAL", "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", "FEDERATED_PRINCIPAL_NOT_SUPPORTED"], ["MALFORMED"],
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
    "AWS limits policy size, counted without white space: for identity policies 2,048 characters (user inline), \
5,120 (group inline), 6,144 (managed) and 10,240 (role inline); 2,048 for a role trust policy (adjustable up to \
8,192); 5,120 for an SCP; 20 KB for an S3 bucket policy and 32 KB for a KMS key policy. A policy larger than every \
quota of its kind cannot be created anywhere: error. A policy over the smallest quota that some uses still allow \
(an identity policy over 6,144, a trust policy over 2,048) and a resource policy over 20 KB (each service sets its \
own quota) is a warning. Split the policy, or use wildcards and fewer statements.";

    "unknown-service", Correctness, Error, ["INVALID_SERVICE_IN_ACTION", "INVALID_SERVICE"], ["UNKNOWN_PREFIX"],
    "An action's service prefix is not a known AWS service",
    "The part before the colon in an action (`s3` in `s3:GetObject`) must be an AWS service prefix. An unknown prefix \
is usually a typo (`s33`, `ec22`) or a product name instead of the prefix (`cloudwatch-logs` instead of `logs`). The \
message gives the date of the catalog so you can tell a typo from a service newer than the data; the quick fix \
replaces it with the closest known prefix.";

    "unknown-action", Correctness, Error, ["INVALID_ACTION"], ["UNKNOWN_ACTION"],
    "The service has no action of this name",
    "IAM ignores actions that do not exist, so a misspelt action silently grants or denies nothing. The quick fix \
replaces it with the closest real action. If the action is newer than the catalog (its date is in the message), add \
it to `[catalog] extra-actions` in policy-lsp.toml or point `[catalog] path` at newer data.";

    "malformed-action", Correctness, Error, ["INVALID_ACTION"], ["UNKNOWN_ACTION"],
    "An action is not of the form service:Action",
    "Actions are written `service:ActionName` (or `*`). A value without a colon, with spaces, or with several colons \
never matches any request.";

    "wildcard-matches-nothing", Correctness, Error, ["INVALID_ACTION"], ["UNKNOWN_ACTION"],
    "A wildcard action pattern matches no action",
    "A pattern such as `s3:Get*Objekt*` that matches no action of the service has no effect, which is almost always a \
typo. Check the spelling of the fixed parts of the pattern.";

    "action-case", Style, Hint, [], [],
    "An action is written with different capitalization than AWS documents",
    "IAM matches action names case-insensitively, so `s3:getobject` works, but the documented spelling \
(`s3:GetObject`) is easier to read, search and review. The quick fix applies the documented spelling.";

    "redundant-action", Suspicious, Info, ["REDUNDANT_ACTION"], [],
    "An action is listed twice or is already covered by a wildcard in the same list",
    "An action that repeats another entry, or that a wildcard in the same list already matches (`s3:GetObject` next \
to `s3:Get*`), adds nothing. Remove it so reviewers see the real scope of the statement.";

    "not-action-with-allow", Security, Warning, [], ["NOTACTION_WITH_ALLOW"],
    "Allow with NotAction grants every action not listed",
    "`\"Effect\": \"Allow\"` with `NotAction` allows every action of every service except the listed ones, including \
services that AWS launches later. Use `Action` with the actions you need, or use `NotAction` only with `Deny`.";

    "wildcard-in-service", Suspicious, Warning, ["WILDCARD_IN_SERVICE_NAME"], [],
    "A wildcard in the service prefix of an action",
    "A wildcard before the colon (`*:Get*`, `s3*:*`) matches actions of many services, including future ones. Name \
the services explicitly.";

    "invalid-arn", Correctness, Error,
    ["INVALID_ARN_PREFIX", "MISSING_ARN_FIELD", "INVALID_ARN_SERVICE_CASE", "INVALID_PARTITION", "INVALID_ARN_RESOURCE"],
    ["INVALID_ARN"],
    "A resource is not a well-formed ARN",
    "Resources are `\"*\"` or ARNs of the form `arn:partition:service:region:account-id:resource`, with the partition \
`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f` or `aws-eusc`, a lowercase service \
prefix and a resource part. A malformed ARN never matches, so the statement does not do what it says.";

    "invalid-arn-account", Correctness, Error, ["INVALID_ARN_ACCOUNT", "ARN_ACCOUNT_NOT_ALLOWED"], ["INVALID_ARN"],
    "The account field of an ARN is not a 12-digit account id, or the service takes none",
    "The fifth field of an ARN is the 12-digit account id (or a wildcard or policy variable). Some services' ARNs have \
no account field at all: S3 buckets and objects are `arn:aws:s3:::bucket/key`. A wrong account id never matches.";

    "invalid-arn-region", Correctness, Error, ["ARN_REGION_NOT_ALLOWED", "INVALID_ARN_REGION"], ["INVALID_ARN"],
    "The region field of an ARN is not a region, or the service takes none",
    "The fourth field of an ARN is the Region (`us-east-1`), a wildcard, a policy variable, or empty for global \
services such as IAM and S3 buckets. A region where the service's ARNs have none, or a value that is not a Region \
name, never matches.";

    "resource-mismatch", Correctness, Warning, [], ["RESOURCE_MISMATCH"],
    "No resource of the statement fits an action's resource types",
    "Each action applies to specific resource types: `s3:GetObject` to objects (`arn:aws:s3:::bucket/*`), \
`s3:ListBucket` to buckets (`arn:aws:s3:::bucket`). When none of the statement's resources is of a type the action \
accepts, the action is granted on nothing (in a Deny: the Deny matches nothing for it). The message names the \
resource types the action needs; split the statement or add the right ARN. In an S3 bucket policy this is an error: \
S3 rejects the policy (MalformedPolicy, \"Action does not apply to any resource(s) in statement\").";

    "unsupported-action-in-policy", Correctness, Error, ["UNSUPPORTED_ACTION_IN_POLICY"], [],
    "An action of another service than the resource the policy is attached to",
    "A resource-based policy is attached to one resource and can grant only that resource's service's actions. \
In an S3 bucket policy any other action makes S3 reject the whole policy (MalformedPolicy): error. In a KMS key \
policy only `kms:` actions mean anything; KMS accepts the others but they grant nothing: warning. In another \
resource policy whose resource ARNs all belong to one service whose policies cover only its own resources (SNS \
topics, SQS queues, Lambda functions, Secrets Manager secrets, ...), Access Analyzer reports the foreign action as an \
error. Grant the action in an identity policy or in the policy of the resource it belongs to.";

    "unsupported-resource-in-policy", Correctness, Error, ["UNSUPPORTED_RESOURCE_ARN_IN_POLICY"], [],
    "A resource ARN of another service than the resource the policy is attached to",
    "An S3 bucket policy can name only its bucket and the objects in it: an ARN of another service makes S3 reject \
the policy (MalformedPolicy): error. In a KMS key policy the resource is the key itself, written `\"*\"`: an ARN of \
another service makes the statement apply to nothing: warning.";

    "invalid-principal", Correctness, Error, ["INVALID_PRINCIPAL_FORMAT", "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"], ["UNKNOWN_PRINCIPAL"],
    "A principal value has the wrong form for its type",
    "`AWS` principals are `\"*\"`, 12-digit account ids or IAM ARNs (`arn:aws:iam::111122223333:root`, `…:role/name`, \
`…:user/name`, `arn:aws:sts::111122223333:assumed-role/role/session`); wildcards inside an ARN are not allowed. \
`CanonicalUser` values are 64 hex digits. AWS rejects other forms.";

    "principal-unique-id", Suspicious, Warning, ["INVALID_ROLE_REFERENCE", "INVALID_USER_REFERENCE"], [],
    "A principal given as an IAM unique id",
    "AWS shows a unique id (`AROA…`, `AIDA…`) in a policy when the role or user it named was deleted. The policy no \
longer applies to anyone, even if a new role of the same name is created. Replace it with the current ARN.";

    "invalid-service-principal", Correctness, Error, ["INVALID_SERVICE_PRINCIPAL_FORMAT"], ["UNKNOWN_PRINCIPAL"],
    "A Service principal that is not a valid service principal name",
    "Service principals are DNS-like names ending in `.amazonaws.com` (or a partition's variant such as \
`.amazonaws.com.cn`), for example `lambda.amazonaws.com`. A close misspelling of a known service principal is \
reported with a suggestion, since it silently matches nothing.";

    "invalid-federated-principal", Correctness, Error, ["INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY"], ["UNKNOWN_FEDERATION_SOURCE"],
    "A Federated principal that is not an identity provider",
    "`Federated` principals are SAML or OIDC provider ARNs (`arn:aws:iam::111122223333:saml-provider/Name`, \
`…:oidc-provider/token.actions.githubusercontent.com`) or the built-in providers `cognito-identity.amazonaws.com`, \
`accounts.google.com`, `graph.facebook.com` and `www.amazon.com`.";

    "trust-action-mismatch", Correctness, Error, ["MISMATCHED_ACTION_FOR_PRINCIPAL"], [],
    "The assume-role action does not fit the principal type",
    "In a role trust policy, AWS and Service principals assume the role with `sts:AssumeRole`, SAML providers with \
`sts:AssumeRoleWithSAML`, and OIDC providers (GitHub, Cognito, Google, EKS) with `sts:AssumeRoleWithWebIdentity`. \
With the wrong action the federation never works.";

    "unknown-operator", Correctness, Error, ["INVALID_CONDITION_OPERATOR"], ["UNKNOWN_OPERATOR"],
    "A condition operator that IAM does not know",
    "Operators are the String, Numeric, Date, Bool, Binary, IpAddress, Arn and Null families (`StringEquals`, \
`NumericLessThan`, `DateGreaterThan`, `ArnLike`, …), optionally with `IfExists` and a `ForAllValues:` or \
`ForAnyValue:` prefix. AWS rejects the policy for an unknown operator; the quick fix uses the closest real one.";

    "unknown-condition-key", Correctness, Error,
    ["INVALID_GLOBAL_CONDITION_KEY", "INVALID_SERVICE_CONDITION_KEY", "INVALID_CONDITION_KEY_FORMAT", "MISSING_TAG_KEY_IN_CONDITION"],
    [],
    "A condition key that the service or AWS does not define",
    "A condition on a key that no request ever carries is never true (or always true with `IfExists` and the `Not` \
operators). Keys are `service:Name` (`aws:` for global keys); tag keys take the tag name after a slash \
(`aws:RequestTag/Project`). An `aws:` key that is not a documented global key is an error, as in Access Analyzer \
(the quick fix offers the documented key it extends or resembles: `aws:SourceIpAddress` -> `aws:SourceIp`). An \
unknown service key is an error when it is a likely typo of a known key and a warning otherwise, since the service \
may have added it after the catalog's date, which the message gives. Keys of OIDC and SAML providers \
(`token.actions.githubusercontent.com:sub`) are accepted.";

    "condition-key-not-supported", Correctness, Warning, ["UNSUPPORTED_ACTION_FOR_CONDITION_KEY"], ["UNKNOWN_CONDITION_FOR_ACTION"],
    "A service condition key that none of the statement's actions supports",
    "Service-specific condition keys are only present for the actions (and resource types) that document them. When no \
action of the statement supports the key, the condition never matches (or, with `IfExists` / `Not` operators, always \
does). Global `aws:` keys are not checked.";

    "operator-type-mismatch", Correctness, Warning, ["TYPE_MISMATCH"], ["MISMATCHED_TYPE", "MISMATCHED_TYPE_BUT_USABLE"],
    "The operator's type does not fit the condition key's type",
    "Each key has a type (String, ARN, Numeric, Date, Bool, IPAddress, Binary) and should be compared with the \
matching operator family: `NumericLessThan` on `s3:max-keys`, `Bool` on `aws:SecureTransport`, `IpAddress` on \
`aws:SourceIp`, `ArnLike` on `aws:SourceArn`. A mismatched family compares text where numbers or addresses are \
meant, or fails to match at all. (String operators on ARN keys work and are reported as a hint.)";

    "invalid-condition-value", Correctness, Error,
    ["TYPE_MISMATCH_BOOLEAN", "TYPE_MISMATCH_DATE", "TYPE_MISMATCH_IP_RANGE", "TYPE_MISMATCH_NUMBER", "TYPE_MISMATCH_STRING",
     "INVALID_DATE_VALUE", "INVALID_CONDITION_MULTIPLE_BOOLEAN", "INVALID_CONDITION_DATA_TYPE", "INVALID_REGION",
     "INVALID_VPC_FORMAT", "INVALID_VPCE_FORMAT", "IMPROVE_IP_RANGE"],
    ["MISMATCHED_TYPE_OPERATION_TO_NULL"],
    "A condition value that the operator cannot use",
    "Values must fit the operator: `true`/`false` for `Bool` and `Null`, numbers for `Numeric*`, ISO 8601 dates or \
epoch seconds for `Date*`, IPv4/IPv6 addresses or CIDR blocks for `IpAddress`, base64 for `BinaryEquals`, real \
Region names for `aws:RequestedRegion`, `vpc-…` and `vpce-…` ids for the VPC keys. A value that cannot be parsed never \
matches.";

    "set-operator-on-single-valued-key", Security, Warning, ["FORALLVALUES_WITH_SINGLE_VALUED_KEY"], ["SINGLE_VALUE_CONDITION_TOO_PERMISSIVE"],
    "ForAllValues/ForAnyValue used with a single-valued key",
    "The set operators are for multi-valued keys such as `aws:TagKeys`. With a single-valued key, `ForAllValues:` is \
also true when the key is missing from the request, which can allow far more than intended. `ForAnyValue:` with a \
negated operator (`StringNotEquals`, `NotIpAddress`, ...) is false when the key is missing, where the plain operator \
is true: in a Deny that silently exempts every request without the key (warning). Other uses of `ForAnyValue:` on a \
single-valued key behave like the plain operator (information). Use the plain operator.";

    "missing-set-operator", Correctness, Warning, ["MISSING_QUALIFIER"], [],
    "A multi-valued key used without ForAllValues or ForAnyValue",
    "Multi-valued keys such as `aws:TagKeys`, `aws:CalledVia` or `aws:PrincipalOrgPaths` hold a set of values. Say \
whether all of them (`ForAllValues:`) or at least one (`ForAnyValue:`) must match; without a prefix the result is not \
what most readers expect.";

    "null-operator-misuse", Correctness, Error, ["NULL_WITH_IF_EXISTS", "NULL_WITH_QUALIFIER"], ["MISMATCHED_TYPE_OPERATION_TO_NULL"],
    "The Null operator combined with IfExists or a set prefix",
    "`Null` tests whether a key is present, so `NullIfExists` is meaningless and AWS rejects it, and `ForAllValues:Null` \
/ `ForAnyValue:Null` are always true or always false. Use plain `Null` with `true` or `false`.";

    "wildcard-without-like", Suspicious, Warning, ["WILDCARD_WITHOUT_LIKE_OPERATOR"], [],
    "A `*` or `?` in a value compared with an exact-match operator",
    "`StringEquals` and `StringNotEquals` compare literally: `\"arn:aws:iam::*:role/x\"` only matches that exact text. \
Use `StringLike` / `StringNotLike` (or the `Arn` operators) to match patterns.";

    "deprecated-condition-key", Suspicious, Warning, ["DEPRECATED_GLOBAL_CONDITION_KEY", "UNSUPPORTED_GLOBAL_CONDITION_KEY"], [],
    "A deprecated condition key",
    "Some global keys are deprecated and may be absent from requests: use `aws:PrincipalArn` or `aws:SourceArn` instead \
of `aws:ARN`, and `aws:SourceAccount` instead of `aws:SourceOwner`.";

    "private-ip-source", Suspicious, Warning,
    ["PRIVATE_IP_ADDRESS", "PRIVATE_NOT_IP_ADDRESS", "PRIVATE_IP_ADDRESS_SUBSET", "PRIVATE_NOT_IP_ADDRESS_SUBSET"], [],
    "aws:SourceIp with private address ranges",
    "`aws:SourceIp` holds the public address a request came from; requests through a VPC endpoint carry no \
`aws:SourceIp` at all. Private ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, …) therefore never match. Use \
`aws:VpcSourceIp` together with `aws:SourceVpc`/`aws:SourceVpce` for traffic from your VPCs.";

    "bad-mfa-condition", Security, Warning, [], ["BAD_PATTERN_FOR_MFA"],
    "An MFA condition that does not enforce MFA",
    "`aws:MultiFactorAuthPresent` is absent (not `false`) for requests signed with long-term access keys. So \
`\"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}` in a Deny does not catch them, and `Null … false` only tests \
presence. Deny with `\"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}`, or Allow with \
`\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}`.";

    "invalid-policy-variable", Correctness, Error,
    ["MISSING_BRACE_IN_VARIABLE", "EMPTY_VARIABLE", "UNSUPPORTED_SPACE_IN_VARIABLE", "MISSING_QUOTE_IN_VARIABLE", "UNSUPPORTED_SYMBOL_IN_VARIABLE"],
    [],
    "A malformed or unknown policy variable",
    "Policy variables are `${aws:username}`, `${aws:PrincipalTag/team}`, `${s3:prefix}` and the like, optionally with \
a default value in single quotes (`${aws:username, 'none'}`); `${*}`, `${?}` and `${$}` stand for the literal \
characters. A missing brace, an empty `${}`, spaces or a variable no request carries make the value match nothing.";

    "variable-not-allowed", Correctness, Error, ["VARIABLE_UNSUPPORTED_IN_ELEMENT", "INVALID_VARIABLE_FOR_OPERATOR"], [],
    "A policy variable where IAM does not expand it",
    "Variables are expanded in `Resource`/`NotResource` values and in condition values compared with String and ARN \
operators. Elsewhere (`Action`, `Principal`, `Sid`, numeric or date operators) the text `${…}` is taken literally.";

    "public-access", Security, Warning, [], [],
    "A resource policy grants access to everyone",
    "`\"Principal\": \"*\"` (or `{\"AWS\": \"*\"}`) with `Allow` and no condition that narrows who can call \
(`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceVpce`, `aws:SourceIp`, …) \
makes the resource public: anyone on the internet for S3, SNS or SQS, every AWS account for KMS keys and roles. \
Name the principals, or add a condition such as `aws:PrincipalOrgID`. Principals of accounts listed in \
`[governance] trusted-accounts` are not considered broad.";

    "kms-broad-key-admin", Security, Warning, [], [],
    "Key administration granted to a broad principal",
    "`kms:*` or key-administration actions (`kms:PutKeyPolicy`, `kms:ScheduleKeyDeletion`, `kms:DisableKey`, \
`kms:CreateGrant`, …) granted to `*` or to accounts outside your own let others change who may use the key, or \
destroy it together with every piece of data it protects. Grant administration to named roles of your account.";

    "kms-no-root-admin", Governance, Warning, [], [],
    "No statement keeps the key manageable (lockout risk)",
    "If no statement lets the account (`arn:aws:iam::ACCOUNT:root`) or a named administrator call \
`kms:PutKeyPolicy`, a mistake in the policy can leave the key unmanageable; only AWS Support can recover it. Keep \
the default statement that allows the account root `kms:*`, so that IAM policies in the account decide who \
administers the key. The quick fix adds it.";

    "kms-cross-account-unconstrained", Security, Warning, [], [],
    "Another account may use the key without kms:CallerAccount or kms:ViaService",
    "Granting `kms:Decrypt`, `kms:GenerateDataKey*`, `kms:Encrypt`, `kms:ReEncrypt*` or `kms:CreateGrant` to another \
account lets any of its principals use the key for any purpose its own policies allow. Constrain it with \
`kms:ViaService` (only through a given service, e.g. `s3.eu-west-1.amazonaws.com`) or `kms:CallerAccount`.";

    "kms-admin-and-use", Security, Info, [], [],
    "The same principal both administers and uses the key",
    "Separating key administrators (who can change the policy or schedule deletion) from key users (who encrypt and \
decrypt) limits what one compromised identity can do, and is what the KMS console's default policy does. The \
account-root statement is exempt.";

    "s3-missing-secure-transport", Governance, Warning, [], [],
    "The bucket policy does not deny requests without TLS",
    "A bucket policy should deny every request made over plain HTTP: a Deny of `s3:*` on the bucket and its objects \
with `\"Bool\": {\"aws:SecureTransport\": \"false\"}`. Without it clients can read and write data unencrypted in \
transit. The quick fix adds the statement.";

    "s3-missing-required-encryption", Governance, Warning, [], [],
    "The bucket policy does not enforce the encryption your config requires",
    "With `[governance] s3-required-encryption` set (`AES256` for SSE-S3, `aws:kms` for SSE-KMS, `aws:kms:dsse` for \
DSSE-KMS), every bucket policy must deny `s3:PutObject` unless `s3:x-amz-server-side-encryption` is that value \
(and, with `s3-required-kms-keys`, unless `s3:x-amz-server-side-encryption-aws-kms-key-id` is one of those keys).";

    "s3-public-read-with-kms", Suspicious, Warning, [], [],
    "Public read of objects that must be SSE-KMS encrypted",
    "KMS never serves anonymous requests, so objects encrypted with SSE-KMS cannot be read by anonymous users: a \
public-read statement combined with required SSE-KMS encryption does not work. Serve public content with SSE-S3 \
(`AES256`) or through CloudFront with origin access control.";

    "s3-broad-full-access", Security, Warning, [], [],
    "s3:* granted to a broad principal",
    "`s3:*` (or `*`) for `*` or for accounts outside yours lets them delete objects, change the bucket policy and \
turn off encryption and logging. Grant the read or write actions that are needed.";

    "audit-tampering", Security, Warning, [], [],
    "Actions that can blind your audit and threat detection",
    "`cloudtrail:StopLogging`, `DeleteTrail`, `UpdateTrail`, `PutEventSelectors`, `guardduty:DeleteDetector`, \
`UpdateDetector`, `DisassociateFromAdministratorAccount`, `config:StopConfigurationRecorder`, `config:Delete*`, \
`securityhub:Disable*`, `access-analyzer:DeleteAnalyzer` and `inspector2:Disable*` let an attacker turn off the logs \
and detectors that would reveal them. Grant them only to a few named administrators on named resources, and deny \
them in an SCP.";

    "scp-missing-audit-protection", Governance, Hint, [], [],
    "The SCP does not protect CloudTrail and GuardDuty",
    "Organizations commonly deny `cloudtrail:StopLogging`, `cloudtrail:DeleteTrail`, `guardduty:DeleteDetector` and \
similar actions in an SCP so that no one in member accounts can turn off audit and detection. This SCP has no \
such Deny; consider adding one (here or in another SCP).";

    "full-admin-access", Security, Warning, [], [],
    "Allow of every action on every resource",
    "`\"Action\": \"*\"` with `\"Resource\": \"*\"` grants full administrator access. Grant the actions that the \
workload needs; use the AWS managed `AdministratorAccess` policy deliberately if you really mean it.";

    "pass-role-wildcard", Security, Warning,
    ["PASS_ROLE_WITH_STAR_IN_RESOURCE", "PASS_ROLE_WITH_NOT_RESOURCE", "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
     "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
     "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"], [],
    "iam:PassRole on every role",
    "`iam:PassRole` on `*` lets the principal hand any role, including administrator roles, to a service it controls \
(EC2, Lambda, CloudFormation, …) and act with that role's permissions. Name the roles in `Resource`, and add \
`iam:PassedToService`.";

    "privilege-escalation", Security, Warning, [], ["PRIVILEGE_ESCALATION"],
    "Grants that complete a known privilege-escalation path",
    "The identity policy grants every action of a published AWS privilege-escalation path (Rhino Security Labs' \
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
`iam:PassedToService`. The full table (path, actions, why, how to scope it) is `server/docs/privilege-escalation.md`.";

    "not-resource-with-allow", Security, Warning, [], ["NOTRESOURCE_WITH_ALLOW"],
    "Allow with NotResource grants every resource not listed",
    "`Allow` with `NotResource` covers every resource except the listed ones, in every service the actions touch, \
including resources created later. List the resources in `Resource` instead.";

    "not-principal-with-allow", Security, Warning, ["ALLOW_WITH_NOT_PRINCIPAL"], ["NOTPRINCIPAL_WITH_ALLOW"],
    "Allow with NotPrincipal grants everyone not listed",
    "`Allow` with `NotPrincipal` grants access to every principal except the listed ones, anonymous users included. \
Name the principals in `Principal` instead.";

    "forallvalues-with-allow", Security, Warning, [], [],
    "Allow with ForAllValues passes when the key is missing",
    "`ForAllValues:` is true when the request has no value for the key at all, so an `Allow` conditioned on it also \
allows requests without that key (for example without tags). Add `\"Null\": {\"KEY\": \"false\"}` to require the key, \
or use `ForAnyValue:`.";

    "create-slr-wildcard", Suspicious, Warning,
    ["CREATE_SLR_WITH_STAR_IN_RESOURCE", "CREATE_SLR_WITH_NOT_RESOURCE", "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
     "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE",
     "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"], [],
    "iam:CreateServiceLinkedRole on every service",
    "`iam:CreateServiceLinkedRole` on `*` lets the principal create service-linked roles for any service. Limit it \
with `iam:AWSServiceName` or to the role ARNs of the services you use.";

    "oidc-trust-unconstrained", Security, Warning,
    ["MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", "MISSING_GITHUB_REPO_CONDITION_KEY", "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED"], [],
    "A web-identity trust that does not restrict which tokens may assume the role",
    "A trust policy for an OIDC provider must check the token's claims: for GitHub Actions \
`token.actions.githubusercontent.com:sub` (which repository and branch or environment) and `:aud` \
(`sts.amazonaws.com`); for other providers at least the audience (`…:aud`). Without them, any repository on GitHub, \
or any application of the provider, can assume the role. With `[governance] github-allowed`, `sub` values must \
name those owners or repositories.";

    "service-principal-without-source", Security, Warning, ["RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"], [],
    "A service principal without aws:SourceArn or aws:SourceAccount",
    "When a resource policy lets an AWS service (`sns.amazonaws.com`, `cloudtrail.amazonaws.com`, …) act on your \
resource, any customer's use of that service could reach it (the confused-deputy problem). Add \
`aws:SourceArn` or `aws:SourceAccount` (or `aws:SourceOrgID`) conditions naming your resources.";

    "trust-missing-session-action", Correctness, Error, ["MISSING_ACTION_FOR_CONDITION_KEY", "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY"], [],
    "A trust policy conditions on session tags or source identity without allowing the action that sets them",
    "Session tags (`aws:RequestTag/…`, `aws:TagKeys`, `sts:TransitiveTagKeys`) are passed with `sts:TagSession`, and a \
source identity (`sts:SourceIdentity`) with `sts:SetSourceIdentity`; IAM Roles Anywhere needs `sts:AssumeRole`, \
`sts:TagSession` and `sts:SetSourceIdentity`. When the trust policy does not allow that action too, assuming the \
role with tags or a source identity fails.";

    "duplicate-statement", Suspicious, Info, ["REDUNDANT_STATEMENT"], [],
    "Two statements are identical apart from their Sid",
    "A statement that repeats another one adds nothing and makes later edits error-prone: a change to one copy \
leaves the other in force. Remove one of them.";

    "redundant-resource", Suspicious, Info, ["REDUNDANT_RESOURCE"], [],
    "A resource is listed twice or is already covered by a wildcard ARN in the same list",
    "An ARN that repeats another entry, or that a wildcard ARN in the same list already matches \
(`arn:aws:s3:::logs/app/*` next to `arn:aws:s3:::logs/*`), adds nothing. Remove it so the list shows the real scope.";

    "redundant-condition-value", Suspicious, Info, ["REDUNDANT_CONDITION_VALUE_NUM"], [],
    "Several values for a numeric or date comparison where only one bound matters",
    "With `NumericLessThan`, `DateGreaterThan` and the like, several values match if any of them does, so only the \
least strict bound counts (the largest for LessThan, the smallest for GreaterThan). Keep that one value.";

    "variables-need-version", Correctness, Error, ["VARIABLE_UNSUPPORTED_IN_VERSION"], [],
    "Policy variables in a policy without Version 2012-10-17",
    "Policy variables are only expanded under `\"Version\": \"2012-10-17\"`. With the 2008 grammar or no Version, \
`${aws:username}` is matched as literal text, so the statement never applies as intended. Set the Version to \
2012-10-17.";
}
