"""sanshen (三审): review Chinese government posts before they are published.

Typos (错别字), sensitive expressions (敏感词), leaders' names and titles (领导职务称呼) and
official-document format (规范), found by the Rust library and returned as the JSON records of
``sanshen check --format jsonl``: one dict per finding.

>>> import sanshen
>>> linter = sanshen.Linter(as_of="2026-12-01")
>>> [f["text"] for f in linter.check("请各单位认真布署。")]
['布署']
"""

from ._sanshen import (
    REPLY_TYPES,
    TYPE_FIELDS,
    ConfigError,
    DictionaryError,
    Error,
    Linter,
    __version__,
    is_reply,
)

__all__ = [
    "REPLY_TYPES",
    "TYPE_FIELDS",
    "ConfigError",
    "DictionaryError",
    "Error",
    "Linter",
    "__version__",
    "is_reply",
]
