//! Accepted findings (`--baseline`): fingerprints of findings a reviewer has accepted, so later
//! review stages see only what is new. A fingerprint survives edits elsewhere in the file.

use sanshen::Record;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Characters of context on each side that a fingerprint includes.
const CONTEXT_CHARS: usize = 6;

/// The baseline file: `{"version": 1, "fingerprints": ["…", …]}`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Baseline {
    version: u32,
    fingerprints: Vec<String>,
}

/// Makes the fingerprints of the findings of one input: the path, rule and text, a few
/// characters of context around the finding, and the occurrence number among findings alike in
/// all of these, so that neither a line number nor a byte offset is part of it.
#[derive(Default)]
pub(crate) struct Fingerprinter {
    seen: HashMap<u64, usize>,
}

impl Fingerprinter {
    pub(crate) fn of(&mut self, r: &Record<'_>, (before, after): &(String, String)) -> String {
        let key = fnv1a(&[r.path, r.rule, r.text, before, after, r.id.unwrap_or_default()]);
        let n = self.seen.entry(key).or_default();
        *n += 1;
        format!("{key:016x}-{n}")
    }
}

/// The characters around a finding, on its own line, that its fingerprint includes.
pub(crate) fn context(text: &str, span: sanshen::Span) -> (String, String) {
    let same_line = |c: &char| *c != '\n' && *c != '\r';
    let mut before: Vec<char> =
        text[..span.start].chars().rev().take_while(same_line).take(CONTEXT_CHARS).collect();
    before.reverse();
    let after = text[span.end..].chars().take_while(same_line).take(CONTEXT_CHARS).collect();
    (before.into_iter().collect(), after)
}

/// FNV-1a over the parts, with a separator: a stable hash, the same on every machine and run.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl Baseline {
    pub(crate) fn load(path: &Path) -> Result<HashSet<String>, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let b: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("{}:{}: {e}", path.display(), e.line()))?;
        if b.version != 1 {
            return Err(format!("{}: unknown baseline version {}", path.display(), b.version));
        }
        Ok(b.fingerprints.into_iter().collect())
    }

    pub(crate) fn write(path: &Path, mut fingerprints: Vec<String>) -> Result<(), String> {
        fingerprints.sort();
        fingerprints.dedup();
        let b = Baseline { version: 1, fingerprints };
        let json = serde_json::to_string_pretty(&b).map_err(|e| e.to_string())?;
        std::fs::write(path, json + "\n")
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))
    }
}
