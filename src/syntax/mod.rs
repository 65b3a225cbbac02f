//! Text to trees: the sheet parser, the treaty reader, numbers and dates.

pub mod dates;
pub mod numerals;
pub mod sheet;
pub mod treaty;
