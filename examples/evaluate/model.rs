//! The statistical model (`typo/model`): thresholds tuned on half A of ECSpell `odw.train` and
//! on the development slice of the official corpus; figures on half B, the other labelled sets
//! and the held-out part of the official corpus.
//!
//! `odw.train` is split by document: most of its sentences come from a file of
//! `corpus/gov-docs/`; a sentence goes to half B when the FNV-1a hash of the name of the first
//! file (in name order) that holds its corrected text is odd, and a sentence found in no file by
//! the hash of its corrected text. So no document has sentences in both halves.

use aho_corasick::AhoCorasick;
use sanshen::model::{Model, Suspect, Tuning};
use sanshen::{Finding, Linter};
use std::path::Path;

/// One labelled sentence with what the dictionaries and the model found in it.
struct Checked {
    source: String,
    corrected: String,
    dictionary: Vec<Finding>,
    /// The spans of every finding, of any family (the model leaves them alone).
    covered: Vec<sanshen::Span>,
    suspects: Vec<Suspect>,
}

/// The model's suspects in `text` outside `covered`.
fn suspects(text: &str, covered: &[sanshen::Span], tuning: &Tuning) -> Vec<Suspect> {
    let skip = |s: sanshen::Span| covered.iter().any(|f| f.start <= s.start && s.end <= f.end);
    Model::embedded().suspects_tuned(text, skip, tuning)
}

/// The set scanned again with the floor raised to `threshold`, as `typo/model` scans when that
/// is its lowest reported confidence.
fn rescan(set: &mut [Checked], tuning: &Tuning, threshold: f32) {
    let tuning = tuning.reporting_from(threshold);
    for c in set {
        c.suspects = suspects(&c.source, &c.covered, &tuning);
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xCBF2_9CE4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3))
}

/// Whether each labelled pair is in half B, and what placed it: its first file of
/// `corpus/gov-docs/`, or its corrected text when no file holds it.
fn halves(pairs: &[(String, String)], gov_docs: &Path) -> Vec<(bool, String)> {
    let targets: Vec<&str> = pairs.iter().map(|(_, c)| c.as_str()).collect();
    let mut home: Vec<Option<String>> = vec![None; pairs.len()];
    if let (Ok(ac), Ok(read)) = (AhoCorasick::new(&targets), std::fs::read_dir(gov_docs)) {
        let mut names: Vec<String> =
            read.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        for name in names {
            let Ok(text) = std::fs::read_to_string(gov_docs.join(&name)) else { continue };
            for m in ac.find_overlapping_iter(&text) {
                home[m.pattern().as_usize()].get_or_insert_with(|| name.clone());
            }
        }
    }
    pairs
        .iter()
        .zip(home)
        .map(|((_, c), h)| {
            let in_b = fnv(h.as_deref().unwrap_or(c).as_bytes()) & 1 == 1;
            (in_b, h.unwrap_or_else(|| c.clone()))
        })
        .collect()
}

fn labelled_pairs(path: &Path) -> Option<Vec<(String, String)>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(super::labelled(&text).map(|(s, c)| (s.to_owned(), c.to_owned())).collect())
}

fn check(dictionary: &Linter, pairs: Vec<(String, String)>, tuning: &Tuning) -> Vec<Checked> {
    pairs
        .into_iter()
        .map(|(source, corrected)| {
            let all = dictionary.check(&source);
            let covered: Vec<sanshen::Span> = all.iter().map(|f| f.span).collect();
            let suspects = suspects(&source, &covered, tuning);
            let dictionary =
                all.into_iter().filter(|f| f.family == sanshen::Family::Typo).collect();
            Checked { source, corrected, dictionary, covered, suspects }
        })
        .collect()
}

/// Sentence-level figures at a confidence threshold.
#[derive(Default, Clone, Copy)]
struct Figures {
    flagged: usize,
    hits: usize,
    with_errors: usize,
    corrected: usize,
    findings: usize,
    /// Findings on a changed character, and those whose suggestion is the correction.
    on_errors: usize,
    right_fix: usize,
}

impl Figures {
    fn precision(&self) -> f64 {
        self.hits as f64 / self.flagged.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.hits as f64 / self.with_errors.max(1) as f64
    }
    fn correction(&self) -> f64 {
        self.corrected as f64 / self.flagged.max(1) as f64
    }
    fn fix_precision(&self) -> f64 {
        self.right_fix as f64 / self.on_errors.max(1) as f64
    }
    fn row(&self, name: &str) -> String {
        let f1 =
            2.0 * self.precision() * self.recall() / (self.precision() + self.recall()).max(1e-9);
        format!(
            "| {name} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
            self.with_errors,
            self.flagged,
            self.precision(),
            self.recall(),
            f1,
            self.fix_precision(),
            self.correction()
        )
    }
}

/// A flagged sentence is a hit when a finding covers a changed character; it is corrected when
/// applying every finding's first suggestion gives exactly the corrected sentence.
fn figures(set: &[Checked], threshold: f32, model: bool) -> Figures {
    let mut f = Figures::default();
    for c in set {
        let changed = super::changed_bytes(&c.source, &c.corrected);
        f.with_errors += usize::from(!changed.is_empty());
        let mut spans: Vec<(sanshen::Span, Option<&str>)> = c
            .dictionary
            .iter()
            .map(|d| (d.span, d.suggestions.first().map(String::as_str)))
            .collect();
        if model {
            let kept = c.suspects.iter().filter(|s| s.confidence >= threshold);
            spans.extend(kept.map(|s| (s.span, Some(s.suggestion.as_str()))));
        }
        if spans.is_empty() {
            continue;
        }
        f.flagged += 1;
        f.findings += spans.len();
        for (s, with) in &spans {
            if changed.iter().any(|&(a, b)| s.start <= a && b <= s.end) {
                f.on_errors += 1;
                let right = c.corrected.get(s.start..s.end);
                f.right_fix += usize::from(with.is_some() && right == *with);
            }
        }
        let covers =
            spans.iter().any(|(s, _)| changed.iter().any(|&(a, b)| s.start <= a && b <= s.end));
        f.hits += usize::from(covers && !changed.is_empty());
        spans.sort_by_key(|(s, _)| std::cmp::Reverse(s.start));
        let mut fixed = c.source.clone();
        for (s, with) in spans {
            if let Some(w) = with {
                if s.end <= fixed.len()
                    && fixed.is_char_boundary(s.start)
                    && fixed.is_char_boundary(s.end)
                {
                    fixed.replace_range(s.start..s.end, w);
                }
            }
        }
        f.corrected += usize::from(fixed == c.corrected);
    }
    f
}

/// Model confidences on clean text: the documents of the official corpus whose SHA-256 path
/// hash starts with one of `digits`, with the MB of text checked.
fn clean_confidences(
    dictionary: &Linter,
    official: &Path,
    digits: &str,
    tuning: &Tuning,
) -> (Vec<f32>, f64) {
    let Ok(index) = std::fs::read_to_string(official.join("index.tsv")) else {
        return (Vec::new(), 0.0);
    };
    let mut out = Vec::new();
    let mut bytes = 0;
    // SANSHEN_EVAL_MB stops after that many MB (a quicker, rougher look).
    let limit: f64 =
        std::env::var("SANSHEN_EVAL_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(f64::MAX);
    for line in index.lines().skip(1) {
        if bytes as f64 / 1e6 > limit {
            break;
        }
        let Some(path) = line.split('\t').nth(1) else { continue };
        if !digits.contains(super::sha256_first_hex(path)) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(official.join(path)) else { continue };
        bytes += text.len();
        out.extend(text_confidences(dictionary, &text, tuning));
    }
    (out, bytes as f64 / 1e6)
}

/// Model confidences on the clean files of a directory (`SANSHEN_EVAL_DEV_DIR`: the larger
/// development set `tools/dev_clean_set.py` writes), with the MB of text checked.
fn dir_confidences(dictionary: &Linter, dir: &Path, tuning: &Tuning) -> (Vec<f32>, f64) {
    let Ok(read) = std::fs::read_dir(dir) else { return (Vec::new(), 0.0) };
    let mut names: Vec<_> = read.flatten().map(|e| e.path()).collect();
    names.sort();
    let (mut out, mut bytes) = (Vec::new(), 0);
    for path in names {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        bytes += text.len();
        out.extend(text_confidences(dictionary, &text, tuning));
    }
    (out, bytes as f64 / 1e6)
}

/// The model's confidences in one clean text, outside every dictionary finding; with
/// `SANSHEN_EVAL_SHOW` set, those from that confidence printed with their context.
fn text_confidences(dictionary: &Linter, text: &str, tuning: &Tuning) -> Vec<f32> {
    let day = sanshen::Date::new(2021, 6, 30).expect("a real date");
    let all = dictionary.check_as_of(text, day);
    let covered: Vec<sanshen::Span> = all.iter().map(|f| f.span).collect();
    let found = suspects(text, &covered, tuning);
    if let Ok(show) = std::env::var("SANSHEN_EVAL_SHOW") {
        let show: f32 = show.parse().unwrap_or(0.95);
        for s in found.iter().filter(|s| s.confidence >= show) {
            let before: String = text[..s.span.start].chars().rev().take(8).collect();
            let after: String = text[s.span.end..].chars().take(8).collect();
            let before: String = before.chars().rev().collect();
            let around =
                format!("{before}[{}]{after}", &text[s.span.start..s.span.end]).replace('\n', " ");
            println!(
                "{:.3} {:?} {} → {} ({:.1})  {around}",
                s.confidence,
                s.kind,
                &text[s.span.start..s.span.end],
                s.suggestion,
                s.margin
            );
        }
    }
    found.iter().map(|s| s.confidence).collect()
}

fn per_mb(confidences: &[f32], mb: f64, threshold: f32) -> f64 {
    confidences.iter().filter(|&&c| c >= threshold).count() as f64 / mb.max(1e-9)
}

/// Writes `target/tmp/features.tsv`: for every character of half A (and of the development
/// slice's first MB), whether it is wrong, the margin the scan found there (or nothing) and the
/// filters' features.
fn dump_features(a: &[Checked], official: &Path, tuning: &Tuning) {
    use std::fmt::Write as _;
    let mut out = String::new();
    let mut write = |set: &str, text: &str, changed: &[(usize, usize)], found: &[Suspect]| {
        for (span, f) in Model::embedded().features(text) {
            let wrong = changed.iter().any(|&(x, y)| span.start <= x && y <= span.end);
            let margin = found.iter().find(|s| s.span.start == span.start).map(|s| s.margin);
            let margin = margin.map_or("".to_owned(), |m| format!("{m:.3}"));
            let f: Vec<String> = f.iter().map(|x| format!("{x:.3}")).collect();
            let _ = writeln!(out, "{set}\t{}\t{margin}\t{}", u8::from(wrong), f.join("\t"));
        }
    };
    for c in a {
        let changed = super::changed_bytes(&c.source, &c.corrected);
        write("A", &c.source, &changed, &c.suspects);
    }
    let index = std::fs::read_to_string(official.join("index.tsv")).unwrap_or_default();
    let mut bytes = 0;
    for line in index.lines().skip(1) {
        let Some(path) = line.split('\t').nth(1) else { continue };
        if super::sha256_first_hex(path) != '4' || bytes > 1_000_000 {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(official.join(path)) else { continue };
        bytes += text.len();
        write("dev", &text, &[], &suspects(&text, &[], tuning));
    }
    let _ = std::fs::create_dir_all("target/tmp");
    let _ = std::fs::write("target/tmp/features.tsv", out);
}

/// Writes `target/tmp/suspects.tsv`: every suspect of half A and of the development slice
/// (at the scan's own floor), with four characters of context either side, whether it lies on
/// a changed character and whether its suggestion is the correction, and per sentence of half
/// A whether it has errors, whether the dictionaries flag it and the document it comes from (to
/// fit the calibration, and to cross-validate by document).
fn dump_suspects(
    a: &[Checked],
    homes: &[String],
    official: &Path,
    dictionary: &Linter,
    tuning: &Tuning,
) {
    use std::fmt::Write as _;
    let mut out = String::new();
    let mut sentences = String::new();
    for (id, c) in a.iter().enumerate() {
        let changed = super::changed_bytes(&c.source, &c.corrected);
        for s in &c.suspects {
            suspect_row(&mut out, "A", id, &c.source, &c.corrected, &changed, s);
        }
        let dict_hit = c
            .dictionary
            .iter()
            .any(|d| changed.iter().any(|&(x, y)| d.span.start <= x && y <= d.span.end));
        let _ = writeln!(
            sentences,
            "{id}\t{}\t{}\t{}\t{}",
            u8::from(!changed.is_empty()),
            u8::from(!c.dictionary.is_empty()),
            u8::from(dict_hit),
            homes[id]
        );
    }
    let index = std::fs::read_to_string(official.join("index.tsv")).unwrap_or_default();
    let (mut bytes, mut id) = (0, 0);
    for line in index.lines().skip(1) {
        let Some(path) = line.split('\t').nth(1) else { continue };
        if super::sha256_first_hex(path) != '4' {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(official.join(path)) else { continue };
        bytes += text.len();
        id += 1;
        clean_rows(&mut out, "dev", id, &text, dictionary, tuning);
    }
    // The larger development set, when asked for (`SANSHEN_EVAL_DEV_DIR`), as set `devdir`.
    let dir = std::env::var("SANSHEN_EVAL_DEV_DIR").ok();
    let mut paths: Vec<_> = dir
        .and_then(|d| std::fs::read_dir(d).ok())
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        id += 1;
        clean_rows(&mut out, "devdir", id, &text, dictionary, tuning);
    }
    let _ = writeln!(sentences, "dev_bytes\t{bytes}\t0\t0\t-");
    let _ = std::fs::create_dir_all("target/tmp");
    let _ = std::fs::write("target/tmp/suspects.tsv", out);
    let _ = std::fs::write("target/tmp/sentences.tsv", sentences);
}

/// The rows of `suspects.tsv` for one clean text of set `set`: every suspect outside the
/// dictionaries' findings, none of them on an error.
fn clean_rows(
    out: &mut String,
    set: &str,
    id: usize,
    text: &str,
    dictionary: &Linter,
    tuning: &Tuning,
) {
    let day = sanshen::Date::new(2021, 6, 30).expect("a real date");
    let covered: Vec<sanshen::Span> =
        dictionary.check_as_of(text, day).iter().map(|f| f.span).collect();
    for s in suspects(text, &covered, tuning) {
        suspect_row(out, set, id, text, text, &[], &s);
    }
}

/// Prints every suspect of half A from confidence `from` (`SANSHEN_EVAL_SHOW_A`), marked
/// `right` (on a changed character, suggesting the correction), `on` (on a changed character,
/// another suggestion) or `wrong`: what a guard would cost.
fn show_half_a(a: &[Checked], from: f32) {
    println!("\nHalf A suspects from confidence {from}:\n");
    for c in a {
        let changed = super::changed_bytes(&c.source, &c.corrected);
        for s in c.suspects.iter().filter(|s| s.confidence >= from) {
            let (start, end) = (s.span.start, s.span.end);
            let on = changed.iter().any(|&(x, y)| start <= x && y <= end);
            let right = on && c.corrected.get(start..end) == Some(s.suggestion.as_str());
            let mark = if right {
                "right"
            } else if on {
                "on"
            } else {
                "wrong"
            };
            let before: String = c.source[..start].chars().rev().take(8).collect();
            let before: String = before.chars().rev().collect();
            let after: String = c.source[end..].chars().take(8).collect();
            println!(
                "A {mark} {:.3} {:?} {} → {} ({:.1})  {before}[{}]{after}",
                s.confidence,
                s.kind,
                &c.source[start..end],
                s.suggestion,
                s.margin,
                &c.source[start..end]
            );
        }
    }
}

/// One line of `suspects.tsv`.
fn suspect_row(
    out: &mut String,
    set: &str,
    id: usize,
    text: &str,
    corrected: &str,
    changed: &[(usize, usize)],
    s: &Suspect,
) {
    use std::fmt::Write as _;
    let (start, end) = (s.span.start, s.span.end);
    // Context up to white space, where the scan's runs end.
    let word = |c: &char| !c.is_whitespace();
    let before: String = text[..start].chars().rev().take_while(word).take(4).collect();
    let before: String = before.chars().rev().collect();
    let after: String = text[end..].chars().take_while(word).take(4).collect();
    let on = changed.iter().any(|&(x, y)| start <= x && y <= end);
    let right = on && corrected.get(start..end) == Some(s.suggestion.as_str());
    let [context, preceding, own] = s.around;
    let _ = writeln!(
        out,
        "{set}\t{id}\t{before}\t{}\t{}\t{after}\t{:.4}\t{}\t{}\t{}\t{context:.4}\t{preceding:.4}\t{own:.4}",
        &text[start..end],
        s.suggestion,
        s.margin,
        s.kind as u8,
        u8::from(on),
        u8::from(right)
    );
}

/// The shipped tuning, or another from
/// `SANSHEN_TUNING=gate,lift,floor,penalty1,penalty2,penalty3,slope,bias[,shortlist[,local[,full[,penalty4]]]]`
/// (penalties of another tone, shape, two-character words and fuzzy sounds, the last the
/// shape's unless given)
/// (to explore on half A and the development slice).
fn tuning() -> Tuning {
    let mut t = Tuning::DEFAULT;
    if let Ok(v) = std::env::var("SANSHEN_TUNING") {
        let x: Vec<f32> = v.split(',').filter_map(|p| p.parse().ok()).collect();
        if let [gate, lift, floor, p1, p2, p3, slope, bias, ..] = x[..] {
            (t.gate, t.lift, t.floor, t.penalties, t.slope, t.bias) =
                (gate, lift, floor, [0.0, p1, p2, p3, p2], slope, bias);
        }
        if let Some(&shortlist) = x.get(8) {
            t.shortlist = shortlist as usize;
        }
        if let Some(&local) = x.get(9) {
            t.local = local;
        }
        if let Some(&full) = x.get(10) {
            t.full = full as usize;
        }
        if let Some(&fuzzy) = x.get(11) {
            t.penalties[4] = fuzzy;
        }
        println!("tuning from SANSHEN_TUNING: {t:?}");
    }
    t
}

pub(crate) fn run(data: &Path, dictionary: &Linter) {
    let mut tuning = tuning();
    // SANSHEN_EVAL_FROM scans as `typo/model` scans from that confidence (for the suspects
    // the calibration is fitted on: those its lowest operating point can see).
    if let Some(from) = std::env::var("SANSHEN_EVAL_FROM").ok().and_then(|v| v.parse().ok()) {
        tuning = tuning.reporting_from(from);
    }
    let quick = std::env::var("SANSHEN_EVAL_QUICK").is_ok();
    let Some(odw) = labelled_pairs(&data.join("eval/ecspell/odw.train")) else {
        println!("\nodw.train is absent: no model figures");
        return;
    };
    let half_b = halves(&odw, &data.join("corpus/gov-docs"));
    let (mut a, mut b, mut homes) = (Vec::new(), Vec::new(), Vec::new());
    for (pair, (in_b, home)) in odw.into_iter().zip(half_b) {
        if in_b {
            b.push(pair)
        } else {
            a.push(pair);
            homes.push(home);
        }
    }
    println!("\n## typo/model\n\nodw.train halves: A {} sentences, B {}", a.len(), b.len());
    let a = check(dictionary, a, &tuning);
    if let Some(from) = std::env::var("SANSHEN_EVAL_SHOW_A").ok().and_then(|v| v.parse().ok()) {
        show_half_a(&a, from);
    }
    if std::env::var("SANSHEN_EVAL_DUMP").is_ok() {
        dump_features(&a, &data.join("corpus/official"), &tuning);
        return;
    }
    if std::env::var("SANSHEN_EVAL_SUSPECTS").is_ok() {
        dump_suspects(&a, &homes, &data.join("corpus/official"), dictionary, &tuning);
        return;
    }
    let mut b = check(dictionary, b, &tuning);
    let official = data.join("corpus/official");
    let (dev, dev_mb) = match std::env::var("SANSHEN_EVAL_NO_CLEAN") {
        // A quick stand-in for clean text: the sentences the typo fixtures must not flag.
        Ok(_) => {
            let mut text = String::new();
            for f in ["negative-words.txt", "negative-idioms.txt"] {
                text += &std::fs::read_to_string(Path::new("tests/fixtures/typo").join(f))
                    .unwrap_or_default();
            }
            let all = dictionary.check(&text);
            let found = Model::embedded().suspects_tuned(
                &text,
                |s| all.iter().any(|f| f.span.start <= s.start && s.end <= f.span.end),
                &tuning,
            );
            (found.iter().map(|s| s.confidence).collect(), text.len() as f64 / 1e6)
        }
        Err(_) => clean_confidences(dictionary, &official, "4", &tuning),
    };
    // The larger development set, when asked for, counts with the slice.
    let (dev, dev_mb) = match std::env::var("SANSHEN_EVAL_DEV_DIR") {
        Ok(dir) => {
            let (more, mb) = dir_confidences(dictionary, Path::new(&dir), &tuning);
            ([dev, more].concat(), dev_mb + mb)
        }
        Err(_) => (dev, dev_mb),
    };
    println!("\nTuning sweep (half A; development slice of official, {dev_mb:.1} MB):\n");
    println!("| confidence ≥ | P | R | fix P | sentence fix P | model findings per MB |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for t in
        [0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.96, 0.97, 0.98, 0.99, 0.995, 0.998]
    {
        let f = figures(&a, t, true);
        println!(
            "| {t} | {:.3} | {:.3} | {:.3} | {:.3} | {:.2} |",
            f.precision(),
            f.recall(),
            f.fix_precision(),
            f.correction(),
            per_mb(&dev, dev_mb, t)
        );
    }
    if quick {
        // The operating points on half A and the development slice, each scanned as
        // `typo/model` scans it.
        let mut a = a;
        println!("\nOperating points (half A; development slice):\n");
        for (name, threshold, floor) in OPERATING_POINTS {
            rescan(&mut a, &tuning, floor);
            let scanned = tuning.reporting_from(floor);
            let (dev, dev_mb) = clean_confidences(dictionary, &official, "4", &scanned);
            let per_mb = per_mb(&dev, dev_mb, threshold);
            println!("{} {per_mb:.2} |", figures(&a, threshold, true).row(name));
        }
        return;
    }
    let mut held = Vec::new();
    for floor in [0.97, RECALL_POINT] {
        held.push((
            floor,
            clean_confidences(dictionary, &official, "0123", &tuning.reporting_from(floor)),
        ));
    }
    let held_at = |floor: f32| &held.iter().find(|h| h.0 == floor).expect("scanned").1;
    println!("\nReported (half B of odw.train; held-out official, {:.1} MB):\n", held[0].1 .1);
    println!("| operating point | with errors | flagged | P | R | F1 | fix P | sentence fix P | findings per MB (held-out) |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let f = figures(&b, 2.0, false);
    println!("{} – |", f.row("dictionaries only"));
    for (name, threshold, floor) in OPERATING_POINTS {
        rescan(&mut b, &tuning, floor);
        let f = figures(&b, threshold, true);
        let (confidences, mb) = held_at(floor);
        println!("{} {:.2} |", f.row(name), per_mb(confidences, *mb, threshold));
    }
    println!("\nOther sets (dictionaries + model):\n");
    println!(
        "| set, operating point | with errors | flagged | P | R | F1 | fix P | sentence fix P |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for name in [
        "eval/ecspell/law.test",
        "eval/ecspell/med.test",
        "eval/sighan/ecspell_sighan2015_test_simplified.txt",
    ] {
        let Some(pairs) = labelled_pairs(&data.join(name)) else { continue };
        let mut set = check(dictionary, pairs, &tuning);
        for (point, threshold, floor) in OPERATING_POINTS {
            rescan(&mut set, &tuning, floor);
            println!("{}", figures(&set, threshold, true).row(&format!("{name}, {point}")));
        }
    }
}

/// The operating points reported: the default warning threshold, the default report floor
/// (every finding, info included) and a looser one; each with the floor the scan runs at, as
/// `typo/model` runs it (its lowest reported confidence).
const OPERATING_POINTS: [(&str, f32, f32); 3] = [
    ("warnings (default, confidence ≥ 0.99)", 0.99, 0.97),
    ("all findings, info included (≥ 0.97)", 0.97, 0.97),
    ("recall point (≥ 0.25)", RECALL_POINT, RECALL_POINT),
];

/// The looser operating point reported (`--model-threshold 0.25`), chosen on half A by
/// cross-validation (`tools/fit_calibration.py`).
const RECALL_POINT: f32 = 0.25;
