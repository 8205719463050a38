//! `unknown-condition-key`: A condition key that the service or AWS does not define.

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rules::did_you_mean;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "unknown-condition-key",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_GLOBAL_CONDITION_KEY", "INVALID_SERVICE_CONDITION_KEY", "INVALID_CONDITION_KEY_FORMAT", "MISSING_TAG_KEY_IN_CONDITION"],
    parliament: &[],
    summary: "A condition key that the service or AWS does not define",
    docs: "A condition on a key that no request ever carries is never true (or always true with `IfExists` and the `Not` \
operators). Keys are `service:Name` (`aws:` for global keys); tag keys take the tag name after a slash \
(`aws:RequestTag/Project`). An `aws:` key that is not a documented global key is an error, as in Access Analyzer \
(the quick fix offers the documented key it extends or resembles: `aws:SourceIpAddress` -> `aws:SourceIp`). An \
unknown service key is an error when it is a likely typo of a known key and a warning otherwise, since the service \
may have added it after the catalog's date, which the message gives. Keys of OIDC and SAML providers \
(`token.actions.githubusercontent.com:sub`) are accepted.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIps": "203.0.113.0/24"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "StringEquals": {"aws:ResourceTag/team": "data", "gitlab.com:sub": "x"}}}]}"#,
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

/// An `aws:` key that is not a documented global condition key: Access Analyzer reports
/// it as an error (INVALID_GLOBAL_CONDITION_KEY, "IAM Access Analyzer policy check
/// reference", https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html;
/// the keys: "AWS global condition context keys",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
pub(crate) fn unknown_global_key(
    ctx: &RuleCtx<'_>,
    key: &str,
    range: crate::syntax::TextRange,
    acc: &mut Vec<Diagnostic>,
) {
    let mut d = ctx.diag(
        &RULE,
        range,
        format!("\"{key}\" is not a global condition key: no request carries it, so the condition never matches (or always does, with IfExists or a Not operator); if AWS added it recently, list it in [catalog] extra-keys"),
    );
    d.severity = Severity::Error;
    let lower = key.to_ascii_lowercase();
    // A documented key that the unknown one extends or shortens
    // (`aws:SourceIpAddress` → `aws:SourceIp`), else the closest spelling.
    let extended = ctx
        .catalog
        .global_keys()
        .iter()
        .map(|k| k.name.as_str())
        .filter(|n| is_aws_key(n) && !n.contains("${"))
        .filter(|n| {
            let n = n.to_ascii_lowercase();
            lower.starts_with(&n) || n.starts_with(&lower)
        })
        .min_by_key(|n| n.len().abs_diff(key.len()))
        .map(str::to_string);
    let suggestion = extended.or_else(|| {
        ctx.catalog
            .suggest_condition_key(key)
            .filter(|s| is_aws_key(s))
    });
    if let Some(s) = suggestion {
        d.message = format!("\"{key}\" is not a global condition key: did you mean \"{s}\"?");
        d.fixes.push(Fix::replace(
            format!("Change to \"{s}\""),
            range,
            format!("\"{s}\""),
            Applicability::Safe,
        ));
    }
    acc.push(d);
}

pub(crate) fn is_aws_key(k: &str) -> bool {
    k.len() > 4 && k.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:"))
}

/// A key the catalog does not know (neither extra nor deprecated).
pub(crate) fn check(ctx: &RuleCtx<'_>, key: &str, range: TextRange, acc: &mut Vec<Diagnostic>) {
    let date = &ctx.catalog.provenance().date;
    let Some((prefix, _)) = key.split_once(':') else {
        acc.push(ctx.diag(&RULE, range, format!("\"{key}\" is not a condition key: keys are service:Name, like \"aws:SourceIp\" or \"s3:prefix\"")));
        return;
    };
    let is_service = prefix.eq_ignore_ascii_case("aws") || ctx.catalog.service(prefix).is_some();
    if !is_service {
        // OIDC and SAML provider keys (`gitlab.com:sub`, `oidc.eks…/id/…:sub`) are open-ended.
        if prefix.contains('.') || prefix.contains('/') || prefix == "saml" {
            return;
        }
        let mut d = ctx.diag(&RULE, range, format!("\"{prefix}\" in \"{key}\" is neither a service prefix in the catalog of {date} nor an identity provider"));
        d.severity = d.severity.max(Severity::Warning);
        acc.push(d);
        return;
    }
    let tag_bases = ["aws:RequestTag", "aws:ResourceTag", "aws:PrincipalTag"];
    if let Some(base) = tag_bases.iter().find(|b| b.eq_ignore_ascii_case(key)) {
        acc.push(ctx.diag(
            &RULE,
            range,
            format!("\"{key}\" needs the tag name: write \"{base}/TAG-NAME\""),
        ));
        return;
    }
    if prefix.eq_ignore_ascii_case("aws") {
        unknown_global_key(ctx, key, range, acc);
        return;
    }
    let mut d = ctx.diag(
        &RULE,
        range,
        format!("condition key \"{key}\" is not in the catalog of {date}: if it is newer, add it to [catalog] extra-keys"),
    );
    did_you_mean(
        &mut d,
        key,
        ctx.catalog.suggest_condition_key(key),
        |s| format!("unknown condition key \"{key}\": did you mean \"{s}\"? (catalog of {date})"),
        |s| format!("\"{s}\""),
    );
    acc.push(d);
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                error[unknown-condition-key]: "aws:SourceIps" is not a global condition key: did you mean "aws:SourceIp"?
                 --> a.iam.json:1:132
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIps": "203.0.113.0/24"}}}]}
                   |                                                                                                                                    ^^^^^^^^^^^^^^^
                   = fix: Change to "aws:SourceIp"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
