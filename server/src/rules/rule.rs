//! What a rule is: its metadata, documentation, examples and fixes, declared once in the
//! rule's own file as `pub static RULE: Rule` and listed in [`super::RULES`].

use super::security::Allow;
use super::RuleCtx;
use crate::catalog::Catalog;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::model::{DocKind, Policy, Statement};
use crate::syntax::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Syntax,
    Structure,
    Correctness,
    Security,
    Suspicious,
    Style,
    Governance,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Structure => "structure",
            Category::Correctness => "correctness",
            Category::Security => "security",
            Category::Suspicious => "suspicious",
            Category::Style => "style",
            Category::Governance => "governance",
        }
    }
}

/// What the notes say about the risk a rule guards against: the topic to look up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotesTopic {
    Service(&'static str),
    Action(&'static str),
    Key(&'static str),
}

/// One rule. Ids are kebab-case, stable and never reused; the file holding the rule is
/// `rules/<group>/<id with underscores>.rs`.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub category: Category,
    /// The default level; `[rules]` in the config changes it.
    pub severity: Severity,
    /// IAM Access Analyzer `ValidatePolicy` issue codes this rule corresponds to.
    pub access_analyzer: &'static [&'static str],
    /// Parliament finding ids this rule corresponds to.
    pub parliament: &'static [&'static str],
    pub summary: &'static str,
    /// Markdown: why it matters and how to fix it.
    pub docs: &'static str,
    /// The file name the examples are checked under (it decides the document kind).
    pub example_file: &'static str,
    /// A document the rule reports (its tests check that it does).
    pub avoid: &'static str,
    /// The same document written so that the rule is silent.
    pub prefer: &'static str,
    /// Where the analysis runs the rule: [`super::run`] calls each hook for every
    /// document, statement or Allow statement. A rule reported from a [`Walk`] is one of
    /// several related rules whose walk decides which applies.
    pub checks: &'static [Check],
    /// What `explain` looks up in the notes.
    pub notes_topics: &'static [NotesTopic],
    /// The applicability of the rule's fix, if it has one.
    pub fix: Option<Applicability>,
    /// A fix built when the editor asks for code actions rather than with every finding
    /// (it restructures the document or needs more than the finding's range).
    pub build_fix: Option<BuildFix>,
    /// A statement the rule offers to add to the document, whether or not the cursor
    /// is on one of its findings (a quick fix of the finding when it is, else a
    /// refactoring).
    pub insert_statement: Option<InsertStatement>,
}

/// Where a rule's findings come from.
#[derive(Clone, Copy)]
pub enum Check {
    /// Called once per document (also when it has no policy view: the root is not an
    /// object).
    Document(fn(&RuleCtx<'_>, &mut Vec<Diagnostic>)),
    /// Called once per statement.
    Statement(fn(&RuleCtx<'_>, &Statement<'_>, &mut Vec<Diagnostic>)),
    /// Called once per statement whose Effect is Allow, with what the security rules
    /// read of it worked out once.
    Allow(fn(&RuleCtx<'_>, &Allow<'_, '_>, &mut Vec<Diagnostic>)),
    /// Reported from a walk shared by related rules, which decides between them (one
    /// finding per action value, per ARN, per principal, per condition entry).
    Walk(Walk),
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Check::Document(_) => f.write_str("Document"),
            Check::Statement(_) => f.write_str("Statement"),
            Check::Allow(_) => f.write_str("Allow"),
            Check::Walk(w) => write!(f, "Walk({w:?})"),
        }
    }
}

/// The walks that report for several rules, each in the module named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Walk {
    /// The JSON parser (`syntax`): syntax errors and duplicate keys.
    Parser,
    /// The host readers (`hosts`): YAML and HCL syntax, parts not analysed.
    Host,
    /// JSON Schema validation (`rules::schema`), on documents the schema refuses.
    Schema,
    /// Each Action / NotAction value (`rules::actions`).
    Actions,
    /// Each Resource / NotResource value (`rules::resources`).
    Resources,
    /// Each principal (`rules::principals`).
    Principals,
    /// Each condition entry and value (`rules::conditions`).
    Conditions,
    /// Each string holding a policy variable (`rules::variables`).
    Variables,
    /// The document kind's service scope (`rules::policy_service`).
    PolicyService,
}

/// What a fix built on request reads: the document's text, its policy and the catalog.
pub struct FixCtx<'a> {
    pub text: &'a str,
    pub catalog: &'a Catalog,
    pub policy: &'a Policy<'a>,
}

/// Builds the fix for the finding at `range`, if one applies there.
pub type BuildFix = fn(ctx: &FixCtx<'_>, range: TextRange) -> Option<Fix>;

/// What a statement insertion reads: the document's text, kind and policy, and
/// whether the rule reported a finding in it.
pub struct InsertCtx<'a> {
    pub text: &'a str,
    pub kind: DocKind,
    pub policy: &'a Policy<'a>,
    pub reported: bool,
}

/// Builds the fix that inserts the rule's statement, if the document should have it.
pub type InsertStatement = fn(ctx: &InsertCtx<'_>) -> Option<Fix>;

impl Rule {
    /// A finding of this rule with its default severity (the config is applied later).
    pub fn diag(&'static self, range: TextRange, message: String) -> Diagnostic {
        Diagnostic {
            rule: self.id,
            severity: self.severity,
            range,
            message,
            fixes: Vec::new(),
        }
    }

    /// The examples and the fix as Markdown, for `explain`.
    pub fn examples_markdown(&self) -> String {
        let lang = match self.example_file.rsplit('.').next() {
            Some("yaml" | "yml") => "yaml",
            Some("tf") => "hcl",
            _ => "json",
        };
        let mut s = String::new();
        if !self.avoid.is_empty() {
            s.push_str(&format!(
                "\n\n## Avoid\n\n```{lang}\n{}\n```\n\n## Prefer\n\n```{lang}\n{}\n```",
                self.avoid.trim_end(),
                self.prefer.trim_end()
            ));
        }
        s.push_str(&format!(
            "\n\n- Fix: {}",
            match self.fix {
                None => "none",
                Some(Applicability::Safe) => "safe (applied by the editor's fix-all)",
                Some(Applicability::Unsafe) => {
                    "unsafe (changes what is granted; offered as a code action only)"
                }
                Some(Applicability::DisplayOnly) => "display only (shown, never applied)",
            }
        ));
        s
    }
}
