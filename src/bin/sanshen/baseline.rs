//! Accepted findings (`--baseline`): fingerprints of findings a reviewer has accepted, so later
//! review stages see only what is new.
//!
//! Version 2 files hold the library's fingerprints ([`sanshen::Fingerprinter`]), which do not
//! depend on how the path was typed. Version 1 files (written before) hold fingerprints that
//! include the path as given on the command line: they are still read and matched the old way,
//! so they keep working for the same spelling of the path, and a warning says to write them
//! again with `--write-baseline`.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

/// The baseline file: `{"version": 2, "fingerprints": ["…", …]}`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    fingerprints: Vec<String>,
}

/// The version `--write-baseline` writes.
const VERSION: u32 = 2;

/// Every `--baseline` file, read.
#[derive(Clone, Debug, Default)]
pub(crate) struct Baselines {
    /// Path-independent fingerprints (version 2).
    pub(crate) current: HashSet<String>,
    /// Version 1 fingerprints, which include the path as typed.
    pub(crate) legacy: HashSet<String>,
}

impl Baselines {
    /// Reads every file; a version 1 file is read with a warning on standard error.
    pub(crate) fn load(paths: &[std::path::PathBuf]) -> Result<Baselines, String> {
        let mut all = Baselines::default();
        for path in paths {
            let (version, prints) = read(path)?;
            if version == 1 {
                eprintln!(
                    "sanshen: {}: a version 1 baseline: its fingerprints include the path as \
                     typed, so it matches only the same spelling of the same path; write it \
                     again with --write-baseline",
                    path.display()
                );
                all.legacy.extend(prints);
            } else {
                all.current.extend(prints);
            }
        }
        Ok(all)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.current.is_empty() && self.legacy.is_empty()
    }

    /// Whether the baselines hold the finding: by its fingerprint, or by the old one.
    pub(crate) fn holds(&self, fingerprint: &str, legacy: impl FnOnce() -> String) -> bool {
        self.current.contains(fingerprint)
            || (!self.legacy.is_empty() && self.legacy.contains(&legacy()))
    }
}

fn read(path: &Path) -> Result<(u32, Vec<String>), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let b: File =
        serde_json::from_str(&text).map_err(|e| format!("{}:{}: {e}", path.display(), e.line()))?;
    if !(1..=VERSION).contains(&b.version) {
        return Err(format!(
            "{}: unknown baseline version {} (this sanshen reads 1 and 2)",
            path.display(),
            b.version
        ));
    }
    Ok((b.version, b.fingerprints))
}

/// Writes a version 2 baseline of `fingerprints`.
pub(crate) fn write(path: &Path, mut fingerprints: Vec<String>) -> Result<(), String> {
    fingerprints.sort();
    fingerprints.dedup();
    let b = File { version: VERSION, fingerprints };
    let json = serde_json::to_string_pretty(&b).map_err(|e| e.to_string())?;
    crate::write::atomic(path, (json + "\n").as_bytes())
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// The fingerprints of version 1 baselines: the path as given, rule, text, the old context
/// (six characters on each side, on the line, spaces counted) and the post id, numbered among
/// findings alike.
#[derive(Default)]
pub(crate) struct Legacy(sanshen::Fingerprinter);

impl Legacy {
    pub(crate) fn of(&mut self, r: &sanshen::Record<'_>, (before, after): (&str, &str)) -> String {
        self.0.of_fields(&[r.path, r.rule, r.text, before, after, r.id.unwrap_or_default()])
    }
}

/// The context version 1 fingerprints used: six characters each side, on the line.
pub(crate) fn legacy_context(text: &str, span: sanshen::Span) -> (String, String) {
    let same_line = |c: &char| *c != '\n' && *c != '\r';
    let mut before: Vec<char> =
        text[..span.start].chars().rev().take_while(same_line).take(6).collect();
    before.reverse();
    let after = text[span.end..].chars().take_while(same_line).take(6).collect();
    (before.into_iter().collect(), after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("sanshen-baseline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn version_1_fingerprints_stay_what_they_were() {
        let text = "请认真布署。";
        let f = &sanshen::Linter::new().check(text)[0];
        let record = sanshen::Record::new("a.txt", 0, f, 3);
        let context = legacy_context(text, f.span);
        assert_eq!(context, ("请认真".to_owned(), "。".to_owned()));
        let mut legacy = Legacy::default();
        let first = legacy.of(&record, (&context.0, &context.1));
        // FNV-1a of "a.txt", "typo/dictionary", "布署", "请认真", "。" and no id.
        assert_eq!(first, "53c462f5a1ce989a-1");
        assert_eq!(legacy.of(&record, (&context.0, &context.1)), "53c462f5a1ce989a-2");
    }

    #[test]
    fn version_1_files_are_read_as_path_dependent_fingerprints() {
        let v1 = file("v1.json", r#"{"version": 1, "fingerprints": ["aa-1"]}"#);
        let v2 = file("v2.json", r#"{"version": 2, "fingerprints": ["bb-1"]}"#);
        let b = Baselines::load(&[v1, v2]).unwrap();
        assert!(b.holds("bb-1", || unreachable!("found by the new fingerprint")));
        assert!(b.holds("zz-1", || "aa-1".to_owned()), "by the old fingerprint");
        assert!(!b.holds("aa-1", || "zz-1".to_owned()), "old prints are not new prints");
        let v3 = file("v3.json", r#"{"version": 3, "fingerprints": []}"#);
        let err = Baselines::load(&[v3]).unwrap_err();
        assert!(err.contains("v3.json") && err.contains("version 3"), "{err}");
    }
}
