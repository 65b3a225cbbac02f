use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "party-mismatch",
    severity: Severity::Warning,
    summary: "A state the treaty names as a party is not among the members",
    doc: "\
The treaty's opening (its title or first paragraph) names the parties. Country names are mapped
to COW codes per language (`[countries]` of `schemas/lang/<lang>.toml`, and the COW names for
English): 中华人民共和国 is 710 China, 哈萨克斯坦共和国 705 Kazakhstan. A named party missing from the
member list (Q4) is reported.

Example: a 5030 sheet listing only `710 China` reports `the treaty names 哈萨克斯坦共和国 (705
Kazakhstan) as a party, but Q4 does not list it`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let Some(q) = cx.by_role(Role::Members) else {
        return;
    };
    let mut codes: Vec<u32> = cx.evidence.parties.iter().map(|p| p.code).collect();
    codes.sort_unstable();
    codes.dedup();
    if codes.len() < 2 || q.members.is_empty() {
        return; // One name is not a list of parties.
    }
    let span = if q.answer.is_empty() {
        q.number_span.clone()
    } else {
        q.answer.clone()
    };
    for p in &cx.evidence.parties {
        if q.members.iter().any(|m| m.code == p.code) {
            continue;
        }
        let name = cx.cow.get(p.code).map_or("?", |s| s.name());
        let written = cx
            .treaties
            .get(p.treaty)
            .map_or("", |t| &t.text[p.span.clone()]);
        let d = out.report(
            span.clone(),
            Some(q.number()),
            format!(
                "the treaty names {written} ({} {name}) as a party, but Q{} does not list it",
                p.code,
                q.number()
            ),
        );
        d.related.push(crate::diagnostic::Related {
            location: Location::Treaty(p.treaty, p.span.clone()),
            message: format!("{written}: {} {name}", p.code),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn party_missing_from_q4() {
        assert_eq!(check("party-mismatch", CLEAN), Vec::<String>::new());
        let text = edit(CLEAN, "705 Kazakhstan.\n", "");
        assert_eq!(
            check("party-mismatch", &text),
            [
                "10:1 warning party-mismatch Q4: the treaty names 哈萨克斯坦共和国 (705 Kazakhstan) as a party, but Q4 does not list it"
            ]
        );
    }
}
