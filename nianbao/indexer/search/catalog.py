"""Per-document arrays read once per index generation, and facet counting from them.

Whoosh's ``groupedby`` walks every hit in Python for every facet (130-200 ms for 2,000
hits). Instead, when the service opens an index generation, ``Catalog.load`` reads the
postings of the small ID fields once (``report_id``, ``section`` and the facet fields:
no stored text is decompressed) into numpy arrays:

- ``doc_report[docnum]`` the report ordinal of a section document (-1 when deleted);
- ``doc_section[docnum]`` the id of its canonical section key;
- ``rep_vals[facet][ordinal]`` the value id of each report-level facet (0 = unknown);
- ``rep_year[ordinal]`` the year as a number, for sorting.

A search turns its matched docnums into a boolean mask over reports, and every facet
count is one ``numpy.bincount`` over the masked value ids: the cost grows with the
number of reports, not with hits × facets. numpy is a dependency for this reason.
"""
from dataclasses import dataclass

import numpy as np

from ..metadata import KINDS
from ..sections import TAXONOMY

REPORT_FACETS = ("province", "city", "district", "agency", "year", "kind")
SECTION_FACET = "section"


def _labels(facet):
    """The Chinese labels of a facet's values, where values are keys (section, kind)."""
    return {"section": TAXONOMY, "kind": KINDS}.get(facet, {})


@dataclass
class Catalog:
    """The arrays of one index generation (read-only once loaded; shared by threads)."""

    report_ids: list
    report_index: dict
    doc_report: np.ndarray
    doc_section: np.ndarray
    section_keys: list
    values: dict
    value_index: dict
    rep_vals: dict
    rep_year: np.ndarray
    rep_ptr: np.ndarray
    rep_docs: np.ndarray

    @property
    def n_reports(self):
        """Number of reports in the index."""
        return len(self.report_ids)

    @classmethod
    def load(cls, reader):
        """Read the arrays from the postings of the index's ID fields."""
        ndocs = reader.doc_count_all()
        doc_report = np.full(ndocs, -1, dtype=np.int32)
        report_ids = []
        for rid in _terms(reader, "report_id"):
            docs = _docs(reader, "report_id", rid)
            if len(docs):  # the lexicon keeps the terms of deleted documents
                doc_report[docs] = len(report_ids)
                report_ids.append(rid)
        n = len(report_ids)

        keys = list(TAXONOMY)
        doc_section = np.zeros(ndocs, dtype=np.int16)
        for key in _terms(reader, "section"):
            if key not in keys:
                keys.append(key)
            doc_section[_docs(reader, "section", key)] = keys.index(key)

        values, value_index, rep_vals = {}, {}, {}
        for facet in REPORT_FACETS:
            names = [""]
            per_report = np.zeros(n, dtype=np.int32)
            for value in _terms(reader, facet):
                docs = _docs(reader, facet, value)
                reps = doc_report[docs]
                per_report[reps[reps >= 0]] = len(names)
                names.append(value)
            values[facet] = names
            value_index[facet] = {v: i for i, v in enumerate(names)}
            rep_vals[facet] = per_report
        rep_year = np.array([int(v) if v.isdigit() else 0 for v in values["year"]],
                            dtype=np.int32)[rep_vals["year"]]

        # Each report's section docnums in index order (the writer adds them in order).
        live = np.flatnonzero(doc_report >= 0)
        order = live[np.argsort(doc_report[live], kind="stable")]
        rep_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(doc_report[live], minlength=n), out=rep_ptr[1:])
        return cls(report_ids, {r: i for i, r in enumerate(report_ids)}, doc_report,
                   doc_section, keys, values, value_index, rep_vals, rep_year, rep_ptr, order)

    def report_docs(self, ordinal):
        """The docnums of one report's sections."""
        return self.rep_docs[self.rep_ptr[ordinal]:self.rep_ptr[ordinal + 1]]

    def live_docs(self):
        """All docnums that belong to a report."""
        return self.rep_docs

    def reports_of(self, docs):
        """Boolean mask over reports: those owning at least one of ``docs``."""
        mask = np.zeros(self.n_reports, dtype=bool)
        reps = self.doc_report[docs]
        mask[reps[reps >= 0]] = True
        return mask

    def value_mask(self, facet, selected):
        """Boolean mask over reports whose ``facet`` value is one of ``selected``."""
        ids = [self.value_index[facet][v] for v in selected if v in self.value_index[facet]]
        return np.isin(self.rep_vals[facet], np.array(ids, dtype=np.int32))

    def section_ids(self, selected):
        """Section key ids of the selected keys (unknown keys dropped)."""
        return np.array([self.section_keys.index(k) for k in selected if k in self.section_keys],
                        dtype=np.int16)

    def pairs(self, docs):
        """Unique (report, section key) pair codes of ``docs``."""
        docs = docs[self.doc_report[docs] >= 0]
        width = len(self.section_keys)
        # A mask over all pairs, not np.unique: linear in the docs, already sorted.
        seen = np.zeros(self.n_reports * width, dtype=bool)
        seen[self.doc_report[docs].astype(np.int64) * width + self.doc_section[docs]] = True
        return np.flatnonzero(seen)

    def count(self, facet, mask, selected, size):
        """The ``size`` most frequent values among the reports in ``mask``, as dicts."""
        counts = np.bincount(self.rep_vals[facet][mask], minlength=len(self.values[facet]))
        return _listing(facet, self.values[facet], counts, selected, size,
                        self.value_index[facet])

    def count_sections(self, pair_codes, selected, size):
        """Section facet values counted from (report, section) pair codes."""
        counts = np.bincount(pair_codes % len(self.section_keys), minlength=len(self.section_keys))
        index = {key: i for i, key in enumerate(self.section_keys)}
        return _listing(SECTION_FACET, self.section_keys, counts, selected, size, index)


def _listing(facet, names, counts, selected, size, index):
    """The ``size`` values with the highest counts, plus the selected ones, by count desc
    then value. A national index has thousands of agencies: only the top of the list is
    turned into dicts and sorted."""
    labels = _labels(facet)
    nonzero = np.flatnonzero(counts)
    if len(nonzero) > size:
        # Only values that can reach the top ``size`` (ties included) become dicts.
        cut = np.partition(counts[nonzero], len(nonzero) - size)[len(nonzero) - size]
        nonzero = nonzero[counts[nonzero] >= cut]
    found = {names[i]: int(counts[i]) for i in nonzero.tolist() if names[i]}
    for value in selected:
        if value not in found and value in index:
            found[value] = int(counts[index[value]])
    selected = set(selected)
    for value in selected - found.keys():
        found[value] = 0
    out = [{"value": v, "label": labels.get(v, v), "count": c, "selected": v in selected}
           for v, c in found.items()]
    out.sort(key=lambda o: (-o["count"], o["value"]))
    if len(out) > size:
        out = out[:size] + [o for o in out[size:] if o["selected"]]
    return out


def _terms(reader, field):
    """The indexed values of an ID field, as strings."""
    if field not in reader.schema:
        return []
    return [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(field)]


def _docs(reader, field, value):
    """The docnums indexed under ``field:value`` as an int64 array."""
    return np.fromiter(reader.postings(field, value).all_ids(), dtype=np.int64)
