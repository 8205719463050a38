//! Code actions: one quick fix per fix of the diagnostics at a range (the rules'
//! fixes, then those of `fixes::fixes_for`), statements worth inserting (quick fixes
//! of their rule's diagnostic, else refactorings), and one "fix all" action that
//! applies every safe fix that does not collide with another.

use super::fixes;
use crate::analysis::Analysis;
use crate::catalog::Catalog;
use crate::diagnostic::Edit;
use crate::syntax::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    /// A change offered anywhere in the document, not tied to a diagnostic.
    Refactor,
    /// Applies all safe fixes in the document (`source.fixAll`).
    FixAll,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    pub kind: ActionKind,
    /// Sorted by range, non-overlapping.
    pub edits: Vec<Edit>,
    /// Safe quick fixes are preferred (editors apply them with one key).
    pub preferred: bool,
    /// Indices into the analysis's diagnostics (as returned by `ide::diagnostics`) this action resolves.
    pub diagnostics: Vec<usize>,
}

/// Whether two ranges touch: an empty cursor range at either end of a diagnostic counts.
pub(crate) fn overlaps(a: TextRange, b: TextRange) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Quick fixes for the diagnostics overlapping `range`, in diagnostic order, then
/// the statement insertions (attached to their rule's diagnostic when it overlaps
/// `range`).
pub fn code_actions(analysis: &Analysis, catalog: &Catalog, range: TextRange) -> Vec<CodeAction> {
    let mut acc = Vec::new();
    let all = super::diagnostics(analysis);
    for (i, d) in all.iter().enumerate() {
        if !overlaps(d.range, range) {
            continue;
        }
        for fix in d
            .fixes
            .iter()
            .chain(&fixes::fixes_for(analysis, catalog, d))
        {
            acc.push(CodeAction {
                title: fix.title.clone(),
                kind: ActionKind::QuickFix,
                edits: sorted(fix.edits.clone()),
                preferred: fix.is_safe(),
                diagnostics: vec![i],
            });
        }
    }
    if analysis.host.is_some() {
        // Statement insertions are JSON text: not offered in host files.
        acc.extend(super::embedded::code_actions(analysis, catalog, range));
        return acc;
    }
    for it in fixes::statement_fixes(analysis) {
        let attached: Vec<usize> = all
            .iter()
            .enumerate()
            .filter(|(_, d)| d.rule == it.rule && overlaps(d.range, range))
            .map(|(i, _)| i)
            .collect();
        acc.push(CodeAction {
            title: it.fix.title,
            kind: if attached.is_empty() {
                ActionKind::Refactor
            } else {
                ActionKind::QuickFix
            },
            edits: sorted(it.fix.edits),
            preferred: false,
            diagnostics: attached,
        });
    }
    acc
}

/// All safe fixes of the document whose edits do not overlap an earlier one's.
/// `None` when there is nothing to fix.
pub fn fix_all(analysis: &Analysis) -> Option<CodeAction> {
    let mut edits: Vec<Edit> = Vec::new();
    let mut diagnostics = Vec::new();
    for (i, d) in super::diagnostics(analysis).iter().enumerate() {
        for fix in d.fixes.iter().filter(|f| f.is_safe()) {
            let collides = fix
                .edits
                .iter()
                .any(|e| edits.iter().any(|taken| overlaps(taken.range, e.range)));
            if collides {
                continue;
            }
            edits.extend(fix.edits.iter().cloned());
            diagnostics.push(i);
            break; // one fix per diagnostic
        }
    }
    if edits.is_empty() {
        return None;
    }
    let n = diagnostics.len();
    let title = if n == 1 {
        "Fix 1 problem (safe fixes)".to_string()
    } else {
        format!("Fix all {n} problems (safe fixes)")
    };
    Some(CodeAction {
        title,
        kind: ActionKind::FixAll,
        edits: sorted(edits),
        preferred: false,
        diagnostics,
    })
}

pub(crate) fn sorted(mut edits: Vec<Edit>) -> Vec<Edit> {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Config;
    use crate::diagnostic::apply_edits;
    use crate::ide::test_utils::extract_offset;

    fn actions(fixture: &str) -> (String, Vec<CodeAction>) {
        let (text, offset) = extract_offset(fixture);
        let analysis = analyze(&text, Some("p.json"), &Config::default());
        (
            text,
            code_actions(&analysis, Catalog::builtin(), TextRange::empty(offset)),
        )
    }

    #[test]
    fn quick_fix_for_diagnostic_under_cursor() {
        let (text, res) = actions(
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "al$0low", "Action": "s3:GetObject", "Resource": "*"}]}"#,
        );
        assert_eq!(res.len(), 1, "{res:?}");
        assert_eq!(res[0].title, "Change to \"Allow\"");
        assert!(res[0].preferred);
        let fixed = apply_edits(&text, &res[0].edits);
        assert_eq!(fixed, text.replace("\"allow\"", "\"Allow\""));
        let again = analyze(&fixed, Some("p.json"), &Config::default());
        assert!(
            again.diagnostics.iter().all(|d| d.rule != "invalid-effect"),
            "{:?}",
            again.diagnostics
        );
    }

    #[test]
    fn nothing_away_from_diagnostics() {
        let (_, res) = actions(
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:Get$0Object", "Resource": "*"}]}"#,
        );
        assert_eq!(res, Vec::new());
    }

    #[test]
    fn fix_all_applies_every_safe_fix_once() {
        let text = r#"{"Version": "2012-10-18", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}, {"Effect": "deny", "Action": "s3:PutObject", "Resource": "*"}]}"#;
        let analysis = analyze(text, Some("p.json"), &Config::default());
        let all = fix_all(&analysis).expect("safe fixes");
        assert_eq!(all.kind, ActionKind::FixAll);
        assert_eq!(all.diagnostics.len(), 3, "{all:?}");
        let fixed = apply_edits(text, &all.edits);
        let again = analyze(&fixed, Some("p.json"), &Config::default());
        assert!(
            again
                .diagnostics
                .iter()
                .all(|d| d.fixes.iter().all(|f| !f.is_safe())),
            "{fixed}: {:?}",
            again.diagnostics
        );
        assert!(again.parse.errors.is_empty());
    }

    #[test]
    fn fix_all_none_when_clean_or_unsafe_only() {
        let clean = analyze(
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
            Some("p.json"),
            &Config::default(),
        );
        assert_eq!(fix_all(&clean), None);
        let old = analyze(
            r#"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
            Some("p.json"),
            &Config::default(),
        );
        assert_eq!(fix_all(&old), None);
    }
}

#[cfg(test)]
mod statement_tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Config;
    use crate::rules::governance::kms_no_root_admin::RULE as KMS_ROOT;

    const KEY: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}]}"#;

    #[test]
    fn statement_insertion_is_a_refactoring_away_from_its_diagnostic() {
        let analysis = analyze(KEY, Some("k.kms.json"), &Config::default());
        let res = code_actions(&analysis, Catalog::builtin(), TextRange::empty(0));
        let kinds: Vec<(ActionKind, &str)> =
            res.iter().map(|a| (a.kind, a.title.as_str())).collect();
        assert_eq!(
            kinds,
            vec![(
                ActionKind::Refactor,
                "Add an account-root administration statement for account 444455556666"
            )]
        );
    }

    #[test]
    fn statement_insertion_is_the_quick_fix_of_the_governance_diagnostic() {
        let analysis = analyze(KEY, Some("k.kms.json"), &Config::default());
        let (i, d) = crate::ide::diagnostics(&analysis)
            .iter()
            .enumerate()
            .find(|(_, d)| d.rule == KMS_ROOT.id)
            .expect("kms-no-root-admin");
        let res = code_actions(&analysis, Catalog::builtin(), d.range);
        let it = res
            .iter()
            .find(|a| a.title.starts_with("Add an account-root"))
            .unwrap();
        assert_eq!(it.kind, ActionKind::QuickFix);
        assert_eq!(it.diagnostics, vec![i]);
        let fixed = crate::diagnostic::apply_edits(KEY, &it.edits);
        let again = analyze(&fixed, Some("k.kms.json"), &Config::default());
        assert!(again.parse.errors.is_empty());
        assert!(
            again.diagnostics.iter().all(|d| d.rule != KMS_ROOT.id),
            "{fixed}"
        );
    }

    #[test]
    fn no_statement_insertion_when_the_key_is_administered() {
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:*", "Resource": "*"}]}"#;
        let analysis = analyze(text, Some("k.kms.json"), &Config::default());
        assert_eq!(
            code_actions(&analysis, Catalog::builtin(), TextRange::empty(0)),
            Vec::new()
        );
    }

    #[test]
    fn catalog_fixes_surface_as_quick_fixes() {
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceIp": "203.0.113.7"}}}]}"#;
        let analysis = analyze(text, Some("a.iam.json"), &Config::default());
        let at = text.find("aws:SourceIp").unwrap();
        let res = code_actions(&analysis, Catalog::builtin(), TextRange::empty(at));
        let titles: Vec<&str> = res.iter().map(|a| a.title.as_str()).collect();
        expect_test::expect![[r#"
            [
                "Change the operator to \"IpAddress\"",
            ]
        "#]]
        .assert_debug_eq(&titles);
    }
}

#[cfg(test)]
mod rule_fix_tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Config;
    use crate::diagnostic::apply_edits;

    /// Every rule fix surfaces as a quick fix on its diagnostic, and applying it
    /// leaves valid JSON without that diagnostic at that place.
    #[test]
    fn rule_fixes_surface_as_quick_fixes() {
        let text = r#"{"Version": "2012-10-17", "Statement": [
{"Sid": "read-logs", "Effect": "Allow", "Action": ["logs:GetLogEvents", "logs:Get*", "s4:GetObject"], "Resource": "*", "Conditon": {}},
{"Sid": "Dup", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEqual": {"aws:PrincipalAccount": "111122223333"}}},
{"Sid": "Dup", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIps": "203.0.113.0/24"}}}
]}"#;
        let analysis = analyze(text, Some("a.iam.json"), &Config::default());
        let mut seen = Vec::new();
        for (i, d) in crate::ide::diagnostics(&analysis).iter().enumerate() {
            if d.fixes.is_empty() {
                continue;
            }
            let actions = code_actions(&analysis, Catalog::builtin(), d.range);
            let mine: Vec<&CodeAction> = actions
                .iter()
                .filter(|a| a.diagnostics == vec![i] && a.kind == ActionKind::QuickFix)
                .collect();
            assert!(mine.len() >= d.fixes.len(), "{}: {actions:?}", d.rule);
            let fixed = apply_edits(text, &mine[0].edits);
            let again = analyze(&fixed, Some("a.iam.json"), &Config::default());
            assert!(again.parse.errors.is_empty(), "{}: {fixed}", d.rule);
            seen.push(d.rule);
        }
        let missing: Vec<&str> = [
            "invalid-sid",
            "redundant-action",
            "unknown-service",
            "unknown-element",
            "unknown-operator",
            "unknown-condition-key",
            "duplicate-sid",
        ]
        .into_iter()
        .filter(|rule| !seen.iter().any(|s| s == rule))
        .collect();
        assert_eq!(missing, Vec::<&str>::new(), "not fixed; fixed: {seen:?}");
    }
}
