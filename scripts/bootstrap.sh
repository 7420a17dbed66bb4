#!/usr/bin/env bash
# Installs the system packages a step needs, with apt when run as root.
#   scripts/bootstrap.sh python   what `make install` needs (python3 venv)
#   scripts/bootstrap.sh test     what `make test` needs (Chromium, PostgreSQL, Redis, ClamAV, Java, npm,
#                                 gettext for the translation check)
#   scripts/bootstrap.sh prod     what `make serve-prod` needs (PostgreSQL)
#   scripts/bootstrap.sh bench    what `make bench` needs (PostgreSQL, Redis, wrk)
set -euo pipefail

step=${1:?usage: bootstrap.sh python|test|prod|bench}
missing=()

have() { command -v "$1" >/dev/null 2>&1; }

case "$step" in
  python)
    python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
    ;;
  test)
    have chromium || missing+=(chromium)
    ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
    have redis-server || missing+=(redis-server)
    [ -x /usr/sbin/clamd ] || have clamd || missing+=(clamav-daemon)
    have java || missing+=(default-jre-headless)
    have npm || missing+=(npm)
    fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
    { have xgettext && have msgmerge && have msgfmt; } || missing+=(gettext)
    ;;
  prod)
    ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
    ;;
  bench)
    ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
    have redis-server || missing+=(redis-server)
    have wrk || missing+=(wrk)
    ;;
  *)
    echo "unknown step: $step" >&2
    exit 2
    ;;
esac

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
