//! The ZIP container: parts read with a size limit, relationships, and what kind of package
//! it is.

use super::{Error, Sniffed};
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// No part of a real document unpacks to more than this; a ZIP bomb would.
pub(super) const PART_LIMIT: u64 = 256 << 20;

pub(super) type Archive<'b> = zip::ZipArchive<Cursor<&'b [u8]>>;

pub(super) fn open(bytes: &[u8]) -> Result<Archive<'_>, Error> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Error::Package(e.to_string()))
}

/// The part `name`, or `None` if the package has no such part.
pub(super) fn part(archive: &mut Archive<'_>, name: &str) -> Result<Option<String>, Error> {
    let Some(index) = archive.index_for_name(name) else { return Ok(None) };
    let file = archive.by_index(index).map_err(|e| Error::Package(format!("{name}: {e}")))?;
    let mut bytes = Vec::new();
    file.take(PART_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Package(format!("{name}: {e}")))?;
    if bytes.len() as u64 > PART_LIMIT {
        return Err(Error::TooLarge { part: name.to_owned(), limit: PART_LIMIT });
    }
    String::from_utf8(bytes).map(Some).map_err(|e| Error::Xml {
        part: name.to_owned(),
        position: e.utf8_error().valid_up_to() as u64,
        message: "invalid UTF-8".to_owned(),
    })
}

/// The relationships of a `.rels` part: (type, target) pairs, targets resolved against `base`
/// (the folder of the part they belong to), in the order written.
pub(super) fn relationships(xml: &str, base: &str) -> Vec<(String, String)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e) | Event::Start(e)) if e.local_name().as_ref() == b"Relationship" => {
                let value = |key: &[u8]| {
                    e.try_get_attribute(key).ok().flatten().and_then(|a| {
                        a.normalized_value(quick_xml::XmlVersion::default())
                            .ok()
                            .map(|v| v.into_owned())
                    })
                };
                let external = value(b"TargetMode").is_some_and(|m| m == "External");
                if let (Some(kind), Some(target), false) =
                    (value(b"Type"), value(b"Target"), external)
                {
                    out.push((kind, resolve(base, &target)));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// A relationship target relative to `base` (a folder, `""` for the root) as a part name.
fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => base.split('/').filter(|s| !s.is_empty()).collect(),
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// What kind of ZIP package `bytes` is.
pub(super) fn sniff(bytes: &[u8]) -> Sniffed {
    let Ok(mut archive) = open(bytes) else { return Sniffed::OtherZip };
    if let Ok(Some(mime)) = part(&mut archive, "mimetype") {
        return match mime.trim() {
            "application/vnd.oasis.opendocument.text"
            | "application/vnd.oasis.opendocument.text-template" => Sniffed::Odt,
            _ => Sniffed::OtherZip,
        };
    }
    let word = archive.file_names().any(|n| n == "word/document.xml")
        || super::docx::main_part(&mut archive).is_some_and(|p| p.starts_with("word/"));
    if word {
        Sniffed::Docx
    } else {
        Sniffed::OtherZip
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_folder() {
        assert_eq!(resolve("word", "footnotes.xml"), "word/footnotes.xml");
        assert_eq!(resolve("word", "/word/header1.xml"), "word/header1.xml");
        assert_eq!(resolve("word/sub", "../styles.xml"), "word/styles.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }

    #[test]
    fn external_relationships_are_left_out() {
        let rels = r#"<Relationships><Relationship Id="r1" Type="t/header" Target="header1.xml"/><Relationship Id="r2" Type="t/hyperlink" Target="http://x" TargetMode="External"/></Relationships>"#;
        assert_eq!(
            relationships(rels, "word"),
            [("t/header".to_owned(), "word/header1.xml".to_owned())]
        );
    }
}
