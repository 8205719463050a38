//! `kms-broad-key-admin`: Key administration granted to a broad principal.

use super::Allow;
use super::{explicit, KmsGrant, KMS_ADMIN_ACTIONS};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "kms-broad-key-admin",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "Key administration granted to a broad principal",
    docs: "`kms:*` or key-administration actions (`kms:PutKeyPolicy`, `kms:ScheduleKeyDeletion`, `kms:DisableKey`, \
`kms:CreateGrant`, …) granted to `*` or to accounts outside your own let others change who may use the key, or \
destroy it together with every piece of data it protects. Grant administration to named roles of your account.",
    example_file: "k.kms.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": ["kms:ScheduleKeyDeletion"], "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[NotesTopic::Action("kms:PutKeyPolicy"), NotesTopic::Service("kms")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let Some(g) = KmsGrant::of(ctx, s) else {
        return;
    };
    if g.foreign.is_empty() || g.admin.is_empty() || s.narrowed {
        return;
    }
    let at = explicit(s.st, KMS_ADMIN_ACTIONS)
        .first()
        .map(|v| v.range())
        .unwrap_or(g.foreign[0].value.range());
    let names: Vec<String> = g
        .foreign
        .iter()
        .take(2)
        .map(|p| format!("\"{}\"", p.value.text))
        .collect();
    acc.push(ctx.diag(&RULE, at, format!("{} can administer this key ({}): grant administration to named roles of the key's account", names.join(", "), g.admin.iter().take(3).copied().collect::<Vec<_>>().join(", "))));
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
                warning[kms-broad-key-admin]: "444455556666" can administer this key (kms:ScheduleKeyDeletion): grant administration to named roles of the key's account
                 --> k.kms.json:1:220
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": ["kms:ScheduleKeyDeletion"], "Resource": "*"}]}
                   |                                                                                                                                                                                                                            ^^^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
