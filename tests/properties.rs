//! Property tests (proptest): the agenda parser and the Markdown escaping
//! never panic, and any note text renders back to exactly itself.

use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use tafel::export::escape::{block, visible_block};

/// Pieces of agenda files, valid and broken, to combine.
const FRAGMENTS: &[&str] = &[
    "[agenda]\n",
    "name = \"A\"\n",
    "version = \"1\"\n",
    "[[dimensions]]\n",
    "key = \"open-data\"\n",
    "name = \"Open Data\"\n",
    "[[action_points]]\n",
    "number = 1\n",
    "number = 0\n",
    "number = -3\n",
    "number = \"x\"\n",
    "title = \"T\"\n",
    "title = \"\"\n",
    "status = [\"afgerond\"]\n",
    "status = [\"nee\"]\n",
    "status = 5\n",
    "[[policy_questions]]\n",
    "question = \"Q?\"\n",
    "dimension = \"open-data\"\n",
    "dimension = \"elders\"\n",
    "[[policy_questions.sub_questions]]\n",
    "label = \"A\"\n",
    "text = \"t\"\n",
    "[[advices]]\n",
    "group = \"g\"\n",
    "titel = \"typo\"\n",
    "[agenda\n",
    "= =\n",
    "\"unterminated\n",
    "name = '''multi\nline'''\n",
    "# comment\n",
    "\n",
    "x.y.z = 1\n",
    "[[action_points.status]]\n",
    "number = 99999999999999999999\n",
    "é = \"ü\"\n",
    "\u{0}\n",
    "\t\r\n",
];

fn agenda_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|v| v.concat())
}

fn check_agenda(text: &str) {
    match tafel::agenda::parse("p.toml", text) {
        Ok(a) => {
            assert!(!a.name.is_empty() && !a.version.is_empty());
        }
        Err(e) => {
            assert!(!e.errors.is_empty());
            let lines = text.split('\n').count();
            for err in &e.errors {
                assert!(!err.message.is_empty());
                assert!(!err.message.contains('\n'), "one line: {:?}", err.message);
                assert!(
                    err.line >= 1 && err.line <= lines,
                    "line {} of {lines}",
                    err.line
                );
                assert!(err.column >= 1);
            }
        }
    }
}

/// The text of the single list item of a Markdown document, or None when the
/// document holds anything else (raw HTML, markup, more items).
fn item_text(md: &str) -> Option<String> {
    let mut text = String::new();
    let mut items = 0;
    // Every extension but smart punctuation (typography, not markup).
    let options = Options::all() - Options::ENABLE_SMART_PUNCTUATION;
    for ev in Parser::new_ext(md, options) {
        match ev {
            Event::Start(Tag::Item) => items += 1,
            Event::Start(Tag::List(_) | Tag::Paragraph) => {}
            Event::End(TagEnd::Item | TagEnd::List(_) | TagEnd::Paragraph) => {}
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            _ => return None,
        }
    }
    (items == 1).then_some(text)
}

/// Characters that make Markdown structure, and some that are hard to show.
fn note_text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "#",
        "-",
        "+",
        ">",
        "1.",
        "---",
        "|",
        "`",
        "```",
        "<script>",
        "<!--",
        "-->",
        "*",
        "_",
        "[x](y)",
        "![x](y)",
        "&amp;",
        "&#x41;",
        "\\",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "~",
        "=",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "!",
        "    ",
        "é",
        "漢",
        "👍",
        "\u{202e}",
        "\u{200b}",
        "\u{301}",
        "\r",
        "\u{1b}[31m",
        "\u{0}",
        "a",
        "word",
        " ",
    ]);
    prop::collection::vec(special, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn agenda_parser_never_panics_on_any_string(s in any::<String>()) {
        check_agenda(&s);
    }

    #[test]
    fn agenda_parser_never_panics_on_agenda_like_text(s in agenda_text()) {
        check_agenda(&s);
    }

    #[test]
    fn any_note_text_renders_back_literally(s in note_text()) {
        let want = visible_block(&s);
        prop_assume!(!want.is_empty());
        let md = format!("- {}\n", block(&s, "  "));
        prop_assert_eq!(item_text(&md), Some(want), "markdown: {:?}", md);
    }

    #[test]
    fn any_unicode_note_renders_back_literally(s in "\\PC{1,60}") {
        let want = visible_block(&s);
        prop_assume!(!want.is_empty());
        let md = format!("- {}\n", block(&s, "  "));
        prop_assert_eq!(item_text(&md), Some(want), "markdown: {:?}", md);
    }
}
