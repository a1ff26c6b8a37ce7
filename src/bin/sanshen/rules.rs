//! `sanshen check --list-rules`: the rule registry, for people or as JSON.

use crate::args::Format;
use sanshen::registry::{self, Rule};
use std::io::Write;
use std::process::ExitCode;

/// Prints every rule to standard output: a table, or with `--format json` a JSON array.
pub(crate) fn list(format: Format) -> ExitCode {
    let text = match format {
        Format::Json => json(registry::rules()),
        _ => table(registry::rules()),
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sanshen: cannot write the rules: {e}");
            ExitCode::from(2)
        }
    }
}

/// One rule a line: id, family, default severity, selectors, Chinese name and description.
fn table(rules: &[Rule]) -> String {
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in rules {
        let selectors = std::iter::once(r.id).chain(r.selectors.iter().copied());
        out.push_str(&format!(
            "{:width$}  {:9}  {:7}  [{}]  {}：{}\n",
            r.id,
            r.family.as_str(),
            r.severity.as_str(),
            selectors.collect::<Vec<_>>().join(", "),
            r.name,
            r.description,
        ));
    }
    out
}

/// The rules as a JSON array, one object a rule with the registry's fields.
fn json(rules: &[Rule]) -> String {
    let mut text = serde_json::to_string_pretty(rules).unwrap_or_else(|_| "[]".to_owned());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_listed_with_its_selectors() {
        let table = table(registry::rules());
        assert_eq!(table.lines().count(), registry::rules().len());
        let protected = table.lines().find(|l| l.starts_with("typo/protected ")).unwrap();
        assert!(protected.contains("[typo/protected, protected]"), "{protected}");
        let parsed: serde_json::Value = serde_json::from_str(&json(registry::rules())).unwrap();
        assert_eq!(parsed[0]["id"], "typo/dictionary");
        assert_eq!(parsed[0]["family"], "typo");
        assert_eq!(parsed[0]["severity"], "error");
    }
}
