"""Round six's categories of misreads, on real openings (expected values read off the pages)."""
import pytest

from nianbao.indexer.metadata import extract


@pytest.mark.parametrize("text, place", [
    # A mirror put its own domain where the county's name stood; the county portal's name
    # “中国永嘉” still says where the body sits (永嘉县委农办/县农业局, 2016).
    ("根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,现公布puroview.com委农办(县农业局)2016年政府信息"
     "公开工作年度报告。本年报中所列数据的统计期限自2016年1月1日起至2016年12月31日止。本年报的电子版可以在“中国永嘉”"
     "县政府门户网站(www.puroview.com)上下载。\n一、概述\n《中华人民共和国政府信息公开条例》(以下简称《条例》)颁布施行"
     "以来,我办(局)高度重视信息公开工作,按照县政府的统一部署安排,认真贯彻落实了《条例》和县政府对政府信息公开工作的"
     "有关精神及各项要求。", ("浙江省", "温州市", "永嘉县")),
    # A spam string replaced the city's name; the portal “中国衡水” survives (衡水市, 2016).
    ("本年度报告的电子版可从“中国衡水”门户网站(http://www.ty-jd.com/)下载。如对本年度报告有疑问,请与市政府信息"
     "公开协调小组办公室联系。全市各级行政机关认真贯彻《条例》。全市共主动公开政府信息。", ("河北省", "衡水市", None)),
])
def test_a_government_portal_named_china_and_its_place(text, place):
    meta = extract(text, {})
    assert (meta.province, meta.city, meta.district) == place


def test_and_before_a_county_government_is_no_county_named_he():
    # 《条例》和县政府: "and the county government", not 和县 (安徽); nothing else places the body.
    text = ("根据《条例》要求,现公布本单位2016年政府信息公开工作年度报告。\n一、概述\n《条例》颁布施行以来,我办高度重视"
            "信息公开工作,按照县政府的统一部署安排,认真贯彻落实了《条例》和县政府对政府信息公开工作的有关精神及各项要求。")
    meta = extract(text, {})
    assert (meta.province, meta.city, meta.district) == (None, None, None)


def test_a_zone_whose_own_name_ends_like_a_district_is_not_that_district():
    # 银湖湾滨海新区 (江门市新会区) is no 天津市滨海新区: words before 滨海新区 that are no place make
    # it the zone's own name; its web host places it.
    text = ("一、总体情况\n(一)主动公开情况。2022年,银湖湾滨海新区在政府信息公开目录系统(http://www.xinhui.gov.cn/jmxhqjjkf/"
            "gkmlpt/index)主动公开组织机构、部门文件、工作动态、部门预决算等栏目的政府信息共86条。通过“银湖湾滨海新区”"
            "微信公众号发布稿件约1820条;聚焦滨海新区的热点、重点和亮点。\n(二)依申请公开情况。2022年,滨海新区共收到0条"
            "政府信息公开申请。\n(四)平台建设情况。滨海新区贯彻落实《中华人民共和国政府信息公开条例》。")
    header = {"url": "http://www.xinhui.gov.cn/gzjg/qzfpcjg/jmxhjjkfqglwyh/tzgg/content/post_2784401.html"}
    meta = extract(text, header)
    assert (meta.province, meta.city) == ("广东省", "江门市")


def test_a_prefecture_speaking_of_itself_is_a_city_body_whatever_its_address():
    # 巴州 (巴音郭楞蒙古自治州) says 我州/全州; its address lies in 库尔勒市, its seat: no district.
    text = ("本报告是依据国务院《政府信息公开条例》要求,由巴州人民政府编制的2017年度政府信息公开工作年度报告。\n"
            "报告中所列数据统计期限自2017年1月1日起至12月31日。如对报告有任何疑问,请与巴州人民政府电子政务办公室联系"
            "(地址:新疆库尔勒市巴音东路45号;邮编:841000;联系电话:0996-2018537;电子邮箱:bzzfbgs@163.com)。\n一、概述\n"
            "2017年,我州深入贯彻自治区党委、政府统一部署,扎实推进全州政府信息公开工作有力有序开展。\n二、工作开展情况\n"
            "印发《巴音郭楞蒙古自治州人民政府工作规则》(巴政发〔2017〕8号),明确推进政务公开工作职能及规则。调整我州政务"
            "公开领导小组。")
    meta = extract(text, {})
    assert (meta.province, meta.city, meta.district, meta.level) == (
        "新疆维吾尔自治区", "巴音郭楞蒙古自治州", None, "city")


@pytest.mark.parametrize("text, level", [
    # 全州 in a county's own text (全州县) is no prefecture's word.
    ("2015年,全州县共主动公开政府信息120条,全州县各乡镇设立公开栏,全州县教育局开设专栏。", None),
    ("2017年,我州深入贯彻自治区党委、政府统一部署,扎实推进全州政府信息公开工作。", "city"),
])
def test_quanzhou_county_is_no_prefecture_word(text, level):
    from nianbao.indexer.metadata.level import text_level

    assert text_level(text) == level
