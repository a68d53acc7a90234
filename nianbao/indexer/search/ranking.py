"""Relevance: BM25F over the query's jieba words, per report.

A report scores its best matching section's BM25 over ``body_words`` (k1 1.2, b 0.75,
exact word counts from the catalog) plus ``SECTION_BONUS`` times its other matching
sections' scores, plus ``TITLE_BOOST`` times the BM25 of its title's words
(``title_words``, one document per report); a report whose title contains a query term
literally gets a further ``TITLE_BOOST`` times the term's saturated word score, so a title
match outranks body matches.
"""
import math

import numpy as np

from ..analysis import word_counts
from ..fold import normal

TITLE_BOOST = 3.0
SECTION_BONUS = 0.1
K1, B = 1.2, 0.75


class Ranker:
    """BM25F for one generation (its matcher gives postings, its catalog lengths)."""

    def __init__(self, matcher):
        self.matcher, self.cat = matcher, matcher.cat
        live = self.cat.doc_report >= 0
        self.n_docs = max(int(live.sum()), 1)
        words = np.asarray(self.cat.doc_words)
        self.avg_body = max(float(words[live].mean()) if live.any() else 0.0, 1.0)
        shown = np.zeros(self.cat.n_reports, dtype=bool)
        shown[self.cat.doc_report[live]] = True
        self.n_reports = max(int(shown.sum()), 1)
        titles = np.asarray(self.cat.rep_title_words)
        self.avg_title = max(float(titles[shown].mean()) if shown.any() else 0.0, 1.0)

    @staticmethod
    def _bm25(df, tf, n, lengths, avg):
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        tf = tf.astype(np.float64)
        return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths / avg))

    def body_idf(self, leaves, word):
        """BM25 idf of a word in section bodies (0 when absent)."""
        df = len(self.matcher.postings(leaves, "body_words", word, freqs=True)[0])
        return math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5)) if df else 0.0

    def scores(self, leaves, body_terms, title_terms, hit_docs, final):
        """Scores of all reports (non-zero only for those in ``final``)."""
        cat, matcher = self.cat, self.matcher
        scores = np.zeros(cat.n_reports, dtype=np.float64)
        body_words = _words(body_terms)
        if body_words:
            per_doc = np.zeros(cat.n_docs, dtype=np.float64)
            for word in body_words:
                docs, tf = matcher.postings(leaves, "body_words", word, freqs=True)
                sel = hit_docs[docs]
                if sel.any():
                    df, docs = len(docs), docs[sel]
                    per_doc[docs] += self._bm25(df, tf[sel], self.n_docs, cat.doc_words[docs],
                                                self.avg_body)
            docs = np.flatnonzero(hit_docs)
            reps, sc = cat.doc_report[docs], per_doc[docs]
            best = np.zeros_like(scores)
            np.maximum.at(best, reps, sc)
            total = np.bincount(reps, weights=sc, minlength=cat.n_reports)
            scores += best + SECTION_BONUS * (total - best)
        title = np.zeros_like(scores)
        for word in _words(body_terms + title_terms):
            docs, tf = matcher.postings(leaves, "title_words", word, freqs=True)
            df, reps = len(docs), cat.doc_report[docs]
            sel = reps >= 0
            reps = reps[sel]
            keep = final[reps]
            if keep.any():
                reps = reps[keep]
                title[reps] += self._bm25(df, tf[sel][keep], self.n_reports,
                                          cat.rep_title_words[reps], self.avg_title)
        scores += TITLE_BOOST * title
        for term in body_terms + title_terms:
            weight = sum(self.body_idf(leaves, w) for w in _words([term])) * (K1 + 1) or 1.0
            titled = matcher.title_reports(" ".join(normal(term).split()))
            scores[titled[final[titled]]] += TITLE_BOOST * weight
        return scores


def _words(terms):
    """The distinct jieba words of some term texts (in their matching form)."""
    out = {}
    for text in terms:
        out.update(word_counts(normal(text)))
    return list(out)
