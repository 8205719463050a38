//! `private-ip-source`: aws:SourceIp with private address ranges.

use super::{is_private, parse_cidr, Operator};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::{scalar_text, ConditionEntry};
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};
use crate::syntax::Node;
use std::net::IpAddr;

pub static RULE: Rule = Rule {
    id: "private-ip-source",
    category: Category::Suspicious,
    severity: Severity::Warning,
    access_analyzer: &["PRIVATE_IP_ADDRESS", "PRIVATE_NOT_IP_ADDRESS", "PRIVATE_IP_ADDRESS_SUBSET", "PRIVATE_NOT_IP_ADDRESS_SUBSET"],
    parliament: &[],
    summary: "aws:SourceIp with private address ranges",
    docs: "`aws:SourceIp` holds the public address a request came from; requests through a VPC endpoint carry no \
`aws:SourceIp` at all. Private ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, …) therefore never match. Use \
`aws:VpcSourceIp` together with `aws:SourceVpc`/`aws:SourceVpce` for traffic from your VPCs.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}}}]}"#,
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// A private address compared with aws:SourceIp.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    v: &Node,
    text: &str,
    ip: IpAddr,
    acc: &mut Vec<Diagnostic>,
) {
    if c.key.key.text.eq_ignore_ascii_case("aws:SourceIp") && is_private(ip) {
        let all_private = c
            .values
            .iter()
            .filter_map(|n| scalar_text(n))
            .filter_map(parse_cidr)
            .all(|(i, _)| is_private(i));
        let neg = op.base == "NotIpAddress";
        let mut d = ctx.diag(&RULE, v.range, format!("\"{text}\" is a private range: aws:SourceIp only holds public addresses, so this {}; use aws:VpcSourceIp with aws:SourceVpc for VPC traffic", if neg { "exclusion has no effect" } else { "never matches" }));
        if !all_private {
            d.severity = Severity::Info;
        }
        acc.push(d);
    }
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
                warning[private-ip-source]: "10.0.0.0/8" is a private range: aws:SourceIp only holds public addresses, so this never matches; use aws:VpcSourceIp with aws:SourceVpc for VPC traffic
                 --> a.iam.json:1:148
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}
                   |                                                                                                                                                    ^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
