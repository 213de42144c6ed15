"""Pipe and CSV text: the rows a person sees, recovered from real published copies."""

from __future__ import annotations

from _shapes import HEADER

from jixiao.readers.shapes import detect_shape, text_to_grids


def rows_of(text: str) -> list[list[str]]:
    """The text's rows of cell texts, read through the public entry point."""
    grids = text_to_grids(text, file="t.txt")
    return [[c.text for c in row] for grid in grids for row in grid.rows()]


# r029 (云南 南华县): web copy, rows close with a run of pipes, merged cells missing from a row.
R029 = """\
项目名称 | 南华县乡村振兴示范园罗家屯社区野生菌加工车间建设项目(续建) | |||||||||||
项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | ||||||
年度资金总额 | 1100 | 1100 | 1100 | 10 | 100% | 10 | ||||||
上年结转资金 | — | — | ||||||||||
绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | ||||
产出指标(50分) | 数量指标 | 1290.3平方米冷库仓储建设 | ≥1290.3平方米 | 1290.3平方米 | 10.3 | 10.3 | ||||||
配套烘干杀菌设备及包装设备购置及安装 | 550 | 20 | 9.3 | 9.3 | ||||||||
成本指标 | ||||||||||||
"""


def test_web_copy_rows_keep_their_visible_cells_and_drop_the_closing_run() -> None:
    assert detect_shape(R029) == "pipe"
    assert rows_of(R029) == [
        ["项目名称", "南华县乡村振兴示范园罗家屯社区野生菌加工车间建设项目(续建)"],
        ["项目资金 (万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "1100", "1100", "1100", "10", "100%", "10"],
        ["上年结转资金", "—", "—"],
        ["绩 效 指 标", *HEADER],
        ["产出指标(50分)", "数量指标", "1290.3平方米冷库仓储建设", "≥1290.3平方米", "1290.3平方米", "10.3", "10.3"],
        ["配套烘干杀菌设备及包装设备购置及安装", "550", "20", "9.3", "9.3"],
        ["成本指标"],
    ]


# r040 (四川 广元): a line ending in a single pipe continues on the next line.
R040 = """\
2023年度中央转移支付区域(全民健身中心项目)绩效自评表
(2023年度) | |||||||
地方主管部门 | 广元市朝天区人民政府 | 资金使用单位 | 广元市朝天区体育发展中心 | ||||
资金投入情况 (万元) |
全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||
年度资金总额: | 2000 | 1157.97 | 57.89% | ||||
绩效指标 |
一级 指标 |
二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 | |
产 出 指 标 |
数量指标 | 新建全民健身中心数量 | 1 | 建设中 | |||
总建
"""


def test_wrapped_web_rows_are_joined_and_each_cell_keeps_its_line() -> None:
    grids = text_to_grids(R040, file="r040.txt")
    assert [g.shape for g in grids] == ["pipe"]
    rows = grids[0].rows()
    assert [[c.text for c in row] for row in rows] == [
        ["2023年度中央转移支付区域(全民健身中心项目)绩效自评表"],
        ["(2023年度)"],
        ["地方主管部门", "广元市朝天区人民政府", "资金使用单位", "广元市朝天区体育发展中心"],
        ["资金投入情况 (万元)", "全年预算数(A)", "全年执行数(B)", "预算执行率(B/A×100%)"],
        ["年度资金总额:", "2000", "1157.97", "57.89%"],
        ["绩效指标", "一级 指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施"],
        ["产 出 指 标", "数量指标", "新建全民健身中心数量", "1", "建设中"],
        ["总建"],
    ]
    indicator = rows[6]
    assert [c.line for c in indicator] == [10, 11, 11, 11, 11]


# r054 (山西 吕梁, OCR of an image): a leading pipe is an empty cell under a merged 一级/二级 cell.
R054 = """\
# source: https://m.bidcenter.com.cn/newsrili-1-299854354.html
详情见附件(注:以下内容为附件图片识别,个别文字可能不准确,请以附件为准)一级指标 | 二级指标 | 指标名称 | 目标值 | 完成值 |
产出指标 | 产出数量 | 完成2021年吕梁山护工培训任务 | 12500名 | 12166名 |
| | 完成2021年吕梁山护工培训就业质量考核及验收 | 11所 | 11所 |
| 产出质量 | 培训对象符合吕梁山护工培训招生计划规定 | 18—54周岁 | 存在18岁以下、54周岁以上 |
"""


def test_leading_pipe_is_an_empty_cell_and_page_text_before_the_header_goes() -> None:
    assert rows_of(R054) == [
        ["一级指标", "二级指标", "指标名称", "目标值", "完成值"],
        ["产出指标", "产出数量", "完成2021年吕梁山护工培训任务", "12500名", "12166名"],
        ["", "", "完成2021年吕梁山护工培训就业质量考核及验收", "11所", "11所"],
        ["", "产出质量", "培训对象符合吕梁山护工培训招生计划规定", "18—54周岁", "存在18岁以下、54周岁以上"],
    ]


# r056 (云南 保山): the site's metadata rows come before the title.
R056 = """\
索引号 | 11533000MB1632050L/20240419-00001 | 发布机构 | 保山市能源局 |
公开目录 | 自评报告 | 发布日期 | 2024-04-19 |
文号 | 浏览量 |
项目支出绩效自评表 | |||||||||||
项目名称 | 能源安全检查及新能源项目推进经费 | ||||||||||
产出指标 | 数量指标 | 开展项目现场踏勘、检查、督导,赴省能源局等汇报工作次数 | 004 >= | 20 | 次 | 113 | 22.50 | 22.50 | |||
"""


def test_page_metadata_before_the_title_is_skipped() -> None:
    assert rows_of(R056) == [
        ["项目支出绩效自评表"],
        ["项目名称", "能源安全检查及新能源项目推进经费"],
        [
            "产出指标",
            "数量指标",
            "开展项目现场踏勘、检查、督导,赴省能源局等汇报工作次数",
            "004 >=",
            "20",
            "次",
            "113",
            "22.50",
            "22.50",
        ],
    ]


# r046 (安徽 宣城): converted to traditional characters, with pinyin after some of them.
R046 = """\
發(fā)布機(jī)構(gòu) | 宣城市農(nóng)業(yè)農(nóng)村局 | 發(fā)文日期 | 2024-04-15 11:09 |
宣城市轉(zhuǎn)移支付區(qū)域(項(xiàng)目)績(jī)效目標(biāo)自評(píng)表 | |||||||
(2023年度) | |||||||
年度資金總額: | 46 | 46 | 100% | ||||
"""


def test_traditional_characters_and_pinyin_are_undone() -> None:
    assert rows_of(R046) == [
        ["宣城市转移支付区域(项目)绩效目标自评表"],
        ["(2023年度)"],
        ["年度资金总额:", "46", "46", "100%"],
    ]


MARKDOWN = """\
财政项目支出绩效自评表
（2024年度）

| 项目名称 | 老年人智能技术科普培训 | | | | | | |
|---|---|---|---|---|---|---|---|
| | 年度资金总额 | 60.00 | 55.00 | 49.50 | 10 | 90.00 | 9.00 |
| 产出指标 | 数量指标 | 培训场次 | ≥150场 | 162场 | 15 | 15 | |
| | | 培训人次 | ≥6000人次 | 6350人次 | 15 | 15 | |
| 评分等级 | 优 | | | | | | |
"""


def test_markdown_outer_pipes_only_delimit_and_separator_rows_go() -> None:
    assert rows_of(MARKDOWN) == [
        ["财政项目支出绩效自评表"],
        ["（2024年度）"],
        ["项目名称", "老年人智能技术科普培训"],
        ["", "年度资金总额", "60.00", "55.00", "49.50", "10", "90.00", "9.00"],
        ["产出指标", "数量指标", "培训场次", "≥150场", "162场", "15", "15"],
        ["", "", "培训人次", "≥6000人次", "6350人次", "15", "15"],
        ["评分等级", "优"],
    ]


CSV = (
    "财政项目支出绩效自评表\r\n"
    "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施\r\n"
    "产出指标,数量指标,培训场次,≥150场,162场,15,15,\r\n"
    ',,志愿服务时长,≥2000小时,1860小时,20,18.60,"场地调整延期,\n下年度提前锁定场地"\r\n'
)


def test_csv_fields_may_hold_commas_and_line_breaks() -> None:
    assert detect_shape(CSV.replace("\r\n", "\n")) == "csv"
    grids = text_to_grids(CSV.replace("\r\n", "\n"), file="t.csv")
    rows = [[c.text for c in row] for row in grids[0].rows()]
    assert rows[-1] == [
        "",
        "",
        "志愿服务时长",
        "≥2000小时",
        "1860小时",
        "20",
        "18.60",
        "场地调整延期,下年度提前锁定场地",
    ]
    assert grids[0].rows()[-1][2].line == 4
