//! [`Settings`]: what a built linter reports — families, rules and categories turned off,
//! severity overrides, the lowest severity shown and the date to check as of.

use crate::date::Date;
use crate::finding::{Family, Finding, Severity};
use std::collections::{HashMap, HashSet};

/// Settings that decide what is reported.
#[derive(Clone, Debug, Default)]
pub(crate) struct Settings {
    pub(crate) disabled_families: HashSet<Family>,
    pub(crate) disabled_rules: HashSet<String>,
    pub(crate) disabled_categories: HashSet<String>,
    pub(crate) severities: HashMap<String, Severity>,
    pub(crate) min_severity: Option<Severity>,
    pub(crate) as_of: Option<Date>,
}

impl Settings {
    /// Applies the report settings to a finding; `None` drops it.
    pub(crate) fn apply(&self, mut f: Finding) -> Option<Finding> {
        if self.disabled_families.contains(&f.family) || self.disabled_rules.contains(&f.rule) {
            return None;
        }
        if let Some(c) = &f.category {
            if self.disabled_categories.contains(c) {
                return None;
            }
        }
        // The most specific override wins: category, then rule, then family.
        let keys = [f.category.as_deref(), Some(f.rule.as_str()), Some(f.family.as_str())];
        if let Some(s) = keys.into_iter().flatten().find_map(|k| self.severities.get(k)) {
            f.severity = *s;
        }
        match self.min_severity {
            Some(min) if f.severity < min => None,
            _ => Some(f),
        }
    }
}
