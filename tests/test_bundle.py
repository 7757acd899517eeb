"""``make bundle``: the offline kit installs into a fresh venv with pip cut off from any network,
and the installed ``binhdang demo`` shows the reference figure.

Slow by nature (it builds every wheel and installs them: about 1–2 minutes), so it runs under
``CI=true`` (``make test`` in ``.ci/run``) or when selected with ``pytest -m bundle``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
pytestmark = pytest.mark.bundle
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing answers there


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _offline_env() -> dict[str, str]:
    """An environment in which pip can reach no index: no configuration files (this machine's
    may add local indexes), --no-index by environment, and an index and proxies that refuse
    connections should anything still try."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PIP_")
        and key.lower() not in ("http_proxy", "https_proxy")
        and key not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    env.update(
        PIP_CONFIG_FILE=os.devnull,
        PIP_NO_INDEX="1",
        PIP_INDEX_URL=f"{UNREACHABLE}/simple",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        HTTP_PROXY=UNREACHABLE,
        HTTPS_PROXY=UNREACHABLE,
        http_proxy=UNREACHABLE,
        https_proxy=UNREACHABLE,
    )
    return env


def _no_network() -> list[str]:
    """``unshare -rn``: a new network namespace with no interface up, when this machine allows
    it (root, or unprivileged user namespaces); else nothing (the environment still cuts pip off)."""
    if shutil.which("unshare"):
        probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            return ["unshare", "-rn"]
    return []


@pytest.fixture(scope="module")
def bundle(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not os.environ.get("CI") and "bundle" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("the offline bundle test runs under CI=true or with -m bundle (1–2 minutes)")
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        ["bash", "scripts/bundle.sh", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHON": sys.executable},
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (tarball,) = out.glob("binhdang-bundle-*.tar.gz")
    assert built.stdout.strip().startswith(str(tarball))
    return tarball


def test_bundle_name_and_wheels(bundle: Path, tmp_path: Path) -> None:
    version = re.search(r'^version = "(.+)"', (ROOT / "pyproject.toml").read_text(), re.M)
    tag = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    assert version and bundle.name.startswith(f"binhdang-bundle-{version.group(1)}-{tag}-")
    with tarfile.open(bundle) as archive:
        names = archive.getnames()
        kit = bundle.name.removesuffix(".tar.gz")
        assert {
            f"{kit}/install.sh",
            f"{kit}/README-OFFLINE.md",
            f"{kit}/SHA256SUMS",
            f"{kit}/deploy/binhdang.service",
            f"{kit}/deploy/binhdang-backup.sh",
        } <= set(names)
        archive.extractall(tmp_path, filter="data")
    wheels = sorted((tmp_path / kit / "wheels").glob("*.whl"))
    # The project's own wheel carries the vendored web assets and the templates.
    (own,) = [wheel for wheel in wheels if wheel.name.startswith("binhdang-")]
    inside = set(zipfile.ZipFile(own).namelist())
    source = ROOT / "src"
    for folder in ("binhdang/web/static", "binhdang/web/templates", "binhdang/reports/templates"):
        files = [p for p in (source / folder).rglob("*") if p.is_file()]
        assert files and {str(p.relative_to(source)) for p in files} <= inside
    assert {"binhdang/policies/targets.toml", "binhdang/privacy/register.toml"} <= inside
    # Every dependency at the version constraints.txt pins.
    pinned = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "constraints.txt").read_text(), re.M)
    pins = {_normalise(name): version for name, version in pinned}
    for wheel in wheels:
        if wheel is own:
            continue
        name, version_ = wheel.name.split("-")[:2]
        assert pins.get(_normalise(name)) == version_, f"{wheel.name} is not the pinned version"
    assert {"numpy", "sqlalchemy", "fastapi", "psycopg_binary", "matplotlib"} <= {
        _normalise(wheel.name.split("-")[0]) for wheel in wheels
    }


def test_bundle_installs_and_runs_the_demo_without_network(bundle: Path, tmp_path: Path) -> None:
    with tarfile.open(bundle) as archive:
        archive.extractall(tmp_path, filter="data")
    kit = tmp_path / bundle.name.removesuffix(".tar.gz")
    venv = tmp_path / "venv"
    env = {**_offline_env(), "PYTHON": sys.executable}
    cut_off = _no_network()
    # --no-compile: byte-compiling 50 packages is half the install time, and not under test.
    installed = subprocess.run(
        [*cut_off, "sh", str(kit / "install.sh"), str(venv), "--no-compile"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    # pip saw only the bundle's folder: a package that is not in it cannot be installed.
    absent = subprocess.run(
        [
            *cut_off,
            str(venv / "bin" / "pip"),
            "install",
            "--no-index",
            "--find-links",
            str(kit / "wheels"),
            "pytest",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert absent.returncode != 0
    demo = subprocess.run(
        [*cut_off, str(venv / "bin" / "binhdang"), "demo", "--out", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr
    assert "126/235" in demo.stdout and "17/48" in demo.stdout
    # The venv's binhdang is the bundle's, not this checkout's.
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import binhdang; print(binhdang.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert where.stdout.startswith(str(venv))
