//! `invalid-service-principal`: A Service principal that is not a valid service principal name.

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::PrincipalValue;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "invalid-service-principal",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_SERVICE_PRINCIPAL_FORMAT"],
    parliament: &["UNKNOWN_PRINCIPAL"],
    summary: "A Service principal that is not a valid service principal name",
    docs: "Service principals are DNS-like names ending in `.amazonaws.com` (or a partition's variant such as \
`.amazonaws.com.cn`), for example `lambda.amazonaws.com`. A close misspelling of a known service principal is \
reported with a suggestion, since it silently matches nothing.",
    example_file: "role-trust.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws"}, "Action": "sts:AssumeRole"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#,
    checks: &[Check::Walk(Walk::Principals)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, p: &PrincipalValue<'_>, acc: &mut Vec<Diagnostic>) {
    let v = p.value.text;
    let range = p.value.range();
    let suffix_ok = [
        ".amazonaws.com",
        ".amazonaws.com.cn",
        ".amazonaws.com.cn",
        ".c2s.ic.gov",
        ".sc2s.sgov.gov",
        ".api.aws",
    ]
    .iter()
    .any(|s| v.ends_with(s));
    let chars_ok = v
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    if !suffix_ok || !chars_ok {
        let mut d = ctx.diag(
            &RULE,
            range,
            format!("\"{v}\" is not a service principal: they look like \"lambda.amazonaws.com\""),
        );
        if let Some(s) = crate::suggest::best(
            v,
            ctx.catalog.service_principals().iter().map(String::as_str),
        ) {
            d.message = format!("\"{v}\" is not a service principal: did you mean \"{s}\"?");
            d.fixes.push(Fix::replace(
                format!("Change to \"{s}\""),
                p.value.node.inner_range(),
                s,
                Applicability::Safe,
            ));
        }
        acc.push(d);
        return;
    }
    if ctx.catalog.is_known_service_principal(v) {
        return;
    }
    // Unknown but well-formed: report only a likely typo of a known one.
    if let Some(s) = crate::suggest::best(
        v,
        ctx.catalog.service_principals().iter().map(String::as_str),
    ) {
        let mut d = ctx.diag(
            &RULE,
            range,
            format!("unknown service principal \"{v}\": did you mean \"{s}\"?"),
        );
        d.severity = Severity::Warning;
        d.fixes.push(Fix::replace(
            format!("Change to \"{s}\""),
            p.value.node.inner_range(),
            s,
            Applicability::Safe,
        ));
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
                error[invalid-service-principal]: "lambda.amazonaws" is not a service principal: did you mean "lambda.amazonaws.com"?
                 --> role-trust.json:1:86
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws"}, "Action": "sts:AssumeRole"}]}
                   |                                                                                      ^^^^^^^^^^^^^^^^^^
                   = fix: Change to "lambda.amazonaws.com"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
