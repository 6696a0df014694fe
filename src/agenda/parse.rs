//! TOML → [`Agenda`], reporting every problem as `FILE:LINE:COLUMN: message`.

use super::{ActionPoint, Advice, Agenda, PolicyQuestion, Theme};
use crate::domain::programme::PlannedBlock;
use crate::domain::{ActionStatus, BlockKind, Dimension, SubQuestion};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use toml::Spanned;

mod config;

pub use config::parse_config;

/// One problem in an agenda file, with a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// All problems found in one agenda file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaErrors {
    pub file: String,
    pub errors: Vec<AgendaError>,
}

impl AgendaErrors {
    pub fn at(file: &str, line: usize, column: usize, message: String) -> Self {
        AgendaErrors {
            file: file.to_string(),
            errors: vec![AgendaError {
                line,
                column,
                message,
            }],
        }
    }

    /// An error about the file as a whole (cannot be read).
    pub fn whole_file(file: &str, message: String) -> Self {
        Self::at(file, 0, 0, message)
    }
}

impl fmt::Display for AgendaErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            if e.line == 0 {
                write!(f, "{}: {}", self.file, e.message)?;
            } else {
                write!(f, "{}:{}:{}: {}", self.file, e.line, e.column, e.message)?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for AgendaErrors {}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

type S<T> = Option<Spanned<T>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    agenda: Option<Spanned<RawMeta>>,
    #[serde(default)]
    dimensions: Vec<Spanned<RawDimension>>,
    #[serde(default)]
    action_points: Vec<Spanned<RawActionPoint>>,
    #[serde(default)]
    policy_questions: Vec<Spanned<RawPolicyQuestion>>,
    #[serde(default)]
    advices: Vec<Spanned<RawAdvice>>,
    #[serde(default)]
    themes: Vec<Spanned<RawTheme>>,
    #[serde(default)]
    programme: Vec<Spanned<RawBlock>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    name: S<String>,
    version: S<String>,
    language: S<String>,
    source: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    key: S<String>,
    name: S<String>,
    description: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActionPoint {
    number: S<u32>,
    title: S<String>,
    #[serde(default)]
    status: Vec<Spanned<String>>,
    remark: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicyQuestion {
    number: S<u32>,
    dimension: S<String>,
    title: S<String>,
    directorate: S<String>,
    question: S<String>,
    #[serde(default)]
    sub_questions: Vec<Spanned<RawSubQuestion>>,
    closing: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSubQuestion {
    label: S<String>,
    text: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdvice {
    number: S<u32>,
    group: S<String>,
    title: S<String>,
    text: S<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    name: S<String>,
    #[serde(default)]
    action_points: Vec<Spanned<u32>>,
    #[serde(default)]
    policy_questions: Vec<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBlock {
    title: S<String>,
    kind: S<String>,
    start: S<String>,
    minutes: S<u32>,
}

/// Collects errors and warnings with their byte spans while checking a file.
pub(crate) struct Checker<'a> {
    text: &'a str,
    errors: Vec<(usize, String)>,
    warnings: Vec<(usize, String)>,
}

/// TOML into `T`; a syntax or type error with its line and column.
fn from_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, AgendaErrors> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = line_col(text, e.span().map_or(0, |s| s.start));
        let message = e.message().trim().replace('\n', " ");
        AgendaErrors::at(file, line, column, message)
    })
}

impl<'a> Checker<'a> {
    fn new(text: &'a str) -> Self {
        Checker {
            text,
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn error(&mut self, span: Range<usize>, message: String) {
        self.errors.push((span.start, message));
    }

    fn warning(&mut self, span: Range<usize>, message: String) {
        self.warnings.push((span.start, message));
    }

    fn located(&self, mut found: Vec<(usize, String)>) -> Vec<AgendaError> {
        found.sort_by_key(|(offset, _)| *offset);
        found
            .into_iter()
            .map(|(offset, message)| {
                let (line, column) = line_col(self.text, offset);
                AgendaError {
                    line,
                    column,
                    message,
                }
            })
            .collect()
    }

    /// A required text field: present and not blank.
    fn required(&mut self, field: S<String>, name: &str, what: &str, at: &Range<usize>) -> String {
        match field {
            Some(v) if !v.get_ref().trim().is_empty() => v.into_inner(),
            Some(v) => {
                self.error(v.span(), format!("{what}: field `{name}` is empty"));
                String::new()
            }
            None => {
                self.error(at.clone(), format!("{what}: missing field `{name}`"));
                String::new()
            }
        }
    }

    fn number(
        &mut self,
        field: S<u32>,
        what: &str,
        at: &Range<usize>,
    ) -> Option<(u32, Range<usize>)> {
        match field {
            Some(n) if *n.get_ref() == 0 => {
                self.error(n.span(), format!("{what}: `number` must be 1 or more"));
                None
            }
            Some(n) => Some((*n.get_ref(), n.span())),
            None => {
                self.error(at.clone(), format!("{what}: missing field `number`"));
                None
            }
        }
    }

    fn unique_numbers(&mut self, what: &str, numbers: &[Option<(u32, Range<usize>)>]) {
        let mut seen: HashMap<u32, usize> = HashMap::new();
        for (n, span) in numbers.iter().flatten() {
            if let Some(first) = seen.get(n) {
                let (line, _) = line_col(self.text, *first);
                self.error(
                    span.clone(),
                    format!("duplicate {what} number {n} (first used on line {line})"),
                );
            } else {
                seen.insert(*n, span.start);
            }
        }
    }

    /// The warnings, or every error when there is one.
    fn finish(mut self, file: &str) -> Result<Vec<AgendaError>, AgendaErrors> {
        let errors = std::mem::take(&mut self.errors);
        if errors.is_empty() {
            let warnings = std::mem::take(&mut self.warnings);
            return Ok(self.located(warnings));
        }
        Err(AgendaErrors {
            file: file.to_string(),
            errors: self.located(errors),
        })
    }
}

fn opt(field: S<String>) -> String {
    field.map(Spanned::into_inner).unwrap_or_default()
}

/// Parses agenda TOML. `file` names the file in error messages.
pub fn parse(file: &str, text: &str) -> Result<Agenda, AgendaErrors> {
    let raw: RawFile = from_toml(file, text)?;
    let mut c = Checker::new(text);

    let (name, version, language, source) = match raw.agenda {
        Some(meta) => {
            let at = meta.span();
            let m = meta.into_inner();
            let name = c.required(m.name, "name", "[agenda]", &at);
            let version = c.required(m.version, "version", "[agenda]", &at);
            (name, version, opt(m.language), opt(m.source))
        }
        None => {
            c.error(
                0..0,
                "missing table `[agenda]` with `name` and `version`".into(),
            );
            Default::default()
        }
    };

    let mut dimensions = Vec::new();
    let mut keys: HashMap<String, usize> = HashMap::new();
    for d in raw.dimensions {
        let at = d.span();
        let d = d.into_inner();
        let key_span = d.key.as_ref().map(|k| k.span());
        let key = c.required(d.key, "key", "[[dimensions]]", &at);
        let name = c.required(d.name, "name", "[[dimensions]]", &at);
        if !key.is_empty() {
            let span = key_span.unwrap_or(at);
            if let Some(first) = keys.get(&key) {
                let (line, _) = line_col(text, *first);
                c.error(
                    span,
                    format!("duplicate dimension key `{key}` (first used on line {line})"),
                );
            } else {
                keys.insert(key.clone(), span.start);
            }
        }
        dimensions.push(Dimension {
            key,
            name,
            description: opt(d.description),
        });
    }

    let mut numbers = Vec::new();
    let mut action_points = Vec::new();
    for a in raw.action_points {
        let at = a.span();
        let a = a.into_inner();
        let what = "[[action_points]]";
        let number = c.number(a.number, what, &at);
        numbers.push(number.clone());
        let title = c.required(a.title, "title", what, &at);
        let mut statuses = Vec::new();
        for s in a.status {
            match ActionStatus::from_key(s.get_ref()) {
                Some(st) => statuses.push(st),
                None => {
                    let known: Vec<&str> = ActionStatus::ALL.iter().map(|s| s.key()).collect();
                    c.error(
                        s.span(),
                        format!(
                            "unknown status `{}` (known: {})",
                            s.get_ref(),
                            known.join(", ")
                        ),
                    );
                }
            }
        }
        action_points.push(ActionPoint {
            number: number.map_or(0, |n| n.0),
            title,
            statuses,
            remark: opt(a.remark),
        });
    }
    c.unique_numbers("action point", &numbers);
    let point_numbers = numbers;

    let mut numbers = Vec::new();
    let mut policy_questions = Vec::new();
    for q in raw.policy_questions {
        let at = q.span();
        let q = q.into_inner();
        let what = "[[policy_questions]]";
        let number = c.number(q.number, what, &at);
        numbers.push(number.clone());
        let title = c.required(q.title, "title", what, &at);
        let question = c.required(q.question, "question", what, &at);
        let dimension = q.dimension.map(|d| {
            if !keys.contains_key(d.get_ref()) {
                c.error(
                    d.span(),
                    format!(
                        "unknown dimension `{}` (not among [[dimensions]] keys)",
                        d.get_ref()
                    ),
                );
            }
            d.into_inner()
        });
        let mut sub_questions = Vec::new();
        for s in q.sub_questions {
            let sat = s.span();
            let s = s.into_inner();
            let label = c.required(s.label, "label", "[[policy_questions.sub_questions]]", &sat);
            let text = c.required(s.text, "text", "[[policy_questions.sub_questions]]", &sat);
            sub_questions.push(SubQuestion { label, text });
        }
        policy_questions.push(PolicyQuestion {
            number: number.map_or(0, |n| n.0),
            dimension,
            title,
            directorate: opt(q.directorate),
            question,
            sub_questions,
            closing: opt(q.closing),
        });
    }
    c.unique_numbers("policy question", &numbers);
    let question_numbers = numbers;

    let mut numbers = Vec::new();
    let mut advices = Vec::new();
    for a in raw.advices {
        let at = a.span();
        let a = a.into_inner();
        let number = c.number(a.number, "[[advices]]", &at);
        numbers.push(number.clone());
        let title = c.required(a.title, "title", "[[advices]]", &at);
        advices.push(Advice {
            number: number.map_or(0, |n| n.0),
            group: opt(a.group),
            title,
            text: opt(a.text),
        });
    }
    c.unique_numbers("advice", &numbers);

    let themes = check_themes(&mut c, raw.themes, &point_numbers, &question_numbers);
    let programme = check_programme(&mut c, raw.programme);

    let warnings = c.finish(file)?;
    Ok(Agenda {
        name,
        version,
        language,
        source,
        dimensions,
        action_points,
        policy_questions,
        advices,
        themes,
        programme,
        warnings,
    })
}

/// `[[programme]]`: each block has a title, a known kind, a start `HH:MM`
/// and minutes; blocks are in order and do not overlap.
pub(crate) fn check_programme(
    c: &mut Checker<'_>,
    raw: Vec<Spanned<RawBlock>>,
) -> Vec<PlannedBlock> {
    let what = "[[programme]]";
    let mut out: Vec<PlannedBlock> = Vec::new();
    // End of the previous block, and the line it starts on.
    let mut previous: Option<(chrono::NaiveTime, usize)> = None;
    for b in raw {
        let at = b.span();
        let b = b.into_inner();
        let title = c.required(b.title, "title", what, &at);
        let kind = match b.kind {
            Some(k) => match BlockKind::from_key(k.get_ref()) {
                Some(kind) => Some(kind),
                None => {
                    let known: Vec<&str> = BlockKind::ALL.iter().map(|k| k.key()).collect();
                    c.error(
                        k.span(),
                        format!(
                            "{what}: unknown kind `{}` (known: {})",
                            k.get_ref(),
                            known.join(", ")
                        ),
                    );
                    None
                }
            },
            None => {
                c.error(at.clone(), format!("{what}: missing field `kind`"));
                None
            }
        };
        let start = match b.start {
            Some(s) => match crate::domain::programme::parse_time(s.get_ref()) {
                Some(t) => Some((t, s.span())),
                None => {
                    c.error(
                        s.span(),
                        format!(
                            "{what}: `start` must be a time HH:MM, not `{}`",
                            s.get_ref()
                        ),
                    );
                    None
                }
            },
            None => {
                c.error(at.clone(), format!("{what}: missing field `start`"));
                None
            }
        };
        let minutes = match b.minutes {
            Some(m) if *m.get_ref() == 0 => {
                c.error(m.span(), format!("{what}: `minutes` must be 1 or more"));
                None
            }
            Some(m) => Some(*m.get_ref()),
            None => {
                c.error(at.clone(), format!("{what}: missing field `minutes`"));
                None
            }
        };
        if let Some((start, span)) = &start {
            if let Some((end, line)) = previous
                && *start < end
            {
                c.error(
                    span.clone(),
                    format!(
                        "{what}: starts at {}, before the block on line {line} ends at {}",
                        start.format("%H:%M"),
                        end.format("%H:%M")
                    ),
                );
            }
            if let Some(m) = minutes {
                let (line, _) = line_col(c.text, at.start);
                let end = *start + chrono::Duration::minutes(i64::from(m));
                // A block past midnight is not a morning.
                if end < *start {
                    c.error(span.clone(), format!("{what}: runs past midnight"));
                }
                previous = Some((end, line));
            }
        }
        if let (Some(kind), Some((start, _)), Some(minutes)) = (kind, start, minutes) {
            out.push(PlannedBlock {
                title,
                kind,
                start,
                minutes,
            });
        }
    }
    out
}

/// The two kinds of item a theme lists, as named in messages.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Point,
    Question,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Point => "action point",
            Kind::Question => "policy question",
        }
    }

    fn table(self) -> &'static str {
        match self {
            Kind::Point => "[[action_points]]",
            Kind::Question => "[[policy_questions]]",
        }
    }
}

/// `[[themes]]`: every listed item exists and sits in one theme only (an
/// error otherwise); an item in no theme, and a theme without items, are
/// warnings. A file without themes gets no warnings.
fn check_themes(
    c: &mut Checker<'_>,
    raw: Vec<Spanned<RawTheme>>,
    points: &[Option<(u32, Range<usize>)>],
    questions: &[Option<(u32, Range<usize>)>],
) -> Vec<Theme> {
    if raw.is_empty() {
        return Vec::new();
    }
    let known = |kind: Kind| -> HashMap<u32, Range<usize>> {
        let list = if kind == Kind::Point {
            points
        } else {
            questions
        };
        let mut m = HashMap::new();
        for (n, span) in list.iter().flatten() {
            m.entry(*n).or_insert_with(|| span.clone());
        }
        m
    };
    let known_points = known(Kind::Point);
    let known_questions = known(Kind::Question);
    // Where each item was first placed: (theme name, line).
    let mut placed: HashMap<(Kind, u32), (String, usize)> = HashMap::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut themes = Vec::new();
    for t in raw {
        let at = t.span();
        let t = t.into_inner();
        let name_span = t.name.as_ref().map_or(at.clone(), |n| n.span());
        let name = c.required(t.name, "name", "[[themes]]", &at);
        if !name.is_empty() {
            if let Some(first) = names.get(&name) {
                let (line, _) = line_col(c.text, *first);
                c.error(
                    name_span.clone(),
                    format!("duplicate theme name `{name}` (first used on line {line})"),
                );
            } else {
                names.insert(name.clone(), name_span.start);
            }
        }
        if t.action_points.is_empty() && t.policy_questions.is_empty() {
            c.warning(name_span, format!("theme `{name}` has no items"));
        }
        let mut lists = Vec::new();
        for (kind, list, known) in [
            (Kind::Point, t.action_points, &known_points),
            (Kind::Question, t.policy_questions, &known_questions),
        ] {
            let mut numbers = Vec::new();
            for n in list {
                let (span, n) = (n.span(), *n.get_ref());
                if !known.contains_key(&n) {
                    c.error(
                        span,
                        format!(
                            "theme `{name}`: unknown {} {n} (not among {} numbers)",
                            kind.name(),
                            kind.table()
                        ),
                    );
                    continue;
                }
                let (line, _) = line_col(c.text, span.start);
                match placed.get(&(kind, n)) {
                    Some((other, first)) => c.error(
                        span,
                        format!(
                            "{} {n} is already in theme `{other}` (line {first}); an item sits in one theme",
                            kind.name()
                        ),
                    ),
                    None => {
                        placed.insert((kind, n), (name.clone(), line));
                        numbers.push(n);
                    }
                }
            }
            lists.push(numbers);
        }
        let policy_questions = lists.pop().unwrap_or_default();
        let action_points = lists.pop().unwrap_or_default();
        themes.push(Theme {
            name,
            action_points,
            policy_questions,
        });
    }
    for (kind, known) in [
        (Kind::Point, &known_points),
        (Kind::Question, &known_questions),
    ] {
        for (n, span) in known {
            if !placed.contains_key(&(kind, *n)) {
                c.warning(span.clone(), format!("{} {n} is in no theme", kind.name()));
            }
        }
    }
    themes
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
[agenda]
name = "Test"
version = "1"

[[dimensions]]
key = "open-data"
name = "Open Data"

[[action_points]]
number = 1
title = "Een"
status = ["afgerond"]

[[policy_questions]]
number = 1
dimension = "open-data"
title = "Vraag"
question = "Wat?"
"#;

    fn errors(text: &str) -> Vec<String> {
        match parse("f.toml", text) {
            Ok(_) => vec![],
            Err(e) => e.to_string().lines().map(str::to_string).collect(),
        }
    }

    #[test]
    fn minimal_file_parses() {
        let a = parse("f.toml", OK).unwrap();
        assert_eq!(a.name, "Test");
        assert_eq!(a.action_points[0].statuses, [ActionStatus::Afgerond]);
        assert_eq!(
            a.policy_questions[0].dimension.as_deref(),
            Some("open-data")
        );
    }

    #[test]
    fn not_toml_reports_line_and_column() {
        let e = errors("[agenda]\nname = \"x\"\nversion = \n");
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("f.toml:3:"), "{e:?}");
    }

    #[test]
    fn missing_field_points_at_its_table() {
        let text = OK.replace("title = \"Een\"\n", "");
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("f.toml:10:"), "{e:?}");
        assert!(
            e[0].ends_with("[[action_points]]: missing field `title`"),
            "{e:?}"
        );
    }

    #[test]
    fn duplicate_number_names_both_lines() {
        let text = format!("{OK}\n[[action_points]]\nnumber = 1\ntitle = \"Twee\"\n");
        let e = errors(&text);
        assert_eq!(
            e,
            ["f.toml:22:10: duplicate action point number 1 (first used on line 11)"]
        );
    }

    #[test]
    fn unknown_dimension_and_status_are_both_reported() {
        let text = OK
            .replace("dimension = \"open-data\"", "dimension = \"open-koffie\"")
            .replace("[\"afgerond\"]", "[\"klaar\"]");
        let e = errors(&text);
        assert_eq!(
            e,
            [
                "f.toml:13:11: unknown status `klaar` (known: afgerond, doorgezet)",
                "f.toml:17:13: unknown dimension `open-koffie` (not among [[dimensions]] keys)",
            ]
        );
    }

    #[test]
    fn wrong_type_and_unknown_field() {
        let e = errors(&OK.replace(
            "number = 1\ntitle = \"Een\"",
            "number = \"one\"\ntitle = \"Een\"",
        ));
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("f.toml:11:10: "), "{e:?}");
        let e = errors(&OK.replace("title = \"Een\"", "titel = \"Een\""));
        assert!(
            e[0].starts_with("f.toml:12:1: unknown field `titel`"),
            "{e:?}"
        );
    }

    #[test]
    fn missing_agenda_table() {
        let e = errors("[[dimensions]]\nkey = \"a\"\nname = \"A\"\n");
        assert_eq!(
            e,
            ["f.toml:1:1: missing table `[agenda]` with `name` and `version`"]
        );
    }

    const THEMES: &str = r#"
[[action_points]]
number = 2
title = "Twee"

[[themes]]
name = "Open"
action_points = [1, 2]
policy_questions = [1]
"#;

    fn warnings(text: &str) -> Vec<String> {
        let a = parse("f.toml", text).unwrap();
        a.warnings
            .iter()
            .map(|w| format!("{}:{}: {}", w.line, w.column, w.message))
            .collect()
    }

    #[test]
    fn themes_name_their_items_by_number() {
        let a = parse("f.toml", &format!("{OK}{THEMES}")).unwrap();
        assert_eq!(
            a.themes,
            [super::super::Theme {
                name: "Open".into(),
                action_points: vec![1, 2],
                policy_questions: vec![1],
            }]
        );
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        let items = a.items(&"s".to_string());
        let themes = a.session_themes(&items);
        assert_eq!(themes[0].name, "Open");
        let ids: Vec<&String> = items.iter().map(|i| &i.id).collect();
        assert_eq!(themes[0].item_ids.iter().collect::<Vec<_>>(), ids);
    }

    #[test]
    fn without_themes_there_are_no_warnings() {
        assert!(parse("f.toml", OK).unwrap().warnings.is_empty());
        assert!(parse("f.toml", OK).unwrap().themes.is_empty());
    }

    #[test]
    fn an_unknown_theme_item_is_an_error_at_its_number() {
        let text = format!("{OK}{THEMES}").replace("[1, 2]", "[1, 2, 18]");
        assert_eq!(
            errors(&text),
            [
                "f.toml:27:24: theme `Open`: unknown action point 18 (not among [[action_points]] numbers)"
            ]
        );
        let text = format!("{OK}{THEMES}").replace("= [1]", "= [7]");
        assert_eq!(
            errors(&text),
            [
                "f.toml:28:21: theme `Open`: unknown policy question 7 (not among [[policy_questions]] numbers)"
            ]
        );
    }

    #[test]
    fn an_item_in_no_theme_is_a_warning() {
        let text = format!("{OK}{THEMES}").replace("[1, 2]", "[2]");
        assert_eq!(warnings(&text), ["11:10: action point 1 is in no theme"]);
        let text = format!("{OK}{THEMES}\n[[themes]]\nname = \"Leeg\"\n");
        assert_eq!(warnings(&text), ["31:8: theme `Leeg` has no items"]);
    }

    #[test]
    fn an_item_in_two_themes_and_a_name_used_twice_are_errors() {
        let twice = format!(
            "{OK}{THEMES}\n[[themes]]\nname = \"Open\"\naction_points = [2]\npolicy_questions = [1, 1]\n"
        );
        assert_eq!(
            errors(&twice),
            [
                "f.toml:31:8: duplicate theme name `Open` (first used on line 26)",
                "f.toml:32:18: action point 2 is already in theme `Open` (line 27); an item sits in one theme",
                "f.toml:33:21: policy question 1 is already in theme `Open` (line 28); an item sits in one theme",
                "f.toml:33:24: policy question 1 is already in theme `Open` (line 28); an item sits in one theme",
            ]
        );
    }

    #[test]
    fn a_theme_needs_a_name_and_known_fields() {
        let text = format!("{OK}{THEMES}").replace("name = \"Open\"\n", "");
        assert_eq!(
            errors(&text),
            ["f.toml:25:1: [[themes]]: missing field `name`"]
        );
        let text = format!("{OK}{THEMES}").replace("action_points = [1, 2]", "items = [1]");
        assert!(
            errors(&text)[0].starts_with("f.toml:27:1: unknown field `items`"),
            "{:?}",
            errors(&text)
        );
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncdé f", 7), (2, 4));
        assert_eq!(line_col("", 0), (1, 1));
    }
}
