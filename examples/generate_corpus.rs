//! Writes a deterministic corpus of posts as JSON Lines, for benchmarks over large archives.
//!
//! ```sh
//! cargo run --release --example generate_corpus -- --size 10MB --seed 42 --error-rate 0.002 --out /tmp/posts.jsonl
//! ```
//!
//! Each line is `{"id": N, "date": "YYYY-MM-DD", "unit": "…", "text": "…"}` with a text of 200 to
//! 3,000 characters cut from the documents in `../shared/data/corpus/gov-docs` (or, where that
//! folder is absent, from sentences of words drawn by frequency from jieba's word list, the
//! compact lexicon in `dictionaries/segment/`). Errors of each family are injected with the
//! shipped dictionaries:
//!
//! - typo: a correct form in the text is replaced by a shipped misspelling of it (部署 → 布署);
//! - sensitive: a shipped sensitive expression is inserted after a punctuation mark;
//! - leader: a leader's name is misspelled by one confusable character (习近平 → 习进平), or
//!   preceded by a title the person no longer held on the post's date.
//!
//! Where a post has no form to replace, the error is inserted after a punctuation mark instead.
//!
//! Options: `--size N[KB|MB|GB]` (binary units, default 10MB; writing stops once it is reached),
//! `--seed N` (default 42; a seed gives byte-identical output), `--error-rate R` (expected errors
//! of each family per character, default 0.002), `--typo-rate R`, `--sensitive-rate R`,
//! `--leader-rate R` (one family's rate), `--reply-rate R` (the share of posts that are replies,
//! default 0: each gets a type field that marks a reply, such as `"type":"reply"` or
//! `"msg_type":"回复"`, and one abusive expression), `--source DIR` (the documents), `--out FILE`
//! (default standard output). A one-line summary goes to standard error.

use aho_corasick::{AhoCorasick, MatchKind};
use sanshen::dict::{Dictionary, EntryKind};
use sanshen::Date;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;

#[path = "../benches/common/words.rs"]
mod words;

/// splitmix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// How many errors a text of `chars` characters gets: the expectation, rounded at random.
    fn count(&mut self, rate: f64, chars: usize) -> usize {
        let want = rate * chars as f64;
        want as usize + usize::from(self.unit() < want.fract())
    }
}

struct Options {
    size: u64,
    seed: u64,
    rates: [f64; 3],
    /// The share of posts that are replies.
    reply_rate: f64,
    source: PathBuf,
    out: Option<PathBuf>,
}

fn parse_size(s: &str) -> Result<u64, String> {
    let upper = s.trim().to_ascii_uppercase();
    let digits = upper.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let shift = match &upper[digits.len()..] {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        unit => return Err(format!("unknown size unit {unit:?}")),
    };
    let n: f64 = digits.trim().parse().map_err(|_| format!("bad size {s:?}"))?;
    Ok((n * (1u64 << shift) as f64) as u64)
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        size: 10 << 20,
        seed: 42,
        rates: [0.002; 3],
        reply_rate: 0.0,
        source: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus/gov-docs"),
        out: None,
    };
    let mut family_rates = [None; 3];
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let rate = || value.parse::<f64>().map_err(|_| format!("bad rate {value:?}"));
        match flag.as_str() {
            "--size" => o.size = parse_size(&value)?,
            "--seed" => o.seed = value.parse().map_err(|_| format!("bad seed {value:?}"))?,
            "--error-rate" => o.rates = [rate()?; 3],
            "--typo-rate" => family_rates[0] = Some(rate()?),
            "--sensitive-rate" => family_rates[1] = Some(rate()?),
            "--leader-rate" => family_rates[2] = Some(rate()?),
            "--reply-rate" => o.reply_rate = rate()?,
            "--source" => o.source = PathBuf::from(value),
            "--out" => o.out = (value != "-").then(|| PathBuf::from(value)),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    for (rate, given) in o.rates.iter_mut().zip(family_rates) {
        *rate = given.unwrap_or(*rate);
    }
    Ok(o)
}

/// The paragraphs of the documents in `dir`, in file-name order, or paragraphs of words drawn
/// from jieba's word list where there are none.
fn paragraphs(dir: &PathBuf, rng: &mut Rng) -> Vec<String> {
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|r| r.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    paths.sort();
    let mut out: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .flat_map(|t| t.lines().map(str::trim).map(str::to_owned).collect::<Vec<_>>())
        .filter(|l| !l.is_empty())
        .collect();
    if out.is_empty() {
        let words = words::Words::new();
        let mut next = || rng.next();
        for _ in 0..5_000 {
            let sentences = 1 + next() % 6;
            out.push((0..sentences).map(|_| words.sentence(&mut next)).collect());
        }
    }
    out
}

/// Consecutive paragraphs from a random one on, cut to 200–2,900 characters (shorter posts are
/// commoner; injected errors may add a few dozen), at the end of a sentence where one is near.
fn post_text(paras: &[String], rng: &mut Rng) -> String {
    let u = rng.unit();
    let target = 200 + (2_700.0 * u * u) as usize;
    let mut text = String::new();
    let mut i = rng.below(paras.len());
    while text.chars().count() < target {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&paras[i]);
        i = (i + 1) % paras.len();
    }
    let cut = text.char_indices().nth(target).map_or(text.len(), |(at, _)| at);
    text.truncate(cut);
    if let Some(end) = text.rfind('。').map(|at| at + '。'.len_utf8()) {
        if text[..end].chars().count() >= 200 {
            text.truncate(end);
        }
    }
    text
}

/// A change to a post: replace `start..end` with `with`.
struct Edit {
    start: usize,
    end: usize,
    with: String,
    family: usize,
}

/// What the shipped dictionaries give to inject errors with.
struct Injector {
    /// Correct forms, one pattern each, and the misspellings of each.
    correct: AhoCorasick,
    misspellings: Vec<Vec<String>>,
    sensitive: Vec<String>,
    /// Abusive and contemptuous expressions, one of which each reply gets.
    abuse: Vec<String>,
    names: AhoCorasick,
    name_list: Vec<String>,
    /// Each name's titles with the first day the person no longer held them.
    ended: BTreeMap<String, Vec<(String, Date)>>,
    /// Each name and title's terms, `from..to` (open ends: `None`).
    terms: BTreeMap<(String, String), Vec<Term>>,
    /// Each name's titles, to put before a misspelled name.
    titles: BTreeMap<String, Vec<String>>,
    confusables: BTreeMap<char, Vec<char>>,
}

/// A term of office: `from..to`, open ends `None`.
type Term = (Option<Date>, Option<Date>);

fn leftmost_longest(patterns: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("the shipped patterns build an automaton")
}

impl Injector {
    fn new(dict: &Dictionary) -> Injector {
        let mut typos: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for e in dict.entries.iter().filter(|e| e.kind == EntryKind::Typo) {
            if let Some(fix) = e.suggestions.first() {
                let correct = format!("{}{fix}", &e.pattern[..e.lead]);
                if correct.chars().count() >= 2 && correct != e.pattern {
                    typos.entry(correct).or_default().insert(e.pattern.clone());
                }
            }
        }
        let sensitive: BTreeSet<String> = dict
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::Sensitive)
            .map(|e| e.pattern.clone())
            .collect();
        let abuse: BTreeSet<String> = dict
            .entries
            .iter()
            .filter(|e| e.category.as_deref() == Some(sanshen::ABUSE_CATEGORY))
            .map(|e| e.pattern.clone())
            .collect();
        let mut ended: BTreeMap<String, Vec<(String, Date)>> = BTreeMap::new();
        let mut titles: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut terms: BTreeMap<(String, String), Vec<_>> = BTreeMap::new();
        for r in dict.roster.iter().filter(|r| r.name.chars().count() >= 2) {
            titles.entry(r.name.clone()).or_default().push(r.title.clone());
            terms.entry((r.name.clone(), r.title.clone())).or_default().push((r.from, r.to));
            if let Some(to) = r.to {
                ended.entry(r.name.clone()).or_default().push((r.title.clone(), to));
            }
        }
        let confusables = dict
            .confusables
            .iter()
            .filter(|c| c.category.as_deref() == Some("name"))
            .map(|c| (c.ch, c.similar.clone()))
            .collect();
        let correct: Vec<String> = typos.keys().cloned().collect();
        let name_list: Vec<String> = titles.keys().cloned().collect();
        Injector {
            correct: leftmost_longest(&correct),
            misspellings: typos.into_values().map(|s| s.into_iter().collect()).collect(),
            sensitive: sensitive.into_iter().collect(),
            abuse: abuse.into_iter().collect(),
            names: leftmost_longest(&name_list),
            name_list,
            ended,
            terms,
            titles,
            confusables,
        }
    }

    /// `name` with one character replaced by a confusable one, if it has such a character.
    fn misspell(&self, name: &str, rng: &mut Rng) -> Option<String> {
        let chars: Vec<char> = name.chars().collect();
        let spots: Vec<usize> =
            (0..chars.len()).filter(|i| self.confusables.contains_key(&chars[*i])).collect();
        if spots.is_empty() {
            return None;
        }
        let at = *rng.pick(&spots);
        let mut out = chars.clone();
        out[at] = *rng.pick(&self.confusables[&chars[at]]);
        let out: String = out.into_iter().collect();
        (!self.titles.contains_key(&out)).then_some(out)
    }

    /// Whether `name` held `title` on `date` in one of the terms of the roster.
    fn holds(&self, name: &str, title: &str, date: Date) -> bool {
        let terms = self.terms.get(&(name.to_owned(), title.to_owned()));
        let within =
            |&(from, to): &Term| from.is_none_or(|f| f <= date) && to.is_none_or(|t| date < t);
        terms.is_some_and(|terms| terms.iter().any(within))
    }

    /// A wrong way to write `name` in a post of `date`: a title whose term had ended (and that
    /// the person did not hold again on that day) before it, or a misspelling; `titled` puts a
    /// title before the misspelling.
    fn leader_error(&self, name: &str, date: Date, titled: bool, rng: &mut Rng) -> Option<String> {
        let ended: Vec<&String> = self
            .ended
            .get(name)
            .map(|v| {
                let over = |(t, to): &&(String, Date)| *to <= date && !self.holds(name, t, date);
                v.iter().filter(over).map(|(t, _)| t).collect()
            })
            .unwrap_or_default();
        if !ended.is_empty() && rng.below(2) == 0 {
            return Some(format!("{}{name}", rng.pick(&ended)));
        }
        let wrong = self.misspell(name, rng)?;
        Some(if titled { format!("{}{wrong}", rng.pick(&self.titles[name])) } else { wrong })
    }

    /// Edits injecting errors into `text`, `counts[family]` of each, possibly overlapping.
    fn edits(&self, text: &str, date: Date, counts: [usize; 3], rng: &mut Rng) -> Vec<Edit> {
        let slots = slots(text);
        let slot = |rng: &mut Rng| if slots.is_empty() { 0 } else { *rng.pick(&slots) };
        let mut edits = Vec::new();
        let typos: Vec<_> = self.correct.find_iter(text).collect();
        for m in choose(&typos, counts[0], rng) {
            let with = rng.pick(&self.misspellings[m.pattern().as_usize()]).clone();
            edits.push(Edit { start: m.start(), end: m.end(), with, family: 0 });
        }
        for _ in typos.len().min(counts[0])..counts[0] {
            let at = slot(rng);
            let forms = rng.pick(&self.misspellings);
            let with = rng.pick(forms).clone();
            edits.push(Edit { start: at, end: at, with, family: 0 });
        }
        for _ in 0..counts[1] {
            let at = slot(rng);
            edits.push(Edit {
                start: at,
                end: at,
                with: rng.pick(&self.sensitive).clone(),
                family: 1,
            });
        }
        let names: Vec<_> = self.names.find_iter(text).collect();
        for m in choose(&names, counts[2], rng) {
            let name = &self.name_list[m.pattern().as_usize()];
            if let Some(with) = self.leader_error(name, date, false, rng) {
                edits.push(Edit { start: m.start(), end: m.end(), with, family: 2 });
            }
        }
        for _ in names.len().min(counts[2])..counts[2] {
            let at = slot(rng);
            for _ in 0..8 {
                let name = rng.pick::<String>(&self.name_list);
                if let Some(with) = self.leader_error(name, date, true, rng) {
                    edits.push(Edit { start: at, end: at, with, family: 2 });
                    break;
                }
            }
        }
        edits
    }

    /// A reply's type field and value, and the abusive expression it gets, inserted after a
    /// punctuation mark.
    fn reply(&self, text: &str, rng: &mut Rng) -> (&'static str, &'static str, Edit) {
        let field = *rng.pick(sanshen::TYPE_FIELDS);
        let value = *rng.pick(sanshen::REPLY_TYPES);
        let slots = slots(text);
        let at = if slots.is_empty() { 0 } else { *rng.pick(&slots) };
        let with = rng.pick(&self.abuse).clone();
        (field, value, Edit { start: at, end: at, with, family: 1 })
    }
}

/// The places after a punctuation mark where an error can be inserted.
fn slots(text: &str) -> Vec<usize> {
    text.char_indices()
        .filter(|(_, c)| matches!(c, '，' | '。' | '；' | '：'))
        .map(|(at, c)| at + c.len_utf8())
        .collect()
}

/// `n` of `items` (all of them if there are fewer), in a random order.
fn choose<T: Copy>(items: &[T], n: usize, rng: &mut Rng) -> Vec<T> {
    let mut items = items.to_vec();
    let n = n.min(items.len());
    for i in 0..n {
        let j = i + rng.below(items.len() - i);
        items.swap(i, j);
    }
    items.truncate(n);
    items
}

/// `text` with the edits that do not overlap an earlier one applied; adds what was applied to
/// `injected`.
fn apply(text: &str, mut edits: Vec<Edit>, injected: &mut [u64; 3]) -> String {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut done = 0;
    for e in edits {
        if e.start < done {
            continue;
        }
        out.push_str(&text[done..e.start]);
        out.push_str(&e.with);
        done = e.end;
        injected[e.family] += 1;
    }
    out.push_str(&text[done..]);
    out
}

const PLACES: &[&str] = &["青神县", "洪雅县", "丹棱县", "仁寿县", "东坡区", "彭山区", "眉山市"];
const OFFICES: &[&str] = &[
    "人民政府",
    "人民政府办公室",
    "发展和改革局",
    "教育局",
    "卫生健康局",
    "应急管理局",
    "生态环境局",
    "农业农村局",
    "财政局",
    "民政局",
    "市场监督管理局",
    "人力资源和社会保障局",
    "融媒体中心",
];

/// What [`generate`] wrote.
#[derive(Debug, PartialEq, Eq)]
struct Summary {
    posts: u64,
    bytes: u64,
    /// Errors injected of each family: typo, sensitive, leader.
    injected: [u64; 3],
    replies: u64,
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let out: Box<dyn Write> = match &o.out {
        Some(path) => Box::new(std::fs::File::create(path)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    let Summary { posts, bytes, injected, replies } = generate(o, &mut out)?;
    out.flush()?;
    let replies = if o.reply_rate > 0.0 { format!(" replies={replies}") } else { String::new() };
    eprintln!(
        "posts={posts} bytes={bytes} typo={} sensitive={} leader={}{replies}",
        injected[0], injected[1], injected[2]
    );
    Ok(())
}

/// Writes posts to `out` until `o.size` bytes are written.
fn generate(o: &Options, out: &mut impl Write) -> Result<Summary, Box<dyn std::error::Error>> {
    let dict = Dictionary::builtin();
    let mut rng = Rng(o.seed);
    let paras = paragraphs(&o.source, &mut rng);
    let injector = Injector::new(dict);
    let first = Date::new(2016, 1, 1).expect("a date").days_since_epoch();
    let last = Date::new(2026, 3, 1).expect("a date").days_since_epoch();
    let (mut posts, mut bytes, mut injected, mut replies) = (0u64, 0u64, [0u64; 3], 0u64);
    while bytes < o.size {
        let text = post_text(&paras, &mut rng);
        let date = Date::from_days_since_epoch(first + rng.below((last - first) as usize) as i64);
        let unit = format!("{}{}", rng.pick::<&str>(PLACES), rng.pick::<&str>(OFFICES));
        let chars = text.chars().count();
        let counts = o.rates.map(|r| rng.count(r, chars));
        let mut edits = injector.edits(&text, date, counts, &mut rng);
        // Drawn only when asked for, so that a corpus without replies stays byte-identical.
        let mut kind = String::new();
        if o.reply_rate > 0.0 && rng.unit() < o.reply_rate {
            let (field, value, edit) = injector.reply(&text, &mut rng);
            edits.push(edit);
            kind = format!("{}:{},", serde_json::to_string(field)?, serde_json::to_string(value)?);
            replies += 1;
        }
        let text = apply(&text, edits, &mut injected);
        posts += 1;
        let line = format!(
            "{{\"id\":{posts},\"date\":\"{date}\",\"unit\":{},{kind}\"text\":{}}}\n",
            serde_json::to_string(&unit)?,
            serde_json::to_string(&text)?
        );
        out.write_all(line.as_bytes())?;
        bytes += line.len() as u64;
    }
    Ok(Summary { posts, bytes, injected, replies })
}

fn main() {
    let result = parse_args().map_err(Into::into).and_then(|o| run(&o));
    if let Err(e) = result {
        eprintln!("generate_corpus: {e}");
        std::process::exit(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sanshen::{Family, Linter};

    /// Options for a corpus of `size` bytes from jieba's word list (no documents needed).
    fn options(size: u64, seed: u64, rates: [f64; 3]) -> Options {
        let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/no-such-folder");
        Options { size, seed, rates, reply_rate: 0.0, source, out: None }
    }

    fn corpus(o: &Options) -> (Vec<u8>, Summary) {
        let mut out = Vec::new();
        let summary = generate(o, &mut out).expect("writes to memory");
        (out, summary)
    }

    #[test]
    fn a_seed_gives_the_same_bytes_and_another_seed_others() {
        let (a, summary) = corpus(&options(64 << 10, 7, [0.002; 3]));
        let (b, _) = corpus(&options(64 << 10, 7, [0.002; 3]));
        let (c, _) = corpus(&options(64 << 10, 8, [0.002; 3]));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.len() as u64 >= 64 << 10 && summary.bytes == a.len() as u64);
    }

    #[test]
    fn posts_are_json_lines_of_realistic_length() {
        let (out, summary) = corpus(&options(256 << 10, 1, [0.0; 3]));
        assert_eq!(summary.injected, [0; 3]);
        let text = String::from_utf8(out).expect("UTF-8");
        let mut lengths = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let post: serde_json::Value =
                serde_json::from_str(line).expect("one JSON object a line");
            assert_eq!(post["id"], i as u64 + 1);
            let date = post["date"].as_str().expect("date");
            assert!(("2016-01-01".."2026-03-01").contains(&date), "{date}");
            assert!(post["unit"].as_str().is_some_and(|u| !u.is_empty()));
            lengths.push(post["text"].as_str().expect("text").chars().count());
        }
        assert_eq!(lengths.len() as u64, summary.posts);
        assert!(lengths.iter().all(|n| (200..=3_000).contains(n)), "{lengths:?}");
        // Shorter posts are commoner, and the lengths spread over the range.
        lengths.sort_unstable();
        let median = lengths[lengths.len() / 2];
        assert!((500..1_500).contains(&median), "median {median}");
        assert!(lengths.last().is_some_and(|&n| n > 2_000));
    }

    #[test]
    fn replies_carry_a_reply_type_and_abusive_language() {
        let mut o = options(256 << 10, 5, [0.0; 3]);
        let (plain, _) = corpus(&o);
        assert!(!sanshen::TYPE_FIELDS
            .iter()
            .any(|f| plain.windows(f.len() + 2).any(|w| { w == format!("\"{f}\"").as_bytes() })));
        o.reply_rate = 0.5;
        let (out, summary) = corpus(&o);
        let text = String::from_utf8(out).expect("UTF-8");
        let replies = Linter::new().for_replies();
        let (mut marked, mut abusive) = (0u64, 0u64);
        for line in text.lines() {
            let post: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).expect("JSON");
            if !sanshen::is_reply(None, |f| post.get(f).and_then(|v| v.as_str())) {
                continue;
            }
            marked += 1;
            let body = post["text"].as_str().expect("text");
            let found = replies.check(body).into_iter().any(|f| {
                f.category.as_deref() == Some(sanshen::ABUSE_CATEGORY)
                    && f.severity == sanshen::Severity::Error
            });
            abusive += u64::from(found);
        }
        assert_eq!(marked, summary.replies);
        assert!(marked * 4 > summary.posts && marked * 4 < summary.posts * 3, "{marked}");
        assert!(abusive as f64 >= 0.9 * marked as f64, "{abusive} of {marked}");
    }

    #[test]
    fn each_familys_rate_is_kept_and_the_errors_are_found() {
        let rates = [0.003, 0.001, 0.002];
        let (out, summary) = corpus(&options(512 << 10, 3, rates));
        let text = String::from_utf8(out).expect("UTF-8");
        let linter = Linter::new();
        let (mut chars, mut found) = (0usize, [0u64; 3]);
        for line in text.lines() {
            let post: serde_json::Value = serde_json::from_str(line).expect("JSON");
            let body = post["text"].as_str().expect("text");
            let date: sanshen::Date = post["date"].as_str().expect("date").parse().expect("date");
            chars += body.chars().count();
            for f in linter.check_as_of(body, date) {
                let family = [Family::Typo, Family::Sensitive, Family::Leader];
                if let Some(i) = family.iter().position(|&x| x == f.family) {
                    found[i] += 1;
                }
            }
        }
        for (i, rate) in rates.iter().enumerate() {
            let expected = rate * chars as f64;
            let injected = summary.injected[i] as f64;
            assert!(
                (0.8 * expected..1.2 * expected).contains(&injected),
                "{i}: {injected} of {expected}"
            );
            // Nearly every injected error is found; the base text itself has almost none.
            assert!(found[i] as f64 >= 0.9 * injected, "{i}: found {} of {injected}", found[i]);
            assert!(
                (found[i] as f64) < 1.2 * injected + 10.0,
                "{i}: found {} of {injected}",
                found[i]
            );
        }
    }
}
