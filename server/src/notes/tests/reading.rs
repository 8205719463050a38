//! The Markdown reader: headings, list items, sections, fences, line endings.

use super::*;

#[test]
fn atx_headings() {
    assert_eq!(markdown::atx_heading("## KMS"), Some((2, "KMS")));
    assert_eq!(markdown::atx_heading("##KMS"), Some((2, "KMS")));
    assert_eq!(markdown::atx_heading("   # A #"), Some((1, "A")));
    assert_eq!(markdown::atx_heading("### C# ##"), Some((3, "C#")));
    assert_eq!(markdown::atx_heading("#"), Some((1, "")));
    assert_eq!(markdown::atx_heading("###### six"), Some((6, "six")));
    assert_eq!(markdown::atx_heading("####### seven"), None);
    assert_eq!(markdown::atx_heading("    # code"), None);
    assert_eq!(markdown::atx_heading("#!/bin/sh"), None);
    assert_eq!(markdown::atx_heading("text # not"), None);
}

#[test]
fn list_items() {
    for l in ["- a", "* a", "+ a", "1. a", "10) a", "  - nested", "-"] {
        assert!(markdown::is_list_item(l), "{l}");
    }
    for l in ["-a", "1.a", "plain", "**bold**", "--- rule?"] {
        assert!(!markdown::is_list_item(l), "{l}");
    }
}

#[test]
fn sections_lines_and_blocks() {
    let secs = markdown::parse(TEAM);
    let h: Vec<(&str, u8, usize)> = secs
        .iter()
        .map(|s| (s.heading.as_str(), s.level, s.line))
        .collect();
    assert_eq!(
        &h[..4],
        &[
            ("Security stuf", 1, 1),
            ("Cloud Trail", 2, 3),
            ("KMS", 2, 12),
            ("CloudHSM", 3, 28)
        ]
    );
    let kms = &secs[2];
    let kinds: Vec<BlockKind> = kms.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::List,
            BlockKind::Paragraph,
            BlockKind::Paragraph
        ]
    );
    assert_eq!(kms.blocks[2].line, 19);
    assert!(kms.blocks[3].text.starts_with("Multi region keys"));
    let ps = secs
        .iter()
        .find(|s| s.heading == "Parameter Store")
        .unwrap();
    assert!(ps.body.is_empty() && ps.blocks.is_empty());
    // Bare lines stay one paragraph.
    assert_eq!(secs[1].blocks[1].text, "Event Bridge\nCloudWatch alarms");
}

#[test]
fn fences_preamble_and_odd_headings() {
    let secs = markdown::parse(ENCRYPTION);
    let h: Vec<(&str, u8)> = secs.iter().map(|s| (s.heading.as_str(), s.level)).collect();
    assert_eq!(
        h,
        [
            ("", 0),
            ("Encryption", 1),
            ("AWS KMS keys", 2),
            ("Notes", 3),
            ("Amazon S3 buckets", 2),
            ("Guard Duty", 2),
            ("Cloudtrial", 2),
            ("Amazon DynamoDB", 2),
        ]
    );
    let s3 = &secs[4];
    assert_eq!(s3.blocks[1].kind, BlockKind::Code);
    assert!(s3.blocks[1].text.contains("# not a heading"));
    // A list directly after a lead-in line splits into paragraph + list.
    let secs = markdown::parse("## X\nIntro:\n- a\n- b\n  continued\nafter");
    let kinds: Vec<BlockKind> = secs[0].blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [BlockKind::Paragraph, BlockKind::List, BlockKind::Paragraph]
    );
    assert_eq!(secs[0].blocks[1].text, "- a\n- b\n  continued");
}

#[test]
fn crlf_and_unclosed_fence() {
    let secs = markdown::parse("## KMS\r\n\r\nline one\r\n\r\n```\r\n## inside\r\n");
    assert_eq!(secs.len(), 1);
    assert_eq!(secs[0].blocks[0].text, "line one");
    assert_eq!(secs[0].blocks[1].kind, BlockKind::Code);
}
