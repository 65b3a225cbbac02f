//! Output formats: human (miette), JSON, GitHub workflow annotations, SARIF 2.1.0.

use super::{FileReport, OutputFormat};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::rules;
use crate::text::{Encoding, LineIndex};
use serde_json::{Value, json};
use std::cell::OnceCell;
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

pub fn write(format: Format, reports: &[FileReport], out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Human { color } => human(reports, color, out),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &json_value(reports))?;
            writeln!(out)
        }
        Format::Github => github(reports, out),
        Format::Sarif => {
            serde_json::to_writer_pretty(&mut *out, &sarif(reports))?;
            writeln!(out)
        }
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
        let first = self.index.line_of(start).saturating_sub(before);
        let last = self.index.line_of(end) + after + 1;
        let from = self.index.line_start(first);
        let to = self.index.line_start(last);
        let window = &text[from..to];
        let inner = miette::SourceSpan::new((start - from).into(), end - start);
        let c = window.read_span(&inner, before, after)?;
        let data = c.data();
        let at = data.as_ptr() as usize - window.as_ptr() as usize;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            data,
            miette::SourceSpan::new((from + at).into(), data.len()),
            first + c.line(),
            c.column(),
            c.line_count(),
        )))
    }
}

fn human(reports: &[FileReport], color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic};
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let (mut errors, mut warnings, mut infos, mut hints) = (0, 0, 0, 0);
    for r in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
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
                .with_label(LabeledSpan::at(d.span.clone(), label));
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
    let files = reports.len();
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

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

fn range_json(idx: &LineIndex, text: &str, span: &std::ops::Range<usize>) -> Value {
    let (sl, sc) = position(idx, text, span.start);
    let (el, ec) = position(idx, text, span.end);
    json!({"start": {"line": sl, "column": sc}, "end": {"line": el, "column": ec}})
}

fn diagnostic_json(pos: &Positions, d: &Diagnostic) -> Value {
    let (r, idx) = (pos.report, pos.sheet());
    let related: Vec<Value> = d
        .related
        .iter()
        .map(|rel| {
            let (file, text, ridx, span) = pos.locate(&rel.location);
            json!({"path": file, "message": rel.message, "range": range_json(ridx, text, &span)})
        })
        .collect();
    let fix = d.fix.as_ref().map(|f| {
        json!({
            "title": f.title,
            "edits": f.edits.iter().map(|e| json!({"range": range_json(idx, &r.text, &e.span), "replacement": e.replacement})).collect::<Vec<_>>()
        })
    });
    json!({
        "code": d.code,
        "severity": d.severity,
        "message": d.message,
        "question": d.question,
        "range": range_json(idx, &r.text, &d.span),
        "related": related,
        "fix": fix,
    })
}

pub fn json_value(reports: &[FileReport]) -> Value {
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            let pos = Positions::new(r);
            json!({
                "path": display_path(&r.path),
                "treaties": r.treaties.iter().map(|t| display_path(&t.path)).collect::<Vec<_>>(),
                "diagnostics": r.diagnostics.iter().map(|d| diagnostic_json(&pos, d)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "files": files })
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

fn github(reports: &[FileReport], out: &mut dyn Write) -> std::io::Result<()> {
    for r in reports {
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

fn sarif_region(idx: &LineIndex, text: &str, span: &std::ops::Range<usize>) -> Value {
    let (sl, sc) = position(idx, text, span.start);
    let (el, ec) = position(idx, text, span.end);
    json!({"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec})
}

fn uri(p: &str) -> String {
    p.replace('\\', "/").replace(' ', "%20")
}

pub fn sarif(reports: &[FileReport]) -> Value {
    let rules: Vec<Value> = rules::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.doc},
                "help": {"text": r.doc, "markdown": r.doc},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        let pos = Positions::new(r);
        let idx = pos.sheet();
        for d in &r.diagnostics {
            let rule_index = rules::ALL.iter().position(|x| x.code == d.code);
            let related: Vec<Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, rel)| {
                    let (file, text, ridx, span) = pos.locate(&rel.location);
                    json!({
                        "id": i,
                        "message": {"text": rel.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri(&file)},
                            "region": sarif_region(ridx, text, &span),
                        }
                    })
                })
                .collect();
            let mut result = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&display_path(&r.path))},
                        "region": sarif_region(idx, &r.text, &d.span),
                    }
                }],
            });
            if let Some(i) = rule_index {
                result["ruleIndex"] = json!(i);
            }
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
            if let Some(q) = d.question {
                result["properties"] = json!({"question": q});
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "atop-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/atop-lint/atop-lint",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}
