//! Bringing records made elsewhere into this database: tafel's own JSON
//! export (`json.rs`) and a harvest of notes from paper or another tool as
//! CSV (`csv.rs`). Both check everything before anything is written.

pub mod csv;
pub mod json;
