//! What a sheet's answers code: the answers read as codings (`answers`), the dataset variables
//! they determine (`export`), the members with their dates (`members`), two coders' sheets
//! compared (`diff`), and answers drafted from the treaty (`draft`).

pub mod answers;
pub mod diff;
pub mod draft;
pub mod export;
pub mod members;
