use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "missing-organization",
    severity: Severity::Warning,
    summary: "An international organization the treaty names is missing from the answer",
    doc: "\
The international-organizations question (Q47) lists every organization the treaty refers to.
Organizations are recognised in the treaty by their names in its language (`[organizations]` of
`schemas/lang/<lang>.toml`: 联合国, Nations Unies, Verenigde Naties, ...) and in the answer by their
English names.

Example: the 5030 treaty refers in Art. 12 to the Conference on Interaction and Confidence-
Building Measures in Asia (亚洲相互协作与信任措施会议), which Q47 does not name.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let Some(q) = cx.by_role(Role::InternationalOrganizations) else {
        return;
    };
    if matches!(
        q.lead.as_ref().map(|l| l.kind),
        Some(LeadKind::No | LeadKind::NotApplicable)
    ) || q.answer.is_empty()
    {
        return; // A No is treaty-contradicts-no's to report.
    }
    let answer = cx.answer(q);
    let english = cx.langs.get("en");
    let span = q.lead.as_ref().map_or(q.answer.clone(), |l| l.span.clone());
    for (id, mentions) in &cx.evidence.organizations {
        let named = english.is_some_and(|l| l.names_organization(id, answer));
        if named {
            continue;
        }
        let mut places: Vec<_> = mentions.iter().map(|f| f.place).collect();
        places.dedup();
        let first = &mentions[0];
        let treaty_text = cx
            .treaties
            .get(first.treaty)
            .map_or("", |t| t.text.as_str());
        let d = out.report(
            span.clone(),
            Some(q.number()),
            format!(
                "Q{} does not name the {}, which {} {} to (“{}”)",
                q.number(),
                cx.topics.org_name(id),
                place_list(&places),
                if places.len() > 1 { "refer" } else { "refers" },
                quote(&treaty_text[first.span.clone()], 40)
            ),
        );
        d.related.extend(mentions.iter().map(|f| cx.related(f)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn seed_misses_cica() {
        assert_eq!(check("missing-organization", CLEAN), Vec::<String>::new());
        assert_eq!(
            check("missing-organization", SEED),
            [
                "216:1 warning missing-organization Q47: Q47 does not name the Conference on Interaction and Confidence-Building Measures in Asia, which Art. 12 refers to (“亚洲相互协作与信任措施 会议”)"
            ]
        );
    }
}
