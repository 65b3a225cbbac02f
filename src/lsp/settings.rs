//! Settings from the client, in `initializationOptions` and in
//! `workspace/didChangeConfiguration`, shaped `{"rules": {"<code>": "off"|"error"|"warning"|
//! "info"|"hint"}, "allow": ["<folder>", …]}`. The rules override `atop.toml`'s `[rules]`;
//! `allow` names folders outside the workspace that `atop.toml` and pairing may read from.

use crate::model::config::{RuleLevel, rule_settings};
use crate::rules::RuleSettings;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Deserialize)]
struct RawSettings {
    #[serde(default)]
    rules: BTreeMap<String, RuleLevel>,
    #[serde(default)]
    allow: Vec<PathBuf>,
}

/// What the client's settings say.
#[derive(Debug, Default, PartialEq)]
pub struct ClientSettings {
    pub rules: RuleSettings,
    /// Folders outside the workspace the user lets configuration and pairing read.
    pub allow: Vec<PathBuf>,
}

/// The settings a client sent; `Ok(None)` when it sent none (`null` or nothing).
pub fn parse(value: Option<&Value>) -> Result<Option<ClientSettings>, String> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let settings =
        RawSettings::deserialize(value).map_err(|e| format!("atop-lint settings ignored: {e}"))?;
    let rules = rule_settings(settings.rules)
        .map_err(|e| format!("atop-lint settings ignored: rules: {e}"))?;
    Ok(Some(ClientSettings {
        rules,
        allow: settings.allow,
    }))
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
        .expect("some")
        .rules;
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
        assert_eq!(
            parse(Some(&json!({"allow": ["/data/atop"]}))),
            Ok(Some(ClientSettings {
                rules: RuleSettings::default(),
                allow: vec![PathBuf::from("/data/atop")]
            }))
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
