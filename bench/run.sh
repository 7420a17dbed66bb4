#!/usr/bin/env bash
# `make bench`: 10 000 offers in a throw-away PostgreSQL, gunicorn with 2 workers,
# wrk on loopback for a bounded time per page; prints requests/s, median and p99.
#   BENCH_OFFERS (10000)  BENCH_DURATION seconds per page (10)  BENCH_CONNECTIONS (4)
#   BENCH_PG_PORT (54335)  BENCH_HTTP_PORT (8765)
#   BENCH_COMPARE=<git revision>: also serve that revision (port + 1) from the same
#   database and measure both side by side, alternating (this machine's speed
#   drifts: figures taken minutes apart do not compare)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
offers=${BENCH_OFFERS:-10000}
duration=${BENCH_DURATION:-10}
connections=${BENCH_CONNECTIONS:-4}
pg_port=${BENCH_PG_PORT:-54335}
http_port=${BENCH_HTTP_PORT:-8765}
host=127.0.0.1

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  else
    echo "wrk is missing: sudo apt-get install wrk" >&2
    exit 1
  fi
fi

work=$(mktemp -d /tmp/careers-bench.XXXXXX)
pg_dir=$(mktemp -d /tmp/careers-bench-pg.XXXXXX)  # its own: PostgreSQL runs as postgres
gunicorn_pid=""
other_pid=""
other_tree=""
cleanup() {
  [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null || true
  [ -n "$other_pid" ] && kill "$other_pid" 2>/dev/null && wait "$other_pid" 2>/dev/null || true
  [ -n "$other_tree" ] && git worktree remove --force "$other_tree" 2>/dev/null || true
  scripts/postgres.sh stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL
DATABASE_URL=$(scripts/postgres.sh start "$pg_dir" "$pg_port")
psql -q -h "$host" -p "$pg_port" -U postgres -d postgres -c "CREATE DATABASE careers"
export DJANGO_SETTINGS_MODULE=bench.settings VAR_DIR="$work/var"

echo "== Seeding $offers offers into a throw-away PostgreSQL on $host:$pg_port"
$bin/python manage.py migrate --noinput -v0
$bin/python -m bench.seed --count "$offers" | tail -n 1  # the demo's e-mails are noise
$bin/python manage.py shell -c "
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute('VACUUM ANALYZE')
" >/dev/null

echo "== Serving with gunicorn (2 workers) on $host:$http_port"
$bin/gunicorn config.wsgi --workers 2 --bind "$host:$http_port" \
  --access-logfile - --log-level warning >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 50); do
  curl -fsS -o /dev/null "http://$host:$http_port/healthz" 2>/dev/null && break
  sleep 0.2
done

offer_path=$($bin/python manage.py shell -c "
from offers.models import OfferPage
offers = OfferPage.objects.open().order_by('-first_published_at')
print(offers[offers.count() // 2].url)
" 2>/dev/null | tail -n 1)

declare -a names=(home listing filtered "search (rare word)" "search (common word)" "offer page" feed)
declare -a paths=(
  "/"
  "/offers/"
  "/offers/?family=engineering&location=lyon&contract=permanent&remote=hybrid"
  "/offers/?q=zephyr"
  "/offers/?q=team"
  "$offer_path"
  "/offers/feed/"
)

# Each page answers 200 before it is measured.
for path in "${paths[@]}"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://$host:$http_port$path")
  [ "$status" = 200 ] || { echo "GET $path answered $status" >&2; exit 1; }
done

# The speed of this machine at the time (shared machines vary, twofold at
# times): the same pure-Python loop before, after each page ("cpu ref") and at
# the end, to compare runs with.
reference() {
  $bin/python -c '
import time
start = time.perf_counter()
total = 0
for number in range(3_000_000):
    total += number * number
print(f"{(time.perf_counter() - start) * 1000:.0f} ms")'
}
before=$(reference)

echo "== wrk: $connections connections, ${duration}s per page, loopback only"
printf '%-22s %10s %10s %10s %8s %8s\n' page "req/s" median p99 errors "cpu ref"
for i in "${!paths[@]}"; do
  url="http://$host:$http_port${paths[$i]}"
  wrk -t1 -c2 -d2s "$url" >/dev/null  # warm the workers' caches
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency "$url")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {n++} END {print n+0}' <<<"$out")
  printf '%-22s %10s %10s %10s %8s %8s\n' "${names[$i]}" "$rps" "$p50" "$p99" "$errors" "$(reference)"
done
echo "== CPU reference (a fixed Python loop; lower is faster): $before before, $(reference) after"

if [ -n "${BENCH_COMPARE:-}" ]; then
  # The other revision, checked out beside this one, served from the same
  # database (its schema must be readable by it: migrations only added since).
  other_tree="$work/compare"
  git worktree add --detach --force "$other_tree" "$BENCH_COMPARE" >/dev/null 2>&1
  ln -s "$PWD/.venv" "$other_tree/.venv"
  other_port=$((http_port + 1))
  (cd "$other_tree" && exec .venv/bin/gunicorn config.wsgi --workers 2 \
    --bind "$host:$other_port" --access-logfile - --log-level warning \
    >"$work/gunicorn-compare.log" 2>&1) &
  other_pid=$!
  for _ in $(seq 50); do
    curl -fsS -o /dev/null "http://$host:$other_port/healthz" 2>/dev/null && break
    sleep 0.2
  done
  echo "== Side by side with $BENCH_COMPARE: requests/s, 3 alternating rounds of 4 s"
  printf '%-22s %10s %10s %8s\n' page "$BENCH_COMPARE" "this" gain
  for i in "${!paths[@]}"; do
    for port in "$other_port" "$http_port"; do
      wrk -t1 -c2 -d1s "http://$host:$port${paths[$i]}" >/dev/null
    done
    theirs=0
    ours=0
    for _ in 1 2 3; do
      for port in "$other_port" "$http_port"; do
        rps=$(wrk -t2 -c"$connections" -d4s "http://$host:$port${paths[$i]}" |
          awk '/^Requests\/sec/ {print $2}')
        if [ "$port" = "$http_port" ]; then
          ours=$(awk -v a="$ours" -v b="$rps" 'BEGIN {print a + b}')
        else
          theirs=$(awk -v a="$theirs" -v b="$rps" 'BEGIN {print a + b}')
        fi
      done
    done
    awk -v name="${names[$i]}" -v a="$theirs" -v b="$ours" 'BEGIN {
      printf "%-22s %10.1f %10.1f %+7.0f%%\n", name, a / 3, b / 3, (a > 0 ? (b / a - 1) * 100 : 0)
    }'
  done
fi
echo "== Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
