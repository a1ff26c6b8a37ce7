//! Folding, matching and the map back, on small tables.

use super::*;
use crate::span::Span;

fn folder() -> Folder {
    Folder::new([('臺', '台'), ('灣', '湾'), ('統', '统')])
}

#[test]
fn folds_width_case_traditional_and_noise() {
    let f = folder();
    assert_eq!(f.fold_str("臺灣 政\u{200B}府"), "台湾政府");
    assert_eq!(f.fold_str("ＴＭＤ"), "tmd");
    assert_eq!(f.fold_str("Tmd"), "tmd");
    assert_eq!(f.fold_str("台湾，政府"), "台湾,政府");
    assert!(matches!(f.fold_str("部署工作"), Cow::Borrowed(_)));
}

#[test]
fn noise_is_dropped_only_between_neighbours_in_a_pattern() {
    let mut f = folder();
    f.restrict_to(&"台湾政府".chars().collect());
    f.restrict_noise(["台湾政府"]);
    let folded = |t: &str| f.fold_text(t).text.into_owned();
    assert_eq!(folded("臺　灣 政\u{3000}\u{3000}府"), "台湾政府");
    // 湾 and 第 never meet in a pattern: the space stays, and with nothing else to fold
    // the text is not copied.
    assert!(matches!(f.fold_text("台湾　第一章　总则").text, Cow::Borrowed(_)));
    assert_eq!(folded("臺湾　第一章"), "台湾　第一章");
    // Neighbours are compared folded (灣 is 湾), the run as a whole (two spaces).
    assert_eq!(folded("台灣 　政府"), "台湾政府");
    assert_eq!(folded("政府　台湾"), "政府　台湾");
}

/// The scan tests two characters at a time against a second copy of the table; it must
/// stop at every character that folds, in either place of a pair, and at no other.
#[test]
fn scan_stops_exactly_at_characters_that_fold() {
    let mut f = folder();
    let everything = || (1u32..0x10000).filter_map(char::from_u32);
    for restricted in [false, true] {
        if restricted {
            f.restrict_to(&"台湾tmd".chars().collect());
        }
        for c in everything() {
            let folds = f.fold(c) != Fold::Keep;
            // Every place of a round of four and of two, and the last characters one at a
            // time.
            for before in ["", "国", "国家", "国家机", "国家机关", "国家机关工"] {
                for after in ["国家机关工作人员", "工作", "工", ""] {
                    let text = format!("{before}{c}{after}");
                    let got = f.next_fold(&text, 0).map(|(at, ..)| at);
                    // Noise at either end of a text joins nothing and is kept.
                    let edge = before.is_empty() || after.is_empty();
                    let stops = folds && !(edge && f.fold(c) == Fold::Noise);
                    assert_eq!(got, stops.then_some(before.len()), "{c:?} {restricted} {text}");
                }
            }
        }
    }
}

#[test]
fn spans_map_back_over_noise() {
    let f = folder();
    let text = "据报道，臺 灣*政府宣布";
    let folded = f.fold_text(text);
    let at = folded.text.find("台湾政府").unwrap();
    let (span, unchanged) = folded.map_back(Span::new(at, at + "台湾政府".len()));
    assert_eq!(&text[span], "臺 灣*政府");
    assert!(!unchanged);
    let at = folded.text.find("政府").unwrap();
    assert!(folded.map_back(Span::new(at, at + "政府".len())).1);
    let e = f.describe(&text[span], "台湾政府");
    assert_eq!(e.kinds, [FoldKind::Traditional]);
    assert_eq!((e.noise, e.longest_gap), (2, 1));
}

#[test]
fn describe_compares_with_the_entry_as_written() {
    let f = folder();
    let e = f.describe("T*M*D", "TMD");
    assert!(e.kinds.is_empty());
    assert_eq!(e.noise, 2);
    assert_eq!(f.describe("ｔmd", "TMD").kinds, [FoldKind::Width, FoldKind::Case]);
}

/// Every span between character boundaries of the folded text maps back as a per-character
/// table of the original would map it.
#[test]
fn spans_map_back_like_a_table() {
    let f = folder();
    let texts = ["臺 灣*政府", " 首尾 ", "ＴＭＤ abc.臺", "a\u{200B}b", "...", "正常文本", ""];
    // Runs of several characters between folds: spans that end inside a run, at its end,
    // and in the next piece.
    for text in texts.into_iter().chain(["正常臺文本灣正常", "臺正常 文本灣"]) {
        let folded = f.fold_text(text);
        // The table: for each folded character, its original start and end. Noise is
        // dropped unless its run touches the start or the end of the text.
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let noise = |k: usize| f.fold(chars[k].1) == Fold::Noise;
        let mut table = Vec::new();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let edge = noise(k) && ((0..k).all(&noise) || (k..chars.len()).all(&noise));
            match f.fold(c) {
                Fold::Noise if edge => table.push((i, i + c.len_utf8(), c.len_utf8())),
                Fold::Noise => {}
                Fold::Keep => table.push((i, i + c.len_utf8(), c.len_utf8())),
                Fold::Map(m, _) => table.push((i, i + c.len_utf8(), m.len_utf8())),
            }
        }
        let mut bounds = vec![0];
        for &(_, _, len) in &table {
            bounds.push(bounds.last().unwrap() + len);
        }
        assert_eq!(*bounds.last().unwrap(), folded.text.len(), "{text}");
        for a in 0..table.len() {
            for b in a + 1..=table.len() {
                let (span, unchanged) = folded.map_back(Span::new(bounds[a], bounds[b]));
                assert_eq!(span, Span::new(table[a].0, table[b - 1].1), "{text} {a}..{b}");
                // Unchanged: the folded text of the span is the original's.
                let same = folded.text[bounds[a]..bounds[b]] == text[span];
                assert_eq!(unchanged, same, "{text} {a}..{b}");
            }
        }
    }
}

#[test]
fn only_characters_that_patterns_hold_are_folded() {
    let mut f = folder();
    f.restrict_to(&"台政府tmd".chars().collect());
    assert_eq!(f.fold_str("臺灣，ＴＭＤ"), "台灣，tmd");
    let folded = f.fold_text("據說臺 灣，政府");
    assert_eq!(folded.text, "據說台灣，政府");
}

#[test]
fn noise_next_to_a_line_end_is_kept() {
    let f = folder();
    assert!(f.fold_text("\u{3000}\u{3000}各单位。\n\u{3000}\u{3000}现将 \r\n").is_identity());
    assert_eq!(f.fold_text("一\n 二 三 \n").text, "一\n 二三 \n");
}

#[test]
fn clean_text_is_not_copied() {
    let folded = folder().fold_text("各单位要认真部署。");
    assert!(folded.is_identity());
    // Without evasion nothing folds.
    assert!(Folder::default().fold_text("臺 灣，ＴＭＤ").is_identity());
    assert_eq!(folded.map_back(Span::new(3, 6)), (Span::new(3, 6), true));
}

/// Characters that fold among ones that do not, of every length and kind (ASCII, CRLF, a
/// byte-order mark, full-width forms, two- and four-byte characters), at every alignment
/// against the scan's rounds: the scan stops at each, in order, and nowhere else.
#[test]
fn scan_finds_every_fold_at_every_alignment() {
    let f = folder();
    let quiet = ["国", "家", "a", "1", "\r\n", "é", "𠀀", "“", "、", "。"];
    let folding = ["臺", "Ｔ", "Ｍ", "A", "灣", "統", "ａ"];
    for lead in 0..12 {
        for (k, fold) in folding.iter().enumerate() {
            let filler: String = (0..lead).map(|i| quiet[(i + k) % quiet.len()]).collect();
            let text = format!("{filler}{fold}{filler}国家{fold}工作{filler}");
            let mut at = 0;
            let mut stops = Vec::new();
            while let Some((i, c, _)) = f.next_fold(&text, at) {
                stops.push(i);
                at = i + c.len_utf8();
            }
            let second = filler.len() + fold.len() + filler.len() + "国家".len();
            assert_eq!(stops, [filler.len(), second], "{text:?}");
        }
    }
    // A byte-order mark is noise: dropped between characters, kept at the start of a text or
    // of a line (where no pattern can join across it).
    let first = |t: &str| f.next_fold(t, 0).map(|(at, ..)| at);
    assert_eq!(first("\u{FEFF}国家机关工作人员"), None);
    assert_eq!(first("国家\r\n\u{FEFF}机关工作人员"), None);
    assert_eq!(first("国家机关工作\u{FEFF}人员"), Some(18));
}

#[test]
fn the_compiled_class_bits_are_the_predicates() {
    for c in (0u32..0x10000).filter_map(char::from_u32) {
        let class = c.is_ascii_uppercase() || is_noise(c) || ('\u{FF01}'..='\u{FF5E}').contains(&c);
        let i = c as usize;
        assert_eq!(CLASS_BITS[i / 64] & (1 << (i % 64)) != 0, class, "{c:?}");
    }
}

/// The run's end found byte by byte is where the first character that is not noise starts,
/// for a folder that folds nothing, one that folds, and one restricted to a few patterns.
#[test]
fn a_noise_run_ends_at_the_first_character_that_is_not_noise() {
    let mut restricted = folder();
    restricted.restrict_to(&"台湾政府".chars().collect());
    restricted.restrict_noise(["台湾政府"]);
    let folders = [Folder::default(), folder(), restricted];
    let alphabet = [
        " ", "\t", "\n", "\r", "*", ".", "-", "_", "~", "=", "a", "Z", "1", ",", "\u{3000}",
        "\u{200B}", "\u{FEFF}", "·", "・", "＊", "－", "～", "Ｚ", "，", "政", "臺", "\u{7F}", "é",
        "😀",
    ];
    let mut rng = crate::test_rng::Rng::new(11);
    for _ in 0..3000 {
        let text: String = (0..rng.below(12)).map(|_| *rng.pick(&alphabet)).collect();
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let at = *rng.pick(&starts);
        for f in &folders {
            let rest = &text[at..];
            let want = at + rest.find(|c| f.fold(c) != Fold::Noise).unwrap_or(rest.len());
            assert_eq!(f.noise_run_end(&text, at), want, "{text:?} from {at}");
        }
    }
}

/// The compiled noise bits with a folder's bits say what the folding itself says, for every
/// character of the basic plane and a few beyond it.
#[test]
fn noise_from_the_bits_is_what_folding_says() {
    let mut restricted = folder();
    restricted.restrict_to(&"台湾政府".chars().collect());
    for f in [Folder::default(), folder(), restricted] {
        let chars = (0..0x10000).chain([0x1F600, 0xE0001, 0x20000]).filter_map(char::from_u32);
        for c in chars {
            assert_eq!(f.folds_as_noise(c), f.fold(c) == Fold::Noise, "{c:?}");
        }
    }
}

/// A string is kept as it is exactly when folding keeps each of its characters, and folded as
/// its characters fold one by one: random strings of characters one to four bytes long, some
/// of which fold (width, case, traditional, noise), against the table restricted and not.
#[test]
fn strings_fold_as_their_characters() {
    let mut rng = crate::test_rng::Rng::new(25);
    let alphabet = ['a', 'A', 'Ａ', ' ', '·', 'é', '台', '臺', '灣', '　', '统', '𠮷', '\u{200B}'];
    for restricted in [false, true] {
        let mut f = folder();
        if restricted {
            f.restrict_to(&"台a".chars().collect());
        }
        for round in 0..2000 {
            let s: String = (0..rng.below(8)).map(|_| *rng.pick(&alphabet)).collect();
            let keeps = s.chars().all(|c| f.fold(c) == Fold::Keep);
            let want: String = s
                .chars()
                .filter_map(|c| match f.fold(c) {
                    Fold::Keep => Some(c),
                    Fold::Noise => None,
                    Fold::Map(m, _) => Some(m),
                })
                .collect();
            let got = f.fold_str(&s);
            assert_eq!(matches!(got, Cow::Borrowed(_)), keeps, "round {round}: {s:?}");
            assert_eq!(got, want, "round {round}: {s:?}");
        }
    }
}
