"""Reading one generation's segment files for the search service: postings and section texts.

``SegmentFiles`` holds, for every segment of a generation (in Whoosh's order), an open file
descriptor of its postings file and a read-only memory map of its section texts
(``.ntx``). Posting lists are read whole into numpy (``indexer.index.codec.term_arrays``:
one ``pread`` and a vectorised decode), with Whoosh's public matcher API as the fallback
for a segment written by another codec; both are checked against each other by
``tests/test_codec.py`` and ``tests/test_postings.py``.

A memory map of a file that is later truncated crashes the process (SIGBUS) when a page
past the new end is read; so ``check()`` compares every file of the generation with the
size its checksum record gives, and the service calls it before each request: a damaged
file is answered with ``IndexDamaged`` instead. Whoosh's own files are opened without
memory maps (``store.open_index``).

Docnums returned are the generation's (each segment's own plus its base); deleted
documents are not filtered here (the catalog's ``doc_report`` marks them).
"""
import mmap
import os

import numpy as np

from ..index import store
from ..index.codec import NianbaoCodec, postings_path, term_arrays
from ..index.segments import TEXT_EXT

_EMPTY = np.zeros(0, dtype=np.int64)


class SegmentFiles:
    """Postings descriptors and text maps of one generation's segments (thread-safe reads)."""

    def __init__(self, index_dir, name, reader, meta):
        self.gen_dir = store.generation_path(index_dir, name)
        self.index_dir, self.name = index_dir, name
        leaves = reader.leaf_readers()
        segments = [leaf.segment() for leaf, _ in leaves]
        expected = [s["id"] for s in meta["segments"]]
        if [s.segment_id() for s in segments] != expected:
            raise store.IndexDamaged(store.damage_message(index_dir, ["arrays/meta.json"]))
        self.bases = np.array([base for _, base in leaves] + [reader.doc_count_all()],
                              dtype=np.int64)
        self.fast = [isinstance(s.codec(), NianbaoCodec) for s in segments]
        self.sizes = store.file_sizes(index_dir, name)
        self.fds, self.texts = [], []
        try:
            for segment in segments:
                self.fds.append(os.open(os.path.join(self.gen_dir, postings_path(segment)),
                                        os.O_RDONLY))
                with open(os.path.join(self.gen_dir, segment.make_filename(TEXT_EXT)), "rb") as f:
                    self.texts.append(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
                                      if os.fstat(f.fileno()).st_size else b"")
        except OSError as exc:
            self.close()
            raise store.IndexDamaged(store.damage_message(index_dir, [str(exc)])) from None

    def check(self):
        """Raise IndexDamaged if any file of the generation no longer has its recorded size."""
        for path, size in self.sizes.items():
            try:
                ok = os.stat(path).st_size == size
            except OSError:
                ok = False
            if not ok:
                raise store.IndexDamaged(store.damage_message(
                    self.index_dir, [os.path.relpath(path, self.gen_dir)]))

    def term(self, leaves, field, text, freqs=False):
        """(docnums, frequencies or None) of ``field:text`` across all segments."""
        tbytes = text.encode("utf-8")
        ids, fs = [], []
        for i, (leaf, base) in enumerate(leaves):
            if self.fast[i]:
                docs, f = term_arrays(leaf, self.fds[i], field, tbytes, freqs)
            else:
                docs, f = public_term_arrays(leaf, field, tbytes, freqs)
            if len(docs):
                ids.append(docs + base)
                fs.append(f)
        if not ids:
            return _EMPTY, (_EMPTY if freqs else None)
        docs = ids[0] if len(ids) == 1 else np.concatenate(ids)
        if not freqs:
            return docs, None
        return docs, fs[0] if len(fs) == 1 else np.concatenate(fs)

    def prefix_terms(self, leaves, field, prefix, limit):
        """The terms of ``field`` starting with ``prefix`` in any segment; None past ``limit``."""
        found = set()
        for leaf, _base in leaves:
            for term in leaf.expand_prefix(field, prefix):
                found.add(term.decode("utf-8") if isinstance(term, bytes) else term)
                if len(found) > limit:
                    return None
        return sorted(found)

    def segment_of(self, docs):
        """The segment number of each docnum."""
        return np.searchsorted(self.bases, docs, side="right") - 1

    def find(self, segments, starts, ends, needle):
        """Per (segment, byte range): the first offset of ``needle`` in it, or -1."""
        out = np.full(len(starts), -1, dtype=np.int64)
        for seg in np.unique(segments).tolist():
            sel = np.flatnonzero(segments == seg)
            text = self.texts[seg]
            out[sel] = list(map(text.find, [needle] * len(sel), starts[sel].tolist(),
                                ends[sel].tolist()))
        return out

    def read(self, segment, start, end):
        """Bytes ``[start, end)`` of a segment's texts."""
        return self.texts[segment][start:end]

    def close(self):
        """Close the descriptors and maps."""
        for fd in self.fds:
            os.close(fd)
        for text in self.texts:
            if isinstance(text, mmap.mmap):
                text.close()
        self.fds, self.texts = [], []


def public_term_arrays(leaf, field, tbytes, freqs=False):
    """(docnums, frequencies or None) of a term in one segment through Whoosh's public API."""
    if (field, tbytes) not in leaf:
        return _EMPTY, (_EMPTY if freqs else None)
    items = list(leaf.postings(field, tbytes).items_as("weight"))
    docs = np.array([d for d, _ in items], dtype=np.int64)
    if not freqs:
        return docs, None
    return docs, np.array([w for _, w in items], dtype=np.int64)
