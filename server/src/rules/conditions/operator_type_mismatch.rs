//! `operator-type-mismatch`: The operator's type does not fit the condition key's type.

use super::*;
use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

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
    notes_topics: &[],
    fix: Some(Applicability::Unsafe),
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

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
            operator-type-mismatch warning 134..148 "\"aws:SourceIp\"": "aws:SourceIp" is of type IPAddress but "StringEquals" compares String values: use IpAddress / NotIpAddress operators
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
