//! A treaty text as the lexicons read it: the debris that PDF, HTML, Word and OCR conversion
//! leave in a text without changing its words taken out, with the way back to the text's own
//! byte offsets (diagnostics point into the text as written).
//!
//! - Every run of white space (tabs, no-break, thin and other wide spaces) is one space; a run
//!   with one line break after a line of [`WRAPPED`] characters or more is a space too
//!   (hard-wrapped prose; between two Han characters it is nothing: Chinese wraps without
//!   spaces). Other breaks are line breaks (one, or as written when they are only `\n`): after
//!   a short line (a heading, a title, an item), a blank line or a page break, a paragraph ends.
//! - A word hyphenated across a line break is joined ("with-\ndrawal"): a hyphen after a letter,
//!   then one line break, then a small letter. A compound broken at its own hyphen
//!   ("self-\ndefence") is joined too: the line break does not tell them apart. Before a
//!   capital the hyphen stays and the break goes ("Franco-\nGerman").
//! - Soft hyphens and byte-order marks are nothing; ligatures (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ, ﬅ, ﬆ) are their
//!   letters; typographic quotes and apostrophes are ASCII ones; the Unicode hyphens are `-`.
//!
//! [`Plain::within_lines`] reads the same debris inside a line but leaves every line break and
//! a hyphen before one as written: a line stays a line.

use crate::text::Span;

/// The plain text of a text, and where it differs in length from the original.
#[derive(Debug)]
pub struct Plain {
    text: String,
    /// (plain offset, original offset) at each place after which the two texts differ by
    /// another number of bytes than before; in order. Before the first, they are the same.
    shifts: Vec<(usize, usize)>,
    /// Whether wrapped lines and words hyphenated across a break are joined.
    join_lines: bool,
}

/// The first bytes [`is_special`] can be true of.
const MAY_BE_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = [
        b' ', b'\t', b'\n', b'\r', 0x0b, 0x0c, b'-', 0xc2, 0xe1, 0xe2, 0xe3, 0xef,
    ];
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// Whether the byte at `i` may start something the plain text writes otherwise: white space
/// other than one space between words, a hyphen before white space, and the characters above
/// (U+0085, U+00A0, U+00AD; U+1680; U+2000–U+207F; U+3000; U+FB00–U+FB06, U+FEFF), told by
/// their UTF-8 bytes. Every other byte is copied as it is, without decoding: most of a text.
fn is_special(bytes: &[u8], i: usize) -> bool {
    let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => true,
        b' ' | b'-' => i + 1 < bytes.len() && starts_white(bytes, i + 1),
        0xc2 => matches!(next(1), 0x85 | 0xa0 | 0xad),
        0xe1 => next(1) == 0x9a && next(2) == 0x80,
        0xe2 => matches!(next(1), 0x80 | 0x81),
        0xe3 => next(1) == 0x80 && next(2) == 0x80,
        0xef => matches!((next(1), next(2)), (0xac, 0x80..=0x86) | (0xbb, 0xbf)),
        _ => false,
    }
}

/// The first byte from `from` on that [`is_special`] is true of (the length if none): the
/// table passes over most bytes at once.
fn next_special(bytes: &[u8], mut from: usize) -> usize {
    while let Some(n) = bytes[from..]
        .iter()
        .position(|&b| MAY_BE_SPECIAL[b as usize])
    {
        if is_special(bytes, from + n) {
            return from + n;
        }
        from += n + 1;
    }
    bytes.len()
}

/// Whether white space (or a soft hyphen) starts at byte `i`.
fn starts_white(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b' ' => true,
        b'-' => false,
        _ => is_special(bytes, i),
    }
}

/// What a character that is neither white space nor a hyphen is in the plain text: None to
/// keep it.
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{ad}' | '\u{feff}' => "",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        '‘' | '’' | '‚' | '‛' => "'",
        '“' | '”' | '„' | '‟' => "\"",
        '\u{2010}' | '\u{2011}' => "-",
        _ => return None,
    })
}

/// A run of white space at the start of `s`: its length in bytes and how many line breaks it
/// has (`\r\n` is one; a form feed, a page break, counts as a blank line).
fn white_run(s: &str) -> (usize, usize) {
    let mut breaks = 0;
    let mut len = 0;
    let mut prev = '\0';
    for c in s.chars() {
        if !c.is_whitespace() {
            break;
        }
        match c {
            '\n' if prev == '\r' => {}
            '\n' | '\r' | '\u{85}' | '\u{2028}' => breaks += 1,
            '\u{0c}' | '\u{2029}' => breaks += 2,
            _ => {}
        }
        prev = c;
        len += c.len_utf8();
    }
    (len, breaks)
}

/// The fewest characters of a line that a conversion wrapped: shorter lines end where their
/// author ended them.
pub const WRAPPED: usize = 40;

impl Plain {
    pub fn new(original: &str) -> Plain {
        Plain::read(original, true)
    }

    /// The plain text with the original's line breaks: white space inside a line is one
    /// space, soft hyphens, ligatures and the other characters as in [`Plain::new`].
    pub fn within_lines(original: &str) -> Plain {
        Plain::read(original, false)
    }

    fn read(original: &str, join_lines: bool) -> Plain {
        let bytes = original.as_bytes();
        let mut plain = Plain {
            text: String::with_capacity(original.len()),
            shifts: Vec::new(),
            join_lines,
        };
        let mut at = 0;
        // Where the current line of the original starts.
        let mut line_start = 0;
        while at < bytes.len() {
            let copy_end = next_special(bytes, at);
            plain.text.push_str(&original[at..copy_end]);
            at = copy_end;
            let Some(c) = original[at..].chars().next() else {
                break;
            };
            let (len, written) = plain.read_special(original, line_start, at, c);
            let written = written.unwrap_or(&original[at..at + len]);
            if original[at..at + len].contains(['\n', '\r']) {
                line_start = at + len;
            }
            plain.text.push_str(written);
            at += len;
            if written.len() != len {
                plain.shifted(at);
            }
        }
        plain
    }

    /// What the original text has at `at` (its character `c` and what follows), in bytes, and
    /// what the plain text writes for it (None: the same).
    fn read_special(
        &self,
        original: &str,
        line_start: usize,
        at: usize,
        c: char,
    ) -> (usize, Option<&'static str>) {
        let rest = &original[at..];
        let before = self.text.chars().next_back();
        if c.is_whitespace() {
            let (len, breaks) = white_run(rest);
            let after = rest[len..].chars().next();
            let wrapped = || original[line_start..at].chars().nth(WRAPPED - 1).is_some();
            // Line breaks alone that stay line breaks are written as they are.
            let only_breaks = rest[..len].bytes().all(|b| b == b'\n');
            let written = match breaks {
                0 if len == 1 && c == ' ' => return (1, None),
                0 => " ",
                _ if !self.join_lines => return (len, None),
                1 if !wrapped() && only_breaks => return (len, None),
                1 if !wrapped() => "\n",
                1 if before.is_some_and(crate::text::is_han)
                    && after.is_some_and(crate::text::is_han) =>
                {
                    ""
                }
                1 => " ",
                _ if only_breaks => return (len, None),
                _ => "\n",
            };
            return (len, Some(written));
        }
        // A word broken at the end of a line: "with-\ndrawal", "with\u{ad}\ndrawal".
        if self.join_lines && (c == '-' || c == '\u{ad}') {
            let (len, breaks) = white_run(&rest[c.len_utf8()..]);
            let after = rest[c.len_utf8() + len..].chars().next();
            if breaks == 1 && before.is_some_and(char::is_alphabetic) {
                // Before a capital, the hyphen is the word's own: "Franco-\nGerman".
                let written = match after {
                    Some(a) if a.is_lowercase() => Some(""),
                    Some(a) if a.is_uppercase() && c == '-' => Some("-"),
                    _ => None,
                };
                if written.is_some() {
                    return (c.len_utf8() + len, written);
                }
            }
        }
        (c.len_utf8(), replacement(c))
    }

    /// Notes that the original text's `at` is where the plain text now ends.
    fn shifted(&mut self, at: usize) {
        let here = (self.text.len(), at);
        match self.shifts.last_mut() {
            // Nothing written since the last shift: this one replaces it.
            Some(last) if last.0 == here.0 => *last = here,
            _ => self.shifts.push(here),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original offset of a plain offset (inside a replaced stretch, the same distance
    /// into the original's, on a character boundary of `original`).
    fn offset(&self, original: &str, plain: usize, round_up: bool) -> usize {
        let before = self.shifts.partition_point(|&(p, _)| p <= plain);
        let (p, o) = before.checked_sub(1).map_or((0, 0), |i| self.shifts[i]);
        let mut at = (o + (plain - p)).min(original.len());
        while !original.is_char_boundary(at) {
            if round_up { at += 1 } else { at -= 1 }
        }
        at
    }

    /// The stretch of `original` (the text this plain text was made of) that a span of the
    /// plain text reads.
    pub fn original_span(&self, original: &str, span: &Span) -> Span {
        let start = self.offset(original, span.start, false);
        start..self.offset(original, span.end, true).max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        Plain::new(s).as_str().to_string()
    }

    /// A line as long as a wrapped one, up to its last word.
    const LINE: &str = "The Parties agree that an armed attack against one or more of them,";

    #[test]
    fn debris_is_taken_out() {
        let wrapped = |tail: &str| plain(&format!("{LINE} {tail}"))[LINE.len() + 1..].to_string();
        assert_eq!(wrapped("an armed\r\nattack"), "an armed attack");
        assert_eq!(wrapped("an armed\rattack"), "an armed attack");
        assert_eq!(
            wrapped("notice of with-\n   drawal"),
            "notice of withdrawal"
        );
        assert_eq!(wrapped("with\u{ad}\ndrawal"), "withdrawal");
        // A hyphen before a capital stays; before a digit or a blank line, the break stays too.
        assert_eq!(wrapped("Franco-\nGerman"), "Franco-German");
        assert_eq!(
            wrapped("1949-\n1950 end-\n\nnext"),
            "1949- 1950 end-\n\nnext"
        );
        // A short line ends where its author ended it: a heading, a title.
        assert_eq!(plain("Article 5\nThe Parties"), "Article 5\nThe Parties");
        assert_eq!(
            plain("one.\r\n\r\nTwo\t \u{a0}three\u{2009}four"),
            "one.\nTwo three four"
        );
        assert_eq!(plain("\u{feff}de\u{ad}nun\u{ad}ciation"), "denunciation");
        assert_eq!(plain("the ﬁrst conﬂict"), "the first conflict");
        assert_eq!(plain("each other’s “Council”"), "each other's \"Council\"");
        let han = "缔约双方将根据其此前达成的协议和协定开展不针对第三国的军事和军技合作，扩大和加强军事领域的信任措施";
        assert_eq!(plain(&format!("{han}\n会议")), format!("{han}会议"));
        assert_eq!(plain("page\u{c}next"), "page\nnext");
    }

    #[test]
    fn within_lines_the_breaks_stay() {
        let within = |s: &str| Plain::within_lines(s).as_str().to_string();
        let original = format!("{LINE} an\tarmed\u{a0} attack\r\non the ﬁrst with-\ndra\u{ad}wal");
        assert_eq!(
            within(&original),
            format!("{LINE} an armed attack\r\non the first with-\ndrawal")
        );
        assert_eq!(
            within("Article 5\n\n  The\u{2009}Parties"),
            "Article 5\n\n  The Parties"
        );
        let p = Plain::within_lines(&original);
        let at = p.as_str().rfind("armed attack").unwrap();
        let span = p.original_span(&original, &(at..at + "armed attack".len()));
        assert_eq!(&original[span], "armed\u{a0} attack");
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let original = format!("{LINE} An  armed\r\nattack on the ﬁrst with-\ndrawal’s “notice”");
        let p = Plain::new(&original);
        for (word, want) in [
            ("armed attack", "armed\r\nattack"),
            ("first", "ﬁrst"),
            ("withdrawal's", "with-\ndrawal’s"),
            ("\"notice\"", "“notice”"),
            ("An", "An"),
        ] {
            let at = p.as_str().rfind(word).unwrap();
            let span = p.original_span(&original, &(at..at + word.len()));
            assert_eq!(&original[span], want);
        }
    }

    proptest::proptest! {
        /// Any plain offset maps into the original on a character boundary, in order.
        #[test]
        fn offsets_map_in_order_onto_boundaries(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "word", " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "-", "\u{ad}", "\u{a0}",
                "\u{2009}", "ﬁ", "ﬃ", "’", "“", "缔约", "。", "\u{feff}", "\u{c}", "É", LINE,
            ]), 0..24)
        ) {
            let original = pieces.concat();
            let p = Plain::new(&original);
            let mut last = 0;
            for at in (0..=p.as_str().len()).filter(|&i| p.as_str().is_char_boundary(i)) {
                let span = p.original_span(&original, &(at..at));
                proptest::prop_assert!(original.is_char_boundary(span.start));
                proptest::prop_assert!(original.is_char_boundary(span.end));
                proptest::prop_assert!(span.start >= last && span.end <= original.len());
                last = span.start;
            }
            proptest::prop_assert_eq!(p.original_span(&original, &(0..p.as_str().len())).end, original.len());
        }
    }
}
