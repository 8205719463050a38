//! `kms-cross-account-unconstrained`: Another account may use the key without kms:CallerAccount or kms:ViaService.

use super::Allow;
use super::{account_of, is_everyone, KmsGrant};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "kms-cross-account-unconstrained",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "Another account may use the key without kms:CallerAccount or kms:ViaService",
    docs: "Granting `kms:Decrypt`, `kms:GenerateDataKey*`, `kms:Encrypt`, `kms:ReEncrypt*` or `kms:CreateGrant` to another \
account lets any of its principals use the key for any purpose its own policies allow. Constrain it with \
`kms:ViaService` (only through a given service, e.g. `s3.eu-west-1.amazonaws.com`) or `kms:CallerAccount`.",
    example_file: "k.kms.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:Decrypt", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[NotesTopic::Key("kms:ViaService"), NotesTopic::Service("kms")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let Some(g) = KmsGrant::of(ctx, s) else {
        return;
    };
    let constrained = s.st.conditions().iter().any(|c| {
        matches!(
            c.key.key.text.to_ascii_lowercase().as_str(),
            "kms:calleraccount" | "kms:viaservice"
        )
    });
    let cross: Vec<_> = g.foreign.iter().filter(|p| !is_everyone(p)).collect();
    if !cross.is_empty() && !g.uses.is_empty() && !constrained && g.key_account.is_some() {
        acc.push(ctx.diag(&RULE, cross[0].value.range(), format!("account {} may use this key for anything its own policies allow: add kms:ViaService or kms:CallerAccount", account_of(cross[0]).unwrap_or_default())));
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
                warning[kms-cross-account-unconstrained]: account 444455556666 may use this key for anything its own policies allow: add kms:ViaService or kms:CallerAccount
                 --> k.kms.json:1:210
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:Decrypt", "Resource": "*"}]}
                   |                                                                                                                                                                                                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
