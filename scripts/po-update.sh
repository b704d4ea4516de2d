#!/usr/bin/env bash
# Extracts the words of the web pages (src/web/*.c: N_() in the tables, _()
# around literals) into po/pestwijzer.pot and brings po/en.po in step with it
# (new strings arrive untranslated, changed ones fuzzy: translate them, then
# remove the fuzzy mark). scripts/check-po.sh says what is still missing.
set -euo pipefail
cd "$(dirname "$0")/.."
xgettext --language=C --from-code=UTF-8 --keyword=N_ --keyword=_ --add-comments=TRANSLATORS: \
  --add-location=file --sort-by-file --package-name=Pestwijzer --copyright-holder="the Pestwijzer authors" --msgid-bugs-address=beheer@pestwijzer.invalid \
  -o po/pestwijzer.pot src/web/*.c
msgmerge --quiet --update --backup=none --add-location=file po/en.po po/pestwijzer.pot
