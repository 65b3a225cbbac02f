//! What the analysis knows besides the text: the questionnaire schema, the COW state list, the
//! languages, a release of the ATOP dataset, and the workspace (configuration, pairing sheets
//! with treaties).

pub mod boundary;
pub mod config;
pub mod cow;
pub mod evidence;
pub mod lang;
pub mod patterns;
pub mod release;
pub mod schema;
pub mod workspace;
