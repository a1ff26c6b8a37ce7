//! The walk against daachorse: on random pattern sets with nothing folded, and against
//! `fold_text` + daachorse + `map_back` on texts that fold in every way.

use super::super::{build_chars, double_array::DoubleArray};
use super::*;
use crate::span::Span;

use crate::test_rng::Rng;

type Daachorse = daachorse::CharwiseDoubleArrayAhoCorasick<u32>;

/// daachorse's hits over `text` as (pattern, span), in its order.
fn daachorse(daac: &Daachorse, text: &str) -> Vec<(u32, Span)> {
    daac.find_overlapping_iter(text).map(|m| (m.value(), Span::new(m.start(), m.end()))).collect()
}

/// The walk automaton over `patterns` with `folder`, and daachorse's over the same.
fn both(patterns: &[&str], folder: Folder) -> (FoldingAutomaton, Daachorse) {
    let array = DoubleArray::build(patterns).unwrap();
    (FoldingAutomaton::new(array, Arc::new(folder)), build_chars(patterns)().unwrap())
}

/// Distinct random patterns of one to five characters over `chars`.
fn patterns(rng: &mut Rng, chars: &[&str], count: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    while out.len() < count {
        let p: String = (0..1 + rng.below(5)).map(|_| *rng.pick(chars)).collect();
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// The hits `for_each_hit` hands out, in order.
fn each_hit(walk: &FoldingAutomaton, text: &str) -> Vec<(u32, Span, bool)> {
    let mut hits = Vec::new();
    walk.walk(text).for_each_hit(|p, s, unchanged| hits.push((p, s, unchanged)));
    hits
}

#[test]
fn every_hit_of_daachorse_in_the_same_order() {
    // Few characters, so that patterns overlap and share prefixes and suffixes; one, two,
    // three and four bytes long.
    let chars = ["国", "家", "a", "é", "𠀀", "机", "关", "b"];
    let mut rng = Rng::new(0x5EED);
    for round in 0..300 {
        let count = 1 + rng.below(40);
        let owned = patterns(&mut rng, &chars, count);
        let patterns: Vec<&str> = owned.iter().map(String::as_str).collect();
        let (walk, daac) = both(&patterns, Folder::default());
        for _ in 0..5 {
            let text: String = (0..rng.below(60)).map(|_| *rng.pick(&chars)).collect();
            let want = daachorse(&daac, &text);
            let got: Vec<(u32, Span)> = walk
                .walk(&text)
                .map(|(p, s, unchanged)| {
                    assert!(unchanged, "nothing folds");
                    (p, s)
                })
                .collect();
            assert_eq!(got, want, "round {round}: {patterns:?} over {text:?}");
            let each: Vec<(u32, Span)> =
                each_hit(&walk, &text).into_iter().map(|(p, s, _)| (p, s)).collect();
            assert_eq!(each, want, "round {round}, each hit: {patterns:?} over {text:?}");
        }
    }
}

#[test]
fn a_pattern_set_of_many_characters_builds_and_matches() {
    // Codes given by frequency, children placed far apart: 2,000 characters.
    let chars: Vec<String> =
        (0..2000).filter_map(|i| char::from_u32(0x4E00 + i * 7)).map(String::from).collect();
    let chars: Vec<&str> = chars.iter().map(String::as_str).collect();
    let mut rng = Rng::new(77);
    let owned = patterns(&mut rng, &chars, 3000);
    let patterns: Vec<&str> = owned.iter().map(String::as_str).collect();
    let text: String = (0..5000).map(|_| *rng.pick(&chars)).collect();
    let text = format!("{text}{}", patterns.concat());
    let (walk, daac) = both(&patterns, Folder::default());
    let got: Vec<(u32, Span)> = walk.walk(&text).map(|(p, s, _)| (p, s)).collect();
    assert_eq!(got, daachorse(&daac, &text));
}

/// The folding table of the equivalence tests: traditional forms (one beyond the BMP, and one
/// whose simplified form folds again), restricted to the patterns' characters, noise dropped
/// only between neighbours in a pattern, as the builder sets it up.
fn review_folder(patterns: &[&str]) -> Folder {
    let pairs =
        [('臺', '台'), ('灣', '湾'), ('統', '统'), ('國', '国'), ('𠁀', '丁'), ('乾', '干')];
    let mut folder = Folder::new(pairs);
    folder.restrict_to(&patterns.iter().flat_map(|p| p.chars()).collect());
    folder.restrict_noise(patterns.iter().copied());
    folder
}

/// Today's path: the folded copy, daachorse over it, each hit mapped back.
fn folded_path(daac: &Daachorse, folder: &Folder, text: &str) -> Vec<(u32, Span, bool)> {
    let folded = folder.fold_text(text);
    let hits = daachorse(daac, &folded.text);
    hits.into_iter()
        .map(|(p, s)| {
            let (span, unchanged) = folded.map_back(s);
            (p, span, unchanged)
        })
        .collect()
}

#[test]
fn the_walk_finds_what_folding_then_scanning_finds() {
    let raw = ["台湾政府", "国家", "国家机关", "tmd", "丁香", "统一", "a台", "机关干部", "政府"];
    let folder = Folder::new([('臺', '台')]);
    let owned: Vec<String> = raw.iter().map(|p| folder.fold_str(p).into_owned()).collect();
    let patterns: Vec<&str> = owned.iter().map(String::as_str).collect();
    let pieces = [
        "臺", "灣", "台", "湾", "政", "府", "國", "国", "家", "机", "關", "关", "統", "统", "一",
        "Ｔ", "Ｍ", "Ｄ", "T", "M", "D", "t", "m", "d", "ｍ", "A", "a", "丁", "𠁀", "香", "乾",
        "干", "部", " ", "　", "*", ".", "·", "\u{200B}", "\u{FEFF}", "\u{00AD}", "\r\n", "\n",
        "😀", "𠀀", "，", "。", "1", "é", "Ｑ", "Q", "１", "（", "～",
    ];
    let mut rng = Rng::new(0xF01D);
    let (walk, daac) = both(&patterns, review_folder(&patterns));
    for round in 0..5000 {
        let text: String = (0..rng.below(40)).map(|_| *rng.pick(&pieces)).collect();
        let want = folded_path(&daac, &walk.folder, &text);
        assert_eq!(walk.walk(&text).collect::<Vec<_>>(), want, "round {round}: {text:?}");
        assert_eq!(each_hit(&walk, &text), want, "round {round}, each hit: {text:?}");
    }
}

#[test]
fn hand_picked_texts_fold_as_the_folded_copy_does() {
    let patterns = ["台湾政府", "政府", "tmd", "国家", "丁香"];
    let texts = [
        "",
        "臺 灣*政府宣布",
        "台湾　第一章　政府",
        "　　台湾政府\r\n　台 湾政府 \n",
        "ＴＭＤ，Tmd，t.m.d，T\u{200B}M\u{200B}D",
        "\u{FEFF}国家\u{FEFF}國\u{00AD}家😀𠁀香",
        "國 　家",
        "政\u{3000}\u{3000}\u{3000}\u{3000}府",
    ];
    let (walk, daac) = both(&patterns, review_folder(&patterns));
    for text in texts {
        let want = folded_path(&daac, &walk.folder, text);
        assert_eq!(walk.walk(text).collect::<Vec<_>>(), want, "{text:?}");
    }
}

#[test]
fn long_texts_let_old_folds_go_and_still_map_back() {
    let patterns = ["台湾政府", "国家机关"];
    let unit = "臺灣政府，國家機關。台 灣 政 府";
    let text = unit.repeat(400);
    let (walk, daac) = both(&patterns, review_folder(&patterns));
    let want = folded_path(&daac, &walk.folder, &text);
    assert!(want.len() > 600);
    assert_eq!(walk.walk(&text).collect::<Vec<_>>(), want);
    assert_eq!(each_hit(&walk, &text), want);
}

#[test]
fn three_bytes_added_at_their_places_give_the_code_point() {
    for c in (0x800..0x10000).filter_map(char::from_u32) {
        let mut bytes = [0; 3];
        let [b0, b1, b2] = c.encode_utf8(&mut bytes).as_bytes().try_into().unwrap();
        assert_eq!(slot3(b0, b1, b2), c as usize, "{c:?}");
    }
}
