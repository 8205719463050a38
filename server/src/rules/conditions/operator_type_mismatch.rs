//! `operator-type-mismatch`: The operator's type does not fit the condition key's type.

use super::{
    family_fits, family_for, family_name, family_of, parse_operator, Family, Operator, SetPrefix,
    OPERATORS,
};
use crate::catalog::{KeyInfo, KeyType};
use crate::diagnostic::json_edit::{append_member, json_str, remove_member};
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::model;
use crate::model::{scalar_text, ConditionEntry};
use crate::rules::FixCtx;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "operator-type-mismatch",
    category: Category::Correctness,
    severity: Severity::Warning,
    access_analyzer: &["TYPE_MISMATCH"],
    parliament: &["MISMATCHED_TYPE", "MISMATCHED_TYPE_BUT_USABLE"],
    summary: "The operator's type does not fit the condition key's type",
    docs: "Each key has a type (String, ARN, Numeric, Date, Bool, IPAddress, Binary) and should be compared with the \
matching operator family: `NumericLessThan` on `s3:max-keys`, `Bool` on `aws:SecureTransport`, `IpAddress` on \
`aws:SourceIp`, `ArnLike` on `aws:SourceArn`. A mismatched family compares text where numbers or addresses are \
meant, or fails to match at all. (String operators on ARN keys work and are reported as a hint.)",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceIp": "203.0.113.7"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.7"}}}]}"#,
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[],
    fix: Some(Applicability::Unsafe),
    build_fix: Some(fix),
    insert_statement: None,
};

/// Whether every value is a policy variable whose key has type `t`, compared with a
/// String operator: the one way to compare two request values of another type, since
/// only String and Arn operators expand variables. AWS documents
/// `"StringNotEquals": {"aws:Ec2InstanceSourcePrivateIPv4": "${aws:VpcSourceIp}"}`
/// ("AWS global condition context keys", aws:Ec2InstanceSourcePrivateIPv4,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
pub(crate) fn variables_of_type(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    t: KeyType,
) -> bool {
    op.family == Family::String
        && !c.values.is_empty()
        && c.values.iter().all(|v| {
            scalar_text(v).is_some_and(|text| {
                text.starts_with("${")
                    && text.ends_with('}')
                    && text.matches("${").count() == 1
                    && ctx
                        .catalog
                        .policy_variable(text)
                        .and_then(|pv| pv.key)
                        .is_some_and(|k| k.key_type == t)
            })
        })
}

/// An operator whose family does not fit the key's type.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    info: &KeyInfo,
    acc: &mut Vec<Diagnostic>,
) {
    let Some(sev) = family_fits(op.family, info.key_type) else {
        return;
    };
    // aws:EpochTime is documented as usable with Date and Numeric operators.
    let epoch = info.name.eq_ignore_ascii_case("aws:EpochTime") && op.family == Family::Numeric;
    if epoch || variables_of_type(ctx, c, op, info.key_type) {
        return;
    }
    let variables = c
        .values
        .iter()
        .any(|v| scalar_text(v).is_some_and(|t| t.contains("${")));
    let advice = if variables && !matches!(info.key_type, KeyType::String | KeyType::Arn) {
        format!(
            "{} operators do not expand policy variables, so compare it with a variable of type {}",
            family_name(family_of(info.key_type)),
            info.key_type
        )
    } else {
        format!("use {} operators", family_for(info.key_type))
    };
    let mut d = ctx.diag(
        &RULE,
        c.key.key.range,
        format!(
            "\"{}\" is of type {} but \"{}\" compares {} values: {advice}",
            c.key.key.text,
            info.key_type,
            c.operator.key.text,
            family_name(op.family)
        ),
    );
    d.severity = d.severity.max(sev);
    acc.push(d);
}

/// The fix the IDE builds on request.
pub(crate) fn fix(ctx: &FixCtx<'_>, range: TextRange) -> Option<Fix> {
    let (text, catalog, policy) = (ctx.text, ctx.catalog, ctx.policy);
    let (st, c) = policy.statements.iter().find_map(|st| {
        st.conditions()
            .into_iter()
            .find(|c| c.key.key.range == range)
            .map(|c| (st, c))
    })?;
    let op = parse_operator(&c.operator.key.text)?;
    let info = catalog.condition_key(&c.key.key.text)?;
    let base = target_operator(op, info.key_type)?;
    // Only String and Arn operators expand policy variables: no fix that would compare
    // `${...}` literally.
    let variables = c
        .values
        .iter()
        .any(|v| model::scalar_text(v).is_some_and(|t| t.contains("${")));
    if variables && !(base.starts_with("String") || base.starts_with("Arn")) {
        return None;
    }
    let set = match op.set {
        SetPrefix::None => "",
        SetPrefix::ForAllValues => "ForAllValues:",
        SetPrefix::ForAnyValue => "ForAnyValue:",
    };
    let suffix = if op.if_exists { "IfExists" } else { "" };
    let name = format!("{set}{base}{suffix}");
    let title = format!("Change the operator to \"{name}\"");
    let cond_node = model::value(st.condition)?;
    let cond = cond_node.as_object()?;
    let block_node = c.operator.value.as_ref()?;
    let block = block_node.as_object()?;
    let existing = cond.members.iter().rev().find(|m| m.key.text == name);
    if block.members.len() == 1 && existing.is_none() {
        return Some(Fix::replace(
            title,
            c.operator.key.range,
            json_str(&name),
            Applicability::Unsafe,
        ));
    }
    // Move the key out of its block: into the existing block of that operator, or
    // into a new one.
    let key_text = text.get(c.key.range().as_range())?;
    let mut edits = Vec::new();
    if block.members.len() == 1 {
        let i = cond
            .members
            .iter()
            .position(|m| std::ptr::eq(m, c.operator))?;
        edits.push(remove_member(cond, i));
    } else {
        let i = block.members.iter().position(|m| std::ptr::eq(m, c.key))?;
        edits.push(remove_member(block, i));
    }
    match existing
        .and_then(|m| m.value.as_ref())
        .filter(|v| v.as_object().is_some())
    {
        Some(target) => edits.push(append_member(text, target, key_text)),
        None if existing.is_some() => return None,
        None => edits.push(append_member(
            text,
            cond_node,
            &format!("{}: {{{key_text}}}", json_str(&name)),
        )),
    }
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    Some(Fix {
        title,
        edits,
        applicability: Applicability::Unsafe,
    })
}

/// The operator of `key`'s family closest to `op`: same comparison when that family
/// has it (`NumericLessThan` → `DateLessThan`), else equality or its negation.
pub(crate) fn target_operator(op: Operator, key: KeyType) -> Option<&'static str> {
    let family = crate::rules::conditions::family_of(key);
    if family == op.family || op.family == Family::Null {
        return None;
    }
    let comparison = ["String", "Numeric", "Date", "Arn", "Binary"]
        .iter()
        .find_map(|p| op.base.strip_prefix(p))
        .unwrap_or(op.base);
    let negated = op.base.contains("Not");
    let like = comparison.contains("Like");
    let find = |name: &str| {
        OPERATORS
            .iter()
            .find(|(n, f)| *n == name && *f == family)
            .map(|(n, _)| *n)
    };
    let prefix = match family {
        Family::String => "String",
        Family::Numeric => "Numeric",
        Family::Date => "Date",
        Family::Arn => "Arn",
        _ => "",
    };
    if !prefix.is_empty() {
        if let Some(n) = find(&format!("{prefix}{comparison}")) {
            return Some(n);
        }
        let fallback = match (
            negated,
            like && matches!(family, Family::String | Family::Arn),
        ) {
            (false, false) => "Equals",
            (true, false) => "NotEquals",
            (false, true) => "Like",
            (true, true) => "NotLike",
        };
        return find(&format!("{prefix}{fallback}"));
    }
    match (family, negated) {
        (Family::Ip, false) => find("IpAddress"),
        (Family::Ip, true) => find("NotIpAddress"),
        (Family::Bool, false) => find("Bool"),
        (Family::Binary, false) => find("BinaryEquals"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_build_fix, check_clean, check_hit, check_no_build_fix};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                warning[operator-type-mismatch]: "aws:SourceIp" is of type IPAddress but "StringEquals" compares String values: use IpAddress / NotIpAddress operators
                 --> a.iam.json:1:135
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceIp": "203.0.113.7"}}}]}
                   |                                                                                                                                       ^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }

    fn stmt(condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {condition}}}]}}"#
        )
    }

    #[test]
    fn operator_renamed_for_the_key_type() {
        for (before, after) in [
            (
                r#"{"StringEquals": {"aws:SourceIp": "203.0.113.7"}}"#,
                r#"{"IpAddress": {"aws:SourceIp": "203.0.113.7"}}"#,
            ),
            (
                r#"{"StringNotEqualsIfExists": {"aws:SourceIp": "203.0.113.7"}}"#,
                r#"{"NotIpAddressIfExists": {"aws:SourceIp": "203.0.113.7"}}"#,
            ),
            (
                r#"{"StringLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:t"}}"#,
                r#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:t"}}"#,
            ),
            (
                r#"{"StringEquals": {"aws:MultiFactorAuthAge": "3600"}}"#,
                r#"{"NumericEquals": {"aws:MultiFactorAuthAge": "3600"}}"#,
            ),
            (
                r#"{"StringEquals": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}"#,
                r#"{"DateEquals": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}"#,
            ),
            (
                r#"{"StringEquals": {"aws:SecureTransport": "true"}}"#,
                r#"{"Bool": {"aws:SecureTransport": "true"}}"#,
            ),
        ] {
            check_build_fix(&super::RULE, "a.iam.json", &stmt(before), &stmt(after));
        }
    }

    #[test]
    fn operator_fix_moves_the_key_out_of_a_shared_block() {
        check_build_fix(
            &super::RULE,
            "a.iam.json",
            &stmt(
                r#"{"StringEquals": {"aws:PrincipalOrgID": "o-1", "aws:SourceIp": "10.0.0.0/8"}}"#,
            ),
            &stmt(
                r#"{"StringEquals": {"aws:PrincipalOrgID": "o-1"}, "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#,
            ),
        );
        check_build_fix(
            &super::RULE,
            "a.iam.json",
            &stmt(
                r#"{"IpAddress": {"aws:VpcSourceIp": "10.0.0.1"}, "StringEquals": {"aws:SourceIp": "10.0.0.0/8"}}"#,
            ),
            &stmt(
                r#"{"IpAddress": {"aws:VpcSourceIp": "10.0.0.1", "aws:SourceIp": "10.0.0.0/8"}}"#,
            ),
        );
        let multi = "{\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:GetObject\",\n      \"Resource\": \"*\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"aws:SourceIp\": \"10.0.0.0/8\",\n          \"aws:PrincipalOrgID\": \"o-1\"\n        }\n      }\n    }\n  ]\n}\n";
        let want = "{\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:GetObject\",\n      \"Resource\": \"*\",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"aws:PrincipalOrgID\": \"o-1\"\n        },\n        \"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}\n      }\n    }\n  ]\n}\n";
        check_build_fix(&super::RULE, "a.iam.json", multi, want);
    }

    #[test]
    fn no_operator_fix_without_a_counterpart() {
        // Bool has no negated form.
        check_no_build_fix(
            &super::RULE,
            "a.iam.json",
            &stmt(r#"{"StringNotEquals": {"aws:SecureTransport": "true"}}"#),
        );
    }
}
