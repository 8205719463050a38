//! One analysis of one document: parse → lower → kind → checks. Pure and synchronous.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::hosts;
use crate::model::{self, detect_kind, KindInfo, Policy};
use crate::rules::{self, RuleCtx};
use crate::syntax::{self, LineIndex, Parse};

mod host;
use host::finish_host;
pub use host::{EmbeddedAnalysis, HostAnalysis};

/// Everything the IDE features and the CLI need about one document version.
pub struct Analysis {
    pub text: String,
    pub parse: Parse,
    pub line_index: LineIndex,
    pub kind: KindInfo,
    /// Sorted by range, then rule id; filtered and leveled by the config.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the document is a policy: its name says so (a kind suffix such as
    /// `.iam.json`, or a `[kinds]` glob of the config), or its content looks like one
    /// (a top-level Statement or Version). The language server also keeps a document
    /// that was a policy earlier in the session one while it is open.
    pub is_policy: bool,
    /// Findings turned off by an `[[ignore]]` entry, with the entry's reason.
    pub suppressed: Vec<(Diagnostic, String)>,
    /// For a CloudFormation template, a Terraform file or a JSON policy template: the
    /// policies in it, each analysed as a virtual JSON document (`parse` is then empty
    /// and `diagnostics` holds every policy's findings in host ranges).
    pub host: Option<Box<HostAnalysis>>,
}

impl Analysis {
    pub fn policy(&self) -> Option<Policy<'_>> {
        self.parse.root.as_ref().and_then(model::lower)
    }
}

/// Analyzes `text`. `file_name` drives kind detection by naming convention and config globs.
pub fn analyze(text: &str, file_name: Option<&str>, config: &Config) -> Analysis {
    analyze_owned(text.to_string(), file_name, config)
}

/// [`analyze`] of a text the caller gives away (kept in [`Analysis::text`], not copied).
pub fn analyze_owned(owned: String, file_name: Option<&str>, config: &Config) -> Analysis {
    analyze_keeping(owned, file_name, config, Keep::Everything)
}

/// What an analysis keeps of a host file's policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Each policy's own analysis, for hover, completion, fixes and symbols.
    Everything,
    /// Only the findings (`check`): each policy's analysis is dropped as soon as its
    /// findings are carried to the host, so a template with thousands of policies does
    /// not hold them all (about a third of a big template's time was the kernel zeroing
    /// fresh pages).
    Findings,
}

/// [`analyze_owned`], keeping of a host file's policies what `keep` says.
pub fn analyze_keeping(
    owned: String,
    file_name: Option<&str>,
    config: &Config,
    keep: Keep,
) -> Analysis {
    if let Some(kind) = hosts::host_kind(file_name, &owned) {
        if let Some(a) =
            crate::analysis::host::analyze(owned.as_str(), kind, file_name, config, keep)
        {
            return finish_host(owned, a, config, file_name);
        }
    }
    if hosts::is_yaml_name(file_name) {
        // YAML that is not a template (a workflow, a manifest): nothing to check, and
        // no feature may treat it as a JSON policy being typed.
        return host::not_a_template(owned);
    }
    analyze_policy(owned, file_name, config, &Overrides::default())
}

/// What a host front end tells the analysis of one of its policies.
#[derive(Default)]
pub(crate) struct Overrides {
    /// The kind from the property or attribute that holds the policy.
    pub kind: Option<(model::DocKind, String)>,
}

/// Analyzes a JSON policy document.
pub(crate) fn analyze_policy(
    owned: String,
    file_name: Option<&str>,
    config: &Config,
    over: &Overrides,
) -> Analysis {
    let text = owned.as_str();
    let mut parse = syntax::parse(text);
    let line_index = LineIndex::new(text);
    let explicit = over.kind.clone().or_else(|| config.kind_for(file_name));
    // `--kind` (forced for every file) says how to check a file, not that it is a policy.
    let named = (explicit.is_some() && config.forced_kind.is_none())
        || file_name.is_some_and(model::has_policy_suffix);
    // An explicit kind needs no look at the content.
    let kind = match explicit {
        Some(e) => detect_kind(Some(e), file_name, None),
        None => detect_kind(
            None,
            file_name,
            parse.root.as_ref().and_then(model::lower).as_ref(),
        ),
    };
    // Before the rules borrow the tree: the check lends the tree's strings to the
    // schema validator (see `schema::is_valid`). Only the schema's findings on a
    // document it refuses are looked for later. A document with syntax errors is not
    // checked against the schema (its tree is a guess).
    let schema_refused = parse.errors.is_empty()
        && parse
            .root
            .as_mut()
            .is_some_and(|root| !crate::schema::is_valid(kind.kind, root));
    let parse = parse;
    let policy = parse.root.as_ref().and_then(model::lower);
    let is_policy = named
        || parse
            .root
            .as_ref()
            .is_some_and(|r| r.get("Statement").is_some() || r.get("Version").is_some());
    let catalog = config.catalog();
    let ctx = RuleCtx {
        catalog,
        text,
        parse: &parse,
        policy: policy.as_ref(),
        kind: &kind,
        config,
        line_index: &line_index,
    };
    let mut acc = Vec::new();
    syntax_diagnostics(&ctx, &mut acc);
    rules::run(&ctx, &mut acc);
    if schema_refused {
        if let Some(root) = parse.root.as_ref() {
            rules::schema::validate(&ctx, root, &mut acc);
        }
    }
    let (diagnostics, suppressed) = finish(acc, config, file_name, &ctx);
    drop(policy);
    Analysis {
        text: owned,
        parse,
        line_index,
        kind,
        diagnostics,
        is_policy,
        suppressed,
        host: None,
    }
}

fn syntax_diagnostics(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    for e in &ctx.parse.errors {
        acc.push(ctx.diag(
            &crate::rules::syntax::json_syntax::RULE,
            e.range,
            e.message.clone(),
        ));
    }
    for (first, dup) in &ctx.parse.duplicate_keys {
        let key = ctx.text.get(dup.as_range()).unwrap_or("key");
        let line = ctx.line_of(first.start as usize) + 1;
        acc.push(ctx.diag(
            &crate::rules::syntax::duplicate_key::RULE,
            *dup,
            format!(
                "{key} is already set on line {line}: only one of them takes effect, merge them"
            ),
        ));
    }
}

/// Applies config levels and suppressions, sorts, and removes duplicates (same rule and range).
fn finish(
    mut acc: Vec<Diagnostic>,
    config: &Config,
    file_name: Option<&str>,
    ctx: &RuleCtx<'_>,
) -> (Vec<Diagnostic>, Vec<(Diagnostic, String)>) {
    acc.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    acc.dedup_by(|a, b| a.rule == b.rule && a.range == b.range);
    let mut suppressed = Vec::new();
    let mut res = Vec::with_capacity(acc.len());
    for mut d in acc {
        match crate::rules::level(config, d.rule) {
            Some(None) => continue,
            Some(Some(sev)) => d.severity = sev,
            None => {}
        }
        if !config.ignores.is_empty() {
            let sid = ctx
                .policy
                .and_then(|p| {
                    p.statements
                        .iter()
                        .find(|s| s.node.range.contains(d.range.start as usize))
                })
                .and_then(|s| model::value(s.sid))
                .and_then(crate::syntax::Node::as_str);
            if let Some(ig) = crate::rules::suppression(config, d.rule, file_name, sid) {
                let why = if ig.reason.is_empty() {
                    "ignored in the config".to_string()
                } else {
                    ig.reason.clone()
                };
                suppressed.push((d, why));
                continue;
            }
        }
        res.push(d);
    }
    (res, suppressed)
}
