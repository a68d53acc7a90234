"""Reading a Whoosh index's postings and columns straight into numpy arrays.

Whoosh's matchers decode one posting at a time in Python; the search service wants a
term's whole posting list at once. The Whoosh 3 codec stores postings in blocks (a
pickled, zlib-compressed tuple of delta-coded ids and weights each), so a list is read
block by block and decoded with one ``numpy.cumsum``. Columns (``VarBytesColumn``,
field lengths) are contiguous bytes per segment and load in one read.

Docnums are those of the (multi-segment) reader: each segment's ids plus its base.
Deleted documents are *not* filtered here; callers drop them with the catalog's mask.
This module reads Whoosh internals (``_terms``, ``_perdoc``, the W3 block layout) —
whoosh-reloaded 2.7 — and falls back to the public matcher API for inlined postings.
"""
import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

_BYTE_LENGTHS = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_WEIGHTS = np.zeros(0, dtype=np.float32)


def _leaf_postings(matcher, weights):
    """(ids, weights or None) of one segment's posting list."""
    if not isinstance(matcher, W3LeafMatcher):  # inlined (tiny) posting lists
        ids, wts = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            if weights:
                wts.append(matcher.weight())
            matcher.next()
        return (np.array(ids, dtype=np.int64),
                np.array(wts, dtype=np.float32) if weights else None)
    deltas, wts, starts, bases = [], [], [], []
    prev = 0
    while True:
        matcher._read_data()
        ids, w = matcher._data[0], matcher._data[1]
        # Each block's first delta is absolute: rebase it on the previous block's last id.
        starts.append(len(deltas))
        bases.append(prev)
        deltas.extend(ids)
        prev = matcher._maxid
        if weights:
            if w is None or isinstance(w, float):
                wts.extend([1.0 if w is None else w] * len(ids))
            else:
                wts.extend(w)
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    arr = np.fromiter(deltas, dtype=np.int64, count=len(deltas))
    arr[starts] -= np.array(bases, dtype=np.int64)
    np.cumsum(arr, out=arr)
    return arr, (np.fromiter(wts, dtype=np.float32, count=len(wts)) if weights else None)


def postings(reader, field, term, weights=False):
    """(docnums, weights or None) of ``field:term`` in every segment, docnums ascending."""
    tbytes = term.encode("utf-8")
    fmt = reader.schema[field].format
    all_ids, all_wts = [], []
    for seg, base in reader.leaf_readers():
        try:
            matcher = seg._terms.matcher(field, tbytes, fmt)
        except (TermNotFound, KeyError):
            continue
        ids, wts = _leaf_postings(matcher, weights)
        all_ids.append(ids + base)
        all_wts.append(wts)
    if not all_ids:
        return _EMPTY_IDS, (_EMPTY_WEIGHTS if weights else None)
    ids = all_ids[0] if len(all_ids) == 1 else np.concatenate(all_ids)
    if not weights:
        return ids, None
    return ids, all_wts[0] if len(all_wts) == 1 else np.concatenate(all_wts)


def bytes_column(reader, field):
    """(blob, offsets): every document's ``field`` column bytes, doc d at offsets[d]:offsets[d+1]."""
    column = reader.schema[field].column_type
    blobs, lengths = [], []
    for seg, _base in reader.leaf_readers():
        n = seg.doc_count_all()
        if not seg._perdoc.has_column(field):
            lengths.append(np.zeros(n, dtype=np.int64))
            continue
        creader = seg._perdoc.column_reader(field, column)
        lens = np.asarray(creader._lengths, dtype=np.int64)
        blobs.append(creader._dbfile.get(creader._basepos, int(lens.sum())))
        lengths.append(lens)
    offsets = np.zeros(sum(len(x) for x in lengths) + 1, dtype=np.int64)
    if len(offsets) > 1:
        np.cumsum(np.concatenate(lengths), out=offsets[1:])
    return b"".join(blobs), offsets


def field_lengths(reader, field):
    """Every document's length of a scorable field (Whoosh's one-byte approximation)."""
    out = []
    for seg, _base in reader.leaf_readers():
        n = seg.doc_count_all()
        codes = np.zeros(n, dtype=np.uint8)
        creader = seg._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
        if creader is not None:
            count = min(creader._count, n)
            raw = creader._dbfile.get(creader._basepos, count)
            codes[:count] = np.frombuffer(raw, dtype=np.uint8)
        out.append(_BYTE_LENGTHS[codes])
    return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)
