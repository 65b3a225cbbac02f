//! What a sheet's answers code: the answers read as codings (`answers`), the dataset variables
//! they determine (`export`), and two coders' sheets compared (`diff`).

pub mod answers;
pub mod diff;
pub mod export;
