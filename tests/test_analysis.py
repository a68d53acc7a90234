"""The jieba word and character-bigram analyzers on a real report."""
from pathlib import Path

from indexer.analysis import bigram_analyzer, word_analyzer

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
