//! The Markdown escape functions on thousands of generated strings: whatever
//! goes in, a reader sees exactly the input (control characters made visible)
//! in a list item, a heading and a table cell.

mod common;

use common::markdown::*;
use tafel::export::escape::{block, inline, visible_block, visible_inline};

/// SplitMix64: small, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    " ",
    "  ",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "a",
    "Z",
    "9",
    "1.",
    "1)",
    "- ",
    "+ ",
    "* ",
    "# ",
    "> ",
    "|",
    "\\",
    "`",
    "```",
    "~~~",
    "~",
    "*",
    "**",
    "_",
    "__",
    "=",
    "---",
    "===",
    "<",
    ">",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<?",
    "<![CDATA[",
    "&",
    "&amp;",
    "&#65;",
    "&#x41;",
    "&nbsp;",
    ";",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "[^1]",
    "[[",
    "]]",
    "{#x}",
    "$",
    "$$",
    "^",
    ":",
    "http://x.y",
    "www.x.y",
    "a@b.c",
    "'",
    "\"",
    "...",
    "!",
    "?",
    ",",
    "%",
    "/",
    "@",
    "é",
    "e\u{301}",
    "\u{30a}",
    "👍🏽",
    "👨‍👩‍👧",
    "🇳🇱",
    "שלום",
    "مرحبا",
    "\u{202e}",
    "\u{200d}",
    "\u{0}",
    "\u{1b}",
    "\u{7}",
    "\u{c}",
    "\u{b}",
    "\u{7f}",
    "\u{85}",
    "\u{9b}",
    "\u{a0}",
    "\u{2028}",
    "\u{3000}",
    "漢字",
];

fn generated(rng: &mut Rng) -> String {
    let n = rng.below(24);
    (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect()
}

#[test]
fn escaping_renders_back_to_the_input() {
    let mut rng = Rng(42);
    for round in 0..4000 {
        let s = generated(&mut rng);
        let ctx = format!("round {round}, input {s:?}");

        // A list item (notes), with a metadata line after it.
        let md = format!("- {}\\\n  — meta\n", block(&s, "  "));
        assert_no_html(&md);
        let r = read(&md);
        assert!(r.unexpected.is_empty(), "{ctx}: {:?}", r.unexpected);
        assert_eq!(r.items.len(), 1, "{ctx}: {md:?}");
        assert!(
            r.items[0].markup.is_empty(),
            "{ctx}: {:?}",
            r.items[0].markup
        );
        let want = visible_block(&s);
        if want.is_empty() {
            assert_eq!(block(&s, "  "), "", "{ctx}");
        } else {
            assert_eq!(r.items[0].text, format!("{want}\n— meta"), "{ctx}: {md:?}");
        }

        // A list item of its own, and after a heading.
        let md = format!("## x\n\n- {}\n", block(&s, "  "));
        let r = read(&md);
        assert!(r.unexpected.is_empty(), "{ctx}: {:?}", r.unexpected);
        assert_eq!(r.headings.len(), 1, "{ctx}");
        assert_eq!(r.items.len(), 1, "{ctx}");
        assert_eq!(r.items[0].text, want, "{ctx}: {md:?}");

        // A heading.
        let md = format!("# {}\n\n### a {} b\n", inline(&s), inline(&s));
        let r = read(&md);
        assert!(r.unexpected.is_empty(), "{ctx}: {:?}", r.unexpected);
        let one = visible_inline(&s);
        assert_eq!(
            r.headings,
            [(1, one.clone()), (3, format!("a {one} b"))],
            "{ctx}: {md:?}"
        );

        // A table cell, first and last.
        let md = format!(
            "| h | {} |\n| --- | --- |\n| {} | x |\n",
            inline(&s),
            inline(&s)
        );
        let r = read(&md);
        assert!(r.unexpected.is_empty(), "{ctx}: {:?}", r.unexpected);
        assert_eq!(r.tables.len(), 1, "{ctx}");
        assert_tables_intact(&md, &r);
        assert_eq!(
            r.tables[0],
            [
                vec!["h".to_string(), one.clone()],
                vec![one.clone(), "x".into()]
            ],
            "{ctx}: {md:?}"
        );
    }
}

#[test]
fn visible_text_is_the_input_when_it_has_nothing_to_replace() {
    for s in [
        "a # b",
        "x | y",
        "emoji 👍🏽",
        "שלום",
        "  leading",
        "trailing\t",
    ] {
        assert_eq!(visible_block(s), s);
        assert_eq!(visible_inline(s), s);
    }
    assert_eq!(visible_block("a\r\nb"), "a\nb");
    assert_eq!(visible_inline("a\nb"), "a / b");
    assert_eq!(visible_inline("\u{1b}\u{0}\u{7f}\u{9b}"), "␛␀␡\u{fffd}");
}

/// The same generated text read by pandoc's GFM reader, where pandoc is
/// installed: in a list item with its metadata line, and in a heading.
#[test]
fn escaping_renders_back_in_pandoc() {
    if !common::pandoc::available("escaping_renders_back_in_pandoc") {
        return;
    }
    let mut rng = Rng(7);
    let texts: Vec<String> = (0..3000).map(|_| generated(&mut rng)).collect();
    let mut md = String::new();
    for (i, s) in texts.iter().enumerate() {
        md.push_str(&format!("## {i}\n\n### a {} b\n\n", inline(s)));
        let body = block(s, "  ");
        if body.is_empty() {
            md.push_str("- — meta\n\n");
        } else {
            md.push_str(&format!("- {body}  \n  — meta\n\n"));
        }
    }
    let r = common::pandoc::read(&md);
    assert!(
        r.unexpected.is_empty(),
        "{:?}",
        &r.unexpected[..r.unexpected.len().min(5)]
    );
    assert_eq!(r.headings.len(), 2 * texts.len());
    assert_eq!(r.items.len(), texts.len());
    let norm = common::pandoc::normalize;
    for (i, s) in texts.iter().enumerate() {
        if s.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)) {
            continue; // pandoc composes `e` + U+0301 into `é`: not markup
        }
        let want = visible_block(s);
        let item = if want.is_empty() {
            "— meta".to_string()
        } else {
            format!("{want}\n— meta")
        };
        assert_eq!(
            norm(&r.items[i]),
            norm(&item),
            "input {s:?}: {:?}",
            block(s, "  ")
        );
        let heading = format!("a {} b", visible_inline(s));
        assert_eq!(
            norm(&r.headings[2 * i + 1].1),
            norm(&heading),
            "input {s:?}"
        );
    }
}
