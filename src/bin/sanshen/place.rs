//! Where a finding stands in an office document or a PDF (part, paragraph, table cell,
//! page, line, character), and how human output names it.

use sanshen::{Cell, Record};

/// Where a finding stands in an office document or a PDF.
#[derive(Clone, Debug, Default)]
pub(crate) struct Place {
    pub(crate) part: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) paragraph: Option<usize>,
    pub(crate) cell: Option<Cell>,
    pub(crate) offset: Option<usize>,
    pub(crate) page: Option<usize>,
    pub(crate) page_line: Option<usize>,
}

impl Place {
    /// Adds the place to a finding's record.
    pub(crate) fn fill<'a>(&'a self, record: &mut Record<'a>) {
        record.part = self.part.as_deref();
        record.region = self.region.as_deref();
        record.paragraph = self.paragraph;
        record.cell = self.cell;
        record.offset = self.offset;
        record.page = self.page;
        record.page_line = self.page_line;
    }
}

/// The location of a record with a place, for human output: `正文:第3段:表1第2行第2列:第4字`.
pub(crate) fn human_location(r: &Record<'_>) -> Option<String> {
    if let (Some(page), Some(line)) = (r.page, r.page_line) {
        return Some(format!("第{page}页:第{line}行:第{}字", r.offset.unwrap_or(0) + 1));
    }
    let part = r.part?;
    let mut out = match r.region {
        Some(region) => region_label(region),
        None => part_label(part),
    };
    if let Some(c) = r.cell {
        out += &format!(":表{}第{}行第{}列", c.table, c.row, c.column);
    }
    if let Some(p) = r.paragraph {
        out += &format!(":第{p}段");
    }
    if let Some(o) = r.offset {
        out += &format!(":第{}字", o + 1);
    }
    Some(out)
}

/// A reader's name for a part: 正文, 页眉1, 脚注 …; other parts by their name.
fn part_label(part: &str) -> String {
    let file = part.rsplit('/').next().unwrap_or(part);
    let stem = file.strip_suffix(".xml").unwrap_or(file);
    let numbered = |prefix: &str, label: &str| {
        stem.strip_prefix(prefix)
            .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
            .map(|n| format!("{label}{n}"))
    };
    let fixed = match stem {
        "document" | "content" => Some("正文"),
        "footnotes" => Some("脚注"),
        "endnotes" => Some("尾注"),
        "comments" => Some("批注"),
        "styles" => Some("页眉页脚"),
        _ => None,
    };
    fixed
        .map(str::to_owned)
        .or_else(|| numbered("header", "页眉"))
        .or_else(|| numbered("footer", "页脚"))
        .unwrap_or_else(|| part.to_owned())
}

/// A reader's name for an OpenDocument header or footer: `header:Standard` → 页眉(Standard),
/// `footer-first:首页` → 首页页脚(首页).
fn region_label(region: &str) -> String {
    let (kind, style) = region.split_once(':').unwrap_or((region, ""));
    let label = match kind {
        "header" => "页眉",
        "header-left" => "左页页眉",
        "header-first" => "首页页眉",
        "footer" => "页脚",
        "footer-left" => "左页页脚",
        "footer-first" => "首页页脚",
        other => other,
    };
    match style {
        "" => label.to_owned(),
        s => format!("{label}({s})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_have_readers_names() {
        assert_eq!(part_label("word/document.xml"), "正文");
        assert_eq!(part_label("word/header2.xml"), "页眉2");
        assert_eq!(part_label("word/footer10.xml"), "页脚10");
        assert_eq!(part_label("word/footnotes.xml"), "脚注");
        assert_eq!(part_label("word/glossary/document2x.xml"), "word/glossary/document2x.xml");
        assert_eq!(region_label("header:Standard"), "页眉(Standard)");
        assert_eq!(region_label("footer-first:Standard"), "首页页脚(Standard)");
    }
}
