"""Builders for forms in tests: short to write, close to how a form prints.

``ind("覆盖面", "≥16.00(个)", "16.00(个)", 10, 10)`` reads like the printed row; values go
through the project's one value grammar. ``seed_forms()`` is the bundled Shanghai example built
by hand, row by row, so rule tests do not depend on the text reader.
"""

from __future__ import annotations

from typing import Any

from jixiao.model import Form, Funds, FundsRow, Goal, Indicator, Source
from jixiao.values import parse_value

__all__ = ["ind", "funds", "form", "seed_forms", "SEED_FILE", "hits", "with_ind"]

SEED_FILE = "examples/shanghai-kepu-2024.txt"


def ind(name: str, target: str, actual: str, weight: float | None = 10.0, score: float | None = 10.0,
        *, level1: str = "产出指标", level2: str = "数量指标", deviation: str = "", line: int | None = None) -> Indicator:
    return Indicator(level1=level1, level2=level2, name=name, target=parse_value(target), actual=parse_value(actual),
                     weight=weight, score=score, deviation=deviation, line=line)


def funds(budget: float | None = 100.0, executed: float | None = 100.0, *, initial: float | None = None,
          rate: float | None = None, weight: float | None = 10.0, score: float | None = None,
          subs: bool = True, unit: str = "万元") -> Funds:
    """A funds table whose 其中 rows are consistent unless told otherwise."""
    initial = budget if initial is None else initial
    if rate is None and budget and executed is not None:
        rate = round(executed / budget * 100, 2)
    if score is None and rate is not None and weight is not None:
        score = round(min(rate / 100, 1) * weight, 2)
    total = FundsRow(initial=initial, budget=budget, executed=executed, rate=rate, score=score)
    if not subs:
        return Funds(unit=unit, weight=weight, total=total)
    return Funds(unit=unit, weight=weight, total=total,
                 appropriation=FundsRow(initial=initial, budget=budget, executed=executed,
                                        rate=round(executed / budget * 100, 2) if budget and executed is not None else None),
                 carryover=FundsRow(initial=0, budget=0, executed=0, rate=0),
                 other=FundsRow(initial=0, budget=0, executed=0, rate=0))


def _standard_indicators() -> list[Indicator]:
    """A well-filled 90-point indicator table: every rule stays quiet on it."""
    return [
        ind("培训场次", "≥10(场)", "12(场)", 25, 25, line=20),
        ind("培训人数", "≥500(人)", "520(人)", 25, 25, line=21),
        ind("社会知晓度提升情况", "≥80(%)", "85(%)", 30, 30, level1="效益指标", level2="社会效益指标", line=22),
        ind("成本控制率", "≤100(%)", "98(%)", 0, 0, level1="成本指标", level2="经济成本指标", line=23),
        ind("参训人员满意度", "≥90(%)", "93(%)", 10, 10, level1="满意度指标", level2="服务对象满意度指标", line=24),
    ]


def form(*indicators: Indicator, project: str = "测试项目", funds_: Funds | None = None, planned: str | None = None,
         achieved: str | None = None, total_score: float | None | str = "auto", grade: str | None | str = "auto",
         year: int = 2024, **kw: Any) -> Form:
    """A consistent form; pass indicators to replace the standard table, keyword args to break it."""
    inds = list(indicators) if indicators else _standard_indicators()
    f = funds_ or funds()
    if total_score == "auto":
        parts = [f.total.score, *(i.score for i in inds)]
        total_score = round(sum(p for p in parts if p is not None), 2)
    if grade == "auto":
        from jixiao.rules.score import grade_of

        grade = grade_of(total_score) if isinstance(total_score, float) else None  # type: ignore[arg-type]
    if planned is None:
        planned = "全年开展培训不少于10场，培训500人，提升社会知晓度，参训人员满意度达到90%以上。"
    if achieved is None:
        achieved = ("截至2024年12月31日，预算执行率100%，开展培训12场，培训人数520人，社会知晓度85%，"
                    "成本控制率98%，参训人员满意度93%（问卷调查）。")
    return Form(project=project, year=year, funds=f, goal=Goal(planned=planned, achieved=achieved),
                indicators=inds, total_weight=kw.pop("total_weight", 100.0), total_score=total_score,  # type: ignore[arg-type]
                grade=grade, source=Source(file=kw.pop("file", "test.txt"), start_line=1), **kw)


# --- the bundled example, by hand -------------------------------------------------------------

_LONG = "长效管理机制需进一步完善，后续加强机制管理。"


def _seed_funds(amount: float) -> Funds:
    return funds(amount, amount)


def _q(l1: str, l2: str) -> dict[str, str]:
    return {"level1": l1, "level2": l2}


OUT_N, OUT_Q, OUT_T = _q("产出指标", "数量指标"), _q("产出指标", "质量指标"), _q("产出指标", "时效指标")
SOC, SUS = _q("效益指标", "社会效益指标"), _q("效益指标", "可持续影响指标")
SAT, COST = _q("满意度指标", "服务对象满意度指标"), _q("成本指标", "经济成本指标")
PARTIAL = "部分达成指标并具有一定效果"


def seed_forms() -> list[Form]:
    src = SEED_FILE
    f1 = Form(
        project="基层科普服务", year=2024, department="上海市科学技术协会", implementer="上海市科普事业中心",
        funds=_seed_funds(170.0),
        goal=Goal(
            planned=("紧密围绕本市“发挥科技创新的引领作用、建设更具活力的全球性科技创新中心”的建设要求和目标。"
                     "包括重点活动、基层活动等年开展场次不少于 5场次。重点做好 2024上海市”全国科普日“活动等重点大型活动，"
                     "全年计划开展不少于 80次。为积极践行“人民城市”重要理念，计划全年开展不少于 60场次。"),
            achieved=("预算执行率 100%，截至 2024年 12月 31日，基层科普服务项目覆盖 16个区，项目质量达标率 100%，项\n"
                      "目完成及时率 100%，基层科普服务能力有效提升，长效管理机制需进一步完善。"),
        ),
        indicators=[
            ind("覆盖面", "≥16.00(个)", "16.00(个)", 10, 10, **OUT_N, line=141),
            ind("达标率", "=100.00(%)", "100.00(%)", 10, 10, **OUT_Q, line=146),
            ind("及时率", "=100.00(%)", "100.00(%)", 10, 10, **OUT_T, line=151),
            ind("基层科普服务能力提升情况", "有效提升", "达成指标", 20, 20, **SOC, line=163),
            ind("长效管理制度健全性", "健全", PARTIAL, 20, 16, **SUS, deviation=_LONG, line=173),
            ind("受众群体满意度", "≥90.00(%)", "90.00(%)", 20, 17, **SAT,
                deviation="满意度未留存相关存档文件，后续加强存档管理。", line=204),
        ],
        total_weight=100, total_score=93, grade="优", source=Source(file=src, start_line=2, end_line=213),
    )
    f2 = Form(
        project="科技会客厅-科学咖啡馆", year=2024, funds=_seed_funds(30.0),
        goal=Goal(
            planned="通过科学咖啡馆系列科普活动推动科普与文化、艺术等跨界融合。包括重点活动、基层活动等年开展场次不少于 5场次。。",
            achieved=("预算执行率 100%，截至 2024年 12月 31日，科技会客厅活动 6场，受众人数 3000人次，微信公众号推送"
                      "活动内容 6篇，科普活动工作质量达标率 100%，科学咖啡馆系列科普活动举办及时，媒体报告 6篇，成本节约，"
                      "长效管理机制需进一步完善。"),
        ),
        indicators=[
            ind("成本节约率", "≥0.00(%)", "0.00(%)", 10, 10, **COST, line=292),
            ind("科技会客厅活动场次", "≥5.00(次)", "6.00(次)", 7, 7, **OUT_N, line=302),
            ind("受众人数", "≥2000.00(人)", "3000.00(人)", 7, 7, **OUT_N, line=304),
            ind("微信公众号推送活动内容", "≥5.00(次)", "6.00(次)", 7, 7, **OUT_N, line=306),
            ind("科普活动工作质量达标率", "=100.00(%)", "100.00(%)", 7, 7, **OUT_Q, line=311),
            ind("科学咖啡馆系列科普活动举办及时性", "及时", "达成指标", 7, 7, **OUT_T, line=317),
            ind("媒体报告影响力提升情况", "≥5.00(篇)", "6.00(篇)", 15, 15, **SOC, line=332),
            ind("长效管理制度健全性", "健全", PARTIAL, 15, 12, **SUS, deviation=_LONG, line=342),
            ind("受众群体满意度", "≥90.00(%)", "90.00(%)", 15, 12, **SAT,
                deviation="满意度未留存相关存档文件，后续加强存档资料管理。", line=369),
        ],
        total_weight=100, total_score=94, grade="优", source=Source(file=src, start_line=217, end_line=383),
    )
    f3 = Form(
        project="惠民科普直通车", year=2024, funds=_seed_funds(30.0),
        goal=Goal(
            planned=("为积极践行“人民城市”重要理念，整合优质科普活动资源。将更多优质的科普活动“热气腾腾”地送到全市各社区"
                     "书院、送到市民大众的身边，计划全年开展不少于 60\n场次。"),
            achieved=("本项目预算执行率 100%。截至 2024年 12月 31日，项目已按计划执行，完成直通车走进村居数量 80个，"
                      "活动受众人数 1230人，微信公众号推送文章 50篇，惠民科普直通车活动质量完成率 100%，信息发布及"
                      "时，媒体影响力得到有效提升，科普内容形式多样。"),
        ),
        indicators=[
            ind("直通车走进村居数量", "≥60.00(场)", "80.00(场)", 10, 10, **OUT_N, line=468),
            ind("活动受众人数", "≥1200.00(人)", "1230.00(人)", 10, 10, **OUT_N, line=470),
            ind("微信公众号推送数", "≥40.00(篇)", "50.00(篇)", 10, 10, **OUT_N, line=472),
            ind("惠民科普直通车活动质量完成率", "≥100.00(%)", "100.00(%)", 10, 10, **OUT_Q, line=478),
            ind("信息发布及时", "及时", "达成指标", 10, 10, **OUT_Q, line=480),
            ind("媒体影响力提升情况", "≥40.00(篇)", "50.00(篇)", 20, 20, **SOC, line=492),
            ind("科普形式多样性", "内容形式多样", "达成指标", 10, 10, **SUS, line=502),
            ind("参与人员满意度", "≥85.00(%)", "85.00(%)", 10, 4, **SAT,
                deviation="未留存满意度相关资料，后续将加强满意度资料存档管理。", line=522),
        ],
        total_weight=100, total_score=94, grade="优", source=Source(file=src, start_line=387, end_line=534),
    )
    f4 = Form(
        project="大型科普活动", year=2024, funds=_seed_funds(30.0),
        goal=Goal(
            planned=("重点做好 2024上海市”全国科普日“活动等重点大型活动，围绕弘扬科学精神，普及科学知识。提升公众对于"
                     "科技进步的获得感。"),
            achieved=("预算执行率 100%，截至 2024年 12月 31日，科普日主题重点活动举办 1场，微信公众号推送活动 1场，受众"
                      "区域覆盖 16个区，科普日主场重点活动质量达标率 100%，各项工作完成及时，大型科普活动信息发布及时，"
                      "媒体报告数量 3篇，长效管理机制需进一步完善。"),
        ),
        indicators=[
            ind("成本节约率", "=0.00(%)", "0.00(%)", 9, 9, **COST, line=616),
            ind("科普日主场重点活动", "=1.00(场)", "1.00(场)", 6, 6, **OUT_N, line=626),
            ind("微信公众号推送活动数", "=1.00(次)", "1.00(次)", 6, 6, **OUT_N, line=628),
            ind("受众区域覆盖数", "=16.00(区)", "16.00(区)", 6, 6, **OUT_N, line=630),
            ind("科普日主场重点活动质量达标率", "=100.00(%)", "100.00(%)", 6, 6, **OUT_Q, line=635),
            ind("各项工作完成及时性", "及时", "达成指标", 6, 6, **OUT_T, line=641),
            ind("大型科普活动信息发布及时性", "及时", "达成指标", 6, 6, **OUT_T, line=643),
            ind("媒体报告数量提升情况", "≥1.00(篇)", "3.00(篇)", 15, 15, **SOC, line=655),
            ind("长效管理制度健全性", "健全", PARTIAL, 15, 12, **SUS, deviation=_LONG, line=665),
            ind("受众群体满意度", "≥90.00(%)", "90.00(%)", 15, 12, **SAT,
                deviation="满意度未留存相关存档资料，后续加强存档资料管理。", line=688),
        ],
        total_weight=100, total_score=94, grade="优", source=Source(file=src, start_line=538, end_line=706),
    )
    f5 = Form(
        project="科普资源配送", year=2024, funds=_seed_funds(80.0),
        goal=Goal(
            planned=("通过科普中央厨房（科普资源库）和社会优质科普资源向基层配送活动。积极引导社会组建科技志愿服务团队，"
                     "支持开展各类科技志愿服务活动，全年计划开展不少于 80次。"),
            achieved=("预算执行率 100%，截至 2024年 12月 31日，开展配送和志愿服务数量 95次，活动受众人数 6500人次，建设 "
                      "8个科技小院，下乡服务 29次，微信公众号推送 52篇，科普活动质量达标率 100%，配送和志愿服务及时，资源"
                      "推送及时，成本节约，基层科普服务能力得到有效提升，媒体报告 52篇，长效管理机制需进一步完善。"),
        ),
        indicators=[
            ind("成本节约率", "≥0.00(%)", "0.00(%)", 10, 10, **COST, line=799),
            ind("开展配送和志愿服务数量", "≥80(次)", "95.00(次)", 5, 5, **OUT_N, line=809),
            ind("活动受众人数", "≥5000.00(人)", "6500.00(人)", 5, 5, **OUT_N, line=811),
            ind("建设科技小院完成数", "≥2.00(个)", "8.00(个)", 5, 5, **OUT_N, line=813),
            ind("下乡服务完成次数", "≥20.00(次)", "29.00(次)", 5, 5, **OUT_N, line=815),
            ind("微信公众号推送数", "≥50.00(篇)", "52.00(篇)", 5, 5, **OUT_N, line=817),
            ind("科普活动质量达标率", "=100.00(%)", "100.00(%)", 5, 5, **OUT_Q, line=822),
            ind("配送和志愿服务及时性", "及时", "达成指标", 5, 5, **OUT_T, line=828),
            ind("资源推送及时性", "及时", "达成指标", 5, 5, **OUT_T, line=830),
            ind("基层科普服务能力提升情况", "有效提升", "达成指标", 10, 10, **SOC, line=842),
            ind("媒体报告影响力提升情况", "≥50.00(篇)", "52.00(篇)", 10, 10, **SOC, line=844),
            ind("长效管理制度健全性", "健全", PARTIAL, 10, 6, **SUS, deviation=_LONG.rstrip("。"), line=856),
            ind("受众群体满意度", "≥90.00(%)", "90.00(%)", 10, 7, **SAT,
                deviation="满意度未留存相关存档资料，后续加强资料存档管理。", line=887),
        ],
        total_weight=100, total_score=93, grade="优", source=Source(file=src, start_line=710, end_line=896),
    )
    return [f1, f2, f3, f4, f5]


def hits(code: str, f: Form, **settings: Any) -> list:
    """Findings of one rule on one form (other rules deselected), with optional settings."""
    from jixiao.check import check_form
    from jixiao.config import Settings

    return check_form(f, Settings(select=[code], **settings))


def with_ind(base: Form, index: int, **changes: Any) -> Form:
    """``base`` with indicator ``index`` changed (values given as printed text are parsed)."""
    inds = list(base.indicators)
    data = {k: parse_value(v) if k in ("target", "actual") else v for k, v in changes.items()}
    inds[index] = inds[index].model_copy(update=data)
    return base.model_copy(update={"indicators": inds})
