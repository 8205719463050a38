//! `invalid-sid`: Sid contains characters IAM does not accept.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Fix;
use crate::diagnostic::Severity;
use crate::model::Statement;
use crate::model::{self, DocKind};
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-sid",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["UNSUPPORTED_SID"],
    parliament: &["INVALID_SID"],
    summary: "Sid contains characters IAM does not accept",
    docs: "In IAM identity and trust policies and in SCPs a `Sid` may contain only ASCII letters and digits \
(`[A-Za-z0-9]`). Resource-based policies such as key and bucket policies accept any string. The quick fix removes \
the other characters.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Read-Only", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "ReadOnly1", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}"#,
    checks: &[Check::Statement(check)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

/// Identity, trust and SCP statements take only ASCII letters and digits in a Sid.
pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let kind = ctx.kind.kind;
    if !matches!(kind, DocKind::Identity | DocKind::Trust | DocKind::Scp) {
        return;
    }
    let Some(v) = model::value(st.sid) else {
        return;
    };
    let Some(sid) = v.as_str() else { return };
    if sid.chars().all(|c| c.is_ascii_alphanumeric()) {
        return;
    }
    let cleaned: String = sid.chars().filter(char::is_ascii_alphanumeric).collect();
    let mut d = ctx.diag(
        &RULE,
        v.range,
        format!(
            "Sid \"{sid}\" may contain only letters A-Z, a-z and digits 0-9 in {}",
            kind.title_with_article()
        ),
    );
    if !cleaned.is_empty() {
        d.fixes.push(Fix::replace(
            format!("Change Sid to \"{cleaned}\""),
            v.range,
            format!("\"{cleaned}\""),
            Applicability::Safe,
        ));
    }
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
                error[invalid-sid]: Sid "Read-Only" may contain only letters A-Z, a-z and digits 0-9 in an IAM identity policy
                 --> a.iam.json:1:49
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Sid": "Read-Only", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
                   |                                                 ^^^^^^^^^^^
                   = fix: Change Sid to "ReadOnly"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
