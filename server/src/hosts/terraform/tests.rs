use super::*;
use crate::hosts::{HStr, HoleKind};

fn at(text: &str, needle: &str) -> usize {
    text.find(needle).expect("needle")
}

/// The host text of every literal string's decoded `needle` in the tree.
fn find_text<'n>(n: &'n HNode, needle: &str, out: &mut Vec<(&'n HStr, usize)>) {
    match &n.value {
        HValue::Object(ms) => {
            for m in ms {
                if let Some(v) = &m.value {
                    find_text(v, needle, out);
                }
            }
        }
        HValue::Array(items) | HValue::Choice(items) => {
            items.iter().for_each(|i| find_text(i, needle, out))
        }
        HValue::Str(s) => {
            if let Some(i) = s.display().find(needle) {
                out.push((s, i));
            }
        }
        _ => {}
    }
}

#[test]
fn data_source_smoke() {
    let src = r#"data "aws_iam_policy_document" "d" {
  statement {
    actions = ["s3:GetObject"]
  }
}
"#;
    let p = parse(src);
    assert_eq!(p.errors, vec![]);
    assert_eq!(p.policies.len(), 1);
    let _ = (at, find_text, HoleKind::Value);
}
