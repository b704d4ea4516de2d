#!/usr/bin/env bash
# Installs the Debian packages Pestwijzer needs that are missing, for one
# purpose: run (build and serve), test (everything make test uses), bench.
# Idempotent and quiet when everything is there. Needs root or sudo.
set -euo pipefail

purpose=${1:-run}

run_pkgs=(gcc make meson ninja-build pkg-config libmicrohttpd-dev libsqlite3-dev sqlite3 libsodium-dev
  libjansson-dev libcsv-dev libfyaml-dev libcrack2-dev cracklib-runtime libcurl4-openssl-dev libpq-dev
  gettext locales
  libgdk-pixbuf-2.0-dev libpoppler-glib-dev libcairo2-dev webp-pixbuf-loader heif-gdk-pixbuf
  libxlsxwriter-dev libpango1.0-dev fonts-dejavu-core)
test_pkgs=(clang libclang-rt-14-dev libcmocka-dev chromium poppler-utils)
bench_pkgs=(wrk nginx-light)

case "$purpose" in
  run) want=("${run_pkgs[@]}") ;;
  test) want=("${run_pkgs[@]}" "${test_pkgs[@]}") ;;
  bench) want=("${run_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# Node.js is needed for the API and browser tests; any recent one will do.
if [ "$purpose" = test ] && ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo; missing: ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  echo "install-deps: installing ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
