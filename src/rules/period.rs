//! Shared by the duration and renewal rules: periods written in a sheet answer, compared with
//! the periods the treaty gives.

use super::prelude::*;
use crate::text::Span;
use regex::Regex;
use std::sync::LazyLock;

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<n>\d{1,3}|[a-z]+(?:[- ][a-z]+)?)[- ](?P<unit>years?|months?)\b")
        .expect("valid regex")
});

/// "20 years", "twenty years", "6 months" in an answer, as (span, months).
pub fn sheet_periods(cx: &Context, span: Span) -> Vec<(Span, u32)> {
    let text = &cx.text[span.clone()];
    PERIOD
        .captures_iter(text)
        .filter_map(|c| {
            let n = c.name("n")?;
            let value = crate::model::evidence::read_number(n.as_str(), cx.langs)
                // "another five" / "a further twenty": the last word carries the number.
                .or_else(|| {
                    n.as_str()
                        .rsplit([' ', '-'])
                        .next()
                        .and_then(|w| cx.langs.numbers.word(w))
                })?;
            let months = if c["unit"].to_ascii_lowercase().starts_with("year") {
                value * 12
            } else {
                value
            };
            let whole = c.get(0)?;
            Some((
                span.start + whole.start()..span.start + whole.end(),
                u32::try_from(months).ok()?,
            ))
        })
        .collect()
}

fn describe(months: u32) -> String {
    if months % 12 == 0 {
        let y = months / 12;
        format!("{y} year{}", if y == 1 { "" } else { "s" })
    } else {
        format!("{months} months")
    }
}

/// Reports when the question of `role` answers Yes with periods, none of which the treaty's
/// periods of `kind` (quantities in the lexicons) agree with.
pub fn check_period(cx: &Context, out: &mut Sink, role: Role, kind: &str, what: &str) {
    let Some(q) = cx.by_role(role) else { return };
    if q.lead.as_ref().map(|l| l.kind) != Some(LeadKind::Yes) {
        return;
    }
    let Some(found) = cx.evidence.quantities.get(kind).filter(|f| !f.is_empty()) else {
        return;
    };
    let written = sheet_periods(cx, q.answer.clone());
    let Some((span, months)) = written.first().cloned() else {
        return;
    };
    if written
        .iter()
        .any(|(_, m)| found.iter().any(|f| f.months == *m))
    {
        return;
    }
    let treaty_says: Vec<String> = found
        .iter()
        .map(|f| format!("{} ({})", describe(f.months), place_name(f.place)))
        .collect();
    let d = out.report(
        span,
        Some(q.number()),
        format!(
            "Q{} gives {what} of {}, but the treaty says {}",
            q.number(),
            describe(months),
            treaty_says.join(" or ")
        ),
    );
    for f in found {
        d.related.push(crate::diagnostic::Related {
            location: Location::Treaty(f.treaty, f.span.clone()),
            message: format!("{}: {}", place_name(f.place), describe(f.months)),
        });
    }
}
