//! Numbers as treaties and sheets write them: digits, Roman numerals, Chinese numerals and
//! number words. The words themselves are data (the `[numbers]` tables of `schemas/lang/*.toml`).

use std::collections::HashMap;

/// Parses ASCII or full-width digits.
pub fn parse_digits(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 18 {
        return None;
    }
    let mut v: u64 = 0;
    for c in s.chars() {
        v = v * 10 + digit_value(c)?;
    }
    Some(v)
}

/// The value of an ASCII or full-width digit: the digits `[0-9０-９]` in the patterns match.
pub fn digit_value(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(c as u64 - '0' as u64),
        '０'..='９' => Some(c as u64 - '０' as u64),
        _ => None,
    }
}

/// Parses a Roman numeral (I … MMMCMXCIX), either case, strictly formed.
pub fn parse_roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    let upper = s.to_ascii_uppercase();
    let val = |c: u8| match c {
        b'I' => Some(1),
        b'V' => Some(5),
        b'X' => Some(10),
        b'L' => Some(50),
        b'C' => Some(100),
        b'D' => Some(500),
        b'M' => Some(1000),
        _ => None,
    };
    let bytes = upper.as_bytes();
    let mut t = 0i64;
    let mut i = 0;
    while i < bytes.len() {
        let v = val(bytes[i])? as i64;
        let next = bytes.get(i + 1).and_then(|&b| val(b)).map(|n| n as i64);
        match next {
            Some(n) if n > v => {
                t += n - v;
                i += 2;
            }
            _ => {
                t += v;
                i += 1;
            }
        }
    }
    let t = u32::try_from(t).ok()?;
    (t > 0 && to_roman(t) == upper).then_some(t)
}

/// Writes a number as an upper-case Roman numeral (1 ..= 3999).
pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The characters Chinese numerals are written with.
pub fn is_chinese_numeral_char(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_unit(c).is_some()
}

fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' | '○' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '貳' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn chinese_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        '万' | '萬' => 10_000,
        _ => return None,
    })
}

/// Parses a Chinese numeral: 十九, 二十一, 一百零二, 两千, and digit strings such as 二〇〇二.
/// White space inside is ignored (第十 一条); ASCII digits mixed in are accepted.
pub fn parse_chinese(s: &str) -> Option<u64> {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.is_empty() {
        return None;
    }
    if chars.iter().all(|c| c.is_ascii_digit()) {
        return parse_digits(&chars.iter().collect::<String>());
    }
    if !chars.iter().any(|&c| chinese_unit(c).is_some()) {
        // Digit by digit: 二〇〇二.
        let mut v = 0u64;
        for &c in &chars {
            let d = chinese_digit(c).or_else(|| digit_value(c))?;
            v = v.checked_mul(10)?.checked_add(d)?;
        }
        return Some(v);
    }
    let mut total = 0u64;
    let mut section = 0u64;
    let mut digit: Option<u64> = None;
    for &c in &chars {
        if let Some(d) = chinese_digit(c).or_else(|| digit_value(c)) {
            digit = Some(d);
        } else if let Some(u) = chinese_unit(c) {
            if u == 10_000 {
                section += digit.take().unwrap_or(0);
                total += section.max(1) * u;
                section = 0;
            } else {
                section += digit.take().unwrap_or(1) * u;
            }
        } else {
            return None;
        }
    }
    Some(total + section + digit.unwrap_or(0))
}

/// Number words of one or more languages.
#[derive(Clone, Debug, Default)]
pub struct NumberWords {
    /// Lower-case word → value, for cardinals and ordinals alike.
    values: HashMap<String, u64>,
    /// Words that multiply what precedes them: hundred, thousand, cent, mille.
    scales: HashMap<String, u64>,
    /// Words skipped between number words: "and", "et", "y".
    connectors: Vec<String>,
    /// Joiners of single-word compounds, unit first: Dutch "een|en|twintig", German "ein|und|zwanzig".
    joiners: Vec<String>,
    /// Endings that make a cardinal an ordinal: German "vier|ten", "zwanzig|sten", Dutch
    /// "zeventien|de".
    ordinal_suffixes: Vec<String>,
}

impl NumberWords {
    pub fn add_value(&mut self, word: &str, value: u64) {
        self.values.insert(word.to_lowercase(), value);
    }
    pub fn add_scale(&mut self, word: &str, value: u64) {
        self.scales.insert(word.to_lowercase(), value);
    }
    pub fn add_connector(&mut self, word: &str) {
        self.connectors.push(word.to_lowercase());
    }
    pub fn add_joiner(&mut self, word: &str) {
        self.joiners.push(word.to_lowercase());
    }
    pub fn add_ordinal_suffix(&mut self, suffix: &str) {
        self.ordinal_suffixes.push(suffix.to_lowercase());
    }

    /// Value of a single word (no scales), trying single-word compounds and ordinal endings
    /// ("einunddreißigsten", "zeventiende").
    pub fn word(&self, w: &str) -> Option<u64> {
        let w = w.to_lowercase();
        self.cardinal(&w).or_else(|| {
            self.ordinal_suffixes.iter().find_map(|suffix| {
                w.strip_suffix(suffix.as_str())
                    .filter(|stem| !stem.is_empty())
                    .and_then(|stem| self.cardinal(stem))
            })
        })
    }

    /// A word that is written in full as a number, or joins a unit and a ten.
    fn cardinal(&self, w: &str) -> Option<u64> {
        if let Some(&v) = self.values.get(w) {
            return Some(v);
        }
        for j in &self.joiners {
            for (i, _) in w.match_indices(j.as_str()) {
                let (unit, rest) = (&w[..i], &w[i + j.len()..]);
                if let (Some(&u), Some(&t)) = (self.values.get(unit), self.values.get(rest))
                    && u < 10
                    && t % 10 == 0
                    && (20..100).contains(&t)
                {
                    return Some(t + u);
                }
            }
        }
        None
    }

    fn token_value(&self, tok: &str) -> Option<Token> {
        let t = tok.to_lowercase();
        if let Some(&s) = self.scales.get(&t) {
            return Some(Token::Scale(s));
        }
        if let Some(v) = parse_digits(&t) {
            return Some(Token::Digits(v));
        }
        if let Some(v) = self.word(&t) {
            return Some(Token::Value(v));
        }
        if self.connectors.contains(&t) {
            return Some(Token::Connector);
        }
        None
    }

    /// Parses the longest number starting at `words[0]`; returns the value and how many words it
    /// used. Hyphenated words are split, trying the longest joined prefix first
    /// ("quatre-vingt-dix" = quatre-vingt + dix).
    pub fn parse(&self, words: &[&str]) -> Option<(u64, usize)> {
        let mut parts: Vec<(Token, usize)> = Vec::new();
        'words: for (wi, w) in words.iter().enumerate() {
            let pieces: Vec<&str> = w.split(['-', '‐']).filter(|p| !p.is_empty()).collect();
            let mut i = 0;
            let mut got = Vec::new();
            while i < pieces.len() {
                let mut matched = false;
                for j in (i + 1..=pieces.len()).rev() {
                    let joined = pieces[i..j].join("-");
                    if let Some(t) = self.token_value(&joined) {
                        got.push(t);
                        i = j;
                        matched = true;
                        break;
                    }
                }
                if !matched {
                    // A compound of number words written as one: "neunzehnhundertneunundvierzig",
                    // "negentienhonderd".
                    match self.compound(pieces[i]) {
                        Some(tokens) => {
                            got.extend(tokens);
                            i += 1;
                        }
                        None => break 'words,
                    }
                }
            }
            if pieces.is_empty() {
                break;
            }
            for t in got {
                parts.push((t, wi + 1));
            }
        }
        // Fold: values add within a group; scales multiply the group; thousands close it.
        let mut total = 0u64;
        let mut group = 0u64;
        let mut used = 0;
        let mut any = false;
        let mut last_was_value = false;
        for (tok, end) in parts {
            match tok {
                // Digits stand alone: "23 1939" is two numbers.
                Token::Digits(v) => {
                    if any {
                        break;
                    }
                    return Some((v, end));
                }
                Token::Connector => {
                    if !any {
                        break;
                    }
                    continue;
                }
                Token::Value(v) => {
                    // Two plain units in a row ("five six") are two numbers, not one.
                    if last_was_value && group % 10 != 0 && v < 10 {
                        break;
                    }
                    group = group.saturating_add(v);
                    last_was_value = true;
                }
                Token::Scale(s) => {
                    if s >= 1000 {
                        total = total.saturating_add(group.max(1).saturating_mul(s));
                        group = 0;
                    } else {
                        group = group.max(1).saturating_mul(s);
                    }
                    last_was_value = false;
                }
            }
            any = true;
            used = end;
        }
        any.then_some((total + group, used))
    }
}

impl NumberWords {
    /// `word` cut into number words, scales and connectors, fewest pieces first, when it is
    /// made of nothing else and holds at least two numbers ("neunzehn|hundert|neunund|vierzig"
    /// reads as 19 × 100 + 9 + 40); "undone" (a connector and one number) is no number.
    fn compound(&self, word: &str) -> Option<Vec<Token>> {
        let w = word.to_lowercase();
        if w.len() > 64 {
            return None;
        }
        let bounds: Vec<usize> = w.char_indices().map(|(i, _)| i).chain([w.len()]).collect();
        // best[k]: the fewest tokens that make w[..bounds[k]], with the last cut.
        let mut best: Vec<Option<(usize, Token)>> = vec![None; bounds.len()];
        let mut counts: Vec<usize> = vec![usize::MAX; bounds.len()];
        counts[0] = 0;
        for end in 1..bounds.len() {
            for start in 0..end {
                if counts[start] == usize::MAX {
                    continue;
                }
                let piece = &w[bounds[start]..bounds[end]];
                if piece.len() < 2 {
                    continue;
                }
                let Some(token) = self.token_value(piece) else {
                    continue;
                };
                if matches!(token, Token::Digits(_)) {
                    continue;
                }
                if counts[start] + 1 < counts[end] {
                    counts[end] = counts[start] + 1;
                    best[end] = Some((start, token));
                }
            }
        }
        let mut tokens = Vec::new();
        let mut at = bounds.len() - 1;
        while at > 0 {
            let (start, token) = best[at]?;
            tokens.push(token);
            at = start;
        }
        tokens.reverse();
        let numbers = tokens
            .iter()
            .filter(|t| matches!(t, Token::Value(_) | Token::Scale(_)))
            .count();
        let ends_well = |t: Option<&Token>| !matches!(t, None | Some(Token::Connector));
        (numbers >= 2 && tokens.len() > 1 && ends_well(tokens.first()) && ends_well(tokens.last()))
            .then_some(tokens)
    }
}

#[derive(Clone, Copy)]
enum Token {
    Digits(u64),
    Value(u64),
    Scale(u64),
    Connector,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> NumberWords {
        let mut n = NumberWords::default();
        for (w, v) in [
            ("one", 1),
            ("two", 2),
            ("five", 5),
            ("nine", 9),
            ("twenty", 20),
            ("forty", 40),
            ("fourth", 4),
            ("vingt", 20),
            ("quatre-vingt", 80),
            ("dix", 10),
            ("een", 1),
        ] {
            n.add_value(w, v);
        }
        n.add_scale("hundred", 100);
        n.add_scale("thousand", 1000);
        n.add_connector("and");
        n.add_joiner("en");
        n
    }

    #[test]
    fn chinese() {
        assert_eq!(parse_chinese("十九"), Some(19));
        assert_eq!(parse_chinese("十 一"), Some(11));
        assert_eq!(parse_chinese("二十一"), Some(21));
        assert_eq!(parse_chinese("二十"), Some(20));
        assert_eq!(parse_chinese("一百零二"), Some(102));
        assert_eq!(parse_chinese("二〇〇二"), Some(2002));
        assert_eq!(parse_chinese("两千"), Some(2000));
        assert_eq!(parse_chinese("第"), None);
    }

    #[test]
    fn roman() {
        assert_eq!(parse_roman("IV"), Some(4));
        assert_eq!(parse_roman("xiv"), Some(14));
        assert_eq!(parse_roman("IIII"), None);
        assert_eq!(parse_roman("IL"), None);
        assert_eq!(parse_roman("MCMXLIX"), Some(1949));
        assert_eq!(parse_roman("A"), None);
    }

    #[test]
    fn words() {
        let n = english();
        let w = |s: &str| n.parse(&s.split_whitespace().collect::<Vec<_>>());
        assert_eq!(w("twenty years"), Some((20, 1)));
        assert_eq!(
            w("one thousand nine hundred and forty-nine"),
            Some((1949, 6))
        );
        assert_eq!(w("quatre-vingt-dix"), Some((90, 1)));
        assert_eq!(w("fourth day"), Some((4, 1)));
        assert_eq!(w("and five"), None);
        assert_eq!(n.word("eenentwintig"), None); // twintig unknown here
        assert_eq!(w("five nine"), Some((5, 1)));
        assert_eq!(w("23 1939"), Some((23, 1)));
        assert_eq!(w("twenty 5"), Some((20, 1)));
    }

    #[test]
    fn compounds_and_ordinal_endings() {
        let langs = crate::model::lang::Languages::builtin();
        let w = |s: &str| {
            langs
                .numbers
                .parse(&s.split_whitespace().collect::<Vec<_>>())
        };
        assert_eq!(w("neunzehnhundertneunundvierzig"), Some((1949, 1)));
        assert_eq!(w("negentienhonderd negenenveertig"), Some((1949, 2)));
        assert_eq!(w("tweeduizend twee"), Some((2002, 2)));
        assert_eq!(w("zweitausendzwei"), Some((2002, 1)));
        assert_eq!(w("eintausendneunhundertvierundfünfzig"), Some((1954, 1)));
        assert_eq!(langs.numbers.word("dritten"), Some(3));
        assert_eq!(langs.numbers.word("vierundzwanzigsten"), Some(24));
        assert_eq!(langs.numbers.word("zeventiende"), Some(17));
        // Words that only look like pieces of numbers.
        for word in ["undone", "einen", "tendons", "achtung", "vierte-x"] {
            assert_eq!(w(word), None, "{word}");
        }
    }
}
