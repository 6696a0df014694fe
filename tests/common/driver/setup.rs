//! The set-up screen: tables, their items, participants.

use super::Driver;
use crossterm::event::KeyCode;
use tafel::app::Pane;
use tafel::app::keys::Context;
use tafel::domain::{ItemKind, Naming, StakeholderGroup};

impl Driver {
    /// s from the notes list: set-up of the open session.
    pub fn setup(&mut self) -> Setup<'_> {
        if self.context() != Context::Setup {
            self.notes().open_setup();
        }
        self.expect(&[Context::Setup], "set-up");
        Setup { d: self }
    }
}

/// The set-up screen of the open session.
pub struct Setup<'a> {
    d: &'a mut Driver,
}

impl Setup<'_> {
    fn pane(&mut self, pane: Pane) {
        for _ in 0..3 {
            if self.d.setup_selection().0 == pane {
                return;
            }
            self.d.press(KeyCode::Tab);
        }
        panic!("no pane {pane:?}");
    }

    /// a, then the form: name, host, minutes, Enter.
    pub fn add_table(&mut self, name: &str, host: &str, minutes: u32) -> &mut Self {
        self.d.press(KeyCode::Char('a'));
        self.d
            .fill(name)
            .next_field()
            .fill(host)
            .next_field()
            .fill(&minutes.to_string())
            .confirm();
        self
    }

    /// a, Enter: a table with the proposed name and time box.
    pub fn add_table_as_proposed(&mut self) -> &mut Self {
        self.d.press(KeyCode::Char('a')).confirm();
        self
    }

    /// Selects table `i` (from 0) in the tables pane.
    pub fn table(&mut self, i: usize) -> &mut Self {
        self.pane(Pane::Tables);
        self.d.move_selection(self.d.setup_selection().1, i);
        assert_eq!(self.d.setup_selection(), (Pane::Tables, i), "no table {i}");
        self
    }

    /// Space on an item in the items pane: seats it at the selected table
    /// (or takes it away).
    pub fn toggle_item(&mut self, kind: ItemKind, number: u32) -> &mut Self {
        self.item(kind, number);
        self.d.press(KeyCode::Char(' '));
        self
    }

    /// Selects an item in the items pane (among those the filter shows).
    pub fn item(&mut self, kind: ItemKind, number: u32) -> &mut Self {
        self.pane(Pane::Items);
        let want = self.d.item_position(kind, number);
        self.d.move_selection(self.d.setup_selection().1, want);
        assert_eq!(self.d.setup_selection(), (Pane::Items, want));
        self
    }

    /// m on an item: seats it at the selected table and at no other.
    pub fn move_item(&mut self, kind: ItemKind, number: u32) -> &mut Self {
        self.item(kind, number);
        self.d.press(KeyCode::Char('m'));
        self
    }

    /// The items pane.
    pub fn items(&mut self) -> &mut Self {
        self.pane(Pane::Items);
        self
    }

    /// /, the text, Enter: the items pane shows the items that match.
    pub fn filter(&mut self, text: &str) -> &mut Self {
        self.d.press(KeyCode::Char('/'));
        self.d.expect(&[Context::SetupFilter], "filter");
        self.d.type_text(text).press(KeyCode::Enter);
        self.d.expect(&[Context::Setup], "filter typed");
        self
    }

    /// p, the form (name, organisation), then the group from the list,
    /// then Enter on the naming question: group only, the default.
    pub fn add_participant(
        &mut self,
        name: &str,
        organisation: &str,
        group: StakeholderGroup,
    ) -> &mut Self {
        self.add_participant_as(name, organisation, group, Naming::GroupOnly)
    }

    /// [`Self::add_participant`] answering the naming question with
    /// `naming` (asked only when there is a name or an organisation).
    pub fn add_participant_as(
        &mut self,
        name: &str,
        organisation: &str,
        group: StakeholderGroup,
        naming: Naming,
    ) -> &mut Self {
        self.d.press(KeyCode::Char('p'));
        self.d.fill(name).next_field().fill(organisation).confirm();
        self.d.expect(&[Context::Picker], "stakeholder group");
        let i = StakeholderGroup::ALL
            .iter()
            .position(|g| *g == group)
            .unwrap();
        self.d
            .press_times(KeyCode::Up, StakeholderGroup::ALL.len())
            .press_times(KeyCode::Down, i)
            .confirm();
        if !(name.trim().is_empty() && organisation.trim().is_empty()) {
            self.naming(naming);
        }
        self
    }

    /// The naming question (group only first, named second): the choice,
    /// then Enter.
    pub fn naming(&mut self, naming: Naming) -> &mut Self {
        self.d.expect(&[Context::Picker], "naming in minutes");
        self.d.press_times(KeyCode::Up, 2);
        if naming == Naming::Named {
            self.d.press(KeyCode::Down);
        }
        self.d.confirm();
        self
    }

    /// Selects participant `i` (from 0) in the participants pane.
    pub fn participant(&mut self, i: usize) -> &mut Self {
        self.pane(Pane::Participants);
        self.d.move_selection(self.d.setup_selection().1, i);
        assert_eq!(
            self.d.setup_selection(),
            (Pane::Participants, i),
            "no participant {i}"
        );
        self
    }

    /// P on the selected participant, Enter on the form as it is, Enter on
    /// the group as it is: the naming question is open.
    pub fn edit_participant_naming(&mut self) -> &mut Self {
        self.d.press(KeyCode::Char('P'));
        self.d.expect(&[Context::Form], "participant form");
        self.d.confirm();
        self.d.expect(&[Context::Picker], "stakeholder group");
        self.d.confirm();
        self.d.expect(&[Context::Picker], "naming in minutes");
        self
    }

    /// d, y: deletes the selected table.
    pub fn delete_table(&mut self) -> &mut Self {
        self.d.press(KeyCode::Char('d'));
        self.d.yes();
        self
    }

    /// u: brings the last deleted table back.
    pub fn undo(&mut self) -> &mut Self {
        self.d.press(KeyCode::Char('u'));
        self
    }

    /// g, y: creates the proposed tables.
    pub fn quick_start(&mut self) -> &mut Self {
        self.d.press(KeyCode::Char('g'));
        self.d.yes();
        self
    }

    /// Enter: start taking notes at the selected table.
    pub fn start(&mut self) -> &mut Driver {
        self.d.press(KeyCode::Enter);
        self.d
    }

    /// Esc: back to the list of sessions.
    pub fn back_to_sessions(&mut self) -> &mut Driver {
        self.d.press(KeyCode::Esc);
        self.d
    }
}
