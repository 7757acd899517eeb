"""A database URL read as SQLAlchemy reads it, with the standard library only (issue 19, item 6).

The lean path of ``binhdang indicators`` (:mod:`binhdang.indicators.quick`) answers from
PostgreSQL without importing SQLAlchemy, yet must open the very database the command line
opens and find the columnar copy the command line keeps for it, whose folder is named after
the URL as SQLAlchemy renders it (:func:`binhdang.indicators.columnar.cache_folder`). So this
module copies three things of SQLAlchemy 2.0 (``sqlalchemy.engine.url``,
``sqlalchemy.dialects.postgresql._psycopg_common``): parsing a URL (:func:`parse`), rendering
it (:func:`render`) and the arguments its psycopg dialect gives ``psycopg.connect``
(:func:`psycopg_arguments`). tests/test_quick.py keeps each equal to SQLAlchemy's on many
URLs (a password, a query, a Unix socket, IPv6); whatever is not plainly the simple case
(several hosts, a plugin, a value given twice) is ``None`` here, and the command line runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, quote, quote_plus, unquote

POSTGRESQL_DRIVER = "postgresql+psycopg"


def normalise_url(url: str) -> str:
    """Accept the URLs people write: ``postgresql://`` and ``postgres://`` mean psycopg 3;
    a bare path is a SQLite file."""
    if "://" not in url:
        return f"sqlite:///{url}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return POSTGRESQL_DRIVER + "://" + url[len(prefix) :]
    return url


@dataclass(frozen=True)
class Url:
    """``sqlalchemy.engine.URL``'s parts."""

    drivername: str
    username: str | None
    password: str | None
    host: str | None
    port: int | None
    database: str | None
    query: dict[str, str | tuple[str, ...]]


# sqlalchemy.engine.url._parse_url's pattern
_PATTERN = re.compile(
    r"""
        (?P<name>[\w\+]+)://
        (?:
            (?P<username>[^:/]*)
            (?::(?P<password>[^@]*))?
        @)?
        (?:
            (?:
                \[(?P<ipv6host>[^/\?]+)\] |
                (?P<ipv4host>[^/:\?]+)
            )?
            (?::(?P<port>[^/\?]*))?
        )?
        (?:/(?P<database>[^\?]*))?
        (?:\?(?P<query>.*))?
        """,
    re.X,
)


def parse(text: str) -> Url | None:
    """``sqlalchemy.engine.make_url(text)``; ``None`` where SQLAlchemy refuses it."""
    found = _PATTERN.match(text)
    if found is None:
        return None
    parts = found.groupdict()
    query: dict[str, str | tuple[str, ...]] = {}
    for key, value in parse_qsl(parts["query"] or ""):
        if key in query:
            before = query[key]
            query[key] = (*((before,) if isinstance(before, str) else before), value)
        else:
            query[key] = value
    port: int | None = None
    if parts["port"]:
        try:
            port = int(parts["port"])
        except ValueError:
            return None
    elif parts["port"] is not None:
        return None  # "host:" — SQLAlchemy fails on int("")
    return Url(
        drivername=parts["name"],
        username=None if parts["username"] is None else unquote(parts["username"]),
        password=None if parts["password"] is None else unquote(parts["password"]),
        host=parts["ipv4host"] or parts["ipv6host"],
        port=port,
        database=parts["database"],
        query=query,
    )


def render(url: Url, hide_password: bool = True) -> str:
    """``URL.render_as_string(hide_password)``."""
    text = url.drivername + "://"
    if url.username is not None:
        text += quote(url.username, safe=" +")
        if url.password is not None:
            text += ":" + ("***" if hide_password else quote(url.password, safe=" +"))
        text += "@"
    if url.host is not None:
        text += f"[{url.host}]" if ":" in url.host else url.host
    if url.port is not None:
        text += ":" + str(url.port)
    if url.database is not None:
        text += "/" + url.database
    if url.query:
        text += "?" + "&".join(
            f"{quote_plus(key)}={quote_plus(element)}"
            for key in sorted(url.query)
            for element in _listed(url.query[key])
        )
    return text


def without_user(url: Url) -> Url:
    """``URL.set(username=None, password=None)``: the place, not who goes there."""
    return replace(url, username=None, password=None)


def _listed(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else value


def postgresql(text: str) -> Url | None:
    """The URL of a ``--db`` value naming a PostgreSQL database through psycopg 3, as the
    command line opens it (:func:`normalise_url`, then SQLAlchemy); ``None`` for another
    engine, a URL SQLAlchemy refuses, or one whose query names an engine plugin."""
    url = parse(normalise_url(text))
    if url is None or url.drivername != POSTGRESQL_DRIVER or "plugin" in url.query:
        return None
    return url


_PSYCOPG_OWN = frozenset({"autocommit", "prepare_threshold", "context", "row_factory",
                          "cursor_factory", "conninfo"})  # fmt: skip
"""Keyword arguments ``psycopg.connect`` takes for itself (not libpq's): a query naming one
would change how the lean path's transaction runs."""


def psycopg_arguments(url: Url) -> dict[str, str | int] | None:
    """The keyword arguments SQLAlchemy's psycopg dialect gives ``psycopg.connect`` for
    ``url`` (``create_connect_args``: the URL's non-empty parts, then its query); ``None``
    when the query gives a parameter twice, names several hosts (the dialect then rewrites
    ``host`` and ``port``) or sets one of psycopg's own arguments (``autocommit``…): left to
    the command line."""
    arguments: dict[str, str | int] = {}
    for name, value in (
        ("host", url.host),
        ("dbname", url.database),
        ("user", url.username),
        ("password", url.password),
        ("port", url.port),
    ):
        if value:
            arguments[name] = value
    for key, given in url.query.items():
        if not isinstance(given, str) or key in _PSYCOPG_OWN:
            return None
        if key in ("host", "port") and ("," in given or ":" in given):
            return None
        arguments[key] = given
    return arguments
