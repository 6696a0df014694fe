//! A spool: output written now and copied into the export later. It is
//! kept in memory up to a small limit and beyond that in an unnamed
//! temporary file readable only by its owner (removed when dropped), so an
//! export's memory does not grow with the number of notes.

use super::Out;
use crate::error::{Error, Result};
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom};
use std::path::Path;
use tempfile::SpooledTempFile;

/// How much a spool keeps in memory before it moves to a file.
pub(crate) const IN_MEMORY: usize = 256 << 10;

/// Named in errors about a spool.
pub(crate) const NAME: &str = "<temporary file>";

/// An I/O error of a spool.
pub(crate) fn spool_error(e: std::io::Error) -> Error {
    Error::io(Path::new(NAME), e)
}

pub(crate) struct Spool {
    w: BufWriter<SpooledTempFile>,
}

impl Spool {
    pub(crate) fn new() -> Spool {
        Spool::with_buffer(1 << 16)
    }

    /// A spool whose writes are buffered in `capacity` bytes (for spools
    /// written a little at a time).
    pub(crate) fn with_buffer(capacity: usize) -> Spool {
        Spool {
            w: BufWriter::with_capacity(capacity, tempfile::spooled_tempfile(IN_MEMORY)),
        }
    }

    /// An [`Out`] that writes into this spool.
    pub(crate) fn out(&mut self) -> Out<'_> {
        Out {
            w: &mut self.w,
            dest: Path::new(NAME),
        }
    }

    /// Reads back everything spooled, from the start.
    pub(crate) fn reader(self) -> Result<BufReader<SpooledTempFile>> {
        let mut file = self
            .w
            .into_inner()
            .map_err(|e| spool_error(e.into_error()))?;
        file.seek(SeekFrom::Start(0)).map_err(spool_error)?;
        Ok(BufReader::with_capacity(1 << 16, file))
    }

    /// Writes everything spooled to `out`.
    pub(crate) fn copy_into(self, out: &mut Out<'_>) -> Result<()> {
        let mut file = self.reader()?.into_inner();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = match file.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(spool_error(e)),
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

    /// Whether the spool moved to a file, and what it holds.
    fn read_back(spool: Spool) -> (bool, Vec<u8>) {
        let mut r = spool.reader().unwrap();
        let rolled = r.get_ref().is_rolled();
        let mut buf = Vec::new();
        r.read_to_end(&mut buf).unwrap();
        (rolled, buf)
    }

    #[test]
    fn gives_back_what_was_written_in_memory_and_beyond() {
        for (lines, read) in [(0, false), (3, false), (40_000, false), (40_000, true)] {
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
            if lines == 40_000 {
                assert!(expected.len() > IN_MEMORY, "goes beyond memory");
            }
            if read {
                let (rolled, bytes) = read_back(spool);
                assert!(rolled, "moved to a file");
                assert_eq!(String::from_utf8(bytes).unwrap(), expected);
            } else {
                assert_eq!(String::from_utf8(replay(spool)).unwrap(), expected);
            }
        }
    }
}
