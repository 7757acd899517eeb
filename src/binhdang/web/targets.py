"""The national gender-equality targets on the web (issue 7): ``GET /api/v1/targets`` and the
dashboard panel "which targets each unit meets".

Both read the policies library (:func:`binhdang.policies.service.evaluate_targets`,
:func:`~binhdang.policies.service.targets_by_unit`) with the shipped targets file; figures are
aggregates, so nothing is written to the audit log. Both are cached like the dashboard
(:func:`binhdang.web.cache.remember`), under a key that also holds a signature of the
committee's succession plans (read by the Quy định 50-QĐ/TW target), which the web cache's
data fingerprint does not cover: an added, edited or deleted plan is seen at once.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlalchemy import BigInteger, Connection, cast, func, select

from binhdang import formatting
from binhdang.accounts.permissions import Action
from binhdang.messages import Lang, register_messages, text
from binhdang.policies import output
from binhdang.policies.service import evaluate_targets, targets_by_unit
from binhdang.policies.targets import load_targets
from binhdang.units.tree import UnitNode
from binhdang.web import cache
from binhdang.web.api import LangParam, Who, _date, _lang, _unit_for
from binhdang.web.context import engine_of, tree_on

MESSAGES: dict[str, tuple[str, str]] = {
    "web.targets_title": ("Mục tiêu bình đẳng giới", "Gender-equality targets"),
    "web.targets_note": (
        "Đơn vị đang xem và các đơn vị trực thuộc: đạt, chưa đạt hay không áp dụng từng mục "
        "tiêu vào ngày đã chọn (mỗi đơn vị tính cùng các đơn vị trực thuộc của nó).",
        "The unit shown and its affiliated units: whether each target is met, not met or not "
        "applicable on the chosen date (each unit counted with its own affiliated units).",
    ),
    "web.targets_caption": (
        "Mục tiêu theo đơn vị, ngày {date}",
        "Targets by unit on {date}",
    ),
    "web.targets_none": ("Không có mục tiêu nào.", "No targets."),
    "web.targets_deadline": ("hạn {date}", "by {date}"),
}
register_messages(MESSAGES)

api = APIRouter(prefix="/api/v1")


def plans_signature(connection: Connection) -> tuple[Any, ...]:
    """What changes when a succession plan is added, edited or deleted (empty without the
    committee area): the count, the largest id and id-weighted sums of the columns the
    target reads."""
    try:
        from binhdang.committee.succession.tables import succession
    except ModuleNotFoundError as exc:  # the committee area is not part of this build
        if not (exc.name or "").startswith("binhdang.committee"):
            raise
        return ()
    c = succession.c
    weighted = [
        func.sum(cast(c.id, BigInteger) * column)
        for column in (c.person_id, c.unit_id, c.term_start, c.term_end, func.length(c.level))
    ]
    return tuple(connection.execute(select(func.count(), func.max(c.id), *weighted)).one())


@api.get("/targets", tags=["targets"], response_model=list[dict[str, Any]])
def targets(
    request: Request,
    who: Who,
    unit: Annotated[str, Query(min_length=1, max_length=64)],
    as_of: Annotated[str, Query(min_length=1, max_length=40)],
    lang: LangParam = None,
) -> Response:
    """The targets evaluation (met / not met / not applicable per target and unit, gap and
    projection to the deadline): the same JSON as ``binhdang targets --format json``."""
    on = _date(as_of, "as_of", request)
    with engine_of(request).connect() as connection:
        tree = tree_on(connection, on)
        node = _unit_for(who, tree, unit, Action.VIEW_AGGREGATES, "unit")
        language = _lang(request, lang)

        def compute() -> bytes:
            report = evaluate_targets(connection, node.code, on, load_targets())
            data = output.targets_data(report, language)
            return json.dumps(data, ensure_ascii=False).encode()

        key = ("targets.json", node.code, on, language, plans_signature(connection))
        body = cache.remember(connection, key, compute)
    return Response(body, media_type="application/json")


def _measure(measure: str, value: Any, lang: Lang) -> str:
    if value is None:
        return ""
    if measure == "percent":
        return formatting.percent(value, lang)
    return formatting.number(value, lang)


def panel_data(connection: Connection, node: UnitNode, on: date, lang: Lang) -> dict[str, Any]:
    """The matrix of :func:`~binhdang.policies.output.target_matrix_data`, with the texts the
    panel shows in each cell."""
    matrix = targets_by_unit(connection, node.code, on, load_targets())
    data = output.target_matrix_data(matrix, lang)
    by_key = {(e.unit_code, e.target.code): e for e in matrix.report.evaluations}
    for target, shown in zip(matrix.targets, data["targets"], strict=True):
        sample = next((e for e in matrix.report.evaluations if e.target.code == target.code), None)
        shown["threshold_text"] = output.threshold_text(sample, lang) if sample else ""
        shown["deadline"] = formatting.short_date(target.deadline) if target.deadline else None
    for row in data["units"]:
        for code, cell in row["results"].items():
            evaluation = by_key[(row["unit"], code)]
            cell["status_text"] = output.status_text(evaluation.status, lang)
            cell["value_text"] = _measure(evaluation.target.measure, evaluation.value, lang)
    return data


def panel(connection: Connection, node: UnitNode, on: date, lang: Lang) -> Markup:
    """The dashboard panel "Mục tiêu bình đẳng giới / Gender-equality targets"."""
    from binhdang.web.pages import templates

    def compute() -> Markup:
        context = {
            "t": lambda key, **params: text(key, lang, **params),
            "fmt": formatting,
            "lang": lang,
            "on": on,
            "data": panel_data(connection, node, on, lang),
        }
        return Markup(templates.env.get_template("_targets_panel.html").render(context))

    key = ("targets.panel", node.code, on, lang, plans_signature(connection))
    return cache.remember(connection, key, compute)
