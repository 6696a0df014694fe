//! The README's key tables are the key map: this fails when they drift apart.

use tafel::app::keys::{Context, help_lines};
use tafel::i18n::{EN, NL};

fn key_tables() -> String {
    let mut out = String::new();
    for (name, ctx) in [
        ("Sessions", Context::Sessions),
        ("Set-up", Context::Setup),
        ("Editor", Context::Editor),
        ("Notes", Context::Notes),
        ("Plenary overview (F8)", Context::Overview),
        ("Presentation", Context::Present),
    ] {
        out.push_str(&format!(
            "#### {name}\n\n| Key | Nederlands | English |\n|---|---|---|\n"
        ));
        for ((k, nl), (_, en)) in help_lines(ctx, &NL).iter().zip(help_lines(ctx, &EN).iter()) {
            out.push_str(&format!(
                "| `{}` | {nl} | {en} |\n",
                k.replace(" / ", "` / `")
            ));
        }
        out.push('\n');
    }
    out
}

const START: &str = "<!-- keys:start";
const END: &str = "<!-- keys:end -->";

/// With `TAFEL_UPDATE_README=1` the tables are rewritten in place.
#[test]
fn readme_lists_every_key_in_both_languages() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let start = readme
        .find(START)
        .expect("README has the keys:start marker");
    let body = start + readme[start..].find('\n').unwrap() + 1;
    let end = readme.find(END).expect("README has the keys:end marker");
    let tables = key_tables();
    if std::env::var_os("TAFEL_UPDATE_README").is_some() {
        let updated = format!("{}{tables}{}", &readme[..body], &readme[end..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[body..end],
        tables,
        "README.md's key tables are out of date: run TAFEL_UPDATE_README=1 cargo test --test readme"
    );
}
