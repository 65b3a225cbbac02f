//! The ATOP 4.01 rows in `data/atop/`: one `Alliance` per alliance-level row, with its members'
//! entry, exit and war data from the member-level file.

use atop_lint::syntax::dates::Date;
use std::collections::HashMap;

/// A CSV file without quoting (the ATOP files have none), by column name.
struct Table {
    columns: HashMap<String, usize>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn parse(text: &str) -> Table {
        let mut lines = text.lines();
        let header = lines.next().expect("a header line");
        let columns = header
            .split(',')
            .enumerate()
            .map(|(i, c)| (c.to_string(), i))
            .collect();
        let rows = lines
            .filter(|l| !l.is_empty())
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect();
        Table { columns, rows }
    }

    fn cell<'a>(&self, row: &'a [String], column: &str) -> &'a str {
        let i = self.columns[column];
        row.get(i).map_or("", String::as_str)
    }
}

/// One member of an alliance, from the member-level file.
pub struct Member {
    pub code: u32,
    pub entered: Option<Date>,
    pub exited: Option<Date>,
    /// COW war number the member was fighting when it signed; 0 when none.
    pub war: u32,
}

/// One alliance-level row and its members, in the order the row lists them.
pub struct Alliance {
    pub id: u32,
    values: HashMap<String, String>,
    pub members: Vec<Member>,
}

impl Alliance {
    /// A numeric variable; blank and non-numeric cells read as 0, as the codebook's "not coded".
    pub fn num(&self, variable: &str) -> u32 {
        self.values
            .get(&variable.to_ascii_lowercase())
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0, |v| v as u32)
    }

    /// Whether the row has a column named `variable` (case-insensitive).
    pub fn has(&self, variable: &str) -> bool {
        self.values.contains_key(&variable.to_ascii_lowercase())
    }

    fn date(&self, y: &str, m: &str, d: &str) -> Option<Date> {
        Date::new(self.num(y) as i32, self.num(m), self.num(d).max(1))
    }

    pub fn signed(&self) -> Date {
        self.date("begyr", "begmo", "begday")
            .unwrap_or(Date::new(1815, 1, 1).expect("valid"))
    }

    /// The end date, when the alliance has ended.
    pub fn ended(&self) -> Option<Date> {
        (self.num("ineffect") == 0)
            .then(|| self.date("endyr", "endmo", "endday"))
            .flatten()
    }

    pub fn is_member(&self, code: u32) -> bool {
        self.members.iter().any(|m| m.code == code)
    }
}

fn date_of(t: &Table, row: &[String], y: &str, m: &str, d: &str) -> Option<Date> {
    let n = |c: &str| t.cell(row, c).parse::<u32>().ok();
    Date::new(n(y)? as i32, n(m)?, n(d).unwrap_or(1).max(1))
}

/// Every alliance of the bundled ATOP files, in file order.
pub fn load(root: &std::path::Path) -> Vec<Alliance> {
    let read = |name: &str| {
        std::fs::read_to_string(root.join("data/atop").join(name))
            .unwrap_or_else(|e| panic!("data/atop/{name}: {e}"))
    };
    let alliances = Table::parse(&read("atop4_01_alliance-level.csv"));
    let members = Table::parse(&read("atop4_01_member-level.csv"));
    let mut by_member: HashMap<(String, u32), Vec<&Vec<String>>> = HashMap::new();
    for row in &members.rows {
        if let Ok(code) = members.cell(row, "member").parse() {
            by_member
                .entry((members.cell(row, "atopid").to_string(), code))
                .or_default()
                .push(row);
        }
    }
    alliances
        .rows
        .iter()
        .map(|row| {
            let id_text = alliances.cell(row, "atopid");
            let members = (1..=59)
                .filter_map(|i| alliances.cell(row, &format!("mem{i}")).parse::<u32>().ok())
                .map(|code| {
                    let rows = by_member
                        .get(&(id_text.to_string(), code))
                        .map_or(&[][..], Vec::as_slice);
                    Member {
                        code,
                        entered: rows
                            .first()
                            .and_then(|r| date_of(&members, r, "yrent", "moent", "dayent")),
                        exited: rows
                            .last()
                            .and_then(|r| date_of(&members, r, "yrexit", "moexit", "dayexit")),
                        war: rows
                            .iter()
                            .filter_map(|r| members.cell(r, "cowwar").parse().ok())
                            .max()
                            .unwrap_or(0),
                    }
                })
                .collect();
            Alliance {
                id: id_text.parse().expect("numeric ATOP ID"),
                values: alliances
                    .columns
                    .iter()
                    .map(|(c, &i)| (c.clone(), row.get(i).cloned().unwrap_or_default()))
                    .collect(),
                members,
            }
        })
        .collect()
}
