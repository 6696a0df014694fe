//! Export of a session: Markdown minutes, ready to publish; HTML minutes
//! with charts, one self-contained page to open, mail or print; or JSON of
//! the whole session (`docs/export-json.md`).
//!
//! All formats stream: they write while reading and never hold all notes
//! in memory. All are deterministic: the same database gives the same
//! bytes. A file is written atomically (a temporary file in the same
//! folder, synced, then moved into place: `fsutil::persist`) with mode
//! 0600, and an existing file is only replaced when asked to.

pub mod anonymize;
mod charts;
pub mod escape;
mod html;
pub mod json;
mod markdown;
mod spool;
pub mod strings;
// The MSF's memory: a dossier per item, the year's report, their strings.
pub mod dossier;
pub mod memory_strings;
pub mod report;

use crate::domain::{Lang, Session};
use crate::error::{Error, Result};
use crate::store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The formats tafel exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Json,
    /// One self-contained page with charts, print-ready on A4.
    Html,
}

/// What `tafel export` was asked for (the command line maps its arguments
/// onto this; the export knows nothing of how they were given).
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Session id or a unique prefix (default: the most recent session).
    pub session: Option<String>,
    pub format: ExportFormat,
    /// Write to this file (atomically, mode 0600) instead of `out`.
    pub output: Option<PathBuf>,
    /// Replace an existing output file.
    pub force: bool,
    /// Leave out names and organisations.
    pub anonymize: bool,
    /// Language of the minutes (default: the session's).
    pub lang: Option<Lang>,
}

/// A writer that names its destination in errors.
pub(crate) struct Out<'w> {
    w: &'w mut dyn Write,
    dest: &'w Path,
}

impl Out<'_> {
    fn text(&mut self, s: &str) -> Result<()> {
        self.w
            .write_all(s.as_bytes())
            .map_err(|e| Error::io(self.dest, e))
    }

    fn line(&mut self, s: &str) -> Result<()> {
        self.text(s)?;
        self.text("\n")
    }

    fn blank(&mut self) -> Result<()> {
        self.text("\n")
    }
}

impl Write for Out<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.w.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.w.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// Writes the Markdown minutes of `session` in `lang` to `out`.
pub fn write_markdown(
    store: &Store,
    session: &Session,
    lang: Lang,
    anonymize: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let mut out = Out {
        w: out,
        dest: Path::new("<output>"),
    };
    markdown::write(store, session, lang, anonymize, &mut out)
}

/// Writes the HTML minutes of `session` in `lang` to `out`.
pub fn write_html(
    store: &Store,
    session: &Session,
    lang: Lang,
    anonymize: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let mut out = Out {
        w: out,
        dest: Path::new("<output>"),
    };
    html::write(store, session, lang, anonymize, &mut out)
}

/// Writes the JSON export of `session` to `out`.
pub fn write_json(
    store: &Store,
    session: &Session,
    anonymize: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let mut out = Out {
        w: out,
        dest: Path::new("<output>"),
    };
    json::write(store, session, anonymize, &mut out)
}

fn write_to(
    store: &Store,
    session: &Session,
    format: ExportFormat,
    lang: Option<Lang>,
    anonymize: bool,
    out: &mut Out<'_>,
) -> Result<()> {
    match format {
        ExportFormat::Markdown => markdown::write(
            store,
            session,
            lang.unwrap_or(session.language),
            anonymize,
            out,
        ),
        ExportFormat::Json => json::write(store, session, anonymize, out),
        ExportFormat::Html => html::write(
            store,
            session,
            lang.unwrap_or(session.language),
            anonymize,
            out,
        ),
    }
}

/// `tafel export`: the session asked for (default: the most recent one), to
/// stdout or, with `-o`, to a file. `lang` (from `--lang`) overrides the
/// session's language.
pub fn run(store: &Store, args: &ExportOptions, out: &mut dyn Write) -> Result<()> {
    let lang = args.lang;
    let session = store.resolve_session(args.session.as_deref())?;
    match &args.output {
        None => write_to(
            store,
            &session,
            args.format,
            lang,
            args.anonymize,
            &mut Out {
                w: out,
                dest: Path::new("<stdout>"),
            },
        ),
        Some(path) => {
            write_file(path, args.force, |out| {
                write_to(store, &session, args.format, lang, args.anonymize, out)
            })?;
            Ok(())
        }
    }
}

/// Exports a session to `path` (for the TUI): atomically, mode 0600, never
/// replacing an existing file unless `force`. `lang` defaults to the
/// session's language. Returns the path written.
pub fn export_to_file(
    store: &Store,
    session_id: &str,
    format: ExportFormat,
    path: &Path,
    force: bool,
    anonymize: bool,
    lang: Option<Lang>,
) -> Result<PathBuf> {
    let session = store.session(session_id)?;
    write_file(path, force, |out| {
        write_to(store, &session, format, lang, anonymize, out)
    })
}

/// A file name for an export: date, an ASCII slug of the title, extension;
/// e.g. `2025-11-20-msf-bijeenkomst-herijking.md`.
pub fn default_file_name(session: &Session, format: ExportFormat) -> String {
    let ext = match format {
        ExportFormat::Markdown => "md",
        ExportFormat::Json => "json",
        ExportFormat::Html => "html",
    };
    let slug = slug(&session.title, 60);
    if slug.is_empty() {
        format!("{}.{ext}", session.date)
    } else {
        format!("{}-{slug}.{ext}", session.date)
    }
}

/// Lowercase ASCII letters and digits separated by single dashes, at most
/// `max` bytes, cut at a dash. Accented Latin letters lose their accents.
fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let ascii = fold(c);
        if ascii.is_empty() {
            dash = !out.is_empty();
            continue;
        }
        for a in ascii.chars() {
            if dash {
                out.push('-');
                dash = false;
            }
            out.push(a);
        }
    }
    if out.len() > max {
        let cut = out[..=max].rfind('-').unwrap_or(max);
        out.truncate(cut);
    }
    out
}

/// An ASCII spelling of a lowercase letter or digit; "" for anything else.
pub(crate) fn fold(c: char) -> &'static str {
    const LATIN: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("æ", "ae"),
        ("çćĉċč", "c"),
        ("ďđð", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"),
        ("ĳ", "ij"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("œ", "oe"),
        ("ŕŗř", "r"),
        ("śŝşš", "s"),
        ("ß", "ss"),
        ("ţťŧ", "t"),
        ("þ", "th"),
        ("ùúûüũūŭůűų", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
    ];
    const ASCII: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
    if c.is_ascii_alphanumeric() {
        let i = ASCII.find(c).expect("lowercase ASCII");
        return &ASCII[i..=i];
    }
    LATIN
        .iter()
        .find(|(from, _)| from.contains(c))
        .map_or("", |(_, to)| to)
}

/// Writes `text` to `path` as the exports are written (atomically, mode
/// 0600, an existing file only with `force`): `tafel person -o`.
pub fn write_text_file(path: &Path, force: bool, text: &str) -> Result<()> {
    write_file(path, force, |out| out.text(text)).map(|_| ())
}

/// Writes `body` to a temporary file next to `path`, syncs it and moves it
/// into place; without `force` an existing `path` is an error and nothing is
/// written. The temporary file is removed on any failure.
fn write_file(
    path: &Path,
    force: bool,
    body: impl FnOnce(&mut Out<'_>) -> Result<()>,
) -> Result<PathBuf> {
    let refuse = || {
        Error::io_message(
            path,
            std::io::ErrorKind::AlreadyExists,
            "already exists; not overwritten (use --force to replace it)",
        )
    };
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(refuse());
    }
    let name = path
        .file_name()
        .ok_or_else(|| Error::Invalid(format!("{}: not a file name", path.display())))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = crate::fsutil::private_temp_file(dir, &name.to_string_lossy())
        .map_err(|e| Error::io(path, e))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp);
    body(&mut Out {
        w: &mut w,
        dest: path,
    })?;
    let tmp = w
        .into_inner()
        .map_err(|e| Error::io(path, e.into_error()))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    // Without `force`, a file that appeared while we were writing is not
    // replaced either.
    crate::fsutil::persist(tmp, path, force).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists && !force {
            refuse()
        } else {
            Error::io(path, e)
        }
    })?;
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(
            slug("MSF-bijeenkomst herijking", 60),
            "msf-bijeenkomst-herijking"
        );
        assert_eq!(slug("  Één café — Ĳsselmeer!  ", 60), "een-cafe-ijsselmeer");
        assert_eq!(slug("漢字 👍", 60), "");
        assert_eq!(slug("aaaa bbbb cccc", 9), "aaaa-bbbb");
        assert_eq!(slug("aaaaaaaaaaaa", 5), "aaaaa");
    }
}
