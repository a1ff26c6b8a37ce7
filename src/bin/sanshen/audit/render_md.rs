//! The report as Markdown: headings, paragraphs and pipe tables (charts are left to HTML).

use super::document::Block;

/// The document as Markdown.
pub(crate) fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, text) => {
                out += &format!("{} {}\n\n", "#".repeat(usize::from(*level)), cell(text));
            }
            Block::Para(text) => out += &format!("{}\n\n", cell(text)),
            Block::Table(t) => {
                out += &row(t.header.iter().copied());
                out += &row(t.header.iter().map(|_| "---"));
                for r in &t.rows {
                    out += &row(r.iter().map(String::as_str));
                }
                out.push('\n');
            }
            Block::Chart(..) => {}
        }
    }
    out
}

fn row<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let cells: Vec<String> = cells.map(cell).collect();
    format!("| {} |\n", cells.join(" | "))
}

/// Text safe in a table cell or a line: pipes escaped, line breaks as spaces.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|").replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::document::Table;

    #[test]
    fn pipe_tables_escape_their_cells() {
        let blocks = [
            Block::Heading(2, "附件1".into()),
            Block::Table(Table {
                csv: None,
                header: vec!["名称", "条数"],
                rows: vec![vec!["a|b".into(), "1\n2".into()]],
            }),
        ];
        assert_eq!(
            render(&blocks),
            "## 附件1\n\n| 名称 | 条数 |\n| --- | --- |\n| a\\|b | 1 2 |\n\n"
        );
    }
}
