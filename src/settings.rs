//! [`Settings`]: what a built linter reports — rules turned off by selector (a family, a rule
//! id or a rule's own selector), categories turned off, severity overrides, the lowest severity
//! shown and the date to check as of.

use crate::date::Date;
use crate::error::Error;
use crate::finding::{Family, Finding, Severity};
use crate::registry::{self, Rule};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Settings that decide what is reported.
#[derive(Clone, Debug, Default)]
pub(crate) struct Settings {
    /// Selectors turned off: family names, rule ids, rules' own selectors.
    pub(crate) disabled: HashSet<String>,
    pub(crate) disabled_categories: HashSet<String>,
    /// Severity by category, rule id or selector.
    pub(crate) severities: HashMap<String, Severity>,
    pub(crate) min_severity: Option<Severity>,
    pub(crate) as_of: Option<Date>,
}

impl Settings {
    /// Whether `rule` is turned off by one of the selectors it answers to.
    pub(crate) fn rule_off(&self, rule: &Rule) -> bool {
        self.disabled.contains(rule.id) || rule.selectors.iter().any(|s| self.disabled.contains(*s))
    }

    /// Whether every rule of `family` is turned off.
    pub(crate) fn family_off(&self, family: Family) -> bool {
        registry::rules().iter().filter(|r| r.family == family).all(|r| self.rule_off(r))
    }

    /// Applies the report settings to a finding; `None` drops it.
    pub(crate) fn apply(&self, mut f: Finding) -> Option<Finding> {
        let rule = registry::rule_by_id(&f.rule);
        let off = match rule {
            Some(rule) => self.rule_off(rule),
            None => self.disabled.contains(&f.rule) || self.disabled.contains(f.family.as_str()),
        };
        if off || f.category.as_ref().is_some_and(|c| self.disabled_categories.contains(c)) {
            return None;
        }
        // The most specific override wins: category, then rule id, then the rule's selectors.
        let selectors = rule.map_or(&[][..], |r| r.selectors);
        let keys = [f.category.as_deref(), Some(f.rule.as_str())].into_iter().flatten();
        let keys = keys.chain(selectors.iter().copied());
        if let Some(s) = keys.into_iter().find_map(|k| self.severities.get(k)) {
            f.severity = *s;
        }
        match self.min_severity {
            Some(min) if f.severity < min => None,
            _ => Some(f),
        }
    }

    /// Checks that every selector, category and severity key names something that exists:
    /// `categories` gives those the dictionaries in use define; it is called only when a
    /// setting may name a category.
    ///
    /// # Errors
    ///
    /// The first unknown name, with the valid ones.
    pub(crate) fn validate(
        &self,
        categories: impl FnOnce() -> BTreeSet<String>,
    ) -> Result<(), Error> {
        let selectors = registry::selectors();
        let unknown = |kind: &'static str, name: &str, valid: Vec<&str>| Error::Unknown {
            kind,
            name: name.to_owned(),
            valid: valid.join(", "),
        };
        for s in sorted(&self.disabled) {
            if !selectors.contains(&s) {
                return Err(unknown("rule or family", s, selectors));
            }
        }
        // Gathering the categories means unpacking the shipped dictionaries: only when a
        // setting may name one.
        let named = self.severities.keys().any(|k| !selectors.contains(&k.as_str()));
        if self.disabled_categories.is_empty() && !named {
            return Ok(());
        }
        let categories = categories();
        let categories: Vec<&str> = categories.iter().map(String::as_str).collect();
        for c in sorted(&self.disabled_categories) {
            if !categories.contains(&c) {
                return Err(unknown("category", c, categories));
            }
        }
        for k in sorted(self.severities.keys()) {
            if !selectors.contains(&k) && !categories.contains(&k) {
                let valid = selectors.iter().chain(&categories).copied().collect();
                return Err(unknown("rule, family or category", k, valid));
            }
        }
        Ok(())
    }
}

/// The names in a stable order, so that the first unknown one reported is always the same.
fn sorted<'a>(names: impl IntoIterator<Item = &'a String>) -> Vec<&'a str> {
    let mut names: Vec<&str> = names.into_iter().map(String::as_str).collect();
    names.sort_unstable();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &Rule, category: Option<&str>) -> Finding {
        let span = crate::span::Span::new(0, 3);
        Finding::new(rule, span, "甲", String::new()).with_category(category.map(str::to_owned))
    }

    #[test]
    fn a_family_selector_leaves_rules_with_their_own_selector_alone() {
        let mut s = Settings::default();
        s.disabled.insert("typo".to_owned());
        assert!(s.apply(finding(&registry::TYPO_DICTIONARY, None)).is_none());
        assert!(s.apply(finding(&registry::TYPO_PROTECTED, None)).is_some());
        s.disabled.insert("protected".to_owned());
        assert!(s.apply(finding(&registry::TYPO_PROTECTED, None)).is_none());
        assert!(!s.family_off(Family::Typo), "typo/model is still on");
    }

    #[test]
    fn the_most_specific_severity_wins() {
        let mut s = Settings::default();
        s.severities.insert("leader".to_owned(), Severity::Info);
        s.severities.insert("leader/order".to_owned(), Severity::Warning);
        s.severities.insert("order".to_owned(), Severity::Error);
        let f = s.apply(finding(&registry::LEADER_ORDER, Some("order"))).unwrap();
        assert_eq!(f.severity, Severity::Error);
        let f = s.apply(finding(&registry::LEADER_NAME, Some("name"))).unwrap();
        assert_eq!(f.severity, Severity::Info);
    }

    #[test]
    fn unknown_names_are_errors_naming_them_and_the_valid_ones() {
        let categories: BTreeSet<String> = ["advertising".to_owned()].into();
        let mut s = Settings::default();
        s.disabled.insert("typo/bogus".to_owned());
        let err = s.validate(|| categories.clone()).unwrap_err().to_string();
        assert!(err.contains("`typo/bogus`") && err.contains("typo/dictionary"), "{err}");
        let mut s = Settings::default();
        s.disabled_categories.insert("advertizing".to_owned());
        let err = s.validate(|| categories.clone()).unwrap_err().to_string();
        assert!(err.contains("`advertizing`") && err.contains("advertising"), "{err}");
        let mut s = Settings::default();
        s.severities.insert("advertising".to_owned(), Severity::Info);
        s.severities.insert("protected".to_owned(), Severity::Info);
        s.disabled.insert("model".to_owned());
        assert!(s.validate(|| categories.clone()).is_ok());
    }

    #[test]
    fn categories_are_gathered_only_when_a_setting_may_name_one() {
        let none = || -> BTreeSet<String> { panic!("no setting names a category") };
        let mut s = Settings::default();
        s.disabled.insert("leader".to_owned());
        s.severities.insert("typo/dictionary".to_owned(), Severity::Info);
        assert!(s.validate(none).is_ok());
        s.disabled.insert("typo/bogus".to_owned());
        assert!(s.validate(none).is_err(), "an unknown rule needs no category to be refused");
        let categories: BTreeSet<String> = ["advertising".to_owned()].into();
        let mut asked = false;
        let mut s = Settings::default();
        s.severities.insert("advertising".to_owned(), Severity::Info);
        assert!(s
            .validate(|| {
                asked = true;
                categories
            })
            .is_ok());
        assert!(asked);
    }
}
