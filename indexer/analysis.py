"""Whoosh analyzers for Chinese report text: jieba words and character bigrams.

Two tokenizers, each honouring Whoosh's ``positions``/``chars``/``start_pos``/
``start_char``/``mode`` flags, with ``pos`` the token's ordinal (never a character
offset, unlike ``jieba.analyse.ChineseTokenizer``) and ``startchar``/``endchar`` exact
offsets into the text, so that ``text[startchar:endchar] == token.text`` (before
lowercasing):

- ``JiebaTokenizer`` segments with jieba plus the domain dictionary in
  ``data/userdict.txt`` (主动公开, 依申请公开, 保密审查 …). Whitespace and punctuation are
  dropped; digits and Latin words are kept. No stemming, no stop words.
- ``BigramTokenizer`` emits every pair of adjacent non-space characters. A query of
  two or more characters becomes a phrase of its bigrams, and that phrase matches a
  document exactly when the query is a substring of its text: the recall guarantee
  that word segmentation alone cannot give (审查制 inside 保密审查制度).

``word_analyzer()`` and ``bigram_analyzer()`` compose them with a lowercase filter.
"""
import re
import threading
from pathlib import Path

from whoosh.analysis import LowercaseFilter, Token, Tokenizer

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"
_SKIP = re.compile(r"^[\s\W_]+$")  # whitespace- or punctuation-only jieba tokens
_RUNS = re.compile(r"\S+")
_lock = threading.Lock()
_segmenter = None


def segmenter():
    """The shared jieba tokenizer with the domain dictionary loaded (built once)."""
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                seg = jieba.Tokenizer()
                seg.initialize()
                seg.load_userdict(str(USER_DICT))
                _segmenter = seg
    return _segmenter


def word_spans(text):
    """Yield ``(word, start, end)`` for the jieba words of ``text``, punctuation dropped."""
    for word, start, end in segmenter().tokenize(text, HMM=True):
        if not _SKIP.match(word):
            yield word, start, end


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


class JiebaTokenizer(Tokenizer):
    """Tokenize Chinese text into jieba words with ordinal positions and offsets."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, (word, start, end) in enumerate(word_spans(value), start_pos):
            token.text = word
            token.boost = 1.0
            if keeporiginal:
                token.original = word
            token.stopped = False
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class BigramTokenizer(Tokenizer):
    """Tokenize text into overlapping character bigrams with positions and offsets."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos - 1
        for gram, start, gap in bigram_spans(value):
            pos += 2 if gap and pos >= start_pos else 1
            token.text = gram
            token.boost = 1.0
            if keeporiginal:
                token.original = gram
            token.stopped = False
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + start + len(gram)
            yield token


def word_analyzer():
    """jieba words, lowercased: the field that ranks."""
    return JiebaTokenizer() | LowercaseFilter()


def bigram_analyzer():
    """Character bigrams, lowercased: the field that guarantees recall and exact phrases."""
    return BigramTokenizer() | LowercaseFilter()
