"""Regular expressions shared by the metadata modules: years, dates, report words."""
import re

CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0", "O": "0"}
YEAR = r"((?:19|20)\d{2}|[〇零○ＯO一二三四五六七八九]{4})"
# 2017年度, 二〇一七年; in a title also a year run into the report words (…委员会 2021政府信息公开…).
TITLE_YEAR = re.compile(YEAR + r"(?:\s*年度?|(?=\s*(?:(?:政府|政务)?信息公开|政务公开|年报)))")
BOOK = re.compile(r"《[^》]{0,80}》")
# A whole calendar year as the statistics period (统计期限为2019年1月1日至2019年12月31日).
FULL_PERIOD = re.compile(r"(?:统计|期限|时限|时间段|时段|期间|报告期|时间范围|起止时间)[^。]{0,20}?((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日[^。\d]{0,8}?"
                         r"(?:((?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日")
# A paragraph opening with its year and its subject, no comma (2021年城中区政务公开工作在…;
# 2021年我委认真…); not 2022年共收到… (a figure, not the year's work).
PARAGRAPH_START_YEAR = re.compile(r"(?:^|\n)[\s\u3000]*((?:19|20)\d{2})\s*年(?:度)?"
                                  r"(?=[我本全]|[\u4e00-\u9fff]{2,12}?(?:区|县|市|州|旗|盟|局|委|办|镇|乡|街道|政府|管委会))")
# The statistics period's first day or month (统计期限为2015年1月1日至…, 自2015年1月至12月, 统计期间
# 为2012年度).
PERIOD_YEAR = re.compile(r"(?:统计|期限|时限|时间段|时段|期间|报告期|时间范围|起止时间)[^。]{0,20}?((?:19|20)\d{2})\s*年\s*(?:0?1\s*月\s*0?1\s*日|0?1\s*月"
                         r"(?=\s*(?:起|至|到|—|-|－|~|～))|度)")
# A whole calendar year without a period label (本报告内容涵盖2018年1月1日至12月31日期间), and a
# year's end a figure is counted to (到2016年12月31日止, 截至2016年12月31日): fallbacks.
ANY_FULL_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日[^。\d]{0,8}?(?:((?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日")
YEAR_END = re.compile(r"(?:截至|截止|截止到|到|至)\s*((?:19|20)\d{2})\s*年\s*(?:12\s*月\s*31\s*日|底|年底)")
# 2015年度, 2009年年报, 2008年主要工作情况如下: the year an opening says it reports on.
INTRO_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度|年报|主要工作|[^，。,；\n\d]{0,12}?工作情况(?:如下|报告))")
# A document number (浙政办发〔2019〕12号): the year a notice or rule was issued.
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}\s*[〔\[【［(（]\s*((?:19|20)\d{2})\s*[〕\]】］)）]\s*\d{1,4}\s*号")
# A date in a web address's path (/202301/, /2023/1/20/, t20230316_…).
URL_DATE = re.compile(r"(?<!\d)(20[0-3]\d)[-/_]?(0[1-9]|1[0-2]|[1-9](?=/))(?:[-/_]?(?:0[1-9]|[12]\d|3[01]))?(?!\d)")
PARAGRAPH_YEAR = re.compile(r"(?:^|\n|[。\s\u3000])\s*(?:[一二三四五六七八九十]+、\s*[^\n。]{0,10}?)?((?:19|20)\d{2})\s*年\s*[，,]")
# A date standing alone on a line (a notice's date under its text: 2020年6月3日, 二○○八年九月二十八日).
DATE_LINE = re.compile(r"[（(]?\s*" + YEAR + r"\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
                       r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*[)）]?")
# The date a 政府工作报告 was delivered (——2017年1月10日在延长县第十八届人民代表大会第一次会议上) and the
# date a rule takes effect (自2008年5月1日起施行).
SPEECH_DATE = re.compile(r"(?:^|\n)[\s—\-－]*((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在[^\n]{0,40}?(?:会议|大会)")
EFFECTIVE_DATE = re.compile(r"自\s*((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*起(?:施行|执行|实施)")
LAST_YEAR = re.compile(r"上一?年度")
DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISO_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
FILL_DATE = re.compile(r"(?:填报|报送|编制|发布|印发)(?:日期|时间)[：:]\s*" + DATE.pattern)
# A page's own 发布时间：2023-01-10 17:27 line (a CMS date: the page's, not always the report's).
PAGE_DATE = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|公开日期|日\s*期)\s*[：:]?\s*" + ISO_DATE.pattern)
TITLE_DATE_LINE = re.compile(r"[（(]?\s*" + DATE.pattern + r"\s*[)）]?")
# The date of a signature: preceded by the signing body or a line break, not part of a sentence.
SIGNATURE = re.compile(r"(?:^|[\s\u3000。])([^\s\u3000，。；：、\d]{2,40}?)?[\s\u3000]*" + DATE.pattern + r"(?![前起至以内])")
REPORT_WORDS = re.compile(r"关于|政府信息公开|信息公开|政务公开|法治政府|依法行政|年度报告|工作报告|工作总结|年报|统计表|报告")
REPORT_END = re.compile(r"(?:报告|年报|总结|统计表)\s*(?:[（(][^）)]{0,12}[)）])?$")
# A crawler may cut the title inside 报告 ("…年度报..."), hence the truncated form.
DISCLOSURE_TITLE = re.compile(r"(?:信息公开|政务公开).{0,16}(?:报告|年报|总结|报(?:\.{2,}|…))")
OTHER_TITLE = re.compile(r"法治政府|依法行政")
STATS_TITLE = re.compile(r"统计表|附表")
NOISE_LINE = re.compile(r"^[-—–\s\d第页PAGE]*$")
ADDRESS = re.compile(r"(?:地址|地\s*址)[：:]\s*([^\s，。；、（）()]{2,40})")
TAIL = 400
HEAD = 1500
REPORT_WORDS_END = re.compile(r"(?:信息公开|政务公开)[^，。\s]{0,12}?(?:报告|年报|总结)")
# Verbs and adverbs a report's sentences put right after their subject (…民政局认真贯彻…).
SUBJECT_VERBS = (r"以|坚持|认真|在|紧紧|按照|深入|进一步|全面|高度|始终|严格|积极|继续|着力|不断|围绕|共|主动|扎实|切实|依法|持续|根据|"
                 r"紧扣|聚焦|贯彻|落实|立足|强化|加强|大力|注重|牢固|全力|统筹|对照|依照|通过|把|将|对|不折不扣|精心|有序|稳步|"
                 r"依托|利用|借助")
