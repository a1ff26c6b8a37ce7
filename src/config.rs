//! `sanshen.toml`: a project's settings, shared by every front that reads the file (the
//! command line, the Python binding). Parsing takes the file's text; only [`Config::load`]
//! and [`Config::apply`] (for the dictionaries it names) touch files.

use crate::finding::{Family, Severity};
use crate::linter::LinterBuilder;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The configuration file's name.
pub const FILE_NAME: &str = "sanshen.toml";

/// The settings a `sanshen.toml` may hold. Unknown keys are errors.
///
/// ```
/// use sanshen::config::Config;
///
/// let config = Config::parse("sanshen.toml", "allow = [\"严厉打击\"]\n[families]\nformat = false\n")?;
/// let mut builder = sanshen::LinterBuilder::new();
/// config.apply(&mut builder, std::path::Path::new("."))?;
/// let linter = builder.build()?;
/// assert!(linter.check("“未闭合").is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Config {
    /// Exit with 1 at or above this severity (the command line's `--fail-on`).
    pub fail_on: Option<Severity>,
    /// Report only findings at or above this severity.
    pub min_severity: Option<Severity>,
    /// Whether the statistical model (`typo/model`) runs; on by default where the build carries
    /// it, `false` turns it off.
    pub model: Option<bool>,
    /// The statistical model's confidence (0 to 1) from which its findings are warnings.
    pub model_threshold: Option<f32>,
    /// Dictionary and roster files, relative to the configuration file.
    #[serde(default)]
    pub dictionaries: Vec<PathBuf>,
    /// Whether to load the shipped dictionaries.
    pub builtin: Option<bool>,
    /// Phrases never flagged.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Paths (globs, relative to the configuration file) never checked.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Families on or off.
    #[serde(default)]
    pub families: Families,
    /// Rules on or off, by id.
    #[serde(default)]
    pub rules: BTreeMap<String, bool>,
    /// Categories on or off.
    #[serde(default)]
    pub categories: BTreeMap<String, bool>,
    /// Severity by category, rule id or family.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// The reviewer's name written in review records (the command line's `--reviewer`).
    pub reviewer: Option<String>,
}

/// The `[families]` table: each family on (`true`) or off (`false`), unset keeps the default.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Families {
    /// 错别字.
    pub typo: Option<bool>,
    /// 敏感词.
    pub sensitive: Option<bool>,
    /// 领导职务称呼.
    pub leader: Option<bool>,
    /// 规范.
    pub format: Option<bool>,
}

impl Families {
    /// The families and whether each is on, for those the file sets.
    pub fn set(&self) -> impl Iterator<Item = (Family, bool)> + '_ {
        [
            (Family::Typo, self.typo),
            (Family::Sensitive, self.sensitive),
            (Family::Leader, self.leader),
            (Family::Format, self.format),
        ]
        .into_iter()
        .filter_map(|(f, on)| on.map(|on| (f, on)))
    }
}

/// A configuration file that cannot be read or is malformed.
#[derive(Debug, Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
#[non_exhaustive]
pub struct ConfigError {
    /// The file, as named to [`Config::parse`] or [`Config::load`].
    pub file: String,
    /// The 1-based line of the problem, when it has one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl Config {
    /// Parses a configuration's text; `file` names it in errors.
    ///
    /// # Errors
    ///
    /// Invalid TOML, an unknown key or a wrong value, with the file and line.
    pub fn parse(file: &str, text: &str) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError {
            file: file.to_owned(),
            line: e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1),
            message: e.message().to_owned(),
        })
    }

    /// Reads and parses a configuration file.
    ///
    /// # Errors
    ///
    /// The file cannot be read, or [`Config::parse`] fails.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: file.clone(),
            line: None,
            message: format!("cannot read: {e}"),
        })?;
        Config::parse(&file, &text)
    }

    /// Applies the settings that decide what is checked and reported to `builder`: shipped
    /// dictionaries on or off, dictionary files (relative to `root`, the configuration's
    /// folder), the allow-list, families, rules, categories, severities and the minimum
    /// severity. `fail_on` and `ignore` are for the front to use.
    ///
    /// # Errors
    ///
    /// A dictionary file cannot be read or is malformed.
    pub fn apply(&self, builder: &mut LinterBuilder, root: &Path) -> Result<(), crate::Error> {
        builder.builtin(self.builtin.unwrap_or(true));
        for path in &self.dictionaries {
            builder.add_dictionary_file(root.join(path))?;
        }
        for phrase in &self.allow {
            builder.allow(phrase);
        }
        for (family, on) in self.families.set() {
            builder.family(family, on);
        }
        for (rule, _) in self.rules.iter().filter(|(_, on)| !**on) {
            builder.disable_rule(rule);
        }
        for (category, _) in self.categories.iter().filter(|(_, on)| !**on) {
            builder.disable_category(category);
        }
        for (selector, severity) in &self.severity {
            builder.override_severity(selector, *severity);
        }
        if let Some(s) = self.min_severity {
            builder.min_severity(s);
        }
        if let Some(on) = self.model {
            builder.model(on);
        }
        if let Some(t) = self.model_threshold {
            if !(0.0..=1.0).contains(&t) {
                let what = format!("model_threshold: {t} is not a confidence between 0 and 1");
                return Err(crate::Error::Config(what));
            }
            builder.model_threshold(t);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_and_bad_values_name_the_line() {
        for (text, line, what) in [
            ("fail_on = \"error\"\nfail = 1\n", 2, "unknown field `fail`"),
            ("fail_on = \"error\"\n\n[families]\ntypo = true\ncolour = true\n", 5, "colour"),
            ("[severity]\nadvertising = \"loud\"\n", 2, "loud"),
        ] {
            let err = Config::parse(FILE_NAME, text).unwrap_err();
            assert_eq!(err.line, Some(line), "{err}");
            let shown = err.to_string();
            assert!(shown.starts_with(&format!("{FILE_NAME}:{line}: ")), "{shown}");
            assert!(shown.contains(what), "{shown}");
        }
    }

    #[test]
    fn a_missing_file_is_an_error_without_a_line() {
        let err = Config::load(Path::new("no/such/sanshen.toml")).unwrap_err();
        assert_eq!(err.line, None);
        assert!(err.to_string().starts_with("no/such/sanshen.toml: cannot read"), "{err}");
    }

    #[test]
    fn apply_turns_families_rules_and_severities() {
        let text = "[families]\nleader = false\n[rules]\n\"typo/dictionary\" = false\n\
                    [severity]\nformat = \"info\"\n";
        let config = Config::parse(FILE_NAME, text).unwrap();
        let mut builder = LinterBuilder::new();
        config.apply(&mut builder, Path::new(".")).unwrap();
        let findings = builder
            .build()
            .unwrap()
            .check_as_of("认真布署，国务院总理李克强说“好", crate::Date::new(2026, 12, 1).unwrap());
        assert!(findings.iter().all(|f| f.rule != "typo/dictionary"), "{findings:?}");
        assert!(findings.iter().all(|f| f.family != Family::Leader), "{findings:?}");
        let format: Vec<_> = findings.iter().filter(|f| f.family == Family::Format).collect();
        assert!(!format.is_empty(), "{findings:?}");
        assert!(format.iter().all(|f| f.severity == Severity::Info), "{findings:?}");
    }
}
