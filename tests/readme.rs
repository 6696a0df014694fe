//! The README's key tables are the key map: this fails when they drift apart.

use tafel::app::keys::{Context, help_lines};
use tafel::ui::strings::{EN, NL};

fn key_tables() -> String {
    let mut out = String::new();
    for (name, ctx) in [
        ("Sessions", Context::Sessions),
        ("Set-up", Context::Setup),
        ("Editor", Context::Editor),
        ("Notes", Context::Notes),
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

#[test]
fn readme_lists_every_key_in_both_languages() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let tables = key_tables();
    assert!(
        readme.contains(tables.trim_end()),
        "README.md's key tables are out of date; replace them with:\n\n{tables}"
    );
}
