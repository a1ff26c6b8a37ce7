//! JSON Lines input as the binary reads it (its own modules, compiled in): every non-blank line
//! is either one checked post or one error naming its line, and findings slice the post's text.
#![no_main]

#[allow(dead_code)]
#[path = "../../src/bin/sanshen/args.rs"]
mod args;
#[allow(dead_code)]
#[path = "../../src/bin/sanshen/baseline.rs"]
mod baseline;
#[allow(dead_code)]
#[path = "../../src/bin/sanshen/jsonl.rs"]
mod jsonl;
#[allow(dead_code)]
#[path = "../../src/bin/sanshen/output.rs"]
mod output;
#[allow(dead_code)]
#[path = "../../src/bin/sanshen/place.rs"]
mod place;
#[path = "../../src/bin/sanshen/replies.rs"]
mod replies;
// What the modules above reach into: the baseline and review-record gate, the record file and
// the atomic write, compiled in as they are.
#[allow(dead_code)]
#[path = "../../src/bin/sanshen/gate.rs"]
mod gate;
#[allow(dead_code)]
#[path = "../../src/bin/sanshen/ledger.rs"]
mod ledger;
#[allow(dead_code)]
#[path = "../../src/bin/sanshen/write.rs"]
mod write;

/// The arguments of the `audit` and `review` subcommands, which the parsed `check` never
/// reaches: empty here, so that the subcommand enum compiles without their modules.
mod audit {
    pub(crate) mod options {
        #[derive(Debug, clap::Args)]
        pub(crate) struct AuditArgs {}
    }
}
mod review_cmd {
    #[derive(Debug, clap::Args)]
    pub(crate) struct ReviewArgs {}
}

use clap::Parser;
use libfuzzer_sys::fuzz_target;
use sanshen::{Date, Linter, LinterBuilder};
use std::sync::LazyLock;

static ARGS: LazyLock<args::CheckArgs> = LazyLock::new(|| {
    let cli = args::Cli::try_parse_from([
        "sanshen",
        "check",
        "--jsonl",
        "--id-field",
        "id",
        "--date-field",
        "date",
    ])
    .expect("valid arguments");
    match cli.command {
        args::Command::Check(a) => *a,
        #[allow(unreachable_patterns)]
        _ => unreachable!("parsed `check`"),
    }
});

fn is_blank(line: &[u8]) -> bool {
    std::str::from_utf8(line).is_ok_and(|t| t.trim_start_matches('\u{feff}').trim().is_empty())
}

fuzz_target!(|data: &[u8]| {
    let day = Date::new(2026, 3, 1).expect("exists");
    let linter = Linter::new();
    let mut errors = Vec::new();
    let mut posts = Vec::new();
    let replies = replies::Replies::new(&LinterBuilder::new(), false);
    let linters = jsonl::Linters { posts: &linter, replies: &replies };
    jsonl::check_stream("fuzz.jsonl", data, &linters, &ARGS, day, &mut errors, |p| {
        posts.push(p);
        Ok(())
    })
    .expect("nothing to write");
    let lines: Vec<&[u8]> = data.split_inclusive(|&b| b == b'\n').collect();
    let expected = lines.iter().filter(|l| !is_blank(l)).count();
    assert_eq!(posts.len() + errors.len(), expected, "a record was lost or counted twice");
    for e in &errors {
        let line: usize = e["fuzz.jsonl:".len()..].split(':').next().unwrap().parse().unwrap();
        assert!(!is_blank(lines[line - 1]), "error on a blank line: {e}");
    }
    for p in &posts {
        let line = std::str::from_utf8(lines[p.line - 1]).expect("checked posts are UTF-8");
        let line = line.trim_start_matches('\u{feff}').trim();
        // Records with lone surrogates or numbers out of range are checked too, but only
        // strict JSON is re-read here.
        let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let body = value["text"].as_str().expect("text field");
        sanshen_fuzz::assert_findings_sound(body, &p.findings);
    }
});
