//! The Correlates of War state-system list: codes, abbreviations, names and membership periods.

use crate::syntax::dates::Date;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One period of system membership of a state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tenure {
    pub abbrev: String,
    pub name: String,
    pub start: Date,
    pub end: Date,
    /// Whether the tenure starts on the list's first day (1 January 1816): the list does not
    /// say since when before that, so it counts as a membership from any earlier date too
    /// (ATOP codes alliances from 1815).
    pub from_the_list_start: bool,
}

impl Tenure {
    fn started_by(&self, date: Date) -> bool {
        self.from_the_list_start || self.start <= date
    }
}

/// A COW state: every tenure under one code, and the names it goes by.
#[derive(Clone, Debug)]
pub struct State {
    pub code: u32,
    pub tenures: Vec<Tenure>,
    /// Extra spellings from data/cow/aliases.toml.
    pub aliases: Vec<String>,
}

impl State {
    /// The name of the latest tenure.
    pub fn name(&self) -> &str {
        self.tenures.last().map_or("", |t| t.name.as_str())
    }
    pub fn abbrev(&self) -> &str {
        self.tenures.last().map_or("", |t| t.abbrev.as_str())
    }
    /// Whether the state was a system member on `date`.
    pub fn member_on(&self, date: Date) -> bool {
        self.tenures
            .iter()
            .any(|t| t.started_by(date) && date <= t.end)
    }
    /// Whether the state was a system member at any time from `start` to `end` (open-ended
    /// when None).
    pub fn member_between(&self, start: Date, end: Option<Date>) -> bool {
        self.tenures
            .iter()
            .any(|t| t.end >= start && end.is_none_or(|e| t.started_by(e)))
    }
    /// Every name: tenure names, abbreviations, aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.tenures
            .iter()
            .flat_map(|t| [t.name.as_str(), t.abbrev.as_str()])
            .chain(self.aliases.iter().map(String::as_str))
    }
    /// Membership periods for display: "1860-10-25 – 2024-12-31".
    pub fn periods(&self) -> String {
        self.tenures
            .iter()
            .map(|t| format!("{} – {}", t.start, t.end))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The whole list, by code.
#[derive(Debug, Default)]
pub struct CowStates {
    states: BTreeMap<u32, State>,
    /// Normalized name → codes that carry it.
    by_name: BTreeMap<String, Vec<u32>>,
}

/// Lower case, letters and digits only, single spaces; "the" dropped; the spellings the COW
/// list mixes made one: "&" is "and", "Saint" is "St." ("Antigua & Barbuda", "St. Kitts and
/// Nevis").
pub fn normalize_name(s: &str) -> String {
    let mut out = String::new();
    for word in s
        .split(|c: char| !(c.is_alphanumeric() || c == '&'))
        .flat_map(|w| w.split('&').enumerate())
        .flat_map(|(i, w)| [(i > 0).then_some("and"), Some(w)])
        .flatten()
        .filter(|w| !w.is_empty())
    {
        let w = match word.to_lowercase() {
            w if w == "saint" => "st".to_string(),
            w => w,
        };
        if w == "the" {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

impl CowStates {
    /// Parses `stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version`
    /// rows and a TOML table of aliases (`code = ["name", ...]`).
    pub fn parse(csv: &str, aliases: &str) -> Result<CowStates, String> {
        let mut states: BTreeMap<u32, State> = BTreeMap::new();
        for (i, line) in csv.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split(',').map(str::trim).collect();
            let bad = || format!("COW list line {}: cannot read {line:?}", i + 1);
            if f.len() < 9 {
                return Err(bad());
            }
            let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
            let code = num(f[1])?;
            let start = Date::new(num(f[3])? as i32, num(f[4])?, num(f[5])?).ok_or_else(bad)?;
            let end = Date::new(num(f[6])? as i32, num(f[7])?, num(f[8])?).ok_or_else(bad)?;
            states
                .entry(code)
                .or_insert_with(|| State {
                    code,
                    tenures: Vec::new(),
                    aliases: Vec::new(),
                })
                .tenures
                .push(Tenure {
                    abbrev: f[0].to_string(),
                    name: f[2].to_string(),
                    start,
                    end,
                    from_the_list_start: false,
                });
        }
        let list_start = states
            .values()
            .flat_map(|s| &s.tenures)
            .map(|t| t.start)
            .min();
        for t in states.values_mut().flat_map(|s| &mut s.tenures) {
            t.from_the_list_start = Some(t.start) == list_start;
        }
        let table: BTreeMap<String, Vec<String>> =
            toml::from_str(aliases).map_err(|e| format!("COW aliases: {e}"))?;
        for (code, names) in table {
            let code: u32 = code
                .parse()
                .map_err(|_| format!("COW aliases: {code:?} is not a code"))?;
            let state = states
                .get_mut(&code)
                .ok_or_else(|| format!("COW aliases: no state with code {code}"))?;
            state.aliases.extend(names);
        }
        let mut by_name: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for s in states.values() {
            for n in s.names() {
                let codes = by_name.entry(normalize_name(n)).or_default();
                if !codes.contains(&s.code) {
                    codes.push(s.code);
                }
            }
        }
        Ok(CowStates { states, by_name })
    }

    /// The list embedded in the binary.
    pub fn builtin() -> &'static CowStates {
        static COW: OnceLock<CowStates> = OnceLock::new();
        COW.get_or_init(|| {
            CowStates::parse(crate::embedded::COW_STATES, crate::embedded::COW_ALIASES)
                .expect("embedded COW data is checked by the test suite")
        })
    }

    pub fn get(&self, code: u32) -> Option<&State> {
        self.states.get(&code)
    }

    pub fn iter(&self) -> impl Iterator<Item = &State> {
        self.states.values()
    }

    /// Codes whose names equal `name` after normalization.
    pub fn codes_named(&self, name: &str) -> &[u32] {
        self.by_name
            .get(&normalize_name(name))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether `name` names the state `code`: equal to one of its names, or containing one of
    /// them as whole words ("China (PRC)").
    pub fn name_fits(&self, code: u32, name: &str) -> bool {
        let Some(state) = self.get(code) else {
            return false;
        };
        let n = normalize_name(name);
        if n.is_empty() {
            return true;
        }
        if self.codes_named(name).contains(&code) {
            return true;
        }
        if !self.codes_named(name).is_empty() {
            return false;
        }
        let padded = format!(" {n} ");
        state.names().any(|sn| {
            let sn = normalize_name(sn);
            sn.len() > 3 && padded.contains(&format!(" {sn} "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list() {
        let cow = CowStates::builtin();
        let china = cow.get(710).unwrap();
        assert_eq!(china.name(), "China");
        assert_eq!(china.abbrev(), "CHN");
        assert!(cow.name_fits(705, "Kazakhstan"));
        assert!(cow.name_fits(705, "Kazakhstan."));
        assert!(!cow.name_fits(710, "Kazakhstan"));
        assert!(cow.name_fits(2, "United States"));
        assert!(cow.name_fits(710, "China (PRC)"));
        // The COW list writes "Antigua & Barbuda" and "St. Kitts and Nevis".
        assert!(cow.name_fits(58, "Antigua and Barbuda"));
        assert!(cow.name_fits(60, "Saint Kitts & Nevis"));
        assert!(cow.name_fits(52, "Trinidad & Tobago"));
        assert_eq!(cow.codes_named("Bosnia & Herzegovina"), &[346]);
        assert_eq!(cow.codes_named("kazakhstan"), &[705]);
        let germany = cow.get(255).unwrap();
        assert!(!germany.member_on(Date::new(1949, 4, 4).unwrap()));
        assert!(germany.member_on(Date::new(1939, 8, 23).unwrap()));
    }
}
