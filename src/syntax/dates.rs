//! Dates: in sheets (English, "December 23, 2002", "06/03/2003") and in treaty prose in every
//! language the lexicons know ("二〇〇二年十二月二十三日", "the fourth day of April, 1949",
//! "le 4 avril 1949").

use crate::model::lang::Languages;
use crate::syntax::numerals::{digit_value, parse_chinese, parse_digits};
use crate::text::Span;
use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// A calendar date, always valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// "December 23, 2002".
    pub fn english(&self) -> String {
        format!(
            "{} {}, {}",
            ENGLISH_MONTHS[(self.month - 1) as usize],
            self.day,
            self.year
        )
    }
}

/// A date written in a sheet, or something written like one that is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    pub value: Result<Date, String>,
}

fn english_month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    ENGLISH_MONTHS
        .iter()
        .position(|m| {
            let m = m.to_ascii_lowercase();
            m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .map(|i| i as u32 + 1)
}

/// A word one or two edits away from a month name: "Decmber", "Febuary".
fn misspelled_month(word: &str) -> Option<&'static str> {
    let w = word.to_ascii_lowercase();
    if w.len() < 5 {
        return None;
    }
    ENGLISH_MONTHS
        .iter()
        .find(|m| {
            let m = m.to_ascii_lowercase();
            m != w && edit_distance(&m, &w) <= if m.len() > 6 { 2 } else { 1 }
        })
        .copied()
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

static SHEET_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(?P<mname>[A-Za-z]{3,10})\.?\s+(?P<mday>[0-9０-９]{1,2})(?:st|nd|rd|th)?,?\s+(?P<myear>[0-9０-９]{4})\b
      | \b(?P<dday>[0-9０-９]{1,2})(?:st|nd|rd|th)?\s+(?P<dname>[A-Za-z]{3,10})\.?,?\s+(?P<dyear>[0-9０-９]{4})\b
      | \b(?P<n1>[0-9０-９]{1,2})/(?P<n2>[0-9０-９]{1,2})/(?P<nyear>[0-9０-９]{4})\b
      | \b(?P<iyear>[0-9０-９]{4})-(?P<imonth>[0-9０-９]{2})-(?P<iday>[0-9０-９]{2})\b
    ",
    )
    .expect("valid regex")
});

/// Builds the date patterns (see [`crate::syntax::sheet::compile_patterns`]).
pub fn compile_patterns() {
    LazyLock::force(&SHEET_DATE);
    LazyLock::force(&CJK_DATE);
}

/// Whether `s` has four digits in a row. Every form `SHEET_DATE` reads has a four-digit year,
/// and most answers have none: this check spares them the regex search.
fn has_four_digit_run(s: &str) -> bool {
    // Most answers are ASCII: a byte run is counted without decoding characters.
    if s.is_ascii() {
        return s
            .as_bytes()
            .split(|b| !b.is_ascii_digit())
            .any(|run| run.len() >= 4);
    }
    let mut run = 0;
    for c in s.chars() {
        run = if digit_value(c).is_some() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// Finds the dates of a sheet's English text within `span`.
pub fn sheet_dates(text: &str, span: Span) -> Vec<DateMention> {
    let mut out = Vec::new();
    let hay = &text[span.clone()];
    if !has_four_digit_run(hay) {
        return out;
    }
    for c in SHEET_DATE.captures_iter(hay) {
        let m = c.get(0).expect("whole match");
        let at = span.start + m.start()..span.start + m.end();
        let num = |n: &str| c.name(n).and_then(|m| parse_digits(m.as_str()));
        let value = if let Some(name) = c.name("mname").or(c.name("dname")) {
            let day = num("mday").or(num("dday")).unwrap_or(0) as u32;
            let year = num("myear").or(num("dyear")).unwrap_or(0) as i32;
            match english_month(name.as_str()) {
                Some(month) => Date::new(year, month, day).ok_or_else(|| {
                    format!(
                        "{} has no day {day} in {year}",
                        ENGLISH_MONTHS[month as usize - 1]
                    )
                }),
                None => match misspelled_month(name.as_str()) {
                    Some(month) => Err(format!(
                        "\"{}\" is not a month; did you mean {month}?",
                        name.as_str()
                    )),
                    None => continue,
                },
            }
        } else if let (Some(a), Some(b), Some(year)) = (num("n1"), num("n2"), num("nyear")) {
            let (a, b) = (a as u32, b as u32);
            // Month first, as in the ATOP sheets ("06/03/2003"), unless only day-first can be.
            let (month, day) = if a > 12 && b <= 12 { (b, a) } else { (a, b) };
            Date::new(year as i32, month, day)
                .ok_or_else(|| format!("{} is not a date", m.as_str()))
        } else {
            let (y, mo, d) = (num("iyear"), num("imonth"), num("iday"));
            Date::new(
                y.unwrap_or(0) as i32,
                mo.unwrap_or(0) as u32,
                d.unwrap_or(0) as u32,
            )
            .ok_or_else(|| format!("{} is not a date", m.as_str()))
        };
        if let Ok(d) = &value
            && !(1000..=2999).contains(&d.year)
        {
            continue;
        }
        out.push(DateMention { span: at, value });
    }
    out
}

static CJK_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([〇零○一二三四五六七八九十0-9０-９]{4})\s*年\s*([一二三四五六七八九十0-9０-９]{1,3})\s*月\s*([一二三四五六七八九十0-9０-９]{1,3})\s*日")
        .expect("valid regex")
});

/// The words of `text`: a letter or digit, then letters, digits, apostrophes and hyphens ("l'an",
/// "twenty-first"), with a closing period ("févr."). Read by hand: the regex for it took longer
/// to compile than a treaty takes to read.
fn words(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')) {
                end = at + usize::from(c == '.');
                if c == '.' {
                    chars.next();
                }
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

/// Finds the dates written in treaty prose, in any language of `langs`.
pub fn prose_dates(text: &str, langs: &Languages) -> Vec<(Span, Date)> {
    let mut out = Vec::new();
    for c in CJK_DATE.captures_iter(text) {
        let n = |i: usize| parse_chinese(&c[i]);
        if let (Some(y), Some(m), Some(d)) = (n(1), n(2), n(3))
            && let Some(date) = Date::new(y as i32, m as u32, d as u32)
        {
            out.push((c.get(0).expect("whole match").range(), date));
        }
    }
    let words: Vec<(Span, String)> = words(text)
        .map(|span| {
            let w = &text[span.clone()];
            let w = w.strip_suffix('.').unwrap_or(w);
            (span, w.to_lowercase())
        })
        .collect();
    let is_filler = |w: &str| langs.fillers.iter().any(|f| f == w);
    let number_at = |i: usize| -> Option<(u64, usize)> {
        let slice: Vec<&str> = words[i..(i + 8).min(words.len())]
            .iter()
            .map(|(_, w)| strip_ordinal(w))
            .collect();
        langs.numbers.parse(&slice)
    };
    for (i, (span, w)) in words.iter().enumerate() {
        let Some(&month) = langs.months.get(w.as_str()) else {
            continue;
        };
        // Day before the month ("the fourth day of April", "le 12 mars", "23 декабря").
        let mut j = i;
        while j > 0 && i - j < 4 && is_filler(&words[j - 1].1) {
            j -= 1;
        }
        let mut day = None;
        let mut start = span.start;
        for k in (j.saturating_sub(6)..j).rev() {
            if let Some((v, used)) = number_at(k)
                && k + used == j
                && (1..=31).contains(&v)
            {
                day = Some(v as u32);
                start = words[k].0.start;
            }
        }
        // Year (and maybe the day, English style) after the month.
        let mut k = i + 1;
        let mut year = None;
        let mut end = span.end;
        while k < words.len() && k <= i + 8 {
            if is_filler(&words[k].1) {
                k += 1;
                continue;
            }
            match number_at(k) {
                Some((v, used)) if (1000..=2999).contains(&v) => {
                    year = Some(v as i32);
                    end = words[k + used - 1].0.end;
                    break;
                }
                Some((v, used)) if day.is_none() && (1..=31).contains(&v) => {
                    day = Some(v as u32);
                    k += used;
                }
                _ => break,
            }
        }
        if let (Some(y), Some(d)) = (year, day)
            && let Some(date) = Date::new(y, month, d)
            && !out
                .iter()
                .any(|(s, _): &(Span, Date)| s.start <= start && start < s.end)
        {
            out.push((start..end, date));
        }
    }
    out.sort_by_key(|(s, _)| s.start);
    out
}

/// "4th" → "4", "1er" stays (a listed ordinal), "23." → "23".
fn strip_ordinal(w: &str) -> &str {
    let w = w.trim_end_matches('.');
    for suf in ["st", "nd", "rd", "th", "e", "ste", "de"] {
        if let Some(d) = w.strip_suffix(suf)
            && !d.is_empty()
            && d.bytes().all(|b| b.is_ascii_digit())
        {
            return d;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_check_passes_everything_the_date_pattern_reads() {
        for s in [
            "December 23, 2002",
            "23rd Dec. 1949",
            "06/03/2003",
            "2018-06-01",
            "June 1, ２０１８",
            "Decmber 23, 2002",
        ] {
            assert!(SHEET_DATE.is_match(s), "{s}");
            assert!(has_four_digit_run(s), "{s}");
        }
        // Digits of other scripts are no year the sheet's dates can have: not read as one.
        for s in [
            "No.",
            "Art. 19",
            "#109",
            "710 China",
            "12 3 45 678",
            "June 1, ٢٠١٨",
        ] {
            assert!(!has_four_digit_run(s), "{s}");
            assert!(sheet_dates(s, 0..s.len()).is_empty(), "{s}");
        }
    }

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn sheet_formats() {
        let t = "Signed December 23, 2002; noted 06/03/2003, 23 Dec 2002 and 2002-12-23.";
        let got: Vec<_> = sheet_dates(t, 0..t.len())
            .into_iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(
            got,
            vec![
                Ok(d(2002, 12, 23)),
                Ok(d(2003, 6, 3)),
                Ok(d(2002, 12, 23)),
                Ok(d(2002, 12, 23))
            ]
        );
    }

    #[test]
    fn full_width_digits_are_read() {
        let t = "Signed June 1, ２０１８.";
        let got: Vec<_> = sheet_dates(t, 0..t.len())
            .into_iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(got, vec![Ok(d(2018, 6, 1))]);
        let t = "本条约于２００２年１２月２３日签订。";
        let got: Vec<Date> = prose_dates(t, Languages::builtin())
            .into_iter()
            .map(|(_, d)| d)
            .collect();
        assert_eq!(got, vec![d(2002, 12, 23)]);
    }

    #[test]
    fn prose_words() {
        let t = "l’an deux-mille, févr. 2002; «23» ...";
        let got: Vec<&str> = words(t).map(|w| &t[w]).collect();
        assert_eq!(got, vec!["l’an", "deux-mille", "févr.", "2002", "23"]);
    }

    #[test]
    fn sheet_errors() {
        let t = "February 30, 2002 and Decmber 23, 2002 and 13/45/2003 and Version 4, 2018";
        let got: Vec<_> = sheet_dates(t, 0..t.len());
        assert_eq!(got.len(), 3);
        assert!(got.iter().all(|m| m.value.is_err()));
        assert_eq!(
            got[1].value,
            Err("\"Decmber\" is not a month; did you mean December?".into())
        );
    }

    #[test]
    fn prose_in_languages() {
        let l = Languages::builtin();
        let cases = [
            (
                "本条约于二〇〇二年十二月二十三日在北京签订。",
                d(2002, 12, 23),
            ),
            (
                "Done at Washington, the fourth day of April, 1949.",
                d(1949, 4, 4),
            ),
            ("Fait à Téhéran, le 12 mars 1930.", d(1930, 3, 12)),
            ("Gedaan te Washington, de vierde April 1949.", d(1949, 4, 4)),
            (
                "HECHO en la ciudad de Lima a los dieciseis días del mes de noviembre de 1987",
                d(1987, 11, 16),
            ),
            ("Moscow, August 23, 1939.", d(1939, 8, 23)),
            (
                "this eighth day of August, one thousand nine hundred and forty-nine",
                d(1949, 8, 8),
            ),
            ("Совершено в Пекине 23 декабря 2002 года", d(2002, 12, 23)),
            ("Geschehen zu Moskau am 23. August 1939", d(1939, 8, 23)),
        ];
        for (text, want) in cases {
            let got: Vec<Date> = prose_dates(text, l).into_iter().map(|(_, d)| d).collect();
            assert_eq!(got, vec![want], "{text}");
        }
    }
}
