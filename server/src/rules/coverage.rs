//! Coverage of IAM Access Analyzer's policy checks: every `ValidatePolicy` issue code is
//! either handled by a rule (its `access_analyzer` list) or listed here with the reason.

/// Every Access Analyzer policy-check issue code (see `shared/docs/checks-reference.md`).
pub const ACCESS_ANALYZER_CODES: &[&str] = &[
    "ARN_ACCOUNT_NOT_ALLOWED",
    "ARN_REGION_NOT_ALLOWED",
    "DATA_TYPE_MISMATCH",
    "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
    "INVALID_ACTION",
    "INVALID_ARN_ACCOUNT",
    "INVALID_ARN_PREFIX",
    "INVALID_ARN_REGION",
    "INVALID_ARN_RESOURCE",
    "INVALID_ARN_SERVICE_CASE",
    "INVALID_CONDITION_DATA_TYPE",
    "INVALID_CONDITION_KEY_FORMAT",
    "INVALID_CONDITION_MULTIPLE_BOOLEAN",
    "INVALID_CONDITION_OPERATOR",
    "INVALID_EFFECT",
    "INVALID_GLOBAL_CONDITION_KEY",
    "INVALID_PARTITION",
    "INVALID_POLICY_ELEMENT",
    "INVALID_PRINCIPAL_FORMAT",
    "INVALID_PRINCIPAL_KEY",
    "INVALID_REGION",
    "INVALID_SERVICE",
    "INVALID_SERVICE_CONDITION_KEY",
    "INVALID_SERVICE_IN_ACTION",
    "INVALID_VARIABLE_FOR_OPERATOR",
    "INVALID_VERSION",
    "JSON_SYNTAX_ERROR",
    "MISSING_ACTION",
    "MISSING_ARN_FIELD",
    "MISSING_ARN_REGION",
    "MISSING_EFFECT",
    "MISSING_PRINCIPAL",
    "MISSING_QUALIFIER",
    "MISSING_RESOURCE",
    "MISSING_STATEMENT",
    "NULL_WITH_IF_EXISTS",
    "SCP_SYNTAX_ERROR_ACTION_WILDCARD",
    "SCP_SYNTAX_ERROR_ALLOW_CONDITION",
    "SCP_SYNTAX_ERROR_ALLOW_NOTACTION",
    "SCP_SYNTAX_ERROR_ALLOW_RESOURCE",
    "SCP_SYNTAX_ERROR_NOTRESOURCE",
    "SCP_SYNTAX_ERROR_PRINCIPAL",
    "UNIQUE_SIDS_REQUIRED",
    "UNSUPPORTED_ACTION_IN_POLICY",
    "UNSUPPORTED_ELEMENT_COMBINATION",
    "UNSUPPORTED_GLOBAL_CONDITION_KEY",
    "UNSUPPORTED_PRINCIPAL",
    "UNSUPPORTED_RESOURCE_ARN_IN_POLICY",
    "UNSUPPORTED_SID",
    "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
    "MISSING_BRACE_IN_VARIABLE",
    "MISSING_QUOTE_IN_VARIABLE",
    "UNSUPPORTED_SPACE_IN_VARIABLE",
    "EMPTY_VARIABLE",
    "VARIABLE_UNSUPPORTED_IN_ELEMENT",
    "VARIABLE_UNSUPPORTED_IN_VERSION",
    "PRIVATE_IP_ADDRESS",
    "PRIVATE_NOT_IP_ADDRESS",
    "POLICY_SIZE_EXCEEDS_SCP_QUOTA",
    "INVALID_SERVICE_PRINCIPAL_FORMAT",
    "MISSING_TAG_KEY_IN_CONDITION",
    "INVALID_VPC_FORMAT",
    "INVALID_VPCE_FORMAT",
    "FEDERATED_PRINCIPAL_NOT_SUPPORTED",
    "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
    "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
    "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
    "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
    "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE",
    "MISSING_ACTION_FOR_CONDITION_KEY",
    "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY",
    "MISMATCHED_ACTION_FOR_PRINCIPAL",
    "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY",
    "UNSUPPORTED_SYMBOL_IN_VARIABLE",
    // General warnings
    "CREATE_SLR_WITH_NOT_RESOURCE",
    "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
    "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE",
    "CREATE_SLR_WITH_STAR_IN_RESOURCE",
    "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
    "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
    "DEPRECATED_GLOBAL_CONDITION_KEY",
    "INVALID_DATE_VALUE",
    "INVALID_ROLE_REFERENCE",
    "INVALID_USER_REFERENCE",
    "MISSING_VERSION",
    "UNIQUE_SIDS_RECOMMENDED",
    "WILDCARD_WITHOUT_LIKE_OPERATOR",
    "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
    "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA",
    "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA",
    "TYPE_MISMATCH",
    "TYPE_MISMATCH_BOOLEAN",
    "TYPE_MISMATCH_DATE",
    "TYPE_MISMATCH_IP_RANGE",
    "TYPE_MISMATCH_NUMBER",
    "TYPE_MISMATCH_STRING",
    "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED",
    // Security warnings
    "ALLOW_WITH_NOT_PRINCIPAL",
    "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
    "PASS_ROLE_WITH_NOT_RESOURCE",
    "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
    "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
    "PASS_ROLE_WITH_STAR_IN_RESOURCE",
    "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
    "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
    "MISSING_PAIRED_CONDITION_KEYS",
    "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
    "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
    "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
    "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
    "MISSING_GITHUB_REPO_CONDITION_KEY",
    // Suggestions
    "EMPTY_ARRAY_ACTION",
    "EMPTY_ARRAY_CONDITION",
    "EMPTY_ARRAY_CONDITION_FORALLVALUES",
    "EMPTY_ARRAY_CONDITION_FORANYVALUE",
    "EMPTY_ARRAY_CONDITION_IFEXISTS",
    "EMPTY_ARRAY_PRINCIPAL",
    "EMPTY_ARRAY_RESOURCE",
    "EMPTY_OBJECT_CONDITION",
    "EMPTY_OBJECT_PRINCIPAL",
    "EMPTY_SID_VALUE",
    "IMPROVE_IP_RANGE",
    "NULL_WITH_QUALIFIER",
    "PRIVATE_IP_ADDRESS_SUBSET",
    "PRIVATE_NOT_IP_ADDRESS_SUBSET",
    "REDUNDANT_ACTION",
    "REDUNDANT_CONDITION_VALUE_NUM",
    "REDUNDANT_RESOURCE",
    "REDUNDANT_STATEMENT",
    "WILDCARD_IN_SERVICE_NAME",
    "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
    "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
    "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
    "IRRELEVANT_CONDITION_KEY_IN_POLICY",
    "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY",
    "CONFIRM_AUDIENCE_CLAIM_TYPE",
];

/// Codes without a rule, and why.
pub const NOT_COVERED: &[(&str, &str)] = &[
    ("MISSING_ARN_REGION", "needs per-service knowledge of which ARNs must carry a Region; an empty Region is accepted"),
    ("SCP_SYNTAX_ERROR_ACTION_WILDCARD", "SCPs accept the full IAM policy language since 2025"),
    ("SCP_SYNTAX_ERROR_ALLOW_CONDITION", "SCPs accept the full IAM policy language since 2025"),
    ("SCP_SYNTAX_ERROR_ALLOW_NOTACTION", "SCPs accept the full IAM policy language since 2025"),
    ("SCP_SYNTAX_ERROR_ALLOW_RESOURCE", "SCPs accept the full IAM policy language since 2025"),
    ("SCP_SYNTAX_ERROR_NOTRESOURCE", "SCPs accept the full IAM policy language since 2025"),
    ("UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", "needs per-service data on which keys service principals carry"),
    ("MISSING_PAIRED_CONDITION_KEYS", "needs AWS's list of key pairs, which is not public data"),
    ("DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", "planned: tag-key support per service from the catalog"),
    ("DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", "planned: tag-key support per service from the catalog"),
    ("ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", "covered in part by condition-key-not-supported"),
    ("ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE", "planned: tag-key support per service from the catalog"),
    ("RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", "covered in part by service-principal-without-source"),
    ("IRRELEVANT_CONDITION_KEY_IN_POLICY", "needs per-policy-type key availability data"),
    ("REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY", "planned"),
    ("CONFIRM_AUDIENCE_CLAIM_TYPE", "planned"),
    ("ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", "wildcards inside principal ARNs are reported by invalid-principal; \"*\" itself by public-access"),
];

/// The README's coverage table: every code, the rule that handles it or why none does.
pub fn coverage_table() -> String {
    let mut s = String::from("| Access Analyzer check | policy-lsp rule |\n|---|---|\n");
    for code in ACCESS_ANALYZER_CODES {
        let rules: Vec<&str> = super::RULES
            .iter()
            .filter(|r| r.access_analyzer.contains(code))
            .map(|r| r.id)
            .collect();
        let cell = if rules.is_empty() {
            NOT_COVERED
                .iter()
                .find(|(c, _)| c == code)
                .map_or("—".to_string(), |(_, why)| format!("not covered: {why}"))
        } else {
            rules
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        s.push_str(&format!("| {code} | {cell} |\n"));
    }
    s
}

/// The README's rule table.
pub fn rules_table() -> String {
    let mut s = String::from("| rule | level | category | Access Analyzer / Parliament | what it finds |\n|---|---|---|---|---|\n");
    for r in super::RULES.iter() {
        let codes: Vec<&str> = r
            .access_analyzer
            .iter()
            .chain(r.parliament.iter())
            .copied()
            .collect();
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.id,
            r.severity.name(),
            r.category.name(),
            if codes.is_empty() {
                "—".to_string()
            } else {
                codes.join(", ")
            },
            r.summary
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_covered_or_explained_once() {
        for code in ACCESS_ANALYZER_CODES {
            let by_rule = super::super::RULES
                .iter()
                .any(|r| r.access_analyzer.contains(code));
            let explained = NOT_COVERED.iter().any(|(c, _)| c == code);
            assert!(by_rule || explained, "{code}: neither a rule nor a reason");
            assert!(
                !(by_rule && explained),
                "{code}: both a rule and a not-covered reason"
            );
        }
        for r in super::super::RULES.iter() {
            for c in r.access_analyzer {
                assert!(
                    ACCESS_ANALYZER_CODES.contains(c),
                    "{}: unknown Access Analyzer code {c}",
                    r.id
                );
            }
        }
    }

    /// The README's tables are generated; `UPDATE_EXPECT=1 cargo test` rewrites them.
    #[test]
    fn readme_tables_are_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
        let readme = std::fs::read_to_string(&path).expect("README.md");
        let mut updated = readme.clone();
        for (name, table) in [("rules", rules_table()), ("coverage", coverage_table())] {
            let start = format!("<!-- {name}:start -->\n");
            let end = format!("<!-- {name}:end -->");
            let (Some(a), Some(b)) = (updated.find(&start), updated.find(&end)) else {
                panic!("README.md lacks the {name} markers");
            };
            updated = format!("{}{start}{table}{}", &updated[..a], &updated[b..]);
        }
        if updated != readme {
            if std::env::var_os("UPDATE_EXPECT").is_some() {
                std::fs::write(&path, updated).expect("write README.md");
            } else {
                panic!("README.md tables are out of date: run UPDATE_EXPECT=1 cargo test");
            }
        }
    }
}
