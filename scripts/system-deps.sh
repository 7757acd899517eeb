#!/usr/bin/env bash
# Debian packages that tests need and pip cannot install. Each area adds its own line to
# PACKAGES (command it provides, then the package). Installed only when missing, as root.
set -euo pipefail
PACKAGES=(
  chromium:chromium  # web: Playwright browser tests drive Debian's Chromium
  soffice:libreoffice-writer-nogui  # reports: DOCX → PDF with LibreOffice headless
  soffice:libreoffice-calc-nogui  # reports: a test opens the XLSX annex in LibreOffice Calc
  soffice:fonts-liberation2  # reports: Times New Roman metrics with every Vietnamese glyph (v1 lacks ộ, ự…)
)
missing=()
for entry in "${PACKAGES[@]}"; do
  command -v "${entry%%:*}" >/dev/null 2>&1 || missing+=("${entry#*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${missing[*]} (run as root: apt-get install ${missing[*]})" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
