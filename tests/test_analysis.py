"""The jieba word and character-bigram analysis on real reports."""
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from nianbao.indexer.analysis import (bigram_analyzer, bigram_set, fast_segmenter, rjieba, segmenter,
                              word_analyzer, word_counts, word_spans)

SEED = Path(__file__).resolve().parents[1] / "corpus" / "000_198abac0211c756f.txt"


def tokens(analyzer, text):
    """(text, pos, startchar, endchar) of every token."""
    return [(t.text, t.pos, t.startchar, t.endchar)
            for t in analyzer(text, positions=True, chars=True)]


def test_word_offsets_and_sequential_positions_on_a_real_report():
    text = SEED.read_text("utf-8")
    toks = tokens(word_analyzer(), text)
    assert [p for _, p, _, _ in toks] == list(range(len(toks)))
    assert all(text[s:e].lower() == w for w, _, s, e in toks)
    assert "保密审查" in {w for w, *_ in toks}  # the domain dictionary is loaded
    assert any(w.isdigit() for w, *_ in toks)  # digits are kept


def test_bigrams_cover_every_adjacent_pair_and_skip_a_position_at_spaces():
    toks = tokens(bigram_analyzer(), "保密审查 制度A")
    assert toks == [("保密", 0, 0, 2), ("密审", 1, 1, 3), ("审查", 2, 2, 4),
                    ("制度", 4, 5, 7), ("度a", 5, 6, 8)]


SHARED = Path(__file__).resolve().parents[2] / "shared" / "reports" / "extracted"
CJK_RUN = re.compile(r"^[\u4e00-\u9fff]+$")


def real_texts(limit=8):
    """Texts of real reports: the seed plus some of ../shared/reports/extracted."""
    texts = [SEED.read_text("utf-8")]
    if SHARED.is_dir():
        texts += [p.read_text("utf-8") for p in sorted(SHARED.rglob("*.txt"))[:limit]]
    return texts


def test_word_counts_count_the_words_of_a_real_report():
    text = SEED.read_text("utf-8")
    counts = word_counts(text)
    spans = [w.lower() for w, _, _ in word_spans(text)]
    assert counts == dict(Counter(spans))
    assert counts["保密审查"] == text.count("保密审查")  # the domain dictionary is loaded
    assert any(w.isdigit() for w in counts)
    assert not any(re.fullmatch(r"[\s\W_]+", w) for w in counts)  # no punctuation
    assert word_counts("ABC公开 Abc") == {"abc": 2, "公开": 1}


def test_bigram_set_holds_every_pair_of_every_substring():
    text = SEED.read_text("utf-8") + "\n政务\u3000公 开Ａ"
    grams = bigram_set(text)
    lower = text.lower()
    assert all(g in lower and not any(c.isspace() for c in g) for g in grams)
    assert "公" in grams and "开ａ" in grams and "务　" not in grams  # lone char; lowercased
    rng = random.Random(5)
    for _ in range(300):
        start = rng.randrange(len(text) - 8)
        piece = lower[start:start + rng.randint(2, 8)]
        for run in piece.split():
            assert {run[i:i + 2] for i in range(len(run) - 1)} <= grams, run


@pytest.mark.skipif(rjieba is None, reason="rjieba is not installed")
def test_rjieba_and_jieba_give_the_same_chinese_words():
    reference = segmenter()
    for text in real_texts():
        fast = [w for w in fast_segmenter().cut(text) if CJK_RUN.match(w)]
        slow = [w for w in reference.cut(text, HMM=True) if CJK_RUN.match(w)]
        assert len(fast) > 100 and fast == slow


@pytest.mark.parametrize("text", real_texts(4))
def test_schema_analyzers_give_the_terms_the_index_holds(text):
    from nianbao.indexer.index.schema import make_schema

    schema = make_schema()
    for field, terms in (("body_words", word_counts), ("body_bigram", bigram_set)):
        fieldtype = schema[field]
        analysed = Counter(t.text for t in fieldtype.analyzer(text))
        expected = terms(text)
        assert (dict(analysed) if isinstance(expected, dict) else set(analysed)) == expected
        # A field given plain text indexes exactly what the workers precompute.
        assert list(fieldtype.index(text)) == list(fieldtype.index(expected))
