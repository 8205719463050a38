//! `kms-admin-and-use`: The same principal both administers and uses the key.

use crate::diagnostic::Severity;
use crate::rules::{Category, NotesTopic, Rule};

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
    notes_topics: &[NotesTopic::Action("kms:PutKeyPolicy"), NotesTopic::Service("kms")],
    fix: None,
};

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
            kms-admin-and-use info 248..256 "\"Action\"": statement #2 gives the same principals key administration (kms:PutKeyPolicy) and key use (kms:Decrypt): keep administrators and users apart
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
