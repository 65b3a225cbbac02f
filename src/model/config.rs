//! `atop.toml`: rule selection and severities, the schema, treaty folders, the dataset. Found from a sheet's
//! folder upward. Unknown keys are errors that name the key.

use crate::diagnostic::Severity;
use crate::rules::RuleSettings;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "atop.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    schema: Option<PathBuf>,
    #[serde(default)]
    treaties: Vec<PathBuf>,
    dataset: Option<Paths>,
    #[serde(default)]
    rules: BTreeMap<String, RuleLevel>,
}

/// One path or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Paths {
    One(PathBuf),
    Many(Vec<PathBuf>),
}

/// A rule's setting: `off` or a severity.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Error,
    Warning,
    Info,
    Hint,
}

/// A loaded configuration; paths are absolute (resolved against the file's folder).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    pub schema: Option<PathBuf>,
    pub treaty_dirs: Vec<PathBuf>,
    /// Files of a release of the ATOP dataset to check sheets against.
    pub datasets: Vec<PathBuf>,
    pub rules: RuleSettings,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses the text of a config file found at `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let err = |message: String| ConfigError {
            path: path.to_path_buf(),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let msg = e.message().to_string();
            match e.span() {
                Some(span) => {
                    let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                    err(format!("line {line}: {msg}"))
                }
                None => err(msg),
            }
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let rules = rule_settings(raw.rules).map_err(|e| err(format!("[rules]: {e}")))?;
        Ok(Config {
            path: Some(path.to_path_buf()),
            schema: raw.schema.map(|p| dir.join(p)),
            treaty_dirs: raw.treaties.into_iter().map(|p| dir.join(p)).collect(),
            datasets: match raw.dataset {
                None => Vec::new(),
                Some(Paths::One(p)) => vec![dir.join(p)],
                Some(Paths::Many(ps)) => ps.into_iter().map(|p| dir.join(p)).collect(),
            },
            rules,
        })
    }

    /// Reads the config file that governs `dir`: the first `atop.toml` from `dir` upward.
    pub fn discover(dir: &Path) -> Result<Config, ConfigError> {
        match find(dir) {
            Some(path) => {
                let text = super::workspace::read_text(&path).map_err(|e| ConfigError {
                    path: path.clone(),
                    message: e.to_string(),
                })?;
                Config::parse(&path, &text)
            }
            None => Ok(Config::default()),
        }
    }
}

/// Rule settings from rule codes and levels; an unknown code is an error that names it.
pub fn rule_settings(levels: BTreeMap<String, RuleLevel>) -> Result<RuleSettings, String> {
    let mut rules = RuleSettings::default();
    for (code, level) in levels {
        if crate::rules::find(&code).is_none() {
            return Err(format!("unknown rule `{code}` (see `atop-lint rules`)"));
        }
        let sev = match level {
            RuleLevel::Off => None,
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Hint => Some(Severity::Hint),
        };
        rules.overrides.insert(code, sev);
    }
    Ok(rules)
}

/// The first `atop.toml` from `dir` upward.
fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_unknown_keys() {
        let p = Path::new("/proj/atop.toml");
        let c = Config::parse(p, "schema = \"s.json\"\ntreaties = [\"texts\"]\n[rules]\ncitation-style = \"off\"\nyes-no-answer = \"error\"\n").unwrap();
        assert_eq!(c.schema, Some(PathBuf::from("/proj/s.json")));
        assert_eq!(c.treaty_dirs, [PathBuf::from("/proj/texts")]);
        assert!(c.datasets.is_empty());
        let one = Config::parse(p, "dataset = \"atop/a.csv\"\n").unwrap();
        assert_eq!(one.datasets, [PathBuf::from("/proj/atop/a.csv")]);
        let two = Config::parse(p, "dataset = [\"a.csv\", \"m.csv\"]\n").unwrap();
        assert_eq!(
            two.datasets,
            [PathBuf::from("/proj/a.csv"), PathBuf::from("/proj/m.csv")]
        );
        assert!(Config::parse(p, "dataset = 3\n").is_err());
        assert_eq!(c.rules.overrides.get("citation-style"), Some(&None));
        assert_eq!(
            c.rules.overrides.get("yes-no-answer"),
            Some(&Some(Severity::Error))
        );
        let e = Config::parse(p, "schema = \"s.json\"\ncolour = true\n").unwrap_err();
        assert!(
            e.message.starts_with("line 2: unknown field `colour`"),
            "{}",
            e.message
        );
        let e = Config::parse(p, "[rules]\nno-such-rule = \"off\"\n").unwrap_err();
        assert_eq!(
            e.message,
            "[rules]: unknown rule `no-such-rule` (see `atop-lint rules`)"
        );
        let e = Config::parse(p, "[rules]\ncitation-style = \"loud\"\n").unwrap_err();
        assert!(
            e.message.contains("unknown variant `loud`"),
            "{}",
            e.message
        );
    }
}
