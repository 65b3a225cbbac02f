use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "signature-date-mismatch",
    severity: Severity::Warning,
    summary: "The signature date differs from the date the treaty gives for its signing",
    doc: "\
The signature date (Q3) feeds BEGYR/BEGMO/BEGDAY. The treaty's closing formula usually dates the
signing, in its own language (\"本条约于二〇〇二年十二月二十三日在北京签订\", \"Done at Washington, the
fourth day of April, 1949\", \"Fait à Téhéran, le 12 mars 1930\"). When the sheet gives dates and
none is the treaty's, one of them is wrong.

Example: `3. Signature date(s) ...: December 22, 2002` against the 5030 treaty reports `Q3 gives
December 22, 2002, but the treaty was signed on December 23, 2002`.",
    fixable: false,
    check,
};

fn check(cx: &Context, out: &mut Sink) {
    let Some(q) = cx.by_role(Role::SignatureDate) else {
        return;
    };
    let signed: Vec<(usize, &crate::syntax::treaty::Treaty)> = cx
        .treaties
        .iter()
        .enumerate()
        .filter(|(_, t)| t.signed.is_some())
        .collect();
    let written: Vec<_> = q
        .dates
        .iter()
        .filter_map(|d| d.value.clone().ok().map(|v| (d.span.clone(), v)))
        .collect();
    let Some((span, date)) = written.first().cloned() else {
        return;
    };
    if signed.is_empty()
        || written.iter().any(|(_, d)| {
            signed
                .iter()
                .any(|(_, t)| t.signed.as_ref().is_some_and(|(_, s)| s == d))
        })
    {
        return;
    }
    let (ti, t) = signed[0];
    let (tspan, tdate) = t.signed.clone().expect("filtered on signed");
    let d = out.report(
        span,
        Some(q.number()),
        format!(
            "Q{} gives {}, but the treaty was signed on {} (“{}”)",
            q.number(),
            date.english(),
            tdate.english(),
            quote(&t.text[tspan.clone()], 40)
        ),
    );
    d.related.push(crate::diagnostic::Related {
        location: Location::Treaty(ti, tspan),
        message: format!("signed on {}", tdate.english()),
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn signing_date() {
        assert_eq!(
            check("signature-date-mismatch", CLEAN),
            Vec::<String>::new()
        );
        let text = edit(CLEAN, "December 23, 2002", "December 22, 2002");
        assert_eq!(
            check("signature-date-mismatch", &text),
            [
                "7:72 warning signature-date-mismatch Q3: Q3 gives December 22, 2002, but the treaty was signed on December 23, 2002 (“二〇〇二年十二月二十三日”)"
            ]
        );
    }
}
