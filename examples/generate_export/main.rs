//! Writes a deterministic CMS export for `sanshen audit` — the county of the 2021 Q1 seed
//! notice: portal posts of 7 townships and 26 departments, 9 new-media accounts, messages with
//! reply times, important items and their reposts, a few content errors of each family.
//!
//! `cargo run --example generate_export -- [DIR]` writes DIR/posts.jsonl, DIR/posts.csv,
//! DIR/messages.jsonl and DIR/important.csv (DIR defaults to `export`); then
//! `sanshen audit DIR/posts.jsonl --messages DIR/messages.jsonl --important DIR/important.csv
//! --from 2020-11-24 --to 2021-02-22` reproduces the notice's annex tables.

mod export;

const SPEC: &str = include_str!("../../tests/fixtures/audit/seed-annexes.tsv");

fn main() -> std::io::Result<()> {
    let dir = std::env::args_os().nth(1).map_or_else(|| "export".into(), std::path::PathBuf::from);
    let spec = export::Spec::parse(SPEC).map_err(std::io::Error::other)?;
    let export = export::generate(&spec);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("posts.jsonl"), &export.posts_jsonl)?;
    std::fs::write(dir.join("posts.csv"), &export.posts_csv)?;
    std::fs::write(dir.join("messages.jsonl"), &export.messages)?;
    std::fs::write(dir.join("important.csv"), &export.important)?;
    eprintln!(
        "wrote {} (period {} to {}, {} content errors planted)",
        dir.display(),
        spec.from,
        spec.to,
        export.planted
    );
    Ok(())
}
