#!/usr/bin/env bash
# Debian packages that tests need and pip cannot install, installed (as root) when missing.
# Checked by package, not by command: one command (soffice) can be there while a package the
# tests need (Calc, the fonts) is not.
set -euo pipefail
PACKAGES=(
  chromium                   # web: Playwright browser tests drive Debian's Chromium
  libreoffice-writer-nogui   # reports: DOCX → PDF with LibreOffice headless
  libreoffice-calc-nogui     # reports: a test opens the XLSX annex in LibreOffice Calc
  fonts-liberation2          # reports: Times New Roman metrics with every Vietnamese glyph (v1 lacks ộ, ự…)
)
command -v dpkg-query >/dev/null 2>&1 || { echo "Not a Debian system: install ${PACKAGES[*]} yourself." >&2; exit 0; }
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${missing[*]} (as root: apt-get install ${missing[*]})" >&2
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
