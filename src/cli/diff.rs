//! `atop-lint diff A B`: two coders' sheets side by side.

use super::{Failure, Loader, Overrides, read_sheet};
use crate::coding::diff::{self, MemberChange, MemberDiff, QuestionDiff, SheetDiff, Side, Status};
use crate::model::schema::Code;
use clap::ValueEnum;
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The first coder's sheet.
    pub a: PathBuf,
    /// The second coder's sheet.
    pub b: PathBuf,
    /// Questionnaire schema (JSON) to use instead of the built-in ATOP 4.0 sheet.
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    #[default]
    Human,
    Json,
}

/// Exit status: 0 when the sheets agree on every member and exported variable, 1 when not, 2 on
/// errors.
pub fn run(args: &DiffArgs, out: &mut dyn Write) -> ExitCode {
    let result = compare(args).and_then(|d| {
        let written = match args.format {
            DiffFormat::Human => write!(out, "{}", human(&args.a, &args.b, &d)),
            DiffFormat::Json => serde_json::to_writer_pretty(&mut *out, &json_value(args, &d))
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out)),
        };
        written
            .map(|()| d)
            .map_err(|e| Failure(format!("cannot write output: {e}")))
    });
    match result {
        Ok(d) if d.variables.is_empty() && d.members.is_empty() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(f) => {
            eprintln!("atop-lint: {}", f.0);
            ExitCode::from(2)
        }
    }
}

fn compare(args: &DiffArgs) -> Result<SheetDiff, Failure> {
    let loader = Loader::default();
    let cli = Overrides::load(&loader, args.schema.as_deref(), &[])?;
    let (_, env_a) = loader.env_for(&args.a, &cli)?;
    let (_, env_b) = loader.env_for(&args.b, &cli)?;
    if !Arc::ptr_eq(&env_a.schema, &env_b.schema) {
        return Err(Failure(format!(
            "{} and {} use different questionnaire schemas",
            args.a.display(),
            args.b.display()
        )));
    }
    let (text_a, text_b) = (read_sheet(&args.a)?, read_sheet(&args.b)?);
    let schema = &env_a.schema;
    let (sheet_a, sheet_b) = (
        crate::syntax::sheet::parse(&text_a, schema),
        crate::syntax::sheet::parse(&text_b, schema),
    );
    Ok(diff::diff(
        Side {
            sheet: &sheet_a,
            text: &text_a,
        },
        Side {
            sheet: &sheet_b,
            text: &text_b,
        },
        schema,
        env_a.langs,
        env_a.cow,
    ))
}

const CELL: usize = 40;

/// At most `width` characters of `s`, padded to `width`.
fn cell(s: &str, width: usize) -> String {
    let cut = if s.chars().count() > width {
        let kept: String = s.chars().take(width - 1).collect();
        format!("{kept}…")
    } else {
        s.to_string()
    };
    format!("{cut:width$}")
}

fn shown(read: &Option<String>) -> &str {
    read.as_deref().unwrap_or("(free text)")
}

fn code(c: Option<Code>) -> String {
    c.map_or_else(|| "(none)".to_string(), |c| c.to_string())
}

fn row(q: &QuestionDiff) -> String {
    let mark = match q.status {
        Status::Agree => "=",
        Status::Differ => "≠",
        Status::NotCompared => "·",
    };
    let line = format!(
        "{mark} {:>3}  {}  {}",
        q.question,
        cell(shown(&q.a), CELL),
        cell(shown(&q.b), CELL)
    );
    line.trim_end().to_string()
}

/// One member difference in words: "B adds 365 Russia", "B drops 705 Kazakhstan",
/// "705 Kazakhstan: entry A December 23, 2002, B January 5, 2003".
fn member_line(m: &MemberDiff) -> String {
    let state = format!("{} {}", m.state, m.name);
    let state = state.trim_end();
    match m.change {
        MemberChange::Added => format!("B adds {state}"),
        MemberChange::Dropped => format!("B drops {state}"),
        MemberChange::Dates => {
            let (a, b) = (
                m.a.clone().unwrap_or_default(),
                m.b.clone().unwrap_or_default(),
            );
            let shown = |d: &Option<String>| d.clone().unwrap_or_else(|| "(none)".into());
            let mut parts = Vec::new();
            if a.entry != b.entry {
                parts.push(format!(
                    "entry A {}, B {}",
                    shown(&a.entry),
                    shown(&b.entry)
                ));
            }
            if a.exit != b.exit {
                parts.push(format!("exit A {}, B {}", shown(&a.exit), shown(&b.exit)));
            }
            format!("{state}: {}", parts.join("; "))
        }
    }
}

/// The side-by-side table, the agreement rate, the members and the variables that differ.
pub fn human(a: &Path, b: &Path, d: &SheetDiff) -> String {
    let mut s = format!("A: {}\nB: {}\n\n", a.display(), b.display());
    s.push_str(&format!("{:7}{}  B\n", "", cell("A", CELL)));
    for q in &d.questions {
        s.push_str(&row(q));
        s.push('\n');
    }
    let agree = d.count(Status::Agree);
    let compared = agree + d.count(Status::Differ);
    s.push_str(&format!(
        "\n= agree  ≠ differ  · not compared (free text, or not a coding)\n\nAgreement: {agree} of {compared} questions ({:.1}%); {} not compared.\n",
        d.agreement() * 100.0,
        d.count(Status::NotCompared)
    ));
    if d.members.is_empty() {
        s.push_str("Members: the same states, with the same dates.\n");
    } else {
        s.push_str(&format!("Members that differ ({}):\n", d.members.len()));
        for m in &d.members {
            s.push_str(&format!("  {}\n", member_line(m)));
        }
    }
    if d.variables.is_empty() {
        s.push_str("Exported variables: the sheets agree on all.\n");
    } else {
        s.push_str(&format!(
            "Exported variables that differ ({}):\n",
            d.variables.len()
        ));
        let width = d
            .variables
            .iter()
            .map(|v| v.column.len())
            .max()
            .unwrap_or(0);
        for v in &d.variables {
            let mut line = format!(
                "  {:width$}  A {:8}  B {:8}",
                v.column,
                code(v.a),
                code(v.b)
            );
            for (side, why) in [("A", &v.a_unknown), ("B", &v.b_unknown)] {
                if let Some(why) = why {
                    line.push_str(&format!("  {side}: {why}"));
                }
            }
            s.push_str(line.trim_end());
            s.push('\n');
        }
    }
    s
}

fn json_value(args: &DiffArgs, d: &SheetDiff) -> serde_json::Value {
    json!({
        "a": args.a.display().to_string(),
        "b": args.b.display().to_string(),
        "questions": d.questions,
        "agree": d.count(Status::Agree),
        "differ": d.count(Status::Differ),
        "not_compared": d.count(Status::NotCompared),
        "agreement": d.agreement(),
        "members": d.members,
        "variables": d.variables,
    })
}
