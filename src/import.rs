//! `atop-lint import`: a coding sheet's text out of the PDF or DOCX it was published or written
//! in. This is file-format code, not analysis: it reads the document as a reader shows it, drops
//! the page furniture it can recognise (running headers and footers, page numbers) and changes
//! nothing else — what is wrong with the sheet is the linter's to report.

use crate::syntax::numerals::to_roman;
use std::collections::BTreeMap;
use std::fmt;
use std::io::{Cursor, Read};

/// Why a document could not be imported.
#[derive(Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Neither a PDF nor a DOCX (by content, not by name).
    Unsupported,
    /// A PDF that opens only with a password.
    Encrypted,
    /// A PDF or DOCX that cannot be read; what the reader said.
    Broken(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Unsupported => f.write_str("not a PDF or DOCX document"),
            ImportError::Encrypted => {
                f.write_str("the PDF is encrypted with a password; save an unprotected copy")
            }
            ImportError::Broken(why) => write!(f, "the document cannot be read: {why}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// The text of a PDF or DOCX document, told apart by their first bytes.
pub fn import(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.starts_with(b"%PDF-") {
        pdf_text(bytes)
    } else if bytes.starts_with(b"PK\x03\x04") {
        docx_text(bytes)
    } else {
        Err(ImportError::Unsupported)
    }
}

/// A PDF's text, page by page, without the page furniture.
pub fn pdf_text(bytes: &[u8]) -> Result<String, ImportError> {
    // The PDF reader has unwraps on malformed input; a broken file is an error, not a crash.
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
        .map_err(|_| ImportError::Broken("the PDF reader failed on it".into()))?
        .map_err(|e| match e {
            pdf_extract::OutputError::PdfError(lopdf::Error::Decryption(
                lopdf::encryption::DecryptionError::IncorrectPassword,
            )) => ImportError::Encrypted,
            e => ImportError::Broken(e.to_string()),
        })?;
    if pages.is_empty() {
        return Err(ImportError::Broken("no page has text".into()));
    }
    // The reader stops at the first page it cannot read; a sheet is not imported in part.
    let count = lopdf::Document::load_mem(bytes).map_or(0, |d| d.get_pages().len());
    if pages.len() < count {
        return Err(ImportError::Broken(format!(
            "page {} of {count} cannot be read",
            pages.len() + 1
        )));
    }
    Ok(without_page_furniture(&pages))
}

/// A DOCX's body text: one line per paragraph, with the numbers of automatic lists as Word
/// shows them, tabs and line breaks kept. Headers and footers are parts of their own, so the
/// body has none.
pub fn docx_text(bytes: &[u8]) -> Result<String, ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(&e))?;
    let document = read_part(&mut archive, "word/document.xml")?
        .ok_or_else(|| ImportError::Broken("a ZIP file without word/document.xml".into()))?;
    let numbering = read_part(&mut archive, "word/numbering.xml")?;
    let styles = read_part(&mut archive, "word/styles.xml")?;
    let doc = parse_xml(&document)?;
    let mut lists = Lists::read(
        numbering.as_deref().map(parse_xml).transpose()?.as_ref(),
        styles.as_deref().map(parse_xml).transpose()?.as_ref(),
    );
    let Some(body) = doc.root_element().children().find(|n| is_w(n, "body")) else {
        return Err(ImportError::Broken("word/document.xml has no body".into()));
    };
    let mut out = String::new();
    for paragraph in body.descendants().filter(|n| is_w(n, "p")) {
        out.push_str(&lists.label(paragraph));
        for node in paragraph.descendants() {
            if !node.is_element() || !is_in_paragraph(node, paragraph) {
                continue;
            }
            match node.tag_name().name() {
                "t" => out.push_str(node.text().unwrap_or("")),
                "tab" if is_w(&node.parent().unwrap_or(node), "r") => out.push('\t'),
                "br" | "cr" => out.push('\n'),
                "noBreakHyphen" => out.push('\u{2011}'),
                _ => {}
            }
        }
        out.push('\n');
    }
    Ok(out)
}

fn broken(e: &dyn fmt::Display) -> ImportError {
    ImportError::Broken(e.to_string())
}

fn parse_xml(xml: &str) -> Result<roxmltree::Document<'_>, ImportError> {
    roxmltree::Document::parse(xml).map_err(|e| broken(&e))
}

/// A part of the package as text; None when the package has no such part.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ImportError> {
    let mut file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(broken(&e)),
    };
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(|e| broken(&e))?;
    Ok(Some(text))
}

/// One level of an automatic list: where it starts, how its number is written ("decimal",
/// "lowerLetter", …), the label around it ("%1." — `%k` is level k's number) and what follows
/// the label.
#[derive(Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
    suffix: &'static str,
}

/// Word's levels of one list.
const LEVELS: usize = 9;

/// A list's id and a level in it.
type ListLevel = (String, usize);

/// What a paragraph style says of lists: its own list, and the style it is based on.
struct StyleList {
    list: Option<ListLevel>,
    based_on: Option<String>,
}

/// The automatic lists of a document and their counters while it is read in order.
#[derive(Default)]
struct Lists {
    levels: BTreeMap<ListLevel, Level>,
    styles: BTreeMap<String, StyleList>,
    counters: BTreeMap<String, [Option<u32>; LEVELS]>,
}

fn w_attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W_NS, name))
}

/// The `w:val` of the child `name` of `node`.
fn w_val<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| is_w(c, name))
        .and_then(|c| w_attr(c, "val"))
}

/// The list a `w:numPr` element puts its paragraph in; numId 0 means none.
fn num_pr(props: roxmltree::Node) -> Option<ListLevel> {
    let num_pr = props.children().find(|c| is_w(c, "numPr"))?;
    let id = w_val(num_pr, "numId")?;
    let level = w_val(num_pr, "ilvl")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    (id != "0" && level < LEVELS).then(|| (id.to_string(), level))
}

impl Lists {
    fn read(
        numbering: Option<&roxmltree::Document>,
        styles: Option<&roxmltree::Document>,
    ) -> Lists {
        let mut lists = Lists::default();
        if let Some(numbering) = numbering {
            let root = numbering.root_element();
            let mut abstracts: BTreeMap<&str, Vec<(usize, Level)>> = BTreeMap::new();
            for a in root.children().filter(|n| is_w(n, "abstractNum")) {
                let Some(id) = w_attr(a, "abstractNumId") else {
                    continue;
                };
                for lvl in a.children().filter(|n| is_w(n, "lvl")) {
                    let Some(level) = w_attr(lvl, "ilvl").and_then(|l| l.parse().ok()) else {
                        continue;
                    };
                    abstracts.entry(id).or_default().push((
                        level,
                        Level {
                            start: w_val(lvl, "start")
                                .and_then(|s| s.parse().ok())
                                .unwrap_or(1),
                            format: w_val(lvl, "numFmt").unwrap_or("decimal").to_string(),
                            text: w_val(lvl, "lvlText").unwrap_or("").to_string(),
                            suffix: match w_val(lvl, "suff") {
                                Some("space") => " ",
                                Some("nothing") => "",
                                _ => "\t",
                            },
                        },
                    ));
                }
            }
            for num in root.children().filter(|n| is_w(n, "num")) {
                let (Some(id), Some(abstract_id)) =
                    (w_attr(num, "numId"), w_val(num, "abstractNumId"))
                else {
                    continue;
                };
                for (level, l) in abstracts.get(abstract_id).into_iter().flatten() {
                    lists.levels.insert((id.to_string(), *level), l.clone());
                }
            }
        }
        if let Some(styles) = styles {
            for style in styles
                .root_element()
                .children()
                .filter(|n| is_w(n, "style"))
            {
                let Some(id) = w_attr(style, "styleId") else {
                    continue;
                };
                let list = style.children().find(|c| is_w(c, "pPr")).and_then(num_pr);
                let based_on = w_val(style, "basedOn").map(str::to_string);
                lists
                    .styles
                    .insert(id.to_string(), StyleList { list, based_on });
            }
        }
        lists
    }

    /// The list a paragraph is in: its own numbering, or its style's (through `basedOn`).
    fn list_of(&self, paragraph: roxmltree::Node) -> Option<ListLevel> {
        let props = paragraph.children().find(|c| is_w(c, "pPr"))?;
        if let Some(list) = num_pr(props) {
            return Some(list);
        }
        let mut style = w_val(props, "pStyle").map(str::to_string);
        // A bounded walk: a style file may loop.
        for _ in 0..LEVELS {
            let s = self.styles.get(style.as_deref()?)?;
            if s.list.is_some() {
                return s.list.clone();
            }
            style = s.based_on.clone();
        }
        None
    }

    /// The label Word shows before a paragraph ("12.\t"), counting it; empty outside lists.
    fn label(&mut self, paragraph: roxmltree::Node) -> String {
        let Some((id, level)) = self.list_of(paragraph) else {
            return String::new();
        };
        let Some(this) = self.levels.get(&(id.clone(), level)) else {
            return String::new();
        };
        let counters = self.counters.entry(id.clone()).or_default();
        counters[level] = Some(counters[level].map_or(this.start, |n| n + 1));
        for deeper in &mut counters[level + 1..] {
            *deeper = None;
        }
        let mut label = this.text.clone();
        for (k, counter) in counters.iter().enumerate().take(level + 1) {
            if let Some(l) = self.levels.get(&(id.clone(), k)) {
                let n = counter.unwrap_or(l.start);
                label = label.replace(&format!("%{}", k + 1), &list_number(n, &l.format));
            }
        }
        if this.format == "none" {
            label.clear();
        }
        label.push_str(this.suffix);
        label
    }
}

/// A list number in one of Word's formats; decimal for the formats not known here.
fn list_number(n: u32, format: &str) -> String {
    let letters = |base: u8| {
        let letter = char::from(base + ((n.max(1) - 1) % 26) as u8);
        letter
            .to_string()
            .repeat(((n.max(1) - 1) / 26 + 1) as usize)
    };
    match format {
        "lowerLetter" => letters(b'a'),
        "upperLetter" => letters(b'A'),
        "upperRoman" => to_roman(n),
        "lowerRoman" => to_roman(n).to_lowercase(),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn is_w(node: &roxmltree::Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W_NS)
}

/// Whether `node` belongs to `paragraph` itself, not to a paragraph nested in it (a text box).
fn is_in_paragraph(node: roxmltree::Node, paragraph: roxmltree::Node) -> bool {
    node.ancestors()
        .find(|a| is_w(a, "p"))
        .is_some_and(|p| p == paragraph)
        && node.tag_name().namespace() == Some(W_NS)
}

/// Joins the pages, dropping from each the lines at its top and bottom that are furniture: a line
/// with words that stands in the same place on most pages (a running header or footer; the
/// digits in it may change), or a bare page number that counts up with the pages. A bare number
/// that does not count up is content (an answer may be "0").
fn without_page_furniture(pages: &[String]) -> String {
    let lines: Vec<Vec<&str>> = pages.iter().map(|p| p.lines().collect()).collect();
    // How many pages have each shape of line at each edge slot.
    let mut edge_count: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for page in &lines {
        for (slot, i) in edges(page) {
            *edge_count.entry((slot, shape(page[i]))).or_default() += 1;
        }
    }
    // Page numbers: the offset between a bare number at a page's edge and the page's index that
    // most pages share.
    let mut offsets: BTreeMap<i64, usize> = BTreeMap::new();
    for (index, page) in lines.iter().enumerate() {
        let mut page_offsets: Vec<i64> = edges(page)
            .into_iter()
            .filter_map(|(_, i)| page_number(page[i]))
            .map(|n| n - index as i64)
            .collect();
        page_offsets.sort_unstable();
        page_offsets.dedup();
        for o in page_offsets {
            *offsets.entry(o).or_default() += 1;
        }
    }
    let repeated = |count: usize| lines.len() >= 2 && count * 2 > lines.len();
    let numbering = offsets
        .iter()
        .filter(|&(_, &c)| repeated(c) || lines.len() == 1)
        .max_by_key(|&(_, &c)| c)
        .map(|(&o, _)| o);
    let mut out = String::new();
    for (index, page) in lines.iter().enumerate() {
        let furniture: Vec<usize> = edges(page)
            .into_iter()
            .filter(|&(slot, i)| {
                let line = page[i];
                (line.chars().any(char::is_alphabetic)
                    && repeated(edge_count[&(slot, shape(line))]))
                    || page_number(line).is_some_and(|n| Some(n - index as i64) == numbering)
            })
            .map(|(_, i)| i)
            .collect();
        let kept: Vec<&str> = page
            .iter()
            .enumerate()
            .filter(|(i, _)| !furniture.contains(i))
            .map(|(_, l)| *l)
            .collect();
        let start = kept.iter().position(|l| !l.trim().is_empty());
        let end = kept.iter().rposition(|l| !l.trim().is_empty());
        if let (Some(start), Some(end)) = (start, end) {
            for l in &kept[start..=end] {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    out
}

/// How many non-blank lines at each end of a page can be furniture.
const EDGE_LINES: usize = 2;

/// The first and last non-blank lines of a page (at most `EDGE_LINES` each), as (slot, index):
/// slots count from the top edge (0, 1, …) and then from the bottom edge, so a header is compared
/// only with the lines in the same place on other pages.
fn edges(page: &[&str]) -> Vec<(usize, usize)> {
    let non_blank = || (0..page.len()).filter(|&i| !page[i].trim().is_empty());
    let top: Vec<usize> = non_blank().take(EDGE_LINES).collect();
    let bottom = non_blank()
        .rev()
        .take(EDGE_LINES)
        .enumerate()
        .filter(|(_, i)| !top.contains(i))
        .map(|(k, i)| (EDGE_LINES + k, i))
        .collect::<Vec<_>>();
    top.into_iter().enumerate().chain(bottom).collect()
}

/// A line with its digits made alike and its spaces collapsed: "Page 3 of 9" and "Page 4 of 9"
/// have one shape.
fn shape(line: &str) -> String {
    let mut s = String::new();
    for word in line.split_whitespace() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.extend(
            word.chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c }),
        );
    }
    s
}

/// The number of a line that is only a page number: "7", "- 7 -", "Page 7", "7/12".
fn page_number(line: &str) -> Option<i64> {
    let t = line
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t
        .strip_prefix("Page")
        .or_else(|| t.strip_prefix("page"))
        .unwrap_or(t)
        .trim();
    let t = t.split_once(['/', ' ']).map_or(t, |(n, rest)| {
        let rest = rest.trim().trim_start_matches("of").trim();
        if rest.chars().all(|c| c.is_ascii_digit() || c == '/') {
            n
        } else {
            ""
        }
    });
    (!t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn running_headers_footers_and_page_numbers_go() {
        let doc = pages(&[
            "ATOP Coding Sheet\n1. ATOP ID: 5030\n2. COW #: N/A.\nPage 1 of 2\n",
            "\n\nATOP Coding Sheet\n3. Signature date: May 1, 2002\n4. Members:\n710 China\nPage 2 of 2\n",
        ]);
        assert_eq!(
            without_page_furniture(&doc),
            "1. ATOP ID: 5030\n2. COW #: N/A.\n3. Signature date: May 1, 2002\n4. Members:\n710 China\n"
        );
        let numbered = pages(&["a\nb\n1\n", "c\nd\n2\n", "e\n3\n"]);
        assert_eq!(without_page_furniture(&numbered), "a\nb\nc\nd\ne\n");
    }

    #[test]
    fn content_at_page_edges_stays() {
        // Numbers that do not count up with the pages are content, as are lines seen once.
        let doc = pages(&[
            "13. Renewals:\n0\n",
            "14. Termination:\n7\n",
            "Still in effect.\n",
        ]);
        assert_eq!(
            without_page_furniture(&doc),
            "13. Renewals:\n0\n14. Termination:\n7\nStill in effect.\n"
        );
    }

    #[test]
    fn page_numbers_read() {
        for (line, n) in [("7", Some(7)), ("- 7 -", Some(7)), ("Page 7", Some(7))] {
            assert_eq!(page_number(line), n, "{line}");
        }
        for (line, n) in [("7/12", Some(7)), ("Page 7 of 12", Some(7))] {
            assert_eq!(page_number(line), n, "{line}");
        }
        for line in ["No.", "710 China", "1. ATOP ID", "12345", ""] {
            assert_eq!(page_number(line), None, "{line}");
        }
    }

    /// A DOCX package with these parts, stored uncompressed.
    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn xml(root: &str, inner: &str) -> String {
        format!("<w:{root} xmlns:w=\"{W_NS}\">{inner}</w:{root}>")
    }

    #[test]
    fn docx_paragraphs_lists_tabs_and_breaks() {
        let numbered = |level: u32| {
            format!(
                "<w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"7\"/></w:numPr></w:pPr>"
            )
        };
        let body = format!(
            "<w:body>\
             <w:p><w:r><w:t>SECTION I</w:t></w:r></w:p>\
             <w:p>{q}<w:r><w:t>ATOP ID:</w:t><w:tab/><w:t>5030</w:t></w:r></w:p>\
             <w:p><w:pPr><w:pStyle w:val=\"Q\"/></w:pPr><w:r><w:t>Members:</w:t><w:br/><w:t>710 China</w:t></w:r></w:p>\
             <w:p>{sub}<w:r><w:t>a part</w:t></w:r></w:p>\
             <w:p>{sub}<w:r><w:t>another</w:t></w:r></w:p>\
             <w:p>{q}<w:r><w:t>Signed</w:t><w:delText>deleted</w:delText></w:r></w:p>\
             </w:body>",
            q = numbered(0),
            sub = numbered(1),
        );
        let numbering = xml(
            "numbering",
            "<w:abstractNum w:abstractNumId=\"3\">\
             <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/><w:suff w:val=\"space\"/></w:lvl>\
             <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%1.%2)\"/></w:lvl>\
             </w:abstractNum><w:num w:numId=\"7\"><w:abstractNumId w:val=\"3\"/></w:num>",
        );
        let styles = xml(
            "styles",
            "<w:style w:styleId=\"Base\"><w:pPr><w:numPr><w:numId w:val=\"7\"/></w:numPr></w:pPr></w:style>\
             <w:style w:styleId=\"Q\"><w:basedOn w:val=\"Base\"/></w:style>",
        );
        let bytes = docx(&[
            ("word/document.xml", &xml("document", &body)),
            ("word/numbering.xml", &numbering),
            ("word/styles.xml", &styles),
        ]);
        assert_eq!(
            import(&bytes).unwrap(),
            "SECTION I\n1. ATOP ID:\t5030\n2. Members:\n710 China\n2.a)\ta part\n2.b)\tanother\n3. Signed\n"
        );
        assert_eq!(
            import(&docx(&[("word/other.xml", "<x/>")])),
            Err(ImportError::Broken(
                "a ZIP file without word/document.xml".into()
            ))
        );
    }

    #[test]
    fn list_numbers_in_words_formats() {
        assert_eq!(list_number(3, "decimal"), "3");
        assert_eq!(list_number(28, "lowerLetter"), "bb");
        assert_eq!(list_number(4, "upperRoman"), "IV");
        assert_eq!(list_number(9, "lowerRoman"), "ix");
        assert_eq!(list_number(7, "decimalZero"), "07");
    }

    #[test]
    fn other_files_are_clear_errors() {
        assert_eq!(import(b"plain text"), Err(ImportError::Unsupported));
        assert!(matches!(
            import(b"%PDF-1.4\ngarbage"),
            Err(ImportError::Broken(_))
        ));
        assert!(matches!(
            import(b"PK\x03\x04garbage"),
            Err(ImportError::Broken(_))
        ));
    }
}
