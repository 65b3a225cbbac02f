//! Shared by the duration and renewal rules: periods written in a sheet answer, compared with
//! the periods the treaty gives.

use super::prelude::*;

fn describe(months: u32) -> String {
    if months % 12 == 0 {
        let y = months / 12;
        format!("{y} year{}", if y == 1 { "" } else { "s" })
    } else {
        format!("{months} months")
    }
}

/// Reports when the question of `role` answers Yes with periods, none of which the treaty's
/// periods of `kind` (quantities in the lexicons, and the evidence topic of the same name)
/// agree with; or when the treaty has no such provision at all (see [`unsupported`]), where
/// `kind` is a topic too. With `near` words, only the answer's periods in a sentence with one
/// of them count ("six months after notice" for a notice period, not the term beside it).
pub fn check_period(
    cx: &Context,
    out: &mut Sink,
    role: Role,
    (kind, what): (&str, &str),
    near: &[&str],
) {
    let Some(q) = cx.by_role(role) else { return };
    let Some(lead) = q.lead.as_ref().filter(|l| l.kind == LeadKind::Yes) else {
        return;
    };
    let mut written = crate::coding::answers::periods(cx.text, q.answer.clone(), cx.langs);
    if !near.is_empty() {
        // The period's sentence within the answer: a line break does not end it (answers
        // extracted from PDF are hard-wrapped), a full stop does.
        let answer = &cx.text[q.answer.clone()];
        written.retain(|(span, _)| {
            let local = span.start - q.answer.start..span.end - q.answer.start;
            let sentence = crate::model::evidence::sentence_of(answer, &local);
            let sentence = answer[sentence].to_lowercase();
            near.iter().any(|w| sentence.contains(w))
        });
    }
    let Some(found) = cx.evidence.quantities.get(kind).filter(|f| !f.is_empty()) else {
        if cx.topics.topics.contains_key(kind) {
            unsupported(cx, out, q, kind, what, &written, lead.span.clone());
        }
        return;
    };
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

/// A Yes the treaty does not support: a fixed term where the treaty says it is of unlimited
/// duration, or a term or renewal no article speaks of. Only said of treaties whose language
/// the lexicons know and whose articles were found, so that silence means something; a Yes
/// to the duration question without a period ("Yes, indefinitely") is left alone.
fn unsupported(
    cx: &Context,
    out: &mut Sink,
    q: &QuestionNode,
    topic: &str,
    what: &str,
    written: &[(crate::text::Span, u32)],
    lead: crate::text::Span,
) {
    // A renewal answer's periods may be notice periods; a term answer's are its term.
    let first = written.first().cloned().filter(|_| topic == "duration");
    if !cx.reads_a_treaty() || (first.is_none() && topic == "duration") {
        return;
    }
    let n = q.number();
    let claim = first.as_ref().map_or(format!("Q{n} says Yes"), |(_, m)| {
        format!("Q{n} gives {what} of {}", describe(*m))
    });
    let span = first.map_or(lead, |(s, _)| s);
    let unlimited = cx.evidence.strong_places("unlimited_duration");
    if topic == "duration"
        && let Some(f) = unlimited.first()
    {
        let d = out.report(
            span,
            Some(n),
            format!(
                "{claim}, but the treaty is of unlimited duration ({})",
                place_name(f.place)
            ),
        );
        d.related.push(crate::diagnostic::Related {
            location: Location::Treaty(f.treaty, f.span.clone()),
            message: format!("{}: unlimited duration", place_name(f.place)),
        });
    } else if cx.evidence.findings(topic).is_empty() {
        out.report(
            span,
            Some(n),
            format!("{claim}, but no article of the treaty states {what}"),
        );
    }
}
