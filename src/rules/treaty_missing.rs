use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "treaty-missing",
    severity: Severity::Info,
    summary: "No treaty text was found for the sheet",
    doc: "\
Checks against the treaty (cited articles, contradictions with its text) need the treaty. It is
found by the sheet's ATOP ID: `<ATOPID>.treaty.txt` or `<ATOPID>.treaty.<lang>.txt` beside the
sheet or in a `treaties/` folder of the sheet's folder or a parent, or given with `--treaty`.
Without it the sheet is still linted, and this rule says so, at severity `info`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    if !cx.treaties.is_empty() {
        return;
    }
    let (span, q) = match cx.by_role(Role::AtopId) {
        Some(q) if !q.answer.is_empty() => (q.answer.clone(), Some(q.number())),
        Some(q) => (q.number_span.clone(), Some(q.number())),
        None => (0..0, None),
    };
    let id = cx
        .by_role(Role::AtopId)
        .map(|q| cx.answer(q).trim().trim_end_matches('.').to_string())
        .unwrap_or_default();
    let hint = if id.is_empty() {
        "<ATOPID>".to_string()
    } else {
        id
    };
    out.report(span, q, format!("no treaty text found (looked for {hint}.treaty.txt and {hint}.treaty.<lang>.txt); treaty checks skipped"));
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn says_so() {
        assert_eq!(check("treaty-missing", CLEAN), Vec::<String>::new());
        assert_eq!(
            check_with("treaty-missing", CLEAN, &[]),
            [
                "3:13 info treaty-missing Q1: no treaty text found (looked for 5030.treaty.txt and 5030.treaty.<lang>.txt); treaty checks skipped"
            ]
        );
    }
}
