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
    for start in starts {
        let mut path = Vec::new();
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
        for p in path {
            state[p] = 2;
        }
    }
    Ok(())
}
