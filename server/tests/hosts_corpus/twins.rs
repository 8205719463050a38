//! YAML and JSON twins of a template give the same findings.

use super::{config, host_files, pypi_package, real_cloudformation, CFN_LINT};
use policy_lsp::analysis::{analyze, Analysis};
use policy_lsp::hosts::HostKind;
use policy_lsp::{hosts, syntax};
use std::collections::BTreeSet;

/// The name of the policy of `a` that holds host offset `at`, or `-`.
fn policy_at(a: &Analysis, at: usize) -> String {
    let Some(host) = a.host.as_ref() else {
        return "-".into();
    };
    host.policies
        .iter()
        .filter(|p| p.range.touches(at))
        .min_by_key(|p| p.range.len())
        .map_or_else(|| "-".into(), |p| p.name.clone())
}

/// The findings of a template as (rule, policy, message).
fn findings(path: &str, text: &str) -> BTreeSet<(String, String, String)> {
    let a = analyze(text, Some(path), &config());
    assert!(a.host.is_some(), "{path} is not read as a template");
    a.diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.to_string(),
                policy_at(&a, d.range.start as usize),
                d.message.clone(),
            )
        })
        .collect()
}

/// A JSON document written as block-style YAML: every key and string double-quoted with
/// its JSON escapes (valid YAML escapes), scalars as written.
fn json_to_yaml(text: &str) -> String {
    fn scalar(text: &str, n: &syntax::Node) -> String {
        text[n.range.as_range()].to_string()
    }
    fn value(text: &str, n: &syntax::Node, indent: usize, out: &mut String) {
        match &n.value {
            syntax::Value::Object(o) if !o.members.is_empty() => {
                for m in &o.members {
                    out.push('\n');
                    out.push_str(&" ".repeat(indent));
                    out.push_str(&text[m.key.range.as_range()]);
                    out.push(':');
                    if let Some(v) = &m.value {
                        value(text, v, indent + 2, out);
                    }
                }
            }
            syntax::Value::Array(a) if !a.items.is_empty() => {
                for it in &a.items {
                    out.push('\n');
                    out.push_str(&" ".repeat(indent));
                    out.push('-');
                    value(text, it, indent + 2, out);
                }
            }
            syntax::Value::Object(_) => out.push_str(" {}"),
            syntax::Value::Array(_) => out.push_str(" []"),
            _ => {
                out.push(' ');
                out.push_str(&scalar(text, n));
            }
        }
    }
    let p = syntax::parse(text);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let mut out = String::new();
    value(text, p.root.as_ref().expect("root"), 0, &mut out);
    out.push('\n');
    out.trim_start().to_string()
}

#[test]
fn yaml_and_json_twins_give_the_same_findings() {
    let public = pypi_package(CFN_LINT).join("test/fixtures/templates/public");
    let read = |name: &str| std::fs::read_to_string(public.join(name)).expect("twin");
    let (yaml, json) = (read("lambda-poller.yaml"), read("lambda-poller.json"));
    let fy = findings("lambda-poller.yaml", &yaml);
    let fj = findings("lambda-poller.json", &json);
    assert_eq!(fy, fj);
    let names = |kind, text: &str| -> Vec<String> {
        hosts::parse(kind, text)
            .unwrap_or_default()
            .policies
            .into_iter()
            .map(|e| e.name)
            .collect()
    };
    let policies = names(HostKind::CfnYaml, &yaml);
    assert_eq!(policies.len(), 4, "{policies:?}");
    assert_eq!(policies, names(HostKind::CfnJson, &json));
}

/// Every JSON template of the corpora, written as YAML: the same findings.
#[test]
#[allow(clippy::print_stderr)]
fn json_templates_written_as_yaml_give_the_same_findings() {
    let templates = pypi_package(CFN_LINT).join("test/fixtures/templates");
    let mut n = 0;
    let files = host_files(&templates)
        .into_iter()
        .chain(real_cloudformation().files.iter().cloned());
    for (path, text) in files {
        if hosts::host_kind(Some(&path), &text) != Some(HostKind::CfnJson)
            || !syntax::parse(&text).errors.is_empty()
            || hosts::parse(HostKind::CfnJson, &text).is_none_or(|p| p.policies.is_empty())
        {
            continue;
        }
        n += 1;
        let yaml = json_to_yaml(&text);
        let yaml_path = path.replace(".json", ".yaml");
        assert_eq!(
            findings(&path, &text),
            findings(&yaml_path, &yaml),
            "{path}\n{yaml}"
        );
    }
    eprintln!("{n} JSON templates with policies written as YAML");
    assert!(n >= 3, "{n} JSON templates with policies");
}
