//! Output formats: human (miette), JSON, GitHub workflow annotations, SARIF 2.1.0.

use super::{FileReport, OutputFormat, plural};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::rules;
use crate::text::{Encoding, LineIndex, floor_char_boundary};
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use std::cell::{OnceCell, RefCell};
use std::io::{IsTerminal, Write};
use std::path::Path;

/// An output format with its terminal settings resolved.
#[derive(Clone, Copy, Debug)]
pub enum Format {
    Human { color: bool },
    Json,
    Github,
    Sarif,
}

impl Format {
    pub fn from_args(f: OutputFormat) -> Format {
        match f {
            OutputFormat::Human => Format::Human {
                color: std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            },
            OutputFormat::Json => Format::Json,
            OutputFormat::Github => Format::Github,
            OutputFormat::Sarif => Format::Sarif,
        }
    }
}

/// Asked once every report is written: whether the human format prints its counts (a failed
/// run does not).
pub type Summary<'a> = &'a dyn Fn() -> bool;

/// Writes the reports as they come, each dropped once written: memory follows one file's
/// findings, not the run's. Generic over the writer so that JSON's many small writes reach a
/// buffered writer's fast path directly, not through a virtual call each.
pub fn write<W: Write>(
    format: Format,
    reports: &mut dyn Iterator<Item = FileReport>,
    summary: Summary,
    out: &mut W,
) -> std::io::Result<()> {
    match format {
        Format::Human { color } => human(reports, color, summary, out),
        Format::Json => {
            let files = Streamed::<JsonFiles>::new(reports);
            serde_json::to_writer_pretty(&mut *out, &JsonOutput { files })?;
            writeln!(out)
        }
        Format::Github => {
            for r in reports {
                github(&r, out)?;
            }
            Ok(())
        }
        Format::Sarif => {
            let results = Streamed::<SarifResults>::new(reports);
            serde_json::to_writer_pretty(&mut *out, &sarif(results))?;
            writeln!(out)
        }
    }
}

/// What one report adds to a streamed JSON array.
trait Elements {
    fn add<S: SerializeSeq>(report: &FileReport, seq: &mut S) -> Result<(), S::Error>;
}

/// A JSON array written from the reports as they come.
struct Streamed<'a, E> {
    reports: RefCell<&'a mut dyn Iterator<Item = FileReport>>,
    elements: std::marker::PhantomData<E>,
}

impl<'a, E> Streamed<'a, E> {
    fn new(reports: &'a mut dyn Iterator<Item = FileReport>) -> Self {
        Streamed {
            reports: RefCell::new(reports),
            elements: std::marker::PhantomData,
        }
    }
}

impl<E: Elements> Serialize for Streamed<'_, E> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for report in &mut **self.reports.borrow_mut() {
            E::add(&report, &mut seq)?;
        }
        seq.end()
    }
}

/// 1-based line and column (in Unicode characters) of a byte offset.
fn position(idx: &LineIndex, text: &str, offset: usize) -> (u32, u32) {
    let p = idx.line_col(text, offset, Encoding::Chars);
    (p.line + 1, p.col + 1)
}

fn display_path(p: &Path) -> String {
    p.display().to_string()
}

/// Line indexes of a report's sheet and treaties, each built when a position in it is first
/// needed (most files have no diagnostics, most diagnostics point into the sheet only).
struct Positions<'a> {
    report: &'a FileReport,
    sheet: OnceCell<LineIndex>,
    treaties: Vec<OnceCell<LineIndex>>,
}

impl<'a> Positions<'a> {
    fn new(report: &'a FileReport) -> Self {
        Positions {
            report,
            sheet: OnceCell::new(),
            treaties: report.treaties.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    fn sheet(&self) -> &LineIndex {
        self.sheet.get_or_init(|| LineIndex::new(&self.report.text))
    }

    /// The file, text and line index a location points into, with its span.
    fn locate(&self, loc: &Location) -> (String, &'a str, &LineIndex, std::ops::Range<usize>) {
        let r = self.report;
        match loc {
            Location::Sheet(span) => (
                display_path(&r.path),
                r.text.as_str(),
                self.sheet(),
                span.clone(),
            ),
            Location::Treaty(i, span) => {
                let treaty = r.treaties.get(*i);
                let path =
                    treaty.map_or_else(|| format!("treaty {}", i + 1), |t| display_path(&t.path));
                match (
                    treaty.and_then(|t| t.text.as_deref()),
                    self.treaties.get(*i),
                ) {
                    (Some(text), Some(cell)) => {
                        let idx = cell.get_or_init(|| LineIndex::new(text));
                        (path, text, idx, span.clone())
                    }
                    _ => (path, "", self.sheet(), span.clone()),
                }
            }
        }
    }
}

/// A sheet for miette that finds a span's lines through the line index, so rendering many
/// diagnostics of a large file does not rescan it from the start each time.
#[derive(Clone)]
struct IndexedSource {
    name: String,
    text: std::sync::Arc<str>,
    index: std::sync::Arc<LineIndex>,
}

/// Bytes shown on each side of a span on a long line.
const WINDOW: usize = 120;
/// Longer than this, a window of lines is cut to the span's surroundings.
const LONG_WINDOW: usize = 1000;

impl miette::SourceCode for IndexedSource {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text: &str = &self.text;
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).min(text.len());
        let mut first = self.index.line_of(start).saturating_sub(before);
        let last = self.index.line_of(end) + after + 1;
        let mut from = self.index.line_start(first);
        let mut to = self.index.line_start(last);
        let mut shift = 0;
        if to - from > LONG_WINDOW {
            // A long line is shown in part: around the span, on the span's lines alone.
            let line = self.index.line_of(start);
            let line_start = self.index.line_start(line);
            let end_line_end = self.index.line_start(self.index.line_of(end) + 1);
            from = floor_char_boundary(text, start.saturating_sub(WINDOW).max(line_start));
            to = floor_char_boundary(text, (end + WINDOW).min(end_line_end)).max(end);
            shift = text[line_start..from].chars().count();
            // The context asked for is what the window holds.
            first = line;
        }
        let window = &text[from..to];
        let inner = miette::SourceSpan::new((start - from).into(), end - start);
        let c = window.read_span(&inner, before, after)?;
        let data = c.data();
        let at = data.as_ptr() as usize - window.as_ptr() as usize;
        let column = if c.line() == 0 {
            c.column() + shift
        } else {
            c.column()
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            data,
            miette::SourceSpan::new((from + at).into(), data.len()),
            first + c.line(),
            column,
            c.line_count(),
        )))
    }
}

/// A span cut to at most two windows' length, so a long span is shown by its start.
fn clipped(text: &str, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    span.start..floor_char_boundary(text, span.end.min(span.start + 2 * WINDOW)).max(span.start)
}

fn human(
    reports: &mut dyn Iterator<Item = FileReport>,
    color: bool,
    summary: Summary,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic};
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let (mut errors, mut warnings, mut infos, mut hints, mut files) = (0, 0, 0, 0, 0);
    for r in reports {
        files += 1;
        if r.diagnostics.is_empty() {
            continue;
        }
        let r = &r;
        let pos = Positions::new(r);
        let src = IndexedSource {
            name: display_path(&r.path),
            text: r.text.as_str().into(),
            index: std::sync::Arc::new(pos.sheet().clone()),
        };
        for d in &r.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Info => infos += 1,
                Severity::Hint => hints += 1,
            }
            let sev = match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info | Severity::Hint => miette::Severity::Advice,
            };
            let label = d
                .question
                .map_or_else(|| d.code.to_string(), |q| format!("Q{q}"));
            let mut md = MietteDiagnostic::new(d.message.clone())
                .with_code(d.code)
                .with_severity(sev)
                .with_label(LabeledSpan::at(clipped(&r.text, &d.span), label));
            let mut help = Vec::new();
            for rel in &d.related {
                let (file, text, idx, span) = pos.locate(&rel.location);
                let (l, c) = position(idx, text, span.start);
                help.push(format!("{}: {file}:{l}:{c}", rel.message));
            }
            if let Some(fix) = &d.fix {
                help.push(format!("fix available: {} (run with --fix)", fix.title));
            }
            if !help.is_empty() {
                md = md.with_help(help.join("\n"));
            }
            let report = miette::Report::new(md).with_source_code(src.clone());
            let mut s = String::new();
            if handler.render_report(&mut s, report.as_ref()).is_err() {
                s = format!("{}: {}: {}\n", display_path(&r.path), d.code, d.message);
            }
            write!(out, "{s}")?;
            writeln!(out)?;
        }
    }
    if !summary() {
        return Ok(());
    }
    writeln!(
        out,
        "{} {}, {} {}, {} info, {} {} in {} {}",
        errors,
        plural(errors, "error"),
        warnings,
        plural(warnings, "warning"),
        infos,
        hints,
        plural(hints, "hint"),
        files,
        plural(files, "file")
    )
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    files: Streamed<'a, JsonFiles>,
}

struct JsonFiles;

impl Elements for JsonFiles {
    fn add<S: SerializeSeq>(r: &FileReport, seq: &mut S) -> Result<(), S::Error> {
        let pos = Positions::new(r);
        seq.serialize_element(&JsonFile {
            diagnostics: r
                .diagnostics
                .iter()
                .map(|d| diagnostic_json(&pos, d))
                .collect(),
            path: display_path(&r.path),
            treaties: r.treaties.iter().map(|t| display_path(&t.path)).collect(),
        })
    }
}

// The fields of the JSON objects in alphabetical order, the order of the output.
#[derive(Serialize)]
struct JsonFile<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    path: String,
    treaties: Vec<String>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    fix: Option<JsonFix<'a>>,
    message: &'a str,
    question: Option<u32>,
    range: JsonRange,
    related: Vec<JsonRelated<'a>>,
    severity: Severity,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    edits: Vec<JsonEdit<'a>>,
    title: &'a str,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: JsonRange,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    message: &'a str,
    path: String,
    range: JsonRange,
}

#[derive(Serialize)]
struct JsonRange {
    end: JsonPosition,
    start: JsonPosition,
}

#[derive(Serialize)]
struct JsonPosition {
    column: u32,
    line: u32,
}

fn range_json(idx: &LineIndex, text: &str, span: &std::ops::Range<usize>) -> JsonRange {
    let at = |offset| {
        let (line, column) = position(idx, text, offset);
        JsonPosition { column, line }
    };
    JsonRange {
        end: at(span.end),
        start: at(span.start),
    }
}

fn diagnostic_json<'a>(pos: &Positions<'a>, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let (r, idx) = (pos.report, pos.sheet());
    JsonDiagnostic {
        code: d.code,
        fix: d.fix.as_ref().map(|f| JsonFix {
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    range: range_json(idx, &r.text, &e.span),
                    replacement: &e.replacement,
                })
                .collect(),
            title: &f.title,
        }),
        message: &d.message,
        question: d.question,
        range: range_json(idx, &r.text, &d.span),
        related: d
            .related
            .iter()
            .map(|rel| {
                let (path, text, ridx, span) = pos.locate(&rel.location);
                JsonRelated {
                    message: &rel.message,
                    path,
                    range: range_json(ridx, text, &span),
                }
            })
            .collect(),
        severity: d.severity,
    }
}

/// Escapes workflow-command data (the message).
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes workflow-command property values (file, title).
fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(r: &FileReport, out: &mut dyn Write) -> std::io::Result<()> {
    let pos = Positions::new(r);
    for d in &r.diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        let (sl, sc) = position(pos.sheet(), &r.text, d.span.start);
        let (el, ec) = position(pos.sheet(), &r.text, d.span.end);
        writeln!(
            out,
            "::{kind} file={},line={sl},col={sc},endLine={el},endColumn={ec},title={}::{}",
            gh_prop(&display_path(&r.path)),
            gh_prop(&format!("atop-lint {}", d.code)),
            gh_data(&d.message)
        )?;
    }
    Ok(())
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// The SARIF log; its fields in alphabetical order, the order of the output.
#[derive(Serialize)]
struct SarifLog<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [SarifRun<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    column_kind: &'static str,
    results: Streamed<'a, SarifResults>,
    tool: SarifTool,
}

#[derive(Serialize)]
struct SarifTool {
    driver: SarifDriver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifDriver {
    information_uri: &'static str,
    name: &'static str,
    rules: Vec<SarifRule>,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule {
    default_configuration: SarifLevel,
    full_description: SarifText<'static>,
    help: SarifHelp,
    id: &'static str,
    short_description: SarifText<'static>,
}

#[derive(Serialize)]
struct SarifLevel {
    level: &'static str,
}

#[derive(Serialize)]
struct SarifHelp {
    markdown: &'static str,
    text: &'static str,
}

#[derive(Serialize)]
struct SarifText<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: [SarifLocation; 1],
    message: SarifText<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<SarifProperties>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifRelated<'a>>,
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
}

#[derive(Serialize)]
struct SarifProperties {
    question: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: SarifPhysical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRelated<'a> {
    id: usize,
    message: SarifText<'a>,
    physical_location: SarifPhysical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysical {
    artifact_location: SarifArtifact,
    region: SarifRegion,
}

#[derive(Serialize)]
struct SarifArtifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    end_column: u32,
    end_line: u32,
    start_column: u32,
    start_line: u32,
}

fn sarif_physical(
    file: &str,
    idx: &LineIndex,
    text: &str,
    span: &std::ops::Range<usize>,
) -> SarifPhysical {
    let (start_line, start_column) = position(idx, text, span.start);
    let (end_line, end_column) = position(idx, text, span.end);
    SarifPhysical {
        artifact_location: SarifArtifact { uri: uri(file) },
        region: SarifRegion {
            end_column,
            end_line,
            start_column,
            start_line,
        },
    }
}

fn uri(p: &str) -> String {
    p.replace('\\', "/").replace(' ', "%20")
}

struct SarifResults;

impl Elements for SarifResults {
    fn add<S: SerializeSeq>(r: &FileReport, seq: &mut S) -> Result<(), S::Error> {
        let pos = Positions::new(r);
        let (idx, path) = (pos.sheet(), display_path(&r.path));
        for d in &r.diagnostics {
            let related_locations = d
                .related
                .iter()
                .enumerate()
                .map(|(id, rel)| {
                    let (file, text, ridx, span) = pos.locate(&rel.location);
                    SarifRelated {
                        id,
                        message: SarifText { text: &rel.message },
                        physical_location: sarif_physical(&file, ridx, text, &span),
                    }
                })
                .collect();
            seq.serialize_element(&SarifResult {
                level: sarif_level(d.severity),
                locations: [SarifLocation {
                    physical_location: sarif_physical(&path, idx, &r.text, &d.span),
                }],
                message: SarifText { text: &d.message },
                properties: d.question.map(|question| SarifProperties { question }),
                related_locations,
                rule_id: d.code,
                rule_index: rules::ALL.iter().position(|x| x.code == d.code),
            })?;
        }
        Ok(())
    }
}

fn sarif(results: Streamed<'_, SarifResults>) -> SarifLog<'_> {
    let rules = rules::ALL
        .iter()
        .map(|r| SarifRule {
            default_configuration: SarifLevel {
                level: sarif_level(r.severity),
            },
            full_description: SarifText { text: r.doc },
            help: SarifHelp {
                markdown: r.doc,
                text: r.doc,
            },
            id: r.code,
            short_description: SarifText { text: r.summary },
        })
        .collect();
    SarifLog {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [SarifRun {
            column_kind: "unicodeCodePoints",
            results,
            tool: SarifTool {
                driver: SarifDriver {
                    information_uri: "https://github.com/atop-lint/atop-lint",
                    name: "atop-lint",
                    rules,
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    }
}
