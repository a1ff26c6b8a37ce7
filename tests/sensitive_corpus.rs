//! The sensitive family on real central-government documents (`../shared/data/corpus/gov-docs`),
//! checked as of 2021-06-30: its only findings are the twelve “一带一路”战略 of 2015–2017
//! documents (official usage since is “一带一路”倡议). A new entry or a looser context check
//! that flags anything else in these documents fails here.

use sanshen::{Date, Family, LinterBuilder};

/// The findings the family gave on these documents before the 2016 list, the Taiwan wording
/// and the context checks: all are “一带一路”战略.
const KNOWN: usize = 12;

#[test]
fn no_new_sensitive_finding_on_the_government_documents_as_of_mid_2021() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus/gov-docs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} is absent", dir.display());
        return;
    };
    let mut b = LinterBuilder::new();
    for family in [Family::Typo, Family::Leader, Family::Format] {
        b.family(family, false);
    }
    b.model(false);
    let linter = b.build().expect("builds");
    let day: Date = "2021-06-30".parse().expect("date");
    let (mut files, mut known, mut new) = (0, 0, Vec::new());
    for path in entries.flatten().map(|e| e.path()) {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        files += 1;
        for f in linter.check_as_of(&text, day) {
            if f.text.starts_with("一带一路") && f.text.ends_with("战略") {
                known += 1;
            } else {
                new.push(format!("{}: {} ({})", path.display(), f.text, f.message));
            }
        }
    }
    assert!(files > 1000, "only {files} documents read");
    assert!(new.is_empty(), "new sensitive findings:\n{}", new.join("\n"));
    assert_eq!(known, KNOWN, "“一带一路”战略 findings");
}
