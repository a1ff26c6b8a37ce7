"""sanshen (三审): review Chinese government posts before they are published."""

import datetime
import os
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, TypedDict, Union

from typing_extensions import Literal, NotRequired

__version__: str

DateLike = Union[str, datetime.date, None]
"""A day as ``"YYYY-MM-DD"``, a ``datetime.date`` (or ``datetime``), or ``None`` for the default."""

Format = Literal["plain", "html", "markdown"]

ReplyLike = Union[bool, str, None]
"""Whether a post is a reply: a bool, the post's type (``"评论"``, ``"reply"`` … read as
:func:`is_reply` reads a type field), or ``None`` (not a reply)."""

TYPE_FIELDS: Tuple[str, ...]
"""The fields a post's type is read from when no ``type_field`` is named: ``type``, ``kind``,
``msg_type``, ``message_type``, ``post_type``, ``content_type``, ``类型``."""

REPLY_TYPES: Tuple[str, ...]
"""The types that mark a reply (letter case and surrounding spaces ignored): ``reply``,
``comment``, ``回复``, ``评论``, ``答复``, ``留言回复``."""

def is_reply(post: Mapping[str, Any], type_field: Optional[str] = None) -> bool:
    """Whether a post's record marks it as a reply, read as ``sanshen check`` reads a JSON Lines
    record: ``type_field`` if given, else any of :data:`TYPE_FIELDS`, holds one of
    :data:`REPLY_TYPES`. Fields that are not strings are ignored.

    >>> sanshen.is_reply({"text": "收到", "msg_type": "回复"})
    True
    """

class Evasion(TypedDict):
    """How a disguised spelling was matched."""

    folded: List[str]
    """What was folded to match: ``width`` (全半角), ``case`` (大小写), ``traditional`` (繁简)."""
    noise: int
    """How many noise characters (spaces, zero-width characters, ``*`` …) were skipped."""

class Source(TypedDict):
    """What produced a finding; quote ``file:line`` when reporting a false alarm."""

    kind: Literal["entry", "roster", "title", "model", "rule"]
    """A dictionary entry, a leader roster row, a roster title line, the model, or the rule."""
    file: Optional[str]
    """The dictionary file as shipped (``dictionaries/typo/words.tsv``) or as named by the user."""
    line: Optional[int]
    """The 1-based line in ``file``."""
    entry: Optional[str]
    """The entry's pattern, or ``name<TAB>title`` for a roster row."""
    note: Optional[str]
    """The entry's note."""
    examples: List[str]
    """Sentences the entry must flag."""
    counterexamples: List[str]
    """Sentences the entry must leave alone."""
    as_of: Optional[str]
    """Roster rows: the roster's as-of date, ``YYYY-MM-DD``."""

class Finding(TypedDict):
    """One finding: the fields of ``sanshen check --format jsonl`` (README, "JSON fields"), as
    ``json.loads`` would make them, each with dicts and lists of its own.

    Findings hold no reference cycle, so they are made outside Python's cycle collector (as
    CPython leaves dicts of strings and numbers): collections do not walk them however many a
    program keeps. A finding's dict is tracked again when a list or dict is stored in it; its
    lists are not, so a cycle made through one (a finding appended to its own ``suggestions``)
    is freed only once it is broken.
    """

    path: str
    """The input's name: ``-`` for a text given to :meth:`Linter.check`."""
    line: int
    """1-based line of the start."""
    column: int
    """1-based column of the start, in characters."""
    start: int
    """Byte offset (UTF-8) of the start."""
    end: int
    """Byte offset (UTF-8) of the end, exclusive."""
    start_utf16: int
    """The start in UTF-16 code units."""
    end_utf16: int
    """The end in UTF-16 code units, exclusive."""
    family: str
    """``typo``, ``sensitive``, ``leader`` or ``format``."""
    rule: str
    """The rule id, e.g. ``typo/dictionary``."""
    category: Optional[str]
    """The entry's category, if it has one."""
    severity: str
    """``error``, ``warning`` or ``info``."""
    text: str
    """The matched original text."""
    message: str
    """What is wrong, in Chinese."""
    suggestions: List[str]
    """Replacements, best first; exactly one means it can be fixed automatically."""
    fixable: bool
    """Whether exactly one suggestion applies automatically."""
    evasion: Optional[Evasion]
    """How a disguised spelling was matched, or ``None``."""
    source: Optional[Source]
    """The dictionary entry, roster row or model behind the finding, or ``None``."""
    record: NotRequired[int]
    """JSON Lines input only: the line of the post in the file."""
    id: NotRequired[str]
    """JSON Lines input only: the post's id."""
    unit: NotRequired[str]
    """JSON Lines input only: the post's publishing unit."""

class Fixed(TypedDict):
    """The result of :meth:`Linter.fix`."""

    text: str
    """The text with every unambiguous fix applied."""
    applied: List[Finding]
    """The findings fixed; offsets of the first round refer to the original text."""
    remaining: List[Finding]
    """The findings left for a person; offsets refer to the fixed text."""

class Error(ValueError):
    """Anything sanshen refuses: the base of its errors."""

class DictionaryError(Error):
    """A dictionary file that cannot be read or has a malformed line."""

    path: str
    """The dictionary file."""
    line: Optional[int]
    """The 1-based line of the malformed entry; ``None`` when the file cannot be read."""

class ConfigError(Error):
    """A ``sanshen.toml`` that cannot be read or is malformed (an unknown key, a bad value)."""

    path: str
    """The configuration file."""
    line: Optional[int]
    """The 1-based line of the problem; ``None`` when the file cannot be read."""

class Linter:
    """Checks Chinese text. Built once (tens of milliseconds), then cheap to call and safe to
    share between threads."""

    def __init__(
        self,
        dictionaries: Optional[Sequence[Union[str, os.PathLike[str]]]] = None,
        as_of: DateLike = None,
        config: Optional[Union[str, os.PathLike[str]]] = None,
        builtin: bool = True,
        model: Optional[bool] = None,
    ) -> None:
        """Builds a linter.

        :param dictionaries: extra dictionary and roster files, in the shipped format.
        :param as_of: the day texts are checked as of when a call gives none (leader titles are
            judged against the roster on that day); ``None``: today in Beijing (UTC+8), at each
            call.
        :param config: a ``sanshen.toml``: families, rules, categories, severities, dictionaries
            (relative to the file) and the allow-list, as the command line reads it.
        :param builtin: whether to load the shipped dictionaries.
        :param model: whether the statistical typo model (rule ``typo/model``) runs; ``None``
            follows the configuration (``model = false`` in sanshen.toml turns it off), and it
            runs by default. ``model=False`` turns it off whatever the configuration says.
        :raises DictionaryError: a dictionary cannot be read or has a malformed line.
        :raises ConfigError: the configuration cannot be read or is malformed.
        """
    def check(
        self,
        text: str,
        date: DateLike = None,
        format: Format = "plain",
        reply: bool = False,
    ) -> List[Finding]:
        """The findings of ``text``, sorted by position.

        :param date: the day to check as of (default: the linter's ``as_of``, else today in
            Beijing).
        :param format: ``plain``, or ``html`` / ``markdown`` to check what a reader sees and
            report offsets in the original markup.
        :param reply: the text answers a citizen or a reporter: abusive and contemptuous
            language (category ``abuse``) is an ``error`` rather than a ``warning``, unless the
            configuration sets that category's severity itself. :func:`is_reply` tells it from
            a post's record.
        """
    def check_many(
        self,
        texts: Iterable[str],
        dates: Optional[Iterable[DateLike]] = None,
        format: Format = "plain",
        replies: Optional[Iterable[ReplyLike]] = None,
    ) -> List[List[Finding]]:
        """The findings of each text, in order, checked on every core with the GIL released.

        Python's cycle collector is paused while the findings are turned into dicts and left as
        it was found. The findings are plain dicts and lists, as from :meth:`check`.

        :param dates: one day per text (``None`` items take the default), or ``None``.
        :param replies: one item per text saying whether it is a reply (see ``reply`` of
            :meth:`check`): a bool, the post's type, or ``None``; ``None`` for no replies.
        :raises ValueError: ``dates`` or ``replies`` is not as long as ``texts``.
        :raises TypeError: an item of ``replies`` is neither a bool, a string nor ``None``.
        """
    def fix(self, text: str, date: DateLike = None, reply: bool = False) -> Fixed:
        """``text`` with every unambiguous fix (exactly one suggestion) applied; everything else
        stays byte-identical. ``reply`` as for :meth:`check`."""
    def describe(self) -> dict:
        """What the linter was built from: ``sanshen_version``, ``as_of``, ``roster_as_of`` (the
        oldest ``!as-of`` date of the roster rows in use), ``roster_date`` (the latest),
        ``builtin``, ``dictionaries``, ``config``, ``settings`` (the configuration's keys),
        ``entries`` and ``model`` (whether the statistical model runs)."""
