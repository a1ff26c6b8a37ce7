//! Reading, checking, fixing or diffing one text file, apart from reporting it, so files can be
//! processed in parallel and reported in order.

use crate::args::{CheckArgs, InputKind};
use crate::spool::Spool;
use crate::write_stream::Outcome;
use crate::{baseline, gate, input, located, office, place, stream, write, write_stream};
use sanshen::{Linter, Markup};

/// How a text of an input kind is marked up (JSON Lines posts are plain text).
pub(crate) fn markup_of(kind: InputKind) -> Markup {
    match kind {
        InputKind::Html => Markup::Html,
        InputKind::Markdown => Markup::Markdown,
        InputKind::Auto | InputKind::Text | InputKind::Jsonl => Markup::Plain,
    }
}

/// What checking one text file gave, before it is reported.
pub(crate) struct Processed {
    pub(crate) loaded: Option<input::Loaded>,
    pub(crate) findings: Vec<sanshen::Finding>,
    /// `--diff`: the diff, if anything would change.
    pub(crate) diff: Option<Spool>,
    /// `--write -`: the corrected text, for standard output.
    pub(crate) corrected: Option<Spool>,
    /// Messages for standard error; `errors` also make the exit code 2.
    pub(crate) errors: Vec<String>,
    pub(crate) notes: Vec<String>,
    /// Office documents and PDFs: where each finding stands.
    pub(crate) places: Vec<place::Place>,
    /// Text read a piece at a time: the findings already placed, and the BOM's length.
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
    let opened = match office::process(linter, input, args) {
        office::Recognised::Done(done) => return done,
        office::Recognised::Text(opened) => opened,
    };
    let mut p = Processed::empty();
    if let (Some(special), true) = (input.special, args.write) {
        // Refused before opening: a pipe's bytes, once read, could not be written back.
        p.errors.push(format!(
            "{}: {special}, which --write cannot rewrite (only regular files are), not read, not \
             checked",
            input.name
        ));
        return p;
    }
    if !args.diff && !args.write {
        streamed(linter, args, (markup_of(kind), opened), input, wants, &mut p);
        return p;
    }
    // Findings the review record decided are left as they are, like those of a baseline.
    let decided = gate::decided(args, input.path.as_deref()).map(|decided| {
        let mut all = accepted.cloned().unwrap_or_default();
        all.current.extend(decided);
        all
    });
    let mode = match args.diff {
        true => write_stream::Mode::Diff,
        false => write_stream::Mode::Write(write::Allow {
            read_only: args.write_read_only,
            hard_links: args.break_hard_links,
        }),
    };
    let accepted = decided.as_ref().or(accepted);
    let job =
        write_stream::Job { mode, name: &input.name, markup: markup_of(kind), accepted, wants };
    if write_stream::run(linter, job, input, args.encoding, &mut p) == Outcome::Unwritten {
        // Its findings are those of the file as it now stands.
        streamed(linter, args, (markup_of(kind), None), input, wants, &mut p);
    }
    p
}

/// Checks a text input a piece at a time (see [`stream`]), placing each piece's findings
/// before the next is read; nothing is reported of an input that could not be read to its end.
/// The file is read as `opened` to look at its first bytes, if it was.
fn streamed(
    linter: &Linter,
    args: &CheckArgs,
    (markup, opened): (Markup, Option<office::Opened>),
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
    let (limits, forced) = (stream::Limits::of(markup), args.encoding);
    let read = match (opened, &input.path) {
        (Some(file), _) => {
            let (limits, mut buf) = (limits.fitted(&file.meta), file.head);
            let read = stream::read_pieces_after(&mut buf, file.rest, forced, limits, check);
            buf.keep();
            read
        }
        (None, Some(path)) => input::open(path)
            .map_err(stream::StreamError::Io)
            .and_then(|(meta, f)| stream::read_pieces_in(f, forced, limits.fitted(&meta), check)),
        (None, None) => stream::read_pieces_in(std::io::stdin().lock(), forced, limits, check),
    };
    match read {
        Ok(detected) => {
            p.located = located;
            p.bom = detected.bom;
        }
        Err(e) => p.errors.push(e.message(&input.name)),
    }
}
