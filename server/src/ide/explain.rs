//! A rule's documentation as Markdown: what `policy-lsp explain RULE` prints and the
//! language server's `policyLsp.explain` command answers, from one renderer.

use crate::notes::{Notes, Passage};
use crate::rules::{self, Rule, RULES};

/// The rule named `name` (its id or an IAM Access Analyzer code).
pub fn find_rule(name: &str) -> Option<&'static Rule> {
    rules::rule_by_any_name(name)
}

/// Whether [`explain`] shows notes for `rule`: only then are notes worth loading.
pub fn uses_notes(rule: &Rule) -> bool {
    !rule.notes_topics.is_empty()
}

/// The documentation of `rule` ([`rule_doc`]) and what the notes say about its topics
/// (at most three passages).
pub fn explain(rule: &Rule, notes: Option<&Notes>) -> String {
    let mut text = rule_doc(rule);
    let Some(notes) = notes else {
        return text;
    };
    let mut passages: Vec<Passage> = Vec::new();
    for t in rule.notes_topics {
        let found = match t {
            rules::NotesTopic::Service(s) => notes.for_service(s),
            rules::NotesTopic::Action(a) => notes.for_action(a),
            rules::NotesTopic::Key(k) => notes.for_key(k),
        };
        for p in found {
            if !passages.contains(&p) && passages.len() < 3 {
                passages.push(p);
            }
        }
    }
    if !passages.is_empty() {
        text.push_str("\n## What the notes say\n");
        super::hover::append_notes(&mut text, &passages);
        text.push('\n');
    }
    text
}

/// The Markdown documentation of a rule (without notes).
pub fn rule_doc(rule: &Rule) -> String {
    let mut s = format!("# {}: {}\n\n", rule.id, rule.summary);
    s.push_str(&format!(
        "- Category: {}\n- Default severity: {}\n",
        rule.category.name(),
        rule.severity.name()
    ));
    if !rule.access_analyzer.is_empty() {
        s.push_str(&format!(
            "- IAM Access Analyzer: {}\n",
            rule.access_analyzer.join(", ")
        ));
    }
    if !rule.parliament.is_empty() {
        s.push_str(&format!("- Parliament: {}\n", rule.parliament.join(", ")));
    }
    s.push('\n');
    s.push_str(rule.docs);
    s.push_str(&rule.examples_markdown());
    if std::ptr::eq(rule, &rules::security::privilege_escalation::RULE) {
        s.push_str(&rules::security::privilege_escalation::explain_paths());
    }
    s.push_str(&format!("\n\nTo change its level, add to policy-lsp.toml:\n\n```toml\n[rules]\n{} = \"warning\"  # or error, info, hint, off\n```\n", rule.id));
    s
}

/// The table `policy-lsp rules` prints.
pub fn rules_table() -> String {
    let mut s = format!(
        "{:<28} {:<8} {:<12} {:<50} {}\n",
        "RULE", "LEVEL", "CATEGORY", "ACCESS ANALYZER", "SUMMARY"
    );
    for r in RULES.iter() {
        let aa = if r.access_analyzer.is_empty() {
            "-".to_string()
        } else {
            r.access_analyzer.join(",")
        };
        s.push_str(&format!(
            "{:<28} {:<8} {:<12} {:<50} {}\n",
            r.id,
            r.severity.name(),
            r.category.name(),
            aa,
            r.summary
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_by_id_or_access_analyzer_code_with_the_notes() {
        let rule = find_rule("kms-no-root-admin").expect("rule");
        let notes = Notes::new(&[], true);
        let with = explain(rule, Some(&notes));
        assert!(with.starts_with("# kms-no-root-admin: "), "{with}");
        // The built-in notes' passage follows the rule's own docs.
        let notes_part = with.find("## What the notes say").map(|i| &with[i..]);
        expect_test::expect![[r###"
            ## What the notes say


            ---

            **Notes: KMS key policies** (policy-lsp notes)

            `"Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*"`

            ---

            **Notes: KMS keys: customer managed, AWS managed, AWS owned** (policy-lsp notes)

            - Customer managed keys: you create them and control the key policy, grants,
              rotation, enabling and deletion. Only these give full control over who may use
              the key.
            - AWS managed keys (`aws/s3`, `aws/ebs`…): created by a service in your account;
              you can see them and their use in CloudTrail but cannot change their policy, so
              they cannot be shared across accounts. Rotated every year.
            - AWS owned keys: owned by a service and used across many accounts; invisible in
              your account and not logged there.

            ---

            **Notes: KMS multi-Region keys** (policy-lsp notes)

            A multi-Region key is a set of interoperable keys with the same key ID and key
            material in several Regions: one primary and its replicas
            (`kms:ReplicateKey`). It is not a global key: each replica is a separate resource
            with its own key policy, grants and aliases. `kms:UpdatePrimaryRegion` moves the
            primary role. Use `kms:MultiRegion` and `kms:MultiRegionKeyType` to allow or forbid
            them.
        "###]]
        .assert_eq(notes_part.unwrap_or("(no notes section)"));
        assert_eq!(explain(rule, None), rule_doc(rule));
        assert!(find_rule("no-such-rule").is_none());
    }
}
