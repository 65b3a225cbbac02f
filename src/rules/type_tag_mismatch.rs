use super::prelude::*;
use std::collections::BTreeSet;

pub static RULE: Rule = Rule {
    code: "type-tag-mismatch",
    severity: Severity::Warning,
    summary: "The alliance types listed do not match the [Type] tags of the obligations",
    doc: "\
Coders tag each quoted obligation with the alliance type it supports (`[Defense]`,
`[Consultation]`). A tag for a type the type question does not list, or — when the sheet uses
tags at all — a listed type that no obligation is tagged with, means one of the two answers is
out of date.

Example: Q16 lists `Nonaggression pact` only while Q18 tags an article `[Consultation]` reports
`Q18 tags [Consultation], but Q16 does not list Consultation pact`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let (Some(types_q), Some(obl)) = (
        cx.by_role(Role::AllianceTypes),
        cx.by_role(Role::Obligations),
    ) else {
        return;
    };
    if obl.tags.is_empty() {
        return;
    }
    let listed: BTreeSet<String> =
        crate::coding::answers::listed_types(cx.schema, cx.text, types_q)
            .into_iter()
            .map(|(t, _)| t.id.clone())
            .collect();
    let tagged: BTreeSet<&str> = obl.tags.iter().map(|t| t.type_id.as_str()).collect();
    let label = |id: &str| {
        cx.schema
            .alliance_types
            .iter()
            .find(|t| t.id == id)
            .map_or(id.to_string(), |t| t.label.clone())
    };
    for tag in &obl.tags {
        if !listed.contains(&tag.type_id) {
            out.report(
                tag.span.clone(),
                Some(obl.number()),
                format!(
                    "Q{} tags {}, but Q{} does not list {}",
                    obl.number(),
                    cx.quote(tag.span.clone(), 30),
                    types_q.number(),
                    label(&tag.type_id)
                ),
            );
        }
    }
    for id in &listed {
        if !tagged.contains(id.as_str()) {
            out.report(
                types_q.answer.clone(),
                Some(types_q.number()),
                format!(
                    "Q{} lists {}, but no obligation in Q{} is tagged with it",
                    types_q.number(),
                    label(id),
                    obl.number()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn tags_and_types() {
        assert_eq!(check("type-tag-mismatch", CLEAN), Vec::<String>::new());
        assert_eq!(check("type-tag-mismatch", SEED), Vec::<String>::new());
        let text = edit(CLEAN, "\nConsultation pact\n", "\n");
        assert_eq!(
            check("type-tag-mismatch", &text),
            [
                "68:72 warning type-tag-mismatch Q18: Q18 tags [Consultation], but Q16 does not list Consultation pact"
            ]
        );
        let text = edit(CLEAN, "(Art. 14)[Consultation]", "(Art. 14)");
        assert_eq!(
            check("type-tag-mismatch", &text),
            [
                "56:1 warning type-tag-mismatch Q16: Q16 lists Consultation pact, but no obligation in Q18 is tagged with it"
            ]
        );
    }
}
