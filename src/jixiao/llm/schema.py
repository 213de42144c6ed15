"""What the model must answer (per indicator: cause and measure; who/when come from the form), as pydantic models whose JSON schema is sent with the request.

``max_length`` is honoured by grammar-constrained servers (llama.cpp) and keeps answers short
enough for a slow local model; the validators check what a schema cannot say (the answer covers
exactly the indicators asked for), and their messages are quoted back in the repair turn.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

__all__ = ["IndicatorDraft", "DraftAnswer", "ReviewItem", "ReviewAnswer"]


class IndicatorDraft(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: int = Field(description="指标编号，与题目中的【编号】一致")
    cause: str = Field(min_length=4, max_length=40, description="具体原因")
    measure: str = Field(min_length=4, max_length=40, description="针对原因的改进措施：动词开头的具体做法")

    def text(self, fact: str, owner_when: str) -> str:
        """The full 偏差原因分析及改进措施: the table's fact sentence, the model's cause and
        measure, then who and when.

        The model writes only what needs judgement (cause, measure); the fact sentence and the
        responsible office with its date come from the form. A 1.5B model otherwise drops the
        owner or writes only an owner and a date as the "measure", and the guard rejects it.
        The guard still reads the whole text, so a cause that contradicts the table is caught.
        """
        cause = self.cause.strip().rstrip("。；;，,")
        measure = self.measure.strip().rstrip("。；;，,")
        return f"{fact}原因：{cause}。改进措施：{measure}。{owner_when}。"


class DraftAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    drafts: list[IndicatorDraft] = Field(min_length=1, max_length=12)

    @field_validator("drafts")
    @classmethod
    def _covers_requested(cls, value: list[IndicatorDraft], info: ValidationInfo) -> list[IndicatorDraft]:
        wanted = (info.context or {}).get("ids")
        if wanted is None:
            return value
        got = [d.id for d in value]
        missing = [i for i in wanted if i not in got]
        extra = [i for i in got if i not in wanted]
        if missing or extra or len(got) != len(set(got)):
            raise ValueError(
                f"drafts 中的 id 应恰好为 {sorted(wanted)}，实际为 {got}"
                + (f"；缺少 {missing}" if missing else "")
                + (f"；多出 {extra}" if extra else "")
            )
        return value


class ReviewItem(BaseModel):
    model_config = ConfigDict(extra="ignore")

    kind: Literal["cause_mismatch", "measure_mismatch", "self_contradiction"] = Field(
        description="cause_mismatch：原因解释不了该指标的偏差；measure_mismatch：措施没有针对原因；"
        "self_contradiction：文字前后矛盾"
    )
    id: int = Field(description="相关指标编号；针对实际完成情况整体时为 0")
    quote: str = Field(min_length=4, max_length=80, description="问题所在的原文句子，逐字照抄")
    message: str = Field(min_length=4, max_length=60, description="问题说明")


class ReviewAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    items: list[ReviewItem] = Field(default_factory=list, max_length=2)
