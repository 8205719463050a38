//! Policies embedded in other files: CloudFormation templates (YAML and JSON, SAM
//! included), Terraform (`.tf`) and `templatefile` JSON (`*.json.tpl`, `*.json.tftpl`).
//!
//! Each front end reads its host file into [`HNode`] trees: a fast one-pass reader for
//! files without syntax errors (`yaml_fast`, `json_fast`, `terraform::fast`) hands
//! anything else to tree-sitter (YAML, HCL) or to our tolerant JSON parser, which
//! recover and report the errors. The trees hold decoded values with their byte ranges
//! in the host file, strings as literal pieces and typed [`Hole`]s (an intrinsic
//! function or an interpolation). [`render`] turns one embedded policy into a plain JSON document, the
//! *virtual document*, that every rule, hover and completion reads unchanged, and a
//! [`render::SourceMap`] that carries each range in it back to the host file, down to the
//! byte inside an escaped or folded scalar.
//!
//! Why a virtual document rather than building the JSON tree with host ranges: the rules
//! and fixes read the document's text (sub-ranges inside strings, indentation, the bytes
//! a fix replaces), and that text must be JSON for them to stay right. One map, tested
//! once, keeps every rule exact in every host.

pub mod arns;
pub mod cfn;
mod json;
#[doc(hidden)]
pub mod json_fast;
pub mod map;
mod read_ahead;
pub mod render;
pub mod terraform;
pub mod tpl;
pub mod yaml;
#[doc(hidden)]
pub mod yaml_fast;
mod yaml_split;

pub use json::{from_json, json_in_string};
pub use map::OffsetMap;

use crate::model::DocKind;
use crate::syntax::{SyntaxError, TextRange};

/// One line of a place table (`server/data/cfn-policy-properties.txt`,
/// `server/data/terraform-policy-attributes.txt`): `type path kind [if Prop=Value]`.
pub(crate) struct PolicyPlace {
    pub resource_type: &'static str,
    /// Property or attribute names, `/`-separated in the table (`*` = every list item).
    pub path: Vec<&'static str>,
    pub kind: DocKind,
    /// Only when this property of the resource has this value.
    pub only_if: Option<(&'static str, &'static str)>,
}

/// Reads a place table; lines that do not parse are left out (the tables are ours and
/// tested through the front ends).
pub(crate) fn policy_places(table: &'static str) -> Vec<PolicyPlace> {
    table
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            let resource_type = w.next()?;
            let path = w.next()?.split('/').collect();
            let kind = DocKind::parse(w.next()?)?;
            let only_if = match (w.next(), w.next()) {
                (Some("if"), Some(cond)) => cond.split_once('='),
                _ => None,
            };
            Some(PolicyPlace {
                resource_type,
                path,
                kind,
                only_if,
            })
        })
        .collect()
}

/// For the tests that compare two readings of a file (`terraform::compare_fast_read`,
/// `yaml::compare_split_read`): `None` when the two dumps are the same, else the first
/// line where they part (or where the shorter ends) with a few lines around it in each.
pub(crate) fn first_difference((x, a): (&str, &str), (y, b): (&str, &str)) -> Option<String> {
    let at = match a.lines().zip(b.lines()).position(|(l, m)| l != m) {
        Some(at) => at,
        None if a.len() == b.len() => return None,
        None => a.lines().count().min(b.lines().count()),
    };
    let show = |d: &str| {
        d.lines()
            .skip(at.saturating_sub(6))
            .take(12)
            .collect::<Vec<_>>()
            .join("\n")
    };
    Some(format!(
        "{x} and {y} differ at line {at}\n{x}:\n{}\n{y}:\n{}",
        show(a),
        show(b)
    ))
}

/// For the tests that compare a fast reader's tree with its reference reader's
/// (`yaml::compare_fast_read`, `json_fast::compare_fast_read`): `Ok(true)` when they are
/// equal, else where their dumps part. The dumps are made only to show a difference.
pub(crate) fn same_tree(fast: HNode, (name, other): (&str, Option<HNode>)) -> Result<bool, String> {
    if other.as_ref() == Some(&fast) {
        return Ok(true);
    }
    let (a, b) = (format!("{:#?}", Some(fast)), format!("{other:#?}"));
    match first_difference(("fast", &a), (name, &b)) {
        None => Ok(true),
        Some(d) => Err(d),
    }
}

/// The languages that can carry policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    /// A CloudFormation (or SAM) template in JSON.
    CfnJson,
    /// A CloudFormation (or SAM) template in YAML.
    CfnYaml,
    /// A Terraform configuration file.
    Terraform,
    /// A policy template for Terraform's `templatefile` (`*.json.tpl`, `*.json.tftpl`).
    JsonTemplate,
}

impl HostKind {
    pub fn name(self) -> &'static str {
        match self {
            HostKind::CfnJson => "CloudFormation JSON",
            HostKind::CfnYaml => "CloudFormation YAML",
            HostKind::Terraform => "Terraform",
            HostKind::JsonTemplate => "JSON policy template",
        }
    }
}

/// Decides cheaply (no parse) whether a file is a host of policies, and which. A JSON or
/// YAML file is a CloudFormation template when it says so (`AWSTemplateFormatVersion`)
/// or has a `Resources` section with an `AWS::` type; other YAML and JSON is not.
pub fn host_kind(file_name: Option<&str>, text: &str) -> Option<HostKind> {
    let name = file_name.map(|n| {
        n.rsplit(['/', '\\'])
            .next()
            .unwrap_or(n)
            .to_ascii_lowercase()
    });
    let name = name.as_deref().unwrap_or("");
    if name.ends_with(".tf") {
        return Some(HostKind::Terraform);
    }
    if name.ends_with(".json.tpl") || name.ends_with(".json.tftpl") {
        return Some(HostKind::JsonTemplate);
    }
    let yaml = [".yaml", ".yml"].iter().any(|s| name.ends_with(s));
    let json = name.ends_with(".json");
    let template = name.ends_with(".template") || name.ends_with(".cfn");
    if !(yaml || json || template || name.is_empty()) {
        return None;
    }
    if !looks_like_template(text) {
        return None;
    }
    let first = text.trim_start_matches('\u{feff}').trim_start();
    if json || (!yaml && first.starts_with('{')) {
        Some(HostKind::CfnJson)
    } else {
        Some(HostKind::CfnYaml)
    }
}

/// Whether the file name is a YAML file's.
pub fn is_yaml_name(file_name: Option<&str>) -> bool {
    file_name.is_some_and(|n| {
        let n = n.to_ascii_lowercase();
        n.ends_with(".yaml") || n.ends_with(".yml")
    })
}

/// `AWSTemplateFormatVersion`, a SAM transform, or `Resources` with an `AWS::` type.
fn looks_like_template(text: &str) -> bool {
    if text.contains("AWSTemplateFormatVersion") || text.contains("AWS::Serverless-2016-10-31") {
        return true;
    }
    text.contains("Resources") && (text.contains("\"AWS::") || text.contains(" AWS::"))
}

/// A value of the host language, decoded, with its range in the host file.
#[derive(Clone, Debug, PartialEq)]
pub struct HNode {
    pub range: TextRange,
    pub value: HValue,
}

#[derive(Clone, Debug, PartialEq)]
pub enum HValue {
    Object(Vec<HMember>),
    Array(Vec<HNode>),
    Str(HStr),
    /// The number's text as written.
    Number(String),
    Bool(bool),
    Null,
    /// One of several values, decided when the template is deployed (CloudFormation
    /// `Fn::If`, a Terraform conditional). In a list each branch is an item; elsewhere
    /// the document is checked once per branch.
    Choice(Vec<HNode>),
    /// Nothing at all (`AWS::NoValue`): dropped from lists and objects.
    Absent,
    /// A value that cannot be analysed, with the reason in words. Reported once as an
    /// information-level `not-analysed` finding; never guessed at.
    Opaque(String),
    /// Not a value (the host parser could not read it; its error says why).
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HMember {
    pub key: HStr,
    /// The key as written (quotes included).
    pub key_range: TextRange,
    pub value: Option<HNode>,
}

/// How a scalar is written in the host: quick fixes write replacements the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quote {
    /// YAML plain scalar, HCL identifier or object key without quotes.
    Plain,
    /// YAML `'...'`.
    Single,
    /// YAML `"..."` (YAML escapes).
    Double,
    /// JSON `"..."` (JSON escapes).
    Json,
    /// HCL `"..."` (HCL escapes; `${` must be written `$${`).
    Hcl,
    /// A YAML block scalar or a heredoc: not rewritten by fixes.
    Block,
}

/// A string made of literal text and holes.
#[derive(Clone, Debug, PartialEq)]
pub struct HStr {
    pub pieces: Vec<Piece>,
    pub quote: Quote,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Decoded text and where each of its bytes is in the host file.
    Text {
        text: String,
        map: OffsetMap,
    },
    Hole(Hole),
}

/// A value only known when the template is deployed.
#[derive(Clone, Debug, PartialEq)]
pub struct Hole {
    /// The intrinsic or interpolation in the host file.
    pub range: TextRange,
    /// A short name for it, shown in the virtual document as `${name}`:
    /// `AWS::AccountId`, `Bucket.Arn`, `var.bucket`, `aws_s3_bucket.b.arn`.
    pub name: String,
    pub kind: HoleKind,
}

/// What is known about a hole's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HoleKind {
    /// The account id (`AWS::AccountId`, `data.aws_caller_identity.x.account_id`).
    AccountId,
    Region,
    /// The partition (`aws`, `aws-cn`, `aws-us-gov`).
    Partition,
    /// The ARN of a resource of a known type (`!GetAtt Queue.Arn`, `aws_sqs_queue.q.arn`):
    /// the CloudFormation or Terraform resource type.
    Arn(String),
    /// Anything else (a parameter, a variable, a resource's name or id).
    Value,
}

impl HStr {
    /// A string without holes.
    pub fn literal(text: String, map: OffsetMap, quote: Quote) -> HStr {
        HStr {
            pieces: vec![Piece::Text { text, map }],
            quote,
        }
    }
    /// The text when there are no holes.
    pub fn as_literal(&self) -> Option<&str> {
        match self.pieces.as_slice() {
            [] => Some(""),
            [Piece::Text { text, .. }] => Some(text),
            _ => None,
        }
    }
    /// The text with each hole written `${name}`.
    pub fn display(&self) -> String {
        let mut s = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text { text, .. } => s.push_str(text),
                Piece::Hole(h) => {
                    s.push_str("${");
                    s.push_str(&h.name);
                    s.push('}');
                }
            }
        }
        s
    }
}

impl HNode {
    pub fn new(range: TextRange, value: HValue) -> HNode {
        HNode { range, value }
    }
    pub fn as_object(&self) -> Option<&[HMember]> {
        match &self.value {
            HValue::Object(m) => Some(m),
            _ => None,
        }
    }
    /// The literal text of a string without holes.
    pub fn as_literal(&self) -> Option<&str> {
        match &self.value {
            HValue::Str(s) => s.as_literal(),
            _ => None,
        }
    }
    /// The member named `name` (the last one when repeated).
    pub fn get(&self, name: &str) -> Option<&HMember> {
        self.as_object()?
            .iter()
            .rev()
            .find(|m| m.key.as_literal() == Some(name))
    }
    pub fn get_value(&self, name: &str) -> Option<&HNode> {
        self.get(name)?.value.as_ref()
    }
    /// [`HNode::get`], to change.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut HMember> {
        match &mut self.value {
            HValue::Object(ms) => ms
                .iter_mut()
                .rev()
                .find(|m| m.key.as_literal() == Some(name)),
            _ => None,
        }
    }
    pub fn get_value_mut(&mut self, name: &str) -> Option<&mut HNode> {
        self.get_mut(name)?.value.as_mut()
    }
}

/// One policy found in a host file.
#[derive(Clone, Debug, PartialEq)]
pub struct Embedded {
    pub root: HNode,
    /// The kind the host says (from the property or attribute that holds the policy).
    pub kind: Option<DocKind>,
    /// Where it is, for messages and symbols: `Resources.Role.AssumeRolePolicyDocument`,
    /// `data.aws_iam_policy_document.read`.
    pub name: String,
    /// The key of the property or attribute that holds it.
    pub anchor: TextRange,
    /// The policy applies to the resource that holds it, which it must not name: an ECR
    /// repository policy has no `Resource` (see [`resource_is_implied`]).
    pub implied_resource: bool,
}

/// Whether the policies this resource type holds apply to it without naming it: ECR
/// repository policies (private, public and creation templates) have no `Resource`
/// element. CloudFormation or Terraform resource type.
pub fn resource_is_implied(resource_type: &str) -> bool {
    matches!(
        resource_type,
        "AWS::ECR::Repository"
            | "AWS::ECR::PublicRepository"
            | "AWS::ECR::RepositoryCreationTemplate"
            | "aws_ecr_repository_policy"
            | "aws_ecrpublic_repository_policy"
            | "aws_ecr_repository_creation_template"
    )
}

/// A host file read for its policies.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HostParse {
    pub policies: Vec<Embedded>,
    /// The host's syntax errors (host ranges).
    pub errors: Vec<SyntaxError>,
    /// Parts that hold a policy but cannot be analysed (host range, why).
    pub not_analysed: Vec<(TextRange, String)>,
}

/// Reads `text` as a host of the given kind; `None` when a JSON file turns out not to
/// be a template (a policy that mentions CloudFormation types).
pub fn parse(kind: HostKind, text: &str) -> Option<HostParse> {
    Some(match kind {
        HostKind::CfnJson => {
            if let Some(root) = json_fast::parse(text) {
                return is_cfn_json(&root).then(|| cfn::policies(root));
            }
            let parse = crate::syntax::parse(text);
            let root = parse.root.as_ref().map(|r| from_json(r, text));
            let template = match &root {
                Some(root) => is_cfn_json(root),
                None => text.contains("AWSTemplateFormatVersion"),
            };
            if !template {
                return None;
            }
            let mut res = root.map(cfn::policies).unwrap_or_default();
            res.errors.extend(parse.errors);
            res
        }
        HostKind::CfnYaml => {
            let (root, errors) = yaml::parse(text);
            let mut res = root.map(cfn::policies).unwrap_or_default();
            res.errors.extend(errors);
            res
        }
        HostKind::Terraform => terraform::parse(text),
        HostKind::JsonTemplate => tpl::parse(text),
    })
}

/// A CloudFormation JSON template has `AWSTemplateFormatVersion` or `Resources` at the
/// top, and is not itself a policy.
fn is_cfn_json(root: &HNode) -> bool {
    if root.get("Statement").is_some() {
        return false;
    }
    root.get("AWSTemplateFormatVersion").is_some()
        || root
            .get_value("Resources")
            .is_some_and(|v| v.as_object().is_some())
}
