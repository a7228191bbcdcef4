"""Every string zonemap shows people, in English, Traditional Chinese and Simplified Chinese.

Keys are plain names; values are ``(en, zh-Hant, zh-Hans)``. ``{name}``-style
fields are filled by :func:`zonemap.text.say` with ``str.format``-like named
values (escaped by the caller for its context). A test checks that every
zh-Hans string holds no Traditional-only character and every zh-Hant string
no Simplified-only one.
"""

from __future__ import annotations

__all__ = ["CATALOGUE"]

CATALOGUE: dict[str, tuple[str, str, str]] = {
    # The zone and the maps
    "zone_title": (
        "Hetao Shenzhen-Hong Kong Science and Technology Innovation Cooperation Zone",
        "河套深港科技創新合作區",
        "河套深港科技创新合作区",
    ),
    "site_title": ("zonemap: maps of the Hetao cooperation zone", "zonemap：河套合作區地圖", "zonemap：河套合作区地图"),
    "site_story": (
        "In April 1997 the regulation of the Shenzhen River straightened its course and left the Lok Ma Chau Loop, "
        "87.7 ha of land, south of the new channel, in Hong Kong. In 2017 Hong Kong and Shenzhen agreed to develop the "
        "Loop together as the Hong Kong Park of an innovation zone, with a Shenzhen Park of about 3 km² across the river; "
        "the State Council's plan of 2023 set the Shenzhen Park's limits (3.02 km²). These maps show the zones as "
        "zonemap draws them from public sources, with their areas against the official figures and how sure each outline is.",
        "1997年4月深圳河治理工程把河道拉直，落馬洲河套（87.7公頃土地）留在新河道以南，屬香港。2017年港深同意共同發展河套為"
        "創新合作區的香港園區，並在河對岸設約3平方公里的深圳園區；國務院2023年的規劃劃定深圳園區範圍（3.02平方公里）。"
        "這些地圖按公開資料繪出各區域，列出計算面積與官方數字的比較，以及每條界線的可信程度。",
        "1997年4月深圳河治理工程把河道拉直，落马洲河套（87.7公顷土地）留在新河道以南，属香港。2017年港深同意共同发展河套为"
        "创新合作区的香港园区，并在河对岸设约3平方公里的深圳园区；国务院2023年的规划划定深圳园区范围（3.02平方公里）。"
        "这些地图按公开资料绘出各区域，列出计算面积与官方数字的比较，以及每条界线的可信程度。",
    ),
    "map_overview": ("Overview", "總覽", "总览"),
    "map_overview_line": (
        "All zones, the Shenzhen River's new channel and old meander, the boundary and landmarks.",
        "全部區域、深圳河新河道與舊河道、界線及地標。",
        "全部区域、深圳河新河道与旧河道、界线及地标。",
    ),
    "map_history": ("History", "歷史", "历史"),
    "map_history_title": (
        "How the Shenzhen River regulation made the Lok Ma Chau Loop",
        "深圳河治理與落馬洲河套",
        "深圳河治理与落马洲河套",
    ),
    "map_history_line": (
        "The 1997 regulation that cut the Loop off the meander, and the milestones since.",
        "1997年河道治理令河套與舊河道分開，以及其後的大事。",
        "1997年河道治理令河套与旧河道分开，以及其后的大事。",
    ),
    "map_relations": ("Relations", "關係", "关系"),
    "map_relations_title": ("Shared borders and the river between", "共同邊界與隔河相望", "共同边界与隔河相望"),
    "map_relations_line": (
        "Shared borders and the stretches facing each other across the river, with their lengths.",
        "共同邊界及隔河相望的河段，附長度。",
        "共同边界及隔河相望的河段，附长度。",
    ),
    "map_zone_line": ("This zone alone, with its area and sources.", "此區域的範圍、面積及資料來源。", "此区域的范围、面积及资料来源。"),
    "back_to_index": ("All maps", "全部地圖", "全部地图"),
    # Layers
    "layer_zones": ("Zones", "區域", "区域"),
    "layer_river": ("Shenzhen River", "深圳河", "深圳河"),
    "layer_boundary": ("HKSAR-Shenzhen boundary", "港深界線", "港深界线"),
    "layer_landmarks": ("Landmarks", "地標", "地标"),
    "layer_milestones": ("Milestones", "大事", "大事"),
    "layer_relations": ("Relations", "關係", "关系"),
    # Legend
    "legend": ("Legend", "圖例", "图例"),
    "jurisdiction_HKSAR": ("Hong Kong (HKSAR)", "香港特區", "香港特区"),
    "jurisdiction_Shenzhen": ("Shenzhen", "深圳", "深圳"),
    "jurisdiction_shared": ("Both sides", "港深共有", "港深共有"),
    "status_official": ("official", "官方", "官方"),
    "status_indicative": ("indicative", "示意", "示意"),
    "legend_official": ("official outline (within 5 %)", "官方範圍（面積差5%以內）", "官方范围（面积差5%以内）"),
    "legend_indicative": ("indicative outline", "示意範圍", "示意范围"),
    "legend_composite": ("union of the zones drawn inside it", "由其內區域組成", "由其内区域组成"),
    "legend_new_channel": ("Shenzhen River, regulated channel (1997)", "深圳河治理後新河道（1997）", "深圳河治理后新河道（1997）"),
    "legend_old_channel": ("old meander (before 1997)", "舊河道（1997年前）", "旧河道（1997年前）"),
    "legend_water": ("river water (estimated)", "河道水面（估算）", "河道水面（估算）"),
    "legend_boundary_osm": ("boundary (OpenStreetMap)", "界線（OpenStreetMap）", "界线（OpenStreetMap）"),
    "legend_boundary_had": ("boundary (Home Affairs Department)", "界線（民政事務總署）", "界线（民政事务总署）"),
    "legend_shared": ("shared border", "共同邊界", "共同边界"),
    "legend_across": ("facing each other across the river", "隔河相望", "隔河相望"),
    # Popups and tooltips
    "field_name": ("name", "名稱", "名称"),
    "field_area": ("computed area", "計算面積", "计算面积"),
    "field_official": ("official area (difference)", "官方面積（差異）", "官方面积（差异）"),
    "field_jurisdiction": ("jurisdiction", "管轄", "管辖"),
    "field_status": ("status", "狀態", "状态"),
    "field_accuracy": ("accuracy", "準確度", "准确度"),
    "field_source": ("source", "來源", "来源"),
    "accuracy_value": ("±{metres} m", "±{metres}米", "±{metres}米"),
    # Relations
    "relation_shared": ("{left} – {right}: shared border {length} m", "{left}－{right}：共同邊界{length}米", "{left}－{right}：共同边界{length}米"),
    "relation_across": (
        "{left} – {right}: face each other across {gap_name} for {length} m, gap {gap} m",
        "{left}－{right}：隔{gap_name}相望{length}米，相距{gap}米",
        "{left}－{right}：隔{gap_name}相望{length}米，相距{gap}米",
    ),
    "a_gap": ("a gap", "空隙", "空隙"),
    # Notes
    "datum_note": (
        "Drawn in GCJ-02 to sit on {basemap} tiles: every shape here is shifted about 600 m from its true WGS-84 "
        "position (mouse position and measurements read GCJ-02).",
        "本圖按GCJ-02座標繪製，以配合{basemap}底圖：所有圖形均較其WGS-84真實位置偏移約600米（滑鼠位置及量度亦為GCJ-02）。",
        "本图按GCJ-02坐标绘制，以配合{basemap}底图：所有图形均较其WGS-84真实位置偏移约600米（鼠标位置及量度亦为GCJ-02）。",
    ),
    "data_attribution": (
        "Zones: zonemap; data © OpenStreetMap contributors (ODbL 1.0), Government of the HKSAR (DATA.GOV.HK), Wikidata, Mapxus",
        "區域：zonemap；資料 © OpenStreetMap 貢獻者（ODbL 1.0）、香港特區政府（DATA.GOV.HK）、Wikidata、Mapxus",
        "区域：zonemap；数据 © OpenStreetMap 贡献者（ODbL 1.0）、香港特区政府（DATA.GOV.HK）、Wikidata、Mapxus",
    ),
    "scale_km": ("{value} km", "{value}公里", "{value}公里"),
    "scale_m": ("{value} m", "{value}米", "{value}米"),
    "hectares": ("{value} ha", "{value}公頃", "{value}公顷"),
}
