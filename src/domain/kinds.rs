//! Closed sets of values. Each has a stable key (stored in SQLite and JSON,
//! never translated) and a label per UI language.

use serde::{Deserialize, Serialize};

/// The two UI and export languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nl,
    #[default]
    En,
}

impl Lang {
    pub fn key(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_key(s: &str) -> Option<Lang> {
        match s {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a `LANG`-style locale asks for: `nl*` is Dutch,
    /// anything else English.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("nl") => Lang::Nl,
            _ => Lang::En,
        }
    }
}

macro_rules! keyed_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $variant:ident = $key:literal, $nl:literal, $en:literal; )+ }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( #[serde(rename = $key)] $variant, )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// Stable key, as stored.
            pub fn key(self) -> &'static str {
                match self { $( $name::$variant => $key, )+ }
            }

            pub fn from_key(s: &str) -> Option<Self> {
                match s { $( $key => Some($name::$variant), )+ _ => None }
            }

            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( ($name::$variant, Lang::Nl) => $nl, ($name::$variant, Lang::En) => $en, )+
                }
            }
        }
    };
}

keyed_enum! {
    /// What kind of agenda item.
    ItemKind {
        ActionPoint = "action_point", "Actiepunt", "Action point";
        PolicyQuestion = "policy_question", "Beleidsvraag", "Policy question";
    }
}

keyed_enum! {
    /// Status of an action point in chapter 6 of the source document.
    ActionStatus {
        Afgerond = "afgerond", "afgerond", "completed";
        Doorgezet = "doorgezet", "doorgezet", "continued";
    }
}

keyed_enum! {
    /// What a note records.
    NoteKind {
        Observation = "observation", "Observatie", "Observation";
        Idea = "idea", "Idee", "Idea";
        Question = "question", "Vraag", "Question";
        Concern = "concern", "Zorg", "Concern";
        Agreement = "agreement", "Afspraak", "Agreement";
        Action = "action", "Actie", "Action";
    }
}

#[allow(clippy::derivable_impls)] // the enum is made by a macro
impl Default for NoteKind {
    fn default() -> Self {
        NoteKind::Observation
    }
}

keyed_enum! {
    /// Who is speaking.
    StakeholderGroup {
        Overheid = "overheid", "Overheid", "Government";
        MaatschappelijkeOrganisatie = "maatschappelijke_organisatie", "Maatschappelijke organisatie", "Civil society";
        Wetenschap = "wetenschap", "Wetenschap/kennisinstelling", "Academia/knowledge institute";
        Bedrijfsleven = "bedrijfsleven", "Bedrijfsleven", "Business";
        Actiehouder = "actiehouder", "Actiehouder", "Action holder";
        Anders = "anders", "Anders", "Other";
    }
}

keyed_enum! {
    /// Whether a participant may be named in minutes (AVG/GDPR consent):
    /// `Named` — name and organisation may appear in exports; `GroupOnly` —
    /// only their stakeholder group appears in any export, anonymised or
    /// not. New participants are `GroupOnly` until they agree.
    Naming {
        Named = "named", "met naam", "named";
        GroupOnly = "group_only", "alleen groep", "group only";
    }
}

#[allow(clippy::derivable_impls)] // the enum is made by a macro
impl Default for Naming {
    /// Privacy by default: nobody is named without saying yes.
    fn default() -> Self {
        Naming::GroupOnly
    }
}

keyed_enum! {
    /// What a block of the morning's programme is.
    BlockKind {
        Plenary = "plenary", "Plenair", "Plenary";
        Tables = "tables", "Tafelronde", "Table round";
        Break = "break", "Pauze", "Break";
    }
}

keyed_enum! {
    /// The IRM's completion levels for a commitment.
    IrmLevel {
        NoEvidence = "no_evidence", "Geen bewijs beschikbaar", "No evidence available";
        NotStarted = "not_started", "Niet gestart", "Not started";
        Limited = "limited", "Beperkt", "Limited";
        Substantial = "substantial", "Substantieel", "Substantial";
        Complete = "complete", "Voltooid", "Complete";
    }
}

keyed_enum! {
    /// Where an action stands: open until someone reports progress, and
    /// carried over to the next meeting until it is done or dropped.
    ActionState {
        Open = "open", "open", "open";
        InProgress = "in_progress", "in uitvoering", "in progress";
        Done = "done", "afgerond", "done";
        Dropped = "dropped", "vervallen", "dropped";
    }
}

impl ActionState {
    /// Open and in progress actions are carried over to a follow-up meeting.
    pub fn is_open(self) -> bool {
        matches!(self, ActionState::Open | ActionState::InProgress)
    }
}

keyed_enum! {
    /// What was done with an idea, concern, question or agreement: the
    /// reasoned response OGP's co-creation standards ask for.
    ResponseStatus {
        Adopted = "adopted", "overgenomen", "adopted";
        PartlyAdopted = "partly_adopted", "deels overgenomen", "partly adopted";
        NotAdopted = "not_adopted", "niet overgenomen", "not adopted";
        UnderConsideration = "under_consideration", "in overweging", "under consideration";
        Answered = "answered", "beantwoord", "answered";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for k in NoteKind::ALL {
            assert_eq!(NoteKind::from_key(k.key()), Some(*k));
        }
        for g in StakeholderGroup::ALL {
            assert_eq!(StakeholderGroup::from_key(g.key()), Some(*g));
        }
        for l in IrmLevel::ALL {
            assert_eq!(IrmLevel::from_key(l.key()), Some(*l));
        }
        assert_eq!(NoteKind::from_key("nonsense"), None);
    }

    #[test]
    fn locale_picks_language() {
        assert_eq!(Lang::from_locale(Some("nl_NL.UTF-8")), Lang::Nl);
        assert_eq!(Lang::from_locale(Some("NL_be")), Lang::Nl);
        assert_eq!(Lang::from_locale(Some("en_GB.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("C")), Lang::En);
        assert_eq!(Lang::from_locale(None), Lang::En);
    }

    #[test]
    fn labels_differ_by_language() {
        assert_eq!(NoteKind::Concern.label(Lang::Nl), "Zorg");
        assert_eq!(NoteKind::Concern.label(Lang::En), "Concern");
    }
}
