//! The registry: every rule the checker has, in the order of `policy-lsp rules` and
//! the README tables. Adding a rule adds one line here.

use super::rule::Rule;
use super::{actions, conditions, governance, host, policy_service, principals, resources};
use super::{security, structure, syntax, variables};

pub static RULES: &[&Rule] = &[
    &syntax::json_syntax::RULE,
    &host::yaml_syntax::RULE,
    &host::hcl_syntax::RULE,
    &host::not_analysed::RULE,
    &syntax::duplicate_key::RULE,
    &structure::invalid_type::RULE,
    &structure::unknown_element::RULE,
    &structure::invalid_effect::RULE,
    &structure::missing_version::RULE,
    &structure::invalid_version::RULE,
    &structure::old_version::RULE,
    &structure::missing_statement::RULE,
    &structure::missing_effect::RULE,
    &structure::missing_action::RULE,
    &structure::conflicting_elements::RULE,
    &structure::missing_resource::RULE,
    &structure::missing_principal::RULE,
    &structure::kind_name_mismatch::RULE,
    &structure::principal_not_allowed::RULE,
    &structure::resource_not_allowed::RULE,
    &structure::invalid_sid::RULE,
    &structure::duplicate_sid::RULE,
    &structure::empty_sid::RULE,
    &structure::empty_element::RULE,
    &structure::policy_size::RULE,
    &actions::unknown_service::RULE,
    &actions::unknown_action::RULE,
    &actions::malformed_action::RULE,
    &actions::wildcard_matches_nothing::RULE,
    &actions::action_case::RULE,
    &actions::redundant_action::RULE,
    &actions::not_action_with_allow::RULE,
    &actions::wildcard_in_service::RULE,
    &resources::invalid_arn::RULE,
    &resources::invalid_arn_account::RULE,
    &resources::invalid_arn_region::RULE,
    &resources::resource_mismatch::RULE,
    &policy_service::unsupported_action_in_policy::RULE,
    &policy_service::unsupported_resource_in_policy::RULE,
    &principals::invalid_principal::RULE,
    &principals::principal_unique_id::RULE,
    &principals::invalid_service_principal::RULE,
    &principals::invalid_federated_principal::RULE,
    &principals::trust_action_mismatch::RULE,
    &conditions::unknown_operator::RULE,
    &conditions::unknown_condition_key::RULE,
    &conditions::condition_key_not_supported::RULE,
    &conditions::operator_type_mismatch::RULE,
    &conditions::invalid_condition_value::RULE,
    &conditions::set_operator_on_single_valued_key::RULE,
    &conditions::missing_set_operator::RULE,
    &conditions::null_operator_misuse::RULE,
    &conditions::wildcard_without_like::RULE,
    &conditions::deprecated_condition_key::RULE,
    &conditions::private_ip_source::RULE,
    &conditions::bad_mfa_condition::RULE,
    &variables::invalid_policy_variable::RULE,
    &variables::variable_not_allowed::RULE,
    &security::public_access::RULE,
    &security::kms_broad_key_admin::RULE,
    &governance::kms_no_root_admin::RULE,
    &security::kms_cross_account_unconstrained::RULE,
    &security::kms_admin_and_use::RULE,
    &governance::s3_missing_secure_transport::RULE,
    &governance::s3_missing_required_encryption::RULE,
    &security::s3_public_read_with_kms::RULE,
    &security::s3_broad_full_access::RULE,
    &security::audit_tampering::RULE,
    &governance::scp_missing_audit_protection::RULE,
    &security::full_admin_access::RULE,
    &security::pass_role_wildcard::RULE,
    &security::privilege_escalation::RULE,
    &security::not_resource_with_allow::RULE,
    &security::not_principal_with_allow::RULE,
    &security::forallvalues_with_allow::RULE,
    &security::create_slr_wildcard::RULE,
    &security::oidc_trust_unconstrained::RULE,
    &security::service_principal_without_source::RULE,
    &principals::trust_missing_session_action::RULE,
    &structure::duplicate_statement::RULE,
    &resources::redundant_resource::RULE,
    &conditions::redundant_condition_value::RULE,
    &variables::variables_need_version::RULE,
];

/// Looks a rule up by its id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    // Looked up for every finding (its default severity, then the config's level): an
    // index instead of a scan of the whole table.
    static INDEX: std::sync::OnceLock<crate::FastMap<&'static str, &'static Rule>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            let mut m = crate::FastMap::default();
            for r in RULES {
                m.entry(r.id).or_insert(*r);
            }
            m
        })
        .get(id)
        .copied()
}

/// Looks a rule up by its id or by an Access Analyzer / Parliament code (case-insensitive).
pub fn rule_by_any_name(name: &str) -> Option<&'static Rule> {
    let name = name.trim();
    RULES.iter().copied().find(|r| {
        r.id.eq_ignore_ascii_case(name)
            || r.access_analyzer
                .iter()
                .any(|c| c.eq_ignore_ascii_case(name))
            || r.parliament.iter().any(|c| c.eq_ignore_ascii_case(name))
    })
}
