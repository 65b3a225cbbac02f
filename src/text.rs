//! Byte offsets ⇄ line/column positions, in one place.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r` — the three breaks LSP recognises. Columns come in
//! three units: UTF-8 bytes, UTF-16 code units (LSP's default) and Unicode scalar values (what
//! the CLI prints). Every conversion from a client's numbers clamps instead of panicking.

use std::ops::Range;

/// Byte span into a text.
pub type Span = Range<usize>;

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    /// Unicode scalar values ("characters").
    Chars,
}

/// A zero-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Start offsets of every line of a text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The `\r` of a `\r\n` is not a break of its own: the `\n` ends the line.
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where `line` starts (clamped to the end of the text).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Byte range of `line` without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        start..end
    }

    /// Zero-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Line and column of a byte offset; an offset inside a character counts from its start.
    pub fn line_col(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        LineCol {
            line: line as u32,
            col: column_width(&text[start..offset], enc),
        }
    }

    /// Byte offset of a line and column from outside. A line past the end clamps to the end of
    /// the text; a column past the line's end clamps to the line's end; a column inside a
    /// character (half a surrogate pair, a byte inside a UTF-8 sequence) moves to its start.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let span = self.line_span(text, line);
        span.start + column_offset(&text[span], pos.col, enc)
    }
}

/// How wide `prefix` (a piece of one line) is in columns of `enc`.
pub fn column_width(prefix: &str, enc: Encoding) -> u32 {
    let width = match enc {
        Encoding::Utf8 => prefix.len(),
        Encoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
        Encoding::Chars => prefix.chars().count(),
    };
    width as u32
}

/// Byte offset of column `col` (in `enc` units) inside `line`, a line without its break. A
/// column past the end clamps to the end; a column inside a character moves to its start.
pub fn column_offset(line: &str, col: u32, enc: Encoding) -> usize {
    let want = col as usize;
    let mut used = 0;
    for (i, ch) in line.char_indices() {
        let width = match enc {
            Encoding::Utf8 => ch.len_utf8(),
            Encoding::Utf16 => ch.len_utf16(),
            Encoding::Chars => 1,
        };
        if used + width > want {
            return i;
        }
        used += width;
    }
    line.len()
}

/// The largest char boundary not after `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Iterates over the lines of a text as (span without break) pairs, with every break style.
pub fn lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let start = pos;
        let i = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(bytes.len(), |n| pos + n);
        let end = i;
        if i >= bytes.len() {
            done = true;
            pos = bytes.len();
        } else if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            pos = i + 2;
        } else {
            pos = i + 1;
        }
        if done && start == end && start == bytes.len() && start != 0 {
            // A final line break does not open an empty last line for iteration purposes.
            let prev = bytes[start - 1];
            if prev == b'\n' || prev == b'\r' {
                return None;
            }
        }
        Some(start..end)
    })
}

/// The paragraphs of a text: runs of lines that are not blank (white space only), as spans
/// from the first line's start to the last one's end, with every break style.
pub fn paragraphs(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut lines = lines(text).peekable();
    std::iter::from_fn(move || {
        let is_blank = |l: &Span| text[l.clone()].trim().is_empty();
        while lines.next_if(is_blank).is_some() {}
        let start = lines.next()?;
        let mut end = start.end;
        while let Some(l) = lines.next_if(|l| !is_blank(l)) {
            end = l.end;
        }
        Some(start.start..end)
    })
}

/// Appends `para` to `out` with line breaks between words so that no line is longer than
/// `width` characters (unless one word is), as PDF extraction wraps prose. For tests and
/// benchmarks that build such text from real treaties.
pub fn wrap_paragraph(para: &str, width: usize, out: &mut String) {
    let mut col = 0;
    for word in para.split(' ').filter(|w| !w.is_empty()) {
        let len = word.chars().count();
        if col > 0 && col + 1 + len > width {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
    }
}

/// The first line of a text, up to any line break (`\n`, `\r\n` or a lone `\r`).
pub fn first_line(text: &str) -> &str {
    memchr::memchr2(b'\n', b'\r', text.as_bytes()).map_or(text, |i| &text[..i])
}

/// Trims ASCII and Unicode white space (and a BOM) from both ends of a span.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let is_ws = |c: char| c.is_whitespace() || c == '\u{feff}';
    let lead = s.len() - s.trim_start_matches(is_ws).len();
    let trail = s.len() - s.trim_end_matches(is_ws).len();
    if lead == s.len() {
        return span.start..span.start;
    }
    span.start + lead..span.end - trail
}

/// At most `max` characters of `s` on one line, with "…" when cut.
pub fn quote(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Items joined for prose: "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Whether `c` is a CJK unified ideograph (the Han characters of Chinese treaties).
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Lower-case words joined by single spaces: texts compared without case, punctuation, line
/// breaks or markup (a quotation against the treaty it quotes).
pub fn folded_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_word = false;
    for c in text.chars() {
        // CJK ideographs are letters without case: telling them first spares two look-ups each.
        let ideograph = is_han(c);
        let letter = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            ideograph || c.is_alphanumeric()
        };
        if !letter {
            in_word = false;
            continue;
        }
        if !in_word && !out.is_empty() {
            out.push(' ');
        }
        in_word = true;
        if c.is_ascii() || ideograph {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The alphanumeric words of `text[span]` as written, with their spans.
pub fn written_word_spans(text: &str, span: Span) -> impl Iterator<Item = (&str, Span)> {
    let mut at = span.start;
    std::iter::from_fn(move || {
        let start = run_end(text, at, span.end, false);
        if start == span.end {
            return None;
        }
        let end = run_end(text, start, span.end, true);
        at = end;
        Some((&text[start..end], start..end))
    })
}

/// Where the run of alphanumeric characters (`alphanumeric`) or of others that starts at `from`
/// ends, at most at `end`. Texts are mostly ASCII: a byte is tested without decoding a
/// character.
fn run_end(text: &str, from: usize, end: usize, alphanumeric: bool) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < end {
        let b = bytes[at];
        let (is_alphanumeric, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[at..].chars().next().expect("at a char boundary");
            (c.is_alphanumeric(), c.len_utf8())
        };
        if is_alphanumeric != alphanumeric {
            break;
        }
        at += len;
    }
    at
}

#[cfg(test)]
mod tests {

    #[test]
    fn paragraphs_in_every_break_style() {
        let paras = |t: &str| {
            super::paragraphs(t)
                .map(|s| t[s].to_string())
                .collect::<Vec<_>>()
        };
        for br in ["\n", "\r\n", "\r"] {
            let text = format!("{br}Title{br}{br}The Parties,{br}agree:{br} \t{br}{br}Art. 1{br}");
            assert_eq!(
                paras(&text),
                ["Title", &format!("The Parties,{br}agree:"), "Art. 1"]
            );
        }
        assert_eq!(paras(""), Vec::<String>::new());
        assert_eq!(paras("one"), ["one"]);
    }
    use super::*;

    #[test]
    fn breaks_of_every_style() {
        let t = "a\r\nb\rc\nd";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_span(t, 0), 0..1);
        assert_eq!(idx.line_span(t, 1), 3..4);
        assert_eq!(idx.line_span(t, 2), 5..6);
        assert_eq!(&t[idx.line_span(t, 3)], "d");
        let all: Vec<_> = lines(t).map(|s| &t[s]).collect();
        assert_eq!(all, ["a", "b", "c", "d"]);
        assert_eq!(lines("x\n").count(), 1);
        assert_eq!(lines("").count(), 1);
    }

    #[test]
    fn columns_in_three_units() {
        let t = "第十九条 😀x";
        let idx = LineIndex::new(t);
        let x = t.find('x').unwrap();
        assert_eq!(idx.line_col(t, x, Encoding::Utf8).col, x as u32);
        assert_eq!(idx.line_col(t, x, Encoding::Utf16).col, 7);
        assert_eq!(idx.line_col(t, x, Encoding::Chars).col, 6);
        let back = idx.offset(t, LineCol { line: 0, col: 7 }, Encoding::Utf16);
        assert_eq!(back, x);
        // Half a surrogate pair moves to the emoji's start; past the end clamps.
        let emoji = t.find('😀').unwrap();
        assert_eq!(
            idx.offset(t, LineCol { line: 0, col: 6 }, Encoding::Utf16),
            emoji
        );
        assert_eq!(
            idx.offset(t, LineCol { line: 0, col: 99 }, Encoding::Utf16),
            t.len()
        );
        assert_eq!(
            idx.offset(t, LineCol { line: 9, col: 0 }, Encoding::Utf16),
            t.len()
        );
        assert_eq!(
            idx.offset(t, LineCol { line: 0, col: 1 }, Encoding::Utf8),
            0
        );
    }
}
