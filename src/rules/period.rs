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
/// periods of `kind` (quantities in the lexicons) agree with.
pub fn check_period(cx: &Context, out: &mut Sink, role: Role, kind: &str, what: &str) {
    let Some(q) = cx.by_role(role) else { return };
    if q.lead.as_ref().map(|l| l.kind) != Some(LeadKind::Yes) {
        return;
    }
    let Some(found) = cx.evidence.quantities.get(kind).filter(|f| !f.is_empty()) else {
        return;
    };
    let written = crate::coding::answers::periods(cx.text, q.answer.clone(), cx.langs);
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
