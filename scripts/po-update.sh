#!/usr/bin/env bash
# Extracts the words people read (N_() in the tables, _() around literals) from
# the directories whose strings reach pages and reports (PW_PO_DIRS below:
# the pages, the case actions and timeline, the reports, the protocol's
# document) into po/pestwijzer.pot and brings po/en.po in step with it
# (new strings arrive untranslated, changed ones fuzzy: translate them, then
# remove the fuzzy mark). scripts/check-po.sh says what is still missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# Keep in step with scripts/check-po.sh.
PW_PO_DIRS="src/web src/app src/api src/report src/protocol src/core"
xgettext --language=C --from-code=UTF-8 --keyword=N_ --keyword=_ --add-comments=TRANSLATORS: \
  --add-location=file --sort-by-file --package-name=Pestwijzer --copyright-holder="the Pestwijzer authors" --msgid-bugs-address=beheer@pestwijzer.invalid \
  -o po/pestwijzer.pot $(for d in $PW_PO_DIRS; do ls "$d"/*.c; done)
msgmerge --quiet --update --backup=none --add-location=file po/en.po po/pestwijzer.pot
