//! `kms-admin-and-use`: The same principal both administers and uses the key.

use super::Allow;
use super::{is_account_id, KmsGrant};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "kms-admin-and-use",
    category: Category::Security,
    severity: Severity::Info,
    access_analyzer: &[],
    parliament: &[],
    summary: "The same principal both administers and uses the key",
    docs: "Separating key administrators (who can change the policy or schedule deletion) from key users (who encrypt and \
decrypt) limits what one compromised identity can do, and is what the KMS console's default policy does. The \
account-root statement is exempt.",
    example_file: "k.kms.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": ["kms:PutKeyPolicy", "kms:Decrypt"], "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"}]}"#,
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
    let is_root = s
        .principals
        .iter()
        .all(|p| p.value.text.ends_with(":root") || is_account_id(p.value.text));
    if g.admin.is_empty()
        || g.uses.is_empty()
        || is_root
        || s.principals.is_empty()
        || s.star_action
        || s.actions
            .iter()
            .any(|a| a.text.eq_ignore_ascii_case("kms:*"))
    {
        return;
    }
    if let Some(m) = s.st.action {
        acc.push(ctx.diag(&RULE, m.key.range, format!("{} gives the same principals key administration ({}) and key use ({}): keep administrators and users apart", s.st.label(), g.admin[0], g.uses[0])));
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
                info[kms-admin-and-use]: statement #2 gives the same principals key administration (kms:PutKeyPolicy) and key use (kms:Decrypt): keep administrators and users apart
                 --> k.kms.json:1:249
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": ["kms:PutKeyPolicy", "kms:Decrypt"], "Resource": "*"}]}
                   |                                                                                                                                                                                                                                                         ^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
