//! The comments part (批注) of a reviewed Word document, with its relationship and content
//! type when it is new, and the package written again around the changed parts.

use super::package::{self, Archive};
use super::revise::{escape, Edit, Reviewer, MAIN_NS};
use super::Error;
use std::fmt::Write as _;
use std::io::{Cursor, Write};

const COMMENTS_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";

/// The comments part beside the main document part.
pub(super) fn comments_name(main: &str) -> String {
    match main.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/comments.xml"),
        None => "comments.xml".to_owned(),
    }
}

/// The comments part (new or extended), and the relationship and content type of a new one.
pub(super) fn comment_parts(
    archive: &mut Archive<'_>,
    main: &str,
    existing: Option<String>,
    edits: &[&Edit<'_>],
    who: &Reviewer<'_>,
) -> Result<Vec<(String, String)>, Error> {
    let mut comments = String::new();
    for e in edits {
        let mut say = e.finding.message.clone();
        if !e.finding.suggestions.is_empty() {
            let _ = write!(say, " 建议：{}", e.finding.suggestions.join(" / "));
        }
        let _ = write!(
            comments,
            "<w:comment w:id=\"{}\" w:author=\"{}\" w:date=\"{}\" w:initials=\"SS\"><w:p><w:r><w:t xml:space=\"preserve\">[{}] {}</w:t></w:r></w:p></w:comment>",
            e.id,
            escape(who.author),
            escape(who.date),
            escape(&e.finding.rule),
            escape(&say)
        );
    }
    let name = comments_name(main);
    if let Some(xml) = existing {
        let Some(at) = xml.rfind("</w:comments>") else {
            return Err(Error::Package(format!("{name}: no </w:comments>, not written")));
        };
        let mut xml = xml;
        xml.insert_str(at, &comments);
        return Ok(vec![(name, xml)]);
    }
    let part = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{MAIN_NS}\">{comments}</w:comments>"
    );
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_name = match folder {
        "" => format!("_rels/{file}.rels"),
        f => format!("{f}/_rels/{file}.rels"),
    };
    let rels = package::part(archive, &rels_name)?.unwrap_or_else(|| {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>".to_owned()
    });
    let rel = format!(
        "<Relationship Id=\"rIdSanshenComments\" Type=\"{COMMENTS_TYPE}\" Target=\"comments.xml\"/>"
    );
    let rels = insert_before(&rels, "</Relationships>", &rel, &rels_name)?;
    let types_name = "[Content_Types].xml";
    let types = package::part(archive, types_name)?
        .ok_or_else(|| Error::MissingPart(types_name.to_owned()))?;
    let over = format!("<Override PartName=\"/{name}\" ContentType=\"{COMMENTS_CONTENT}\"/>");
    let types = insert_before(&types, "</Types>", &over, types_name)?;
    Ok(vec![(name, part), (rels_name, rels), (types_name.to_owned(), types)])
}

fn insert_before(xml: &str, end: &str, what: &str, part: &str) -> Result<String, Error> {
    let at =
        xml.rfind(end).ok_or_else(|| Error::Package(format!("{part}: no {end}, not written")))?;
    Ok(format!("{}{what}{}", &xml[..at], &xml[at..]))
}

/// The package again: unchanged parts copied as they were (compressed bytes and all), changed
/// and new parts written.
pub(super) fn repack(
    archive: &mut Archive<'_>,
    changed: &[(String, String)],
) -> Result<Vec<u8>, Error> {
    let zip_err = |e: zip::result::ZipError| Error::Package(e.to_string());
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut written = Vec::new();
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(zip_err)?;
        let name = file.name().to_owned();
        match changed.iter().find(|(n, _)| *n == name) {
            Some((_, content)) => {
                drop(file);
                writer.start_file(name.as_str(), options).map_err(zip_err)?;
                writer.write_all(content.as_bytes()).map_err(|e| Error::Package(e.to_string()))?;
                written.push(name);
            }
            None => writer.raw_copy_file(file).map_err(zip_err)?,
        }
    }
    for (name, content) in changed.iter().filter(|(n, _)| !written.contains(n)) {
        writer.start_file(name.as_str(), options).map_err(zip_err)?;
        writer.write_all(content.as_bytes()).map_err(|e| Error::Package(e.to_string()))?;
    }
    Ok(writer.finish().map_err(zip_err)?.into_inner())
}
