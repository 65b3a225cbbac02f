//! The prefixes of a pattern that the prefilter's literals are: computed by the crate for a
//! user's language files, and by `build.rs` (which includes this file) for the built-in ones.

use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{self, Hir, HirKind};

/// Strings every match of a pattern begins with; None if some match begins with none (the
/// pattern is then searched in full).
pub type Prefixes = Option<Vec<Vec<u8>>>;

/// Per pattern of a language, its prefixes from what `build.rs` writes: compressed with
/// DEFLATE (zlib), per pattern the number of its literals in two bytes, little-endian (`0xffff`
/// for None), then each literal's length in one byte and its bytes. None if the data does not
/// read.
pub fn decode(compressed: &[u8]) -> Option<Vec<Prefixes>> {
    let data = miniz_oxide::inflate::decompress_to_vec_zlib(compressed).ok()?;
    let mut data = data.as_slice();
    let mut take = |n: usize| -> Option<&[u8]> {
        let (taken, rest) = data.split_at_checked(n)?;
        data = rest;
        Some(taken)
    };
    let mut decoded = Vec::new();
    while let Some(count) = take(2) {
        let count = u16::from_le_bytes([count[0], count[1]]);
        if count == u16::MAX {
            decoded.push(None);
            continue;
        }
        let literals = (0..count)
            .map(|_| take(1).and_then(|len| take(usize::from(len[0])).map(<[u8]>::to_vec)))
            .collect::<Option<Vec<_>>>()?;
        decoded.push(Some(literals));
    }
    Some(decoded)
}

/// The prefixes of what `hir` matches, in ASCII small letters (see [`ascii_lowercased`]).
pub fn prefixes(hir: &Hir) -> Prefixes {
    let prefixes = Extractor::new().extract(&ascii_lowercased(hir));
    match prefixes.literals() {
        Some(lits) if !lits.iter().any(|l| l.is_empty()) => {
            Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
        }
        _ => None,
    }
}

/// The letters outside ASCII that `(?i)` matches with ASCII letters: the Kelvin sign with k, ſ
/// with s. The prefilter's literals read them as those letters, and a text that has them is
/// searched in full.
pub const FOLDING_TO_ASCII: [(char, char); 2] = [('\u{212a}', 'k'), ('ſ', 's')];

/// What `hir` matches, with the ASCII capitals (and the letters of [`FOLDING_TO_ASCII`]) it
/// matches replaced by ASCII small letters: the prefixes drawn from it are searched
/// ASCII-case-insensitively, so one literal stands for the up to 2ⁿ case variants that `(?i)`
/// gives. Byte classes (`(?-u)`) are left as they are: a case-insensitive search only widens
/// what their literals find.
fn ascii_lowercased(hir: &Hir) -> Hir {
    let single = |c: char| hir::ClassUnicodeRange::new(c, c);
    match hir.kind() {
        HirKind::Literal(hir::Literal(bytes)) => Hir::literal(bytes.to_ascii_lowercase()),
        HirKind::Class(hir::Class::Unicode(class)) => {
            let mut replaced = hir::ClassUnicode::new([hir::ClassUnicodeRange::new('A', 'Z')]);
            let mut folded = class.clone();
            for r in class.iter() {
                let (from, to) = (r.start().max('A'), r.end().min('Z'));
                if from <= to {
                    folded.push(hir::ClassUnicodeRange::new(
                        from.to_ascii_lowercase(),
                        to.to_ascii_lowercase(),
                    ));
                }
            }
            for (letter, ascii) in FOLDING_TO_ASCII {
                replaced.push(single(letter));
                if class
                    .iter()
                    .any(|r| r.start() <= letter && letter <= r.end())
                {
                    folded.push(single(ascii));
                }
            }
            folded.difference(&replaced);
            Hir::class(hir::Class::Unicode(folded))
        }
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(ascii_lowercased(&r.sub)),
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(ascii_lowercased(&c.sub)),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(ascii_lowercased).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(ascii_lowercased).collect()),
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(hir::Class::Bytes(_)) => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_are_one_literal() {
        let hir = regex_syntax::parse(r"(?i)aB[c-eX-Z]ésk\w{2}").unwrap();
        let want = regex_syntax::parse(r"ab[c-ex-z][éÉ]sk").unwrap();
        let word = regex_syntax::parse(r"\w").unwrap();
        let HirKind::Class(hir::Class::Unicode(word)) = word.kind() else {
            unreachable!()
        };
        let mut word_folded = word.clone();
        word_folded.difference(&hir::ClassUnicode::new([
            hir::ClassUnicodeRange::new('A', 'Z'),
            hir::ClassUnicodeRange::new('ſ', 'ſ'),
            hir::ClassUnicodeRange::new('\u{212a}', '\u{212a}'),
        ]));
        let tail = Hir::repetition(hir::Repetition {
            min: 2,
            max: Some(2),
            greedy: true,
            sub: Box::new(Hir::class(hir::Class::Unicode(word_folded))),
        });
        assert_eq!(ascii_lowercased(&hir), Hir::concat(vec![want, tail]));
    }

    #[test]
    fn only_these_letters_fold_to_ascii() {
        let mut found = Vec::new();
        for ascii in 'a'..='z' {
            let mut class = hir::ClassUnicode::new([hir::ClassUnicodeRange::new(ascii, ascii)]);
            class.case_fold_simple();
            for r in class.iter() {
                found.extend(
                    (r.start()..=r.end())
                        .filter(|c| !c.is_ascii())
                        .map(|c| (c, ascii)),
                );
            }
        }
        assert_eq!(found, FOLDING_TO_ASCII);
    }
}
