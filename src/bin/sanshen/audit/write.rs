//! Writing the report's files: report.md, report.html, report.docx, report.json and one CSV
//! per annex.

use super::document::{self, Block};
use super::model::Report;
use std::path::Path;

/// Writes every file of the report into `dir` (created if needed).
pub(crate) fn all(dir: &Path, report: &Report) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let blocks = document::build(report);
    std::fs::write(dir.join("report.md"), super::render_md::render(&blocks))?;
    std::fs::write(
        dir.join("report.html"),
        super::render_html::render(&document::title(report), &blocks),
    )?;
    std::fs::write(dir.join("report.docx"), super::render_docx::render(&blocks)?)?;
    let json = serde_json::to_string_pretty(report).map_err(std::io::Error::other)?;
    std::fs::write(dir.join("report.json"), json + "\n")?;
    for b in &blocks {
        if let Block::Table(t) = b {
            if let Some(name) = t.csv {
                std::fs::write(dir.join(name), csv(&t.header, &t.rows)?)?;
            }
        }
    }
    Ok(())
}

/// A table as CSV, with a byte-order mark so that spreadsheet programs read it as UTF-8.
fn csv(header: &[&str], rows: &[Vec<String>]) -> std::io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    w.write_record(header)?;
    for r in rows {
        w.write_record(r)?;
    }
    w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_quotes_what_needs_it() {
        let rows = vec![vec![
            "青神县公安局交通管理大队".into(),
            "未及时转载重要信息，留言\"互动\"".into(),
        ]];
        let bytes = super::csv(&["名称", "存在问题"], &rows).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}名称,存在问题\n青神县公安局交通管理大队,\"未及时转载重要信息，留言\"\"互动\"\"\"\n");
    }
}
