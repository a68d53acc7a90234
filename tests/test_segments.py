"""The bulk segment builder writes what Whoosh's own writer writes, and the service reads it.

The corpus's reports are indexed twice: by ``SegmentBuilder`` (the build's path) and by
Whoosh's ``writer.add_document`` from ``schema.report_documents`` with the same codec.
Every term's postings, every stored field and every field length must agree through
Whoosh's public API; the service's fast postings path must agree with the public one.
"""
import os

import numpy as np
import pytest
from whoosh.filedb.filestore import FileStorage

from nianbao.indexer.index import codec, store
from nianbao.indexer.index.build import build_index
from nianbao.indexer.index.codec import NianbaoCodec
from nianbao.indexer.index.schema import index_bigrams, make_schema, report_documents
from nianbao.indexer.index.segments import SegmentBuilder, bigram_codes, code_term
from nianbao.indexer.search.postings import SegmentFiles, public_term_arrays


def dump(ix):
    """Postings, stored fields and field lengths of an index, through Whoosh's public API."""
    with ix.reader() as reader:
        postings = {(f, t): list(reader.postings(f, t).items_as("weight"))
                    for f, t in reader.all_terms()}
        n = reader.doc_count_all()
        stored = [reader.stored_fields(d) for d in range(n)]
        lengths = [(reader.doc_field_length(d, "body_words"), reader.doc_field_length(d, "title_words"))
                   for d in range(n)]
    return postings, stored, lengths


@pytest.mark.parametrize("text", ["保密审查 制度", "a  B\tc", "一", " 公开 ", "Ａ１全角 ＡＢ", "开\n开开 "])
def test_bigram_codes_are_the_index_bigrams(text):
    assert {code_term(c).decode() for c in bigram_codes(text).tolist()} == index_bigrams(text)


def test_bigram_codes_on_real_sections(corpus_reports):
    for report in corpus_reports.values():
        for s in report.sections:
            body = report.text[s.start:s.end]
            assert {code_term(c).decode() for c in bigram_codes(body).tolist()} == index_bigrams(body)


@pytest.mark.parametrize("chunk", [None, 1000])  # the bulk writer's default, and many calls
def test_bulk_segment_equals_whooshs_writer(tmp_path, corpus_reports, chunk, monkeypatch):
    if chunk:
        monkeypatch.setattr(codec, "CHUNK", chunk)
    reports = sorted(corpus_reports.values(), key=lambda r: r.path)
    (tmp_path / "whoosh").mkdir()
    reference = FileStorage(str(tmp_path / "whoosh")).create_index(make_schema())
    writer = reference.writer(codec=NianbaoCodec())
    for report in reports:
        for doc in report_documents(report, report.path, "h"):
            writer.add_document(**doc)
    writer.commit()
    (tmp_path / "bulk").mkdir()
    storage = FileStorage(str(tmp_path / "bulk"))
    ix = storage.create_index(make_schema())
    builder = SegmentBuilder(storage, make_schema())
    for report in reports:
        builder.add(report, report.path, "h")
    segment = builder.finish()
    ix.writer().commit(mergetype=lambda _w, segments: segments + [segment])
    expected, got = dump(reference), dump(ix)
    assert len(expected[0]) > 10000
    assert got[0] == expected[0]
    assert got[1] == expected[1] and got[2] == expected[2]


def test_fast_postings_equal_the_public_api_across_segments(tmp_path, monkeypatch):
    import nianbao.indexer.index.build

    monkeypatch.setattr(nianbao.indexer.index.build, "MAX_POSTINGS", 5000)  # several segments
    corpus = os.path.join(os.path.dirname(__file__), "..", "corpus")
    index_dir = str(tmp_path / "index")
    build_index([corpus], index_dir, jobs=2)
    name, ix = store.open_index(index_dir)
    from nianbao.indexer.search.catalog import Catalog

    meta = Catalog.load(store.generation_path(index_dir, name)).meta
    with ix.reader() as reader:
        leaves = reader.leaf_readers()
        assert len(leaves) > 3
        files = SegmentFiles(index_dir, name, reader, meta)
        try:
            terms = [(f, t) for f, t in reader.all_terms()
                     if f in ("body_bigram", "body_words", "title_words", "edge_bigram", "source")]
            common = max(terms, key=lambda ft: reader.doc_frequency(*ft))
            for field, tbytes in terms[::97] + [common]:
                freqs = field in ("body_words", "title_words")
                docs, fs = files.term(leaves, field, tbytes.decode("utf-8"), freqs)
                parts = [public_term_arrays(leaf, field, tbytes, freqs) for leaf, _ in leaves]
                expected = np.concatenate([d + base for (d, _), (_, base) in zip(parts, leaves)])
                assert docs.tolist() == expected.tolist()
                public = list(reader.postings(field, tbytes).items_as("weight"))
                assert docs.tolist() == [d for d, _ in public]
                if freqs:
                    assert fs.tolist() == [w for _, w in public]
        finally:
            files.close()
