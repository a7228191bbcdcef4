"""Every string zonemap shows people, in English, Traditional Chinese and Simplified Chinese.

``CATALOGUE``: keys are plain names; values are ``(en, zh-Hant, zh-Hans)``.
``{name}``-style fields are filled by :func:`zonemap.text.say` with
``str.format``-like named values (escaped by the caller for its context).

``KNOWN_TEXT``: the English text of the bundled data's sources, licences and
official citations (which the data carry in English only), by their English
text, with their Chinese forms; :func:`zonemap.text.translate_known` uses it.
Text it does not know is shown as the data give it.

``tests/test_maps_languages.py`` checks that every zh-Hans string holds no
Traditional-only character and every zh-Hant string no Simplified-only one.
"""

from __future__ import annotations

__all__ = ["CATALOGUE", "KNOWN_TEXT"]

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
    "site_maps": ("The maps", "地圖", "地图"),
    "site_areas": ("Areas", "面積", "面积"),
    "site_areas_note": (
        "Geodesic areas (WGS-84 ellipsoid) against the official figures. The range runs from the inner outline "
        "(surely inside) to the outer (possibly inside); indicative zones say why in their popups.",
        "測地面積（WGS-84橢球面）與官方數字比較。範圍由內輪廓（肯定在內）至外輪廓（可能在內）；示意區域的原因見其彈出視窗。",
        "测地面积（WGS-84椭球面）与官方数字比较。范围由内轮廓（肯定在内）至外轮廓（可能在内）；示意区域的原因见其弹出窗口。",
    ),
    "site_sources": ("Sources and licences", "資料來源及授權", "资料来源及授权"),
    "site_sources_text": (
        "Geometry © OpenStreetMap contributors (ODbL 1.0); the zones are a derivative database under the same licence. "
        "Hong Kong district boundaries and transport stops: Government of the HKSAR (DATA.GOV.HK terms). Points: Wikidata (CC0), "
        "Wikipedia contributors (CC BY-SA 4.0), Mapxus. Positions read from Futian District school catchments (Baidu, converted) "
        "and Amap points (converted from GCJ-02) are used as evidence of where edges and places lie; no such polygon is shipped. "
        "Official figures: the State Council plan for the Shenzhen Park (2023), "
        "the Planning Department and CEDD study of the Loop, the 2018 Loop zoning plan. zonemap's code is MIT-licensed.",
        "幾何資料 © OpenStreetMap 貢獻者（ODbL 1.0）；各區域屬衍生資料庫，採用相同授權。香港分區界線及交通站點：香港特區政府"
        "（DATA.GOV.HK 條款）。地點：Wikidata（CC0）、維基百科貢獻者（CC BY-SA 4.0）、Mapxus。福田區學區範圍（百度座標，已轉換）及高德地點"
        "（由GCJ-02轉換）只用作界線及地點位置的證據，不隨資料發布任何此類多邊形。官方數字：國務院深圳園區規劃（2023年）、"
        "規劃署及土木工程拓展署的河套研究、2018年河套分區計劃大綱圖。zonemap 程式碼採用 MIT 授權。",
        "几何数据 © OpenStreetMap 贡献者（ODbL 1.0）；各区域属衍生数据库，采用相同授权。香港分区界线及交通站点：香港特区政府"
        "（DATA.GOV.HK 条款）。地点：Wikidata（CC0）、维基百科贡献者（CC BY-SA 4.0）、Mapxus。福田区学区范围（百度坐标，已转换）及高德地点"
        "（由GCJ-02转换）只用作界线及地点位置的证据，不随数据发布任何此类多边形。官方数字：国务院深圳园区规划（2023年）、"
        "规划署及土木工程拓展署的河套研究、2018年河套分区计划大纲图。zonemap 代码采用 MIT 授权。",
    ),
    "site_picture": ("Static picture (PNG)", "靜態圖片（PNG）", "静态图片（PNG）"),
    "site_zone_maps": ("One map per zone", "各區域地圖", "各区域地图"),
    "col_zone": ("zone", "區域", "区域"),
    "col_area": ("computed area (ha)", "計算面積（公頃）", "计算面积（公顷）"),
    "col_official": ("official figure (ha)", "官方數字（公頃）", "官方数字（公顷）"),
    "col_diff": ("difference (%)", "差異（%）", "差异（%）"),
    "col_range": ("possible range (ha)", "可能範圍（公頃）", "可能范围（公顷）"),
    "map_overview": ("Overview", "總覽", "总览"),
    "map_overview_line": (
        "All zones, the Shenzhen River's new channel and old meander, the boundary and landmarks.",
        "全部區域、深圳河新河道與舊河道、界線及地標。",
        "全部区域、深圳河新河道与旧河道、界线及地标。",
    ),
    "map_history": ("History", "歷史", "历史"),
    "map_history_title": ("How the Shenzhen River regulation made the Lok Ma Chau Loop", "深圳河治理與落馬洲河套", "深圳河治理与落马洲河套"),
    "map_history_line": (
        "The 1997 regulation that cut the Loop off the meander, and the milestones since, in a timeline.",
        "1997年河道治理令河套與舊河道分開，以及其後的大事年表。",
        "1997年河道治理令河套与旧河道分开，以及其后的大事年表。",
    ),
    "map_relations": ("Relations", "關係", "关系"),
    "map_relations_title": ("Shared borders and the river between", "共同邊界與隔河相望", "共同边界与隔河相望"),
    "map_relations_line": (
        "Shared borders and the stretches facing each other across the river, with their lengths.",
        "共同邊界及隔河相望的河段，附長度。",
        "共同边界及隔河相望的河段，附长度。",
    ),
    "map_zone_line": ("This zone alone, with its area, its uncertainty and its sources.", "此區域的範圍、面積、不確定範圍及資料來源。", "此区域的范围、面积、不确定范围及资料来源。"),
    "back_to_index": ("All maps", "全部地圖", "全部地图"),
    # Layers and basemaps
    "layer_zones": ("Zones", "區域", "区域"),
    "layer_uncertainty": ("Uncertainty of the outlines", "界線的不確定範圍", "界线的不确定范围"),
    "layer_river": ("Shenzhen River", "深圳河", "深圳河"),
    "layer_boundary": ("HKSAR-Shenzhen boundary", "港深界線", "港深界线"),
    "layer_landmarks": ("Landmarks", "地標", "地标"),
    "layer_milestones": ("Milestones", "大事", "大事"),
    "layer_relations": ("Relations", "關係", "关系"),
    "basemap_openstreetmap": ("OpenStreetMap", "OpenStreetMap 地圖", "OpenStreetMap 地图"),
    "basemap_cartodb-positron": ("CARTO light", "CARTO 淺色底圖", "CARTO 浅色底图"),
    "basemap_esri-imagery": ("Esri satellite imagery", "Esri 衛星影像", "Esri 卫星影像"),
    "basemap_gaode": ("Gaode (AMap)", "高德地圖", "高德地图"),
    "basemap_gaode-satellite": ("Gaode satellite imagery", "高德衛星圖", "高德卫星图"),
    "basemap_tencent": ("Tencent Maps", "騰訊地圖", "腾讯地图"),
    "basemap_none": ("no basemap", "無底圖", "无底图"),
    # Legend
    "legend": ("Legend", "圖例", "图例"),
    "legend_zones": ("Zones, by jurisdiction", "區域（按管轄）", "区域（按管辖）"),
    "jurisdiction_HKSAR": ("Hong Kong (HKSAR)", "香港特區", "香港特区"),
    "jurisdiction_Shenzhen": ("Shenzhen", "深圳", "深圳"),
    "jurisdiction_shared": ("Both sides", "港深共有", "港深共有"),
    "status_official": ("official", "官方", "官方"),
    "status_indicative": ("indicative", "示意", "示意"),
    "legend_official": ("official outline", "官方範圍", "官方范围"),
    "legend_indicative": ("indicative outline", "示意範圍", "示意范围"),
    "legend_composite": ("outline only: holds the zones inside it", "只有外框：包含其內的區域", "只有外框：包含其内的区域"),
    "legend_band": ("uncertain edge: inner to outer outline", "界線不確定：內至外輪廓", "界线不确定：内至外轮廓"),
    "legend_new_channel": ("Shenzhen River since 1997", "1997年後的深圳河", "1997年后的深圳河"),
    "legend_centreline": ("its centre line", "河道中心線", "河道中心线"),
    "legend_old_channel": ("the river before 1997", "1997年前的河道", "1997年前的河道"),
    "legend_boundary_osm": ("boundary, mid-river (OpenStreetMap)", "界線，位於河道中線（OpenStreetMap）", "界线，位于河道中线（OpenStreetMap）"),
    "legend_boundary_had": ("the same (Home Affairs Dept.)", "同一界線（民政事務總署）", "同一界线（民政事务总署）"),
    "legend_landmark": ("landmark", "地標", "地标"),
    "legend_milestone": ("milestone (timeline)", "大事（見年表）", "大事（见年表）"),
    "legend_shared": ("shared border", "共同邊界", "共同边界"),
    "legend_across": ("facing across the river", "隔河相望", "隔河相望"),
    # Popups and tooltips
    "field_area": ("computed area", "計算面積", "计算面积"),
    "field_range": ("possible range", "可能範圍", "可能范围"),
    "field_official": ("official figure", "官方數字", "官方数字"),
    "field_official_source": ("source of the official figure", "官方數字來源", "官方数字来源"),
    "field_status": ("status", "狀態", "状态"),
    "field_jurisdiction": ("jurisdiction", "管轄", "管辖"),
    "field_parts": ("made of", "組成部分", "组成部分"),
    "field_accuracy": ("accuracy", "準確度", "准确度"),
    "field_source": ("sources", "來源", "来源"),
    "field_licence": ("licences", "授權", "授权"),
    "field_how": ("How the outline was drawn", "界線如何繪製", "界线如何绘制"),
    "field_about": ("About", "簡介", "简介"),
    "field_sources_full": ("Sources in full", "完整來源", "完整来源"),
    "accuracy_value": ("±{metres} m", "±{metres}米", "±{metres}米"),
    "official_value": ("{area} (computed {diff} %)", "{area}（計算面積{diff}%）", "{area}（计算面积{diff}%）"),
    "range_value": ("{low}–{high} ha", "{low}至{high}公頃", "{low}至{high}公顷"),
    "hint_details": ("click or tap for details", "按一下查看詳情", "点击查看详情"),
    "also_here": ("Also here:", "此處亦有：", "此处亦有："),
    # Relations
    "relation_shared": ("{left} – {right}: shared border {length} m", "{left}－{right}：共同邊界{length}米", "{left}－{right}：共同边界{length}米"),
    "relation_across": (
        "{left} – {right}: face each other across {gap_name} for {length} m, gap {gap} m",
        "{left}－{right}：隔{gap_name}相望{length}米，相距{gap}米",
        "{left}－{right}：隔{gap_name}相望{length}米，相距{gap}米",
    ),
    "a_gap": ("a gap", "空隙", "空隙"),
    "range_m": ("{low}–{high} m", "{low}至{high}米", "{low}至{high}米"),
    # River labels and the timeline
    "label_new_channel": ("Shenzhen River (1997 channel)", "深圳河（1997年新河道）", "深圳河（1997年新河道）"),
    "label_old_channel": ("old meander (the river before 1997)", "舊河道（1997年前）", "旧河道（1997年前）"),
    "label_new_channel_short": ("Shenzhen River", "深圳河", "深圳河"),
    "label_old_channel_short": ("old meander", "舊河道", "旧河道"),
    "timeline": ("Timeline", "大事年表", "大事年表"),
    "timeline_hint": ("Choose an event to see its place on the map.", "選擇事件，即可在地圖上看到其位置。", "选择事件，即可在地图上看到其位置。"),
    # The controls' own words (the English is the plugins')
    "control_zoom_in": ("Zoom in", "放大", "放大"),
    "control_zoom_out": ("Zoom out", "縮小", "缩小"),
    "control_layers": ("Layers", "圖層", "图层"),
    "control_fullscreen": ("Full screen", "全螢幕", "全屏"),
    "control_fullscreen_exit": ("Exit full screen", "退出全螢幕", "退出全屏"),
    "control_minimap_show": ("Show the overview map", "顯示鳥瞰圖", "显示鸟瞰图"),
    "control_minimap_hide": ("Hide the overview map", "隱藏鳥瞰圖", "隐藏鸟瞰图"),
    "control_position": ("lat, lon:", "緯度、經度：", "纬度、经度："),
    "control_contributors": ("contributors", "貢獻者", "贡献者"),
    "control_leaflet": ("A JavaScript library for interactive maps", "互動地圖的 JavaScript 程式庫", "交互地图的 JavaScript 库"),
    "measure_measure": ("Measure", "量度", "测量"),
    "measure_title": ("Measure distances and areas", "量度距離及面積", "测量距离和面积"),
    "measure_new": ("Create a new measurement", "新增量度", "新建测量"),
    "measure_start": ("Start creating a measurement by adding points to the map", "在地圖上加點以開始量度", "在地图上加点以开始测量"),
    "measure_finish": ("Finish measurement", "完成量度", "完成测量"),
    "measure_last_point": ("Last point", "最後一點", "最后一点"),
    "measure_area": ("Area", "面積", "面积"),
    "measure_perimeter": ("Perimeter", "周長", "周长"),
    "measure_point": ("Point location", "點的位置", "点的位置"),
    "measure_area_result": ("Area measurement", "面積量度", "面积测量"),
    "measure_line_result": ("Linear measurement", "距離量度", "距离测量"),
    "measure_path": ("Path distance", "路徑長度", "路径长度"),
    "measure_centre_area": ("Center on this area", "以此範圍為中心", "以此范围为中心"),
    "measure_centre_line": ("Center on this line", "以此線為中心", "以此线为中心"),
    "measure_centre_point": ("Center on this location", "以此位置為中心", "以此位置为中心"),
    "measure_cancel": ("Cancel", "取消", "取消"),
    "measure_delete": ("Delete", "刪除", "删除"),
    "unit_meters": ("Meters", "米", "米"),
    "unit_kilometers": ("Kilometers", "公里", "公里"),
    "unit_hectares": ("Hectares", "公頃", "公顷"),
    "unit_sqmeters": ("Sq Meters", "平方米", "平方米"),
    # Notes
    "datum_short": ("Drawn in GCJ-02", "按GCJ-02繪製", "按GCJ-02绘制"),
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
    "data_attribution_short": ("Data © OpenStreetMap contributors (ODbL)", "資料 © OpenStreetMap 貢獻者（ODbL）", "数据 © OpenStreetMap 贡献者（ODbL）"),
    "more_sources": ("and others", "等", "等"),
    "scale_km": ("{value} km", "{value}公里", "{value}公里"),
    "scale_m": ("{value} m", "{value}米", "{value}米"),
    "hectares": ("{value} ha", "{value}公頃", "{value}公顷"),
}

KNOWN_TEXT: dict[str, tuple[str, str, str]] = {
    # Sources, as the data's attribution names them
    "© OpenStreetMap contributors": ("© OpenStreetMap contributors", "© OpenStreetMap 貢獻者", "© OpenStreetMap 贡献者"),
    "Government of the HKSAR": ("Government of the HKSAR", "香港特區政府", "香港特区政府"),
    "Government of the HKSAR (Census and Statistics Department)": ("Government of the HKSAR (Census and Statistics Department)", "香港特區政府（政府統計處）", "香港特区政府（政府统计处）"),
    "Government of the HKSAR (Home Affairs Department)": ("Government of the HKSAR (Home Affairs Department)", "香港特區政府（民政事務總署）", "香港特区政府（民政事务总署）"),
    "Government of the HKSAR (Planning Department)": ("Government of the HKSAR (Planning Department)", "香港特區政府（規劃署）", "香港特区政府（规划署）"),
    "Legislative Council of the HKSAR": ("Legislative Council of the HKSAR", "香港特區立法會", "香港特区立法会"),
    "State Council of the PRC": ("State Council of the PRC", "中華人民共和國國務院", "中华人民共和国国务院"),
    "Wikipedia contributors": ("Wikipedia contributors", "維基百科貢獻者", "维基百科贡献者"),
    "28dat Futian school-catchment map": ("28dat Futian school-catchment map", "28dat 福田學區地圖", "28dat 福田学区地图"),
    "28dat Futian school-catchment map (via JunyueLiu/geoeconomicsDemo)": ("28dat Futian school-catchment map (via JunyueLiu/geoeconomicsDemo)", "28dat 福田學區地圖（經 JunyueLiu/geoeconomicsDemo）", "28dat 福田学区地图（经 JunyueLiu/geoeconomicsDemo）"),
    "Amap station positions, converted": ("Amap station positions, converted", "高德地圖車站位置（已轉換座標）", "高德地图车站位置（已转换坐标）"),
    "Amap POI positions, converted": ("Amap POI positions, converted", "高德地圖地點位置（已轉換座標）", "高德地图地点位置（已转换坐标）"),
    "Nanfang Daily": ("Nanfang Daily", "南方日報", "南方日报"),
    "CAUPD": ("CAUPD", "中國城市規劃設計研究院", "中国城市规划设计研究院"),
    "Ta Kung Pao": ("Ta Kung Pao", "大公報", "大公报"),
    "China News Service": ("China News Service", "中國新聞社", "中国新闻社"),
    "Wen Wei Po": ("Wen Wei Po", "文匯報", "文汇报"),
    # Licences, as the data's licence names them
    "DATA.GOV.HK Terms and Conditions of Use": ("DATA.GOV.HK Terms and Conditions of Use", "DATA.GOV.HK 使用條款", "DATA.GOV.HK 使用条款"),
    "none stated": ("none stated", "未註明", "未注明"),
    "positional evidence only, nothing redistributed": ("positional evidence only, nothing redistributed", "只作位置證據，不轉載任何資料", "只作位置证据，不转载任何数据"),
    "official text (facts)": ("official text (facts)", "官方文本（事實）", "官方文本（事实）"),
    "facts (positions) only": ("facts (positions) only", "只取事實（位置）", "只取事实（位置）"),
    "facts (position) only": ("facts (position) only", "只取事實（位置）", "只取事实（位置）"),
    "no map data copied": ("no map data copied", "未複製地圖資料", "未复制地图数据"),
    "facts": ("facts", "事實", "事实"),
    # Official figures' sources
    "State Council, Development Plan for the Shenzhen Park of the Hetao Shenzhen-Hong Kong Science and Technology Innovation "
    "Cooperation Zone (国发〔2023〕12号, 2023-08-08), chapter 1": (
        "State Council, Development Plan for the Shenzhen Park of the Hetao Shenzhen-Hong Kong Science and Technology Innovation "
        "Cooperation Zone (国发〔2023〕12号, 2023-08-08), chapter 1",
        "國務院《河套深港科技創新合作區深圳園區發展規劃》（國發〔2023〕12號，2023年8月8日），第一章",
        "国务院《河套深港科技创新合作区深圳园区发展规划》（国发〔2023〕12号，2023年8月8日），第一章",
    ),
    "Planning Department / CEDD, Planning and Engineering Study on Development of Lok Ma Chau Loop (Stage 1 Public Engagement; EIA): 87.7 ha": (
        "Planning Department / CEDD, Planning and Engineering Study on Development of Lok Ma Chau Loop (Stage 1 Public Engagement; EIA): 87.7 ha",
        "規劃署／土木工程拓展署《落馬洲河套地區發展規劃及工程研究》（第一階段公眾參與；環境影響評估）：87.7公頃",
        "规划署／土木工程拓展署《落马洲河套地区发展规划及工程研究》（第一阶段公众参与；环境影响评估）：87.7公顷",
    ),
    "Lok Ma Chau Loop zoning plan, approved and announced 2018-02-09 (Nanfang Daily 2018-02-10; Hong Kong Business 2018): about 104 ha "
    "including about 16.3 ha of the old meander": (
        "Lok Ma Chau Loop zoning plan, approved and announced 2018-02-09 (Nanfang Daily 2018-02-10; Hong Kong Business 2018): about 104 ha "
        "including about 16.3 ha of the old meander",
        "落馬洲河套區分區計劃大綱圖，2018年2月9日核准公布（《南方日報》2018年2月10日；Hong Kong Business 2018）：約104公頃，包括約16.3公頃舊河道",
        "落马洲河套区分区计划大纲图，2018年2月9日核准公布（《南方日报》2018年2月10日；Hong Kong Business 2018）：约104公顷，包括约16.3公顷旧河道",
    ),
}
