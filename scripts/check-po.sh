#!/usr/bin/env bash
# The catalogue check (a unit test, so `make test` runs it): every marked
# string, freshly extracted from the directories in PW_PO_DIRS (the pages,
# the case actions and timeline, the API's sanction text, the reports, the
# protocol's document), must be in po/en.po with
# a translation that is not empty and not fuzzy, and en.po must compile with
# msgfmt --check (format strings like %s kept). Fails when someone adds or
# changes a Dutch string without translating it (run scripts/po-update.sh).
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Keep in step with scripts/po-update.sh.
PW_PO_DIRS="src/web src/app src/api src/report src/protocol src/core"
xgettext --language=C --from-code=UTF-8 --keyword=N_ --keyword=_ -o "$tmp/fresh.pot" $(for d in $PW_PO_DIRS; do ls "$d"/*.c; done)
fail=0
# Every extracted msgid must be translated in en.po (msgcmp counts untranslated
# and fuzzy entries as missing).
if ! msgcmp po/en.po "$tmp/fresh.pot" 2>"$tmp/cmp"; then
  echo "po/en.po lacks translations of strings in $PW_PO_DIRS (run scripts/po-update.sh, then translate):"
  msgmerge --quiet --no-fuzzy-matching po/en.po "$tmp/fresh.pot" -o "$tmp/merged.po"
  msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep -A1 '^#:' | grep -v '^--' | head -40
  fail=1
fi
if ! msgfmt --check --statistics -o /dev/null po/en.po 2>"$tmp/stat"; then
  cat "$tmp/stat"
  fail=1
elif grep -Eq 'untranslated|fuzzy' "$tmp/stat"; then
  echo "po/en.po has untranslated or fuzzy entries: $(cat "$tmp/stat")"
  { msgattrib --untranslated po/en.po; msgattrib --only-fuzzy po/en.po; } | grep -E '^(#:|msgid)' | head -40
  fail=1
fi
[ "$fail" = 0 ] && echo "po/en.po complete: $(cat "$tmp/stat")"
exit "$fail"
