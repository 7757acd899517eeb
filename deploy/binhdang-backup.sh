#!/bin/sh
# Nightly backup: `binhdang backup` into BACKUP_DIR, then keep the newest KEEP copies.
# Installed as /usr/local/bin/binhdang-backup; run by binhdang-backup.service (timer
# binhdang-backup.timer), or from cron, e.g. in /etc/cron.d/binhdang:
#   30 2 * * *  binhdang  set -a; . /etc/binhdang/binhdang.env; /usr/local/bin/binhdang-backup
# The database is BINHDANG_DATABASE_URL's, as for every binhdang command; BINHDANG, BACKUP_DIR
# and KEEP say which binhdang, where and how many copies.
set -eu
binhdang=${BINHDANG:-/opt/binhdang/venv/bin/binhdang}
dir=${BACKUP_DIR:-/var/backups/binhdang}
keep=${KEEP:-14}
umask 077
mkdir -p "$dir"
# Fails (and stops here, deleting nothing) when the copy fails its check.
"$binhdang" backup --out "$dir/binhdang-$(date +%Y%m%d-%H%M%S).backup"
# Names sort by time: remove all but the newest $keep.
ls -1 "$dir" | grep -E '^binhdang-[0-9]{8}-[0-9]{6}\.backup$' | sort -r | tail -n +"$((keep + 1))" |
  while read -r old; do rm -f -- "$dir/$old"; done
