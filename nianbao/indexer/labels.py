"""Every label shown to users (Chinese), in one place: facet names, document kinds, sections.

The search service returns keys with these labels; the web page and the CLI show them.
"""
from collections import OrderedDict

FACET_TITLES = OrderedDict([
    ("province", "省份"),
    ("city", "城市"),
    ("district", "区县"),
    ("town", "乡镇街道"),
    ("level", "层级"),
    ("agency", "机关"),
    ("agency_type", "机关类型"),
    ("year", "年度"),
    ("section", "章节"),
    ("kind", "类型"),
    ("tables", "统计表情况"),
])

KINDS = OrderedDict([
    ("annual_report", "年度报告"),
    ("statistics_table", "统计表"),
    ("other", "其他文件"),
])

# Levels of government of a report's publisher (Report.level); 直辖市 bodies are 省级, their
# districts' bodies 县级, development-zone committees the level of what holds them.
LEVELS = OrderedDict([
    ("central", "中央"),
    ("province", "省级"),
    ("city", "市级"),
    ("county", "县级"),
    ("town", "乡镇级"),
])

# The canonical section taxonomy (keys in document order), one across the pre-2019 and
# 2019+/2021 formats; ``indexer.sections`` maps headings to these keys.
SECTIONS = OrderedDict([
    ("preface", "标题与导语"),
    ("overview", "总体情况"),
    ("organization", "组织领导和制度建设"),
    ("proactive", "主动公开政府信息"),
    ("interpretation", "解读回应与互动交流"),
    ("key_areas", "重点领域信息公开"),
    ("platforms", "公开平台建设"),
    ("requests", "依申请公开（收到和处理申请）"),
    ("fees", "收费及减免"),
    ("review_litigation", "行政复议、行政诉讼"),
    ("confidentiality", "保密审查及监督检查"),
    ("problems", "存在的主要问题及改进情况"),
    ("other_matters", "其他需要报告的事项"),
    ("statistics", "统计表/附表"),
    ("other", "其他"),
])
