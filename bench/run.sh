#!/usr/bin/env bash
# make bench: wrk against pestwijzer on the demo school and, interleaved in
# the same run, a baseline for each endpoint: nginx serving a static file of
# exactly the bytes pestwijzer answers (reads), or bare durable SQLite commits
# on the same disk (writes). Prints requests/s, p99 and the ratio per pass:
# these machines drift between runs, ratios within a pass hold. Bounded:
# PASSES x endpoints x DURATION seconds, loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/pestwijzer}
COMMITS=${2:-build/pw-bench-commits}
BOARD=${3:-$(dirname "$BIN")/pw-bench-board}
PASSES=${PASSES:-3}
DURATION=${DURATION:-5}
CONN=${CONN:-64}
THREADS=${THREADS:-2}
out=$(mktemp -d /tmp/pw-bench-XXXXXX)
cleanup() {
  [ -f "$out/pw.pid" ] && kill "$(cat "$out/pw.pid")" 2>/dev/null || true
  [ -f "$out/nginx.pid" ] && kill "$(cat "$out/nginx.pid")" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

# Pestwijzer on the demo school (1,200 students), with a few cases.
"$BIN" demo --db "$out/bench.db" >/dev/null
token() { "$BIN" token create "$1" --db "$out/bench.db"; }
T_MENTOR=$(token mentor)
T_DOCENT=$(token docent)
T_APC=$(token apc)
"$BIN" serve --db "$out/bench.db" --listen 127.0.0.1:0 --quiet >"$out/pw.out" 2>"$out/pw.err" &
echo $! >"$out/pw.pid"
for _ in $(seq 50); do grep -q listening "$out/pw.out" && break; sleep 0.1; done
pw_port=$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$out/pw.out")
[ -n "$pw_port" ] || { cat "$out/pw.err"; exit 1; }
pw="http://127.0.0.1:$pw_port"

# The school's students (signals pair them at random), and a case about two of 2B.
ids=$(for off in 0 500 1000; do curl -s -H "Authorization: Bearer $T_MENTOR" "$pw/api/v1/students?limit=500&offset=$off"; echo; done |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(s.trim().split("\n").flatMap(l=>JSON.parse(l).items.map(i=>i.id)).join("\n")))')
set -- $(curl -s -H "Authorization: Bearer $T_MENTOR" "$pw/api/v1/students?class=2B" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.map(i=>i.id).join(" ")))')
today=$(date +%F)
sig() { printf '{"occurred_on":"%s","location":"aula","description":"Bench","systematisch":"ja","vormen":["woorden_beelden"],"betrokkenen":[{"student":%s,"rol":"gepeste"},{"student":%s,"rol":"pester"}]}' "$today" "$1" "$2"; }
case_id=$(curl -s -H "Authorization: Bearer $T_DOCENT" -d "$(sig "$1" "$2")" "$pw/api/v1/signals" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).case.id))')
for k in 1 2 3; do
  curl -s -o /dev/null -H "Authorization: Bearer $T_MENTOR" -d "{\"text\":\"Notitie $k bij de casus\"}" "$pw/api/v1/cases/$case_id/notes"
done

# wrk scripts: a header for reads; a rotating pair of students for writes.
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$T_MENTOR" >"$out/mentor.lua"
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$T_APC" >"$out/apc.lua"
{
  printf 'wrk.method = "POST"\nwrk.headers["Authorization"] = "Bearer %s"\n' "$T_DOCENT"
  printf 'local ids = {%s}\nlocal n = 0\n' "$(echo "$ids" | tr '\n' ',' | sed 's/,$//')"
  printf 'math.randomseed(7)\nrequest = function()\n  n = n + 1\n  local a = ids[math.random(#ids)]\n  local b = ids[math.random(#ids)]\n'
  printf '  if a == b then b = ids[(n %% #ids) + 1] end\n'
  printf '  return wrk.format(nil, nil, nil, string.format([[{"occurred_on":"%s","location":"aula","description":"Bench","systematisch":"ja","vormen":["woorden_beelden"],"betrokkenen":[{"student":%%d,"rol":"gepeste"},{"student":%%d,"rol":"pester"}]}]], a, b))\nend\n' "$today"
} >"$out/signal.lua"

# nginx with files of exactly the bytes pestwijzer sends for each read.
mkdir -p "$out/www/static" "$out/www/api"
curl -s "$pw/static/app.css" >"$out/www/static/app.css"
curl -s "$pw/healthz" >"$out/www/healthz"
curl -s -H "Authorization: Bearer $T_MENTOR" "$pw/api/v1/students?class=2B" >"$out/www/api/students"
curl -s -H "Authorization: Bearer $T_MENTOR" "$pw/api/v1/cases/$case_id" >"$out/www/api/case"
# The yearly evaluation of the school year of today (ARCHITECTURE.md: under 50 ms).
curl -s -H "Authorization: Bearer $T_APC" "$pw/api/v1/stats" >"$out/www/api/stats"
curl -s -H "Authorization: Bearer $T_APC" "$pw/api/v1/stats?format=pdf" >"$out/www/api/stats.pdf"
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
  default_type application/json;
  server {
    listen 127.0.0.1:$ng_port;
    root $out/www;
    location /static/ { default_type text/css; add_header Cache-Control "public, max-age=86400"; }
  }
}
NGINX
nginx -c "$out/nginx.conf"
sleep 0.3
ng="http://127.0.0.1:$ng_port"

measure() { # url [script] -> "rps p99ms non2xx"
  local args=(-t"$THREADS" -c"$CONN" -d"${DURATION}s" --latency --timeout "${TIMEOUT:-2s}")
  [ -n "${2:-}" ] && args+=(-s "$2")
  wrk "${args[@]}" "$1" 2>&1 | awk '
    /Requests\/sec/ {rps=$2}
    /^ +99%/ {v=$2; if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    /Non-2xx/ {bad=$NF}
    END {printf "%d %.2f %s\n", rps, p99, (bad==""?0:bad)}'
}

# label | pestwijzer url | wrk script | baseline (an nginx path, or "commits")
endpoints=(
  "static|$pw/static/app.css||/static/app.css"
  "healthz|$pw/healthz||/healthz"
  "students|$pw/api/v1/students?class=2B|$out/mentor.lua|/api/students"
  "case|$pw/api/v1/cases/$case_id|$out/mentor.lua|/api/case"
  "signal|$pw/api/v1/signals|$out/signal.lua|commits"
  "stats|$pw/api/v1/stats|$out/apc.lua|/api/stats"
  "statspdf|$pw/api/v1/stats?format=pdf|$out/apc.lua|/api/stats.pdf"
)

printf '%-6s %-9s %11s %9s %13s %9s %6s\n' pass endpoint "pw req/s" "pw p99" "baseline/s" "base p99" ratio
for pass in $(seq "$PASSES"); do
  for e in "${endpoints[@]}"; do
    IFS='|' read -r label url script base <<<"$e"
    if [ "$base" = commits ]; then
      read -r b_rps b_p99 <<<"$("$COMMITS" "$out/commits.db" "$DURATION")"
      rm -f "$out"/commits.db*
    else
      read -r b_rps b_p99 _ <<<"$(measure "$ng$base")"
    fi
    read -r pw_rps pw_p99 pw_bad <<<"$(measure "$url" "$script")"
    ratio=$(awk -v a="$pw_rps" -v b="$b_rps" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
    printf '%-6s %-9s %11s %8sms %13s %8sms %6s%s\n' "$pass" "$label" "$pw_rps" "$pw_p99" "$b_rps" "$b_p99" "$ratio" \
      "$([ "$pw_bad" != 0 ] && echo "  ($pw_bad non-2xx!)")"
  done
done
echo "baselines: nginx serving the same bytes as a static file; 'commits' = bare durable SQLite commits (WAL, synchronous=FULL) on this disk, one writer"

# ---- The board: the evaluation of one school among ten, a million signals ----
# BOARD_SIGNALS=0 skips it. The structure comes from `pestwijzer demo` (ten
# schools of 2,000 students, four school years); bench/board.c adds the
# signals and cases directly (see there why), in about a minute.
BOARD_SIGNALS=${BOARD_SIGNALS:-1000000}
if [ "$BOARD_SIGNALS" -gt 0 ]; then
  kill "$(cat "$out/pw.pid")" 2>/dev/null || true
  PW_ARGON2=min "$BIN" demo --db "$out/board.db" --schools 10 --students 2000 --years 4 --force >/dev/null
  "$BOARD" "$out/board.db" "$BOARD_SIGNALS"
  T_BAPC=$(PW_ARGON2=min "$BIN" token create apc --db "$out/board.db")
  "$BIN" serve --db "$out/board.db" --listen 127.0.0.1:0 --quiet >"$out/pwb.out" 2>"$out/pwb.err" &
  echo $! >"$out/pw.pid"
  for _ in $(seq 50); do grep -q listening "$out/pwb.out" && break; sleep 0.1; done
  pwb="http://127.0.0.1:$(sed -n 's/.*:\([0-9]*\)$/\1/p' "$out/pwb.out")"
  printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$T_BAPC" >"$out/bapc.lua"
  # The school year of today, as the evaluation page opens on.
  curl -s -H "Authorization: Bearer $T_BAPC" "$pwb/api/v1/stats" >"$out/www/api/boardstats"
  year=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).schoolyear)' "$out/www/api/boardstats")
  echo
  echo "board: $BOARD_SIGNALS signals over 10 schools x 4 school years; the evaluation of Lekpoort College $year (with 2 earlier years)"
  printf '%-6s %-14s %11s %9s %13s %9s %6s\n' pass what "pw req/s" "pw p99" "baseline/s" "base p99" ratio
  for pass in $(seq "$PASSES"); do
    # Few connections and a long timeout: each request is a whole evaluation, seconds of one core.
    read -r b_rps b_p99 _ <<<"$(CONN=2 THREADS=1 measure "$ng/api/boardstats")"
    read -r pw_rps pw_p99 pw_bad <<<"$(CONN=2 THREADS=1 DURATION=$((DURATION * 4)) TIMEOUT=60s measure "$pwb/api/v1/stats?schoolyear=$year" "$out/bapc.lua")"
    ratio=$(awk -v a="$pw_rps" -v b="$b_rps" 'BEGIN {printf "%.4f", (b > 0 ? a / b : 0)}')
    printf '%-6s %-14s %11s %8sms %13s %8sms %6s%s\n' "$pass" "stats json" "$pw_rps" "$pw_p99" "$b_rps" "$b_p99" "$ratio" \
      "$([ "$pw_bad" != 0 ] && echo "  ($pw_bad non-2xx!)")"
    t0=$(date +%s.%N)
    "$BIN" report --db "$out/board.db" --school lekpoort --schoolyear "$year" >/dev/null
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" -v p="$pass" 'BEGIN {printf "%-6s %-14s %10.2fs   (pestwijzer report, wall time)\n", p, "report cli", b - a}'
  done
  echo "baseline: nginx serving the same JSON bytes as a static file"
fi
