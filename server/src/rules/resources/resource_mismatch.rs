//! `resource-mismatch`: No resource of the statement fits an action's resource types.

use crate::catalog::has_wildcard;
use crate::diagnostic::json_edit::{append_items, json_str};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::diagnostic::{Edit, Fix};
use crate::model;
use crate::model::{DocKind, Effect, Statement, StrValue};
use crate::rules::FixCtx;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};
use crate::syntax::TextRange;
use crate::syntax::Value;
use std::collections::BTreeSet;

pub static RULE: Rule = Rule {
    id: "resource-mismatch",
    category: Category::Correctness,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &["RESOURCE_MISMATCH"],
    summary: "No resource of the statement fits an action's resource types",
    docs: "Each action applies to specific resource types: `s3:GetObject` to objects (`arn:aws:s3:::bucket/*`), \
`s3:ListBucket` to buckets (`arn:aws:s3:::bucket`). When none of the statement's resources is of a type the action \
accepts, the action is granted on nothing (in a Deny: the Deny matches nothing for it). The message names the \
resource types the action needs; split the statement or add the right ARN. In an S3 bucket policy this is an error: \
S3 rejects the policy (MalformedPolicy, \"Action does not apply to any resource(s) in statement\").",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"]}]}"#,
    checks: &[Check::Walk(Walk::Resources)],
    notes_topics: &[],
    fix: Some(Applicability::Unsafe),
    build_fix: Some(fix),
    insert_statement: None,
};

/// The fix the IDE builds on request.
pub(crate) fn fix(ctx: &FixCtx<'_>, range: TextRange) -> Option<Fix> {
    let (text, catalog, policy) = (ctx.text, ctx.catalog, ctx.policy);
    let (st, action) = policy.statements.iter().find_map(|st| {
        let (values, is_not) = st.action_values();
        if is_not {
            return None;
        }
        values
            .into_iter()
            .find(|v| v.range() == range)
            .map(|v| (st, v))
    })?;
    let (prefix, name) = action.text.split_once(':')?;
    if !prefix.eq_ignore_ascii_case("s3") || has_wildcard(name) {
        return None;
    }
    let act = catalog.action(prefix, name)?;
    if !act
        .resource_types
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("object"))
    {
        return None;
    }
    let resources = model::strings(st.resource);
    let mut add: Vec<String> = Vec::new();
    for r in &resources {
        let Some(bucket) = s3_bucket_arn(r.text) else {
            continue;
        };
        if bucket.len() != r.text.len() {
            continue; // an object ARN already
        }
        let objects = format!("{bucket}/*");
        if !resources.iter().any(|o| o.text == objects) && !add.contains(&objects) {
            add.push(objects);
        }
    }
    if add.is_empty() {
        return None;
    }
    let value = model::value(st.resource)?;
    let items: Vec<String> = add.iter().map(|s| json_str(s)).collect();
    let edit = match &value.value {
        Value::String(_) => Edit {
            range: value.range,
            text: format!(
                "[{}, {}]",
                text.get(value.range.as_range())?,
                items.join(", ")
            ),
        },
        Value::Array(_) => append_items(text, value, &items)?,
        _ => return None,
    };
    let title = if add.len() == 1 {
        format!(
            "Add \"{}\" to Resource (grants on the bucket's objects)",
            add[0]
        )
    } else {
        format!("Add the object ARNs {} to Resource", add.join(", "))
    };
    Some(Fix {
        title,
        edits: vec![edit],
        applicability: Applicability::Unsafe,
    })
}

/// `arn:partition:s3:::bucket` for an S3 bucket or object ARN naming one bucket.
pub(crate) fn s3_bucket_arn(arn: &str) -> Option<&str> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    if parts.len() != 6
        || parts[0] != "arn"
        || parts[2] != "s3"
        || !parts[3].is_empty()
        || !parts[4].is_empty()
    {
        return None;
    }
    let bucket = parts[5].split('/').next()?;
    if bucket.is_empty() || has_wildcard(bucket) || bucket.contains("${") {
        return None;
    }
    let end = arn.len() - parts[5].len() + bucket.len();
    Some(&arn[..end])
}

pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    all: &[StrValue<'_>],
    arns: &[StrValue<'_>],
    acc: &mut Vec<Diagnostic>,
) {
    if arns.is_empty() || arns.len() != all.len() {
        return; // `*` (or something unparsable) is among the resources: anything fits
    }
    let (actions, is_not) = st.action_values();
    if is_not
        || actions.iter().any(|a| {
            a.text == "*"
                || crate::catalog::split_colon(a.text).is_none_or(|(p, _)| has_wildcard(p))
        })
    {
        return;
    }
    let kind = ctx.kind.kind;
    let mut types = TypeCache {
        catalog: ctx.catalog,
        memo: arns.iter().map(|_| Vec::new()).collect(),
    };
    // Exact, known actions with resource types.
    let mut exact = Vec::new();
    let mut services = BTreeSet::new();
    for a in &actions {
        let Some((p, n)) = crate::catalog::split_colon(a.text) else {
            continue;
        };
        services.insert(p.to_ascii_lowercase());
        if has_wildcard(n) {
            continue;
        }
        if let (Some(svc), Some(act)) = (ctx.catalog.service(p), ctx.catalog.action(p, n)) {
            if !act.resource_types.is_empty() {
                exact.push((a, svc, act));
            }
        }
    }
    // Each exact action needs at least one resource of a type it accepts.
    for (a, svc, act) in &exact {
        let fits = arns
            .iter()
            .enumerate()
            .any(|(i, r)| types.accepts(svc, act, i, r.text));
        if fits {
            continue;
        }
        // Another service's action in a bucket or key policy: unsupported-action-in-policy.
        if (kind == DocKind::S3Bucket && svc.prefix != "s3")
            || (kind == DocKind::KmsKey && svc.prefix != "kms")
        {
            continue;
        }
        acc.push(unfit_action(ctx, st, a, svc, act));
    }
    // In bucket and key policies a resource of another service is reported by
    // unsupported-resource-in-policy.
    if matches!(kind, DocKind::S3Bucket | DocKind::KmsKey) {
        return;
    }
    // Each resource should be of a service the actions belong to, or of a type one accepts.
    for (i, r) in arns.iter().enumerate() {
        let Some(rs) = r.text.split(':').nth(2) else {
            continue;
        };
        if has_wildcard(rs) || services.contains(rs) {
            continue;
        }
        let used = exact
            .iter()
            .any(|(_, svc, act)| types.accepts(svc, act, i, r.text));
        if !used && exact.len() == actions.len() {
            let list: Vec<&str> = services.iter().map(String::as_str).collect();
            acc.push(ctx.diag(&RULE, r.range(), format!("no action of this statement applies to {rs} resources (the actions are for {})", list.join(", "))));
        }
    }
}

/// The finding for an exact action none of whose resource types the statement names.
fn unfit_action(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    a: &StrValue<'_>,
    svc: &crate::catalog::Service,
    act: &crate::catalog::Action,
) -> Diagnostic {
    let needs: Vec<String> = act
        .resource_types
        .iter()
        .filter_map(|(n, _)| {
            svc.resource_type(n).map(|rt| {
                format!(
                    "{} ({})",
                    rt.name,
                    rt.arn_formats.first().map_or("", String::as_str)
                )
            })
        })
        .take(3)
        .collect();
    let what = format!(
        "{}:{} applies to {}; none of the statement's resources is one",
        svc.prefix,
        act.name,
        needs.join(" or ")
    );
    if ctx.kind.kind == DocKind::S3Bucket {
        // S3 checks this when the policy is put: "Action does not apply to any
        // resource(s) in statement" (MalformedPolicy).
        let mut d = ctx.diag(
            &RULE,
            a.range(),
            format!("{what}: S3 rejects this bucket policy (MalformedPolicy: the action does not apply to any resource in the statement)"),
        );
        d.severity = Severity::Error;
        d
    } else if st.effect() == Some(Effect::Deny) {
        ctx.diag(
            &RULE,
            a.range(),
            format!("{what}, so this Deny matches nothing for it"),
        )
    } else {
        ctx.diag(
            &RULE,
            a.range(),
            format!("{what}, so it is granted on nothing"),
        )
    }
}

/// Resource types an ARN also stands for beyond its documented formats:
///
/// - a qualified Lambda function ARN (`function:NAME:$LATEST`, `:ALIAS`, `:3`) is the
///   function for every action on functions ("Resources and conditions for Lambda
///   actions", AWS Lambda Developer Guide, https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html,
///   which allows qualified ARNs wherever the function is the resource);
/// - an S3 Multi-Region Access Point ARN (`arn:aws:s3::ACCOUNT:accesspoint/ALIAS.mrap`,
///   with `/object/KEY` for objects) is an access point, and its object form an object
///   ("Multi-Region Access Point permissions", Amazon S3 User Guide,
///   https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPointPermissions.html).
pub(crate) fn qualified_types(service: &str, arn: &str, found: &[&str]) -> Vec<&'static str> {
    let mut extra = Vec::new();
    match service {
        "lambda" => {
            let qualified = found.iter().any(|n| {
                n.eq_ignore_ascii_case("function alias")
                    || n.eq_ignore_ascii_case("function version")
            }) || arn
                .splitn(6, ':')
                .nth(5)
                .is_some_and(|r| r.starts_with("function:") && r.matches(':').count() == 2);
            if qualified {
                extra.push("function");
            }
        }
        "s3" => {
            let f: Vec<&str> = arn.splitn(6, ':').collect();
            if f.len() == 6
                && f[3].is_empty()
                && !f[4].is_empty()
                && f[5].starts_with("accesspoint/")
            {
                if f[5].contains("/object/") {
                    extra.extend(["object", "accesspointobject"]);
                } else {
                    extra.extend(["accesspoint", "multiregionaccesspoint"]);
                }
            }
        }
        _ => {}
    }
    extra
}

/// Resource-type names per ARN of the statement and service, computed once per
/// statement: ARN matching is the expensive part and every action of a service asks the
/// same question. Indexed by the ARN's position (a statement names few services, so
/// each ARN's list is searched linearly).
struct TypeCache<'a> {
    catalog: &'a crate::catalog::Catalog,
    memo: Vec<Vec<(&'a str, Vec<&'a str>)>>,
}

impl<'a> TypeCache<'a> {
    /// Whether ARN number `i` (`arn`) is of a resource type that `act` (of `svc`)
    /// applies to.
    fn accepts(
        &mut self,
        svc: &'a crate::catalog::Service,
        act: &crate::catalog::Action,
        i: usize,
        arn: &'a str,
    ) -> bool {
        let catalog = self.catalog;
        let Some(memo) = self.memo.get_mut(i) else {
            return false;
        };
        let at = match memo.iter().position(|(s, _)| *s == svc.prefix) {
            Some(at) => at,
            None => {
                let mut names: Vec<&str> = catalog
                    .resource_types_for_arn(&svc.prefix, arn)
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect();
                names.extend(qualified_types(&svc.prefix, arn, &names));
                memo.push((&svc.prefix, names));
                memo.len() - 1
            }
        };
        memo[at].1.iter().any(|t| {
            act.resource_types
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case(t))
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_build_fix, check_clean, check_hit, check_no_build_fix};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                warning[resource-mismatch]: s3:GetObject applies to accesspointobject (arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}) or object (arn:${Partition}:s3:::${BucketName}/${ObjectName}); none of the statement's resources is one, so it is granted on nothing
                 --> a.iam.json:1:71
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket"}]}
                   |                                                                       ^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }

    #[test]
    fn object_arn_added_for_object_actions() {
        check_build_fix(
            &super::RULE,
            "a.iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"]}]}"#,
        );
        check_build_fix(&super::RULE,
            "a.iam.json",
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:PutObject\", \"Resource\": [\n  \"arn:aws:s3:::a\",\n  \"arn:aws:s3:::b\"\n]}]}",
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:PutObject\", \"Resource\": [\n  \"arn:aws:s3:::a\",\n  \"arn:aws:s3:::b\",\n  \"arn:aws:s3:::a/*\",\n  \"arn:aws:s3:::b/*\"\n]}]}",
        );
        // Not an object action: no fix.
        check_no_build_fix(
            &super::RULE,
            "a.iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bucket/*"}]}"#,
        );
    }
}
