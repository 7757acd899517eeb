"""Submission packages between installations: a zip of the manifest and every frozen part.

A province that runs its own binhdang submits there, exports the version as a package and
sends it; the body above imports it. The import checks, before it writes anything, that the
zip is whole and small (bounded sizes and ratio, a fixed set of flat names: no path, no
bomb), that every part matches its SHA-256 in the manifest, that the figures are those the
manifest names, that the unit is known here and reports in this body's open round for that
year with the same period and headcount date, and that the version is newer than every one
received (a package sent again, or an older one, is refused). It then records the version as
submitted, with the manifest exactly as made, so the SHA-256 is the same on both sides.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from binhdang import settings
from binhdang.accounts import audit
from binhdang.accounts.service import Account
from binhdang.errors import BinhdangError
from binhdang.rounds.freeze import FIGURES, FORMAT, Part, canonical, digest
from binhdang.rounds.rules import check_submit, may_submit, state_of
from binhdang.rounds.service import (
    Round,
    Version,
    _store,
    _unit_id,
    parts_of,
    round_of_unit,
    rounds_of_unit,
    versions,
)
from binhdang.store.tables import unit

MANIFEST = "manifest.json"
MAX_ENTRIES = 16
MANIFEST_MAX_BYTES = 1 << 20
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


@dataclass(frozen=True)
class Package:
    """A package read and checked on its own (before any database is looked at)."""

    file: str
    manifest: dict[str, Any]
    parts: tuple[Part, ...]

    @property
    def unit_code(self) -> str:
        return str(self.manifest["unit"]["code"])

    @property
    def body_code(self) -> str:
        return str(self.manifest["body"]["code"])

    @property
    def year(self) -> int:
        return int(self.manifest["year"])

    @property
    def version(self) -> int:
        return int(self.manifest["version"])

    @property
    def installation(self) -> str:
        return str(self.manifest["installation"])

    @property
    def manifest_sha256(self) -> str:
        return digest(canonical(self.manifest))


def export_package(
    connection: Connection, *, unit_code: str, year: int, out: Path, body_code: str | None = None
) -> int:
    """Write the unit's latest version as a package at ``out``; returns its version."""
    found = round_of_unit(connection, unit_code, year, body_code)
    rows = versions(connection, found.id, _unit_id(connection, unit_code))
    if not rows:
        raise BinhdangError.of("rounds.package.none", unit=unit_code, year=year)
    latest = rows[-1]
    data = package_bytes(latest.manifest, parts_of(connection, latest.id))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        raise BinhdangError.of("file.write_failed", file=str(out), reason=exc.strerror) from exc
    return latest.version


def package_bytes(manifest: dict[str, Any], parts: dict[str, bytes]) -> bytes:
    """The zip: ``manifest.json`` then the parts in the manifest's order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, canonical(manifest))
        for entry in manifest["parts"]:
            archive.writestr(entry["name"], parts[entry["name"]])
    return buffer.getvalue()


def _refuse(key: str, file: str, **params: Any) -> BinhdangError:
    return BinhdangError.of(f"rounds.package.{key}", file=file, **params)


def read_package(path: Path) -> Package:
    """Read ``path`` and check it on its own; a clear refusal otherwise."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise BinhdangError.of("file.missing", file=str(path)) from exc
    except OSError as exc:
        raise BinhdangError.of("file.unreadable", file=str(path), reason=exc.strerror) from exc
    return parse_package(data, path.name)


def parse_package(data: bytes, file: str) -> Package:
    """The package in ``data`` (a file's bytes, an upload), checked: sizes, names, hashes."""
    limit = int(settings.MAX_FILE_MB.value()) * 1024 * 1024
    if len(data) > limit:
        raise _refuse("too_big", file, limit=settings.MAX_FILE_MB.value())
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise _refuse("not_zip", file) from exc
    if len(infos) > MAX_ENTRIES:
        raise _refuse("too_many", file, count=len(infos))
    names = [info.filename for info in infos]
    for info in infos:
        # Flat names only (no folder, no "..", no absolute path), each once.
        if not _NAME.match(info.filename) or names.count(info.filename) > 1 or info.is_dir():
            raise _refuse("bad_entry", file, name=info.filename[:80])
    if MANIFEST not in names:
        raise _refuse("no_manifest", file)
    ratio = int(settings.MAX_RATIO.value())
    total = sum(info.file_size for info in infos)
    if total > limit or any(
        info.file_size > ratio * max(info.compress_size, 1024) for info in infos
    ):
        raise _refuse("too_big", file, limit=settings.MAX_FILE_MB.value())

    def read(name: str, most: int) -> bytes:
        info = archive.getinfo(name)
        try:
            with archive.open(info) as handle:
                content = handle.read(most + 1)  # never more than declared, whatever it says
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise _refuse("not_zip", file) from exc
        if len(content) > most or len(content) != info.file_size:
            raise _refuse("not_zip", file)
        return content

    try:
        manifest = json.loads(read(MANIFEST, MANIFEST_MAX_BYTES).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse("bad_manifest", file) from exc
    _check_manifest(manifest, file)
    listed = {entry["name"]: entry for entry in manifest["parts"]}
    for name in names:
        if name != MANIFEST and name not in listed:
            raise _refuse("bad_entry", file, name=name)
    parts = []
    for name, entry in listed.items():
        if name not in names:
            raise _refuse("missing_part", file, name=name)
        content = read(name, limit)
        if len(content) != entry["size"] or digest(content) != entry["sha256"]:
            raise _refuse("hash_mismatch", file, name=name)
        parts.append(Part(name, content))
    package = Package(file, manifest, tuple(parts))
    _check_figures(package)
    return package


def _check_manifest(manifest: Any, file: str) -> None:
    """The manifest's shape: a binhdang submission, every field of the right type."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse("wrong_format", file)
    try:
        ok = (
            all(
                isinstance(manifest[k], dict)
                and isinstance(manifest[k].get("code"), str)
                and isinstance(manifest[k].get("name"), str)
                for k in ("body", "unit")
            )
            and isinstance(manifest["year"], int)
            and isinstance(manifest["version"], int)
            and manifest["version"] >= 1
            and isinstance(manifest["installation"], str)
            and isinstance(manifest["submitted_by"], str)
            and isinstance(manifest["submitted_at"], str)
            and isinstance(manifest["as_of"], str)
            and isinstance(manifest["period"], dict)
            and isinstance(manifest.get("note"), str | None)
            and isinstance(manifest["parts"], list)
            and 1 <= len(manifest["parts"]) < MAX_ENTRIES
            and all(
                isinstance(p, dict)
                and isinstance(p.get("name"), str)
                and _NAME.match(p["name"])
                and p["name"] != MANIFEST
                and isinstance(p.get("sha256"), str)
                and isinstance(p.get("size"), int)
                and p["size"] >= 0
                for p in manifest["parts"]
            )
            and FIGURES in {p["name"] for p in manifest["parts"]}
            and len({p["name"] for p in manifest["parts"]}) == len(manifest["parts"])
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise _refuse("bad_manifest", file) from exc
    if not ok:
        raise _refuse("bad_manifest", file)


def _check_figures(package: Package) -> None:
    """The figures are those of the unit, year and dates the manifest names."""
    content = next(p.content for p in package.parts if p.name == FIGURES)
    try:
        figures = json.loads(content.decode("utf-8"))
        same = (
            figures["unit"]["code"] == package.unit_code
            and figures["year"] == package.year
            and figures["as_of"] == package.manifest["as_of"]
            and figures["period"] == package.manifest["period"]
            and isinstance(figures["indicators"], list)
        )
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise _refuse("figures_mismatch", package.file) from exc
    if not same:
        raise _refuse("figures_mismatch", package.file)


def _round_for(connection: Connection, package: Package) -> Round:
    """This body's round of the package's year in which its unit reports."""
    code = package.unit_code
    known = connection.execute(select(unit.c.id).where(unit.c.code == code)).scalar()
    if known is None:
        raise _refuse("unknown_unit", package.file, unit=code)
    rounds = [r for r in rounds_of_unit(connection, code, package.year)]
    matching = [r for r in rounds if r.unit_code == package.body_code]
    if not matching:
        here = ", ".join(r.unit_code for r in rounds) or "—"
        raise _refuse("foreign", package.file, body=package.body_code, year=package.year, here=here)
    found = matching[0]
    period = package.manifest["period"]
    if (period.get("start"), period.get("end"), package.manifest["as_of"]) != (
        found.period_start.isoformat(),
        found.period_end.isoformat(),
        found.as_of.isoformat(),
    ):
        raise _refuse("other_period", package.file)
    return found


def import_package(
    connection: Connection,
    package: Package,
    *,
    actor: Account | None = None,
    actor_name: str = "cli",
    now: datetime,
) -> Version:
    """Record a checked package as the unit's new submitted version (see the module doc)."""
    found = _round_for(connection, package)
    unit_id = _unit_id(connection, package.unit_code)
    if actor is not None and not may_submit(actor.grant, unit_id):
        raise BinhdangError.of("rounds.not_allowed_submit", unit=package.unit_code)
    previous = versions(connection, found.id, unit_id)
    if previous and (
        package.version <= previous[-1].version
        or package.manifest_sha256 in {v.manifest_sha256 for v in previous}
    ):
        raise _refuse(
            "replay",
            package.file,
            latest=previous[-1].version,
            unit=package.unit_code,
            version=package.version,
        )
    state = state_of(previous[-1].decision if previous else None, bool(previous))
    check_submit(state, closed=found.closed, unit=package.unit_code)
    _store(connection, found, unit_id, package.manifest, package.parts, origin="package", now=now)
    audit.record(
        connection,
        actor=actor,
        actor_name=actor_name,
        action="round.import",
        now=now,
        unit_code=package.unit_code,
        target=f"{found.unit_code}/{found.year}",
        detail={
            "version": package.version,
            "installation": package.installation,
            "manifest_sha256": package.manifest_sha256,
        },
    )
    return versions(connection, found.id, unit_id)[-1]
