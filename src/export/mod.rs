//! Export of a session: Markdown minutes and JSON. (Being built.)

use crate::cli::ExportArgs;
use crate::error::{Error, Result};
use crate::store::Store;
use std::io::Write;

pub fn run(
    _store: &Store,
    _args: &ExportArgs,
    _lang: Option<crate::domain::Lang>,
    _out: &mut dyn Write,
) -> Result<()> {
    Err(Error::Invalid("export is not built yet".into()))
}
