#!/usr/bin/env bash
# The whole production stack on this machine, to see how it runs: PostgreSQL and an
# S3 server (SeaweedFS) on loopback, then migrations, static files and the demo
# content, one task worker and gunicorn, all with config.settings.production.
# Everything lives in a temporary folder and goes away on Ctrl-C.
#   PORT=8000 PG_PORT=54340 S3_PORT=54350 scripts/serve-prod.sh
# Served over plain HTTP on 127.0.0.1, hence SECURE_SSL_REDIRECT=false for this run
# only; a real deployment has HTTPS in front (see README, "Production and scaling out").
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
port=${PORT:-8000}
pg_port=${PG_PORT:-54340}
s3_port=${S3_PORT:-54350} # and the seven ports after it
dir=$(mktemp -d /tmp/careers-prod.XXXXXX)
chmod 755 "$dir" # PostgreSQL runs as its own user when started by root
pids=()

stop_all() {
  trap - EXIT INT TERM
  echo "== Stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  scripts/seaweedfs.sh stop "$dir/s3" || true
  scripts/postgres.sh stop "$dir/pg" || true
  rm -rf "$dir"
}
trap stop_all EXIT INT TERM

random() { $bin/python -c 'import secrets; print(secrets.token_urlsafe(40))'; }

echo "== PostgreSQL on 127.0.0.1:$pg_port"
database_url=$(scripts/postgres.sh start "$dir/pg" "$pg_port")
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres careers

echo "== S3 (SeaweedFS) on 127.0.0.1:$s3_port"
s3_key=careers-local
s3_secret=$(random)
s3_endpoint=$(PUBLIC_BUCKET=careers-public \
  scripts/seaweedfs.sh start "$dir/s3" "$s3_port" "$s3_key" "$s3_secret" careers-private)

# The variables a production server gets (see .env.example); e-mails go to the
# worker's output since no SMTP server is set.
unset EMAIL_URL EMAIL_HOST REDIS_URL
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY=$(random)
export ALLOWED_HOSTS=127.0.0.1,localhost
export BASE_URL=http://127.0.0.1:$port
export CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$port,http://localhost:$port
export DATABASE_URL=$database_url
export DATABASE_CONN_MAX_AGE=60
export SECURE_SSL_REDIRECT=false
export TASKS_BACKEND=django_tasks_db.DatabaseBackend
export VAR_DIR=$dir/var
export AWS_STORAGE_BUCKET_NAME=careers-private
export AWS_PUBLIC_BUCKET_NAME=careers-public
export AWS_S3_ENDPOINT_URL=$s3_endpoint
export AWS_S3_REGION_NAME=us-east-1
export AWS_S3_ADDRESSING_STYLE=path
export AWS_ACCESS_KEY_ID=$s3_key
export AWS_SECRET_ACCESS_KEY=$s3_secret

echo "== Migrations, static files, demo content"
$bin/python manage.py migrate --noinput -v 0
$bin/python manage.py collectstatic --noinput -v 0
$bin/python manage.py load_demo_data

echo "== One task worker and gunicorn"
$bin/python manage.py db_worker --interval 1 &
pids+=($!)
$bin/gunicorn config.wsgi --bind "127.0.0.1:$port" --workers 2 --access-logfile - --no-control-socket &
pids+=($!)
echo "Serving the production stack on http://127.0.0.1:$port/ (admin: /admin/,"
echo "health: /healthz). Ctrl-C stops everything."
wait -n "${pids[@]}"
