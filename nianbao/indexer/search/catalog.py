"""The generation's per-document arrays (memory-mapped) and facet counting from them.

Whoosh's ``groupedby`` walks every hit in Python for every facet (130-200 ms for 2,000
hits). Instead the build writes, per generation, numpy arrays of every section document
and every report (``indexer.index.arrays``), and the service maps them when it opens a
generation (nothing is rebuilt at open):

- ``doc_report[docnum]`` the report ordinal of a section document (-1 when deleted or a
  hidden duplicate); ``doc_section[docnum]`` the id of its canonical section key;
- ``rep_vals[facet][ordinal]`` the value id of each report-level facet (0 = unknown);
- ``rep_year[ordinal]`` the year as a number, for sorting;
- where each section's text lies, its word count and start (see ``indexer.index.arrays``).

A search turns its matched docnums into a boolean mask over reports, and every facet
count is one ``numpy.bincount`` over the masked value ids: the cost grows with the
number of reports, not with hits × facets. numpy is a dependency for this reason.
"""
from dataclasses import dataclass

import numpy as np

from ..fold import normal
from ..index import arrays
from ..labels import KINDS, LEVELS, SECTIONS
from ..stats.measures import FLAGS

REPORT_FACETS = ("province", "city", "district", "town", "level", "agency", "agency_type", "year",
                 "kind")
SECTION_FACET = "section"
FLAG_FACET = "tables"  # yes/no properties of a report's tables (stats.measures.FLAGS), several each


def _labels(facet):
    """The Chinese labels of a facet's values, where values are keys (section, kind)."""
    return {"section": SECTIONS, "kind": KINDS, "level": LEVELS, FLAG_FACET: FLAGS}.get(facet, {})


@dataclass
class Catalog:
    """The arrays of one index generation (read-only; shared by threads)."""

    data: dict
    meta: dict
    values: dict
    value_index: dict
    section_keys: list

    @classmethod
    def load(cls, gen_dir):
        """Map the arrays a build wrote for the generation in ``gen_dir``."""
        data, meta = arrays.load(gen_dir)
        values = {facet: meta["values"][facet] for facet in arrays.FACET_FIELDS}
        index = {facet: {v: i for i, v in enumerate(names)} for facet, names in values.items()}
        catalog = cls(data, meta, values, index, list(meta["section_keys"]))
        catalog.__dict__["gen_dir"] = gen_dir
        return catalog

    def __getattr__(self, name):
        # doc_report, doc_section, rep_ptr, rep_docs, rep_year, … straight from the arrays
        try:
            return self.__dict__["data"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def n_reports(self):
        """Number of reports in the index (hidden duplicates included: they match nothing)."""
        return int(self.meta["reports"])

    @property
    def n_docs(self):
        """Number of section documents (deleted ones included)."""
        return len(self.data["doc_report"])

    def rep_vals(self, facet):
        """Value ids of ``facet`` for every report."""
        return self.data[f"facet_{facet}"]

    def ordinal(self, report_id):
        """The ordinal of a report id (a hidden duplicate's: the kept report's), or None."""
        ids, order = self.data["rep_ids"], self.data["rep_by_id"]
        key = report_id.encode("ascii", "replace")[:16] if isinstance(report_id, str) else b""
        pos = int(np.searchsorted(ids[order], key)) if len(order) else 0
        if pos >= len(order) or ids[order[pos]] != key:
            return None
        ordinal = int(order[pos])
        return int(self.meta["duplicate_of"].get(str(ordinal), ordinal))

    def report_id(self, ordinal):
        """The id of a report ordinal."""
        return self.data["rep_ids"][ordinal].decode("ascii")

    def aliases(self, ordinal):
        """Other paths of the same report (duplicates hidden from search)."""
        return self.meta["aliases"].get(str(ordinal), [])

    def report_docs(self, ordinal):
        """The docnums of one report's sections."""
        return self.rep_docs[self.rep_ptr[ordinal]:self.rep_ptr[ordinal + 1]]

    def live_docs(self):
        """All docnums that belong to a (shown) report."""
        return self.data["rep_docs"]

    def reports_of(self, docs):
        """Boolean mask over reports: those owning at least one of ``docs``."""
        mask = np.zeros(self.n_reports, dtype=bool)
        reps = self.doc_report[docs]
        mask[reps[reps >= 0]] = True
        return mask

    def value_mask(self, facet, selected):
        """Boolean mask over reports whose ``facet`` value is one of ``selected``."""
        ids = [self.value_index[facet][v] for v in selected if v in self.value_index[facet]]
        return np.isin(self.rep_vals(facet), np.array(ids, dtype=np.int32))

    def figure(self, name):
        """One figure (``stats.measures.names()``) of every report, NaN where it has none."""
        if name in self.meta["figures"]:
            return self.data["figures"][self.meta["figures"].index(name)]
        if name in self.meta.get("key_figures", ()):
            if "_key_figures" not in self.__dict__:  # loaded once, when first asked for
                self.__dict__["_key_figures"] = arrays.load_key_figures(self.__dict__["gen_dir"])
            return self.__dict__["_key_figures"][self.meta["key_figures"].index(name)]
        return np.full(self.n_reports, np.nan, dtype=np.float32)

    def where_mask(self, conditions):
        """Boolean mask over reports meeting every figure condition (a missing figure fails)."""
        mask = np.ones(self.n_reports, dtype=bool)
        for c in conditions:
            values = self.figure(c.figure)
            with np.errstate(invalid="ignore"):
                mask &= {">=": values >= c.value, "<=": values <= c.value, ">": values > c.value,
                         "<": values < c.value, "=": values == c.value, "!=": values != c.value}[c.op]
            mask &= ~np.isnan(values)
        return mask

    def flag_mask(self, selected):
        """Boolean mask over reports having any of the selected table properties."""
        bits = sum(1 << i for i, name in enumerate(self.meta["flags"]) if name in selected)
        return (np.asarray(self.data["rep_flags"]) & bits) != 0

    def count_flags(self, mask, selected, size):
        """The table-property facet: reports in ``mask`` having each property."""
        flags = np.asarray(self.data["rep_flags"])[mask]
        names = self.meta["flags"]
        counts = np.array([int(((flags >> i) & 1).sum()) for i in range(len(names))])
        return _listing(FLAG_FACET, names, counts, selected, size, {n: i for i, n in enumerate(names)})

    def parents(self, facet):
        """{value: its parent region's value} for a region facet (city → province, district →
        city or, in a 直辖市 or a 省直辖 unit, province; town → district), from the reports."""
        cache = self.__dict__.setdefault("_parents", {})
        if facet not in cache:
            order = {"city": ("province",), "district": ("city", "province"), "town": ("district",)}
            mine, out = self.rep_vals(facet), {}
            for parent in order.get(facet, ()):
                theirs = self.rep_vals(parent)
                pairs = np.unique(np.stack([mine, theirs]), axis=1) if len(mine) else np.zeros((2, 0))
                for child, up in pairs.T.tolist():
                    if child and up and self.values[facet][child] not in out:
                        out[self.values[facet][child]] = self.values[parent][up]
            cache[facet] = out
        return cache[facet]

    def suggest(self, text, limit, facets=("agency", "province", "city", "district", "town")):
        """Values of these facets whose matching form contains ``text`` (already normal), as
        {facet, value, count}: names starting with it first, then by reports, then shorter."""
        cache = self.__dict__.setdefault("_suggest", {})
        if not cache:
            shown = self.reports_of(self.live_docs())
            for facet in facets:
                counts = np.bincount(self.rep_vals(facet)[shown], minlength=len(self.values[facet]))
                cache[facet] = [(normal(v), v, int(c)) for v, c in zip(self.values[facet], counts) if v and c]
        found = []
        for facet in facets:
            for form, value, count in cache[facet]:
                at = form.find(text)
                if at >= 0:
                    found.append((at != 0, -count, len(value), value, facet, count))
        found.sort()
        return [{"facet": f, "value": v, "count": c} for _, _, _, v, f, c in found[:limit]]

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
        """The ``size`` most frequent values among the reports in ``mask`` as dicts, and how
        many values there are in all."""
        counts = np.bincount(self.rep_vals(facet)[mask], minlength=len(self.values[facet]))
        return _listing(facet, self.values[facet], counts, selected, size,
                        self.value_index[facet])

    def count_sections(self, pair_codes, selected, size):
        """Section facet values counted from (report, section) pair codes."""
        counts = np.bincount(pair_codes % len(self.section_keys), minlength=len(self.section_keys))
        index = {key: i for i, key in enumerate(self.section_keys)}
        return _listing(SECTION_FACET, self.section_keys, counts, selected, size, index)


def _listing(facet, names, counts, selected, size, index):
    """(the ``size`` values with the highest counts plus the selected ones, by count desc then
    value; how many values have a count at all). A national index has thousands of agencies:
    only the top of the list is turned into dicts and sorted."""
    labels = _labels(facet)
    nonzero = np.flatnonzero(counts)
    total = sum(1 for i in nonzero.tolist() if names[i])
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
    return out, total
