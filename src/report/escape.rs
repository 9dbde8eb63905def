//! Escaping for the markup reports write (HTML, SVG, the HTML inside Markdown).

/// `&`, `<` and `>` as entities: enough for text between tags, such as the
/// prose of a Markdown message.
pub fn markup_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// XML text and attribute values. Line breaks become references and the
/// `[` of `##[` is `&#91;`, so the markup printed on stdout has no line an
/// input string starts and no legacy workflow command for a runner to read.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '[' if out.ends_with("##") => out.push_str("&#91;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
