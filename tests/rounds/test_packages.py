"""Submission packages between two installations, on both engines: a round trip keeps every
byte and hash; tampered, truncated, foreign, replayed and hostile packages are refused with a
clear message and nothing written (issue 17)."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from binhdang.errors import BinhdangError
from binhdang.rounds.freeze import canonical
from binhdang.rounds.package import export_package, import_package, parse_package, read_package
from binhdang.rounds.rules import Decision
from binhdang.rounds.service import get_round, open_round, parts_of, review, submit, versions
from binhdang.rounds.tables import reporting_round, round_member, submission, submission_part
from binhdang.store import database
from binhdang.store.writes import write_transaction

ON = date(2022, 10, 1)
NOW = datetime(2022, 12, 10, 3, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unit's own installation (SQLite): the demo office with the round opened and
    QT_THU's version 1 submitted, returned, and version 2 submitted."""
    from binhdang.demo.run import build

    folder = tmp_path_factory.mktemp("province")
    url = f"sqlite:///{folder / 'province.db'}"
    build(url, folder / "lists")
    engine = database.create(url)
    with write_transaction(engine) as connection:
        open_round(connection, body_code="BHXH_QT", year=2022, as_of=ON, now=NOW)
    with write_transaction(engine) as connection:
        submit(connection, unit_code="QT_THU", year=2022, installation="Tỉnh", now=NOW)
    export(engine, folder / "v1.zip")
    with write_transaction(engine) as connection:
        review(
            connection,
            unit_code="QT_THU",
            year=2022,
            decision=Decision.RETURN,
            comment="Sửa lại",
            now=NOW,
        )
    with write_transaction(engine) as connection:
        submit(
            connection,
            unit_code="QT_THU",
            year=2022,
            installation="Tỉnh",
            now=NOW,
            with_files=False,
        )
    export(engine, folder / "v2.zip")
    engine.dispose()
    return folder


def export(engine: Engine, out: Path) -> None:
    with engine.connect() as connection:
        export_package(connection, unit_code="QT_THU", year=2022, out=out)


def rows(engine: Engine) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    with engine.connect() as connection:
        return {
            t.name: sorted(tuple(r) for r in connection.execute(select(t)))
            for t in (reporting_round, round_member, submission, submission_part)
        }


def refused(engine: Engine, data: bytes, key: str) -> None:
    before = rows(engine)
    with pytest.raises(BinhdangError) as caught:
        package = parse_package(data, "goi.zip")
        with write_transaction(engine) as connection:
            import_package(connection, package, now=NOW)
    assert caught.value.message.key == f"rounds.package.{key}"
    assert "goi.zip" in caught.value.message.render("vi")
    assert rows(engine) == before


def rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The package with some entries replaced (``None``: removed) or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    target.writestr(info.filename, change[info.filename])  # type: ignore[arg-type]
            else:
                target.writestr(info.filename, source.read(info.filename))
        for name, content in change.items():
            if name not in source.namelist() and content is not None:
                target.writestr(name, content)
    return buffer.getvalue()


def test_round_trip_between_two_databases(demo_engine: Engine, province: Path) -> None:
    engine = demo_engine
    v1, v2 = (province / "v1.zip").read_bytes(), (province / "v2.zip").read_bytes()
    # no round here yet: the package is for a round this installation has not opened
    refused(engine, v1, "foreign")
    with write_transaction(engine) as connection:
        open_round(connection, body_code="BHXH_QT", year=2022, as_of=ON, now=NOW)
    for key, data in _hostile(v1).items():
        refused(engine, data, key)
    package = read_package(province / "v1.zip")
    with write_transaction(engine) as connection:
        recorded = import_package(connection, package, actor_name="body", now=NOW)
    assert recorded.version == 1 and recorded.origin == "package"
    assert recorded.manifest_sha256 == package.manifest_sha256
    with engine.connect() as connection:
        assert parts_of(connection, recorded.id) == {p.name: p.content for p in package.parts}
    refused(engine, v1, "replay")  # the same package again
    with write_transaction(engine) as connection:
        review(
            connection,
            unit_code="QT_THU",
            year=2022,
            decision=Decision.RETURN,
            comment="Sửa lại",
            now=NOW,
        )
    with write_transaction(engine) as connection:
        import_package(connection, parse_package(v2, "v2.zip"), now=NOW)
    refused(engine, v1, "replay")  # an older version sent again
    with engine.connect() as connection:
        found = get_round(connection, "BHXH_QT", 2022)
        unit_id = connection.execute(select(submission.c.unit_id).limit(1)).scalar_one()
        assert [v.version for v in versions(connection, found.id, unit_id)] == [1, 2]


def _hostile(data: bytes) -> dict[str, bytes]:
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
    figures = zipfile.ZipFile(io.BytesIO(data)).read("figures.json")
    other = dict(manifest, body={"code": "QT_DONGHA", "name": "x"})
    older = json.loads(figures)
    older["year"] = 2021
    return {
        "not_zip": data[: len(data) // 2],  # truncated
        "hash_mismatch": rezip(
            data, {"figures.json": figures.replace(b'"numerator":', b'"numerator": ', 1)}
        ),
        "missing_part": rezip(data, {"figures.json": None}),
        "no_manifest": rezip(data, {"manifest.json": None}),
        "bad_entry": rezip(data, {"../../etc/passwd": b"x"}),
        "bad_manifest": rezip(data, {"manifest.json": b"{not json"}),
        "wrong_format": rezip(data, {"manifest.json": canonical(dict(manifest, format="x"))}),
        "foreign": rezip(data, {"manifest.json": canonical(other)}),
        "too_big": _bomb(data),
    }


def _bomb(data: bytes) -> bytes:
    """A part that inflates far beyond the ratio a real package has."""
    return rezip(data, {"figures.json": b"0" * (20 * 1024 * 1024)})


def test_a_package_from_the_cli(
    demo_engine: Engine,
    db_url: str,
    province: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.helpers import run_cli

    engine = demo_engine
    assert (
        run_cli(
            capsys,
            "round",
            "open",
            "--unit",
            "BHXH_QT",
            "--year",
            "2022",
            "--as-of",
            "01/10/2022",
            "--db",
            db_url,
        ).code
        == 0
    )
    copy = tmp_path / "QT_THU-2022.zip"
    shutil.copyfile(province / "v1.zip", copy)
    result = run_cli(capsys, "submission", "import", str(copy), "--db", db_url)
    assert result.code == 0, result.err
    assert "QT_THU" in result.out
    again = run_cli(capsys, "submission", "import", str(copy), "--db", db_url, "--lang", "en")
    assert again.code == 1 and "refused, nothing written" in again.err
    assert "Traceback" not in again.err
    status = run_cli(
        capsys,
        "round",
        "status",
        "--unit",
        "BHXH_QT",
        "--year",
        "2022",
        "--format",
        "json",
        "--db",
        db_url,
    )
    data = json.loads(status.out)
    assert data["counts"]["submitted"] == 1
    assert engine is not None


def test_the_api_and_the_board(
    demo_engine: Engine, db_url: str, province: Path, tmp_path: Path
) -> None:
    """POST /api/v1/submissions as the unit's editor; a viewer may not; the board reads."""
    from fastapi.testclient import TestClient

    from binhdang.accounts.permissions import Role
    from binhdang.accounts.service import create_account, create_token
    from binhdang.web.app import create_app
    from binhdang.web.config import WebSettings

    engine = demo_engine
    tokens = {}
    with write_transaction(engine) as connection:
        open_round(
            connection, body_code="BHXH_QT", year=2022, as_of=ON, now=NOW, due=date(2022, 12, 1)
        )
        for name, role, code in (
            ("thu", Role.EDITOR, "QT_THU"),
            ("viewer", Role.VIEWER, "BHXH_QT"),
            ("sibling", Role.EDITOR, "QT_TCCB"),
        ):
            account = create_account(
                connection, name=name, role=role, unit_code=code, password=None, now=NOW
            )
            token = create_token(connection, account.id, now=datetime.now(UTC))  # not expired
            tokens[name] = {"Authorization": f"Bearer {token}"}
    app = create_app(
        WebSettings(
            database_url=db_url, secret_key="test-secret-key", upload_dir=tmp_path / "uploads"
        )
    )
    package = (province / "v1.zip").read_bytes()
    with TestClient(app) as client:

        def post(who: str, data: bytes = package):  # type: ignore[no-untyped-def]
            return client.post(
                "/api/v1/submissions",
                headers=tokens[who],
                files={"file": ("QT_THU-2022.zip", data, "application/zip")},
            )

        before = rows(engine)
        assert post("viewer").status_code == 403
        assert post("sibling").status_code == 403
        bad = post("thu", package[: len(package) // 2])
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "rounds.package.not_zip"
        assert rows(engine) == before
        answer = post("thu")
        assert answer.status_code == 201, answer.text
        assert answer.json()["version"] == 1
        assert post("thu").json()["error"]["code"] == "rounds.package.replay"
        status = client.get("/api/v1/rounds/BHXH_QT/2022", headers=tokens["viewer"]).json()
        assert status["counts"]["submitted"] == 1
        state = {u["code"]: (u["state"], u["late"]) for u in status["units"]}
        assert state["QT_THU"] == ("submitted", True) and state["QT_VP"] == ("not_submitted", True)
        assert (
            client.get("/api/v1/rounds/BHXH_QT/2022", headers=tokens["sibling"]).status_code == 403
        )
    app.state.engine.dispose()
