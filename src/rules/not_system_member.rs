use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "not-system-member",
    severity: Severity::Warning,
    summary: "A member that was never a COW system member while the alliance was in effect",
    doc: "\
ATOP codes alliances among members of the state system. A member whose COW membership never
overlaps the alliance's life — from the signature date (Q3) to the termination date (Q14), or
to now while it is in effect — is the wrong code for the period: 255 Germany was not a member
between 1945 and 1990; West Germany is 260. Members that joined a long-lived alliance later
(Spain in NATO) are members during its life and are not reported. The COW list starts on 1
January 1816 and ATOP in 1815: a membership the list gives from its first day counts from any
earlier date too.

Example: an alliance of 1949–1951 listing `255 Germany` reports `255 Germany was not a system
member from April 4, 1949 to March 1, 1951 (member 1816-01-01 – 1945-05-08, 1990-10-03 – …)`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let Some(start) = cx.signature_date() else {
        return;
    };
    // "Still in effect. France withdrew on March 7, 1966": the exit is no end of the alliance.
    let end = cx
        .by_role(Role::TerminationDate)
        .filter(|q| {
            cx.schema_question(q).is_none_or(|sq| {
                !crate::coding::answers::in_effect(sq, cx.text, q).is_some_and(|(yes, _)| yes)
            })
        })
        .and_then(|q| q.dates.iter().find_map(|d| d.value.clone().ok()))
        .filter(|e| *e >= start);
    let period = match end {
        Some(e) => format!("from {} to {}", start.english(), e.english()),
        None => format!("at any time since {}", start.english()),
    };
    for q in &cx.sheet.questions {
        for m in &q.members {
            let Some(state) = cx.cow.get(m.code) else {
                continue;
            };
            // A member that joined later ("(joined March 3, 1960)") counts from then.
            let from = m.joined.filter(|j| *j > start).unwrap_or(start);
            if state.member_between(from, end) {
                continue;
            }
            out.report(
                m.code_span.clone(),
                Some(q.number()),
                format!(
                    "{} {} was not a system member {period} (member {})",
                    m.code,
                    state.name(),
                    state.periods()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn germany_in_an_alliance_of_1949_to_1951() {
        assert_eq!(check("not-system-member", CLEAN), Vec::<String>::new());
        let text = edit(CLEAN, "December 23, 2002", "April 4, 1949");
        let text = edit(&text, "710 China", "255 Germany");
        // Still in effect: Germany (again a member since 1990) and Kazakhstan (since 1991)
        // were members during the alliance's life.
        assert_eq!(check("not-system-member", &text), Vec::<String>::new());
        let text = edit(&text, "Still in effect.", "March 1, 1951.");
        assert_eq!(
            check("not-system-member", &text),
            [
                "10:1 warning not-system-member Q4: 255 Germany was not a system member from April 4, 1949 to March 1, 1951 (member 1816-01-01 – 1945-05-08, 1990-10-03 – 2024-12-31)",
                "11:1 warning not-system-member Q4: 705 Kazakhstan was not a system member from April 4, 1949 to March 1, 1951 (member 1991-12-26 – 2024-12-31)"
            ]
        );
        // A member's exit after "Still in effect" does not end the alliance.
        let exits = edit(
            &text,
            "March 1, 1951.",
            "Still in effect. 705 Kazakhstan withdrew on March 1, 1951.",
        );
        assert_eq!(check("not-system-member", &exits), Vec::<String>::new());
        let text = edit(CLEAN, "December 23, 2002", "April 4, 1949");
        let text = edit(&text, "710 China", "255 Germany\n9999 Nowhere");
        assert_eq!(check("not-system-member", &text), Vec::<String>::new());
    }

    /// The COW list starts on 1 January 1816; ATOP codes alliances from 1815. A state on the
    /// list from its first day may have been a member before it.
    #[test]
    fn an_alliance_of_1815() {
        let text = edit(CLEAN, "December 23, 2002", "January 3, 1815");
        let text = edit(&text, "Still in effect.", "March 1, 1816.");
        let text = edit(
            &text,
            "705 Kazakhstan.",
            "200 United Kingdom\n300 Austria-Hungary.",
        );
        assert_eq!(
            check("not-system-member", &text),
            [
                "10:1 warning not-system-member Q4: 710 China was not a system member from January 3, 1815 to March 1, 1816 (member 1860-10-25 – 2024-12-31)"
            ]
        );
    }
}
