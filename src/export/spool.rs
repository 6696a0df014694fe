//! A spool: output written now and copied into the export later. It is
//! kept in memory up to a small limit and beyond that in an unnamed
//! temporary file readable only by its owner (removed when dropped), so an
//! export's memory does not grow with the number of notes.

use super::Out;
use crate::error::{Error, Result};
use std::io::{BufWriter, Read, Seek, SeekFrom};
use std::path::Path;
use tempfile::SpooledTempFile;

/// How much a spool keeps in memory before it moves to a file.
const IN_MEMORY: usize = 256 << 10;

/// Named in errors about a spool.
const NAME: &str = "<temporary file>";

pub(super) struct Spool {
    w: BufWriter<SpooledTempFile>,
    empty: bool,
}

impl Spool {
    pub(super) fn new() -> Spool {
        Spool {
            w: BufWriter::with_capacity(1 << 16, tempfile::spooled_tempfile(IN_MEMORY)),
            empty: true,
        }
    }

    /// An [`Out`] that writes into this spool.
    pub(super) fn out(&mut self) -> Out<'_> {
        self.empty = false;
        Out {
            w: &mut self.w,
            dest: Path::new(NAME),
        }
    }

    /// Whether nothing was ever written.
    pub(super) fn is_empty(&self) -> bool {
        self.empty
    }

    /// Writes everything spooled to `out`.
    pub(super) fn copy_into(self, out: &mut Out<'_>) -> Result<()> {
        let err = |e: std::io::Error| Error::io(NAME, e);
        let mut file = self.w.into_inner().map_err(|e| err(e.into_error()))?;
        file.seek(SeekFrom::Start(0)).map_err(err)?;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = match file.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(err(e)),
            };
            out.w
                .write_all(&buf[..n])
                .map_err(|e| Error::io(out.dest, e))?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replay(spool: Spool) -> Vec<u8> {
        let mut buf = Vec::new();
        let mut out = Out {
            w: &mut buf,
            dest: Path::new("<test>"),
        };
        spool.copy_into(&mut out).unwrap();
        buf
    }

    #[test]
    fn gives_back_what_was_written_in_memory_and_beyond() {
        for lines in [0, 3, 40_000] {
            let mut spool = Spool::new();
            let mut expected = String::new();
            if lines > 0 {
                let mut out = spool.out();
                for i in 0..lines {
                    let line = format!("- regel {i} — één\\");
                    out.line(&line).unwrap();
                    expected.push_str(&line);
                    expected.push('\n');
                }
            }
            assert_eq!(spool.is_empty(), lines == 0);
            if lines == 40_000 {
                assert!(expected.len() > IN_MEMORY, "goes beyond memory");
            }
            assert_eq!(String::from_utf8(replay(spool)).unwrap(), expected);
        }
    }
}
