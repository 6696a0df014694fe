//! Help, pickers, tags, rating and confirmation overlays; the too-small notice.

#[derive(Debug)]
pub struct Overlays {
    pub confirm_quit_timer: &'static str,
    pub confirm_quit_losing_draft: &'static str,
    pub confirm_quit_edit: &'static str,
    pub too_small: &'static str,
    pub minimum: &'static str,
    pub help_title: &'static str,
    pub filter_word: &'static str,
    pub no_match: &'static str,
    pub picker_hint: &'static str,
    pub tags_title: &'static str,
    pub tags_hint: &'static str,
    pub rating_title: &'static str,
    pub confirm_title: &'static str,
    pub yes_no: &'static str,
}

pub(super) const NL: Overlays = Overlays {
    confirm_quit_timer: "Er loopt nog een tafeltimer. Toch afsluiten? (De timer loopt door en staat er bij terugkomst nog.)",
    confirm_quit_losing_draft: "De tekst in de invoer kon niet worden bewaard. Toch afsluiten? Dan gaat die tekst verloren.",
    confirm_quit_edit: "U bewerkt een notitie. Afsluiten zonder de wijziging op te slaan? De tekst blijft als concept bewaard.",
    too_small: "Terminal te klein",
    minimum: "minimaal",
    help_title: "Toetsen",
    filter_word: "Zoek:",
    no_match: "Niets gevonden.",
    picker_hint: "↑/↓ kiezen · typ om te zoeken · Enter kiest · Esc annuleert",
    tags_title: "Dimensies",
    tags_hint: "1–7 aan/uit, Enter klaar",
    rating_title: "IRM-beoordeling",
    confirm_title: "Bevestigen",
    yes_no: "j/y = ja   n/Esc = nee",
};

pub(super) const EN: Overlays = Overlays {
    confirm_quit_timer: "A table timer is running. Quit anyway? (It keeps running and is there when you come back.)",
    confirm_quit_losing_draft: "The text in the editor could not be stored. Quit anyway? That text would be lost.",
    confirm_quit_edit: "You are editing a note. Quit without saving the change? The text is kept as a draft.",
    too_small: "Terminal too small",
    minimum: "minimum",
    help_title: "Keys",
    filter_word: "Find:",
    no_match: "No match.",
    picker_hint: "↑/↓ move · type to filter · Enter chooses · Esc cancels",
    tags_title: "Dimensions",
    tags_hint: "1–7 toggle, Enter done",
    rating_title: "IRM rating",
    confirm_title: "Confirm",
    yes_no: "y = yes   n/Esc = no",
};
