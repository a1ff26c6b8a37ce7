//! The report as one self-contained HTML page: no script, no network, charts as inline SVG,
//! and a print style sheet (A4, tables not split across a row, no page background).

use super::document::Block;

const STYLE: &str = "
body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"SimSun\",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.7;color:#222}
h1{font-size:1.6rem;text-align:center}h2{font-size:1.3rem;border-bottom:2px solid #b22;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.1rem}
p{text-indent:2em;margin:.5rem 0}
table{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.92rem}
th,td{border:1px solid #888;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3e6e6}td.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1rem 0}figcaption{font-weight:bold;margin-bottom:.3rem}
svg text{font-size:12px;fill:#222}svg rect.bar{fill:#b22}
@media print{@page{size:A4;margin:18mm}body{max-width:none;margin:0;font-size:11pt}
h2{page-break-after:avoid}tr,figure{page-break-inside:avoid}th{background:none}svg rect.bar{fill:#555}}
";

/// The page for `blocks`, titled `title`.
pub(crate) fn render(title: &str, blocks: &[Block]) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
    for b in blocks {
        match b {
            Block::Heading(level, text) => {
                out += &format!("<h{level}>{}</h{level}>\n", escape(text))
            }
            Block::Para(text) => out += &format!("<p>{}</p>\n", escape(text)),
            Block::Table(t) => out += &table(&t.header, &t.rows),
            Block::Chart(caption, bars) if !bars.is_empty() => out += &chart(caption, bars),
            Block::Chart(..) => {}
        }
    }
    out + "</body>\n</html>\n"
}

fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table>\n<thead><tr>");
    for h in header {
        out += &format!("<th>{}</th>", escape(h));
    }
    out += "</tr></thead>\n<tbody>\n";
    for r in rows {
        out += "<tr>";
        for c in r {
            let numeric = !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit() || b == b'.');
            let class = if numeric { " class=\"n\"" } else { "" };
            out += &format!("<td{class}>{}</td>", escape(c));
        }
        out += "</tr>\n";
    }
    out + "</tbody>\n</table>\n"
}

/// A horizontal bar chart: one row per bar, labels on the left, values at the bar's end.
fn chart(caption: &str, bars: &[(String, usize)]) -> String {
    const ROW: usize = 20;
    const LABEL: usize = 190;
    const WIDTH: usize = 720;
    let span = WIDTH - LABEL - 60;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let height = bars.len() * ROW + 4;
    let mut out = format!(
        "<figure>\n<figcaption>{}</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"100%\" viewBox=\"0 0 {WIDTH} {height}\" aria-label=\"{}\">\n",
        escape(caption),
        escape(caption)
    );
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = i * ROW + 2;
        let w = (value * span).div_ceil(max).max(usize::from(*value > 0));
        out += &format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"bar\" x=\"{LABEL}\" y=\"{}\" width=\"{w}\" height=\"{}\"><title>{}：{value}</title></rect><text x=\"{}\" y=\"{}\">{value}</text>\n",
            LABEL - 6,
            y + 14,
            escape(label),
            y + 3,
            ROW - 6,
            escape(label),
            LABEL + w + 4,
            y + 14,
        );
    }
    out + "</svg>\n</figure>\n"
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out += "&amp;",
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '"' => out += "&quot;",
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_text_is_escaped() {
        let svg =
            chart("条数", &[("<县政府办>".into(), 100), ("白果乡".into(), 1), ("空".into(), 0)]);
        assert!(svg.contains("&lt;县政府办&gt;"));
        assert!(svg.contains("width=\"470\""), "{svg}");
        assert!(svg.contains("width=\"5\""), "a small value still shows: {svg}");
        assert!(svg.contains("width=\"0\""));
        assert_eq!(svg.matches("<rect").count(), 3);
    }

    #[test]
    fn a_page_has_no_external_references() {
        let page = render(
            "t",
            &[Block::Chart("c".into(), vec![("a".into(), 1)]), Block::Para("x & y".into())],
        );
        assert!(page.contains("<p>x &amp; y</p>"));
        assert!(!page.contains("src=") && !page.contains("href=") && !page.contains("<script"));
    }
}
