//! `kms-no-root-admin`: No statement keeps the key manageable (lockout risk).

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::model::{Effect, Policy};
use crate::rules::security::covered;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, NotesTopic, Rule};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "kms-no-root-admin",
    category: Category::Governance,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "No statement keeps the key manageable (lockout risk)",
    docs: "If no statement lets the account (`arn:aws:iam::ACCOUNT:root`) or a named administrator call \
`kms:PutKeyPolicy`, a mistake in the policy can leave the key unmanageable; only AWS Support can recover it. Keep \
the default statement that allows the account root `kms:*`, so that IAM policies in the account decide who \
administers the key. The quick fix adds it.",
    example_file: "k.kms.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}]}"#,
    notes_topics: &[NotesTopic::Action("kms:PutKeyPolicy"), NotesTopic::Service("kms")],
    fix: Some(Applicability::Unsafe),
    build_fix: None,
};

/// A key policy in which nobody may change the key policy.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    policy: &Policy<'_>,
    anchor: TextRange,
    acc: &mut Vec<Diagnostic>,
) {
    if ctx.kind.kind != DocKind::KmsKey {
        return;
    }
    let manageable = policy.statements.iter().any(|st| {
        st.effect() == Some(Effect::Allow)
            && !covered(st, &["kms:PutKeyPolicy"]).is_empty()
            && !st.principals().is_empty()
    });
    if !manageable && !policy.statements.is_empty() {
        acc.push(ctx.diag(&RULE, anchor, "no statement lets the account root or an administrator change this key policy (kms:PutKeyPolicy): one mistake could lock the key; add the account-root statement".to_string()));
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
            kms-no-root-admin warning 26..37 "\"Statement\"": no statement lets the account root or an administrator change this key policy (kms:PutKeyPolicy): one mistake could lock the key; add the account-root statement
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
