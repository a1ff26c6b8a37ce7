//! `sanshen.toml`: the project's settings, found by walking up from the current directory.

use sanshen::{Family, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The configuration file's name.
pub(crate) const FILE_NAME: &str = "sanshen.toml";

/// The settings a `sanshen.toml` may hold. Unknown keys are errors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Config {
    /// Exit with 1 at or above this severity.
    pub(crate) fail_on: Option<Severity>,
    /// Report only findings at or above this severity.
    pub(crate) min_severity: Option<Severity>,
    /// The statistical model's confidence from which its findings are warnings (0 to 1).
    pub(crate) model_threshold: Option<f32>,
    /// Dictionary and roster files, relative to the configuration file.
    #[serde(default)]
    pub(crate) dictionaries: Vec<PathBuf>,
    /// Whether to load the shipped dictionaries.
    pub(crate) builtin: Option<bool>,
    /// Phrases never flagged.
    #[serde(default)]
    pub(crate) allow: Vec<String>,
    /// Paths (globs, relative to the configuration file) never checked.
    #[serde(default)]
    pub(crate) ignore: Vec<String>,
    /// Families on or off.
    #[serde(default)]
    pub(crate) families: Families,
    /// Rules on or off, by id.
    #[serde(default)]
    pub(crate) rules: BTreeMap<String, bool>,
    /// Categories on or off.
    #[serde(default)]
    pub(crate) categories: BTreeMap<String, bool>,
    /// Severity by category, rule id or family.
    #[serde(default)]
    pub(crate) severity: BTreeMap<String, Severity>,
}

/// The `[families]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Families {
    pub(crate) typo: Option<bool>,
    pub(crate) sensitive: Option<bool>,
    pub(crate) leader: Option<bool>,
    pub(crate) format: Option<bool>,
}

impl Families {
    /// The families and whether each is on, for those the file sets.
    pub(crate) fn set(&self) -> impl Iterator<Item = (Family, bool)> + '_ {
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

/// A configuration and the folder its relative paths start from.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub(crate) config: Config,
    pub(crate) root: PathBuf,
    pub(crate) path: Option<PathBuf>,
}

impl Loaded {
    /// A path of the configuration, made relative to the current directory.
    pub(crate) fn resolve(&self, path: &Path) -> PathBuf {
        self.root.join(path)
    }
}

/// The nearest `sanshen.toml` in `start` or a folder above it.
pub(crate) fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|dir| dir.join(FILE_NAME)).find(|p| p.is_file())
}

/// Reads and checks a configuration file. Errors name the file and the line.
pub(crate) fn load(path: &Path) -> Result<Loaded, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let config: Config = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        let message = e.message().to_owned();
        match line {
            Some(line) => format!("{}:{line}: {message}", path.display()),
            None => format!("{}: {message}", path.display()),
        }
    })?;
    let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(Loaded { config, root, path: Some(path.to_owned()) })
}

/// The commented starter file `sanshen init` writes.
pub(crate) const STARTER: &str = r#"# sanshen.toml: settings for `sanshen check` in this folder and the folders below it.
# Every key is optional; command-line flags override these values.

# Exit with code 1 when a finding at or above this severity is found (error, warning, info).
fail_on = "warning"

# Report only findings at or above this severity.
# min_severity = "info"

# The statistical typo model (rule typo/model): the confidence, from 0 to 1, from which its
# findings are warnings with a suggested fix (higher is stricter). Turn it off under [rules].
# model_threshold = 0.998

# Your own dictionaries and rosters (the format of the shipped ones), relative to this file.
# dictionaries = ["dictionaries/county.tsv", "dictionaries/county-leaders.tsv"]

# Phrases that must never be flagged.
# allow = ["严厉打击网络赌博"]

# Paths never checked (globs, relative to this file); .gitignore is respected as well.
# ignore = ["archive/**", "*.min.html"]

# Families on or off: typo, sensitive, leader, format.
[families]
# format = false

# Rules on or off, by id.
[rules]
# "typo/protected" = false

# Categories on or off (e.g. advertising, illegal, variant).
[categories]
# illegal = false

# Severity by category, rule id or family (the most specific wins).
[severity]
# advertising = "info"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses() {
        let config: Config = toml::from_str(STARTER).expect("the starter file is valid");
        assert_eq!(config.fail_on, Some(Severity::Warning));
    }

    #[test]
    fn unknown_keys_name_the_line() {
        let dir = std::env::temp_dir().join(format!("sanshen-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(FILE_NAME);
        for (text, line, what) in [
            ("fail_on = \"error\"\nfail = 1\n", 2, "unknown field `fail`"),
            ("fail_on = \"error\"\n\n[families]\ntypo = true\ncolour = true\n", 5, "colour"),
            ("[severity]\nadvertising = \"loud\"\n", 2, "loud"),
        ] {
            std::fs::write(&path, text).unwrap();
            let err = load(&path).unwrap_err();
            assert!(err.contains(&format!("{FILE_NAME}:{line}:")), "{err}");
            assert!(err.contains(what), "{err}");
        }
    }
}
