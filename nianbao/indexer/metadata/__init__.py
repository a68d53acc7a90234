"""Metadata extraction: title, agency (+ canonical type), province/city/district, year,
publication date and kind of document, from a report's clean text and its reader's header.

Decisions (where the issue is silent):
- ``year`` is the year reported on. Sources in order: the title (2017年度, 二〇一七年), the
  statistics period (统计期限为2015年1月1日至…), a 2015年度 in the opening lines, a paragraph opening
  with 2015年，…; only when the text says 上一年度/上年度 is it the publication year minus one.
  Years inside 《book titles》 are ignored (they name other documents).
- ``published`` (YYYY-MM-DD) prefers what the document says — signature date, 填报日期, a date
  under the title — over the crawl's header date. A date without a day (二〇一三年一月) is not used.
- ``agency``: the title's publisher (after stripping year and report words) if any, else the
  signature, then contact/compiler phrases (请与…联系, 由…编制, 单位名称：…), then the header.
  A bare place (平潭综合实验区, 环翠区政府信息公开…) means its government (人民政府/管委会) when the
  text names it. The fullest name of the same body (same type, same place level) is kept:
  威海市环翠区安监局 over 环翠区安监局, 河北省科学技术厅 over 河北省科技厅.
- Places come from the agency name (so a provincial department gets no city, a city government
  no district); only when the agency names no place are the title, signature and 地址 lines used.
- ``kind``: 法治政府/依法行政 reports and anything whose title is not a disclosure report are
  ``other``; a title that is a 统计表 without 报告 is ``statistics_table``.
"""
from .. import labels
from . import agencies
from .dates import find_published, find_year
from .kind import find_kind
from .place import find_place
from .publisher import find_agency
from .title import find_title

KINDS = labels.KINDS

__all__ = ["KINDS", "apply_metadata", "find_title", "find_kind", "find_agency", "find_place",
           "find_year", "find_published"]


def apply_metadata(report, header):
    """Fill ``report``'s metadata fields from its text and the reader's ``header``."""
    text = report.text
    report.title = find_title(text, header)
    report.kind = find_kind(report.title, text)
    report.agency = find_agency(report.title, text, header)
    report.agency_type = agencies.agency_type(report.agency)
    place = find_place(report.agency, report.title, text)
    report.province, report.city, report.district = place.province, place.city, place.district
    report.published = find_published(text, header)
    report.year = find_year(report.title, text, report.published, report.kind)
