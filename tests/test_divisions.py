"""Administrative-division resolution against the national list."""
from nianbao.indexer.metadata.divisions import Place, divisions, find_places


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


def test_municipality_is_province_and_city():
    assert resolve("北京市朝阳区") == Place("北京市", "北京市", "朝阳区")


def test_ambiguous_county_needs_evidence():
    assert resolve("鼓楼区人民政府") == Place()
    assert resolve("福州市鼓楼区人民政府") == Place("福建省", "福州市", "鼓楼区")
    assert resolve("鼓楼区人民政府", "南京市鼓楼区位于江苏省") == Place("江苏省", "南京市", "鼓楼区")


def test_renamed_county_resolves_to_current_name():
    assert resolve("洪泽县人民政府") == Place("江苏省", "淮安市", "洪泽区")


def test_zone_alias_table():
    assert resolve("平潭综合实验区管委会") == Place("福建省", "福州市", "平潭县")


def test_find_places_in_running_text():
    chains = find_places("地址：威海市环翠区孙家疃镇安海路59号")
    assert [names for _start, names in chains][0] == ["威海市", "环翠区"]
