//! The build on two threads: its first step split between them, and a front's own work run on
//! the second once its part is done.

use super::{warm, LinterBuilder};
use crate::dict::Entry;
use crate::error::Error;
use crate::linter::Linter;
use crate::normalize::Folder;
use crate::roster::Roster;
use crate::rules::format::FormatRules;
use std::thread::Scope;

impl LinterBuilder {
    /// Builds the linter as [`into_linter`](Self::into_linter) does, on two threads: the
    /// roster and the folding table on a second one while this one merges the entries (a
    /// front that starts often, on a machine with a core to spare). The linter is the same.
    /// Without threads (WebAssembly) it builds on this one.
    ///
    /// # Errors
    ///
    /// As [`build`](Self::build).
    pub fn into_linter_on_two_threads(self) -> Result<Linter, Error> {
        match cfg!(target_family = "wasm") {
            true => self.into_linter_on(Threads::One),
            false => self.into_linter_on(Threads::Two(None)),
        }
    }

    /// Builds the linter as [`into_linter_on_two_threads`](Self::into_linter_on_two_threads)
    /// does, and runs `beside` on the other thread once that thread's part of the build is
    /// done: work of the front's own start (the command line walks the folders it is given)
    /// that on a thread of its own would take a core from the build's first step. `beside`
    /// runs whether or not the build succeeds, on this thread when the build stops before its
    /// second thread starts; without threads (WebAssembly), after the build. The pair comes
    /// back once both the build and `beside` are done.
    ///
    /// # Errors
    ///
    /// As [`build`](Self::build); `beside`'s answer is given either way.
    ///
    /// # Panics
    ///
    /// If `beside` panics, with its own panic, once the build is done.
    pub fn into_linter_beside<R: Send>(
        self,
        beside: impl FnOnce() -> R + Send,
    ) -> (Result<Linter, Error>, R) {
        use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
        let (mut beside, mut answer) = (Some(beside), None);
        // Caught on the other thread and raised again here, so that the caller sees `beside`'s
        // own panic rather than the scope's word that some thread panicked.
        let run = Box::new(|| {
            answer = beside.take().map(|run| catch_unwind(AssertUnwindSafe(run)));
        });
        let built = match cfg!(target_family = "wasm") {
            true => self.into_linter_on(Threads::One),
            false => self.into_linter_on(Threads::Two(Some(run))),
        };
        match answer {
            Some(Ok(answer)) => (built, answer),
            Some(Err(panic)) => resume_unwind(panic),
            // Run here when the build stopped before its second thread started (or had none).
            None => (built, beside.take().map(|run| run()).expect("not run yet")),
        }
    }

    /// The first step on two threads: the other thread unpacks the shipped dictionaries but
    /// their entries (the roster's first need) and makes [`other_side`](Self::other_side)
    /// while this one reads the shipped entries for itself (the longer half, with the
    /// user's entries merged into them). Done, the other starts the shared tables' thread,
    /// hands its part over and runs `beside`; this one runs the next steps alone, and a core
    /// would be idle.
    pub(super) fn first_step_on_two<'s, 'e>(
        &'e self,
        s: &'s Scope<'s, 'e>,
        user: Option<Vec<Entry>>,
        beside: Option<Beside<'e>>,
    ) -> FirstStep {
        let (handed, taken) = std::sync::mpsc::sync_channel(1);
        let other = s.spawn(move || {
            let side = self.other_side();
            // Left to finish by itself: nothing waits for it.
            drop(self.shared_tables().map(warm::spawn_shared_tables));
            // Refused only when this thread panicked: nothing then waits for it either.
            let _ = handed.send(side);
            if let Some(run) = beside {
                run();
            }
        });
        let entries = self.entries(user);
        let (roster, folder, format) = taken.recv().unwrap_or_else(|_| match other.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => unreachable!("the other thread hands its part over before it ends"),
        });
        (entries, format, (roster, folder))
    }

    /// The other thread's half of the first step: the roster, the folding table and the format
    /// rules. A cold check counts 9.0 M instructions for the shipped entries on the calling
    /// thread against 5.9 M for the roster and the table (since a row's source is made only
    /// when reported) and 1.2 M for the format rules, so the format rules go with the roster;
    /// with user entries (3,300 instructions each to merge) the calling thread's half is the
    /// longer all the more.
    pub(super) fn other_side(&self) -> (Roster, Folder, Option<FormatRules>) {
        (self.roster(), self.folder(), self.format_rules())
    }
}

/// How many threads a build may use; with two, what the second runs after its part.
pub(super) enum Threads<'a> {
    One,
    Two(Option<Beside<'a>>),
}

/// A front's work run on a two-thread build's second thread after its part of the build.
pub(super) type Beside<'a> = Box<dyn FnOnce() + Send + 'a>;

/// The first step's parts: the entries, the format rules, the roster and the folding table.
pub(super) type FirstStep = (Result<Vec<Entry>, Error>, Option<FormatRules>, (Roster, Folder));

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// Texts that reach every family: a typo, a sensitive phrase, leaders' titles and names,
    /// and the format rules.
    const TEXTS: &[&str] = &[
        "请各单位认真布署防汛工作，做为重点。",
        "国务院总理李强主持召开国务院常务会议。",
        "一、总体要求\n（一）坚持问题导向\n三、保障措施",
        "持续优化营商环竟，再接再励。",
    ];

    #[track_caller]
    fn assert_same_build(builder: &LinterBuilder) {
        let one = builder.clone().into_linter().expect("one thread");
        let two = builder.clone().into_linter_on_two_threads().expect("two threads");
        for text in TEXTS {
            assert_eq!(one.check(text), two.check(text), "{text}");
        }
        assert_eq!(one.roster_date(), two.roster_date());
    }

    #[test]
    fn two_threads_build_the_same_linter() {
        let mut many = LinterBuilder::new();
        let lines: String = (0..=600).map(|i| format!("布署{i}号\t部署{i}号\n")).collect();
        many.add_dictionary("县情.tsv", &format!("!family typo\n{lines}")).unwrap();
        assert_same_build(&many);
        assert_same_build(&LinterBuilder::new());
        let mut user = LinterBuilder::new();
        user.add_dictionary("县情.tsv", "!family typo\n青神县政付\t青神县政府\n").unwrap();
        user.disable_rule("format");
        assert_same_build(&user);
        let mut no_leaders = LinterBuilder::new();
        no_leaders.disable_rule("leader");
        assert_same_build(&no_leaders);
        let mut prepared = LinterBuilder::new();
        prepared.prepare_shared_tables(true).model(false);
        assert_same_build(&prepared);
    }

    /// The other thread's half holds the format rules (unless the family is off), with the
    /// roster and the folding table, however few the user's entries: the calling thread's half,
    /// the shipped entries, is the longer without them.
    #[test]
    fn the_format_rules_are_made_beside_the_entries() {
        let (roster, _, format) = LinterBuilder::new().other_side();
        assert!(format.is_some() && !roster.people.is_empty());
        let mut off = LinterBuilder::new();
        off.disable_rule("format");
        assert!(off.other_side().2.is_none());
    }

    /// A prepared two-thread build makes the segmenter and the roster's indexes ahead, and
    /// they are those made on first need: the same words known (every entry's, a user word's,
    /// and random pairs of characters of the entries), the same findings.
    #[test]
    fn a_prepared_build_makes_ahead_what_checks_make_on_first_need() {
        let mut b = LinterBuilder::new();
        b.prepare_shared_tables(true).model(false);
        b.add_dictionary("县情.tsv", "!family typo\n青神县政付\t青神县政府\tcheck=word\n").unwrap();
        let ahead = b.clone().into_linter_on_two_threads().expect("two threads");
        let lazy = b.into_linter().expect("one thread");
        assert!(ahead.inner.segmenter.get().is_some() && lazy.inner.segmenter.get().is_none());
        let (ahead_seg, lazy_seg) = (ahead.inner.segmenter(), lazy.inner.segmenter());
        let patterns: Vec<&str> = lazy.inner.entries.iter().map(|e| e.pattern.as_str()).collect();
        let chars: Vec<char> = patterns.iter().flat_map(|p| p.chars()).collect();
        let mut rng = crate::test_rng::Rng::new(4);
        let pairs: Vec<String> = (0..2_000)
            .map(|_| {
                [chars[rng.below(chars.len())], chars[rng.below(chars.len())]].iter().collect()
            })
            .collect();
        let words = patterns.iter().copied().chain(pairs.iter().map(String::as_str));
        for w in words.chain(["县政府", "青神县政府"]) {
            assert_eq!(ahead_seg.knows(w), lazy_seg.knows(w), "{w}");
        }
        let (ahead_roster, lazy_roster) = (&ahead.inner.roster, &lazy.inner.roster);
        for alias in 0..lazy_roster.aliases.len() as u32 {
            assert_eq!(ahead_roster.near(alias), lazy_roster.near(alias));
        }
        for title in 0..lazy_roster.titles.len() as u32 + 1 {
            assert_eq!(ahead_roster.aliases_naming(&[title]), lazy_roster.aliases_naming(&[title]));
        }
        for text in TEXTS.iter().chain(&["青神县政付召开会议"]) {
            assert_eq!(ahead.check(text), lazy.check(text), "{text}");
        }
    }

    /// Work given to the build runs once, on the build's second thread when it starts one, and
    /// gives its answer whether the build succeeds or stops (a cycle, an unknown setting).
    #[test]
    fn work_beside_the_build_runs_once_whatever_the_build_gives() {
        let this = std::thread::current().id();
        let beside = || std::thread::current().id();
        let mut b = LinterBuilder::new();
        b.prepare_shared_tables(true);
        let (built, ran_on) = b.clone().into_linter_beside(beside);
        assert_ne!(ran_on, this, "on the build's second thread");
        let one = b.into_linter().expect("one thread");
        for text in TEXTS {
            assert_eq!(built.as_ref().expect("built").check(text), one.check(text), "{text}");
        }
        let mut cycle = LinterBuilder::new();
        cycle.add_dictionary("环.tsv", "!family typo\n甲乙\t丙丁\n丙丁\t甲乙\n").unwrap();
        let (built, ran_on) = cycle.into_linter_beside(beside);
        assert!(built.is_err());
        assert_ne!(ran_on, this, "the cycle is found after the first step");
        let mut unknown = LinterBuilder::new();
        unknown.disable_rule("no-such-rule");
        let runs = std::sync::atomic::AtomicUsize::new(0);
        let (built, ran_on) = unknown.into_linter_beside(|| {
            runs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            beside()
        });
        assert!(built.is_err());
        assert_eq!((ran_on, runs.into_inner()), (this, 1), "refused before any thread started");
    }

    /// A store in memory.
    #[derive(Debug, Default)]
    struct Kept(std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>);

    impl crate::store::AutomatonStore for Kept {
        fn load(&self, key: &str) -> Option<Vec<u8>> {
            self.0.lock().unwrap().get(key).cloned()
        }
        fn store(&self, key: &str, bytes: &[u8]) {
            self.0.lock().unwrap().insert(key.to_owned(), bytes.to_vec());
        }
    }

    #[test]
    fn two_threads_read_the_stored_automaton_as_one_builds_it() {
        let store = Arc::new(Kept::default());
        let mut b = LinterBuilder::new();
        b.automaton_store(store.clone());
        let dict = "!family sensitive\n台湾政府\t台湾当局\tevasion=yes\n";
        b.add_dictionary("t", dict).unwrap();
        // Traditional forms and noise: the automaton walks with the folding table that this
        // thread restricts while the other reads the automaton.
        let folded = "臺灣政府，台 湾 政 府，台湾政府";
        let texts = [TEXTS, &[folded]].concat();
        let built = b.clone().into_linter().expect("one thread");
        assert_eq!(built.check(folded).len(), 3, "folded and as written");
        assert_eq!(store.0.lock().unwrap().len(), 1, "stored");
        let read = b.clone().into_linter_on_two_threads().expect("read back");
        // Cut short, the stored automaton is refused and built again on the other thread.
        store.0.lock().unwrap().values_mut().for_each(|bytes| bytes.truncate(bytes.len() / 2));
        let rebuilt = b.into_linter_on_two_threads().expect("rebuilt");
        for text in &texts {
            let want = built.check(text);
            assert_eq!(read.check(text), want, "{text}");
            assert_eq!(rebuilt.check(text), want, "{text}");
        }
    }

    #[test]
    fn two_threads_refuse_what_one_refuses() {
        let mut cycle = LinterBuilder::new();
        cycle.add_dictionary("环.tsv", "!family typo\n甲乙\t丙丁\n丙丁\t甲乙\n").unwrap();
        let one = cycle.clone().into_linter().expect_err("a cycle").to_string();
        let two = cycle.into_linter_on_two_threads().expect_err("a cycle").to_string();
        assert_eq!(one, two);
    }

    #[test]
    fn a_panic_beside_the_build_is_raised_as_itself() {
        let panic = std::panic::catch_unwind(|| {
            LinterBuilder::new().into_linter_beside(|| -> usize { panic!("the walk broke") })
        })
        .expect_err("beside panicked");
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"the walk broke"));
    }
}
