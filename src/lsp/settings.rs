//! Settings from the client: rule severities in `initializationOptions` and in
//! `workspace/didChangeConfiguration`, shaped `{"rules": {"<code>": "off"|"error"|"warning"|
//! "info"|"hint"}}`. They override `atop.toml`'s `[rules]`.

use crate::model::config::{RuleLevel, rule_settings};
use crate::rules::RuleSettings;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct ClientSettings {
    #[serde(default)]
    rules: BTreeMap<String, RuleLevel>,
}

/// The rule settings a client sent; `Ok(None)` when it sent none (`null` or nothing).
pub fn parse(value: Option<&Value>) -> Result<Option<RuleSettings>, String> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let settings = ClientSettings::deserialize(value)
        .map_err(|e| format!("atop-lint settings ignored: {e}"))?;
    rule_settings(settings.rules)
        .map(Some)
        .map_err(|e| format!("atop-lint settings ignored: rules: {e}"))
}

/// `base` with every override of `over` on top.
pub fn merged(base: &RuleSettings, over: &RuleSettings) -> RuleSettings {
    let mut out = base.clone();
    out.overrides
        .extend(over.overrides.iter().map(|(k, v)| (k.clone(), *v)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use serde_json::json;

    #[test]
    fn shapes() {
        assert_eq!(parse(None), Ok(None));
        assert_eq!(parse(Some(&Value::Null)), Ok(None));
        let s = parse(Some(
            &json!({"rules": {"citation-style": "off", "yes-no-answer": "error"}}),
        ))
        .expect("valid")
        .expect("some");
        assert_eq!(s.overrides.get("citation-style"), Some(&None));
        assert_eq!(
            s.overrides.get("yes-no-answer"),
            Some(&Some(Severity::Error))
        );
        assert_eq!(
            parse(Some(&json!({"rules": {"nope": "off"}}))),
            Err(
                "atop-lint settings ignored: rules: unknown rule `nope` (see `atop-lint rules`)"
                    .into()
            )
        );
        assert_eq!(
            parse(Some(&json!({"rules": {"citation-style": "loud"}}))),
            Err("atop-lint settings ignored: unknown variant `loud`, expected one of `off`, `error`, `warning`, `info`, `hint`".into())
        );
        let mut base = RuleSettings::default();
        base.overrides
            .insert("citation-style".into(), Some(Severity::Error));
        base.overrides.insert("empty-answer".into(), None);
        let m = merged(&base, &s);
        assert_eq!(m.overrides.get("citation-style"), Some(&None));
        assert_eq!(m.overrides.get("empty-answer"), Some(&None));
    }
}
