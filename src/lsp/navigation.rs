//! Go to definition (a citation to its article in each treaty text, `#N` to question N) and
//! references (from a question, every `#N` naming it; from a treaty article, every citation of
//! it in the open sheets).

use super::documents::Positions;
use super::hover::{Target, target_at};
use super::workspace::SheetSnapshot;
use crate::syntax::sheet::{ArticleRef, PartName};
use crate::syntax::treaty::Treaty;
use crate::text::Span;
use tower_lsp_server::ls_types::{Location, Uri};

/// Where the thing at `offset` of the sheet is defined.
pub fn definition(snap: &SheetSnapshot, offset: usize) -> Vec<Location> {
    match target_at(snap, offset) {
        Some(Target::Articles(articles, part, _)) => articles
            .iter()
            .flat_map(|article| {
                let part = part.clone();
                (0..snap.treaties.len()).filter_map(move |i| {
                    let (uri, treaty, positions) = snap.treaty(i)?;
                    let span = article_span(treaty, part.as_ref(), *article)?;
                    Some(Location::new(uri.clone(), positions.range(&span)))
                })
            })
            .collect(),
        Some(Target::Question(n, _)) => snap
            .question(n)
            .map(|q| Location::new(snap.uri.clone(), snap.positions().range(&q.number_span)))
            .into_iter()
            .collect(),
        Some(Target::Cow(..)) | None => Vec::new(),
    }
}

/// The heading of an article (of the main text, or of the part named), or the preamble, in a
/// treaty text.
fn article_span(treaty: &Treaty, part: Option<&PartName>, article: ArticleRef) -> Option<Span> {
    match article {
        ArticleRef::Preamble => Some(treaty.preamble.clone()).filter(|s| !s.is_empty()),
        ArticleRef::Text => treaty.undivided(),
        ArticleRef::Article(n) => treaty.cited(part, n).map(|a| a.heading.clone()),
    }
}

/// Every `#N` naming the question at `offset` of the sheet (and the question's own number when
/// `declaration` is asked for).
pub fn question_references(
    snap: &SheetSnapshot,
    offset: usize,
    declaration: bool,
) -> Vec<Location> {
    let Some(Target::Question(n, _)) = target_at(snap, offset) else {
        return Vec::new();
    };
    let positions = snap.positions();
    let own = snap
        .question(n)
        .filter(|_| declaration)
        .map(|q| q.number_span.clone());
    let refs = snap
        .analysis
        .sheet
        .questions
        .iter()
        .flat_map(|q| q.refs.iter())
        .filter(|r| r.number == n)
        .map(|r| r.span.clone());
    own.into_iter()
        .chain(refs)
        .map(|span| Location::new(snap.uri.clone(), positions.range(&span)))
        .collect()
}

/// Every citation, in the open `sheets`, of the article at `offset` of the open treaty `uri`
/// (and the article's heading when `declaration` is asked for).
pub fn article_references(
    uri: &Uri,
    treaty: &Treaty,
    positions: Positions,
    offset: usize,
    sheets: &[std::sync::Arc<SheetSnapshot>],
    declaration: bool,
) -> Vec<Location> {
    let Some(article) = treaty
        .articles
        .iter()
        .find(|a| a.span.start <= offset && offset < a.span.end.max(a.span.start + 1))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if declaration {
        out.push(Location::new(
            uri.clone(),
            positions.range(&article.heading),
        ));
    }
    let wanted = ArticleRef::Article(article.number);
    for snap in sheets
        .iter()
        .filter(|s| s.treaties.iter().any(|t| t.uri == *uri))
    {
        let positions = snap.positions();
        for q in &snap.analysis.sheet.questions {
            // A part's articles are numbered apart: only citations of the main text.
            for c in q.citations.iter().filter(|c| c.part.is_none()) {
                for (_, span) in c.targets.iter().filter(|(t, _)| *t == wanted) {
                    out.push(Location::new(snap.uri.clone(), positions.range(span)));
                }
            }
        }
    }
    out
}
