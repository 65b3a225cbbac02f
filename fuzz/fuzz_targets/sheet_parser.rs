//! The sheet parser and the rules over any text: no panic, spans inside the text.
#![no_main]

use atop_lint::model::schema::Schema;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let schema = Schema::builtin();
    let sheet = atop_lint::syntax::sheet::parse(text, &schema);
    for q in &sheet.questions {
        assert!(q.span.end <= text.len() && text.is_char_boundary(q.span.start));
    }
    let env = atop_lint::Env::default();
    let analysis = atop_lint::analyze_parsed(text, sheet, Vec::new(), &env, &Default::default());
    for d in &analysis.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len());
    }
});
