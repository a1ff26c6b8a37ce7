//! Finding `sanshen.toml` by walking up from the current directory, and the starter file `sanshen
//! init` writes. The file's keys are parsed by the library (`sanshen::config`).

use sanshen::config::{Config, ConfigError};
use std::path::{Path, PathBuf};

pub(crate) use sanshen::config::FILE_NAME;

/// A configuration and the folder its relative paths start from.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub(crate) config: Config,
    pub(crate) root: PathBuf,
    pub(crate) path: Option<PathBuf>,
}

/// The nearest `sanshen.toml` in `start` or a folder above it.
pub(crate) fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|dir| dir.join(FILE_NAME)).find(|p| p.is_file())
}

/// The configuration file the options choose for texts in `near`: `--config`, else the
/// nearest sanshen.toml above it, none with `--no-config`.
pub(crate) fn chosen(options: &crate::args::ConfigArgs, near: &Path) -> Option<PathBuf> {
    match options.no_config {
        true => None,
        false => options.config.clone().or_else(|| discover(near)),
    }
}

/// The command-line paths grouped by the nearest `sanshen.toml` above each (from the folder
/// itself, or a file's folder; the working directory for standard input and no path), in the
/// order first met.
pub(crate) fn group_by_nearest(
    paths: &[PathBuf],
    cwd: &Path,
) -> Vec<(Option<PathBuf>, Vec<PathBuf>)> {
    let nearest = |p: &Path| {
        let full = cwd.join(p);
        let start = if full.is_dir() {
            full
        } else {
            full.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        discover(&start)
    };
    if paths.is_empty() {
        return vec![(discover(cwd), Vec::new())];
    }
    let mut groups: Vec<(Option<PathBuf>, Vec<PathBuf>)> = Vec::new();
    for path in paths {
        let config = if path.as_os_str() == "-" { discover(cwd) } else { nearest(path) };
        match groups.iter_mut().find(|(c, _)| *c == config) {
            Some((_, members)) => members.push(path.clone()),
            None => groups.push((config, vec![path.clone()])),
        }
    }
    groups
}

/// Reads and checks a configuration file. Errors name the file and the line.
pub(crate) fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let config = Config::load(path)?;
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

# The name written in review records (`sanshen check --stage`, `sanshen review`); the
# command line's --reviewer overrides it.
# reviewer = "张三"

# The statistical typo model (rule typo/model) runs by default: `model = false` turns it off
# (as does `--no-model`); the confidence, from 0 to 1, from which its findings are warnings
# with a suggested fix (higher is stricter).
# model = false
# model_threshold = 0.99

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
# variant = "warning"   # non-recommended variant forms (帐簿, 成份) are notes by default
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses() {
        let config = Config::parse(FILE_NAME, STARTER).expect("the starter file is valid");
        assert_eq!(config.fail_on, Some(sanshen::Severity::Warning));
    }
}
