"""The metadata signals one by one: folding, titles past chrome, levels, towns, place weighing."""
import pytest

from nianbao.indexer.metadata import extract
from nianbao.indexer.metadata.divisions import Place
from nianbao.indexer.metadata.fold import Page
from nianbao.indexer.metadata.level import name_level, town_name
from nianbao.indexer.metadata.place import Clue, decide
from nianbao.indexer.metadata.title import heading_title


def test_traditional_page_is_folded_and_names_come_back_as_published():
    page = Page("廣州市教育局\n本報(bào)告是根據(jù)《條例》編制。")
    assert page.traditional
    assert page.text.startswith("广州市教育局\n本报告是根据")
    assert page.published("广州市教育局") == "廣州市教育局"


def test_url_line_left_in_the_text_is_the_address():
    page = Page("原文链接: http://www.ninghai.gov.cn/a.html\n\n正文。")
    assert page.url == "http://www.ninghai.gov.cn/a.html" and page.text.strip() == "正文。"


@pytest.mark.parametrize("text, title", [
    ("首页 > 政务公开 > 年度报告\n发布时间：2023-01-13 浏览次数：12\n对坊乡2023年政府信息公开工作年度报告\n根据《条例》……",
     "对坊乡2023年政府信息公开工作年度报告"),
    ("标 题 | 西藏自治区人民政府办公厅2021年政府信息公开工作年度报告 | ||\n索引号 | 000014349 |",
     "西藏自治区人民政府办公厅2021年政府信息公开工作年度报告"),
    ("自治区民政厅2021\n政府信息公开工作年度报告\n一、总体情况", "自治区民政厅2021政府信息公开工作年度报告"),
    ("政府信息公开年报\n本报告根据《条例》编制。", None),  # a category label is no title
])
def test_titles_past_site_chrome(text, title):
    assert heading_title(text) == title


@pytest.mark.parametrize("agency, level", [
    ("教育部", "central"), ("国家统计局", "central"), ("辽宁省退役军人事务厅", "province"),
    ("北京市生态环境局", "province"), ("北京市海淀区教育委员会", "county"), ("兴安盟生态环境局", "city"),
    ("鄂托克旗人民政府", "county"), ("仙桃市人民政府", "county"), ("区民政局", "county"),
    ("市民政局", "city_or_county"), ("彭场镇人民政府", "town"), ("十堰市生态环境局郧阳分局", "county"),
    ("住房和城乡建设局", None),
])
def test_levels_from_agency_names(agency, level):
    assert name_level(agency) == level


@pytest.mark.parametrize("agency, town", [
    ("越秀区人民政府梅花村街道办事处", "梅花村街道"), ("乌拉特中旗巴音乌兰苏木", "巴音乌兰苏木"),
    ("宁海县越溪乡", "越溪乡"), ("乡村振兴局", None), ("县住房和城乡建设局", None),
])
def test_town_names(agency, town):
    assert town_name(agency) == town


def test_weak_clues_confirm_but_do_not_decide():
    weihai = Place("山东省", "威海市")
    assert decide([Clue("phone", "0631", [weihai], 1.5), Clue("postcode", "264200", [weihai], 1.5)], 2).place == Place()
    clues = [Clue("mention", "威海市", [weihai], 1.0), Clue("phone", "0631", [weihai], 1.5)]
    assert decide(clues, 2).place == weihai


def test_ambiguous_district_stays_null_without_another_clue():
    xian = [Place("陕西省", "西安市", "长安区"), Place("河北省", "石家庄市", "长安区")]
    assert decide([Clue("agency", "长安区民政局", xian, 10.0)], 3).place == Place()
    clues = [Clue("agency", "长安区民政局", xian, 10.0), Clue("cited", "西安市…规定", [Place("陕西省", "西安市")], 1.5)]
    assert decide(clues, 3).place == xian[0]


def test_a_county_name_gives_city_and_province_and_a_ministry_gets_no_place():
    meta = extract("鄞州区民政局2021年政府信息公开工作年度报告\n根据《条例》编制。", {})
    assert (meta.province, meta.city, meta.district, meta.level) == ("浙江省", "宁波市", "鄞州区", "county")
    meta = extract("教育部2020年政府信息公开工作年度报告\n根据《条例》编制。地址：北京市西城区", {})
    assert (meta.agency, meta.province, meta.level) == ("教育部", None, "central")
