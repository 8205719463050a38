//! `resource-mismatch`: No resource of the statement fits an action's resource types.

use super::*;
use crate::diagnostic::json_edit::{append_items, json_str};
use crate::diagnostic::Severity;
use crate::diagnostic::{Edit, Fix};
use crate::model;
use crate::rules::FixCtx;
use crate::rules::{Applicability, Category, Rule};
use crate::syntax::TextRange;
use crate::syntax::Value;

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
    notes_topics: &[],
    fix: Some(Applicability::Unsafe),
    build_fix: Some(fix),
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

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
            resource-mismatch warning 70..84 "\"s3:GetObject\"": s3:GetObject applies to accesspointobject (arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}) or object (arn:${Partition}:s3:::${BucketName}/${ObjectName}); none of the statement's resources is one, so it is granted on nothing
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
