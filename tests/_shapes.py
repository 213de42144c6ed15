"""Rows the shape tests expect again and again."""

HEADER = (
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
)  # fmt: skip
"""The national indicator table's header cells, as a shape should recover them."""
