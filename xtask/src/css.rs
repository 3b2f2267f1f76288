//! Trims the compiled GOV.UK Frontend stylesheet to the rules the app can use: a style
//! rule is kept when, for at least one of its selectors, every class it names appears in
//! the app's sources (the words of `web/` and of the crates' code, where every class is
//! written out whole). Selectors naming a class that appears nowhere are dropped from
//! their rule, and a rule with none left goes. At-rules holding rules (`@media`,
//! `@supports`) are trimmed the same way inside and go when empty; any other at-rule
//! (`@font-face`, `@keyframes`, `@charset`) is kept as it is.
//!
//! The stylesheet is render-blocking and in every download: most of GOV.UK Frontend's
//! spacing and width overrides (`govuk-!-margin-left-7`) and component variants are
//! never used here.

/// The stylesheet `css` (compressed: no comments) with only the rules whose classes all
/// appear somewhere in `sources`.
pub fn purge(css: &str, sources: &str) -> String {
    let used = |class: &str| sources.contains(class);
    let mut out = String::with_capacity(css.len());
    block(css, &used, &mut out);
    out
}

/// The characters of `text` from `from` on that are outside quoted strings, with their
/// byte positions.
fn unquoted(text: &str, from: usize) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    text.char_indices().skip_while(move |(i, _)| *i < from).filter(move |&(_, c)| {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            return false;
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
            return false;
        }
        true
    })
}

/// Where the block that opens at `open` (a `{`) closes, skipping quoted strings.
fn closing(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in unquoted(text, open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Where the next `{` or `;` outside quotes is, from `from`.
fn next_open_or_end(text: &str, from: usize) -> Option<(usize, char)> {
    unquoted(text, from).find(|&(_, c)| c == '{' || c == ';')
}

/// Copies the rules of `text` (a stylesheet or an at-rule's body) that are used into `out`.
fn block(text: &str, used: &dyn Fn(&str) -> bool, out: &mut String) {
    let mut at = 0;
    while at < text.len() {
        let Some((brace, c)) = next_open_or_end(text, at) else {
            out.push_str(&text[at..]);
            return;
        };
        let prelude = &text[at..brace];
        if c == ';' {
            // `@charset "UTF-8";` and the like.
            out.push_str(&text[at..=brace]);
            at = brace + 1;
            continue;
        }
        let Some(end) = closing(text, brace) else {
            // Not balanced: keep the rest as it is rather than guess.
            out.push_str(&text[at..]);
            return;
        };
        let body = &text[brace + 1..end];
        let name = prelude.trim_start();
        if name.starts_with("@media") || name.starts_with("@supports") {
            let mut inner = String::new();
            block(body, used, &mut inner);
            if !inner.trim().is_empty() {
                out.push_str(prelude);
                out.push('{');
                out.push_str(&inner);
                out.push('}');
            }
        } else if name.starts_with('@') {
            out.push_str(&text[at..=end]);
        } else {
            let kept: Vec<&str> =
                selectors(prelude).into_iter().filter(|s| classes(s).iter().all(|c| used(c))).collect();
            if !kept.is_empty() {
                out.push_str(&kept.join(","));
                out.push('{');
                out.push_str(body);
                out.push('}');
            }
        }
        at = end + 1;
    }
}

/// A selector list split at its top-level commas (not those inside `:not(...)`).
fn selectors(list: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in list.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&list[start..]);
    out
}

/// The class names a selector names (`.govuk-\!-margin-0` is `govuk-!-margin-0`), outside
/// attribute selectors' quoted values.
fn classes(selector: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = selector.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '.' => {
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    if n == '\\' {
                        chars.next();
                        if let Some(e) = chars.next() {
                            name.push(e);
                        }
                    } else if n.is_ascii_alphanumeric() || n == '-' || n == '_' {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if !name.is_empty() {
                    out.push(name);
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_the_sources_name_and_drops_the_rest() {
        let css = "@charset \"UTF-8\";html{color:red}.a,.b .c{margin:0}.govuk-\\!-m-0{margin:0!important}\
                   @media (min-width:40em){.b{x:1}.d{y:2}}@media print{.d{z:3}}\
                   @font-face{font-family:x}.e:not(.f,.g)>.a{q:\"}\"}[class=\".h\"]{r:1}";
        let out = purge(css, r#"class="a govuk-!-m-0" "e f g""#);
        assert_eq!(
            out,
            "@charset \"UTF-8\";html{color:red}.a{margin:0}.govuk-\\!-m-0{margin:0!important}\
             @font-face{font-family:x}.e:not(.f,.g)>.a{q:\"}\"}[class=\".h\"]{r:1}"
        );
    }

    #[test]
    fn an_unbalanced_sheet_is_kept_from_where_it_breaks() {
        assert_eq!(purge(".a{x:1}.b{y:2", "a"), ".a{x:1}.b{y:2");
        assert_eq!(purge(".z{x:1}", ""), "");
    }
}
