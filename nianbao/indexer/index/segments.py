"""Writing one Whoosh segment fast: a compact in-memory posting pool and quick flushes.

A build worker writes its own segment (see ``nianbao.indexer.index.build``). Whoosh's ``PostingPool``
keeps one Python tuple per posting, estimates ~170 bytes for each, and past
``limitmb`` pickles sorted runs to disk and merges them back at the end: at 10,000
reports a third of a worker's time went into that pickling. ``CompactPool`` instead
groups postings by term in ``array`` columns (about 20 bytes a posting, no spill); the
worker starts a new segment when a pool holds ``MAX_POSTINGS`` (bounding memory on very
large builds). The postings written are the same as Whoosh's (a test compares them).

Posting lists are written in blocks of 1024 uncompressed ids (``codec()``): the
service reads whole lists into numpy, so fewer, plain blocks read several times
faster (and write faster) than Whoosh's default of 128 zlib-compressed ones.
"""
from array import array

from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

CODEC_OPTIONS = {"blocklimit": 1024, "compression": 0}
MAX_POSTINGS = 20_000_000


def codec():
    """The Whoosh codec every writer of a nianbao index uses."""
    return W3Codec(**CODEC_OPTIONS)


class CompactPool:
    """Postings grouped by (field, term): docnums, weights and values in arrays/lists."""

    def __init__(self):
        self.terms = {}
        self.count = 0

    def add(self, item):
        """Add one ``(fieldname, tbytes, docnum, weight, vbytes)`` posting."""
        key = (item[0], item[1])
        entry = self.terms.get(key)
        if entry is None:
            entry = self.terms[key] = (array("i"), array("d"), [])
        entry[0].append(item[2])
        entry[1].append(item[3])
        entry[2].append(item[4])
        self.count += 1

    def iter_postings(self):
        """The postings sorted by field, term and docnum (docs arrive in docnum order)."""
        for key in sorted(self.terms):
            docs, weights, values = self.terms.pop(key)
            fieldname, tbytes = key
            for docnum, weight, vbytes in zip(docs, weights, values):
                yield fieldname, tbytes, docnum, weight, vbytes

    def cleanup(self):
        """Nothing on disk to remove."""
        self.terms.clear()


class FieldLengths:
    """Per-document field lengths read once per field, then looked up by list index.

    Whoosh's segment flush asks the per-document reader for the length of the
    document behind every single posting, a column lookup each time; that was a fifth
    of a worker's CPU. The values are the same, so the segment written is identical.
    """

    def __init__(self, reader):
        self.reader, self.cache = reader, {}

    def doc_field_length(self, docnum, fieldname, default=0):
        """Length of ``fieldname`` in document ``docnum`` (as the reader reports it)."""
        column = self.cache.get(fieldname)
        if column is None:
            length = self.reader.doc_field_length
            column = [length(d, fieldname, default) for d in range(self.reader.doc_count_all())]
            self.cache[fieldname] = column
        return column[docnum]


class FastSegmentWriter(SegmentWriter):
    """A SegmentWriter with a CompactPool whose flush looks lengths up in FieldLengths."""

    def __init__(self, ix, **kwargs):
        kwargs.setdefault("codec", codec())
        super().__init__(ix, **kwargs)
        self.pool.cleanup()  # Whoosh's pool made nothing yet; replace it
        self.pool = CompactPool()

    def _flush_segment(self):
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = FieldLengths(reader) if reader else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if reader:
            reader.close()
