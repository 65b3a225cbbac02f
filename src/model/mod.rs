//! What the analysis knows besides the text: the questionnaire schema, the COW state list, the
//! languages, and the workspace (configuration, pairing sheets with treaties).

pub mod config;
pub mod cow;
pub mod evidence;
pub mod lang;
pub mod schema;
pub mod workspace;
