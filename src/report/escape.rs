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
/// Characters XML 1.0 forbids even as references (controls but tab, line
/// feed and carriage return; U+FFFE, U+FFFF) are replaced, so any input
/// makes a document a parser accepts.
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
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_keeps_no_character_xml_forbids() {
        assert_eq!(
            xml("a]]>\u{0}\u{1b}\u{ffff}\u{fffe}\t\n<&\"'##[x"),
            "a]]&gt;  \u{fffd}\u{fffd}\t&#10;&lt;&amp;&quot;&#39;##&#91;x"
        );
    }
}
