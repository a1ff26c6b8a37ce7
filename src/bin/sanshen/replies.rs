//! The linter for replies (JSON Lines posts whose type marks a reply): abusive language is an
//! error there. It is built when the first reply is met, so a check that meets none pays
//! nothing for it.

use sanshen::{Linter, LinterBuilder};

pub(crate) struct Replies {
    builder: LinterBuilder,
    linter: std::sync::OnceLock<Option<Linter>>,
}

impl Replies {
    /// The settings of `posts`, with abusive language an error unless `severity_set` (the
    /// configuration sets the category's severity itself).
    pub(crate) fn new(posts: &LinterBuilder, severity_set: bool) -> Replies {
        let mut builder = posts.clone();
        if !severity_set {
            builder.override_severity(sanshen::ABUSE_CATEGORY, sanshen::Severity::Error);
        }
        Replies { builder, linter: std::sync::OnceLock::new() }
    }

    /// The replies' linter, or `posts` (with a message, once) if it cannot be built.
    pub(crate) fn get<'a>(&'a self, posts: &'a Linter) -> &'a Linter {
        let built = self.linter.get_or_init(|| {
            self.builder
                .build()
                .map_err(|e| eprintln!("sanshen: replies are checked as other posts: {e}"))
                .ok()
        });
        built.as_ref().unwrap_or(posts)
    }
}
