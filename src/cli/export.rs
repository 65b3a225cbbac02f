//! `atop-lint export`: the dataset variables each sheet determines, as CSV or JSON, and the
//! columns' documentation.

use super::{Failure, Loader, Overrides, collect_sheets, found_treaties, read_sheet};
use crate::coding::export::{self, Field};
use crate::model::evidence::Evidence;
use crate::model::release;
use crate::model::schema::{Code, Export, Question, Schema};
use crate::syntax::sheet::Sheet;
use crate::{Env, read_treaties};
use clap::ValueEnum;
use serde::ser::{SerializeMap, Serializer};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args, Debug, Default)]
pub struct ExportArgs {
    /// Sheets or folders; the current folder when none is given.
    pub paths: Vec<PathBuf>,
    /// Questionnaire schema (JSON) to use instead of the built-in ATOP 4.0 sheet.
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Csv)]
    pub format: TableFormat,
    /// Print the columns' documentation instead: the question each comes from, how, what is
    /// certain about it and the evidence.
    #[arg(long)]
    pub columns: bool,
    /// Which dataset's rows: one per sheet (the alliance level) or one per member the sheet
    /// lists (the member level).
    #[arg(long, value_enum, default_value_t = Level::Alliance)]
    pub level: Level,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Level {
    #[default]
    Alliance,
    Member,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    #[default]
    Csv,
    Json,
}

pub fn run(args: &ExportArgs, out: &mut dyn Write) -> ExitCode {
    match write_export(args, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failures) => {
            for f in failures {
                eprintln!("atop-lint: {}", f.0);
            }
            ExitCode::from(2)
        }
    }
}

/// Reads and parses a sheet and gathers what its treaties (found as `check` finds them) show.
fn read_with_evidence(
    loader: &Loader,
    cli: &Overrides,
    path: PathBuf,
) -> Result<(PathBuf, String, Sheet, Env, Evidence), Failure> {
    let (folder, env) = loader.env_for(&path, cli)?;
    let text = read_sheet(&path)?;
    let sheet = crate::syntax::sheet::parse(&text, &env.schema);
    let (_, treaties) = found_treaties(&sheet, &text, &env, loader, &folder)?;
    let treaties = read_treaties(treaties, &env);
    let evidence = Evidence::gather(&treaties, env.langs, env.cow, env.topics);
    Ok((path, text, sheet, env, evidence))
}

fn io_failure(e: std::io::Error) -> Vec<Failure> {
    vec![Failure(format!("cannot write output: {e}"))]
}

fn write_export(args: &ExportArgs, out: &mut dyn Write) -> Result<(), Vec<Failure>> {
    let (loader, user_config_failure) = Loader::for_paths(&args.paths);
    let cli = Overrides::load(&loader, args.schema.as_deref(), &[]).map_err(|f| vec![f])?;
    if args.columns {
        let schema = cli.schema.clone().unwrap_or_else(Schema::builtin);
        return write!(out, "{}", columns_doc(&schema)).map_err(io_failure);
    }
    let collected = collect_sheets(&args.paths);
    collected.report_skipped(false);
    let (sheets, mut failures) = (collected.sheets, collected.failures);
    failures.extend(user_config_failure);
    // Each sheet with its parse and what its treaties show.
    let mut parsed: Vec<(PathBuf, String, Sheet, Env, Evidence)> = Vec::new();
    for path in sheets {
        match read_with_evidence(&loader, &cli, path) {
            Ok(p) => parsed.push(p),
            Err(f) => failures.push(f),
        }
    }
    if let Some((first, .., env, _)) = parsed.first()
        && let Some((other, ..)) = parsed
            .iter()
            .find(|p| !Arc::ptr_eq(&p.3.schema, &env.schema))
    {
        failures.push(Failure(format!(
            "{} and {} use different questionnaire schemas; export them separately",
            first.display(),
            other.display()
        )));
    }
    loader.print_warnings();
    if !failures.is_empty() {
        return Err(failures);
    }
    let Some(schema) = parsed.first().map(|p| p.3.schema.clone()) else {
        return Ok(());
    };
    let rows: Vec<(String, Vec<Field>)> = parsed
        .iter()
        .map(|(path, text, sheet, env, evidence)| {
            let sources = export::Sources {
                langs: env.langs,
                evidence,
                topics: env.topics,
            };
            let fields = export::fields(sheet, text, &schema, sources);
            (path.display().to_string(), fields)
        })
        .collect();
    let (columns, values) = match args.level {
        Level::Alliance => alliance_level(&schema, &rows),
        Level::Member => member_level(&schema, &rows, &parsed),
    };
    match args.format {
        TableFormat::Csv => write_csv(&columns, &values, out),
        TableFormat::Json => write_json(&columns, &values, out),
    }
    .map_err(io_failure)
}

/// A row of the output: the sheet's path and a code (or nothing) per column.
type Row<'a> = (&'a str, Vec<Option<Code>>);

/// One row per sheet, members in as many numbered columns as the sheets need.
fn alliance_level<'a>(
    schema: &Schema,
    rows: &'a [(String, Vec<Field>)],
) -> (Vec<String>, Vec<Row<'a>>) {
    let width = export::member_columns(rows.iter().map(|r| r.1.as_slice()));
    let values = rows
        .iter()
        .map(|(path, fields)| {
            let codes = export::row(fields, width).into_iter().map(|c| c.code());
            (path.as_str(), codes.collect())
        })
        .collect();
    (export::columns(schema, width), values)
}

/// One row per member of each sheet, keyed by the sheet's ATOP ID.
fn member_level<'a>(
    schema: &Schema,
    rows: &'a [(String, Vec<Field>)],
    parsed: &[(PathBuf, String, Sheet, Env, Evidence)],
) -> (Vec<String>, Vec<Row<'a>>) {
    let columns = std::iter::once(release::KEY.to_string())
        .chain(
            export::member_level_columns(schema)
                .into_iter()
                .map(|(_, e)| e.variable.clone()),
        )
        .collect();
    let values = rows
        .iter()
        .zip(parsed)
        .flat_map(|((path, fields), (_, text, sheet, env, _))| {
            let id = fields
                .iter()
                .find(|f| f.export.variable == release::KEY)
                .and_then(|f| match f.outcome {
                    export::Outcome::Coded { code, .. } => Some(code),
                    _ => None,
                });
            export::member_rows(sheet, text, schema, env.cow)
                .into_iter()
                .map(move |cells| (path.as_str(), std::iter::once(id).chain(cells).collect()))
        })
        .collect();
    (columns, values)
}

/// A CSV field, quoted when it must be.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_csv(columns: &[String], rows: &[Row], out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "sheet,{}", columns.join(","))?;
    for (path, values) in rows {
        let cells: Vec<String> = values
            .iter()
            .map(|v| v.map_or(String::new(), |c| c.to_string()))
            .collect();
        writeln!(out, "{},{}", csv_field(path), cells.join(","))?;
    }
    Ok(())
}

/// One row as a JSON object, keys in column order.
struct JsonRow<'a> {
    path: &'a str,
    columns: &'a [String],
    values: &'a [Option<Code>],
}

impl serde::Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.columns.len() + 1))?;
        map.serialize_entry("sheet", self.path)?;
        for (c, v) in self.columns.iter().zip(self.values) {
            map.serialize_entry(c, v)?;
        }
        map.end()
    }
}

fn write_json(columns: &[String], rows: &[Row], out: &mut dyn Write) -> std::io::Result<()> {
    let rows: Vec<JsonRow> = rows
        .iter()
        .map(|(path, values)| JsonRow {
            path,
            columns,
            values,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    writeln!(out)
}

/// `text` wrapped at `width` characters, each line indented by `indent`.
fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for w in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.chars().count() + 1 + w.chars().count() > width {
            lines.push(format!("{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    if !line.is_empty() {
        lines.push(format!("{indent}{line}"));
    }
    lines.join("\n")
}

/// The page `atop-lint export --columns` prints.
pub fn columns_doc(schema: &Schema) -> String {
    let mut s = wrap(
        "Columns of `atop-lint export`, named as in the ATOP release. A value is an exact code, \
         \">0\" where only \"not zero\" is certain, or empty where the sheet does not determine \
         it.",
        "",
        100,
    );
    s.push('\n');
    for (q, e) in schema.exports() {
        s.push_str(&column_doc(schema, q, e));
    }
    s.push_str(
        "\nMember level (`--level member`): one row per member the sheet lists, keyed by the ",
    );
    s.push_str("alliance's atopid.\n");
    for (q, e) in export::member_level_columns(schema) {
        s.push_str(&column_doc(schema, q, e));
    }
    s
}

/// One column's documentation: its name, the questions it reads and how, the codebook's
/// definition, what is certain and the evidence.
fn column_doc(schema: &Schema, q: &Question, e: &Export) -> String {
    let mapping = export::mapping(schema, q, e);
    let name = if e.from == crate::model::schema::Derivation::Members {
        format!("{}1, {}2, …", e.variable, e.variable)
    } else {
        e.variable.clone()
    };
    let read: Vec<String> = e.questions(q.number).map(|n| format!("Q{n}")).collect();
    let mut s = format!("\n{name} ({}): {mapping}\n", read.join(", "));
    if let Some(cb) = &e.codebook {
        let text = format!("Codebook (p. {}): {}", cb.page, cb.definition);
        s.push_str(&wrap(&text, "    ", 100));
        s.push('\n');
    }
    s.push_str(&wrap(&e.certainty, "    ", 100));
    s.push('\n');
    s.push_str(&wrap(&format!("Source: {}", e.source), "    ", 100));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_quotes() {
        assert_eq!(
            wrap("one two three four", "  ", 11),
            "  one two\n  three\n  four"
        );
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }

    #[test]
    fn every_column_is_documented() {
        let doc = columns_doc(&Schema::builtin());
        assert!(
            doc.contains(
                "\nwartime (Q5): Yes → 1; No → 0\n    Codebook (p. 37): 1 if any member was at war"
            ),
            "{doc}"
        );
        assert!(doc.contains(
            "\nmem1, mem2, … (Q4): the COW codes in ascending order, in mem1, mem2, …\n"
        ));
        assert!(doc.contains("\nestmode (Q6): diplomatic notes → 0; exchange of notes → 0; executive agreement → 0; treaty → 1; verbal agreement → 0; any other answer → not exported\n"));
        assert!(doc.contains("\nreflnun (Q47): Yes → 2 if the answer describes references to the United Nations, 1 if the answer describes references to the League of Nations, else not exported; No → 0\n"));
        let schema = Schema::builtin();
        let entries = schema.exports().count() + schema.member_exports().count();
        assert_eq!(doc.matches("\n    Codebook (p. ").count(), entries);
        assert!(doc.contains("\nMember level (`--level member`): one row per member the sheet lists, keyed by the alliance's atopid.\n\nmember (Q4): the member's COW code, one row per member listed\n"));
        assert!(doc.contains("\ncowwar (Q5): for a member that entered at the signing (the earliest signature date): Yes → not exported; No → 0; a member that entered later → not exported\n    Codebook (p. 18): 0 for a state not at war"));
        assert!(
            doc.contains(
                "\nactive (Q16): Defense pact or Offense pact listed → 1; not listed → 0\n"
            )
        );
        assert_eq!(doc.matches("\n    Source: ").count(), entries);
    }
}
