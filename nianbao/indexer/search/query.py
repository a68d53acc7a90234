"""The user query language, parsed by hand into clauses of literal terms.

Users never see Whoosh's QueryParser syntax. The language:

- ``保密审查 行政复议``: words separated by spaces (ASCII or full-width) are ANDed;
- ``"依申请公开"``: an exact phrase. Chinese quotes (``“…”``, ``「…」``, what a Chinese
  input method types) delimit a phrase too when they are paired; an unpaired one is an
  ordinary character of the text (pasted text often holds one);
- ``保密审查 OR 行政复议``: ``OR`` (upper case) between two terms makes them alternatives;
- ``-行政诉讼``: excludes every report whose text contains the term;
- ``title:年度报告`` (also ``标题:``): the term must occur in the report's title.

Matching (decisions where the issue is silent):

- A term matches a section exactly when the section's text contains it as a substring
  (Latin letters case-insensitively); a ``title:`` term, when the report's title does. A
  term crossing a section boundary selects the report but no section. A quoted phrase
  and an unquoted word match the same reports; the word is also ranked by its jieba
  words (``indexer.matching`` does both).
- A single character matches wherever it occurs.
- Whitespace inside a quoted term matches any run of whitespace in the text.
- ``AND`` is implied; terms are grouped report-wide, not per section: ``A B`` finds a
  report with A in one section and B in another (the service intersects per clause).
- Every other character is literal: the language has no grouping, wildcards or
  boosts, and a term means "this substring" (so 五）项 or 1(2) work as typed). Only
  ``* ? ~ ^`` at either end of an unquoted word are dropped (wildcard, fuzzy and boost
  habits from other engines, best effort). Invisible control and zero-width characters
  are dropped everywhere.
- Errors raise ``QueryError`` with a Chinese message: unbalanced quotes, an ``OR`` with
  no term on one side, ``OR`` next to an excluded term, input over ``MAX_QUERY_CHARS``
  characters or with more than ``MAX_TERMS`` terms.
"""
import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
_QUOTES = {'"': '"', "＂": "＂", "“": "”", "「": "」"}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200f\ufeff]")  # invisible: dropped
_WILDCARD_ENDS = "*?~^"
_SPACE = re.compile(r"\s+")
_TITLE_PREFIX = re.compile(r"^(?:title|标题)[:：]", re.IGNORECASE)


class QueryError(ValueError):
    """A request that cannot be run; the message is shown to the user (Chinese).

    ``param`` names the request field at fault (``q``, ``page``, ``sort`` …) where one is.
    """

    def __init__(self, message, param="q"):
        super().__init__(message)
        self.param = param


@dataclass(frozen=True)
class Term:
    """One literal the user typed: its text, whether quoted, whether limited to titles."""

    text: str
    phrase: bool = False
    title: bool = False


@dataclass(frozen=True)
class Clause:
    """Alternatives (``OR``) of one or more terms; ``negated`` for ``-term``."""

    terms: tuple
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """The clauses of a query: positive ones are ANDed, negated ones excluded."""

    clauses: tuple = ()

    @property
    def positive(self):
        """The clauses a report must match."""
        return [c for c in self.clauses if not c.negated]

    @property
    def negative(self):
        """The clauses that exclude a report."""
        return [c for c in self.clauses if c.negated]

    def literals(self):
        """The strings to highlight: every positive term (title-only terms skipped)."""
        return [t.text for c in self.positive for t in c.terms if not t.title]

    def __bool__(self):
        return bool(self.clauses)


def _tokens(text):
    """Split the raw query into ("word", "", text) and ("phrase", glued prefix, text) tokens."""
    tokens, i, n = [], 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        # A token is a run of non-space characters, possibly ending in a quoted part.
        j = i
        while j < n and not text[j].isspace():
            if text[j] in _QUOTES:
                close = text.find(_QUOTES[text[j]], j + 1)
                if close >= 0:
                    break
                if text[j] == '"':
                    raise QueryError("引号没有配对：请补全引号，或去掉引号按普通词检索。")
                # An unpaired Chinese quote is just a character of the text.
            j += 1
        if j < n and text[j] in _QUOTES:
            close = text.find(_QUOTES[text[j]], j + 1)
            tokens.append(("phrase", text[i:j], text[j + 1:close]))
            i = close + 1
        else:
            tokens.append(("word", "", text[i:j]))
            i = j
    return tokens


def parse(text):
    """Parse the user's query text into a ParsedQuery; raise QueryError for bad input."""
    if text is None:
        return ParsedQuery()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"检索式过长：最多 {MAX_QUERY_CHARS} 个字符。")
    text = _CONTROL.sub("", text)
    groups, pending_or = [], False
    for kind, prefix, value in _tokens(text):
        if kind == "word" and value == "OR":
            if not groups or pending_or:
                raise QueryError("OR 的两边都需要检索词，例如：保密审查 OR 行政复议。")
            pending_or = True
            continue
        terms, negated = _token_terms(kind, prefix, value)
        if not terms:
            continue  # nothing searchable left (a lone "-", "title:", "*"); an OR waits
        if pending_or and (negated or groups[-1].negated):
            raise QueryError("OR 不能与排除词（-）一起使用。")
        for i, term in enumerate(terms):
            _add(groups, term, negated, pending_or and i == 0)
        pending_or = False
    if pending_or:
        raise QueryError("OR 的两边都需要检索词，例如：保密审查 OR 行政复议。")
    if sum(len(c.terms) for c in groups) > MAX_TERMS:
        raise QueryError(f"检索词过多：最多 {MAX_TERMS} 个。")
    return ParsedQuery(tuple(groups))


def _token_terms(kind, prefix, value):
    """The Terms of one token and whether it is negated (``-``)."""
    head = prefix if kind == "phrase" else value
    negated, title = head.startswith("-"), False
    head = head.lstrip("-")
    match = _TITLE_PREFIX.match(head)
    if match:
        title, head = True, head[match.end():]
    # Text glued before a quote is a word of its own.
    word = head.strip(_WILDCARD_ENDS)
    terms = [Term(word, title=title)] if word else []
    if kind == "phrase":
        phrase = _SPACE.sub(" ", value).strip()
        if phrase:
            terms.append(Term(phrase, phrase=True, title=title))
    return terms, negated


def _add(groups, term, negated, join_previous):
    """Append ``term`` as a new clause, or as an alternative of the previous one."""
    if join_previous:
        last = groups[-1]
        groups[-1] = Clause(last.terms + (term,), last.negated)
    else:
        groups.append(Clause((term,), negated))
