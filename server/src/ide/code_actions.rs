//! Code actions: one quick fix per fix of the diagnostics at a range, and one
//! "fix all" action that applies every safe fix that does not collide with another.

use crate::analysis::Analysis;
use crate::diagnostic::Edit;
use crate::syntax::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
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
fn overlaps(a: TextRange, b: TextRange) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Quick fixes for the diagnostics overlapping `range`, in diagnostic order.
pub fn code_actions(analysis: &Analysis, range: TextRange) -> Vec<CodeAction> {
    let mut acc = Vec::new();
    for (i, d) in super::diagnostics(analysis).iter().enumerate() {
        if !overlaps(d.range, range) {
            continue;
        }
        for fix in &d.fixes {
            acc.push(CodeAction {
                title: fix.title.clone(),
                kind: ActionKind::QuickFix,
                edits: sorted(fix.edits.clone()),
                preferred: fix.safe,
                diagnostics: vec![i],
            });
        }
    }
    acc
}

/// All safe fixes of the document whose edits do not overlap an earlier one's.
/// `None` when there is nothing to fix.
pub fn fix_all(analysis: &Analysis) -> Option<CodeAction> {
    let mut edits: Vec<Edit> = Vec::new();
    let mut diagnostics = Vec::new();
    for (i, d) in super::diagnostics(analysis).iter().enumerate() {
        for fix in d.fixes.iter().filter(|f| f.safe) {
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

fn sorted(mut edits: Vec<Edit>) -> Vec<Edit> {
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
        (text, code_actions(&analysis, TextRange::empty(offset)))
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
        assert!(fixed.contains("\"Effect\": \"Allow\""), "{fixed}");
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
                .all(|d| d.fixes.iter().all(|f| !f.safe)),
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
