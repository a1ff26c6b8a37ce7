//! The anchors written with the characters next to them against the anchors written alone and
//! sifted as before, through the automaton that folds as it walks.

use super::*;
use crate::dict::Dictionary;
use crate::hash::FastSet;
use crate::matcher::{Matcher, MatcherEngine};
use crate::review::Cover;
use crate::rules::Context;
use crate::span::Span;
use std::sync::Arc;

const TERMS: [&str; 10] = [
    "中华人民共和国",
    "人民代表大会",
    "全国人民代表大会",
    "四个意识",
    "人民法院",
    "人民政府",
    "一带一路",
    "国家发展改革委",
    "社会主义核心价值观",
    "新发展理念",
];

fn protected() -> Protected {
    let mut text = String::from("!family protected\n");
    TERMS.iter().for_each(|t| text.extend([t, "\n"]));
    text.push_str("!family confusable\n和\t合河\n识\t式\n代\t伐\n值\t直\n院\t完\n府\t付\n国\t囯\n");
    let dict = Dictionary::parse("t", &text).unwrap();
    Protected::new(&dict.entries, &dict.confusables)
}

/// The folding table restricted to `patterns`, as a build restricts it.
fn folder_for(patterns: &[&str]) -> Arc<Folder> {
    let mut folder = Folder::new([('國', '国'), ('會', '会'), ('華', '华'), ('與', '与')]);
    let chars: crate::normalize::CharSet = patterns.iter().flat_map(|p| p.chars()).collect();
    folder.restrict_to(&chars);
    folder.restrict_noise(patterns.iter().copied());
    Arc::new(folder)
}

/// The anchor hits sifted as before: one pattern a folded anchor text, every anchor of it
/// sifted by the group's sieve at each hit.
struct Before {
    matcher: Matcher,
    groups: Vec<AnchorGroup>,
}

impl Before {
    fn new(p: &Protected, folder: &Folder) -> Before {
        let mut patterns: Vec<String> = Vec::new();
        let mut groups: Vec<(Vec<u32>, bool, Trim)> = Vec::new();
        for (i, a) in p.anchors.iter().enumerate() {
            let folded = folder.fold_str(&a.text);
            let plain = matches!(folded, Cow::Borrowed(_));
            match patterns.iter().position(|q| *q == folded) {
                Some(k) => (groups[k].0.push(i as u32), groups[k].1 &= plain).1,
                None => {
                    patterns.push(folded.into_owned());
                    groups.push((vec![i as u32], plain, Trim::None));
                }
            }
        }
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        let walking = folder_for(&patterns);
        let matcher = Matcher::new(&patterns, MatcherEngine::Charwise, &walking).unwrap();
        Before { matcher, groups: p.groups(groups) }
    }

    fn hits(&self, p: &Protected, text: &str) -> Vec<(u32, Span)> {
        let mut out = Vec::new();
        let walk = self.matcher.walk(text).unwrap();
        walk.for_each_hit(|pattern, span, unchanged| {
            p.sift(text, span, &self.groups[pattern as usize], unchanged, &mut out);
        });
        out
    }
}

/// The anchor hits as the review finds them now.
struct After {
    matcher: Matcher,
    index: PatternIndex,
    folder: Arc<Folder>,
}

impl After {
    fn new(p: &Protected, folder: &Folder) -> After {
        let (entries, roster) = (Vec::new(), Roster::default());
        let (patterns, index) = PatternIndex::build(&entries, &roster, p, folder);
        let patterns: Vec<&str> = patterns.iter().map(|p| p.as_ref()).collect();
        let walking = folder_for(&patterns);
        let matcher = Matcher::new(&patterns, MatcherEngine::Charwise, &walking).unwrap();
        After { matcher, index, folder: walking }
    }

    fn hits(&self, p: &Protected, text: &str) -> Vec<(u32, Span)> {
        let mut out = Vec::new();
        let walk = self.matcher.walk(text).unwrap();
        walk.for_each_hit(|pattern, span, unchanged| {
            for &(target, _) in self.index.targets_of(pattern) {
                let Target::Anchors(g) = target else { continue };
                let group = self.index.anchor_group(g);
                p.sift_hit(text, span, group, (unchanged, &self.folder), &mut out);
            }
        });
        crate::rules::protected::in_hit_order(&mut out);
        out
    }
}

/// A term's text, where the terms are given as their texts.
fn itself<'t>(term: &&'t str) -> &'t str {
    term
}

/// The near misses judged from `hits`, as (span, message), in the order judged.
fn judged(p: &Protected, text: &str, hits: &[(u32, Span)]) -> Vec<(Span, String)> {
    let mut exact: Vec<(Span, &str)> = TERMS
        .iter()
        .flat_map(|t| text.match_indices(t).map(|(i, m)| (Span::new(i, i + m.len()), m)))
        .collect();
    exact.sort_by_key(|(s, _)| s.end);
    let segmenter = crate::segment::Segmenter::new([], false);
    let seg = || &segmenter;
    let as_of = crate::date::Date::new(2025, 1, 1).unwrap();
    let cx = Context { text, as_of, segmenter: &seg, bans: Default::default() };
    let found = p.judge(&cx, hits, (&exact, itself), &Cover::new(Vec::new()));
    found.into_iter().map(|f| (f.span, f.message)).collect()
}

/// A random text of terms with one edit each (a character substituted, inserted, missing or
/// swapped), in quotes or not, with folded, traditional and noise characters among them.
fn random_text(rng: &mut crate::test_rng::Rng, pool: &[char]) -> String {
    let mut text = String::new();
    for _ in 0..1 + rng.below(4) {
        let mut chars: Vec<char> = TERMS[rng.below(TERMS.len())].chars().collect();
        for _ in 0..rng.below(3) {
            let (at, c) = (rng.below(chars.len()), pool[rng.below(pool.len())]);
            let next = (at + 1).min(chars.len() - 1);
            match rng.below(6) {
                0 => chars[at] = c,
                1 | 2 => chars.insert(at, c),
                3 => drop(chars.remove(at)),
                4 => chars.swap(at, next),
                _ => {}
            }
        }
        let quoted = rng.below(3) == 0;
        text.extend(quoted.then_some('“'));
        text.extend(chars);
        text.extend(quoted.then_some('”'));
        text.extend((0..rng.below(3)).map(|_| pool[rng.below(pool.len())]));
    }
    text
}

/// Every hit that passed the sieve and `plausible` before is found now, but those where a
/// character was inserted right next to the anchor (the sieve's second test), and the near
/// misses judged from both are the same: over random texts of terms with edits of every
/// kind, in quotes, with traditional, full-width and noise characters next to the anchors.
#[test]
fn anchors_with_their_next_characters_find_what_the_sieve_passed() {
    let p = protected();
    let folder = Folder::new([('國', '国'), ('會', '会'), ('華', '华'), ('與', '与')]);
    let (before, after) = (Before::new(&p, &folder), After::new(&p, &folder));
    let mut pool: Vec<char> = TERMS.iter().flat_map(|t| t.chars()).collect();
    pool.extend("合河式伐直完付囯國會華與\u{200B} ·“”aé，\u{20000}Ａ".chars());
    let mut rng = crate::test_rng::Rng::new(61);
    let (mut passed, mut missed, mut found) = (0, 0, 0);
    for _ in 0..6000 {
        let text = random_text(&mut rng, &pool);
        let (old, new) = (before.hits(&p, &text), after.hits(&p, &text));
        let now: FastSet<(u32, Span)> = new.iter().copied().collect();
        for hit in old.iter().filter(|h| !now.contains(h)) {
            // Only a character inserted right next to the anchor: the text's second character
            // away from it is the term's first there.
            let (a, span) = (&p.anchors[hit.0 as usize], hit.1);
            let second = match a.after.chars().next() {
                Some(w0) => text[span.end..].chars().nth(1) == Some(w0),
                None => text[..span.start].chars().nth_back(1) == a.before.chars().next_back(),
            };
            assert!(second, "{text} {hit:?} {}", a.text);
            missed += 1;
        }
        let want = judged(&p, &text, &old);
        let show = |h: &[(u32, Span)]| -> Vec<String> {
            h.iter()
                .map(|&(a, s)| format!("{}@{}..{}", p.anchors[a as usize].text, s.start, s.end))
                .collect()
        };
        assert_eq!(judged(&p, &text, &new), want, "{text} {:?} {:?}", show(&old), show(&new));
        passed += old.len();
        found += want.len();
    }
    assert!(passed > 5000 && missed > 100 && found > 3000, "{passed} {missed} {found}");
}
