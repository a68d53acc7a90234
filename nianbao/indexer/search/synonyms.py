"""Query terms naming an office also search its other names: 人社局 → 人力资源和社会保障局 ….

The names come from the canonical agency-type table (``data/agency_types.tsv``, see its
header for sources): every short, full and former name of one office type (安监局,
安全生产监督管理局, 应急管理局 …). A term that is such a name — or ends with one after a
place, 环翠区安监局 — gets the office's other names (with the same place prefix) as
alternatives: the clause matches any of them, all are highlighted, and the response lists
them (``expanded``) so the page can say 也搜索了 and offer the term alone. A quoted term is
never expanded; nor is a name that the term's other alternatives already contain as a
substring (substring matching finds those anyway), nor a name of one or two characters.
"""
from functools import lru_cache

from ..metadata.agencies import type_names, _type_table
from .query import Clause, ParsedQuery, Term

MIN_NAME = 3


@lru_cache(maxsize=1)
def _names():
    """{name: canonical type} of every name of 3+ characters, longest names first."""
    table = {name: kind for name, kind in _type_table().items() if len(name) >= MIN_NAME}
    return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))


def alternatives(text):
    """Other names of the office ``text`` names (same place prefix), or []."""
    for name, kind in _names().items():
        if text.endswith(name):
            prefix = text[:-len(name)]
            out = []
            for other in type_names(kind):
                if len(other) < MIN_NAME or other == name:
                    continue
                candidate = prefix + other
                if text in candidate or candidate in out:
                    continue
                out.append(candidate)
            return out
    return []


def expand(parsed):
    """(ParsedQuery with alternatives ORed into each expandable term, {term: [alternatives]})."""
    expanded, clauses = {}, []
    for clause in parsed.clauses:
        terms = list(clause.terms)
        for term in clause.terms:
            if term.phrase or term.title or " " in term.text:
                continue
            extra = [t for t in alternatives(term.text) if t not in {x.text for x in terms}]
            if extra:
                expanded[term.text] = extra
                terms += [Term(t) for t in extra]
        clauses.append(Clause(tuple(terms), clause.negated))
    return ParsedQuery(tuple(clauses)), expanded
