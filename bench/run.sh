#!/usr/bin/env bash
# make bench: wrk against pestwijzer and, interleaved in the same run, nginx
# serving a static file of the same size. Prints requests/s, p99 and the
# ratio per pass: these machines drift between runs, ratios within a pass
# hold. Bounded: PASSES x endpoints x DURATION seconds, loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/pestwijzer}
PASSES=${PASSES:-3}
DURATION=${DURATION:-5}
CONN=${CONN:-64}
THREADS=${THREADS:-2}
out=$(mktemp -d /tmp/pw-bench-XXXXXX)
trap 'kill $(cat "$out"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$out"' EXIT

# Pestwijzer on a fresh database.
"$BIN" init --db "$out/bench.db" >/dev/null
"$BIN" serve --db "$out/bench.db" --listen 127.0.0.1:0 --quiet >"$out/pw.out" 2>"$out/pw.err" &
echo $! >"$out/pw.pid"
for _ in $(seq 50); do grep -q listening "$out/pw.out" && break; sleep 0.1; done
pw_port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$out/pw.out")
[ -n "$pw_port" ] || { cat "$out/pw.err"; exit 1; }
pw="http://127.0.0.1:$pw_port"

# nginx with static copies of exactly what pestwijzer sends for each endpoint.
mkdir -p "$out/www/static"
curl -s "$pw/static/app.css" >"$out/www/static/app.css"
curl -s "$pw/healthz" >"$out/www/healthz"
ng_port=$((pw_port + 1))
cat >"$out/nginx.conf" <<NGINX
worker_processes 2;
pid $out/nginx.pid;
error_log $out/nginx.err;
daemon on;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$ng_port;
    root $out/www;
    location = /healthz { default_type application/json; }
    location /static/ { add_header Cache-Control "public, max-age=86400"; }
  }
}
NGINX
nginx -c "$out/nginx.conf"
sleep 0.3
ng="http://127.0.0.1:$ng_port"

# Extra endpoints, added by later issues: "label path [wrk-lua-script]".
endpoints=("static /static/app.css" "healthz /healthz")
if [ -f bench/endpoints.sh ]; then . bench/endpoints.sh; fi

measure() { # url [script] -> "rps p99ms"
  local args=(-t"$THREADS" -c"$CONN" -d"${DURATION}s" --latency)
  [ -n "${2:-}" ] && args+=(-s "$2")
  wrk "${args[@]}" "$1" 2>&1 | awk '
    /Requests\/sec/ {rps=$2}
    /^ +99%/ {v=$2; if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    /Non-2xx/ {bad=$NF}
    END {printf "%d %.2f %s\n", rps, p99, (bad==""?0:bad)}'
}

printf '%-8s %-10s %12s %9s %12s %9s %7s\n' pass endpoint "pw req/s" "pw p99" "nginx req/s" "ng p99" ratio
for pass in $(seq "$PASSES"); do
  for e in "${endpoints[@]}"; do
    read -r label path script <<<"$e"
    read -r ng_rps ng_p99 _ <<<"$(measure "$ng/static/app.css")"
    [ "$label" = healthz ] && read -r ng_rps ng_p99 _ <<<"$(measure "$ng/healthz")"
    read -r pw_rps pw_p99 pw_bad <<<"$(measure "$pw$path" "${script:-}")"
    ratio=$(awk -v a="$pw_rps" -v b="$ng_rps" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
    printf '%-8s %-10s %12s %8sms %12s %8sms %7s%s\n' "$pass" "$label" "$pw_rps" "$pw_p99" "$ng_rps" "$ng_p99" "$ratio" \
      "$([ "$pw_bad" != 0 ] && echo "  ($pw_bad non-2xx!)")"
  done
done
