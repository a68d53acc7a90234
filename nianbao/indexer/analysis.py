"""Chinese text analysis: jieba words and character bigrams, fast functions and Whoosh tokenizers.

Segmentation uses rjieba (a Rust port of jieba: same dictionary, same algorithm, about
12x faster) when it is importable, and jieba otherwise; both load the domain dictionary
in ``data/userdict.txt`` (主动公开, 依申请公开, 保密审查 …). jieba stays the reference: a
test checks that both give the same Chinese words on real reports (they differ only in
how they join runs of digits and punctuation, e.g. ``2014-2016``, which no ranking
depends on).

The index path calls two plain functions (no Whoosh Token objects):

- ``word_counts(text)`` → ``{word: frequency}``, words lowercased, whitespace and
  punctuation dropped, digits and Latin words kept, no stemming or stop words: the
  ranked (BM25) word fields.
- ``bigram_set(text)`` → the set of adjacent non-space character pairs, lowercased; a
  lone character between spaces is kept as a unigram. A section whose set holds every
  bigram of a query string *may* contain it (审查制 inside 保密审查制度, where words
  would miss it); the search service confirms candidates on the section's text.

The Whoosh tokenizers (``JiebaTokenizer``, ``BigramTokenizer``) honour the
``positions``/``chars``/``start_pos``/``start_char``/``mode`` flags, with ``pos`` the
token's ordinal and ``startchar``/``endchar`` exact offsets into the text (so
``text[startchar:endchar] == token.text`` before lowercasing). They are the analyzers of
the schema's text fields (``schema.TermsField``), for anything that analyses text through
Whoosh; the build path feeds those fields the terms of the fast functions above, which
give the same terms (a test checks it).
"""
import logging
import re
import threading
from collections import Counter
from pathlib import Path

from whoosh.analysis import LowercaseFilter, Token, Tokenizer

try:  # optional speed-up; jieba is the fallback and the reference
    import rjieba
except ImportError:  # pragma: no cover - depends on the environment
    rjieba = None

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"
_SKIP = re.compile(r"^[\s\W_]+$")  # whitespace- or punctuation-only tokens
_RUNS = re.compile(r"\S+")
_lock = threading.Lock()
_jieba = None
_fast = None


def _user_words():
    """(word, freq, tag) lines of the domain dictionary."""
    out = []
    for line in USER_DICT.read_text("utf-8").splitlines():
        parts = line.split()
        if parts:
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 20000
            out.append((parts[0], freq, parts[2] if len(parts) > 2 else "n"))
    return out


def segmenter():
    """The shared jieba (reference) tokenizer with the domain dictionary loaded (built once)."""
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                seg = jieba.Tokenizer()
                seg.initialize()
                seg.load_userdict(str(USER_DICT))
                _jieba = seg
    return _jieba


def fast_segmenter():
    """The rjieba segmenter with the domain dictionary, or None when rjieba is missing."""
    global _fast
    if _fast is None and rjieba is not None:
        with _lock:
            if _fast is None:
                seg = rjieba.Jieba()
                for word, freq, tag in _user_words():
                    seg.add_word(word, freq, tag)
                _fast = seg
    return _fast


def load():
    """Load the segmenter (and the fold table) now: before forking workers, before serving."""
    from . import fold

    fold.load()
    if fast_segmenter() is None:
        segmenter()


def _tokenize(text):
    """(word, start, end) of every token of ``text``, with the fastest segmenter available."""
    fast = fast_segmenter()
    if fast is not None:
        return fast.tokenize(text)
    return segmenter().tokenize(text, HMM=True)


def _cut(text):
    """The tokens of ``text`` (no offsets), with the fastest segmenter available."""
    fast = fast_segmenter()
    if fast is not None:
        return fast.cut(text)
    return segmenter().lcut(text, HMM=True)


def word_spans(text):
    """Yield ``(word, start, end)`` for the words of ``text``, punctuation dropped."""
    for word, start, end in _tokenize(text):
        if not _SKIP.match(word):
            yield word, start, end


_NORMAL = {}  # token -> its indexed form (lowercased), or "" for punctuation; bounded below
_NORMAL_MAX = 500_000


def _normal(token):
    word = "" if _SKIP.match(token) else token.lower()
    if len(_NORMAL) < _NORMAL_MAX:
        _NORMAL[token] = word
    return word


def word_counts(text):
    """``{word: frequency}`` of the lowercased words of ``text``, punctuation dropped."""
    counts = {}
    # Count raw tokens first; each distinct token's form is looked up once per process.
    normal = _NORMAL.get
    for token, n in Counter(_cut(text)).items():
        word = normal(token)
        if word is None:
            word = _normal(token)
        if word:
            counts[word] = counts.get(word, 0) + n
    return counts


def bigram_set(text):
    """The set of adjacent non-space character pairs of ``text``, lowercased (lone chars kept)."""
    grams = set()
    for run in text.lower().split():
        if len(run) == 1:
            grams.add(run)
        else:
            grams.update([run[i:i + 2] for i in range(len(run) - 1)])
    return grams


def bigram_spans(text):
    """Yield ``(bigram, start, gap)``: adjacent non-space character pairs of ``text``.

    ``gap`` is True for the first bigram after whitespace, so positions can skip one
    and no phrase matches across a space. A lone character between spaces yields
    itself as a unigram.
    """
    for run in _RUNS.finditer(text):
        chars, start = run.group(), run.start()
        if len(chars) == 1:
            yield chars, start, True
            continue
        for i in range(len(chars) - 1):
            yield chars[i:i + 2], start + i, i == 0


def _fill(spans, positions, chars, keeporiginal, removestops, start_char, mode, kwargs):
    """Yield one reused Whoosh Token per ``(text, pos, start, end)`` span, flags honoured."""
    token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
    for text, pos, start, end in spans:
        token.text = text
        token.boost = 1.0
        if keeporiginal:
            token.original = text
        token.stopped = False
        if positions:
            token.pos = pos
        if chars:
            token.startchar = start_char + start
            token.endchar = start_char + end
        yield token


class JiebaTokenizer(Tokenizer):
    """Tokenize Chinese text into jieba words with ordinal positions and offsets."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, mode="", **kwargs):
        spans = ((word, pos, start, end)
                 for pos, (word, start, end) in enumerate(word_spans(value), start_pos))
        return _fill(spans, positions, chars, keeporiginal, removestops, start_char, mode, kwargs)


class BigramTokenizer(Tokenizer):
    """Tokenize text into overlapping character bigrams with positions and offsets.

    Positions skip one after whitespace, so no phrase matches across a space."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, mode="", **kwargs):
        def spans():
            pos = start_pos - 1
            for gram, start, gap in bigram_spans(value):
                pos += 2 if gap and pos >= start_pos else 1
                yield gram, pos, start, start + len(gram)

        return _fill(spans(), positions, chars, keeporiginal, removestops, start_char, mode, kwargs)


def word_analyzer():
    """jieba words, lowercased, as a Whoosh analyzer."""
    return JiebaTokenizer() | LowercaseFilter()


def bigram_analyzer():
    """Character bigrams, lowercased, as a Whoosh analyzer."""
    return BigramTokenizer() | LowercaseFilter()
