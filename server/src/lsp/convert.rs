//! Every conversion between the protocol and the core: positions (UTF-16 or UTF-8
//! code units, as negotiated) ⇄ byte offsets, and core results → `lsp_types`.
//! Out-of-range positions clamp (past the line end → line end, past the last line →
//! end of text, inside a character → its start); nothing here panics on client input.

use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Edit, Severity};
use crate::syntax::{Encoding, LineCol, TextRange};
use ropey::Rope;
use tower_lsp::lsp_types as lsp;

/// The encoding to use: UTF-8 when the client offers it, else UTF-16 (the default).
pub fn negotiate_encoding(caps: &lsp::ClientCapabilities) -> Encoding {
    let offered = caps
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|encs| encs.contains(&lsp::PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

pub fn encoding_kind(enc: Encoding) -> lsp::PositionEncodingKind {
    match enc {
        Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
        Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
    }
}

pub mod from_proto {
    use super::*;

    /// The `data` of a completion item sent without documentation; `None` for anything
    /// else (a client may send back items it made up, or data of another server).
    pub fn resolve_data(data: &serde_json::Value) -> Option<super::to_proto::ResolveData> {
        let [doc, version, offset] = data.as_array()?.as_slice() else {
            return None;
        };
        Some(super::to_proto::ResolveData {
            doc: doc.as_u64()?,
            version: i32::try_from(version.as_i64()?).ok()?,
            offset: usize::try_from(offset.as_u64()?).ok()?,
        })
    }

    /// A position in the text of `analysis` → byte offset.
    pub fn offset(analysis: &Analysis, pos: lsp::Position, enc: Encoding) -> usize {
        analysis.line_index.offset(
            &analysis.text,
            LineCol {
                line: pos.line,
                col: pos.character,
            },
            enc,
        )
    }

    /// A range in the text of `analysis` → byte range (start and end ordered).
    pub fn range(analysis: &Analysis, range: lsp::Range, enc: Encoding) -> TextRange {
        let (a, b) = (
            offset(analysis, range.start, enc),
            offset(analysis, range.end, enc),
        );
        TextRange::new(a.min(b), a.max(b))
    }

    /// Indentation from the client's `FormattingOptions`.
    pub fn format_options(opts: &lsp::FormattingOptions) -> crate::ide::FormatOptions {
        crate::ide::FormatOptions {
            tab_size: opts.tab_size,
            insert_spaces: opts.insert_spaces,
        }
    }

    /// A position in `rope` → byte offset, with the same clamping as `offset`.
    pub fn rope_offset(rope: &Rope, pos: lsp::Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= rope.len_lines() {
            return rope.len_bytes();
        }
        let start_char = rope.line_to_char(line);
        let slice = rope.line(line);
        let mut len = slice.len_chars();
        if len > 0 && slice.char(len - 1) == '\n' {
            len -= 1;
        }
        if len > 0 && slice.char(len - 1) == '\r' {
            len -= 1;
        }
        let end_char = start_char + len;
        let col = pos.character as usize;
        let char_idx = match enc {
            Encoding::Utf16 => {
                let (start, end) = (
                    rope.char_to_utf16_cu(start_char),
                    rope.char_to_utf16_cu(end_char),
                );
                // Inside a surrogate pair: ropey gives the char the pair belongs to.
                rope.utf16_cu_to_char(start.saturating_add(col).min(end))
            }
            Encoding::Utf8 => {
                let (start, end) = (rope.char_to_byte(start_char), rope.char_to_byte(end_char));
                // Inside a multi-byte character: ropey gives the char containing the byte.
                rope.byte_to_char(start.saturating_add(col).min(end))
            }
        };
        rope.char_to_byte(char_idx)
    }

    /// Applies one `didChange` content change to `rope` (a missing range replaces all).
    pub fn apply_change(
        rope: &mut Rope,
        change: &lsp::TextDocumentContentChangeEvent,
        enc: Encoding,
    ) {
        let Some(range) = change.range else {
            *rope = Rope::from_str(&change.text);
            return;
        };
        let (a, b) = (
            rope_offset(rope, range.start, enc),
            rope_offset(rope, range.end, enc),
        );
        let (start, end) = (rope.byte_to_char(a.min(b)), rope.byte_to_char(a.max(b)));
        rope.remove(start..end);
        rope.insert(start, &change.text);
    }
}

pub mod to_proto {
    use super::*;

    pub fn position(analysis: &Analysis, offset: usize, enc: Encoding) -> lsp::Position {
        let lc = analysis.line_index.line_col(&analysis.text, offset, enc);
        lsp::Position {
            line: lc.line,
            character: lc.col,
        }
    }

    /// What a completion item sent without its documentation carries, so that
    /// `completionItem/resolve` can compute it again.
    pub struct ResolveData {
        /// [`doc_key`] of the document's URI (sent with every item, so kept short).
        pub doc: u64,
        pub version: i32,
        /// Byte offset of the completion request.
        pub offset: usize,
    }

    /// A short key for a document URI: 48 bits of its hash, exact in a JSON number
    /// even for clients that read numbers as doubles (JavaScript).
    pub fn doc_key(uri: &lsp::Url) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        uri.as_str().hash(&mut h);
        h.finish() & ((1 << 48) - 1)
    }

    pub fn markdown_documentation(value: String) -> lsp::Documentation {
        lsp::Documentation::MarkupContent(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        })
    }

    /// With `lazy`, documentation is left out and `data` says where to find it.
    pub fn completion_item(
        analysis: &Analysis,
        it: crate::ide::completion::CompletionItem,
        enc: Encoding,
        index: usize,
        lazy: Option<&ResolveData>,
    ) -> lsp::CompletionItem {
        use crate::ide::completion::ItemKind;
        let kind = match it.kind {
            ItemKind::Property => lsp::CompletionItemKind::PROPERTY,
            ItemKind::Value => lsp::CompletionItemKind::VALUE,
            ItemKind::Service => lsp::CompletionItemKind::MODULE,
            ItemKind::Action => lsp::CompletionItemKind::FUNCTION,
            ItemKind::Operator => lsp::CompletionItemKind::OPERATOR,
            ItemKind::Key => lsp::CompletionItemKind::FIELD,
            ItemKind::Snippet => lsp::CompletionItemKind::SNIPPET,
        };
        let range = range(analysis, it.range, enc);
        let (documentation, data) = match (it.documentation, lazy) {
            (Some(_), Some(l)) => (
                None,
                // `[doc, version, offset]`: sent with every item, so kept short.
                Some(serde_json::json!([l.doc, l.version, l.offset])),
            ),
            (doc, _) => (doc.map(markdown_documentation), None),
        };
        lsp::CompletionItem {
            label: it.label.clone(),
            kind: Some(kind),
            detail: it.detail,
            documentation,
            data,
            // The list comes sorted; its position is a shorter key than rank and label.
            sort_text: Some(format!("{index:04}")),
            // Plain text is the default when left out.
            insert_text_format: it.snippet.then_some(lsp::InsertTextFormat::SNIPPET),
            text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                range,
                new_text: it.insert,
            })),
            command: it.retrigger.then(|| lsp::Command {
                title: "Suggest".to_string(),
                command: "editor.action.triggerSuggest".to_string(),
                arguments: None,
            }),
            ..Default::default()
        }
    }

    pub fn range(analysis: &Analysis, range: TextRange, enc: Encoding) -> lsp::Range {
        lsp::Range {
            start: position(analysis, range.start as usize, enc),
            end: position(analysis, range.end as usize, enc),
        }
    }

    pub fn severity(sev: Severity) -> lsp::DiagnosticSeverity {
        match sev {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
            Severity::Hint => lsp::DiagnosticSeverity::HINT,
        }
    }

    pub const SOURCE: &str = "policy-lsp";

    pub fn diagnostic(analysis: &Analysis, d: &Diagnostic, enc: Encoding) -> lsp::Diagnostic {
        lsp::Diagnostic {
            range: range(analysis, d.range, enc),
            severity: Some(severity(d.severity)),
            code: Some(lsp::NumberOrString::String(d.rule.to_string())),
            code_description: None,
            source: Some(SOURCE.to_string()),
            message: d.message.clone(),
            related_information: None,
            tags: None,
            data: None,
        }
    }

    /// A lens shows its title as a label: the command is empty, so clicking does nothing.
    pub fn code_lens(analysis: &Analysis, l: &crate::ide::Lens, enc: Encoding) -> lsp::CodeLens {
        lsp::CodeLens {
            range: range(analysis, l.range, enc),
            command: Some(lsp::Command {
                title: l.title.clone(),
                command: String::new(),
                arguments: None,
            }),
            data: None,
        }
    }

    pub fn inlay_hint(
        analysis: &Analysis,
        h: &crate::ide::InlayHint,
        enc: Encoding,
    ) -> lsp::InlayHint {
        lsp::InlayHint {
            position: position(analysis, h.offset, enc),
            label: lsp::InlayHintLabel::String(h.label.clone()),
            kind: None,
            text_edits: None,
            tooltip: (!h.tooltip.is_empty())
                .then(|| lsp::InlayHintTooltip::String(h.tooltip.clone())),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        }
    }

    /// `None` when the target is not a valid URL.
    pub fn document_link(
        analysis: &Analysis,
        l: &crate::ide::Link,
        enc: Encoding,
    ) -> Option<lsp::DocumentLink> {
        Some(lsp::DocumentLink {
            range: range(analysis, l.range, enc),
            target: Some(lsp::Url::parse(&l.target).ok()?),
            tooltip: Some(l.tooltip.clone()),
            data: None,
        })
    }

    pub fn text_edit(analysis: &Analysis, e: &Edit, enc: Encoding) -> lsp::TextEdit {
        lsp::TextEdit {
            range: range(analysis, e.range, enc),
            new_text: e.text.clone(),
        }
    }

    pub fn hover(analysis: &Analysis, h: crate::ide::HoverInfo, enc: Encoding) -> lsp::Hover {
        lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: h.markdown,
            }),
            range: Some(range(analysis, h.range, enc)),
        }
    }

    /// The completion list, in the order given (`lazy`: see [`completion_item`]).
    pub fn completion_list(
        analysis: &Analysis,
        items: Vec<crate::ide::completion::CompletionItem>,
        enc: Encoding,
        lazy: Option<&ResolveData>,
    ) -> lsp::CompletionResponse {
        let items = items
            .into_iter()
            .enumerate()
            .map(|(i, it)| completion_item(analysis, it, enc, i, lazy))
            .collect();
        lsp::CompletionResponse::List(lsp::CompletionList {
            is_incomplete: true,
            items,
        })
    }

    /// The kind of code action behind `source.fixAll` for this server.
    pub const FIX_ALL_KIND: &str = "source.fixAll.policy-lsp";

    /// Where code actions' edits go, and how the client takes them.
    pub struct EditTarget<'a> {
        pub uri: &'a lsp::Url,
        pub version: i32,
        pub enc: Encoding,
        /// The client takes versioned `documentChanges`.
        pub document_changes: bool,
    }

    /// The actions whose kind the client asked for (`only`; empty: all), with the
    /// diagnostics they fix and their edits.
    pub fn code_actions(
        analysis: &Analysis,
        target: &EditTarget<'_>,
        actions: Vec<crate::ide::CodeAction>,
        only: &[lsp::CodeActionKind],
    ) -> Vec<lsp::CodeActionOrCommand> {
        let wanted = |kind: &lsp::CodeActionKind| {
            only.is_empty()
                || only.iter().any(|k| {
                    kind.as_str() == k.as_str()
                        || kind.as_str().starts_with(&format!("{}.", k.as_str()))
                })
        };
        let all = crate::ide::diagnostics(analysis);
        actions
            .into_iter()
            .filter_map(|action| {
                let kind = match action.kind {
                    crate::ide::ActionKind::QuickFix => lsp::CodeActionKind::QUICKFIX,
                    crate::ide::ActionKind::Refactor => lsp::CodeActionKind::REFACTOR,
                    crate::ide::ActionKind::FixAll => lsp::CodeActionKind::new(FIX_ALL_KIND),
                };
                if !wanted(&kind) {
                    return None;
                }
                let diagnostics = action
                    .diagnostics
                    .iter()
                    .filter_map(|&i| all.get(i))
                    .map(|d| diagnostic(analysis, d, target.enc))
                    .collect();
                let edit = workspace_edit(analysis, target, &action.edits);
                Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: action.title,
                    kind: Some(kind),
                    diagnostics: Some(diagnostics),
                    edit: Some(edit),
                    is_preferred: action.preferred.then_some(true),
                    ..Default::default()
                }))
            })
            .collect()
    }

    /// The chain of ranges around `at`, innermost first (`ranges` as
    /// `ide::selection_ranges` gives them, innermost first); just `at` when empty.
    pub fn selection_range(
        analysis: &Analysis,
        ranges: &[TextRange],
        at: lsp::Position,
        enc: Encoding,
    ) -> lsp::SelectionRange {
        let mut cur: Option<lsp::SelectionRange> = None;
        for r in ranges.iter().rev() {
            cur = Some(lsp::SelectionRange {
                range: range(analysis, *r, enc),
                parent: cur.map(Box::new),
            });
        }
        cur.unwrap_or(lsp::SelectionRange {
            range: lsp::Range { start: at, end: at },
            parent: None,
        })
    }

    #[allow(deprecated)] // `DocumentSymbol::deprecated` must still be filled in
    pub fn document_symbol(
        analysis: &Analysis,
        s: &crate::ide::Symbol,
        enc: Encoding,
    ) -> lsp::DocumentSymbol {
        let kind = match s.kind {
            crate::ide::SymbolKind::Resource => lsp::SymbolKind::MODULE,
            crate::ide::SymbolKind::Policy => lsp::SymbolKind::FILE,
            crate::ide::SymbolKind::Statement => lsp::SymbolKind::OBJECT,
            crate::ide::SymbolKind::Element => lsp::SymbolKind::PROPERTY,
        };
        lsp::DocumentSymbol {
            name: s.name.clone(),
            detail: s.detail.clone(),
            kind,
            tags: None,
            deprecated: None,
            range: range(analysis, s.range, enc),
            selection_range: range(analysis, s.selection_range, enc),
            children: Some(
                s.children
                    .iter()
                    .map(|c| document_symbol(analysis, c, enc))
                    .collect(),
            ),
        }
    }

    pub fn folding_range(f: &crate::ide::Fold) -> lsp::FoldingRange {
        lsp::FoldingRange {
            start_line: f.start_line,
            end_line: f.end_line,
            ..Default::default()
        }
    }

    /// The diagnostics shown for the document (none unless it is a policy).
    pub fn diagnostics(analysis: &Analysis, enc: Encoding) -> Vec<lsp::Diagnostic> {
        crate::ide::diagnostics(analysis)
            .iter()
            .map(|d| diagnostic(analysis, d, enc))
            .collect()
    }

    /// A full pull-diagnostics report; `result_id` is the document version.
    pub fn diagnostic_report(
        items: Vec<lsp::Diagnostic>,
        result_id: Option<String>,
    ) -> lsp::DocumentDiagnosticReportResult {
        lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Full(
            lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id,
                    items,
                },
            },
        ))
    }

    /// A workspace edit for one document: versioned `documentChanges` when the client
    /// supports them, else `changes`.
    pub fn workspace_edit(
        analysis: &Analysis,
        target: &EditTarget<'_>,
        edits: &[Edit],
    ) -> lsp::WorkspaceEdit {
        let uri = target.uri;
        let edits: Vec<lsp::TextEdit> = edits
            .iter()
            .map(|e| text_edit(analysis, e, target.enc))
            .collect();
        if target.document_changes {
            let doc = lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(target.version),
                },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            };
            lsp::WorkspaceEdit {
                document_changes: Some(lsp::DocumentChanges::Edits(vec![doc])),
                ..Default::default()
            }
        } else {
            let changes = std::iter::once((uri.clone(), edits)).collect();
            lsp::WorkspaceEdit {
                changes: Some(changes),
                ..Default::default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Config;

    fn pos(line: u32, character: u32) -> lsp::Position {
        lsp::Position { line, character }
    }

    const TEXT: &str = "{\"Sid\": \"é😀x\"}\r\nnext\n\nz";

    #[test]
    fn rope_and_line_index_agree_on_every_position() {
        let rope = Rope::from_str(TEXT);
        let analysis = analyze(TEXT, None, &Config::default());
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for line in 0..6 {
                for character in 0..24 {
                    let p = pos(line, character);
                    assert_eq!(
                        from_proto::rope_offset(&rope, p, enc),
                        from_proto::offset(&analysis, p, enc),
                        "{p:?} {enc:?}"
                    );
                }
            }
            // Every char boundary round-trips through a position (except between \r and \n,
            // which no position can name).
            for (i, _) in TEXT
                .char_indices()
                .filter(|(i, _)| !TEXT[..*i].ends_with('\r'))
            {
                let p = to_proto::position(&analysis, i, enc);
                assert_eq!(
                    from_proto::rope_offset(&rope, p, enc),
                    i,
                    "offset {i} {enc:?}"
                );
            }
        }
    }

    #[test]
    fn astral_and_clamping() {
        let rope = Rope::from_str(TEXT);
        let x = TEXT.find('x').unwrap();
        let emoji = TEXT.find('😀').unwrap();
        assert_eq!(
            from_proto::rope_offset(&rope, pos(0, 12), Encoding::Utf16),
            x
        );
        assert_eq!(
            from_proto::rope_offset(&rope, pos(0, 15), Encoding::Utf8),
            x
        );
        // Inside the surrogate pair / inside the UTF-8 sequence: start of the emoji.
        assert_eq!(
            from_proto::rope_offset(&rope, pos(0, 11), Encoding::Utf16),
            emoji
        );
        assert_eq!(
            from_proto::rope_offset(&rope, pos(0, 13), Encoding::Utf8),
            emoji
        );
        // Past the line end: before "\r\n"; past the last line: end of text.
        assert_eq!(
            from_proto::rope_offset(&rope, pos(0, 999), Encoding::Utf16),
            TEXT.find('\r').unwrap()
        );
        assert_eq!(
            from_proto::rope_offset(&rope, pos(99, 0), Encoding::Utf16),
            TEXT.len()
        );
        assert_eq!(
            from_proto::rope_offset(&rope, pos(u32::MAX, u32::MAX), Encoding::Utf8),
            TEXT.len()
        );
        let analysis = analyze(TEXT, None, &Config::default());
        assert_eq!(
            to_proto::position(&analysis, x, Encoding::Utf16),
            pos(0, 12)
        );
        assert_eq!(to_proto::position(&analysis, x, Encoding::Utf8), pos(0, 15));
        assert_eq!(
            to_proto::position(&analysis, usize::MAX, Encoding::Utf16),
            pos(3, 1)
        );
    }

    #[test]
    fn incremental_changes_with_astral_characters() {
        let mut rope = Rope::from_str(TEXT);
        let change = |line, s, e, text: &str| lsp::TextDocumentContentChangeEvent {
            range: Some(lsp::Range {
                start: pos(line, s),
                end: pos(line, e),
            }),
            range_length: None,
            text: text.to_string(),
        };
        // Replace the emoji (2 UTF-16 units) with two of them, then delete "é".
        from_proto::apply_change(&mut rope, &change(0, 10, 12, "😀😀"), Encoding::Utf16);
        from_proto::apply_change(&mut rope, &change(0, 9, 10, ""), Encoding::Utf16);
        assert_eq!(rope.to_string(), "{\"Sid\": \"😀😀x\"}\r\nnext\n\nz");
        // UTF-8 columns: insert after the first emoji (bytes 9..13).
        from_proto::apply_change(&mut rope, &change(0, 13, 13, "é"), Encoding::Utf8);
        assert_eq!(rope.to_string(), "{\"Sid\": \"😀é😀x\"}\r\nnext\n\nz");
        // Reversed and out-of-range ranges clamp instead of panicking.
        from_proto::apply_change(&mut rope, &change(9, 5, 0, "!"), Encoding::Utf16);
        assert!(rope.to_string().ends_with("z!"));
        from_proto::apply_change(
            &mut rope,
            &lsp::TextDocumentContentChangeEvent {
                range: Some(lsp::Range {
                    start: pos(2, 0),
                    end: pos(1, 99),
                }),
                range_length: None,
                text: String::new(),
            },
            Encoding::Utf16,
        );
        assert_eq!(rope.to_string(), "{\"Sid\": \"😀é😀x\"}\r\nnext\nz!");
    }
}
