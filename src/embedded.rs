//! Data compiled into the binary: the default questionnaire, the languages and the COW list.

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// The default questionnaire schema.
pub const SCHEMA_V4: &str = include_str!("../schemas/atop-codesheet-v4.json");
pub const SCHEMA_V4_NAME: &str = "schemas/atop-codesheet-v4.json";

/// COW state-system membership, v2024 (see data/cow/SOURCES.md).
pub const COW_STATES: &str = include_str!("../data/cow/statelist2024.csv");
/// Extra names of COW states as sheets write them.
pub const COW_ALIASES: &str = include_str!("../data/cow/aliases.toml");
/// Labels of evidence topics and organizations.
pub const TOPICS: &str = include_str!("../schemas/topics.toml");
