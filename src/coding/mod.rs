//! What a sheet's answers code: the answers read as codings (`answers`), the dataset variables
//! they determine (`export`), the members with their dates (`members`), and two coders' sheets
//! compared (`diff`).

pub mod answers;
pub mod diff;
pub mod export;
pub mod members;
