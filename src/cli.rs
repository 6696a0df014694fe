//! Command-line interface. Every command but the TUI works without a
//! terminal, so it can be scripted. Data flows CLI → store → stdout.

use crate::agenda;
use crate::domain::{Lang, NewSession};
use crate::error::{Error, Result};
use crate::store::Store;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

mod laptops;
mod memory;
pub use laptops::{HandoutArgs, ImportArgs, MergeArgs};
pub use memory::{ActionArgs, DossierArgs, ReportArgs, RespondArgs, SearchArgs};

#[derive(Debug, Parser)]
#[command(
    name = "tafel",
    version,
    about = "Capture the thematic tables of a Multi-Stakeholder Forum meeting, offline"
)]
pub struct Cli {
    /// Database file (default: the platform data directory; env TAFEL_DB).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Language of the interface and of new sessions (default: from LANG);
    /// with `export`, of the minutes (default: the session's).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Nl,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a session and print its id; with --from, a follow-up meeting
    /// with the agenda, tables and participants of SESSION and its open
    /// actions carried over.
    New {
        /// Title (with --from: default the earlier session's).
        #[arg(long, required_unless_present = "from")]
        title: Option<String>,
        /// YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
        #[arg(long)]
        location: Option<String>,
        #[arg(long)]
        facilitator: Option<String>,
        /// Agenda file (default: the bundled Actieplan Open Overheid 2023-2027).
        #[arg(long, value_name = "FILE")]
        agenda: Option<PathBuf>,
        /// Continue from this session (id or unique prefix): a follow-up
        /// meeting.
        #[arg(long, value_name = "SESSION", conflicts_with = "agenda")]
        from: Option<String>,
    },
    /// List sessions, newest first, with their numbers of tables, items and notes.
    List,
    /// Check or show an agenda file.
    #[command(subcommand)]
    Agenda(AgendaCommand),
    /// Create a realistic demo session of the bundled agenda.
    Demo {
        /// Number of notes to generate.
        #[arg(long, default_value_t = 200)]
        notes: u64,
        /// Seed: the same seed gives the same content.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Number of meetings, each a follow-up of the one before, a few
        /// months apart (with carried actions, status changes, responses).
        #[arg(long, default_value_t = 1)]
        sessions: u32,
    },
    /// Where the configuration file is, or what is in force.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Export a session's notes as Markdown or HTML minutes, or JSON.
    Export(ExportArgs),
    /// List, take or restore backups of the database.
    #[command(subcommand)]
    Backup(BackupCommand),
    /// Change an action's status: open, in_progress, done, dropped.
    Action(ActionArgs),
    /// Give a reasoned response to an idea, concern, question or agreement.
    Respond(RespondArgs),
    /// Everything said about one item across sessions (Markdown or JSON).
    Dossier(DossierArgs),
    /// Search the notes and responses of every session.
    Search(SearchArgs),
    /// The year's evidence for OGP and the IRM (Markdown).
    Report(ReportArgs),
    /// Check the whole database for damage (reads only): exit 0 when sound.
    Check,
    /// A new database holding one session, for a laptop at a table.
    Handout(HandoutArgs),
    /// Bring the sessions, notes and changes of another tafel database in.
    Merge(MergeArgs),
    /// Bring a JSON export of tafel, or a CSV harvest of notes, in.
    Import(ImportArgs),
    /// Everything tafel holds about one person, across all sessions (AVG/GDPR access).
    Person(PersonArgs),
    /// Erase a person (or, with --older-than, everyone of older sessions) from
    /// every session and from the database file; the notes stay with their
    /// stakeholder group (AVG/GDPR erasure and retention).
    Forget(ForgetArgs),
}

#[derive(Debug, Clone, clap::Args)]
pub struct PersonArgs {
    /// A participant's name, organisation or the start of a word of it (as `@name` in the editor).
    pub name: String,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: PersonFormat,
    /// Write to FILE (atomically, mode 0600) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite an existing FILE.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PersonFormat {
    Markdown,
    Json,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ForgetArgs {
    /// The person to forget: name, organisation or the start of a word of it (as `@name`).
    #[arg(required_unless_present = "older_than", conflicts_with = "older_than")]
    pub name: Option<String>,
    /// Forget everyone in sessions older than this: 24m, 90d, 2y, or a date YYYY-MM-DD.
    #[arg(long, value_name = "AGE")]
    pub older_than: Option<String>,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// Also overwrite and remove the backups that hold the name (a new backup is taken).
    #[arg(long)]
    pub backups: bool,
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// List the backups, newest first.
    List,
    /// Take a backup now.
    Now,
    /// Replace the database with a backup (the current content is backed up first).
    Restore {
        file: PathBuf,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the configuration file's path (TAFEL_CONFIG, else the platform's config folder).
    Path,
    /// Print the settings in force, and where they come from.
    Show,
}

/// `tafel config show`: each setting and its value, as TOML.
fn show_config(
    path: Option<&Path>,
    c: &crate::config::FileConfig,
    warning: Option<&str>,
    lang: Lang,
) -> String {
    let mut s = String::new();
    let file = path.map_or("(none)".to_string(), |p| p.display().to_string());
    let state = match (path, warning) {
        (_, Some(w)) => format!("ignored: {w}"),
        (Some(p), None) if p.exists() => "read".to_string(),
        _ => "not there; the defaults are used".to_string(),
    };
    s.push_str(&format!("# file: {file} ({state})\n"));
    s.push_str(&format!("language = \"{}\"\n", lang.key()));
    match &c.facilitator {
        Some(f) => s.push_str(&format!("facilitator = {}\n", toml_string(f))),
        None => s.push_str("# facilitator: none\n"),
    }
    s.push_str(&format!(
        "timebox_minutes = {}\n",
        c.timebox_minutes.unwrap_or(20)
    ));
    s.push_str(&format!("theme = \"{}\"\n", c.theme.key()));
    for b in &c.programme {
        s.push_str(&format!(
            "\n[[programme]]\ntitle = {}\nkind = \"{}\"\nstart = \"{}\"\nminutes = {}\n",
            toml_string(&b.title),
            b.kind.key(),
            b.start.format("%H:%M"),
            b.minutes
        ));
    }
    s
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[derive(Debug, Subcommand)]
pub enum AgendaCommand {
    /// Validate an agenda file: a summary line, or one line per error.
    Check { file: PathBuf },
    /// Print an agenda as readable text.
    Show {
        #[arg(long, value_name = "FILE")]
        agenda: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// Session id or a unique prefix (default: the most recent session).
    pub session: Option<String>,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: FormatArg,
    /// Write to FILE (atomically, mode 0600) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite an existing FILE.
    #[arg(long)]
    pub force: bool,
    /// Leave out participants' names and organisations (keep stakeholder groups).
    #[arg(long)]
    pub anonymize: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Markdown,
    Json,
    /// One self-contained HTML page with charts, print-ready on A4.
    Html,
}

impl ExportArgs {
    /// The export's own options, from these arguments and `--lang`.
    pub fn options(&self, lang: Option<LangArg>) -> crate::export::ExportOptions {
        crate::export::ExportOptions {
            session: self.session.clone(),
            format: match self.format {
                FormatArg::Markdown => crate::export::ExportFormat::Markdown,
                FormatArg::Json => crate::export::ExportFormat::Json,
                FormatArg::Html => crate::export::ExportFormat::Html,
            },
            output: self.output.clone(),
            force: self.force,
            anonymize: self.anonymize,
            lang: lang.map(Lang::from),
        }
    }
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}

/// The UI language: `--lang`, else `LANG` (nl* → Dutch), else English.
pub fn ui_lang(flag: Option<LangArg>) -> Lang {
    crate::config::ui_lang(flag.map(Lang::from))
}

/// The database path the user asked for.
pub fn resolve_db(flag: Option<PathBuf>) -> Result<PathBuf> {
    crate::config::resolve_db(flag)
}

impl Cli {
    /// What the terminal UI needs from the command line.
    pub fn tui_config(&self) -> Result<crate::config::TuiConfig> {
        let (defaults, warning) = crate::config::load();
        Ok(crate::config::TuiConfig {
            db: resolve_db(self.db.clone())?,
            lang: self
                .lang
                .map(Lang::from)
                .or(defaults.language)
                .unwrap_or_else(|| ui_lang(None)),
            defaults,
            warning,
        })
    }
}

/// Runs a non-interactive command, writing its output to `out`. Damage
/// found on the way is reported with the command that restores a backup.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write) -> Result<()> {
    run_command(cli, command, out).map_err(|e| match e {
        Error::Sqlite(s) if crate::store::is_damage(&s) => match resolve_db(cli.db.clone()) {
            Ok(db) => crate::store::damaged(&db, s.to_string()),
            Err(_) => Error::Sqlite(s),
        },
        other => other,
    })
}

fn run_command(cli: &Cli, command: &Command, out: &mut dyn Write) -> Result<()> {
    let (defaults, warning) = crate::config::load();
    if let Some(w) = &warning {
        eprintln!("tafel: {w}");
    }
    let lang = cli
        .lang
        .map(Lang::from)
        .or(defaults.language)
        .unwrap_or_else(|| ui_lang(None));
    match command {
        Command::Agenda(AgendaCommand::Check { file }) => {
            let a = agenda::load(file)?;
            // Warnings (an item in no theme) go to stderr; the file is usable.
            let mut err = std::io::stderr().lock();
            for w in &a.warnings {
                let _ = writeln!(
                    err,
                    "{}:{}:{}: warning: {}",
                    file.display(),
                    w.line,
                    w.column,
                    w.message
                );
            }
            writeln!(out, "{}: ok — {}", file.display(), a.summary()).map_err(stdout_err)?;
            Ok(())
        }
        Command::Agenda(AgendaCommand::Show { agenda: file }) => {
            let a = agenda::load_or_bundled(file.as_deref())?;
            out.write_all(agenda::show::render(&a).as_bytes())
                .map_err(stdout_err)
        }
        Command::New {
            from: Some(from),
            title,
            date,
            location,
            facilitator,
            ..
        } => memory::new_from(
            cli,
            &memory::NewFrom {
                from,
                title: title.as_deref(),
                date: *date,
                location: location.as_deref(),
                facilitator: facilitator.as_deref(),
            },
            out,
        ),
        Command::New {
            title,
            date,
            location,
            facilitator,
            agenda: file,
            from: None,
        } => {
            let mut a = agenda::load_or_bundled(file.as_deref())?;
            if a.programme.is_empty() {
                a.programme = defaults.programme.clone();
            }
            let facilitator = match (facilitator.as_deref().map(str::trim), &defaults.facilitator) {
                (None | Some(""), Some(f)) => f.clone(),
                (given, _) => given.unwrap_or_default().to_string(),
            };
            let mut store = open_store(cli)?;
            let session = store.create_session(
                &NewSession {
                    title: title.clone().unwrap_or_default(),
                    date: date.unwrap_or_else(|| chrono::Local::now().date_naive()),
                    location: location.clone().unwrap_or_default(),
                    facilitator,
                    language: lang,
                },
                &a,
            )?;
            writeln!(out, "{}", session.id).map_err(stdout_err)
        }
        Command::Config(ConfigCommand::Path) => {
            let path = crate::config::config_path(std::env::var_os(crate::config::CONFIG_ENV))
                .ok_or_else(|| Error::Invalid("no home directory; set TAFEL_CONFIG".into()))?;
            writeln!(out, "{}", path.display()).map_err(stdout_err)
        }
        Command::Config(ConfigCommand::Show) => {
            let path = crate::config::config_path(std::env::var_os(crate::config::CONFIG_ENV));
            let text = show_config(path.as_deref(), &defaults, warning.as_deref(), lang);
            out.write_all(text.as_bytes()).map_err(stdout_err)
        }
        Command::List => {
            let store = open_read_only(cli)?;
            let rows = store.session_summaries()?;
            if rows.is_empty() {
                // Nothing to list is not an error.
                return writeln!(out, "{}", Error::NoSessions).map_err(stdout_err);
            }
            writeln!(
                out,
                "{:<36}  {:<10}  {:>6}  {:>5}  {:>7}  TITLE",
                "ID", "DATE", "TABLES", "ITEMS", "NOTES"
            )
            .map_err(stdout_err)?;
            for r in rows {
                writeln!(
                    out,
                    "{:<36}  {:<10}  {:>6}  {:>5}  {:>7}  {}",
                    r.session.id,
                    r.session.date,
                    r.tables,
                    r.items,
                    r.notes,
                    crate::text::one_line(&r.session.title)
                )
                .map_err(stdout_err)?;
            }
            Ok(())
        }
        Command::Demo {
            notes,
            seed,
            sessions,
        } => {
            let mut store = open_store(cli)?;
            // A Dutch meeting: its minutes are Dutch unless --lang says otherwise.
            let lang = cli.lang.map(Lang::from).unwrap_or(Lang::Nl);
            for session in crate::demo::create_series(&mut store, *sessions, *notes, *seed, lang)? {
                writeln!(out, "{}", session.id).map_err(stdout_err)?;
            }
            Ok(())
        }
        Command::Backup(cmd) => backup(cli, cmd, out),
        Command::Export(args) => {
            let store = open_read_only(cli)?;
            // Minutes of a damaged database could silently lack notes.
            store.verify()?;
            crate::export::run(&store, &args.options(cli.lang), out)
        }
        Command::Action(args) => memory::action(cli, args, out),
        Command::Respond(args) => memory::respond(cli, args, out),
        Command::Dossier(args) => memory::dossier(cli, args, out),
        Command::Search(args) => memory::search(cli, args, out),
        Command::Report(args) => memory::report(cli, args, out),
        Command::Handout(args) => laptops::handout(cli, args, out),
        Command::Merge(args) => laptops::merge(cli, args, out),
        Command::Import(args) => laptops::import(cli, args, out),
        Command::Check => {
            let db = resolve_db(cli.db.clone())?;
            Store::check(&db)?;
            writeln!(
                out,
                "{}: ok — no damage found (integrity_check)",
                db.display()
            )
            .map_err(stdout_err)
        }
        Command::Person(args) => person(cli, args, lang, out),
        Command::Forget(args) => {
            let mut store = open_store(cli)?;
            let opts = crate::gdpr::forget::ForgetOptions {
                target: match (&args.name, &args.older_than) {
                    (_, Some(age)) => crate::gdpr::forget::Target::OlderThan(age.clone()),
                    (Some(name), None) => crate::gdpr::forget::Target::Person(name.clone()),
                    (None, None) => {
                        return Err(Error::Invalid("forget: give a NAME or --older-than".into()));
                    }
                },
                yes: args.yes,
                backups: args.backups,
            };
            let today = chrono::Local::now().date_naive();
            crate::gdpr::forget::run(&mut store, &opts, today, out, &mut confirm)
        }
    }
}

/// `tafel person`: the access report, to stdout or atomically to a file.
fn person(cli: &Cli, args: &PersonArgs, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let store = open_store(cli)?;
    let found = crate::gdpr::find(&store, &args.name)?;
    let report = crate::gdpr::report::access(&store, found, lang)?;
    let text = match args.format {
        PersonFormat::Markdown => report.markdown(lang),
        PersonFormat::Json => report.json()?,
    };
    match &args.output {
        None => out.write_all(text.as_bytes()).map_err(stdout_err),
        Some(path) => crate::export::write_text_file(path, args.force, &text),
    }
}

fn backup(cli: &Cli, cmd: &BackupCommand, out: &mut dyn Write) -> Result<()> {
    use crate::store::backup;
    match cmd {
        BackupCommand::List => {
            let db = resolve_db(cli.db.clone())?;
            let all = backup::list(&db)?;
            if all.is_empty() {
                writeln!(out, "no backups yet in {}", backup::dir_for(&db).display())
                    .map_err(stdout_err)?;
            }
            for b in all {
                writeln!(out, "{}  {:>10} bytes", b.path.display(), b.bytes).map_err(stdout_err)?;
            }
            Ok(())
        }
        BackupCommand::Now => {
            let store = open_store(cli)?;
            let path = backup::take(&store)?;
            writeln!(out, "{}", path.display()).map_err(stdout_err)
        }
        BackupCommand::Restore { file, yes } => {
            backup::verify(file)?;
            let db = resolve_db(cli.db.clone())?;
            if !yes
                && !confirm(&format!(
                    "Replace {} with {}? [y/N] ",
                    db.display(),
                    file.display()
                ))?
            {
                return Err(Error::Invalid(format!(
                    "{}: not restored (confirm with y, or pass --yes)",
                    file.display()
                )));
            }
            let mut store = match open_store(cli) {
                Ok(store) => store,
                // A damaged database is not written into: it is moved aside.
                Err(Error::Damaged { .. }) if db.is_file() => {
                    let kept = backup::restore_over_damaged(&db, file)?;
                    Store::open(&db)?;
                    return writeln!(
                        out,
                        "restored {}; the damaged database is kept as {}",
                        file.display(),
                        kept.display()
                    )
                    .map_err(stdout_err);
                }
                Err(e) => return Err(e),
            };
            let saved = backup::restore(&mut store, file)?;
            writeln!(
                out,
                "restored {}; the replaced content is in {}",
                file.display(),
                saved.display()
            )
            .map_err(stdout_err)
        }
    }
}

/// Asks on the terminal; without one (scripts, CI) the answer is no.
fn confirm(question: &str) -> Result<bool> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    eprint!("{question}");
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Error::io("<stdin>", e))?;
    Ok(matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "j" | "ja"
    ))
}

/// The database, for a command that writes (created if missing).
pub fn open_store(cli: &Cli) -> Result<Store> {
    let path = resolve_db(cli.db.clone())?;
    Store::open(&path)
}

/// The database, for a command that only reads: nothing on disk changes.
pub fn open_read_only(cli: &Cli) -> Result<Store> {
    let path = resolve_db(cli.db.clone())?;
    Store::open_read_only(&path)
}

fn stdout_err(e: std::io::Error) -> Error {
    Error::io(Path::new("<stdout>"), e)
}
