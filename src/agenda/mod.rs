//! The agenda file format (TOML, see `docs/agenda-format.md`) and the agenda
//! bundled into the binary. The bundled agenda is parsed by the same code as
//! a user's own file.

mod parse;
pub mod show;

pub use parse::{AgendaError, AgendaErrors, parse, parse_config};

use crate::domain::{ActionStatus, Dimension, Id, Item, ItemKind, SubQuestion};
use std::path::Path;

/// File name used in messages for the bundled agenda.
pub const BUNDLED_NAME: &str = "actieplan-open-overheid-2023-2027.toml";
/// The text of the bundled agenda.
pub const BUNDLED_TOML: &str =
    include_str!("../../assets/agendas/actieplan-open-overheid-2023-2027.toml");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    pub name: String,
    pub version: String,
    pub language: String,
    pub source: String,
    pub dimensions: Vec<Dimension>,
    pub action_points: Vec<ActionPoint>,
    pub policy_questions: Vec<PolicyQuestion>,
    pub advices: Vec<Advice>,
    /// Proposed thematic tables (`[[themes]]`), each item in at most one.
    pub themes: Vec<Theme>,
    /// A proposed programme for the morning (`[[programme]]`), in order.
    pub programme: Vec<crate::domain::programme::PlannedBlock>,
    /// Problems that do not stop the file being used (an item in no
    /// theme), in file order.
    pub warnings: Vec<AgendaError>,
}

/// A proposed thematic table: its name and the numbers of its items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: String,
    pub action_points: Vec<u32>,
    pub policy_questions: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionPoint {
    pub number: u32,
    pub title: String,
    pub statuses: Vec<ActionStatus>,
    pub remark: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyQuestion {
    pub number: u32,
    pub dimension: Option<String>,
    pub title: String,
    pub directorate: String,
    pub question: String,
    pub sub_questions: Vec<SubQuestion>,
    pub closing: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub number: u32,
    pub group: String,
    pub title: String,
    pub text: String,
}

/// The agenda bundled into the binary.
pub fn bundled() -> Agenda {
    parse(BUNDLED_NAME, BUNDLED_TOML).expect("the bundled agenda is valid (tested)")
}

/// Reads and parses an agenda file.
pub fn load(path: &Path) -> Result<Agenda, AgendaErrors> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| AgendaErrors::whole_file(&name, e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let (line, column) = parse::line_col(&String::from_utf8_lossy(upto), upto.len());
        AgendaErrors::at(&name, line, column, "file is not valid UTF-8".into())
    })?;
    parse(&name, &text)
}

/// The agenda of `--agenda FILE`, or the bundled one.
pub fn load_or_bundled(path: Option<&Path>) -> Result<Agenda, AgendaErrors> {
    match path {
        Some(p) => load(p),
        None => Ok(bundled()),
    }
}

impl Agenda {
    /// The agenda's action points and policy questions as session items.
    pub fn items(&self, session_id: &Id) -> Vec<Item> {
        let points = self.action_points.iter().map(|a| Item {
            id: crate::domain::new_id(),
            session_id: session_id.clone(),
            kind: ItemKind::ActionPoint,
            number: a.number,
            title: a.title.clone(),
            statuses: a.statuses.clone(),
            remark: a.remark.clone(),
            dimension: None,
            directorate: String::new(),
            text: String::new(),
            sub_questions: Vec::new(),
            closing: String::new(),
            position: 0,
        });
        let questions = self.policy_questions.iter().map(|q| Item {
            id: crate::domain::new_id(),
            session_id: session_id.clone(),
            kind: ItemKind::PolicyQuestion,
            number: q.number,
            title: q.title.clone(),
            statuses: Vec::new(),
            remark: String::new(),
            dimension: q.dimension.clone(),
            directorate: q.directorate.clone(),
            text: q.question.clone(),
            sub_questions: q.sub_questions.clone(),
            closing: q.closing.clone(),
            position: 0,
        });
        points
            .chain(questions)
            .enumerate()
            .map(|(i, mut item)| {
                item.position = i as u32;
                item
            })
            .collect()
    }

    /// The themes as the session's: each item named by its id among
    /// `items` (made by [`Agenda::items`]).
    pub fn session_themes(&self, items: &[Item]) -> Vec<crate::domain::Theme> {
        let id = |kind: ItemKind, n: &u32| {
            items
                .iter()
                .find(|i| i.kind == kind && i.number == *n)
                .map(|i| i.id.clone())
        };
        self.themes
            .iter()
            .map(|t| crate::domain::Theme {
                name: t.name.clone(),
                item_ids: t
                    .action_points
                    .iter()
                    .filter_map(|n| id(ItemKind::ActionPoint, n))
                    .chain(
                        t.policy_questions
                            .iter()
                            .filter_map(|n| id(ItemKind::PolicyQuestion, n)),
                    )
                    .collect(),
            })
            .collect()
    }

    pub fn dimension_name(&self, key: &str) -> Option<&str> {
        self.dimensions
            .iter()
            .find(|d| d.key == key)
            .map(|d| d.name.as_str())
    }

    /// One line: what the agenda holds.
    pub fn summary(&self) -> String {
        format!(
            "{} ({}): {} action points, {} policy questions, {} dimensions, {} advices, {} themes",
            self.name,
            self.version,
            self.action_points.len(),
            self.policy_questions.len(),
            self.dimensions.len(),
            self.advices.len(),
            self.themes.len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_agenda_has_what_the_source_states() {
        let a = bundled();
        assert_eq!(a.name, "Actieplan Open Overheid 2023-2027");
        assert_eq!(a.action_points.len(), 17);
        assert_eq!(a.policy_questions.len(), 6);
        assert_eq!(a.dimensions.len(), 7);
        assert_eq!(a.advices.len(), 13);
        let titles: Vec<&str> = a.action_points.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Grip op eigen gegevens",
                "Openbaarheidscentrum Amsterdam",
                "FAIR Woo dossiers",
                "Open Standaarden",
                "Meerjarenplan Openbaarheid en Informatiehuishouding Rijksoverheid",
                "Informatiepositie van burgers in geschillen met de overheid",
                "Open Parlement",
                "Burgerparticipatie versterken met digitale tools",
                "Invoeringstoets Woo",
                "Jaarrapportage Bedrijfsvoering Rijk",
                "Open data",
                "Open Source Program Office",
                "Open inkoop",
                "Onderzoek naar informatiebehoeften en -protocollen",
                "Maatschappelijke baten van transparantie",
                "Professionalisering van participatie",
                "Gids Ambtelijk Vakmanschap",
            ]
        );
    }

    #[test]
    fn bundled_statuses_follow_chapter_six() {
        let a = bundled();
        let with = |s: ActionStatus| -> Vec<u32> {
            a.action_points
                .iter()
                .filter(|p| p.statuses.contains(&s))
                .map(|p| p.number)
                .collect()
        };
        assert_eq!(
            with(ActionStatus::Afgerond),
            [1, 3, 5, 6, 9, 10, 14, 15, 16, 17]
        );
        assert_eq!(with(ActionStatus::Doorgezet), [2, 4, 7, 8, 11, 12, 13, 15]);
        let fifteen = &a.action_points[14];
        assert!(fifteen.remark.contains("tussenevaluatie"));
        assert!(fifteen.remark.contains("2025"));
        assert!(
            a.action_points
                .iter()
                .filter(|p| p.number != 15)
                .all(|p| p.remark.is_empty())
        );
    }

    #[test]
    fn bundled_policy_questions_follow_chapter_seven() {
        let a = bundled();
        let q: Vec<(u32, &str, &str, &str)> = a
            .policy_questions
            .iter()
            .map(|q| {
                (
                    q.number,
                    a.dimension_name(q.dimension.as_deref().unwrap()).unwrap(),
                    q.title.as_str(),
                    q.directorate.as_str(),
                )
            })
            .collect();
        assert_eq!(
            q,
            [
                (
                    1,
                    "Open Data",
                    "High-value datasets",
                    "Directie Digitale Samenleving BZK"
                ),
                (
                    2,
                    "Open Informatie",
                    "Monitoren open overheid",
                    "Programma Open Overheid BZK"
                ),
                (
                    3,
                    "Open Informatie",
                    "Betekenisvolle openbaarheid van overheidsinformatie",
                    "Programma Open Overheid BZK"
                ),
                (
                    4,
                    "Open Informatie",
                    "Uitzonderingsgronden Woo",
                    "Programma Open Overheid BZK"
                ),
                (
                    5,
                    "Open Informatie",
                    "Financiering politieke partijen",
                    "Directie Democratie en Bestuur BZK"
                ),
                (
                    6,
                    "Open Algoritmen",
                    "Transparantie over algoritmes",
                    "Directie Digitale Samenleving BZK"
                ),
            ]
        );
        let six = &a.policy_questions[5];
        let labels: Vec<&str> = six.sub_questions.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["A", "B", "C"]);
        assert!(
            six.sub_questions[0]
                .text
                .starts_with("Wat willen burgers weten?")
        );
        assert!(
            a.policy_questions[..5]
                .iter()
                .all(|q| q.sub_questions.is_empty())
        );
    }

    #[test]
    fn bundled_dimensions_and_advices() {
        let a = bundled();
        let names: Vec<&str> = a.dimensions.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Open Data",
                "Open Informatie",
                "Open Algoritmen",
                "Open Standaarden",
                "Open Infrastructuur / Open Source",
                "Open Cultuur",
                "Open Aanpak"
            ]
        );
        assert!(a.dimensions.iter().all(|d| !d.description.is_empty()));
        let groups: Vec<(u32, &str)> = a
            .advices
            .iter()
            .map(|x| (x.number, x.group.as_str()))
            .collect();
        for (n, g) in groups {
            let want = match n {
                1..=6 => "Inhoud van het Actieplan",
                7..=10 => "Ontwikkeling van het Actieplan",
                _ => "Uitvoering van de actiepunten",
            };
            assert_eq!(g, want, "advice {n}");
        }
        assert_eq!(a.advices[12].title, "Samenwerking met departementen");
    }

    #[test]
    fn bundled_themes_seat_every_item_once() {
        let a = bundled();
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        let got: Vec<(&str, &[u32], &[u32])> = a
            .themes
            .iter()
            .map(|t| {
                (
                    t.name.as_str(),
                    t.action_points.as_slice(),
                    t.policy_questions.as_slice(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Woo en open informatie",
                    &[2, 5, 6, 9, 10, 14][..],
                    &[2, 3, 4][..]
                ),
                (
                    "Data, standaarden en open source",
                    &[1, 3, 4, 11, 12, 13][..],
                    &[1][..]
                ),
                ("Algoritmen en democratie", &[7, 15][..], &[5, 6][..]),
                ("Participatie en cultuur", &[8, 16, 17][..], &[][..]),
            ]
        );
        let items = a.items(&"s".to_string());
        let mut seated: Vec<String> = a
            .session_themes(&items)
            .into_iter()
            .flat_map(|t| t.item_ids)
            .collect();
        seated.sort();
        let mut all: Vec<String> = items.into_iter().map(|i| i.id).collect();
        all.sort();
        assert_eq!(seated, all, "every item at exactly one table");
    }

    #[test]
    fn items_copy_points_then_questions() {
        let a = bundled();
        let items = a.items(&"s".to_string());
        assert_eq!(items.len(), 23);
        assert_eq!(items[0].kind, ItemKind::ActionPoint);
        assert_eq!(items[17].kind, ItemKind::PolicyQuestion);
        assert_eq!(items[17].number, 1);
        assert!(
            items
                .iter()
                .enumerate()
                .all(|(i, it)| it.position == i as u32)
        );
    }
}
