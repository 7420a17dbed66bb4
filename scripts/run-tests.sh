#!/usr/bin/env bash
# The whole suite, as CI runs it: linters and Django checks, then pytest on SQLite
# (browser journeys included), then pytest again on a real PostgreSQL server, with
# a real Redis server for the tests marked `redis` (TEST_REDIS_URL). A real ClamAV
# daemon serves the tests marked `clamav` in both passes (TEST_CLAMD_SOCKET).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin

echo "== Linters and Django checks"
$bin/ruff check .
$bin/ruff format --check .
$bin/djhtml --check templates
$bin/lint-imports --no-cache
DJANGO_SETTINGS_MODULE=config.settings.test $bin/python manage.py check --fail-level WARNING
DJANGO_SETTINGS_MODULE=config.settings.test $bin/python manage.py makemigrations --check --dry-run
$bin/python scripts/check_translations.py

# Two processes (the machine of CI has two cores); a test module stays on one of
# them, so that its demo site loads once.
pytest_args="-q -p no:cacheprovider -n ${TEST_PROCESSES:-2} --dist loadfile --durations=15"

echo "== ClamAV daemon (scripts/clamd.sh), for both passes"
clamd_dir=$(mktemp -d /tmp/careers-clamd.XXXXXX)
trap 'scripts/clamd.sh stop "$clamd_dir"' EXIT
TEST_CLAMD_SOCKET=$(scripts/clamd.sh start "$clamd_dir")
export TEST_CLAMD_SOCKET

echo "== Test suite on SQLite, with the browser journeys"
env -u DATABASE_URL -u TEST_REDIS_URL $bin/pytest $pytest_args -m "not postgres and not redis"

echo "== Test suite on PostgreSQL, with Redis"
pg_dir=$(mktemp -d /tmp/careers-pg.XXXXXX)
redis_dir=$(mktemp -d /tmp/careers-redis.XXXXXX)
pg_port=${TEST_PG_PORT:-54329}
redis_port=${TEST_REDIS_PORT:-63799}
trap 'scripts/postgres.sh stop "$pg_dir"; scripts/redis.sh stop "$redis_dir"; scripts/clamd.sh stop "$clamd_dir"' EXIT
database_url=$(scripts/postgres.sh start "$pg_dir" "$pg_port")
redis_url=$(scripts/redis.sh start "$redis_dir" "$redis_port")
DATABASE_URL=$database_url REQUIRE_POSTGRES=1 TEST_REDIS_URL=$redis_url \
  $bin/pytest $pytest_args -m "not e2e"
