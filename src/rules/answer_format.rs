use super::prelude::*;
use crate::model::schema::starts_with_words;

pub static RULE: Rule = Rule {
    code: "answer-format",
    severity: Severity::Warning,
    summary: "An answer not in the form its question asks for",
    doc: "\
Beyond Yes/No, the schema gives each question an answer kind: an integer (the ATOP ID), a count
(\"Zero.\", \"2\"), a category from a fixed list (public / public but with secret articles /
secret), alliance types, or a termination date or \"Still in effect\". An answer in another form
cannot be coded.

Example: `7. Was the treaty public ...? Published.` reports that Q7 takes one of public, public
but with secret articles, public with secret articles, secret.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    for (q, sq) in cx.questions() {
        let a = cx.answer(q);
        if a.is_empty() {
            continue;
        }
        let na = q
            .lead
            .as_ref()
            .is_some_and(|l| l.kind == LeadKind::NotApplicable);
        if na && sq.answer.na_allowed {
            continue;
        }
        let first = crate::text::first_line(a);
        let n = sq.number;
        let problem = match sq.answer.kind {
            AnswerKind::Integer => {
                let digits = first.trim().trim_end_matches('.');
                (digits.parse::<u64>().is_err())
                    .then(|| format!("Q{n} takes a number, not \"{}\"", quote(first, 30)))
            }
            AnswerKind::Count => {
                let w = crate::model::schema::words(first);
                let ok = w.first().is_some_and(|w| {
                    w.parse::<u64>().is_ok()
                        || cx.langs.numbers.word(w).is_some()
                        || w == "none"
                        || w == "no"
                });
                (!ok).then(|| {
                    format!(
                        "Q{n} takes a count (\"Zero.\", \"2\"), not \"{}\"",
                        quote(first, 30)
                    )
                })
            }
            AnswerKind::Category if !sq.answer.open => {
                let ok = sq.answer.options.iter().any(|o| starts_with_words(a, o));
                (!ok).then(|| format!("Q{n} takes one of: {}", sq.answer.options.join(", ")))
            }
            AnswerKind::AllianceTypes => {
                let any = !crate::coding::answers::listed_types(cx.schema, cx.text, q).is_empty();
                (!any && !matches!(q.lead.as_ref().map(|l| l.kind), Some(LeadKind::No))).then(
                    || {
                        let labels: Vec<&str> = cx
                            .schema
                            .alliance_types
                            .iter()
                            .map(|t| t.label.as_str())
                            .collect();
                        format!(
                            "Q{n} lists alliance types ({}), none found",
                            labels.join(", ")
                        )
                    },
                )
            }
            AnswerKind::Termination => {
                let first_end = q.answer.start + first.len();
                let dated = q.dates.iter().any(|d| d.span.start < first_end);
                let ok = dated
                    || sq
                        .answer
                        .alternatives
                        .iter()
                        .any(|o| starts_with_words(a, o));
                (!ok).then(|| {
                    format!(
                        "Q{n} takes a date or \"{}\"",
                        sq.answer.alternatives.first().map_or("", String::as_str)
                    )
                })
            }
            _ => None,
        };
        if let Some(message) = problem {
            let end = q.answer.start + first.len();
            out.report(q.answer.start..end, Some(n), message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn forms() {
        assert_eq!(check("answer-format", CLEAN), Vec::<String>::new());
        assert_eq!(check("answer-format", SEED), Vec::<String>::new());
        let text = edit(
            CLEAN,
            "secret articles.\nPublic.",
            "secret articles.\nPublished.",
        );
        assert_eq!(
            check("answer-format", &text),
            [
                "21:1 warning answer-format Q7: Q7 takes one of: public, public but with secret articles, public with secret articles, secret"
            ]
        );
        let text = edit(CLEAN, "1. ATOP ID: 5030", "1. ATOP ID: five");
        assert_eq!(
            check("answer-format", &text),
            ["3:13 warning answer-format Q1: Q1 takes a number, not \"five\""]
        );
        let text = edit(CLEAN, "Still in effect.", "Ongoing.");
        assert_eq!(
            check("answer-format", &text),
            ["44:1 warning answer-format Q14: Q14 takes a date or \"still in effect\""]
        );
        let text = edit(CLEAN, "renewals):\nZero.", "renewals):\nSeveral.");
        assert_eq!(
            check("answer-format", &text),
            [
                "41:1 warning answer-format Q13: Q13 takes a count (\"Zero.\", \"2\"), not \"Several.\""
            ]
        );
    }
}
