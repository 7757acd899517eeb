#!/bin/sh
# Cài binhdang @VERSION@ từ thư mục này, không cần mạng / Install binhdang @VERSION@ from this
# folder with no network access.
#
#   ./install.sh [THƯ_MỤC_VENV] [tùy chọn pip…]     (mặc định / default: ./venv)
#
# Cần Python @PYTHON_VERSION@ (python3 -m venv) trên @PLATFORM@; PYTHON=/đường/dẫn/python chọn
# trình thông dịch khác / needs Python @PYTHON_VERSION@; PYTHON=/path/to/python picks another one.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv=${1:-$here/venv}
[ $# -gt 0 ] && shift
python=${PYTHON:-python3}

if ! tag=$("$python" -c 'import sys; print("cp%d%d" % sys.version_info[:2])' 2>/dev/null); then
  echo "Không chạy được $python / cannot run $python (PYTHON=/path/to/python@PYTHON_VERSION@ ./install.sh)" >&2
  exit 1
fi
if [ "$tag" != "@PYTHON_TAG@" ]; then
  echo "Gói này dành cho Python @PYTHON_VERSION@, $python là $tag / this bundle is for Python @PYTHON_VERSION@, $python is $tag:" >&2
  echo "  PYTHON=/usr/bin/python@PYTHON_VERSION@ ./install.sh" >&2
  exit 1
fi
if command -v sha256sum >/dev/null 2>&1; then
  (cd "$here" && sha256sum --quiet --check SHA256SUMS) || {
    echo "Tệp wheel bị hỏng hoặc thiếu (SHA256SUMS) / damaged or missing wheels (SHA256SUMS)" >&2
    exit 1
  }
fi
"$python" -m venv "$venv"
# --no-index: pip looks at this folder only and never tries a network; --upgrade: an
# existing venv (an upgrade) gets the new binhdang and whatever it needs changed.
PIP_NO_INDEX=1 "$venv/bin/pip" install --quiet --upgrade --no-index --find-links "$here/wheels" "$@" binhdang
echo "binhdang: $venv/bin/binhdang"
echo "Thử / try: $venv/bin/binhdang demo --out demo-output"
