//! Reading, checking, fixing or diffing one text file, apart from reporting it, so files can be
//! processed in parallel and reported in order.

use crate::args::{CheckArgs, InputKind};
use crate::{baseline, gate, input, located, office, output, place, stream, write};
use sanshen::{Linter, Markup};

/// The findings of a text read as `kind`, with spans into the text.
pub(crate) fn findings_of(linter: &Linter, kind: InputKind, text: &str) -> Vec<sanshen::Finding> {
    linter.check_markup(text, markup_of(kind))
}

/// How a text of an input kind is marked up (JSON Lines posts are plain text).
pub(crate) fn markup_of(kind: InputKind) -> Markup {
    match kind {
        InputKind::Html => Markup::Html,
        InputKind::Markdown => Markup::Markdown,
        InputKind::Auto | InputKind::Text | InputKind::Jsonl => Markup::Plain,
    }
}

/// The text with its unambiguous fixes applied, and what is left to report. Findings the
/// baseline accepted are left as they are (in one round, as the baseline names findings of
/// the text as read).
fn fixed_text(
    linter: &Linter,
    kind: InputKind,
    name: &str,
    loaded: &input::Loaded,
    accepted: Option<&baseline::Baselines>,
) -> sanshen::Fixed {
    let text = &loaded.text;
    let Some(accepted) = accepted.filter(|b| !b.is_empty()) else {
        return linter.fix_markup(text, markup_of(kind));
    };
    let findings = findings_of(linter, kind, text);
    let skip = write::accepted_indexes(accepted, name, loaded.offset, text, &findings);
    let (mut kept, mut left) = (Vec::new(), Vec::new());
    for (i, f) in findings.into_iter().enumerate() {
        if skip.contains(&i) {
            left.push(f);
        } else {
            kept.push(f);
        }
    }
    let mut fixed = sanshen::apply_fixes(text, kept);
    fixed.remaining.append(&mut left);
    fixed
}

/// What checking one text file gave, before it is reported.
pub(crate) struct Processed {
    pub(crate) loaded: Option<input::Loaded>,
    pub(crate) findings: Vec<sanshen::Finding>,
    pub(crate) diff: Option<String>,
    /// `--write -`: the corrected text, for standard output.
    pub(crate) corrected: Option<Vec<u8>>,
    /// Messages for standard error; `errors` also make the exit code 2.
    pub(crate) errors: Vec<String>,
    pub(crate) notes: Vec<String>,
    /// Office documents and PDFs: where each finding stands.
    pub(crate) places: Vec<place::Place>,
    /// Plain text read a piece at a time: the findings already placed, and the BOM's length.
    pub(crate) located: Vec<located::Located>,
    pub(crate) bom: usize,
}

impl Processed {
    pub(crate) fn empty() -> Processed {
        Processed {
            loaded: None,
            findings: Vec::new(),
            diff: None,
            corrected: None,
            errors: Vec::new(),
            notes: Vec::new(),
            places: Vec::new(),
            located: Vec::new(),
            bom: 0,
        }
    }
}

/// Reads and checks one text file (and fixes or diffs it); prints nothing, so files can be
/// processed in parallel and reported in order.
pub(crate) fn process(
    linter: &Linter,
    args: &CheckArgs,
    kind: InputKind,
    input: &input::Input,
    accepted: Option<&baseline::Baselines>,
    wants: located::Wants,
) -> Processed {
    if let Some(done) = office::process(linter, input, args) {
        return done;
    }
    let mut p = Processed::empty();
    if !args.diff && !args.write {
        streamed(linter, args, markup_of(kind), input, wants, &mut p);
        return p;
    }
    let loaded = match input::load(input, args.encoding) {
        Ok(l) => l,
        Err(e) => {
            p.errors.push(e);
            return p;
        }
    };
    // Findings the review record decided are left as they are, like those of a baseline.
    let decided = gate::decided(args, input.path.as_deref()).map(|decided| {
        let mut all = accepted.cloned().unwrap_or_default();
        all.current.extend(decided);
        all
    });
    let fixed = fixed_text(linter, kind, &input.name, &loaded, decided.as_ref().or(accepted));
    if args.diff {
        if fixed.text != loaded.text {
            p.diff = Some(output::unified_diff(&input.name, &loaded.text, &fixed.text));
        }
    } else {
        p.findings = write_back(linter, args, kind, input, &loaded, &fixed, &mut p);
    }
    p.loaded = Some(loaded);
    p
}

/// `--write`: writes the fixes into the file (for standard input, keeps the corrected text for
/// standard output); returns the findings of the text as it now stands.
fn write_back(
    linter: &Linter,
    args: &CheckArgs,
    kind: InputKind,
    input: &input::Input,
    loaded: &input::Loaded,
    fixed: &sanshen::Fixed,
    p: &mut Processed,
) -> Vec<sanshen::Finding> {
    let (Some(path), Some(snapshot)) = (&input.path, &loaded.snapshot) else {
        p.corrected = Some(loaded.encode(&fixed.text));
        return findings_of(linter, kind, &fixed.text);
    };
    let allow = write::Allow { read_only: args.write_read_only, hard_links: args.break_hard_links };
    match write_fixes(path, snapshot, loaded, fixed, allow) {
        Ok(0) => findings_of(linter, kind, &loaded.text),
        Ok(n) => {
            p.notes.push(format!("{}: fixed {n} finding(s)", input.name));
            findings_of(linter, kind, &fixed.text)
        }
        Err(e) => {
            p.errors.push(format!("{}: cannot write fixes: {e}", input.name));
            findings_of(linter, kind, &loaded.text)
        }
    }
}

/// Checks a text input a piece at a time (see [`stream`]), placing each piece's findings
/// before the next is read; nothing is reported of an input that could not be read to its end.
fn streamed(
    linter: &Linter,
    args: &CheckArgs,
    markup: Markup,
    input: &input::Input,
    wants: located::Wants,
    p: &mut Processed,
) {
    let mut located = Vec::new();
    let mut carry = sanshen::markup::Carry::default();
    let check = |piece: &stream::Piece<'_>| {
        let findings = linter.check_markup_piece(piece.text, markup, &mut carry);
        located::locate(piece, findings, wants, &mut located);
        Ok(())
    };
    let read = match &input.path {
        Some(path) => std::fs::File::open(path)
            .map_err(stream::StreamError::Io)
            .and_then(|f| stream::read_pieces(f, args.encoding, markup, check)),
        None => stream::read_pieces(std::io::stdin().lock(), args.encoding, markup, check),
    };
    match read {
        Ok(detected) => {
            p.located = located;
            p.bom = detected.bom;
        }
        Err(e) => p.errors.push(e.message(&input.name)),
    }
}

/// Writes a file's fixes back, if there are any; returns how many were applied.
fn write_fixes(
    path: &std::path::Path,
    snapshot: &write::Snapshot,
    loaded: &input::Loaded,
    fixed: &sanshen::Fixed,
    allow: write::Allow,
) -> Result<usize, write::Refused> {
    if fixed.applied.is_empty() {
        return Ok(0);
    }
    if !loaded.round_trips {
        return Err(write::Refused::Encoding(loaded.codec.encoding.name()));
    }
    write::replace(path, snapshot, &loaded.encode(&fixed.text), allow)?;
    Ok(fixed.applied.len())
}
