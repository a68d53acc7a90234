"""The generation's arrays: written once per build, memory-mapped by the search service.

After a commit, ``write(gen_dir, ix)`` gathers every live section of every segment (in
Whoosh's segment order, so positions are Whoosh's docnums) from the segments' ``.ncat``
files into a few ``.npy`` files under ``GEN/arrays/`` plus one small JSON file, so opening
an index maps files instead of rebuilding anything:

- per section docnum: ``doc_report`` (report ordinal; -1 for a deleted section or a hidden
  duplicate), ``doc_section`` (section key id), ``doc_start`` (its character offset in the
  report), ``doc_seg``/``doc_text_off``/``doc_text_len`` (where its text is: segment number,
  byte offset and length in that segment's ``.ntx``), ``doc_words`` (body word count, for
  BM25) and ``doc_changes`` (how its matching form differs from its text: ``fold.form_flags``);
- per report ordinal: ``rep_docs``/``rep_ptr`` (its section docnums in order),
  ``rep_year``, ``rep_title_words``, ``facet_<name>`` (value ids of each facet), ``rep_ids``
  (16-byte ids) with ``rep_by_id`` (ordinals sorted by id, for lookups by binary search),
  ``titles``/``title_offs`` (the titles in their matching form, for title matching);
- ``figures`` (one row per named measure, ``stats.measures``; one column per report ordinal;
  NaN where a report has none), ``key_figures.npz`` (the same for every contract cell,
  compressed: loaded on first use) and
  ``rep_flags`` (bit i set when the report has ``stats.measures.FLAGS``' i-th property), for
  filtering, sorting and comparing by the statutory tables' figures;
- ``meta.json``: the segments (id, docnum base, text file), the section keys, each facet's
  values (value id = position), and duplicates (``aliases``: kept ordinal → the other
  paths; ``duplicate_of``: hidden ordinal → kept ordinal).

Duplicates: reports whose clean text is identical (the same report saved under two names)
are searched once: the one with the smallest path is kept and lists the others' paths.
"""
import json
import os

import numpy as np

from ..fold import normal
from ..changes import copied_share
from ..stats.keys import keys as stats_keys
from ..stats.measures import COPIED, FLAGS
from .segments import FIGURES, SECTION_KEYS, load_catalog

FACET_FIELDS = ("province", "city", "district", "agency", "agency_type", "year", "kind",
                "level", "town")
FOLDER = "arrays"
META = "meta.json"
KEY_FIGURES_FILE = "key_figures.npz"
KEY_FIGURES = list(stats_keys())


def write(gen_dir, ix):
    """Write the arrays of the index ``ix`` (committed in ``gen_dir``); return totals."""
    docs = {k: [] for k in ("report", "section", "start", "seg", "text_off", "text_len", "words",
                            "changes")}
    reports, rep_titles, segments, base = [], [], [], 0
    figures, flags, sentences = [], [], []
    with ix.reader() as reader:
        for leaf, leaf_base in reader.leaf_readers():
            segment = leaf.segment()
            assert leaf_base == base
            cat = load_catalog(gen_dir, segment)
            n = segment.doc_count_all()
            live = np.ones(n, dtype=bool)
            live[list(segment.deleted_docs())] = False
            first = len(reports)
            local_live = np.zeros(len(cat["reports"]), dtype=bool)
            local_live[cat["report"][live]] = True
            ordinal = np.full(len(cat["reports"]), -1, dtype=np.int64)
            ordinal[local_live] = np.arange(first, first + int(local_live.sum()))
            for i in np.flatnonzero(local_live).tolist():
                reports.append(cat["reports"][i])
                rep_titles.append(int(cat["title_words"][i]))
            figures.append(cat["figures"][local_live])
            flags.append(cat["flags"][local_live])
            ptr = cat["sentence_ptr"]
            sentences += [cat["sentences"][ptr[i]:ptr[i + 1]] for i in np.flatnonzero(local_live)]
            doc_report = np.where(live, ordinal[cat["report"]], -1)
            docs["report"].append(doc_report)
            for key in ("section", "start", "text_off", "text_len", "words", "changes"):
                docs[key].append(cat[key])
            docs["seg"].append(np.full(n, len(segments), dtype=np.int16))
            segments.append({"id": segment.segment_id(), "base": base, "docs": n})
            base += n
    doc = {k: np.concatenate(v) if v else np.zeros(0) for k, v in docs.items()}
    aliases = _hide_duplicates(reports, doc["report"])
    out = {"doc_report": doc["report"].astype(np.int32), "doc_section": doc["section"].astype(np.int16),
           "doc_start": doc["start"].astype(np.int32), "doc_seg": doc["seg"].astype(np.int16),
           "doc_text_off": doc["text_off"].astype(np.int64),
           "doc_text_len": doc["text_len"].astype(np.int32),
           "doc_words": doc["words"].astype(np.float32), "doc_changes": doc["changes"].astype(np.uint8),
           "rep_title_words": np.array(rep_titles, dtype=np.float32),
           "figures": (np.concatenate(figures) if figures else np.zeros((0, len(FIGURES)), dtype=np.float32)
                       ).T.astype(np.float32, copy=False),
           "rep_flags": np.concatenate(flags) if flags else np.zeros(0, dtype=np.uint8)}
    out["figures"] = np.ascontiguousarray(out["figures"])
    out["figures"][FIGURES.index(COPIED)] = _copied_shares(reports, sentences)
    # The named measures are mapped; the contract's 242 cells, used more rarely, are stored
    # compressed (mostly zeros and NaN) and loaded when a request first names one.
    measured = len(FIGURES) - len(KEY_FIGURES)
    key_figures = out["figures"][measured:]
    out["figures"] = np.ascontiguousarray(out["figures"][:measured])
    live_docs = np.flatnonzero(out["doc_report"] >= 0)
    order = live_docs[np.argsort(out["doc_report"][live_docs], kind="stable")]
    out["rep_docs"] = order.astype(np.int32)
    out["rep_ptr"] = np.concatenate([[0], np.cumsum(np.bincount(
        out["doc_report"][live_docs], minlength=len(reports)))]).astype(np.int64)
    values = {}
    for facet in FACET_FIELDS:
        raw = [str(r.get(facet) or "") for r in reports]
        names = [""] + sorted(set(raw) - {""})
        index = {v: i for i, v in enumerate(names)}
        out[f"facet_{facet}"] = np.array([index[v] for v in raw], dtype=np.int32)
        values[facet] = names
    out["rep_year"] = np.array([int(r["year"]) if str(r.get("year") or "").isdigit() else 0
                                for r in reports], dtype=np.int16)
    ids = np.array([r["id"].encode("ascii") for r in reports], dtype="S16")
    out["rep_ids"] = ids
    out["rep_by_id"] = np.argsort(ids, kind="stable").astype(np.int32)
    titles = [normal(r.get("title") or "").encode("utf-8") for r in reports]
    out["titles"] = np.frombuffer(b"".join(titles), dtype=np.uint8)
    out["title_offs"] = np.concatenate([[0], np.cumsum([len(t) for t in titles])]).astype(np.int64)
    folder = os.path.join(gen_dir, FOLDER)
    os.makedirs(folder, exist_ok=True)
    for name, array in out.items():
        np.save(os.path.join(folder, name + ".npy"), array, allow_pickle=False)
    np.savez_compressed(os.path.join(folder, KEY_FIGURES_FILE), figures=key_figures)
    meta = {"segments": segments, "section_keys": SECTION_KEYS, "values": values,
            "aliases": {str(k): v for k, v in aliases.items()}, "reports": len(reports),
            "figures": FIGURES[:measured], "key_figures": KEY_FIGURES, "flags": list(FLAGS),
            "duplicate_of": {str(i): r["duplicate_of"] for i, r in enumerate(reports)
                             if "duplicate_of" in r}}
    with open(os.path.join(folder, META), "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False)
    return {"reports": len(reports), "duplicates": sum(len(v) for v in aliases.values())}


def office_key(report):
    """The office a report's publisher is, across renames: agency type, place and level."""
    if not report.get("agency_type"):
        return None
    return tuple(report.get(k) or "" for k in ("agency_type", "province", "city", "district",
                                               "town", "level"))


def _copied_shares(reports, sentences):
    """Per report, the share of its sentences found in its office's previous report (NaN if none)."""
    shares = np.full(len(reports), np.nan, dtype=np.float32)
    offices = {}
    for ordinal, r in enumerate(reports):
        key = office_key(r)
        if key and str(r.get("year") or "").isdigit() and "duplicate_of" not in r:
            offices.setdefault(key, []).append((int(r["year"]), ordinal))
    for members in offices.values():
        members.sort()
        for (year, ordinal), (prev_year, prev) in zip(members[1:], members):
            if prev_year < year:
                shares[ordinal] = copied_share(sentences[ordinal], sentences[prev])
    return shares


def _hide_duplicates(reports, doc_report):
    """Hide all but one of each set of reports with the same clean text; return aliases.

    Mutates ``doc_report`` (the hidden reports' sections become -1) and returns
    {kept ordinal: [paths of the hidden copies]}. Hidden reports keep their ordinals (their
    metadata stays readable) but match nothing.
    """
    groups = {}
    for ordinal, r in enumerate(reports):
        groups.setdefault(r["text_sha1"], []).append(ordinal)
    aliases, hidden = {}, []
    for members in groups.values():
        if len(members) > 1:
            members.sort(key=lambda o: reports[o]["path"])
            aliases[members[0]] = [reports[o]["path"] for o in members[1:]]
            hidden.extend(members[1:])
            for other in members[1:]:
                reports[other]["duplicate_of"] = members[0]
    if hidden:
        doc_report[np.isin(doc_report, hidden)] = -1
    return aliases


def load_key_figures(gen_dir):
    """The contract cells' figures (one row per ``stats.keys()`` key, one column per report)."""
    with np.load(os.path.join(gen_dir, FOLDER, KEY_FIGURES_FILE)) as data:
        return data["figures"]


def load(gen_dir):
    """The generation's arrays, memory-mapped (read-only), and its meta dict."""
    folder = os.path.join(gen_dir, FOLDER)
    with open(os.path.join(folder, META), encoding="utf-8") as f:
        meta = json.load(f)
    data = {}
    for name in os.listdir(folder):
        if name.endswith(".npy"):
            data[name[:-4]] = np.load(os.path.join(folder, name), mmap_mode="r", allow_pickle=False)
    return data, meta
