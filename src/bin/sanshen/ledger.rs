//! The review record of one text (`通知.txt.review.toml`): every finding the checks have
//! shown, by fingerprint, with what the reviewers decided, at which stage, who and when. TOML,
//! so a person can read it and a version-control diff shows each decision.

use sanshen::{Decision, Stage, Verdict};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The version this sanshen writes.
const VERSION: u32 = 1;

/// What the file says at its top.
const HEADER: &str = "# 三审 review record written by sanshen (README, \"三审 with sanshen\").\n\
# Edit decisions with `sanshen review accept|dismiss|reopen`; each finding is keyed by its\n\
# fingerprint, which does not depend on the file's name or on edits elsewhere in the text.\n\n";

/// The whole record.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Ledger {
    pub(crate) version: u32,
    /// The name the text was last checked under (for people; never matched).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) text: Option<String>,
    #[serde(default, rename = "finding")]
    pub(crate) findings: Vec<Item>,
}

/// One finding and its state.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Item {
    pub(crate) fingerprint: String,
    pub(crate) rule: String,
    /// The matched text.
    pub(crate) text: String,
    /// The context the fingerprint holds, before and after.
    pub(crate) before: String,
    pub(crate) after: String,
    /// Where it was at the last check (for `sanshen review accept FILE:LINE:COLUMN`).
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
    /// The dictionary entry behind it, `file:line`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) source: Option<String>,
    /// JSON Lines: the post's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    pub(crate) decision: Decision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) stage: Option<Stage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) reviewer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) time: Option<String>,
    /// Earlier decisions, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) history: Vec<Verdict>,
}

impl Item {
    pub(crate) fn verdict(&self) -> Verdict {
        Verdict::new(
            self.decision,
            self.reason.clone(),
            self.stage,
            self.reviewer.clone(),
            self.time.clone(),
        )
    }

    /// Records a new decision, keeping the old one in the history.
    pub(crate) fn decide(&mut self, v: Verdict) {
        self.history.push(self.verdict());
        self.decision = v.decision;
        self.reason = v.reason;
        self.stage = v.stage;
        self.reviewer = v.reviewer;
        self.time = v.time;
    }
}

impl Ledger {
    /// Reads a record; a missing file is an empty record.
    pub(crate) fn load(path: &Path) -> Result<Ledger, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Ledger { version: VERSION, ..Ledger::default() })
            }
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        let ledger: Ledger = toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start.min(text.len())].lines().count().max(1));
            let at = line.map(|l| format!(":{l}")).unwrap_or_default();
            format!("{}{at}: {}", path.display(), e.message())
        })?;
        if ledger.version != VERSION {
            return Err(format!(
                "{}: unknown review record version {} (this sanshen reads {VERSION})",
                path.display(),
                ledger.version
            ));
        }
        Ok(ledger)
    }

    /// Writes the record through a temporary file renamed over it.
    pub(crate) fn save(&self, path: &Path) -> Result<(), String> {
        let body = toml::to_string(self).map_err(|e| format!("{}: {e}", path.display()))?;
        crate::write::atomic(path, format!("{HEADER}{body}").as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))
    }

    pub(crate) fn find(&self, fingerprint: &str) -> Option<usize> {
        self.findings.iter().position(|i| i.fingerprint == fingerprint)
    }
}

/// The record beside a text: `通知.txt` → `通知.txt.review.toml`.
pub(crate) fn beside(text: &Path) -> PathBuf {
    let mut name = text.as_os_str().to_owned();
    name.push(".review.toml");
    PathBuf::from(name)
}

/// Whether `path` is named like a review record (`*.review.toml`), which a walk of a folder
/// does not check as a text.
pub(crate) fn is_record(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".review.toml"))
}

/// Now, in UTC, as RFC 3339 (`2026-12-06T12:30:00Z`): the command line reads the clock, the
/// library never does.
pub(crate) fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let day = sanshen::Date::from_days_since_epoch(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s % 3600 / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_what_it_wrote() {
        let dir = std::env::temp_dir().join(format!("sanshen-ledger-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.txt.review.toml");
        let item = Item {
            fingerprint: "00ff-1".into(),
            rule: "typo/dictionary".into(),
            text: "布署".into(),
            before: "认真".into(),
            after: "。".into(),
            line: 1,
            column: 3,
            message: "“布署”应为“部署”".into(),
            source: Some("dictionaries/typo/words.tsv:10".into()),
            id: None,
            decision: Decision::Dismissed,
            reason: Some("引用原文".into()),
            stage: Some(Stage::Second),
            reviewer: Some("李四".into()),
            time: Some(now()),
            history: vec![Verdict::open()],
        };
        let ledger = Ledger { version: VERSION, text: None, findings: vec![item] };
        ledger.save(&path).unwrap();
        let back = Ledger::load(&path).unwrap();
        assert_eq!(back.findings[0].verdict(), ledger.findings[0].verdict());
        assert_eq!(back.findings[0].history, [Verdict::open()]);
        std::fs::write(&path, "version = 1\n[[finding]]\nfingerprint = 3\n").unwrap();
        let err = Ledger::load(&path).unwrap_err();
        assert!(err.contains("a.txt.review.toml:3"), "{err}");
    }

    #[test]
    fn the_record_sits_beside_the_text() {
        assert_eq!(beside(Path::new("d/通知.txt")), Path::new("d/通知.txt.review.toml"));
        assert!(is_record(&beside(Path::new("d/通知.txt"))));
        assert!(!is_record(Path::new("d/通知.txt")));
        assert!(now().ends_with('Z') && now().len() == 20, "{}", now());
    }
}
