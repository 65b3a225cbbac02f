use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "revision-date",
    severity: Severity::Warning,
    summary: "The last revision date is earlier than a dated revision note",
    doc: "\
The \"Date of last revision\" must be updated whenever the sheet is revised. A `Version N:` note
elsewhere in the sheet dated after it shows the date was not updated.

Example: the 5030 sheet gives July 26, 2017 in Q60, but a note says `Version 4.0: Q14 revised by
... on June 1, 2018`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let Some(q) = cx.by_role(Role::LastRevision) else {
        return;
    };
    let Some((span, last)) = q
        .dates
        .iter()
        .find_map(|d| d.value.clone().ok().map(|v| (d.span.clone(), v)))
    else {
        return;
    };
    let latest = cx
        .sheet
        .revisions
        .iter()
        .flat_map(|n| {
            n.dates
                .iter()
                .filter_map(move |d| d.value.clone().ok().map(|v| (n, v)))
        })
        .max_by_key(|(_, v)| *v);
    if let Some((note, date)) = latest
        && date > last
    {
        out.report(
            span,
            Some(q.number()),
            format!(
                "Q{} gives {} as the last revision, but a revision note is dated {}",
                q.number(),
                last.english(),
                date.english()
            ),
        )
        .related
        .push(crate::diagnostic::Related {
            location: Location::Sheet(note.span.clone()),
            message: format!("revision note dated {}", date.english()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn seed_note_after_q60() {
        assert_eq!(check("revision-date", CLEAN), Vec::<String>::new());
        assert_eq!(
            check("revision-date", SEED),
            [
                "285:49 warning revision-date Q60: Q60 gives July 26, 2017 as the last revision, but a revision note is dated June 1, 2018"
            ]
        );
    }
}
