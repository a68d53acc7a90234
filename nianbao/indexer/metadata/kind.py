"""What a document is: an annual report, a statistics table alone, or another document.

Decisions:
- A headline naming the body publishing its own report (海关总署发布2012年…年度报告) is read
  with the text: a news item about the report, or the report itself under a copied headline.
- A sample text to copy (…工作报告范文, 模板) is ``other``, and no body's (``is_template``).
- Otherwise a title decides when there is one: 法治政府/依法行政 reports, 工作要点, 信息公开指南, 解读,
  notices (通知), rules, 统计公报, 政府工作报告, 绩效考评/自查 reports and news (…发布…) are
  ``other``; a 统计表 without 报告 is ``statistics_table``; a title naming a disclosure report
  (…信息公开…报告/年报/总结, even cut as 年度报…) is ``annual_report``; any other title is ``other``.
- Without a title the opening decides: a rules text (第一条, 制定本办法/本指南, 本《指南》), a notice to
  subordinate bodies (各…局、…科室: as its addressee line, 印发给你们), a 工作要点/指南, news
  (本报讯, 记者, 近日/据了解 opening a sentence, a lede 3月31日,…对外公布了…, a newspaper as the
  source) or a template with placeholders (xx县供销社) is
  ``other``; otherwise a text about 政府信息公开 is an annual report (page excerpts and second
  pages often start straight with 一、总体情况 or a paragraph).
"""
import re

from .patterns import BOOK, DISCLOSURE_TITLE, STATS_TITLE

OTHER_TITLE = re.compile(r"法治政府|依法行政|工作要点|指南|解读|通知|规定|办法|制度|统计公报|政府工作报告|"
                         r"绩效|考评|考核|自查|自评|发布会|答记者问|印发|[^年度]发布(?=.)|专项|规划|计划|意见|目录|实施方案")
# A sample text to copy (…年度工作报告范文): no body's document, whatever it reads like.
TEMPLATE_TITLE = re.compile(r"范文|范本|模板|样本|样稿|例文")
# A notice that publishes the report itself (关于公布…2009年度政府信息公开工作年度报告的通知).
PUBLISHING_NOTICE = re.compile(r"关于(?:公布|印发|发布)[^《》]{0,40}(?:信息公开|政务公开)[^《》]{0,12}(?:年度报告|年报)》?的通知$")
# Another document announces itself in a heading line of its own, a first article, or an
# addressee line; reports only mention 指南 or 工作要点 inside sentences.
# A navigation item (- 政策解读, • 办事指南) is site chrome, not such a heading.
OTHER_OPENING = re.compile(r"^\s*第一条|^(?![\s\-•·*]*[^\n]{2,4}\s*$)[^\n。，,；]{0,40}(?:指南|工作要点|通知|统计公报|"
                           r"法治政府建设[^\n]{0,10}报告|解读)"
                           r"(?:[（(][^）)\n]{0,12}[)）])?\s*$"
                           r"|^\s*各[^\n]{0,160}?(?:人民政府|部门|单位|机构|局|厅|委|办|科室|处室|管委会|企业)[^\n]{0,40}[：:]\s*$", re.M)
# Words of another kind of text: a rule (制定本办法), a notice (印发给你们), news (本报讯, 记者,
# 近日, 据了解), a template (xx县…, 某某局).
OTHER_WORDS = re.compile(r"(?:制定|编制|修订)本[^\n，。,、]{0,8}?(?:指南|办法|规定|规则|制度|细则)|(?:印发|转发)给你们|本报[^\n，。]{0,10}讯|"
                         r"[（(][^（）()\n]{0,16}记者\s*[\u4e00-\u9fff]{2,4}[)）]|记者近日|(?:^|\n|。)\s*(?:近日|据了解)[，,]|"
                         # a news lede: 3月31日,山东省人民政府办公厅对外公布了2018年…年度报告
                         r"(?:^|\n)\s*(?:\d{1,2}月)?\d{1,2}日[，,][^\n。]{0,40}?(?:公布|发布)|"
                         # a newspaper as the page's source (来源: 贵州日报)
                         r"来源\s*[:：]\s*[^\n，。]{0,10}(?:日报|晚报|早报|新闻网|通讯社|新华社)|"
                         r"(?:[xX×Ｘｘ]{2}|某某)[省市县区乡镇局委办]")
# A guide or rule speaking of itself in book marks (建议阅读本《指南》, 本《办法》自…起施行).
SELF_BOOK = re.compile(r"本《[^》\n]{0,20}(?:指南|办法|规定|细则|规则|制度)》")
# A page whose line breaks were lost starts with its own title run into the body.
OTHER_START = re.compile(r"^(?!\s*(?:本|根据|依据|按照|为|现将|我))\s*[^。，,\n]{0,50}?(?:工作要点|公开指南|实施方案|的通知|基本目录)")
# The publisher's name before the year or the report words (人口和计划生育局, 自然资源和规划局,
# 绩效考核办公室) says nothing of the kind of document.
TITLE_BODY = re.compile(r"^(?:(?!关于|解读|印发|转发|通知)[^\d《》〈〉“”。，,：:]){2,40}?(?:局|委员会|委|办公室|办事处|办|厅|中心|院|署|人民政府|政府|管委会|管理委员会)"
                        r"(?=\s*(?:\d{4}|[〇零一二三四五六七八九○Ｏ]{4}|关于|政府信息|信息公开|政务公开|年度|$))")
DISCLOSURE = re.compile(r"信息公开|政务公开|信息公開|公开政府信息|依申请公开")


# A headline naming the body publishing its own report (海关总署发布2012年政府信息公开工作年度报告):
# a news item about it or a copy of the report under it; the text says which.
ANNOUNCED = re.compile(r"(?:发布|公布)了?\s*(?:19|20)\d{2}\s*年度?[^\n]{0,16}(?:信息公开|政务公开)[^\n]{0,10}(?:年度报告|年报)$")


def is_template(title):
    """True when the title calls the text a sample to copy (范文, 模板): it has no publisher."""
    return bool(title and TEMPLATE_TITLE.search(title))


def find_kind(title, text):
    """``annual_report``, ``statistics_table`` or ``other`` from title and opening text."""
    if title:
        if PUBLISHING_NOTICE.search(title):
            return "annual_report"
        if TEMPLATE_TITLE.search(title):
            return "other"
        if ANNOUNCED.search(title):
            return "annual_report" if _disclosure_opening(text) else "other"
        if OTHER_TITLE.search(TITLE_BODY.sub("", title)):
            return "other"
        if STATS_TITLE.search(title) and not re.search(r"报告|年报|总结", title):
            return "statistics_table"
        if DISCLOSURE_TITLE.search(title) or re.search(r"信息.{0,4}公开.{0,12}报告", title):
            return "annual_report"
        # An agency's 2012年工作报告 whose body is the disclosure report is still one.
        if re.search(r"(?:工作)?(?:年度)?报告$|年报$", title) and _disclosure_opening(text):
            return "annual_report"
        return "other"  # a titled document that does not call itself a disclosure report
    return "annual_report" if _disclosure_opening(text) else "other"


def _disclosure_opening(text):
    """True when the opening reads as a disclosure report, not as another document."""
    intro = BOOK.sub("", text[:600])
    if SELF_BOOK.search(text[:1500]):
        return False
    if OTHER_OPENING.search(intro) or OTHER_START.search(intro) or OTHER_WORDS.search(intro):
        return False
    return bool(DISCLOSURE.search(text[:1500]))
