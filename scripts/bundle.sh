#!/usr/bin/env bash
# `make bundle`: an offline installation kit for this platform, written as
#   dist/binhdang-bundle-<version>-<python>-<platform>.tar.gz
# holding every wheel binhdang needs here (its own wheel, with the web assets and templates as
# package data, and each dependency at the version of constraints.txt), SHA256SUMS,
# install.sh, README-OFFLINE.md and the deployment examples of deploy/. Building needs the
# package index (or pip's cache); installing from the bundle needs no network at all.
#
# Usage: scripts/bundle.sh [OUT_DIR]     PYTHON=… picks the interpreter (default .venv/bin/python):
# the wheels are those of its Python version and platform.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$root/.venv/bin/python}
out_dir=${1:-$root/dist}
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
cd "$root"

read -r version tag dotted platform < <("$python" -c '
import sys, sysconfig, tomllib
with open("pyproject.toml", "rb") as handle:
    version = tomllib.load(handle)["project"]["version"]
major, minor = sys.version_info[:2]
print(version, f"cp{major}{minor}", f"{major}.{minor}", sysconfig.get_platform().replace("-", "_").replace(".", "_"))
')
name="binhdang-bundle-$version-$tag-$platform"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kit="$work/$name"
mkdir -p "$kit/wheels"

# pip wheel builds binhdang's wheel and collects a wheel of every dependency (from pip's
# cache when it has them); --constraint pins them to the tested versions.
# Its log (setuptools' warnings) is shown only when it fails.
if ! "$python" -m pip wheel --quiet --disable-pip-version-check --wheel-dir "$kit/wheels" \
    --constraint constraints.txt . 2> "$work/pip.log"; then
  cat "$work/pip.log" >&2
  exit 1
fi

# The web assets (htmx, Swagger UI, CSS), page and report templates and migrations are
# package data: refuse a wheel that lost one (a pattern missed in pyproject.toml).
"$python" - "$kit/wheels" <<'PY'
import sys, zipfile
from pathlib import Path
wheel = next(Path(sys.argv[1]).glob("binhdang-*.whl"))
inside = set(zipfile.ZipFile(wheel).namelist())
source = Path("src")
wanted = [str(p.relative_to(source)) for folder in ("binhdang/web/static", "binhdang/web/templates",
          "binhdang/reports/templates", "binhdang/store/migrations")
          for p in (source / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
missing = sorted(set(wanted) - inside)
if missing:
    sys.exit(f"bundle: {wheel.name} lacks package data: {', '.join(missing)}")
PY

sed -e "s/@VERSION@/$version/g" -e "s/@PYTHON_TAG@/$tag/g" -e "s/@PYTHON_VERSION@/$dotted/g" \
  -e "s/@PLATFORM@/$platform/g" deploy/offline/install.sh > "$kit/install.sh"
chmod 755 "$kit/install.sh"
sed -e "s/@VERSION@/$version/g" -e "s/@PYTHON_VERSION@/$dotted/g" -e "s/@PLATFORM@/$platform/g" \
  -e "s/@NAME@/$name/g" deploy/offline/README-OFFLINE.md > "$kit/README-OFFLINE.md"
# The deployment examples (systemd units, nginx, nightly backup), as the README shows them.
mkdir "$kit/deploy"
cp deploy/*.service deploy/*.timer deploy/*.conf deploy/*.env deploy/*.sh "$kit/deploy/"
(cd "$kit" && sha256sum wheels/*.whl > SHA256SUMS)

tar -C "$work" -czf "$out_dir/$name.tar.gz.partial" "$name"
mv "$out_dir/$name.tar.gz.partial" "$out_dir/$name.tar.gz"
count=$(ls "$kit/wheels" | wc -l)
echo "$out_dir/$name.tar.gz ($count wheels, $(du -h "$out_dir/$name.tar.gz" | cut -f1))"
