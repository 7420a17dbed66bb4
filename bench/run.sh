#!/usr/bin/env bash
# `make bench`: 10 000 offers in a throw-away PostgreSQL, Redis as the cache (as in
# production), gunicorn with 2 workers, wrk on loopback. Each page is measured three
# ways in one run, alternating (bench/pages.py): cached (anonymous), uncached (the
# session cookie of a logged-in candidate) and a hello-world view of the same server.
#   BENCH_OFFERS (10000)  BENCH_DURATION seconds per wrk run (4)  BENCH_ROUNDS (3)
#   BENCH_CONNECTIONS (4)  BENCH_LATENCY_DURATION seconds, one connection (3)
#   BENCH_PG_PORT (54335)  BENCH_REDIS_PORT (63795)  BENCH_HTTP_PORT (8765)
#   BENCH_JSON=<file>: also write the figures there, as JSON
set -euo pipefail
json_file=${BENCH_JSON:+$(realpath -m "$BENCH_JSON")}
cd "$(dirname "$0")/.."
bin=.venv/bin
offers=${BENCH_OFFERS:-10000}
pg_port=${BENCH_PG_PORT:-54335}
redis_port=${BENCH_REDIS_PORT:-63795}
http_port=${BENCH_HTTP_PORT:-8765}
host=127.0.0.1
started=$SECONDS

scripts/bootstrap.sh bench

work=$(mktemp -d /tmp/careers-bench.XXXXXX)
pg_dir=$(mktemp -d /tmp/careers-bench-pg.XXXXXX)  # its own: PostgreSQL runs as postgres
redis_dir="$work/redis"
gunicorn_pid=""
cleanup() {
  [ -n "$gunicorn_pid" ] && kill "$gunicorn_pid" 2>/dev/null && wait "$gunicorn_pid" 2>/dev/null || true
  scripts/redis.sh stop "$redis_dir"
  scripts/postgres.sh stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL REDIS_URL
DATABASE_URL=$(scripts/postgres.sh start "$pg_dir" "$pg_port")
REDIS_URL=$(scripts/redis.sh start "$redis_dir" "$redis_port")
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
redis-cli -h "$host" -p "$redis_port" flushall >/dev/null  # nothing cached by the seeding

echo "== Serving with gunicorn (2 workers) on $host:$http_port, Redis on $host:$redis_port"
$bin/gunicorn config.wsgi --workers 2 --bind "$host:$http_port" \
  --log-level warning >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 100); do
  curl -fsS -o /dev/null "http://$host:$http_port/healthz" 2>/dev/null && break
  sleep 0.2
done

$bin/python -m bench.pages --base-url "http://$host:$http_port" \
  --duration "${BENCH_DURATION:-4}" --rounds "${BENCH_ROUNDS:-3}" \
  --connections "${BENCH_CONNECTIONS:-4}" \
  --latency-duration "${BENCH_LATENCY_DURATION:-3}" \
  ${json_file:+--json "$json_file"} || {
  status=$?
  echo "== The last lines of gunicorn's log:" >&2
  tail -n 30 "$work/gunicorn.log" >&2
  exit "$status"
}
echo "== Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg); $((SECONDS - started)) s in all"
