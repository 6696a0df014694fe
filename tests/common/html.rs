//! Reading the HTML minutes back with a WHATWG-compliant tokenizer
//! (html5gum): the elements and attributes a browser would see, the text
//! of each list item as a reader sees it, and any parse error.

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// What a browser makes of a page, as far as the tests look.
#[derive(Debug, Default)]
pub struct Page {
    /// Every start tag: its name and attributes (lowercase names).
    pub elements: Vec<(String, Vec<(String, String)>)>,
    /// The text of every `li`, `<br>` as a line break (a nested list's
    /// items are their own).
    pub items: Vec<String>,
    /// The text of every heading (`h1`–`h5`).
    pub headings: Vec<String>,
    /// The text inside `style` elements.
    pub styles: String,
    pub comments: Vec<String>,
    pub errors: Vec<String>,
}

impl Page {
    pub fn count(&self, tag: &str) -> usize {
        self.elements.iter().filter(|(n, _)| n == tag).count()
    }

    /// Every attribute of every element: (element, name, value).
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.elements.iter().flat_map(|(e, attrs)| {
            attrs
                .iter()
                .map(move |(n, v)| (e.as_str(), n.as_str(), v.as_str()))
        })
    }
}

fn utf8(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

pub fn parse(html: &str) -> Page {
    let mut emitter = DefaultEmitter::default();
    // Switches to raw text in `style`, `title`, `script` … as a browser's
    // tree builder would.
    emitter.naively_switch_states(true);
    let mut page = Page::default();
    // Open list items and headings, innermost last: (is a heading, index).
    let mut open: Vec<(bool, usize)> = Vec::new();
    let mut in_style = false;
    for token in Tokenizer::new_with_emitter(html, emitter) {
        match token.expect("reading a string never fails") {
            Token::StartTag(tag) => {
                let name = utf8(&tag.name).to_ascii_lowercase();
                let attrs = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| (utf8(k).to_ascii_lowercase(), utf8(&v.value)))
                    .collect();
                match name.as_str() {
                    "li" => {
                        page.items.push(String::new());
                        open.push((false, page.items.len() - 1));
                    }
                    "h1" | "h2" | "h3" | "h4" | "h5" => {
                        page.headings.push(String::new());
                        open.push((true, page.headings.len() - 1));
                    }
                    "br" => push(&mut page, &open, "\n"),
                    "style" => in_style = true,
                    _ => {}
                }
                page.elements.push((name, attrs));
            }
            Token::EndTag(tag) => match utf8(&tag.name).to_ascii_lowercase().as_str() {
                "li" | "h1" | "h2" | "h3" | "h4" | "h5" => {
                    open.pop();
                }
                "style" => in_style = false,
                _ => {}
            },
            Token::String(s) => {
                let text = utf8(&s.value);
                if in_style {
                    page.styles.push_str(&text);
                } else {
                    push(&mut page, &open, &text);
                }
            }
            Token::Comment(c) => page.comments.push(utf8(&c.value)),
            Token::Doctype(_) => {}
            Token::Error(e) => page.errors.push(format!("{:?}", e.value)),
        }
    }
    page
}

fn push(page: &mut Page, open: &[(bool, usize)], text: &str) {
    match open.last() {
        Some((true, i)) => page.headings[*i].push_str(text),
        Some((false, i)) => page.items[*i].push_str(text),
        None => {}
    }
}

/// The page is self-contained and inert: no script, no event handler, no
/// external resource, no comment; and it parses without an error.
pub fn assert_safe(html: &str, page: &Page) {
    assert_eq!(page.count("script"), 0, "a script element");
    for tag in [
        "iframe", "object", "embed", "img", "link", "base", "form", "meta",
    ] {
        if tag == "meta" {
            continue; // charset and viewport only, checked below
        }
        assert_eq!(page.count(tag), 0, "a {tag} element");
    }
    for (element, name, value) in page.attributes() {
        assert!(!name.starts_with("on"), "event handler {name} on {element}");
        let lower = value.to_ascii_lowercase();
        if matches!(
            name,
            "src" | "href" | "xlink:href" | "srcset" | "action" | "style"
        ) {
            panic!("{element} has {name}={value:?}");
        }
        assert!(
            !lower.contains("http") && !lower.contains("//") && !lower.contains("url("),
            "{element} {name}={value:?} points outside"
        );
    }
    for (element, attrs) in &page.elements {
        if element == "meta" {
            assert!(
                attrs
                    .iter()
                    .all(|(n, _)| n == "charset" || n == "name" || n == "content"),
                "{attrs:?}"
            );
        }
    }
    let style = page.styles.to_ascii_lowercase();
    assert!(
        !style.contains("url(") && !style.contains("@import") && !style.contains("http"),
        "the style sheet loads something"
    );
    assert!(page.comments.is_empty(), "comments: {:?}", page.comments);
    assert!(page.errors.is_empty(), "parse errors: {:?}", page.errors);
    assert!(html.starts_with("<!DOCTYPE html>"));
}
