#!/usr/bin/env bash
# A throw-away ClamAV daemon on a unix socket, for the test suite: its own
# configuration and a one-line signature database (the EICAR test file), no
# freshclam, gone with its directory.
#   scripts/clamd.sh start DIR   prints the socket path (CLAMD_SOCKET)
#   scripts/clamd.sh stop DIR
set -euo pipefail

action=${1:?usage: clamd.sh start DIR | stop DIR}
dir=${2:?data directory}
command -v clamd >/dev/null || [ -x /usr/sbin/clamd ] || {
  echo "ClamAV is not installed (apt-get install clamav-daemon)" >&2
  exit 1
}
clamd=$(command -v clamd || echo /usr/sbin/clamd)

# PING on the socket; PONG once the daemon has loaded its database and listens.
ping_server() {
  python3 - "$1" <<'EOF' 2>/dev/null || true
import socket, sys
with socket.socket(socket.AF_UNIX) as sock:
    sock.settimeout(2)
    sock.connect(sys.argv[1])
    sock.sendall(b"zPING\0")
    print(sock.recv(64).rstrip(b"\0\n").decode())
EOF
}

case "$action" in
  start)
    mkdir -p "$dir/db"
    dir=$(cd "$dir" && pwd)
    socket_path="$dir/clamd.sock"
    # The EICAR test string (a harmless file every antivirus reports), in hex and
    # in two halves, so that no scanner takes this script for the test file.
    eicar_hex="58354f2150254041505b345c505a58353428505e2937434329377d244549434152"
    eicar_hex+="2d5354414e444152442d414e544956495255532d544553542d46494c452124482b482a"
    # Target 0 (any file), any offset: found in a PDF, a zip entry, a raw stream.
    echo "Eicar-Test-Signature:0:*:$eicar_hex" >"$dir/db/careers-test.ndb"
    cat >"$dir/clamd.conf" <<EOF
LocalSocket $socket_path
LocalSocketMode 600
FixStaleSocket yes
DatabaseDirectory $dir/db
LogFile $dir/clamd.log
LogTime yes
Foreground yes
Bytecode no
StreamMaxLength 25M
MaxThreads 8
EOF
    # Foreground, as a background job of this script: clamd's own daemonising
    # parent sometimes exits with an error under load while its child serves, so
    # the script starts it itself and waits for PONG on the socket.
    "$clamd" --config-file="$dir/clamd.conf" </dev/null >"$dir/start.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/clamd.pid"
    for _ in $(seq 300); do
      [ -S "$socket_path" ] && [ "$(ping_server "$socket_path")" = PONG ] && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    [ "$(ping_server "$socket_path")" = PONG ] || {
      echo "clamd does not answer on $socket_path:" >&2
      cat "$dir/start.log" "$dir/clamd.log" >&2 2>/dev/null || true
      kill "$pid" 2>/dev/null || true
      exit 1
    }
    echo "$socket_path"
    ;;
  stop)
    if [ -s "$dir/clamd.pid" ]; then
      pid=$(cat "$dir/clamd.pid")
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
