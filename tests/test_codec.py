"""nianbao's Whoosh codec against Whoosh's own: same postings through the public API.

The same real report sections are indexed with Whoosh's default codec and with ours
(record by record through Whoosh's writer, and in bulk from arrays); every term's postings,
frequencies and statistics read through Whoosh's public API must agree, and the fast
``term_arrays`` path must return what the public API returns.
"""
import os
from pathlib import Path

import numpy as np
import pytest
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import QueryParser

from nianbao.indexer.analysis import bigram_set, word_counts
from nianbao.indexer.extract import extract_file
from nianbao.indexer.index import codec as codec_module
from nianbao.indexer.index.codec import (BulkFieldWriter, NianbaoCodec, decode, encode,
                                         postings_path, read_record, record, term_arrays)
from nianbao.indexer.index.schema import TermsField

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def schema():
    return Schema(key=ID(stored=True), words=TermsField(freqs=True), grams=TermsField())


@pytest.fixture(scope="module")
def sections():
    """(key, text) of every section of three real reports."""
    out = []
    for name in sorted(os.listdir(CORPUS))[:3]:
        for report in extract_file(str(CORPUS / name)):
            for no, s in enumerate(report.sections):
                out.append((f"{name}:{no}", report.text[s.start:s.end]))
    return out


def build(path, codec, sections):
    path.mkdir()
    ix = FileStorage(str(path)).create_index(schema())
    writer = ix.writer(codec=codec)
    for key, text in sections:
        writer.add_document(key=key, words=word_counts(text), grams=bigram_set(text))
    writer.commit()
    return ix


def everything(ix):
    """{(field, term): [(docnum, weight)]} and term statistics, through the public API."""
    out = {}
    with ix.reader() as reader:
        for field, tbytes in reader.all_terms():
            if field == "key":
                continue
            items = list(reader.postings(field, tbytes).items_as("weight"))
            info = reader.term_info(field, tbytes)
            out[field, tbytes] = (items, info.doc_frequency(), info.weight(), info.max_weight())
    return out


@pytest.mark.parametrize("values", [[0], [1, 127, 128, 16383, 16384, 2**31, 2**40], list(range(300))])
def test_varints_round_trip(values):
    data, sizes = encode(values)
    assert len(data) == sizes.sum() and decode(data, len(values)).tolist() == values


def test_a_record_round_trips_ids_and_frequencies():
    ids, freqs = [0, 1, 2, 300, 70000, 70001], [1, 2, 1, 200, 1, 5]
    assert [a.tolist() for a in read_record(record(ids, freqs), freqs=True)] == [ids, freqs]
    assert read_record(record(ids))[0].tolist() == ids


def test_our_codec_gives_whooshs_postings_and_search_results(tmp_path, sections):
    ours, theirs = build(tmp_path / "ours", NianbaoCodec(), sections), build(tmp_path / "w3", W3Codec(), sections)
    expected = everything(theirs)
    assert len(expected) > 1000 and everything(ours) == expected
    for query in ("words:公开", "grams:保密 grams:审查", "words:信息 OR words:复议"):
        found = [sorted(hit["key"] for hit in ix.searcher().search(
            QueryParser("words", ix.schema).parse(query), limit=None)) for ix in (ours, theirs)]
        assert found[0] == found[1] and found[0]


@pytest.mark.parametrize("chunk", [1 << 20, 1, 50])  # one call per field, per term, per few terms
def test_bulk_arrays_write_the_same_postings(tmp_path, sections, chunk, monkeypatch):
    monkeypatch.setattr(codec_module, "CHUNK", chunk)
    expected = everything(build(tmp_path / "w3", W3Codec(), sections))
    codec, storage = NianbaoCodec(), FileStorage(str(tmp_path))
    (tmp_path / "bulk").mkdir()
    storage = FileStorage(str(tmp_path / "bulk"))
    ix = storage.create_index(schema())
    segment = codec.new_segment(storage, "MAIN")
    perdoc = codec.per_document_writer(storage, segment)
    for docnum, (key, text) in enumerate(sections):
        perdoc.start_doc(docnum)
        perdoc.add_field("key", ix.schema["key"], key, None)
        perdoc.add_field("words", ix.schema["words"], None, sum(word_counts(text).values()))
        perdoc.finish_doc()
    perdoc.close()
    fields = codec.field_writer(storage, segment)
    assert isinstance(fields, BulkFieldWriter)
    lengths = np.array([sum(word_counts(text).values()) for _, text in sections])
    for name, terms_of in (("grams", bigram_set), ("words", word_counts)):
        rows = sorted((t.encode(), d, f) for d, (_, text) in enumerate(sections)
                      for t, f in (terms_of(text).items() if name == "words"
                                   else ((g, 1) for g in terms_of(text))))
        terms = sorted({t for t, _, _ in rows})
        index = {t: i for i, t in enumerate(terms)}
        fields.add_arrays(name, ix.schema[name], terms, [index[t] for t, _, _ in rows],
                          [d for _, d, _ in rows],
                          [f for _, _, f in rows] if name == "words" else None,
                          lengths if name == "words" else None)
    fields.close()
    segment.set_doc_count(len(sections))
    writer = ix.writer()
    writer.commit(mergetype=lambda w, segments: segments + [segment])
    assert everything(ix) == expected
    # The fast path reads the same postings as the public API.
    with ix.reader() as reader:
        [(leaf, _base)] = reader.leaf_readers()
        fd = os.open(str(tmp_path / "bulk" / postings_path(segment)), os.O_RDONLY)
        try:
            for (field, tbytes), (items, *_rest) in list(expected.items())[::7]:
                ids, freqs = term_arrays(leaf, fd, field, tbytes, freqs=field == "words")
                assert ids.tolist() == [d for d, _ in items]
                if freqs is not None:
                    assert freqs.tolist() == [w for _, w in items]
            assert term_arrays(leaf, fd, "grams", "不存在的词".encode())[0].tolist() == []
        finally:
            os.close(fd)
