"""nianbao's Whoosh codec: Whoosh 3's files, posting lists in a block numpy writes and reads whole.

Every use of Whoosh internals lives in this module (and ``tests/test_codec.py`` checks each
against Whoosh's public API). Whoosh stays the index: its terms table, its per-document
files (stored fields, field lengths), its segments, its table of contents and deletions.
What changes is the posting list format, through Whoosh's documented codec hook
(``ix.writer(codec=...)``, ``Codec.postings_writer`` / ``postings_reader``):

- A term's posting list is one record in the segment's ``.pst`` file: the docnums as
  LEB128 varints of their gaps (the first gap is the first docnum), then, for a
  Frequency field, the frequencies as LEB128 varints. ``W3TermInfo`` (unchanged) points
  at the record (``extent()``) and holds its statistics. A gap under 128 takes one byte:
  the index is about a third of the size of Whoosh's default pickled blocks, and numpy
  decodes a whole list in a few vectorised passes (``decode``), instead of Python
  decoding one posting at a time.
- ``BulkFieldWriter.add_arrays`` writes every term of a field at once from sorted numpy
  arrays (the build workers' path: no Python per posting). ``ArrayPostingsWriter`` is the
  record-by-record path Whoosh's own ``SegmentWriter`` uses (``writer.add_document``); both
  write the same bytes. ``postings_reader`` hands Whoosh a ``ListMatcher`` over the decoded
  arrays, so every Whoosh query, matcher and scorer works on a nianbao index.
- ``term_arrays`` is the fast read path of the search service: the term's record read with
  one ``os.pread`` from the segment's ``.pst`` file and decoded in numpy.

Upgrading Whoosh: the internals used are ``W3FieldWriter``'s ``_tindex``/``_fieldid``/
``_postfile`` attributes (the bulk writer), ``W3Codec.POSTS_EXT`` and the ``W3TermInfo``
constructor and ``extent()``; ``tests/test_codec.py`` fails if any of them changes.
"""
import os
import struct

import numpy as np
from whoosh.codec import base
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3TermInfo
from whoosh.formats import Frequency
from whoosh.matching import ListMatcher
from whoosh.system import pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

_HEADER = struct.Struct("<II")  # postings count, byte length of the id varints
_EMPTY = np.zeros(0, dtype=np.int64)


# --- varints ---------------------------------------------------------------------------

def encode(values):
    """LEB128 varints of non-negative integers, as (uint8 bytes, bytes per value)."""
    values = np.asarray(values, dtype=np.uint64)
    sizes = np.ones(len(values), dtype=np.int64)
    rest = values >> np.uint64(7)
    while rest.any():
        sizes += rest > 0
        rest >>= np.uint64(7)
    out = np.empty(int(sizes.sum()), dtype=np.uint8)
    starts = np.cumsum(sizes) - sizes
    for k in range(int(sizes.max()) if len(sizes) else 0):
        sel = np.flatnonzero(sizes > k)
        byte = ((values[sel] >> np.uint64(7 * k)) & np.uint64(0x7F)).astype(np.uint8)
        byte[sizes[sel] - 1 > k] |= 0x80
        out[starts[sel] + k] = byte
    return out, sizes


def decode(buf, count):
    """The ``count`` integers of a run of LEB128 varints (uint8 array), as int64."""
    if count == 0:
        return _EMPTY
    ends = np.flatnonzero(buf < 0x80)[:count]
    starts = np.empty(count, dtype=np.int64)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    values = (buf[starts] & 0x7F).astype(np.int64)
    sizes = ends - starts + 1
    k = 1
    while True:
        sel = np.flatnonzero(sizes > k)
        if not len(sel):
            return values
        values[sel] |= (buf[starts[sel] + k] & 0x7F).astype(np.int64) << (7 * k)
        k += 1


def record(ids, freqs=None):
    """The bytes of one posting list (sorted docnums, optional frequencies)."""
    ids = np.asarray(ids, dtype=np.int64)
    gaps = np.diff(ids, prepend=0)
    id_bytes, _ = encode(gaps)
    parts = [_HEADER.pack(len(ids), len(id_bytes)), id_bytes.tobytes()]
    if freqs is not None:
        parts.append(encode(freqs)[0].tobytes())
    return b"".join(parts)


def read_record(data, freqs=False):
    """(docnums, frequencies or None) of one posting list's bytes."""
    count, id_len = _HEADER.unpack_from(data)
    buf = np.frombuffer(data, dtype=np.uint8, offset=_HEADER.size)
    ids = np.cumsum(decode(buf[:id_len], count))
    if not freqs:
        return ids, None
    return ids, decode(buf[id_len:], count)


def _has_freqs(format_):
    return isinstance(format_, Frequency)


# --- the codec ---------------------------------------------------------------------------

class NianbaoCodec(W3Codec):
    """Whoosh 3's codec with nianbao's posting lists (see the module docstring)."""

    def __init__(self):
        super().__init__(blocklimit=1 << 30, compression=0, inlinelimit=0)

    def field_writer(self, storage, segment):
        """The terms and postings writer of a segment (it also takes whole arrays)."""
        return BulkFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        """Record-by-record postings writer (Whoosh's own writers call this)."""
        if byteids:  # term vectors: not used by nianbao, keep Whoosh's format
            return super().postings_writer(dbfile, byteids=True)
        return ArrayPostingsWriter(dbfile)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        """A Whoosh matcher over one posting list, decoded whole."""
        offset, length = extent(terminfo)
        ids, freqs = read_record(dbfile.get(offset, length), _has_freqs(format_))
        weights = [1.0] * len(ids) if freqs is None else freqs.astype(float).tolist()
        values = None if freqs is None else [pack_uint(int(f)) for f in freqs]
        return ListMatcher(ids.tolist(), weights, values, format_, scorer=scorer, term=term,
                           terminfo=terminfo)


class ArrayPostingsWriter(base.PostingsWriter):
    """Collects one term's postings and writes them as one record when the term ends."""

    def __init__(self, postfile):
        self._postfile = postfile
        self._terminfo = None

    def start_postings(self, format_, terminfo):
        """Begin a term."""
        self._format, self._terminfo = format_, terminfo
        self._ids, self._weights, self._lengths = [], [], []

    def add_posting(self, id_, weight, vbytes, length=None):
        """Add one posting of the current term."""
        self._ids.append(id_)
        self._weights.append(weight)
        self._lengths.append(length or 0)

    def finish_postings(self):
        """Write the term's record; return its filled-in W3TermInfo."""
        freqs = np.array(self._weights, dtype=np.int64) if _has_freqs(self._format) else None
        offset = self._postfile.tell()
        self._postfile.write(record(self._ids, freqs))
        info = _terminfo(np.array(self._ids), np.array(self._weights, dtype=float),
                         np.array(self._lengths))
        info.set_extent(offset, self._postfile.tell() - offset)
        self._terminfo = None
        return info

    def written(self):
        return False

    def __len__(self):
        return len(self._ids)


def _terminfo(ids, weights, lengths):
    """A W3TermInfo with one posting list's statistics (extent unset)."""
    present = lengths[lengths > 0]
    return W3TermInfo(weight=float(weights.sum()), df=len(ids),
                      minlength=int(present.min()) if len(present) else None,
                      maxlength=int(lengths.max()) if len(lengths) else 0,
                      maxweight=float(weights.max()) if len(weights) else 0.0,
                      minid=int(ids[0]), maxid=int(ids[-1]))


CHUNK = 1 << 20  # postings ``BulkFieldWriter.add_arrays`` encodes at a time


class BulkFieldWriter(W3FieldWriter):
    """W3's field writer, plus ``add_arrays``: every term of a field in one call."""

    def add_arrays(self, fieldname, fieldobj, terms, term_ids, docnums, freqs=None, lengths=None):
        """Write the postings of one field from flat arrays, without Python per posting.

        ``terms`` are the term bytes, sorted; ``term_ids`` (index into ``terms``) and
        ``docnums`` are sorted by term then docnum; ``freqs`` the frequencies of a
        Frequency field; ``lengths`` the field length of every docnum (for statistics).
        """
        self.start_field(fieldname, fieldobj)
        term_ids = np.asarray(term_ids, dtype=np.int64)
        docnums = np.asarray(docnums, dtype=np.int64)
        if freqs is not None:
            freqs = np.asarray(freqs, dtype=np.int64)
        # Whole terms at a time, about CHUNK postings per call: the encoding's temporaries
        # (some 50 bytes per posting) stay bounded however many postings a segment holds.
        term_starts = np.flatnonzero(np.diff(term_ids)) + 1
        start, n = 0, len(term_ids)
        while start < n:
            i = np.searchsorted(term_starts, start + CHUNK)
            end = int(term_starts[i]) if i < len(term_starts) else n
            self._write_terms(terms, term_ids[start:end], docnums[start:end],
                              None if freqs is None else freqs[start:end], lengths)
            start = end
        self.finish_field()

    def _write_terms(self, terms, term_ids, docnums, freqs, lengths):
        starts = np.flatnonzero(np.diff(term_ids, prepend=-1))
        counts = np.diff(starts, append=len(term_ids))
        lasts = starts + counts - 1
        gaps = np.diff(docnums, prepend=0)
        gaps[starts] = docnums[starts]
        parts = [encode(gaps)]
        if freqs is not None:
            parts.append(encode(np.asarray(freqs, dtype=np.int64)))
        # Lay every record out in one buffer: header, id varints, frequency varints.
        part_lens = [np.add.reduceat(sizes, starts) for _, sizes in parts]
        rec_lens = _HEADER.size + sum(part_lens)
        rec_starts = np.cumsum(rec_lens) - rec_lens
        out = np.empty(int(rec_lens.sum()), dtype=np.uint8)
        header = np.empty(len(starts), dtype=[("count", "<u4"), ("id_len", "<u4")])
        header["count"], header["id_len"] = counts, part_lens[0]
        out[(rec_starts[:, None] + np.arange(_HEADER.size)).ravel()] = header.view(np.uint8)
        where = rec_starts + _HEADER.size
        for (data, sizes), lens in zip(parts, part_lens):
            term_of_byte = np.repeat(np.arange(len(starts)), lens)
            first_byte = np.cumsum(lens) - lens
            out[where[term_of_byte] + np.arange(len(data)) - first_byte[term_of_byte]] = data
            where = where + lens
        base_offset = self._postfile.tell()
        self._postfile.write(out.tobytes())
        weights = np.ones(len(docnums)) if freqs is None else np.asarray(freqs, dtype=float)
        plen = lengths[docnums] if lengths is not None else np.zeros(len(docnums), dtype=np.int64)
        big = np.iinfo(np.int64).max
        stats = zip(term_ids[starts].tolist(), counts.tolist(), (base_offset + rec_starts).tolist(),
                    rec_lens.tolist(), np.add.reduceat(weights, starts).tolist(),
                    np.maximum.reduceat(weights, starts).tolist(),
                    np.maximum.reduceat(plen, starts).tolist(),
                    np.minimum.reduceat(np.where(plen > 0, plen, big), starts).tolist(),
                    docnums[starts].tolist(), docnums[lasts].tolist())
        tindex, prefix = self._tindex, pack_ushort(self._fieldid)
        for t, df, offset, length, wsum, wmax, lmax, lmin, minid, maxid in stats:
            info = W3TermInfo(weight=wsum, df=df, minlength=None if lmin == big else lmin,
                              maxlength=lmax, maxweight=wmax, minid=minid, maxid=maxid)
            info.set_extent(offset, length)
            tindex.add(prefix + terms[t], info.to_bytes())


# --- fast reads for the search service ------------------------------------------------------

def postings_path(segment):
    """File name (in the generation folder) of a segment's postings."""
    return segment.make_filename(W3Codec.POSTS_EXT)


def term_arrays(leaf, fd, field, tbytes, freqs=False):
    """(docnums, frequencies or None) of one term in one segment, read with one pread.

    ``leaf`` is the segment's Whoosh reader (``term_info`` is public API), ``fd`` an open
    file descriptor of its postings file. Docnums are the segment's own (no base added).
    """
    try:
        info = leaf.term_info(field, tbytes)
    except Exception:  # TermNotFound, or a field the segment never saw
        return _EMPTY, (_EMPTY if freqs else None)
    offset, length = extent(info)
    data = os.pread(fd, length, offset)
    if len(data) != length:
        raise OSError(f"postings file is shorter than its terms table says ({length} bytes at {offset})")
    return read_record(data, freqs)


def extent(terminfo):
    """(offset, length) of a term's record in the postings file.

    whoosh-reloaded 2.7's ``W3TermInfo.from_bytes`` leaves the length as a 1-tuple
    (``unpack_int`` without ``[0]``); Whoosh's own matcher never reads it, we do.
    """
    offset, length = terminfo.extent()
    return offset, length[0] if isinstance(length, tuple) else length


def length_byte(length):
    """Whoosh's one-byte approximation of a field length, decoded (what its scorers see)."""
    return byte_to_length(length_to_byte(length))
