//! `policy-size`: The policy is larger than AWS allows for its kind.

use super::first_char;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "policy-size",
    category: Category::Correctness,
    severity: Severity::Warning,
    access_analyzer: &["POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_SCP_QUOTA"],
    parliament: &[],
    summary: "The policy is larger than AWS allows for its kind",
    docs: "AWS limits policy size, counted without white space: for identity policies 2,048 characters (user inline), \
5,120 (group inline), 6,144 (managed) and 10,240 (role inline); 2,048 for a role trust policy (adjustable up to \
8,192); 5,120 for an SCP; 20 KB for an S3 bucket policy and 32 KB for a KMS key policy. A policy larger than every \
quota of its kind cannot be created anywhere: error. A policy over the smallest quota that some uses still allow \
(an identity policy over 6,144, a trust policy over 2,048) and a resource policy over 20 KB (each service sets its \
own quota) is a warning. Split the policy, or use wildcards and fewer statements.",
    example_file: "role-trust.json",
    avoid: "{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"arn:aws:iam::111122223333:role/r\"]}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"LONG\"}}}]}",
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/r"}, "Action": "sts:AssumeRole"}]}"#,
    checks: &[Check::Document(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// Size quotas, counted without white space ("IAM and AWS STS quotas", IAM User Guide,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html; "Quotas
/// for AWS Organizations", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html;
/// S3 bucket policies 20 KB, "Bucket policy examples" in the Amazon S3 User Guide; KMS key
/// policies 32 KB, "Key policies in AWS KMS" in the AWS KMS Developer Guide).
///
/// `warn` is the smallest quota of the kind and `error` the largest: above the largest
/// the policy cannot be created anywhere (error); between the two it depends on where
/// it is attached (warning). A kind with one quota has both equal.
pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    let (warn, error, what) = match ctx.kind.kind {
        DocKind::Identity => (
            6144,
            10240,
            "identity policies: 2,048 for user inline policies, 5,120 for group inline policies, 6,144 for managed policies and 10,240 for role inline policies",
        ),
        DocKind::Trust => (
            2048,
            8192,
            "role trust policies: 2,048 by default, adjustable up to 8,192",
        ),
        DocKind::Scp => (5120, 5120, "SCPs: 5,120"),
        DocKind::S3Bucket => (20 * 1024, 20 * 1024, "S3 bucket policies: 20 KB"),
        DocKind::KmsKey => (32 * 1024, 32 * 1024, "KMS key policies: 32 KB"),
        // Each service sets its own quota; 20 KB is the common one.
        DocKind::Resource => (20 * 1024, usize::MAX, "most resource policies: 20 KB"),
    };
    let n = non_ws_len(ctx.text);
    if n <= warn {
        return;
    }
    let mut d = ctx.diag(
        &RULE,
        first_char(policy.root),
        if n > error {
            format!("the policy has {n} characters without white space, more than any quota allows ({what}): AWS rejects it wherever it is attached; split it")
        } else {
            format!("the policy has {n} characters without white space, over the limit for some uses ({what})")
        },
    );
    if n > error {
        d.severity = Severity::Error;
    }
    acc.push(d);
}

/// Characters outside JSON strings that are not white space, plus all characters inside strings.
fn non_ws_len(text: &str) -> usize {
    let b = text.as_bytes();
    // Every character, less the white space outside strings. Strings are skipped to
    // their closing quote with memchr; a `\\` escapes the next character.
    let chars = b.iter().filter(|&&x| (x as i8) >= -0x40).count();
    let mut ws = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                loop {
                    let Some(k) = memchr::memchr2(b'"', b'\\', b.get(i..).unwrap_or_default())
                    else {
                        return chars - ws; // an unclosed string runs to the end
                    };
                    if b[i + k] == b'\\' {
                        i += k + 2;
                    } else {
                        i += k + 1;
                        break;
                    }
                }
            }
            b'\t'..=b'\r' | b' ' => {
                ws += 1;
                i += 1;
            }
            x if x < 0x80 => i += 1,
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                if c.is_whitespace() {
                    ws += 1;
                }
                i += c.len_utf8();
            }
        }
    }
    chars - ws
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    /// The definition, one character at a time.
    fn reference(text: &str) -> usize {
        let (mut n, mut in_str, mut esc) = (0, false, false);
        for c in text.chars() {
            if in_str {
                n += 1;
                if esc {
                    esc = false;
                } else if c == '\\' {
                    esc = true;
                } else if c == '"' {
                    in_str = false;
                }
            } else if c == '"' {
                in_str = true;
                n += 1;
            } else if !c.is_whitespace() {
                n += 1;
            }
        }
        n
    }

    #[test]
    fn size_counts_characters_without_white_space_outside_strings() {
        for text in [
            "",
            "{}",
            " { \"a b\" : [ 1 ,\t2 ]\r\n}\n",
            r#"{"k": "say \"hi\" \\", "x":1}"#,
            "{\"é ü\": \"\u{2028} ☃\", \u{a0}\u{3000}\"x\"\u{b}\u{c}}",
            "\"unclosed \\",
            "\"ends in backslash\\",
            "{\"\\é\": 1}",
            "x\u{1c}y",
        ] {
            assert_eq!(super::non_ws_len(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                warning[policy-size]: the policy has 2291 characters without white space, over the limit for some uses (role trust policies: 2,048 by default, adjustable up to 8,192)
                 --> role-trust.json:1:1
                   |
                1 | {"Version": "2012-10-17",
                   | ^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
