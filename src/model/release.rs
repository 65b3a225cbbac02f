//! A release of the ATOP dataset: the alliance-level file (one row per alliance, keyed by
//! `atopid`) and the member-level file (one row per member and phase, with entry dates). Any
//! release with the same column names works; columns are matched in lower case. Which release a
//! file is comes from its `version` column, or else from its flag columns (`new4`/`rev4` in 4.x,
//! `new5`/`rev5` from 5.0 on); the two files given together must be of the same release.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The key column of every ATOP file.
pub const KEY: &str = "atopid";
/// Columns that make a file member-level.
const MEMBER_COLUMNS: [&str; 5] = ["member", "yrent", "moent", "dayent", KEY];
/// The column that names the release in every row.
const VERSION: &str = "version";
/// Flag columns ("new in this major version", "revised since the last") and the major version
/// whose files have them.
const FLAG_COLUMNS: [(&str, &str, &str); 2] = [("new5", "rev5", "5"), ("new4", "rev4", "4")];

/// One CSV file: its header and rows, indexed by ATOP ID.
#[derive(Debug, Default)]
struct Table {
    columns: HashMap<String, usize>,
    rows: Vec<Vec<String>>,
    by_id: BTreeMap<i64, Vec<usize>>,
    /// The release the file is of ("5.1"; "5" when only the flag columns tell).
    version: Option<String>,
}

/// The dataset files loaded for a check.
#[derive(Debug, Default)]
pub struct Release {
    alliances: Option<Table>,
    members: Option<Table>,
}

/// A file that could not be read as an ATOP release file.
#[derive(Debug, PartialEq, Eq)]
pub struct ReleaseError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ReleaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ReleaseError {}

/// An integer cell: None when blank or not a number ("4.01").
fn integer(cell: &str) -> Option<i64> {
    let c = cell.trim();
    c.parse::<i64>().ok().or_else(|| {
        let f = c.parse::<f64>().ok()?;
        (f.fract() == 0.0 && f.abs() < 1e15).then_some(f as i64)
    })
}

/// Splits CSV text (RFC 4180: quotes, doubled quotes, CRLF) into records with the line each
/// starts on; `Err(line)` for a quote opened on `line` and never closed.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let (mut line, mut start_line) = (1, 1);
    let mut quoted = false;
    let mut quote_line = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => {
                quoted = true;
                quote_line = line;
            }
            ',' if !quoted => record.push(std::mem::take(&mut field)),
            '\r' if !quoted && chars.peek() == Some(&'\n') => {}
            '\n' | '\r' if !quoted => {
                record.push(std::mem::take(&mut field));
                if record.iter().any(|f| !f.is_empty()) || record.len() > 1 {
                    out.push((start_line, std::mem::take(&mut record)));
                }
                record.clear();
                line += 1;
                start_line = line;
            }
            _ => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
        }
    }
    if quoted {
        return Err(quote_line);
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push((start_line, record));
    }
    Ok(out)
}

/// The values a cell of column `name` may hold, for the date columns (`begmo`, `dayent`, …):
/// 0 stands for none or unknown.
fn date_range(name: &str) -> Option<std::ops::RangeInclusive<i64>> {
    let has = |part: &str| name.starts_with(part) || name.ends_with(part);
    if has("mo") {
        Some(0..=12)
    } else if has("day") {
        Some(0..=31)
    } else if has("yr") {
        Some(0..=9999)
    } else {
        None
    }
}

impl Table {
    fn parse(file: &str, text: &str) -> Result<Table, ReleaseError> {
        let err = |line: usize, message: String| ReleaseError {
            file: file.to_string(),
            line,
            message,
        };
        let recs = records(text)
            .map_err(|line| err(line, "a quote opened here is never closed".into()))?;
        let mut recs = recs.into_iter();
        let (_, header) = recs.next().ok_or_else(|| err(1, "empty file".into()))?;
        let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
        let columns: HashMap<String, usize> = names
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), i))
            .collect();
        let key = *columns
            .get(KEY)
            .ok_or_else(|| err(1, format!("no `{KEY}` column: not an ATOP release file")))?;
        let ranges: Vec<_> = names.iter().map(|n| date_range(n)).collect();
        let mut table = Table {
            columns,
            ..Table::default()
        };
        // An alliance has one row, or one per phase in a phase-level file; a member-level
        // file has one per member and phase.
        let one_row_per_id = !table.is_member_level();
        let phase = table.columns.get("phase").copied();
        let mut first_rows: HashMap<(i64, Option<i64>), usize> = HashMap::new();
        for (line, rec) in recs {
            if rec.len() != header.len() {
                return Err(err(
                    line,
                    format!(
                        "expected {} fields as in the header, found {}",
                        header.len(),
                        rec.len()
                    ),
                ));
            }
            if rec
                .iter()
                .map(|c| c.trim().to_lowercase())
                .eq(names.iter().cloned())
            {
                return Err(err(line, "the header again: one header per file".into()));
            }
            let id = integer(&rec[key])
                .ok_or_else(|| err(line, format!("`{}` is not an ATOP ID", rec[key])))?;
            for ((cell, name), range) in rec.iter().zip(&names).zip(&ranges) {
                let cell = cell.trim();
                if cell.is_empty() {
                    continue;
                }
                if cell.parse::<f64>().is_err() {
                    return Err(err(line, format!("`{name}` is `{cell}`, not a number")));
                }
                if let Some(value) = integer(cell)
                    && let Some(range) = range.as_ref().filter(|r| !r.contains(&value))
                {
                    return Err(err(
                        line,
                        format!(
                            "`{name}` is {value}, outside {}..={}",
                            range.start(),
                            range.end()
                        ),
                    ));
                }
            }
            if one_row_per_id {
                let phase = phase.and_then(|i| integer(&rec[i]));
                if let Some(first) = first_rows.insert((id, phase), line) {
                    let of = phase.map_or(String::new(), |p| format!(", phase {p}"));
                    return Err(err(
                        line,
                        format!("a second row for ATOP ID {id}{of} (the first is on line {first})"),
                    ));
                }
            }
            table.by_id.entry(id).or_default().push(table.rows.len());
            table.rows.push(rec);
        }
        table.version = table.version(file)?;
        Ok(table)
    }

    /// The release the `version` column names (one for every row), or else the one the flag
    /// columns belong to.
    fn version(&self, file: &str) -> Result<Option<String>, ReleaseError> {
        if let Some(&col) = self.columns.get(VERSION) {
            let mut named = self
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i, r[col].trim()));
            if let Some((_, first)) = named.next() {
                if let Some((i, other)) = named.find(|(_, v)| v != &first) {
                    return Err(ReleaseError {
                        file: file.to_string(),
                        line: i + 2,
                        message: format!(
                            "`{VERSION}` is {other} here but {first} in the first row: rows of two releases in one file"
                        ),
                    });
                }
                if !first.is_empty() {
                    return Ok(Some(first.to_string()));
                }
            }
        }
        Ok(FLAG_COLUMNS
            .iter()
            .find(|(new, rev, _)| {
                self.columns.contains_key(*new) && self.columns.contains_key(*rev)
            })
            .map(|(_, _, major)| (*major).to_string()))
    }

    fn is_member_level(&self) -> bool {
        MEMBER_COLUMNS.iter().all(|c| self.columns.contains_key(*c))
    }

    fn rows_of(&self, id: i64) -> impl Iterator<Item = Row<'_>> {
        self.by_id
            .get(&id)
            .into_iter()
            .flatten()
            .map(move |&i| Row {
                table: self,
                cells: &self.rows[i],
            })
    }
}

/// One row of a release file.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    table: &'a Table,
    cells: &'a [String],
}

impl Row<'_> {
    /// Whether the file has column `name` (lower case).
    pub fn has(&self, name: &str) -> bool {
        self.table.columns.contains_key(name)
    }
    /// The integer in column `name`; None when the column is absent or the cell blank.
    pub fn get(&self, name: &str) -> Option<i64> {
        integer(&self.cells[*self.table.columns.get(name)?])
    }
    /// The non-blank cells of the numbered columns `prefix1`, `prefix2`, … as (number, value).
    pub fn numbered(&self, prefix: &str) -> Vec<(usize, i64)> {
        (1..)
            .map(|i| (i, format!("{prefix}{i}")))
            .take_while(|(_, name)| self.has(name))
            .filter_map(|(i, name)| self.get(&name).map(|v| (i, v)))
            .collect()
    }
}

/// When a member entered an alliance, as the member-level file gives it (the day may be
/// unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub year: i64,
    pub month: i64,
    pub day: Option<i64>,
}

impl Release {
    /// Adds one file, alliance- or member-level as its columns say; `file` names it in errors.
    pub fn add(&mut self, file: &str, text: &str) -> Result<(), ReleaseError> {
        let table = Table::parse(file, text)?;
        let member_level = table.is_member_level();
        let (kind, other) = if member_level {
            ("member-level", &self.alliances)
        } else {
            ("alliance-level", &self.members)
        };
        let err = |message: String| ReleaseError {
            file: file.to_string(),
            line: 1,
            message,
        };
        if let Some(other) = other
            && let (Some(a), Some(b)) = (&table.version, &other.version)
            && !(a.starts_with(b.as_str()) || b.starts_with(a.as_str()))
        {
            return Err(err(format!(
                "this {kind} file is of ATOP {a}, the other file of ATOP {b}; give the files of one release"
            )));
        }
        let slot = if member_level {
            &mut self.members
        } else {
            &mut self.alliances
        };
        if slot.is_some() {
            return Err(err(format!(
                "a second {kind} file; give one of each at most"
            )));
        }
        *slot = Some(table);
        Ok(())
    }

    /// The release the files are of ("4.01", "5.1"; "5" when only the flag columns tell), if
    /// they say.
    pub fn version(&self) -> Option<&str> {
        let versions = [&self.alliances, &self.members];
        let known = versions
            .iter()
            .filter_map(|t| t.as_ref()?.version.as_deref());
        known.max_by_key(|v| v.len())
    }

    /// The alliance-level row of alliance `id`.
    pub fn alliance(&self, id: i64) -> Option<Row<'_>> {
        self.alliances.as_ref()?.rows_of(id).next()
    }

    pub fn has_alliance_level(&self) -> bool {
        self.alliances.is_some()
    }

    /// The members of alliance `id` in the member-level file, each with its first entry (the
    /// file has a row per phase); None without a member-level file or rows for `id`.
    pub fn members(&self, id: i64) -> Option<BTreeMap<i64, Entry>> {
        let mut out: BTreeMap<i64, Entry> = BTreeMap::new();
        for row in self.members.as_ref()?.rows_of(id) {
            let (Some(member), Some(year), Some(month)) =
                (row.get("member"), row.get("yrent"), row.get("moent"))
            else {
                continue;
            };
            let entry = Entry {
                year,
                month,
                day: row.get("dayent").filter(|&d| d > 0),
            };
            out.entry(member)
                .and_modify(|e| *e = (*e).min(entry))
                .or_insert(entry);
        }
        (!out.is_empty()).then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALLIANCES: &str = include_str!("../../data/atop/atop4_01_alliance-level.csv");
    const MEMBERS: &str = include_str!("../../data/atop/atop4_01_member-level.csv");
    const ALLIANCES_51: &str = include_str!("../../data/atop/atop5_1a.csv");
    const MEMBERS_51: &str = include_str!("../../data/atop/atop5_1m.csv");

    fn release() -> Release {
        release_of(ALLIANCES, MEMBERS)
    }

    fn release_of(alliances: &str, members: &str) -> Release {
        let mut r = Release::default();
        r.add("a.csv", alliances).unwrap();
        r.add("m.csv", members).unwrap();
        r
    }

    #[test]
    fn reads_the_51_files() {
        let r = release_of(ALLIANCES_51, MEMBERS_51);
        assert_eq!(r.version(), Some("5.1"));
        assert_eq!(r.alliances.as_ref().unwrap().by_id.len(), 789);
        let row = r.alliance(5030).unwrap();
        let got = ["speclgth", "renounce", "proren", "reflnun", "new5", "rev5"].map(|c| row.get(c));
        assert_eq!(got, [1, 0, 2, 2, 0, 0].map(Some));
        assert_eq!(row.numbered("mem"), [(1, 705), (2, 710)]);
        // 4.01's 6065 is 7005 in 5.1.
        assert!(r.alliance(6065).is_none());
        assert_eq!(
            r.members(7005).unwrap().into_keys().collect::<Vec<_>>(),
            [110, 365]
        );
        assert_eq!(release().version(), Some("4.01"));
    }

    /// The COW state list knows the 5.1 members: every code but one (8152, which the release
    /// itself marks as no system member) is a COW state, and the `not-system-member` test (a
    /// membership overlapping the member's time in the alliance) fails only for members the
    /// release marks COWSYS=0 — 19 rows, with states not yet in the system. (The 9 rows of
    /// alliances of 1815 whose states the list has from its first day, 1 January 1816, count
    /// as inside: the list does not say they were not members before.)
    #[test]
    fn cow_membership_agrees_with_the_51_member_level_file() {
        use crate::model::cow::CowStates;
        use crate::syntax::dates::Date;
        let r = release_of(ALLIANCES_51, MEMBERS_51);
        let members = r.members.as_ref().unwrap();
        let cow = CowStates::builtin();
        let (mut unknown, mut outside) = (Vec::new(), 0);
        for cells in &members.rows {
            let row = Row {
                table: members,
                cells,
            };
            let v = |c: &str| row.get(c).unwrap_or(0);
            let date = |y: i64, m: i64, d: i64| {
                Date::new(
                    i32::try_from(y).ok()?,
                    u32::try_from(m.max(1)).ok()?,
                    u32::try_from(d.max(1)).ok()?,
                )
            };
            let Some(state) = u32::try_from(v("member")).ok().and_then(|m| cow.get(m)) else {
                unknown.push((v("member"), v("cowsys")));
                continue;
            };
            let entry = date(v("yrent"), v("moent"), v("dayent")).unwrap();
            let exit = (v("yrexit") > 0).then(|| date(v("yrexit"), v("moexit"), 28).unwrap());
            if !state.member_between(entry, exit) {
                assert_eq!(v("cowsys"), 0, "{} {}", v("atopid"), v("member"));
                outside += 1;
            }
        }
        assert_eq!(unknown, [(8152, 0)]);
        assert_eq!(outside, 19);
    }

    #[test]
    fn the_release_comes_from_the_version_column_or_the_flags() {
        let version = |text: &str| {
            let mut r = Release::default();
            r.add("x.csv", text)
                .map(|()| r.version().map(str::to_string))
        };
        assert_eq!(version("atopid,new5,rev5\n1,0,0\n"), Ok(Some("5".into())));
        assert_eq!(version("atopid,new4,rev4\n1,0,0\n"), Ok(Some("4".into())));
        assert_eq!(
            version("atopid,new5,rev5,version\n1,0,0,5.0\n"),
            Ok(Some("5.0".into()))
        );
        assert_eq!(version("atopid\n1\n"), Ok(None));
        assert_eq!(
            version("atopid,version\n1,4.01\n2,5.1\n")
                .unwrap_err()
                .to_string(),
            "x.csv:3: `version` is 5.1 here but 4.01 in the first row: rows of two releases in one file"
        );
        // A member-level file of 5.1 beside an alliance-level file of 4.01.
        let mut r = Release::default();
        r.add("a.csv", ALLIANCES).unwrap();
        assert_eq!(
            r.add("m.csv", MEMBERS_51).unwrap_err().to_string(),
            "m.csv:1: this member-level file is of ATOP 5.1, the other file of ATOP 4.01; give the files of one release"
        );
        let mut r = Release::default();
        r.add("a.csv", "atopid,new5,rev5\n1,0,0\n").unwrap();
        r.add("m.csv", MEMBERS_51).unwrap();
        assert_eq!(r.version(), Some("5.1"));
    }

    #[test]
    fn reads_the_401_files() {
        let r = release();
        let row = r.alliance(5030).unwrap();
        assert_eq!(row.get("consul"), Some(1));
        assert_eq!(row.get("cowid"), None);
        assert_eq!(row.get("version"), None);
        assert_eq!(row.get("no_such_column"), None);
        assert_eq!(row.numbered("mem"), [(1, 705), (2, 710)]);
        let entry = Entry {
            year: 2002,
            month: 12,
            day: Some(23),
        };
        assert_eq!(
            r.members(5030).unwrap().into_iter().collect::<Vec<_>>(),
            [(705, entry), (710, entry)]
        );
        // Phases repeat a member; the first entry counts.
        let m = r.members(1020).unwrap();
        assert_eq!(m[&240].year, 1815);
        assert!(r.alliance(1).is_none() && r.members(1).is_none());
    }

    /// The structure the schema's export mappings rely on (see their `source`) holds in the
    /// shipped release.
    #[test]
    fn relations_the_mappings_cite_hold_in_401() {
        let r = release();
        let alliances = r.alliances.as_ref().unwrap();
        assert_eq!(alliances.by_id.len(), 745);
        for &id in alliances.by_id.keys() {
            let row = r.alliance(id).unwrap();
            let v = |c: &str| row.get(c);
            assert_eq!(v("ineffect") == Some(1), v("endyr") == Some(0), "{id}");
            let active = v("defense") == Some(1) || v("offense") == Some(1);
            assert_eq!(v("active") == Some(1), active, "{id}");
            let mems: Vec<i64> = row.numbered("mem").into_iter().map(|m| m.1).collect();
            assert!(mems.is_sorted(), "{id}");
            let first = r.members(id).unwrap().into_values().min().unwrap();
            assert_eq!(
                (first.year, first.month),
                (v("begyr").unwrap(), v("begmo").unwrap()),
                "{id}"
            );
        }
        // Counts quoted in the schema's `source` notes.
        let count = |test: &dyn Fn(&Row) -> bool| {
            alliances
                .by_id
                .keys()
                .filter(|&&id| test(&r.alliance(id).unwrap()))
                .count()
        };
        let two = |row: &Row| row.numbered("mem").len() == 2;
        assert_eq!(count(&|row| (row.get("bilat") == Some(1)) == two(row)), 732);
        let est = |e: i64, l: i64| {
            count(&|row| row.get("estmode") == Some(e) && row.get("speclgth") == Some(l))
        };
        assert_eq!(
            (est(1, 1), count(&|row| row.get("estmode") == Some(1))),
            (436, 602)
        );
        assert_eq!(
            (est(0, 1), count(&|row| row.get("estmode") == Some(0))),
            (14, 138)
        );
        let length = |row: &Row| row.get("length").is_some_and(|l| l > 0);
        assert_eq!(count(&length), 451);
        assert_eq!(
            count(&|row| length(row) && row.get("speclgth") == Some(1)),
            450
        );
        let zero_with = |a: &'static str, b: &'static str| {
            let zero_a = move |row: &Row| row.get(a) == Some(0);
            (
                count(&zero_a),
                count(&|row| zero_a(row) && row.get(b) == Some(0)),
            )
        };
        assert_eq!(zero_with("speclgth", "length"), (202, 202));
        assert_eq!(zero_with("proren", "renewlgt"), (288, 288));
        assert_eq!(zero_with("pubsecr", "secrart"), (677, 677));
        assert_eq!(zero_with("secrart", "pubsecr"), (677, 677));
        let secret = |p: i64| {
            let mut arts: Vec<i64> = alliances
                .by_id
                .keys()
                .filter_map(|&id| r.alliance(id))
                .filter(|row| row.get("pubsecr") == Some(p))
                .filter_map(|row| row.get("secrart"))
                .collect();
            arts.sort_unstable();
            arts.dedup();
            (count(&|row| row.get("pubsecr") == Some(p)), arts)
        };
        assert_eq!(secret(1), (14, vec![1, 3, 4, 5, 6, 7]));
        assert_eq!(secret(2), (51, vec![8]));
        let any_con = |row: &Row| {
            ["defcon", "offcon", "neucon", "concon"]
                .iter()
                .any(|c| row.get(c) == Some(1))
        };
        assert_eq!(
            count(&|row| any_con(row) && row.get("conditio") != Some(1)),
            0
        );
        let era = |code: i64| {
            let years: Vec<i64> = alliances
                .by_id
                .keys()
                .filter_map(|&id| r.alliance(id))
                .filter(|row| row.get("reflnun") == Some(code))
                .filter_map(|row| row.get("begyr"))
                .collect();
            (
                years.iter().min().copied(),
                years.iter().filter(|&&y| y < 1946).count(),
            )
        };
        assert_eq!(era(1), (Some(1920), 37));
        assert_eq!(era(2).1, 2);
    }

    #[test]
    fn csv_details_and_errors() {
        let text = "\u{feff}ATOPID,Name,mem1\r\n1,\"a, \"\"b\"\"\",2\r\n\r\n3,\"two\nlines\",\r\n";
        let recs = records(text).unwrap();
        assert_eq!(
            recs[1],
            (2, vec!["1".to_string(), "a, \"b\"".into(), "2".into()])
        );
        assert_eq!(recs[2].0, 4);
        let mut r = Release::default();
        r.add(
            "x.csv",
            "\u{feff}ATOPID,begmo,mem1\r\n1,\"12\",2\r\n\r\n3,,\r\n",
        )
        .unwrap();
        assert_eq!(r.alliance(1).unwrap().numbered("mem"), [(1, 2)]);
        assert_eq!(r.alliance(3).unwrap().numbered("mem"), []);
        let e = r.add("y.csv", "atopid\n1\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "y.csv:1: a second alliance-level file; give one of each at most"
        );
        let e = Release::default()
            .add("z.csv", "atopid,b\n1,2\n3\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "z.csv:3: expected 2 fields as in the header, found 1"
        );
        let e = Release::default().add("w.csv", "id,b\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "w.csv:1: no `atopid` column: not an ATOP release file"
        );
        let e = Release::default().add("v.csv", "atopid\nx\n").unwrap_err();
        assert_eq!(e.to_string(), "v.csv:2: `x` is not an ATOP ID");
        assert!(Release::default().add("e.csv", "").is_err());
        // What cannot be read whole is refused, with the line.
        let refused = |text: &str| {
            Release::default()
                .add("f.csv", text)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            refused("atopid,mem1\n1,2\n2,\"3\n4,5\n"),
            "f.csv:3: a quote opened here is never closed"
        );
        assert_eq!(
            refused("atopid,mem1\n1,2\n2,two\n"),
            "f.csv:3: `mem1` is `two`, not a number"
        );
        assert_eq!(
            refused("atopid,begmo,begday\n1,13,1\n"),
            "f.csv:2: `begmo` is 13, outside 0..=12"
        );
        assert_eq!(
            refused("atopid,begmo,begday\n1,12,32\n"),
            "f.csv:2: `begday` is 32, outside 0..=31"
        );
        assert_eq!(
            refused("atopid,mem1\n1,2\n\n1,3\n"),
            "f.csv:4: a second row for ATOP ID 1 (the first is on line 2)"
        );
        assert_eq!(
            refused("atopid,mem1\n1,2\nATOPID,mem1\n2,3\n"),
            "f.csv:3: the header again: one header per file"
        );
        assert_eq!(
            refused("atopid,phase\n1,1\n1,2\n1,2\n"),
            "f.csv:4: a second row for ATOP ID 1, phase 2 (the first is on line 3)"
        );
        // A member-level file has a row per member and phase.
        let members = "atopid,member,yrent,moent,dayent\n1,2,1950,1,1\n1,20,1950,1,1\n";
        Release::default().add("m.csv", members).unwrap();
    }
}
