#!/usr/bin/env bash
# A throw-away S3-compatible server (SeaweedFS) on loopback, for the tests and
# `make serve-prod`. It checks request signatures and presigned URL expiry like S3.
#   scripts/seaweedfs.sh start DIR PORT ACCESS_KEY SECRET_KEY [BUCKET...]
#       S3 on 127.0.0.1:PORT (its helpers on PORT+1..PORT+7); prints the endpoint URL.
#       Only ACCESS_KEY/SECRET_KEY may read or write; anonymous requests are refused,
#       except reads of a bucket named in PUBLIC_BUCKET (the public page images).
#   scripts/seaweedfs.sh stop DIR
set -euo pipefail

action=${1:?usage: seaweedfs.sh start DIR PORT ACCESS_KEY SECRET_KEY [BUCKET...] | stop DIR}
dir=${2:?data directory}
root=$(cd "$(dirname "$0")/.." && pwd)
weed=${WEED:-$root/.venv/bin/weed}
python=$root/.venv/bin/python

case "$action" in
  start)
    port=${3:?port}
    access_key=${4:?access key}
    secret_key=${5:?secret key}
    shift 5
    [ -x "$weed" ] || { echo "SeaweedFS is not installed ($weed): run make install" >&2; exit 1; }
    mkdir -p "$dir/data"
    anonymous=""
    if [ -n "${PUBLIC_BUCKET:-}" ]; then
      anonymous=",{\"name\": \"anonymous\", \"actions\": [\"Read:$PUBLIC_BUCKET\"]}"
    fi
    cat >"$dir/s3.json" <<EOF
{"identities": [
  {"name": "careers", "credentials": [{"accessKey": "$access_key", "secretKey": "$secret_key"}],
   "actions": ["Admin", "Read", "Write", "List", "Tagging"]}$anonymous
]}
EOF
    chmod 600 "$dir/s3.json"
    "$weed" server -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
      -master.port=$((port + 1)) -master.port.grpc=$((port + 2)) \
      -master.volumeSizeLimitMB=64 -volume.max=64 -volume.preStopSeconds=0 \
      -volume.port=$((port + 3)) -volume.port.grpc=$((port + 4)) \
      -filer -filer.port=$((port + 5)) -filer.port.grpc=$((port + 6)) \
      -filer.localSocket="$dir/filer.sock" \
      -s3 -s3.port="$port" -s3.port.grpc=$((port + 7)) -s3.localSocket="$dir/s3.sock" \
      -s3.port.iceberg=0 -s3.port.lance=0 -s3.config="$dir/s3.json" \
      >"$dir/weed.log" 2>&1 </dev/null &
    echo $! >"$dir/weed.pid"
    echo "$port" >"$dir/port"
    # Ready once the S3 gateway refuses an anonymous request and has made the buckets.
    if ! "$python" - "$(cat "$dir/weed.pid")" "http://127.0.0.1:$port" "$access_key" \
      "$secret_key" "$@" ${PUBLIC_BUCKET:-} <<'PY' >&2; then
import os
import sys
import time
import urllib.error
import urllib.request

import boto3
from botocore.config import Config

pid, endpoint, access_key, secret_key, *buckets = sys.argv[1:]
deadline = time.monotonic() + 60
while True:
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        sys.exit("SeaweedFS stopped while starting.")
    try:
        urllib.request.urlopen(endpoint, timeout=2)  # noqa: S310
    except urllib.error.HTTPError as error:
        if error.code == 403:
            break
    except OSError:
        pass
    if time.monotonic() > deadline:
        sys.exit(f"SeaweedFS did not answer at {endpoint}")
    time.sleep(0.1)
client = boto3.client(
    "s3",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id=access_key,
    aws_secret_access_key=secret_key,
    config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
)
for bucket in buckets:
    # The filer may need a moment more before it accepts the first bucket.
    for attempt in range(100):
        try:
            client.create_bucket(Bucket=bucket)
            break
        except client.exceptions.BucketAlreadyOwnedByYou:
            break
        except Exception:
            if attempt == 99:
                raise
            time.sleep(0.2)
PY
      echo "SeaweedFS did not start; its log:" >&2
      tail -n 20 "$dir/weed.log" >&2
      kill "$(cat "$dir/weed.pid")" 2>/dev/null || true
      exit 1
    fi
    echo "http://127.0.0.1:$port"
    ;;
  stop)
    if [ -f "$dir/weed.pid" ]; then
      pid=$(cat "$dir/weed.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    if [ -f "$dir/port" ]; then
      # SeaweedFS leaves its gRPC sockets in /tmp, named after the ports.
      port=$(cat "$dir/port")
      for offset in 2 4 6 7; do rm -f /tmp/seaweedfs-*-grpc-$((port + offset)).sock; done
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "unknown action: $action" >&2
    exit 2
    ;;
esac
