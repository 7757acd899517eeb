"""Web settings are read from the environment at start-up; the secret never shows."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from binhdang.web.app import app_from_env
from binhdang.web.config import WEB_SETTINGS, WebSettings

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def test_settings_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BINHDANG_SECRET_KEY", "a-secret-that-must-not-show")
    monkeypatch.setenv("BINHDANG_SESSION_HOURS", "2")
    monkeypatch.setenv("BINHDANG_SESSION_IDLE_MINUTES", "5")
    monkeypatch.setenv("BINHDANG_SIGN_IN_LIMIT", "3")
    monkeypatch.setenv("BINHDANG_UPLOAD_DIR", str(tmp_path / "up"))
    monkeypatch.setenv("BINHDANG_MAX_UPLOAD_MB", "1")
    settings = WebSettings.from_env("sqlite:///x.db")
    assert settings.session_lifetime == timedelta(hours=2)
    assert settings.session_idle == timedelta(minutes=5)
    assert settings.rate_limit.per_pair == 3
    assert settings.upload_dir == tmp_path / "up"
    assert settings.max_upload_bytes == 1024 * 1024
    assert "a-secret-that-must-not-show" not in repr(settings)


def test_every_web_setting_is_documented() -> None:
    missing = [s.env for s in WEB_SETTINGS if s.env not in README]
    assert not missing, f"web settings missing from README.md: {missing}"


def test_the_server_processes_build_the_app_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sqlite_template: Path
) -> None:
    shutil.copyfile(sqlite_template, tmp_path / "web.db")
    monkeypatch.setenv("BINHDANG_DATABASE_URL", f"sqlite:///{tmp_path / 'web.db'}")
    monkeypatch.setenv("BINHDANG_UPLOAD_DIR", str(tmp_path / "uploads"))
    app = app_from_env()
    with TestClient(app) as client:
        assert client.get("/sign-in").status_code == 200
        assert client.get("/api/v1/me").status_code == 401
    app.state.engine.dispose()
