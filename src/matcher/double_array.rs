//! A char-wise double-array Aho–Corasick automaton over character codes, the automaton that
//! [`super::walk`] drives over the original text.
//!
//! A pattern's characters are numbered by how often they occur in the patterns (the most
//! frequent first, so that states' children pack densely), and the trie is laid out as a
//! double array: the child of state `s` on code `c` is the slot `base[s] + c` when that slot's
//! `check` is `s`. Failure links and the lists of patterns ending at each state are derived
//! from the layout ([`DoubleArray::from_parts`]), both after a build and after a read from a
//! store, which checks every index first: bytes that do not describe an automaton are refused,
//! never followed.

use crate::hash::FastMap;

/// The root state.
pub(super) const ROOT: u32 = 0;
/// `check` of a slot no state holds (and of the root, which has no parent).
const EMPTY: u32 = u32::MAX;
/// `own` of a state where no pattern ends.
const NONE: u32 = u32::MAX;
/// Characters a character map can number (with the placeholder of code 0): one bit of its 16
/// marks a character that folds, the codes `0x7FFA` to `0x7FFD` under that bit a fold into a
/// character no pattern holds (by its length), and `0x7FFE` and `0x7FFF` a character no
/// pattern holds and noise.
pub(super) const MAX_CODES: usize = 0x7FFA;

/// The bit of `check` that marks a state with outputs: the walk compares `check` with the
/// state it comes from and learns from the same word whether to report (states are numbered
/// below 2^31).
pub(super) const HAS_OUTPUT: u32 = 1 << 31;

/// One slot of the double array: eight bytes, so that a transition is one load of `base` and
/// one of `check`.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Node {
    pub(super) base: u32,
    /// The parent state, with [`HAS_OUTPUT`]; `u32::MAX` in a slot no state holds.
    pub(super) check: u32,
}

/// A pattern ending at a state: its index, its length in bytes of folded text, and the next
/// output of the same state (0: the last).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Output {
    pub(super) pattern: u32,
    pub(super) len: u32,
    pub(super) next: u32,
}

/// The automaton: the double array, the outputs, and the character of each code.
#[derive(Clone, Debug)]
pub(super) struct DoubleArray {
    pub(super) nodes: Vec<Node>,
    /// Each state's failure link, to the longest proper suffix's state that has children, with
    /// that state's `base` (one load on a failure).
    pub(super) fails: Vec<[u32; 2]>,
    /// Each state's first output in `outputs` (0: none).
    pub(super) outs: Vec<u32>,
    /// Entry 0 is unused: an `out` of 0 means no output.
    pub(super) outputs: Vec<Output>,
    /// The character of each code; code 0 (any character no pattern holds) has none.
    pub(super) chars: Vec<char>,
    /// The pattern ending at each slot, as built or read (what is stored).
    own: Vec<u32>,
    /// The states but the root, in breadth-first order (stored too).
    states: Vec<u32>,
    patterns: u32,
    /// The longest pattern, in bytes.
    pub(super) longest: usize,
    /// `nodes` and `fails` are padded with free slots to a power of two past every `base` plus
    /// every code; this is that length less one, so that the walk masks an index instead of
    /// testing it (the mask changes no index of an automaton that passed [`Self::from_parts`]).
    pub(super) mask: usize,
}

impl DoubleArray {
    /// The automaton over distinct, non-empty `patterns`; `None` when their characters are
    /// more than a character map can number, or a pattern is empty.
    pub(super) fn build(patterns: &[&str]) -> Option<DoubleArray> {
        let chars = alphabet(patterns);
        if chars.len() > MAX_CODES || patterns.len() >= NONE as usize {
            return None;
        }
        let codes: FastMap<char, u32> =
            chars.iter().enumerate().skip(1).map(|(i, &c)| (c, i as u32)).collect();
        let mut flat = Vec::with_capacity(patterns.iter().map(|p| p.len()).sum());
        let mut bounds = Vec::with_capacity(patterns.len());
        for p in patterns {
            let start = flat.len();
            flat.extend(p.chars().map(|c| codes[&c]));
            bounds.push(start..flat.len());
        }
        let seq = |p: u32| &flat[bounds[p as usize].clone()];
        let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| seq(a).cmp(seq(b)));
        if order.first().is_some_and(|&p| seq(p).is_empty()) {
            return None;
        }
        let (base, check, own, states) = Placer::default().place(&order, seq);
        let mut nodes = Vec::with_capacity(padded_len(base.len(), chars.len()));
        nodes.extend(base.iter().zip(&check).map(|(&base, &check)| Node { base, check }));
        DoubleArray::from_parts(nodes, own, states, chars, patterns.len() as u32)
    }

    /// The automaton the layout describes, with its failure links and outputs; `None` unless
    /// every slot's parent is a state, every edge's code is a character's, every pattern index
    /// is below `patterns`, and `states` lists every state but the root once, each after its
    /// parent (the order of a breadth-first walk, in which failure links are worked out).
    /// `nodes` holds each slot's `base` and parent (without [`HAS_OUTPUT`]); given room for
    /// the padding ([`padded_len`]), it is never copied.
    fn from_parts(
        nodes: Vec<Node>,
        own: Vec<u32>,
        states: Vec<u32>,
        chars: Vec<char>,
        patterns: u32,
    ) -> Option<DoubleArray> {
        let ends = valid_layout(&nodes, &own, &states, chars.len(), patterns)?;
        let padded = padded_len(nodes.len(), chars.len());
        let mut outputs = Vec::with_capacity(ends + 1);
        outputs.push(Output::default());
        let mut da = DoubleArray {
            outs: vec![0; nodes.len()],
            nodes,
            fails: vec![[ROOT, 0]; padded],
            outputs,
            chars,
            own,
            states: Vec::new(),
            patterns,
            longest: 0,
            mask: 0,
        };
        da.link(&states);
        da.states = states;
        da.pad();
        Some(da)
    }

    /// Failure links and outputs, state by state in order of depth.
    fn link(&mut self, order: &[u32]) {
        let mut len = vec![0u32; self.nodes.len()];
        let mut parents = vec![false; self.nodes.len()];
        parents[ROOT as usize] = true;
        for node in &self.nodes[1..] {
            if let Some(p) = parents.get_mut(node.check as usize) {
                *p = true;
            }
        }
        for &t in order {
            let t = t as usize;
            let parent = self.nodes[t].check;
            // Checked by `valid_layout`: the slot less its parent's base is a character's code.
            let code = (t as u32).wrapping_sub(self.nodes[parent as usize].base);
            len[t] = len[parent as usize] + self.chars[code as usize].len_utf8() as u32;
            let fail = match parent {
                ROOT => ROOT,
                _ => self.fail_of(self.fails[parent as usize][0], code),
            };
            let mut out = self.outs[fail as usize];
            if self.own[t] != NONE {
                self.outputs.push(Output { pattern: self.own[t], len: len[t], next: out });
                out = self.outputs.len() as u32 - 1;
                self.longest = self.longest.max(len[t] as usize);
            }
            // A failure to a state with no children (a pattern's last character) leads on to
            // that state's own failure: the walk then never tries a state it cannot leave.
            self.fails[t] = match parents[fail as usize] {
                true => [fail, self.nodes[fail as usize].base],
                false => self.fails[fail as usize],
            };
            self.outs[t] = out;
        }
        for (node, &out) in self.nodes.iter_mut().zip(&self.outs) {
            if out != 0 {
                node.check |= HAS_OUTPUT;
            }
        }
    }

    /// Pads `nodes` and `fails` with free slots to a power of two above every base plus every
    /// code: a transition's slot is then below the length, and masking it changes nothing.
    fn pad(&mut self) {
        let len = padded_len(self.own.len(), self.chars.len());
        self.nodes.resize(len, Node { base: 0, check: EMPTY });
        self.fails.resize(len, [ROOT, 0]);
        self.mask = len - 1;
    }

    /// The slots laid out (`nodes` without its padding).
    pub(super) fn slots(&self) -> &[Node] {
        &self.nodes[..self.own.len()]
    }

    /// The state reached from `state` (a proper suffix's) on `code`, following failure links.
    fn fail_of(&self, mut state: u32, code: u32) -> u32 {
        loop {
            let t = self.nodes[state as usize].base.wrapping_add(code) as usize;
            if self.nodes.get(t).is_some_and(|c| c.check == state) {
                return t as u32;
            }
            if state == ROOT {
                return ROOT;
            }
            state = self.fails[state as usize][0];
        }
    }

    /// The automaton as bytes: counts, the characters, then `base`, `check` and the pattern
    /// ending at each slot, then the states in breadth-first order, little-endian.
    pub(super) fn to_bytes(&self) -> Vec<u8> {
        let slots = self.slots();
        let mut out = Vec::with_capacity(16 + 4 * self.chars.len() + 16 * slots.len());
        let mut put = |x: u32| out.extend_from_slice(&x.to_le_bytes());
        put(slots.len() as u32);
        put(self.states.len() as u32);
        put(self.chars.len() as u32);
        put(self.patterns);
        self.chars.iter().for_each(|&c| put(c as u32));
        slots.iter().for_each(|n| put(n.base));
        let parent = |c: u32| if c == EMPTY { EMPTY } else { c & !HAS_OUTPUT };
        slots.iter().for_each(|n| put(parent(n.check)));
        self.own.iter().for_each(|&p| put(p));
        self.states.iter().for_each(|&t| put(t));
        out
    }

    /// The automaton in `bytes` over `patterns` patterns, if they hold a whole, valid one. The
    /// slots are read straight into the padded array the walk uses: no vector is grown.
    pub(super) fn from_bytes(bytes: &[u8], patterns: usize) -> Option<DoubleArray> {
        let (head, body) = bytes.split_first_chunk::<16>()?;
        let [n, m, chars, stored] = [0, 4, 8, 12].map(|at| word(&head[at..]) as usize);
        let whole = body.len() % 4 == 0
            && Some(body.len() / 4) == n.checked_mul(3).and_then(|w| w.checked_add(chars + m));
        if !whole || stored != patterns || chars > MAX_CODES || m >= n.max(1) {
            return None;
        }
        let (chars_at, rest) = body.split_at(4 * chars);
        let (base, rest) = rest.split_at(4 * n);
        let (check, rest) = rest.split_at(4 * n);
        let (own, states) = rest.split_at(4 * n);
        let chars: Option<Vec<char>> = words(chars_at).map(char::from_u32).collect();
        let chars = chars?;
        let mut nodes = Vec::with_capacity(padded_len(n, chars.len()));
        nodes.extend(words(base).zip(words(check)).map(|(base, check)| Node { base, check }));
        let (own, states) = (words(own).collect(), words(states).collect());
        DoubleArray::from_parts(nodes, own, states, chars, stored as u32)
    }
}

/// The little-endian word at the start of `bytes` (4 bytes or more).
fn word(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// The little-endian words of `bytes`.
fn words(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes.chunks_exact(4).map(word)
}

/// The length `nodes` and `fails` are padded to: a power of two above every base (below the
/// slot count) plus every code (below the character count).
fn padded_len(slots: usize, chars: usize) -> usize {
    (slots + chars).next_power_of_two()
}

/// The number of slots where a pattern ends, if the layout is one ([`DoubleArray::from_parts`]
/// says what is checked).
fn valid_layout(
    nodes: &[Node],
    own: &[u32],
    states: &[u32],
    chars: usize,
    patterns: u32,
) -> Option<usize> {
    let n = nodes.len();
    let lens_agree = own.len() == n && n < HAS_OUTPUT as usize / 2;
    let root = n > 0 && nodes[0].base == 0 && nodes[0].check == EMPTY && own[0] == NONE;
    // Every base is below the slot count (a parent's is, having a child; the placer gives
    // a state without children 0), so the padding stays small.
    let bases_in_range = nodes.iter().all(|node| (node.base as usize) < n);
    if !lens_agree || !root || !bases_in_range || chars == 0 {
        return None;
    }
    let is_state = |p: usize| p == 0 || nodes.get(p).is_some_and(|node| node.check != EMPTY);
    let (mut held, mut ends) = (0, 0);
    for t in 1..n {
        let p = nodes[t].check as usize;
        if p != EMPTY as usize {
            let code = (t as u32).checked_sub(nodes.get(p)?.base)?;
            if !is_state(p) || code == 0 || code as usize >= chars {
                return None;
            }
            held += 1;
        }
        if own[t] != NONE {
            if p == EMPTY as usize || own[t] >= patterns {
                return None;
            }
            ends += 1;
        }
    }
    let mut seen = vec![false; n];
    seen[0] = true;
    for &t in states {
        let parent = nodes.get(t as usize).and_then(|node| seen.get(node.check as usize));
        if t == ROOT || parent != Some(&true) || std::mem::replace(&mut seen[t as usize], true) {
            return None;
        }
    }
    (states.len() == held).then_some(ends)
}

/// The patterns' characters, the most frequent first, after a placeholder for code 0.
fn alphabet(patterns: &[&str]) -> Vec<char> {
    let mut counts: FastMap<char, u32> = FastMap::default();
    for c in patterns.iter().flat_map(|p| p.chars()) {
        *counts.entry(c).or_default() += 1;
    }
    let mut chars: Vec<(u32, char)> = counts.into_iter().map(|(c, k)| (k, c)).collect();
    chars.sort_unstable_by(|a, b| b.cmp(a));
    std::iter::once('\0').chain(chars.into_iter().map(|(_, c)| c)).collect()
}

/// Lays a trie out as a double array, first fit: each state's children take the lowest base
/// whose slots are all free, found through a map to the next free slot.
#[derive(Default)]
struct Placer {
    base: Vec<u32>,
    check: Vec<u32>,
    own: Vec<u32>,
    /// For each slot, a slot at or before the first free one from it on (itself when free).
    next_free: Vec<u32>,
}

impl Placer {
    /// The layout of the trie of `order` (pattern indices sorted by their codes, `seq`).
    fn place<'s>(
        mut self,
        order: &[u32],
        seq: impl Fn(u32) -> &'s [u32],
    ) -> (Vec<u32>, Vec<u32>, Vec<u32>, Vec<u32>) {
        self.take(0, EMPTY);
        let mut states = Vec::with_capacity(order.len() * 2);
        let mut queue = std::collections::VecDeque::from([(0, order.len(), 0, ROOT)]);
        let mut children: Vec<(u32, usize, usize)> = Vec::new();
        while let Some((mut lo, hi, depth, state)) = queue.pop_front() {
            if state != ROOT {
                states.push(state);
            }
            if lo < hi && seq(order[lo]).len() == depth {
                self.own[state as usize] = order[lo];
                lo += 1;
            }
            children.clear();
            while lo < hi {
                let code = seq(order[lo])[depth];
                let end = lo + order[lo..hi].partition_point(|&p| seq(p)[depth] == code);
                children.push((code, lo, end));
                lo = end;
            }
            if children.is_empty() {
                continue;
            }
            let base = self.base_for(&children);
            self.base[state as usize] = base;
            for &(code, lo, hi) in &children {
                self.take(base + code, state);
                queue.push_back((lo, hi, depth + 1, base + code));
            }
        }
        // The slots after the last state's are free: a transition into them fails as one
        // beyond the array does.
        let used = self.check.iter().rposition(|&c| c != EMPTY).map_or(1, |last| last + 1);
        self.base.truncate(used);
        self.check.truncate(used);
        self.own.truncate(used);
        (self.base, self.check, self.own, states)
    }

    /// The lowest base at which every child's slot is free.
    fn base_for(&mut self, children: &[(u32, usize, usize)]) -> u32 {
        let first = children[0].0;
        let mut slot = self.free_from(first);
        loop {
            let base = slot - first;
            if children[1..].iter().all(|&(c, ..)| self.is_free(base + c)) {
                return base;
            }
            slot = self.free_from(slot + 1);
        }
    }

    fn is_free(&self, slot: u32) -> bool {
        self.check.get(slot as usize).is_none_or(|_| self.next_free[slot as usize] == slot)
    }

    /// The first free slot from `slot` on.
    fn free_from(&mut self, slot: u32) -> u32 {
        self.grow(slot as usize + 1);
        let mut free = slot;
        while self.next_free[free as usize] != free {
            free = self.next_free[free as usize];
            self.grow(free as usize + 1);
        }
        let mut s = slot;
        while s != free {
            let next = self.next_free[s as usize];
            self.next_free[s as usize] = free;
            s = next;
        }
        free
    }

    /// Gives slot `slot` to a child of `parent`.
    fn take(&mut self, slot: u32, parent: u32) {
        self.grow(slot as usize + 2);
        self.check[slot as usize] = parent;
        self.next_free[slot as usize] = slot + 1;
    }

    fn grow(&mut self, len: usize) {
        let old = self.check.len();
        if len > old {
            let len = len.max(old + old / 2);
            self.base.resize(len, 0);
            self.check.resize(len, EMPTY);
            self.own.resize(len, NONE);
            self.next_free.extend(old as u32..len as u32);
        }
    }
}
