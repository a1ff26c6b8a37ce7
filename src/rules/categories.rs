//! What a sensitive finding says of its category, read from
//! `dictionaries/sensitive/categories.txt` (one `CATEGORY<TAB>MESSAGE` a line; `*` for an entry
//! with no category or an unlisted one).

use std::collections::HashMap;
use std::sync::LazyLock;

/// The shipped file, by the name its errors give.
const FILE: &str = "dictionaries/sensitive/categories.txt";

static SHIPPED: LazyLock<Messages> = LazyLock::new(|| {
    // A broken shipped file is caught by the tests below; the message names its line.
    Messages::parse(include_str!("../../dictionaries/sensitive/categories.txt"))
        .unwrap_or_else(|e| panic!("{FILE}:{e}"))
});

/// The message of `category` (what follows the quoted text of a finding).
pub(crate) fn message(category: Option<&str>) -> &'static str {
    SHIPPED.message(category)
}

/// Messages by category, and the one for the rest.
#[derive(Debug)]
struct Messages {
    by_category: HashMap<String, String>,
    other: String,
}

/// A malformed line: its number and what is wrong.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}: {what}")]
struct LineError {
    line: usize,
    what: &'static str,
}

impl Messages {
    fn parse(text: &str) -> Result<Messages, LineError> {
        let mut by_category = HashMap::new();
        let mut other = None;
        for (i, line) in text.lines().enumerate() {
            let err = |what| LineError { line: i + 1, what };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (category, message) = split(line).map_err(err)?;
            let fresh = match category {
                "*" => other.replace(message.to_owned()).is_none(),
                _ => by_category.insert(category.to_owned(), message.to_owned()).is_none(),
            };
            if !fresh {
                return Err(err("category listed twice"));
            }
        }
        let other = other.ok_or(LineError { line: 0, what: "no `*` line" })?;
        Ok(Messages { by_category, other })
    }

    fn message(&self, category: Option<&str>) -> &str {
        category.and_then(|c| self.by_category.get(c)).unwrap_or(&self.other)
    }
}

/// A line's category and message, both present and without surrounding white space.
fn split(line: &str) -> Result<(&str, &str), &'static str> {
    let (category, message) = line.split_once('\t').ok_or("expected CATEGORY<TAB>MESSAGE")?;
    if category.is_empty() || message.is_empty() {
        return Err("empty category or message");
    }
    if category.trim() != category || message.trim() != message || message.contains('\t') {
        return Err("white space around a field, or a third field");
    }
    Ok((category, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn parse_err(text: &str) -> LineError {
        Messages::parse(text).unwrap_err()
    }

    #[test]
    fn shipped_messages() {
        assert_eq!(message(Some("political")), "不符合规范表述");
        assert_eq!(message(Some("vulgar")), "属于粗俗、侮辱性用语");
        assert_eq!(
            message(Some(crate::ABUSE_CATEGORY)),
            "属于辱骂、轻蔑或歧视性称呼，回复群众时不得使用"
        );
        assert_eq!(message(None), "属于敏感表述");
        assert_eq!(message(Some("no-such-category")), "属于敏感表述");
    }

    #[test]
    fn malformed_lines_are_named() {
        assert_eq!(
            parse_err("*\tx\na b\n"),
            LineError { line: 2, what: "expected CATEGORY<TAB>MESSAGE" }
        );
        assert_eq!(parse_err("*\tx\n# c\nlegal\ty\nlegal\tz\n").line, 4);
        assert_eq!(parse_err("*\tx\n*\ty\n").what, "category listed twice");
        assert_eq!(parse_err("legal\t\n").what, "empty category or message");
        assert_eq!(parse_err("legal \ty\n").line, 1);
        assert_eq!(parse_err("legal\ty\tz\n").line, 1);
        assert_eq!(parse_err("legal\ty\n").what, "no `*` line");
    }

    /// The shipped file: sorted, and a message for every category the shipped sensitive
    /// dictionaries use, none for a category nothing uses.
    #[test]
    fn shipped_file_is_sorted_and_complete() {
        let text = include_str!("../../dictionaries/sensitive/categories.txt");
        let listed: Vec<&str> = text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .collect();
        let mut sorted = listed.clone();
        sorted.sort_unstable();
        assert_eq!(listed, sorted, "{FILE} is not sorted");

        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/sensitive");
        let mut used = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "tsv") {
                let text = std::fs::read_to_string(&path).unwrap();
                let named = text.split(['\n', '\t']).filter_map(|f| {
                    f.strip_prefix("!category ").or_else(|| f.strip_prefix("category="))
                });
                used.extend(named.map(|c| c.trim().to_owned()));
            }
        }
        let listed: std::collections::BTreeSet<String> =
            listed.iter().filter(|c| **c != "*").map(|c| c.to_string()).collect();
        assert_eq!(listed, used, "{FILE} against the categories of the shipped dictionaries");
    }
}
