//! Invisible marks that rich-text editors insert (zero-width space, non-joiner, joiner, word
//! joiner, soft hyphen, BOM) hide nothing from any family, and spans stay in the original text.

use sanshen::{Date, Family, LinterBuilder};

/// A county roster: 张建国 is the Party secretary, 李明华 the county head.
const COUNTY: &str = include_str!("fixtures/leader/county.tsv");

const MARKS: [char; 6] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{00AD}', '\u{FEFF}'];

fn linter() -> sanshen::Linter {
    let mut b = LinterBuilder::new();
    b.add_dictionary("county.tsv", COUNTY).expect("parses");
    b.build().expect("builds")
}

#[test]
fn marks_inside_a_typo_a_title_and_a_name_are_seen_through() {
    let linter = linter();
    let day = Date::new(2026, 3, 1).unwrap();
    for mark in MARKS {
        let text = format!("请认真布{mark}署。县{mark}长张{mark}建国主持会议。");
        let findings = linter.check_as_of(&text, day);
        let found: Vec<(Family, &str)> =
            findings.iter().map(|f| (f.family, &text.as_str()[f.span])).collect();
        let typo = format!("布{mark}署");
        let title = format!("县{mark}长");
        assert_eq!(
            found,
            [(Family::Typo, typo.as_str()), (Family::Leader, title.as_str())],
            "U+{:04X}",
            mark as u32
        );
        assert!(findings[0].evasion.is_none(), "an editor's mark is not a disguise");
        assert_eq!(linter.fix(&text).text, format!("请认真部署。县{mark}长张{mark}建国主持会议。"));
    }
}
