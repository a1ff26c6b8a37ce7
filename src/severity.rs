//! [`Severity`]: how serious a finding is (its own module, so that `build.rs` can read the
//! shipped dictionaries with the crate's own parser).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; often legitimate (禁毒新闻 legitimately names drugs: 冰毒; a
    /// non-recommended variant form such as 座落 → 坐落, which statutes still use).
    Info,
    /// Probably wrong or against official style (影帝 → 著名演员, 最佳 in an advertisement).
    Warning,
    /// Wrong: must be fixed before publishing (布署 → 部署, 国务院总理李克强 in 2026).
    Error,
}

impl Severity {
    /// The lowercase name used in dictionaries and output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!("unknown severity `{s}` (expected error, warning or info)")),
        }
    }
}
