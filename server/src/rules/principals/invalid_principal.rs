//! `invalid-principal`: A principal value has the wrong form for its type.

use super::is_account;
use crate::catalog::has_wildcard;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::PrincipalValue;
use crate::rules::resources::PARTITIONS;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "invalid-principal",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_PRINCIPAL_FORMAT", "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"],
    parliament: &["UNKNOWN_PRINCIPAL"],
    summary: "A principal value has the wrong form for its type",
    docs: "`AWS` principals are `\"*\"`, 12-digit account ids or IAM ARNs (`arn:aws:iam::111122223333:root`, `…:role/name`, \
`…:user/name`, `arn:aws:sts::111122223333:assumed-role/role/session`); wildcards inside an ARN are not allowed. \
`CanonicalUser` values are 64 hex digits. AWS rejects other forms.",
    example_file: "b.bucket-policy.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::44445555666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#,
    checks: &[Check::Walk(Walk::Principals)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// A Principal given as a string other than `"*"`.
pub(crate) fn check_string(ctx: &RuleCtx<'_>, p: &PrincipalValue<'_>, acc: &mut Vec<Diagnostic>) {
    if p.value.text != "*" {
        acc.push(ctx.diag(&RULE, p.value.range(), format!("a Principal given as a string must be \"*\"; for \"{}\" use an object such as {{\"AWS\": \"...\"}}", p.value.text)));
    }
}

/// A CanonicalUser principal that is not a canonical user id.
pub(crate) fn check_canonical_user(
    ctx: &RuleCtx<'_>,
    p: &PrincipalValue<'_>,
    acc: &mut Vec<Diagnostic>,
) {
    let v = p.value.text;
    if !(v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit())) && v != "*" {
        acc.push(ctx.diag(
            &RULE,
            p.value.range(),
            format!("\"{v}\" is not an S3 canonical user id (64 hexadecimal digits)"),
        ));
    }
}

/// An AWS principal that is neither `*`, an account id, nor an IAM principal ARN.
pub(crate) fn check_aws(ctx: &RuleCtx<'_>, p: &PrincipalValue<'_>, acc: &mut Vec<Diagnostic>) {
    let v = p.value.text;
    let range = p.value.range();
    if !v.starts_with("arn:") {
        let digits = v.bytes().filter(u8::is_ascii_digit).count();
        let msg = if v.bytes().all(|b| b.is_ascii_digit()) {
            format!("account id \"{v}\" has {digits} digits: account ids have exactly 12")
        } else {
            format!("\"{v}\" is not an AWS principal: use \"*\", a 12-digit account id or an IAM ARN such as arn:aws:iam::111122223333:role/name")
        };
        acc.push(ctx.diag(&RULE, range, msg));
        return;
    }
    let fields: Vec<&str> = v.splitn(6, ':').collect();
    if fields.len() < 6 || !PARTITIONS.contains(&fields[1]) || !matches!(fields[2], "iam" | "sts") {
        acc.push(ctx.diag(&RULE, range, format!("\"{v}\" is not an IAM principal ARN: use arn:aws:iam::ACCOUNT:root, …:role/NAME, …:user/NAME or arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION")));
        return;
    }
    if has_wildcard(v) {
        acc.push(ctx.diag(&RULE, range, format!("wildcards are not allowed in principal ARNs (\"{v}\"): use \"*\" with a condition on aws:PrincipalArn (ArnLike) instead")));
        return;
    }
    if !fields[3].is_empty() {
        acc.push(ctx.diag(
            &RULE,
            range,
            format!("IAM principal ARNs have no Region: \"{v}\""),
        ));
        return;
    }
    if !is_account(fields[4]) {
        acc.push(ctx.diag(
            &RULE,
            range,
            format!(
                "account id \"{}\" in \"{v}\" must have exactly 12 digits",
                fields[4]
            ),
        ));
        return;
    }
    let res = fields[5];
    let ok = match fields[2] {
        "iam" => {
            res == "root"
                || ["user/", "role/", "federated-user/"]
                    .iter()
                    .any(|p| res.starts_with(p))
        }
        _ => res.starts_with("assumed-role/") || res.starts_with("federated-user/"),
    };
    if !ok {
        acc.push(ctx.diag(&RULE, range, format!("\"{res}\" is not a principal: principals are root, user/…, role/… or (sts) assumed-role/…; groups cannot be principals")));
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
                error[invalid-principal]: account id "44445555666" in "arn:aws:iam::44445555666:root" must have exactly 12 digits
                 --> b.bucket-policy.json:1:82
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::44445555666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}
                   |                                                                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
