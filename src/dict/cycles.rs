//! Corrections that lead back to themselves (甲 → 乙 → 丙 → 甲) are refused when a linter is
//! built: fixing would never settle.

use super::{Entry, EntryKind};
use crate::error::Error;
use crate::hash::FastMap;

/// Refuses corrections that lead back to themselves (甲 → 乙 → 丙 → 甲): fixing would never
/// settle.
pub(crate) fn refuse_cycles(entries: &[Entry]) -> Result<(), Error> {
    let fixable = |e: &Entry| {
        e.suggestions.len() == 1 && !matches!(e.kind, EntryKind::Allow | EntryKind::Protected)
    };
    // Room for every entry at once: collecting through a filter grew the map a dozen times.
    let mut index: FastMap<(EntryKind, &str), usize> = FastMap::default();
    index.reserve(entries.len());
    index.extend(
        entries
            .iter()
            .enumerate()
            .filter(|(_, e)| fixable(e))
            .map(|(i, e)| ((e.kind, e.pattern.as_str()), i)),
    );
    let next = |i: usize| {
        let e = &entries[i];
        index.get(&(e.kind, e.suggestions[0].as_str())).copied()
    };
    // Each entry leads to at most one other: follow the chains, marking what is settled. The
    // chains start in file order, so the same cycle is always reported at the same line.
    let mut state = vec![0u8; entries.len()]; // 0 unseen, 1 on the current path, 2 settled
    let mut starts: Vec<usize> = index.values().copied().collect();
    starts.sort_unstable();
    // One path for every start: a fresh one each time was 3,700 allocations a start.
    let mut path = Vec::new();
    for start in starts {
        path.clear();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    let chain: Vec<&str> = path[from..]
                        .iter()
                        .map(|&p: &usize| entries[p].pattern.as_str())
                        .chain(std::iter::once(entries[i].pattern.as_str()))
                        .collect();
                    let e = &entries[i];
                    return Err(Error::Config(format!(
                        "{}:{}: corrections form a cycle: {}",
                        e.origin.file,
                        e.origin.line,
                        chain.join(" → ")
                    )));
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    at = next(i);
                }
            }
        }
        for &p in &path {
            state[p] = 2;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Origin;
    use std::sync::Arc;

    /// Whether following the corrections from some fixable entry never ends: after as many
    /// steps as there are entries, a chain without a cycle has ended.
    fn has_cycle(entries: &[Entry]) -> bool {
        let fixable = |e: &Entry| e.suggestions.len() == 1 && e.kind != EntryKind::Allow;
        let next = |i: usize| {
            let e = &entries[i];
            let leads = |f: &Entry| f.kind == e.kind && f.pattern == e.suggestions[0];
            entries.iter().rposition(|f| fixable(f) && leads(f))
        };
        (0..entries.len()).filter(|&i| fixable(&entries[i])).any(|start| {
            let mut at = Some(start);
            (0..=entries.len()).all(|_| {
                at = at.and_then(next);
                at.is_some()
            })
        })
    }

    #[test]
    fn cycles_are_refused_exactly_when_corrections_lead_back() {
        let words = ["甲", "乙", "丙", "丁", "戊", "己"];
        let kinds = [EntryKind::Typo, EntryKind::Sensitive, EntryKind::Allow];
        let mut rng = crate::test_rng::Rng::new(25);
        let (mut cycles, mut clean) = (0, 0);
        for round in 0..2000 {
            let entries: Vec<Entry> = (0..1 + rng.below(8))
                .map(|line| {
                    let word = *rng.pick(&words);
                    let mut e = Entry::allow(word, Origin { file: Arc::from("t"), line });
                    e.kind = *rng.pick(&kinds[..]);
                    e.suggestions =
                        (0..rng.below(3)).map(|_| rng.pick(&words[..]).to_string()).collect();
                    e
                })
                .collect();
            let refused = refuse_cycles(&entries);
            assert_eq!(refused.is_err(), has_cycle(&entries), "round {round}: {entries:?}");
            if let Err(e) = refused {
                // The chain named leads back to its start, one correction a step.
                let text = e.to_string();
                let chain: Vec<&str> =
                    text.rsplit(": ").next().unwrap_or("").split(" → ").collect();
                assert_eq!(chain.first(), chain.last(), "{text}");
                assert!(chain.windows(2).all(|w| entries
                    .iter()
                    .any(|e| e.kind != EntryKind::Allow
                        && e.pattern == w[0]
                        && e.suggestions == [w[1]])));
                cycles += 1;
            } else {
                clean += 1;
            }
        }
        assert!(cycles > 100 && clean > 100, "{cycles} with cycles, {clean} without");
    }
}
