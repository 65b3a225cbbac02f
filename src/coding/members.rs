//! The members a sheet lists, each with the dates it gives for the state's entry (the
//! signature-date question) and exit (the termination question): what `diff` compares as sets of
//! states rather than as numbered columns.

use super::answers;
use crate::model::cow::CowStates;
use crate::model::schema::{Role, Schema};
use crate::syntax::dates::Date;
use crate::syntax::sheet::{QuestionNode, Sheet};
use std::collections::{BTreeMap, BTreeSet};

/// When a member leaves, as the sheet says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    StillInEffect,
    On(Date),
}

/// A member's dates; None where the sheet gives none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dates {
    pub entry: Option<Date>,
    pub exit: Option<Exit>,
}

/// The listed members (COW code → their dates), in code order.
pub fn members(
    sheet: &Sheet,
    text: &str,
    schema: &Schema,
    cow: &CowStates,
) -> BTreeMap<u32, Dates> {
    let question = |role| {
        let n = schema.by_role(role)?.number;
        sheet.question(n)
    };
    let Some(listed) = question(Role::Members) else {
        return BTreeMap::new();
    };
    let codes: Vec<u32> = listed.members.iter().map(|m| m.code).collect();
    let entries = question(Role::SignatureDate)
        .map(|q| dates_by_member(sheet, text, q, &codes, cow))
        .unwrap_or_default();
    let termination = question(Role::TerminationDate);
    let still = termination
        .zip(schema.by_role(Role::TerminationDate))
        .and_then(|(q, sq)| answers::in_effect(sq, text, q))
        .is_some_and(|(in_effect, _)| in_effect);
    let exits = match termination {
        Some(q) if !still => dates_by_member(sheet, text, q, &codes, cow),
        _ => BTreeMap::new(),
    };
    let mut dates = BTreeMap::new();
    // A code listed twice keeps its first line's dates.
    for m in &listed.members {
        dates.entry(m.code).or_insert_with(|| Dates {
            // A member line's "(joined March 3, 1960)" is that member's own entry date.
            entry: m.joined.or_else(|| entries.get(&m.code).copied()),
            exit: if still {
                Some(Exit::StillInEffect)
            } else {
                exits.get(&m.code).copied().map(Exit::On)
            },
        });
    }
    dates
}

/// The date an answer gives each member: a date in a clause (between semicolons or line ends)
/// that names members by COW code or name is theirs; the date of the clauses that name none is
/// every other member's, if they give one date: of several ("1992; 2007 (the states that joined
/// from 2004 on)"), the answer does not say which is whose.
fn dates_by_member(
    sheet: &Sheet,
    text: &str,
    q: &QuestionNode,
    codes: &[u32],
    cow: &CowStates,
) -> BTreeMap<u32, Date> {
    let answer = &text[q.answer.clone()];
    let mut own: BTreeMap<u32, Date> = BTreeMap::new();
    let mut unnamed: BTreeSet<Date> = BTreeSet::new();
    for (date, span) in answers::dates(sheet, q) {
        let at = span.start.saturating_sub(q.answer.start).min(answer.len());
        let end = (span.end.saturating_sub(q.answer.start)).clamp(at, answer.len());
        let from = answer[..at].rfind([';', '\n']).map_or(0, |i| i + 1);
        let to = answer[end..]
            .find([';', '\n'])
            .map_or(answer.len(), |i| end + i);
        // The clause around the date, the date itself left out (its day is no COW code).
        let around = [&answer[from..at], &answer[end..to]];
        let named: Vec<u32> = codes
            .iter()
            .copied()
            .filter(|&c| around.iter().any(|part| names(part, c, cow)))
            .collect();
        if named.is_empty() {
            unnamed.insert(date);
        }
        for c in named {
            own.entry(c)
                .and_modify(|d| *d = (*d).min(date))
                .or_insert(date);
        }
    }
    let shared = match unnamed.len() {
        1 => unnamed.first().copied(),
        _ => None,
    };
    codes
        .iter()
        .filter_map(|&c| Some((c, own.get(&c).copied().or(shared)?)))
        .collect()
}

/// Whether `clause` names state `code`: its code as a number, or one of its names as words.
fn names(clause: &str, code: u32, cow: &CowStates) -> bool {
    let number = code.to_string();
    let by_code = clause
        .split(|c: char| !c.is_ascii_digit())
        .any(|n| n == number);
    let by_name = clause
        .split(|c: char| !c.is_alphanumeric() && c != ' ' && c != '-' && c != '\'')
        .any(|part| !part.trim().is_empty() && cow.name_fits(code, part.trim()));
    by_code || by_name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::sheet::parse;

    const SEED: &str = include_str!("../../examples/5030/5030.codesheet.txt");

    fn dates_of(text: &str) -> Vec<String> {
        let schema = Schema::builtin();
        let sheet = parse(text, &schema);
        members(&sheet, text, &schema, CowStates::builtin())
            .into_iter()
            .map(|(code, d)| {
                let exit = match d.exit {
                    Some(Exit::StillInEffect) => "in effect".to_string(),
                    Some(Exit::On(date)) => date.english(),
                    None => "-".into(),
                };
                let entry = d.entry.map_or("-".into(), |e| e.english());
                format!("{code} {entry} .. {exit}")
            })
            .collect()
    }

    #[test]
    fn every_member_shares_the_dates_no_clause_assigns() {
        assert_eq!(
            dates_of(SEED),
            [
                "705 December 23, 2002 .. in effect",
                "710 December 23, 2002 .. in effect"
            ]
        );
    }

    /// Of several dates in clauses that name no member, none is a member's: the answer does
    /// not say which members joined when.
    #[test]
    fn several_dates_no_clause_assigns_are_nobodys() {
        let text = SEED
            .replacen(
                "December 23, 2002\n",
                "December 23, 2002; May 1, 2004 (the states that joined later); June 2, 2005 (Russia)\n",
                1,
            )
            .replacen("710 China\n", "710 China\n365 Russia\n", 1);
        assert_eq!(
            dates_of(&text),
            [
                "365 June 2, 2005 .. in effect",
                "705 - .. in effect",
                "710 - .. in effect"
            ]
        );
    }

    #[test]
    fn a_clause_that_names_a_member_gives_its_own_dates() {
        let text = SEED
            .replacen(
                "December 23, 2002\n",
                "December 23, 2002; January 5, 2003 (Kazakhstan)\n",
                1,
            )
            .replacen("710 China\n", "710 China\n365 Russia\n", 1)
            .replacen(
                "Still in effect.\n",
                "March 1, 2020 (365); June 1, 2021\n",
                1,
            )
            // A day that is also a member's COW code names no member.
            .replacen("710 China\n", "710 China\n2 United States of America\n", 1)
            .replacen("December 23, 2002;", "December 2, 2002;", 1);
        assert_eq!(
            dates_of(&text),
            [
                "2 December 2, 2002 .. June 1, 2021",
                "365 December 2, 2002 .. March 1, 2020",
                "705 January 5, 2003 .. June 1, 2021",
                "710 December 2, 2002 .. June 1, 2021"
            ]
        );
    }

    /// A member line's "(joined …)" is that member's entry date.
    #[test]
    fn a_member_that_joined_later_enters_then() {
        let text = SEED.replacen(
            "710 China\n",
            "710 China\n365 Russia (joined March 3, 2004)\n",
            1,
        );
        assert_eq!(
            dates_of(&text),
            [
                "365 March 3, 2004 .. in effect",
                "705 December 23, 2002 .. in effect",
                "710 December 23, 2002 .. in effect"
            ]
        );
    }
}
