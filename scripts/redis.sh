#!/usr/bin/env bash
# A throw-away Redis server on loopback, for the test suite and the benchmark:
# nothing written to disk, gone with its directory.
#   scripts/redis.sh start DIR PORT   prints the REDIS_URL to use
#   scripts/redis.sh stop DIR
set -euo pipefail

action=${1:?usage: redis.sh start DIR PORT | stop DIR}
dir=${2:?data directory}
command -v redis-server >/dev/null || { echo "Redis is not installed (apt-get install redis-server)" >&2; exit 1; }

ping_server() { timeout 2 redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true; }

case "$action" in
  start)
    port=${3:?port}
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "Port $port of 127.0.0.1 is taken" >&2
      exit 1
    fi
    mkdir -p "$dir"
    # No snapshots, no append-only file; 64 databases, one per test process.
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" \
      --save "" --appendonly no --databases 64 \
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/server.log" >/dev/null
    for _ in $(seq 100); do
      [ "$(ping_server)" = PONG ] && break
      sleep 0.1
    done
    [ "$(ping_server)" = PONG ] || {
      echo "Redis did not start on 127.0.0.1:$port (see $dir/server.log)" >&2
      exit 1
    }
    echo "redis://127.0.0.1:$port/0"
    ;;
  stop)
    if [ -s "$dir/redis.pid" ]; then
      pid=$(cat "$dir/redis.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "unknown action: $action" >&2
    exit 2
    ;;
esac
