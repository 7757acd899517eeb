"""The national gender-equality targets on the web (issue 7): ``GET /api/v1/targets`` and the
dashboard panel.

Both show the one evaluation per target of the unit that every output shows
(:func:`binhdang.policies.service.evaluate_targets` with the shipped targets file, rendered by
:func:`binhdang.policies.output.targets_data`, the JSON of ``binhdang targets``): the panel
has one row per target for the unit shown and, under a target applied unit by unit (the 30%
rule), the units under it that fall short; figures are aggregates, so nothing is written to
the audit log. Both are cached like the dashboard (:func:`binhdang.web.cache.remember`,
keyed on the data version): an added, edited or deleted succession plan (read by the Quy định
50-QĐ/TW target) is seen at once, as any other write.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlalchemy import Connection

from binhdang import formatting
from binhdang.accounts.permissions import Action
from binhdang.messages import Lang, text
from binhdang.policies import output
from binhdang.policies.service import evaluate_targets
from binhdang.policies.targets import load_targets
from binhdang.units.tree import UnitNode
from binhdang.web import cache
from binhdang.web.api import LangParam, Who, _date, _lang, _unit_for
from binhdang.web.context import engine_of, tree_on
from binhdang.web.hops import OneHopRoute

api = APIRouter(prefix="/api/v1", route_class=OneHopRoute)


@api.get("/targets", tags=["targets"], response_model=list[dict[str, Any]])
def targets(
    request: Request,
    who: Who,
    unit: Annotated[str, Query(min_length=1, max_length=64)],
    as_of: Annotated[str, Query(min_length=1, max_length=40)],
    lang: LangParam = None,
) -> Response:
    """One result per target for the unit (met / not met / not applicable, gap, projection
    to the deadline, the unit's own standing and the units under it falling short): the
    same JSON as ``binhdang targets --format json``."""
    on = _date(as_of, "as_of", request)
    with engine_of(request).connect() as connection:
        tree = tree_on(connection, on)
        node = _unit_for(who, tree, unit, Action.VIEW_AGGREGATES, "unit")
        language = _lang(request, lang)

        def compute() -> bytes:
            report = evaluate_targets(connection, node.code, on, load_targets())
            data = output.targets_data(report, language)
            return json.dumps(data, ensure_ascii=False).encode()

        key = ("targets.json", node.code, on, language)
        body = cache.remember(connection, key, compute)
    return Response(body, media_type="application/json")


def panel_data(connection: Connection, node: UnitNode, on: date, lang: Lang) -> dict[str, Any]:
    """What the panel shows: :func:`~binhdang.policies.output.targets_data` for the unit (the
    JSON of the API and of ``binhdang targets --format json``)."""
    report = evaluate_targets(connection, node.code, on, load_targets())
    return {
        "unit": node.code,
        "unit_name": node.name,
        "as_of": on.isoformat(),
        "targets": output.targets_data(report, lang),
    }


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

    key = ("targets.panel", node.code, on, lang)
    return cache.remember(connection, key, compute)
