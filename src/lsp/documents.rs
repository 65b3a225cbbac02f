//! Open documents: ropes edited in place by incremental changes, and the one place where LSP
//! positions and byte offsets meet (on top of `text::LineIndex` and `text::column_offset`).
//!
//! Ropey is built without its `unicode_lines` feature and with `cr_lines`, so its lines end
//! where LSP's do (`\n`, `\r\n`, lone `\r`) and not at NEL, U+2028, VT or FF.

use crate::text::{self, Encoding, LineCol, LineIndex, Span};
use ropey::Rope;
use std::borrow::Cow;
use std::path::PathBuf;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

/// Converts between byte offsets of one text and LSP positions in the negotiated encoding.
#[derive(Clone, Copy)]
pub struct Positions<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: Encoding,
}

impl Positions<'_> {
    pub fn position(&self, offset: usize) -> Position {
        let lc = self.index.line_col(self.text, offset, self.encoding);
        Position::new(lc.line, lc.col)
    }
    pub fn range(&self, span: &Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }
    /// The byte offset of a client's position, clamped into the text.
    pub fn offset(&self, pos: Position) -> usize {
        let lc = LineCol {
            line: pos.line,
            col: pos.character,
        };
        self.index.offset(self.text, lc, self.encoding)
    }
    /// The byte span of a client's range, clamped and put in order.
    pub fn span(&self, range: Range) -> Span {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        a.min(b)..a.max(b)
    }
    /// The zero-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        self.index.line_of(offset) as u32
    }
}

/// What a document is to the linter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Sheet,
    /// A treaty text, named `<ATOPID>.treaty[.<lang>].txt`.
    Treaty {
        id: String,
        lang: Option<String>,
    },
}

/// An open document.
pub struct Document {
    pub uri: Uri,
    /// The file behind a `file:` URI, canonical when it exists.
    pub path: Option<PathBuf>,
    pub kind: Kind,
    pub version: i32,
    /// Bumped on every change; caches remember the revision they were made from.
    pub revision: u64,
    rope: Rope,
}

impl Document {
    pub fn new(uri: Uri, version: i32, text: &str, revision: u64) -> Self {
        let path = (uri.scheme().as_str() == "file")
            .then(|| uri.to_file_path())
            .flatten()
            .map(|p| p.canonicalize().unwrap_or_else(|_| p.into_owned()));
        let kind = match path
            .as_deref()
            .and_then(crate::model::workspace::treaty_file_id)
        {
            Some((id, lang)) => Kind::Treaty { id, lang },
            None => Kind::Sheet,
        };
        Document {
            uri,
            path,
            kind,
            version,
            revision,
            rope: Rope::from_str(text),
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Applies one `contentChanges` entry; positions past a line's or the text's end clamp.
    /// Applies one change; a range whose end is before its start is refused, the text left
    /// as it was.
    pub fn apply(
        &mut self,
        change: &TextDocumentContentChangeEvent,
        encoding: Encoding,
    ) -> Result<(), ReversedRange> {
        let Some(range) = change.range else {
            self.rope = Rope::from_str(&change.text);
            return Ok(());
        };
        let (s, e) = (range.start, range.end);
        if (e.line, e.character) < (s.line, s.character) {
            return Err(ReversedRange(range));
        }
        let a = rope_offset(&self.rope, s, encoding);
        let b = rope_offset(&self.rope, e, encoding).max(a);
        let start = self.rope.byte_to_char(a);
        let end = self.rope.byte_to_char(b);
        self.rope.remove(start..end);
        self.rope.insert(start, &change.text);
        Ok(())
    }
}

/// A change whose range ends before it starts.
#[derive(Debug, PartialEq, Eq)]
pub struct ReversedRange(pub Range);

impl std::fmt::Display for ReversedRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (s, e) = (self.0.start, self.0.end);
        write!(
            f,
            "a change whose range ends ({}:{}) before it starts ({}:{})",
            e.line, e.character, s.line, s.character
        )
    }
}

/// The byte offset of a client's position in a rope: the rope finds the line, `text` the
/// column, as for every other conversion.
fn rope_offset(rope: &Rope, pos: Position, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let line_text: Cow<str> = rope.line(line).into();
    let content = line_text.trim_end_matches(['\n', '\r']);
    start + text::column_offset(content, pos.character, encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((l1, c1), (l2, c2))| {
                Range::new(Position::new(l1, c1), Position::new(l2, c2))
            }),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn doc(text: &str) -> Document {
        Document::new("untitled:x".parse().expect("uri"), 0, text, 0)
    }

    #[test]
    fn rope_lines_are_lsp_lines() {
        // NEL, U+2028, VT and FF do not break lines; \r, \n and \r\n do.
        let t = "a\u{85}b\u{2028}c\u{b}d\u{c}e\rf\r\ng\nh";
        let rope = Rope::from_str(t);
        let index = LineIndex::new(t);
        assert_eq!(rope.len_lines(), index.line_count());
        for line in 0..index.line_count() {
            assert_eq!(rope.line_to_byte(line), index.line_start(line));
        }
    }

    #[test]
    fn edits_in_utf16_and_utf8_with_clamping() {
        let mut d = doc("第十九条 😀x\r\nsecond");
        // After the emoji (2 UTF-16 units) and the 4 CJK characters and a space: column 7.
        let apply =
            |d: &mut Document, range, text, encoding| d.apply(&change(range, text), encoding);
        apply(&mut d, Some(((0, 7), (0, 8))), "y", Encoding::Utf16).unwrap();
        assert_eq!(d.text(), "第十九条 😀y\r\nsecond");
        // Half a surrogate pair moves to the emoji's start.
        apply(&mut d, Some(((0, 6), (0, 6))), "!", Encoding::Utf16).unwrap();
        assert_eq!(d.text(), "第十九条 !😀y\r\nsecond");
        // Past the line's end clamps before the line break; past the text's end to its end.
        apply(&mut d, Some(((0, 99), (0, 99))), "<", Encoding::Utf16).unwrap();
        apply(&mut d, Some(((9, 0), (12, 3))), ">", Encoding::Utf16).unwrap();
        assert_eq!(d.text(), "第十九条 !😀y<\r\nsecond>");
        // UTF-8 columns count bytes.
        apply(&mut d, Some(((1, 0), (1, 3))), "", Encoding::Utf8).unwrap();
        assert_eq!(d.text(), "第十九条 !😀y<\r\nond>");
        // A reversed range is refused, the text kept; one that clamps to nothing is not.
        let reversed = apply(&mut d, Some(((1, 3), (1, 0))), "", Encoding::Utf8);
        assert_eq!(
            reversed.unwrap_err().to_string(),
            "a change whose range ends (1:0) before it starts (1:3)"
        );
        assert_eq!(d.text(), "第十九条 !😀y<\r\nond>");
        apply(&mut d, Some(((0, 90), (0, 95))), "", Encoding::Utf8).unwrap();
        apply(&mut d, None, "whole", Encoding::Utf8).unwrap();
        assert_eq!(d.text(), "whole");
    }

    #[test]
    fn kinds_from_file_names() {
        let treaty = Document::new(
            "file:///nowhere/5030.treaty.zh.txt".parse().expect("uri"),
            1,
            "",
            0,
        );
        assert_eq!(
            treaty.kind,
            Kind::Treaty {
                id: "5030".into(),
                lang: Some("zh".into())
            }
        );
        assert_eq!(doc("").kind, Kind::Sheet);
        assert_eq!(doc("").path, None);
    }

    #[test]
    fn positions_round_trip() {
        let t = "ab\n第😀c";
        let index = LineIndex::new(t);
        let p = Positions {
            text: t,
            index: &index,
            encoding: Encoding::Utf16,
        };
        let c = t.find('c').expect("c");
        assert_eq!(p.position(c), Position::new(1, 3));
        assert_eq!(p.offset(Position::new(1, 3)), c);
        assert_eq!(p.offset(Position::new(0, 40)), 2);
        assert_eq!(
            p.span(Range::new(Position::new(1, 3), Position::new(0, 1))),
            1..c
        );
    }
}
