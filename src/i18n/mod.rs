//! Every string the terminal UI shows, in Dutch and English, grouped by
//! screen. A leaf module: it knows only `Lang`, so the app and the views
//! can both use it. (Export wording lives in `export::strings`.)

mod files;
mod forms;
mod keys;
pub mod laptops;
mod overlay;
mod overview;
mod run;
mod sessions;
mod setup;

pub use files::Files;
pub use forms::Forms;
pub use keys::Keys;
pub use overlay::Overlays;
pub use overview::Overview;
pub use run::Run;
pub use sessions::Sessions;
pub use setup::Setup;

use crate::domain::Lang;

#[derive(Debug)]
pub struct Strings {
    pub sessions: Sessions,
    pub setup: Setup,
    pub run: Run,
    pub forms: Forms,
    pub overlay: Overlays,
    pub keys: Keys,
    pub files: Files,
    pub overview: Overview,
}

pub static NL: Strings = Strings {
    sessions: sessions::NL,
    setup: setup::NL,
    run: run::NL,
    forms: forms::NL,
    overlay: overlay::NL,
    keys: keys::NL,
    files: files::NL,
    overview: overview::NL,
};

pub static EN: Strings = Strings {
    sessions: sessions::EN,
    setup: setup::EN,
    run: run::EN,
    forms: forms::EN,
    overlay: overlay::EN,
    keys: keys::EN,
    files: files::EN,
    overview: overview::EN,
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}
