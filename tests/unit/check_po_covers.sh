#!/usr/bin/env bash
# The catalogue check must see every directory whose words reach people: a
# marked string without a translation, put in each of them in a copy of the
# tree, must make scripts/check-po.sh fail and name the string; the copy as
# it is passes.
set -euo pipefail
root="${1:-$(dirname "$0")/../..}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tree"
cp -r "$root/src" "$root/po" "$root/scripts" "$tmp/tree/"
"$tmp/tree/scripts/check-po.sh" "$tmp/tree" >/dev/null || { echo "the unchanged tree fails the check"; exit 1; }
for d in web app api report protocol; do
  rm -rf "$tmp/tree/src"
  cp -r "$root/src" "$tmp/tree/"
  printf '#include "util/i18n.h"\nconst char *probe(void);\nconst char *probe(void) { return _("Proefzin zonder vertaling in %s"); }\n' "$d" >"$tmp/tree/src/$d/zz_probe.c"
  if out=$("$tmp/tree/scripts/check-po.sh" "$tmp/tree" 2>&1); then
    echo "check-po.sh passed with an untranslated string in src/$d"
    exit 1
  fi
  grep -q "Proefzin zonder vertaling in $d" <<<"$out" || { echo "check-po.sh failed for src/$d without naming the string:"; echo "$out"; exit 1; }
done
echo "the catalogue check covers src/{web,app,api,report,protocol}"
