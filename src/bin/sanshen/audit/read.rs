//! Exports as records of named fields: JSON Lines (one object a line) or CSV with a header
//! row (by the `.csv` extension), read a batch at a time so that memory stays bounded.

use std::io::BufRead;
use std::path::Path;

/// One record as read: its line, and the wanted fields' raw JSON text or CSV values.
pub(crate) struct Raw {
    pub(crate) line: usize,
    body: Body,
}

enum Body {
    /// A JSON Lines record, parsed later (in parallel).
    Json(Vec<u8>),
    /// The wanted fields of a CSV record.
    Values(Vec<Option<String>>),
    /// A CSV record that could not be read (not UTF-8), and why.
    Bad(String),
}

/// An open export.
pub(crate) struct Export {
    pub(crate) name: String,
    source: Source,
    line: usize,
}

enum Source {
    Jsonl(Box<dyn BufRead + Send>),
    Csv(csv::Reader<std::fs::File>, Vec<Option<usize>>),
}

impl Export {
    /// Opens `path` for the fields `names` (CSV: the header must hold every field in
    /// `required`, a prefix of `names`).
    pub(crate) fn open(path: &Path, names: &[String], required: usize) -> Result<Export, String> {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let source = if is_csv {
            let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(file);
            let header =
                reader.headers().map_err(|e| format!("{name}:1: cannot read the header: {e}"))?;
            let header: Vec<&str> =
                header.iter().map(|h| h.trim_start_matches('\u{feff}').trim()).collect();
            let columns: Vec<Option<usize>> =
                names.iter().map(|n| header.iter().position(|h| h == n)).collect();
            if let Some(i) = columns[..required].iter().position(Option::is_none) {
                return Err(format!("{name}:1: no column `{}` in the header", names[i]));
            }
            Source::Csv(reader, columns)
        } else {
            Source::Jsonl(Box::new(std::io::BufReader::with_capacity(1 << 16, file)))
        };
        Ok(Export { name, source, line: 0 })
    }

    /// The next records, up to `records` of them or about `bytes` bytes; empty at the end.
    /// A read error ends the file and is returned with the records read before it.
    pub(crate) fn batch(&mut self, records: usize, bytes: usize) -> (Vec<Raw>, Option<String>) {
        let mut out = Vec::new();
        let mut size = 0;
        while out.len() < records && size < bytes {
            match self.next() {
                Ok(Some((raw, n))) => {
                    size += n;
                    out.push(raw);
                }
                Ok(None) => break,
                Err(e) => return (out, Some(e)),
            }
        }
        (out, None)
    }

    fn next(&mut self) -> Result<Option<(Raw, usize)>, String> {
        match &mut self.source {
            Source::Jsonl(reader) => {
                let mut buf = Vec::new();
                let n = reader
                    .read_until(b'\n', &mut buf)
                    .map_err(|e| format!("{}:{}: cannot read: {e}", self.name, self.line + 1))?;
                self.line += 1;
                Ok((n > 0).then_some((Raw { line: self.line, body: Body::Json(buf) }, n)))
            }
            Source::Csv(reader, columns) => {
                let mut record = csv::StringRecord::new();
                let more = match reader.read_record(&mut record) {
                    Ok(more) => more,
                    // A record that is not UTF-8 is reported alone; the file goes on.
                    Err(e) if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) => {
                        let line = e.position().map_or(0, |p| p.line() as usize);
                        let bad = Body::Bad("invalid UTF-8 in the record".into());
                        return Ok(Some((Raw { line, body: bad }, 1)));
                    }
                    Err(e) => return Err(format!("{}: {e}", self.name)),
                };
                let line = record.position().map_or(0, |p| p.line() as usize);
                let values = columns
                    .iter()
                    .map(|c| c.and_then(|c| record.get(c)).map(str::to_owned))
                    .collect();
                let n = record.as_slice().len();
                Ok(more.then_some((Raw { line, body: Body::Values(values) }, n)))
            }
        }
    }
}

impl Raw {
    /// The wanted fields `names` of the record (`None` for a blank line), or what is wrong
    /// with it.
    pub(crate) fn fields(self, names: &[String]) -> Result<Option<Vec<Option<String>>>, String> {
        match self.body {
            Body::Values(values) => Ok(Some(values)),
            Body::Bad(why) => Err(why),
            Body::Json(bytes) => json_fields(&bytes, names),
        }
    }
}

fn json_fields(bytes: &[u8], names: &[String]) -> Result<Option<Vec<Option<String>>>, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {} of the record", e.valid_up_to()))?;
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Ok(None);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let values = serde::de::DeserializeSeed::deserialize(Wanted(names), &mut de)
        .and_then(|f| de.end().map(|()| f))
        .map_err(|e| format!("invalid JSON: {e}"))?;
    Ok(Some(values))
}

/// Reads only the wanted top-level fields of an object, as text (numbers as written).
struct Wanted<'a>(&'a [String]);

impl<'de> serde::de::DeserializeSeed<'de> for Wanted<'_> {
    type Value = Vec<Option<String>>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Wanted<'_> {
    type Value = Vec<Option<String>>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut values = vec![None; self.0.len()];
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match self.0.iter().position(|n| *n == key) {
                Some(i) => {
                    values[i] = match map.next_value::<serde_json::Value>()? {
                        serde_json::Value::String(s) => Some(s),
                        serde_json::Value::Null => None,
                        other => Some(other.to_string()),
                    }
                }
                None => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn json_records_keep_only_the_wanted_fields() {
        let got =
            json_fields(br#"{"a":"x","b":3,"c":{"d":1},"e":null}"#, &names(&["a", "b", "e", "f"]));
        assert_eq!(got, Ok(Some(vec![Some("x".into()), Some("3".into()), None, None])));
        assert_eq!(json_fields(b"  \r\n", &names(&["a"])), Ok(None));
        assert!(json_fields(b"[1]", &names(&["a"])).unwrap_err().starts_with("invalid JSON"));
        assert!(json_fields(b"\xff", &names(&["a"])).unwrap_err().contains("UTF-8"));
    }

    #[test]
    fn csv_headers_and_quoted_values() {
        let dir = std::env::temp_dir().join(format!("sanshen-audit-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("posts.csv");
        let mut bytes = "\u{feff}unit,text\n西龙镇,\"一，二\n三\"\n".as_bytes().to_vec();
        bytes.extend(b"\xff,x\n\xe7\x91\x9e\xe5\xb3\xb0\xe9\x95\x87,\xe5\x9b\x9b\n");
        std::fs::write(&path, bytes).unwrap();
        let wanted = names(&["text", "unit", "url"]);
        let mut export = Export::open(&path, &wanted, 2).unwrap();
        let (batch, err) = export.batch(10, 1 << 20);
        assert!(err.is_none());
        let lines: Vec<usize> = batch.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 5]);
        let mut batch = batch.into_iter();
        let first = batch.next().unwrap().fields(&wanted).unwrap().unwrap();
        assert_eq!(first, [Some("一，二\n三".into()), Some("西龙镇".into()), None]);
        assert_eq!(
            batch.next().unwrap().fields(&wanted),
            Err("invalid UTF-8 in the record".into())
        );
        let last = batch.next().unwrap().fields(&wanted).unwrap().unwrap();
        assert_eq!(last, [Some("四".into()), Some("瑞峰镇".into()), None]);
        let missing = Export::open(&path, &names(&["title"]), 1).err().unwrap();
        assert!(missing.ends_with(":1: no column `title` in the header"), "{missing}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
