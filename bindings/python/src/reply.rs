//! `sanshen.is_reply`: whether a post's record marks it as a reply, read as the command line
//! reads a JSON Lines record (the library's [`sanshen::is_reply`]).

use pyo3::prelude::*;
use pyo3::types::PyMapping;

/// Whether `post` (a dict or other mapping of a post's fields) is a reply: its `type_field`,
/// or without one any of the usual type fields (`type`, `kind`, `msg_type` …), holds a reply
/// type (reply, comment, 回复, 评论, 答复, 留言回复). Fields that are not strings are ignored.
#[pyfunction]
#[pyo3(signature = (post, type_field = None))]
pub(crate) fn is_reply(post: &Bound<'_, PyMapping>, type_field: Option<&str>) -> PyResult<bool> {
    let wanted = type_field.map_or_else(|| sanshen::TYPE_FIELDS.to_vec(), |f| vec![f]);
    let mut values = Vec::with_capacity(wanted.len());
    for name in wanted {
        let value = match post.get_item(name) {
            Ok(v) => v.extract::<String>().ok(),
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyKeyError>(post.py()) => None,
            Err(e) => return Err(e),
        };
        values.extend(value.map(|v| (name, v)));
    }
    let field = |name: &str| values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str());
    Ok(sanshen::is_reply(type_field, field))
}
