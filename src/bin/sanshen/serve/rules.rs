//! `GET /v1/rules`: the families and rules a client can select, from the library's registry.

use sanshen::registry::{self, Rule};
use sanshen::{Family, Finding};
use serde::Serialize;

/// The answer of `GET /v1/rules`.
#[derive(Serialize)]
pub(crate) struct Listing {
    families: Vec<FamilyInfo>,
    rules: &'static [Rule],
}

#[derive(Serialize)]
struct FamilyInfo {
    id: &'static str,
    name: &'static str,
}

pub(crate) fn listing() -> Listing {
    let families =
        Family::ALL.iter().map(|f| FamilyInfo { id: f.as_str(), name: f.label() }).collect();
    Listing { families, rules: registry::rules() }
}

/// Whether a selector can be accepted: one the registry knows (a rule id, a family, a rule's
/// own selector), or a word without `/`, taken as a category (categories come from
/// dictionaries, the user's too).
pub(crate) fn is_known_selector(s: &str) -> bool {
    registry::select(s).next().is_some() || (!s.is_empty() && !s.contains('/'))
}

/// Whether `selector` chooses a finding: by its rule (id, family, the rule's own selectors)
/// or its category.
pub(crate) fn selects(selector: &str, f: &Finding) -> bool {
    let by_rule = registry::rule_by_id(&f.rule).is_some_and(|r| r.answers_to(selector));
    by_rule || selector == f.rule || f.category.as_deref() == Some(selector)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_with_a_slash_must_name_a_rule() {
        assert!(is_known_selector("format/date"));
        assert!(is_known_selector("advertising"));
        assert!(is_known_selector("leader"));
        assert!(!is_known_selector("format/dates"));
        assert!(!is_known_selector(""));
    }
}
