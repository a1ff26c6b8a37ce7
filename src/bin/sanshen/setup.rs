//! What each input is checked with: the configuration that applies to it (given, or the
//! nearest sanshen.toml above it) with the command line on top, and the linters built from them.

use crate::args::CheckArgs;
use crate::replies::Replies;
use crate::{config, freshness, input, jsonl};
use sanshen::{Linter, LinterBuilder};

/// The inputs, each with the index of its [`Setup`].
pub(crate) type Inputs = Vec<(usize, input::Input)>;

/// What the inputs under one configuration are checked with.
pub(crate) struct Setup {
    pub(crate) linter: Linter,
    /// The linter for replies, where abusive language is an error.
    pub(crate) replies: Replies,
    pub(crate) fail_on: sanshen::Severity,
    /// `reviewer` in the configuration.
    pub(crate) reviewer: Option<String>,
}

impl Setup {
    pub(crate) fn linters(&self) -> jsonl::Linters<'_> {
        jsonl::Linters { posts: &self.linter, replies: &self.replies }
    }
}

/// The configurations and the inputs under each: `--config` (or none with `--no-config`) for
/// all, else the nearest sanshen.toml above each path (the working directory for standard
/// input). `--verbose` says which was used.
pub(crate) fn setups(args: &CheckArgs) -> Result<(Vec<Setup>, Inputs, Vec<String>), String> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let groups: Vec<(Option<std::path::PathBuf>, Vec<std::path::PathBuf>)> =
        if args.configuration.no_config {
            vec![(None, args.paths.clone())]
        } else if let Some(c) = &args.configuration.config {
            vec![(Some(c.clone()), args.paths.clone())]
        } else {
            config::group_by_nearest(&args.paths, &cwd)
        };
    let (mut setups, mut inputs, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    for (path, paths) in groups {
        let loaded = match &path {
            Some(p) => config::load(p).map_err(|e| e.to_string())?,
            None => config::Loaded::default(),
        };
        if args.verbose {
            let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            let shown = if shown.is_empty() { "-".to_owned() } else { shown.join(", ") };
            match &path {
                Some(p) => eprintln!("sanshen: {shown}: configuration {}", p.display()),
                None => eprintln!("sanshen: {shown}: no configuration"),
            }
        }
        let root = if loaded.path.is_some() { loaded.root.clone() } else { cwd.clone() };
        let own: Vec<_> = args.baseline.iter().chain(&args.write_baseline).cloned().collect();
        let walk = input::Walk {
            globs: &args.glob,
            ignore: &loaded.config.ignore,
            root: &root,
            own: &own,
        };
        let folders = paths.iter().any(|p| p.is_dir());
        let walk = || input::expand(&paths, &walk);
        let built = (|| {
            let mut b = builder(args, &loaded)?;
            // A folder's many files: the tables their first checks read are made ahead too.
            b.prepare_shared_tables(folders);
            let replies =
                Replies::new(&b, loaded.config.severity.contains_key(sanshen::ABUSE_CATEGORY));
            // Moved, not copied: the replies' linter shares the posts' one.
            let (linter, found) = build_beside_walk(b, walk, folders);
            Ok::<_, sanshen::Error>((linter?, replies, found))
        })();
        let (linter, replies, found) = built.map_err(|e| e.to_string())?;
        found.notes.iter().for_each(|n| eprintln!("sanshen: {n}"));
        let fail_on = args.fail_on.or(loaded.config.fail_on).unwrap_or(sanshen::Severity::Warning);
        inputs.extend(found.inputs.into_iter().map(|i| (setups.len(), i)));
        errors.extend(found.errors);
        let reviewer = loaded.config.reviewer.clone();
        setups.push(Setup { linter, replies, fail_on, reviewer });
    }
    Ok((setups, inputs, errors))
}

/// Builds the linter and walks the folders named (`walk`). With more than one worker thread
/// the build takes two, and a walk of folders (about what the build's first step costs; neither
/// needs the other) runs on the build's second thread once its part is done: on a thread of its
/// own it took a core from the build's two halves, which wait for each other. On one thread, one
/// after the other.
fn build_beside_walk<W: Send>(
    b: LinterBuilder,
    walk: impl FnOnce() -> W + Send,
    folders: bool,
) -> (Result<Linter, sanshen::Error>, W) {
    match (crate::ordered::threads(), folders) {
        (1, _) => (b.into_linter(), walk()),
        (_, false) => (b.into_linter_on_two_threads(), walk()),
        (_, true) => b.into_linter_beside(walk),
    }
}

/// The linter: the configuration first, then the command line on top.
pub(crate) fn build(args: &CheckArgs, loaded: &config::Loaded) -> Result<Linter, sanshen::Error> {
    let b = builder(args, loaded)?;
    let linter = b.build();
    // Its dictionaries are left to the end of the process, as the linters are: freeing the
    // entries of a 200,000-entry user dictionary one by one took a twentieth of its start.
    std::mem::forget(b);
    linter
}

/// The builder of [`build`], before building.
fn builder(args: &CheckArgs, loaded: &config::Loaded) -> Result<LinterBuilder, sanshen::Error> {
    let mut b = LinterBuilder::new();
    // First, so that large dictionaries are kept parsed too.
    if let Some(store) = crate::cache::FileStore::platform() {
        b.automaton_store(std::sync::Arc::new(store));
    }
    loaded.config.apply(&mut b, &loaded.root)?;
    if args.no_builtin {
        b.builtin(false);
    }
    // Names the configuration file when it names a rule, family or category that does not exist.
    b.check_settings().map_err(|e| match &loaded.path {
        Some(path) => sanshen::Error::Config(format!("{}: {e}", path.display())),
        None => e,
    })?;
    for path in &args.configuration.dicts {
        b.add_dictionary_file(path)?;
    }
    for phrase in &args.allow {
        b.allow(phrase);
    }
    for selector in &args.disable {
        b.disable_rule(selector);
    }
    for rule in &args.disable_rule {
        b.disable_rule(rule);
    }
    for category in &args.disable_category {
        b.disable_category(category);
    }
    if let Some(s) = args.min_severity {
        b.min_severity(s);
    }
    if args.model || args.no_model {
        b.model(args.model);
    }
    if let Some(t) = args.model_threshold {
        b.model_threshold(t);
    }
    // The library reads no clock: "today" is the CLI's, in Beijing time.
    if let Some(path) = &args.roster {
        b.add_dictionary_file(path)?;
        freshness::validate_file(path);
        b.shipped_roster(false);
    }
    b.as_of(args.as_of.unwrap_or_else(sanshen::Date::today));
    Ok(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_and_the_walk_both_give_their_answer() {
        let dir = std::env::temp_dir();
        let file = dir.join("sanshen-no-such-post.txt");
        for paths in [vec![dir.clone()], vec![file, dir], vec![]] {
            let folders = paths.iter().any(|p| p.is_dir());
            let (built, walked) = build_beside_walk(LinterBuilder::new(), || paths.len(), folders);
            assert_eq!(built.expect("built").check("请各单位认真布署。").len(), 1);
            assert_eq!(walked, paths.len());
        }
    }
}
