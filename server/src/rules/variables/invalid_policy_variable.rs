//! `invalid-policy-variable`: A malformed or unknown policy variable.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};
use crate::syntax::{Node, TextRange};

pub static RULE: Rule = Rule {
    id: "invalid-policy-variable",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["MISSING_BRACE_IN_VARIABLE", "EMPTY_VARIABLE", "UNSUPPORTED_SPACE_IN_VARIABLE", "MISSING_QUOTE_IN_VARIABLE", "UNSUPPORTED_SYMBOL_IN_VARIABLE"],
    parliament: &[],
    summary: "A malformed or unknown policy variable",
    docs: "Policy variables are `${aws:username}`, `${aws:PrincipalTag/team}`, `${s3:prefix}` and the like, optionally with \
a default value in single quotes (`${aws:username, 'none'}`); `${*}`, `${?}` and `${$}` stand for the literal \
characters. A missing brace, an empty `${}`, spaces or a variable no request carries make the value match nothing.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/home/${aws:usrname}/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/home/${aws:username}/${aws:PrincipalTag/team, 'none'}/*"}]}"#,
    checks: &[Check::Walk(Walk::Variables)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// Finds `${…}` in one string node; reports malformed and unknown ones; returns the
/// ranges of the well-formed variables. Ranges are exact when the string has no escapes.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    node: &Node,
    text: &str,
    acc: &mut Vec<Diagnostic>,
) -> Vec<TextRange> {
    let raw = ctx.text.get(node.inner_range().as_range()).unwrap_or("");
    let exact = raw == text;
    let at = |from: usize, to: usize| {
        if exact {
            TextRange::new(
                node.inner_range().start as usize + from,
                node.inner_range().start as usize + to,
            )
        } else {
            node.range
        }
    };
    let mut res = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find("${") {
        let start = i + off;
        let Some(close) = text[start..].find('}') else {
            acc.push(ctx.diag(
                &RULE,
                at(start, text.len()),
                "\"${\" without a closing \"}\"".to_string(),
            ));
            break;
        };
        let end = start + close + 1;
        let inner = &text[start + 2..end - 1];
        i = end;
        let range = at(start, end);
        if inner.trim().is_empty() {
            acc.push(ctx.diag(&RULE, range, "empty policy variable \"${}\"".to_string()));
            continue;
        }
        let (name, default) = match inner.split_once(',') {
            Some((n, d)) => (n, Some(d.trim())),
            None => (inner, None),
        };
        if name.contains(char::is_whitespace) {
            acc.push(ctx.diag(
                &RULE,
                range,
                format!("spaces are not allowed in the variable name \"{name}\""),
            ));
            continue;
        }
        if let Some(d) = default {
            if !(d.len() >= 2 && d.starts_with('\'') && d.ends_with('\'')) {
                acc.push(ctx.diag(
                    &RULE,
                    range,
                    format!(
                        "the default value {d} must be in single quotes: ${{{name}, '{}'}}",
                        d.trim_matches(['\'', '"'])
                    ),
                ));
                continue;
            }
        }
        if let Some(bad) = name.chars().find(|c| {
            !(c.is_ascii_alphanumeric()
                || matches!(c, ':' | '/' | '_' | '-' | '.' | '@' | '*' | '?' | '$'))
        }) {
            acc.push(ctx.diag(
                &RULE,
                range,
                format!("\"{bad}\" is not allowed in a policy variable name"),
            ));
            continue;
        }
        let known = ctx.catalog.policy_variable(name).is_some()
            || ctx
                .catalog
                .condition_key(name)
                .is_some_and(|k| !k.multi_valued)
            || ctx.config.is_extra_key(name);
        let provider_key = name
            .split_once(':')
            .is_some_and(|(p, _)| p.contains('.') || p == "saml");
        if !known && !provider_key {
            let mut d = ctx.diag(&RULE, range, format!("unknown policy variable \"${{{name}}}\": no request carries it, so it matches nothing"));
            if let Some(s) = ctx.catalog.suggest_condition_key(name) {
                d.message =
                    format!("unknown policy variable \"${{{name}}}\": did you mean \"${{{s}}}\"?");
            }
            acc.push(d);
            continue;
        }
        res.push(range);
    }
    res
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
                error[invalid-policy-variable]: unknown policy variable "${aws:usrname}": did you mean "${aws:username}"?
                 --> a.iam.json:1:120
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/home/${aws:usrname}/*"}]}
                   |                                                                                                                        ^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
