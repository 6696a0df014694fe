//! Reading exported Markdown back with pandoc (`pandoc -f gfm -t json`),
//! where it is installed: a second, independent reader besides
//! pulldown-cmark. Without pandoc the checks say so and pass.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// Whether `pandoc` runs here; if not, prints why the check is skipped.
pub fn available(test: &str) -> bool {
    let ok = Command::new("pandoc")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        println!("{test}: pandoc is not installed — the pandoc check is skipped");
        eprintln!("{test}: pandoc is not installed — the pandoc check is skipped");
    }
    ok
}

/// What a reader sees of a document in pandoc's GFM reader.
#[derive(Debug, Default)]
pub struct Read {
    pub headings: Vec<(u64, String)>,
    /// The text of each list item (nested lists included, in order).
    pub items: Vec<String>,
    /// Anything but headings, lists, paragraphs, tables and plain text:
    /// emphasis, links, code, raw HTML, quotes, emoji …
    pub unexpected: Vec<String>,
}

/// Runs `pandoc -f gfm -t json` on `md`.
pub fn read(md: &str) -> Read {
    let mut child = Command::new("pandoc")
        .args(["-f", "gfm", "-t", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pandoc runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = md.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "pandoc failed");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut r = Read::default();
    blocks(&doc["blocks"], &mut r);
    r
}

fn blocks(v: &Value, r: &mut Read) {
    for b in v.as_array().into_iter().flatten() {
        let c = &b["c"];
        match b["t"].as_str().unwrap_or_default() {
            "Header" => {
                let mut text = String::new();
                inlines(&c[2], &mut text, r);
                r.headings.push((c[0].as_u64().unwrap_or(0), text));
            }
            "BulletList" | "OrderedList" => {
                let items = if b["t"] == "OrderedList" { &c[1] } else { c };
                if b["t"] == "OrderedList" {
                    r.unexpected.push("OrderedList".into());
                }
                for item in items.as_array().into_iter().flatten() {
                    let at = r.items.len();
                    r.items.push(String::new());
                    let mut text = String::new();
                    for (k, p) in item.as_array().into_iter().flatten().enumerate() {
                        match p["t"].as_str().unwrap_or_default() {
                            "Plain" | "Para" => {
                                if k > 0 {
                                    r.unexpected.push("a second paragraph".into());
                                }
                                inlines(&p["c"], &mut text, r);
                            }
                            _ => blocks(&Value::Array(vec![p.clone()]), r),
                        }
                    }
                    r.items[at] = text;
                }
            }
            "Para" | "Plain" => {
                let mut text = String::new();
                inlines(c, &mut text, r);
            }
            "Table" => {}
            other => r.unexpected.push(other.to_string()),
        }
    }
}

fn inlines(v: &Value, out: &mut String, r: &mut Read) {
    for i in v.as_array().into_iter().flatten() {
        match i["t"].as_str().unwrap_or_default() {
            "Str" => out.push_str(i["c"].as_str().unwrap_or_default()),
            "Space" | "SoftBreak" => out.push(' '),
            "LineBreak" => out.push('\n'),
            // The export's own bold labels.
            "Strong" => inlines(&i["c"], out, r),
            other => r.unexpected.push(format!("{other}: {}", i["c"])),
        }
    }
}

/// Text as pandoc shows it: runs of spaces and tabs are one space, and lines
/// have none at their ends.
pub fn normalize(s: &str) -> String {
    s.split('\n')
        .map(|line| {
            let mut out = String::new();
            for word in line.split([' ', '\t']).filter(|w| !w.is_empty()) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}
