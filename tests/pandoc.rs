//! Literal in pandoc too: a note is written so that pandoc reads exactly
//! its text, as CommonMark readers do — also a note that begins with a
//! task-list marker (`[ ] …`, `[x] …`: pandoc would make a checkbox of it),
//! a tab (pandoc would make it a space) and a run of spaces.
//!
//! pulldown-cmark is checked always; pandoc (its JSON AST, with its own
//! Markdown and with GFM) when it is installed — otherwise that test says
//! so and passes.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};
use tafel::demo::SplitMix64;
use tafel::export::escape::{block, inline, visible_block, visible_inline};

/// Notes that pandoc is known to read differently when written plainly.
const AWKWARD: &[&str] = &[
    "[ ] open question",
    "[x] done already",
    "[X] done, upper case",
    "[  ] wide box",
    "[\t] tab box",
    "[ ]  two spaces",
    "[x]",
    "[ ]\nsecond line",
    "first\n[ ] on the next line",
    "tab\tinside",
    "\tleading tab",
    "trailing tab\t",
    "two  spaces and   three",
    "a \t b",
    "- [ ] a list in a note",
    "1. [x] numbered",
    "\"quoted\" and 'single' -- dash --- em ... dots",
    "@cite [@key] ^super^ ~sub~ ~~strike~~ $x$ \\(y\\)",
    "<!-- --> <b>bold</b> &amp; &#x41;",
    "| a | b |\n|---|---|",
    "Term\n: definition",
    "(@) example list",
    "a) fancy\ni. roman\nA. letter",
    "line\n\n\nwith empty lines",
    "::: div\ncontent\n:::",
    "[span]{.class} ![img](x) [link](y)",
    "http://example.org www.example.org :smile:",
];

/// From here on, `AWKWARD` is syntax of pandoc's own Markdown only.
const PANDOC_ONLY: usize = 15;

const PIECES: &[&str] = &[
    "[ ] ",
    "[x] ",
    "[X] ",
    "[",
    "]",
    "x",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "#",
    "-",
    "+",
    ">",
    "1.",
    "a)",
    "*",
    "_",
    "`",
    "~",
    "^",
    "@",
    "$",
    "|",
    ":",
    "\\",
    "<",
    "&",
    "'",
    "\"",
    "...",
    "--",
    "é",
    "👍",
    "\u{202e}",
    "word",
    "a",
    "\u{1b}[31m",
    "\u{0}",
    "\r",
];

/// Random notes made of the pieces, the same every run.
fn generated(n: usize) -> Vec<String> {
    let mut rng = SplitMix64::new(0x7a5c);
    (0..n)
        .map(|_| {
            let len = rng.below(12) + 1;
            (0..len).map(|_| *rng.pick(PIECES)).collect::<String>()
        })
        .collect()
}

fn cases() -> Vec<String> {
    let mut all: Vec<String> = AWKWARD.iter().map(|s| s.to_string()).collect();
    all.extend(generated(1500));
    all.retain(|s| !visible_block(s).is_empty());
    all
}

/// The text of a Markdown list item's inlines as pulldown-cmark reads it,
/// or `None` when it holds anything but text and line breaks.
fn pulldown_text(md: &str) -> Option<String> {
    let mut text = String::new();
    let mut items = 0;
    for ev in Parser::new_ext(md, Options::all() - Options::ENABLE_SMART_PUNCTUATION) {
        match ev {
            Event::Start(Tag::Item) => items += 1,
            Event::Start(Tag::List(_) | Tag::Paragraph) => {}
            Event::End(TagEnd::Item | TagEnd::List(_) | TagEnd::Paragraph) => {}
            Event::Text(t) => text.push_str(&t),
            Event::HardBreak => text.push('\n'),
            _ => return None,
        }
    }
    (items == 1).then_some(text)
}

#[test]
fn pulldown_cmark_reads_every_note_literally() {
    for s in cases() {
        let md = format!("- {}\n", block(&s, "  "));
        assert_eq!(
            pulldown_text(&md),
            Some(visible_block(&s)),
            "{s:?} as {md:?}"
        );
        let md = format!("- {}\n", inline(&s));
        assert_eq!(
            pulldown_text(&md),
            Some(visible_inline(&s)),
            "{s:?} as {md:?}"
        );
    }
}

/// The text of pandoc inlines, or `None` for anything but text, spaces and
/// line breaks (a checkbox shows as its own character, ☐ or ☒).
fn pandoc_inlines(inlines: &[Value]) -> Option<String> {
    let mut out = String::new();
    for i in inlines {
        match i["t"].as_str()? {
            "Str" => out.push_str(i["c"].as_str()?),
            "Space" => out.push(' '),
            "LineBreak" => out.push('\n'),
            _ => return None,
        }
    }
    Some(out)
}

/// What pandoc reads from each list item of `md` (between markers).
fn pandoc_items(md: &str, from: &str) -> Vec<Option<String>> {
    let mut child = Command::new("pandoc")
        .args(["-f", from, "-t", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pandoc runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(md.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "pandoc failed");
    let ast: Value = serde_json::from_slice(&out.stdout).unwrap();
    ast["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["t"] == "BulletList")
        .map(|b| {
            let items = b["c"].as_array()?;
            let [item] = items.as_slice() else {
                return None;
            };
            let [para] = item.as_array()?.as_slice() else {
                return None;
            };
            match para["t"].as_str()? {
                "Plain" | "Para" => pandoc_inlines(para["c"].as_array()?),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn pandoc_reads_every_note_literally() {
    if Command::new("pandoc").arg("--version").output().is_err() {
        eprintln!("SKIPPED: pandoc is not installed; this test checks its reading when it is");
        return;
    }
    let cases = cases();
    // One document: each note a list of its own, a paragraph between.
    let mut md = String::new();
    for (i, s) in cases.iter().enumerate() {
        md.push_str(&format!("- {}\n\nnote {i}\n\n", block(s, "  ")));
    }
    // The minutes are GFM; pandoc's own Markdown is read without its
    // "smart" typography, which curls quotes and makes dashes of `--` (the
    // README converts with `-f gfm`).
    for from in ["markdown-smart", "gfm"] {
        let items = pandoc_items(&md, from);
        assert_eq!(items.len(), cases.len(), "{from}: one list per note");
        for ((s, got), i) in cases.iter().zip(&items).zip(0..) {
            // pandoc's own Markdown has more syntax than GFM (citations,
            // raw TeX after a backslash, example and fancy lists, divs,
            // spans): the minutes are GFM, so every note is checked there;
            // pandoc's own reader is held to the cases named for it — task
            // markers, tabs and runs of spaces.
            if from == "markdown-smart" && !AWKWARD[..PANDOC_ONLY].contains(&s.as_str()) {
                continue;
            }
            assert_eq!(
                got.as_deref(),
                Some(visible_block(s).as_str()),
                "{from}, note {i} {s:?} written as {:?}",
                block(s, "  ")
            );
        }
    }
}
