"""Administrative-division resolution against the generated tables (national list, towns,
area codes, postal codes, pinyin)."""
import pytest

from nianbao.indexer.metadata.divisions import (Place, area_codes, divisions, find_places, postcodes,
                                                province_abbreviations, towns)
from nianbao.indexer.metadata.hosts import host_clue, host_of
from nianbao.indexer.metadata.place import zone_options


def resolve(text, evidence=""):
    names, _rest = divisions().leading_places(text)
    return divisions().resolve(names, evidence)


def test_county_gives_city_and_province():
    assert resolve("环翠区应急管理局") == Place("山东省", "威海市", "环翠区")
    assert resolve("张店区") == Place("山东省", "淄博市", "张店区")


def test_county_suffix_disambiguates():
    # 昌邑区 is in 吉林市; 昌邑市 is a county-level city of 潍坊市.
    assert resolve("昌邑区机关事务管理局") == Place("吉林省", "吉林市", "昌邑区")
    assert resolve("昌邑市人民政府") == Place("山东省", "潍坊市", "昌邑市")


def test_provincial_and_city_bodies_keep_their_level():
    assert resolve("河北省科学技术厅") == Place("河北省", None, None)
    assert resolve("淮安市人民政府") == Place("江苏省", "淮安市", None)


def test_municipality_has_no_city_level():
    assert resolve("北京市朝阳区") == Place("北京市", None, "朝阳区")
    assert resolve("北京市") == Place("北京市")
    # County-level units governed by a province directly.
    assert resolve("仙桃市") == Place("湖北省", None, "仙桃市")


def test_autonomous_levels_and_short_forms():
    assert resolve("延边朝鲜族自治州") == Place("吉林省", "延边朝鲜族自治州")
    assert resolve("黔东南州") == Place("贵州省", "黔东南苗族侗族自治州")
    assert resolve("锡林郭勒盟") == Place("内蒙古自治区", "锡林郭勒盟")
    assert resolve("鄂托克旗") == Place("内蒙古自治区", "鄂尔多斯市", "鄂托克旗")
    assert resolve("石柱县") == Place("重庆市", None, "石柱土家族自治县")
    assert resolve("弥勒市") == Place("云南省", "红河哈尼族彝族自治州", "弥勒市")
    assert resolve("义乌市") == Place("浙江省", "金华市", "义乌市")
    # Short forms that keep their level word because the stem alone is taken (海南 is a province).
    assert resolve("海南州人民政府") == Place("青海省", "海南藏族自治州")
    assert resolve("河南县") == Place("青海省", "黄南藏族自治州", "河南蒙古族自治县")


def test_functional_zones_are_no_district():
    # Codes xxxx71-79 (经济技术开发区, 高新区) are filed under counties but are none: their city only.
    assert resolve("洛阳高新技术产业开发区") == Place("河南省", "洛阳市")
    assert Place("河南省", "洛阳市") in towns()["瀛洲街道"]
    # County-level cities (codes xxxx81-99) remain districts.
    assert resolve("鹤山市") == Place("广东省", "江门市", "鹤山市")


def test_ambiguous_county_needs_evidence():
    assert resolve("鼓楼区人民政府") == Place()
    assert resolve("福州市鼓楼区人民政府") == Place("福建省", "福州市", "鼓楼区")
    assert resolve("鼓楼区人民政府", "南京市鼓楼区位于江苏省") == Place("江苏省", "南京市", "鼓楼区")


def test_renamed_county_resolves_to_current_name():
    assert resolve("洪泽县人民政府") == Place("江苏省", "淮安市", "洪泽区")


def test_zone_named_after_a_division_lies_in_it():
    assert zone_options("兰州新区管委会") == [Place("甘肃省", "兰州市")]
    assert zone_options("泰州医药高新区") == [Place("江苏省", "泰州市")]
    assert zone_options("广州空港经济区管理委员会") == [Place("广东省", "广州市")]
    assert zone_options("黄帝故里景区管理委员会") == []


def test_find_places_in_running_text():
    chains = find_places("地址：威海市环翠区孙家疃镇安海路59号")
    assert [names for _start, names in chains][0] == ["威海市", "环翠区"]


def test_towns_name_their_county():
    assert towns()["参内乡"] == [Place("福建省", "泉州市", "安溪县")]
    assert len(towns()["新华街道"]) > 10  # a common name: only a candidate list


def test_area_codes_and_postcodes():
    assert area_codes()["0631"] == Place("山东省", "威海市")
    assert area_codes()["010"] == Place("北京市")
    assert postcodes()["31560"] == Place("浙江省", "宁波市", "宁海县")


def test_municipality_postcodes_and_codes_have_no_city_level():
    # A 直辖市 district or a province-governed county has no prefecture: the tables' 北京市 /
    # 省直辖行政区划 city cells must not become a second candidate beside the district.
    assert postcodes()["10001"] == Place("北京市", None, "东城区")
    assert all(p.city is None for p in postcodes().values() if p.province in ("北京市", "天津市", "上海市", "重庆市"))
    assert all(p.city is None or "直辖" not in p.city for p in postcodes().values())


def test_municipality_district_is_found_with_its_postcode():
    from nianbao.indexer.metadata import extract

    meta = extract("北京市东城区人民政府2015年政府信息公开工作年度报告\n地址：北京市东城区育群胡同6号，"
                   "邮编：100010。", {})
    assert (meta.province, meta.city, meta.district) == ("北京市", None, "东城区")


@pytest.mark.parametrize("url, host", [
    ("http://www.ninghai.gov.cn/module/xxgk/a.jsp?x=1", "www.ninghai.gov.cn"),
    ("http://big5.www.gov.cn/gate/big5/www.beijing.gov.cn/gongkai/a.html", "www.beijing.gov.cn"),
    ("http://www.qhd.gov.cn:81/info/content.jsp", "www.qhd.gov.cn"),
    ("", ""),
])
def test_host_of(url, host):
    assert host_of(url) == host


@pytest.mark.parametrize("url, places, strong", [
    ("http://www.ninghai.gov.cn/x.html", [Place("浙江省", "宁波市", "宁海县")], True),
    ("http://hljwch.gov.cn/x.html", [Place("黑龙江省", "哈尔滨市", "五常市")], False),  # initials only
    ("http://www.xihu.gov.cn/x.html", [Place("江西省", "南昌市", "西湖区"), Place("浙江省", "杭州市", "西湖区"),
                                       Place("辽宁省", "本溪市", "溪湖区")], True),  # needs another clue
    ("http://luchovivas.com/art/1.html", None, None),  # a mirror's name spells nothing
    ("https://newton.com.tw/wiki/1", None, None),  # letters that happen to spell initials on a mirror
    ("http://61.150.65.235/zfxxgk/1.html", None, None),
    # A label of initials that fits nothing gives way to a name spelled in full.
    ("https://sycyy.yinchuan.gov.cn/zwgk/1.html", [Place("宁夏回族自治区", "银川市")], True),
])
def test_host_spellings(url, places, strong):
    clue = host_clue(url)
    if places is None:
        assert clue is None
    else:
        assert sorted(clue.options, key=str) == sorted(places, key=str)
        assert clue.strong is strong


def test_initials_are_ambiguous():
    clue = host_clue("http://www.hz.gov.cn/")
    cities = {p.city for p in clue.options if p.city and not p.district}
    assert {"杭州市", "湖州市", "惠州市", "菏泽市"} <= cities and clue.strong is False


@pytest.mark.parametrize("names, year, expected", [
    (["蓬莱市"], 2010, Place("山东省", "烟台市", "蓬莱市")),  # renamed 蓬莱区 in 2020
    (["蓬莱市"], 2021, Place("山东省", "烟台市", "蓬莱区")),  # the old name in a later report: today's
    (["蓬莱区"], 2010, Place("山东省", "烟台市", "蓬莱区")),
    (["石柱县"], 2010, Place("重庆市", None, "石柱土家族自治县")),  # an official short form, not a former name
    (["洪泽县"], 2015, Place("江苏省", "淮安市", "洪泽县")),  # found by its stem, no date known
    (["蓬莱市"], None, Place("山东省", "烟台市", "蓬莱区")),
])
def test_divisions_as_named_in_the_report_year(names, year, expected):
    place = divisions().resolve(names)
    assert divisions().as_named(place, names, year) == expected


def test_province_abbreviations():
    table = province_abbreviations()
    assert table["浙"] == Place("浙江省") and table["渝"] == Place("重庆市") and table["蒙"] == Place("内蒙古自治区")
    assert len(table) == 31 and "港" not in table
