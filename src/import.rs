//! `atop-lint import`: a coding sheet's text out of the PDF or DOCX it was published or written
//! in. This is file-format code, not analysis: it reads the document as a reader shows it, drops
//! the page furniture it can recognise (running headers and footers, page numbers) and changes
//! nothing else — what is wrong with the sheet is the linter's to report.

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
            pdf_extract::OutputError::PdfError(lopdf::Error::Decryption(_)) => {
                ImportError::Encrypted
            }
            e => ImportError::Broken(e.to_string()),
        })?;
    if pages.is_empty() {
        return Err(ImportError::Broken("no page has text".into()));
    }
    Ok(without_page_furniture(&pages))
}

/// A DOCX's body text: one line per paragraph, tabs and line breaks kept. Headers and footers
/// are parts of their own, so the body has none.
pub fn docx_text(bytes: &[u8]) -> Result<String, ImportError> {
    let broken = |e: &dyn fmt::Display| ImportError::Broken(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| broken(&e))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|_| ImportError::Broken("a ZIP file without word/document.xml".into()))?
        .read_to_string(&mut xml)
        .map_err(|e| broken(&e))?;
    let doc = roxmltree::Document::parse(&xml).map_err(|e| broken(&e))?;
    let mut out = String::new();
    let Some(body) = doc.root_element().children().find(|n| is_w(n, "body")) else {
        return Err(ImportError::Broken("word/document.xml has no body".into()));
    };
    for paragraph in body.descendants().filter(|n| is_w(n, "p")) {
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
