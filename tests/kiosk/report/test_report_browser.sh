#!/usr/bin/env bash
# The HTML dossier in a real browser: test_report writes the fixture's dossier.html, headless
# Chromium (no network, fresh profile) takes a screenshot and prints it to PDF; the print must be
# A4 and hold the figures and the verification code, and the screenshot must be a real picture.
# usage: test_report_browser.sh TEST_REPORT_BINARY
set -euo pipefail
bin="$1"
out="$(mktemp -d /tmp/stiel-report-browser-XXXXXX)"
profile="$(mktemp -d /tmp/stiel-chromium-XXXXXX)"
trap 'rm -rf "$out" "$profile"' EXIT
keep="${STIEL_REPORT_KEEP:-$out}"
STIEL_REPORT_KEEP="$keep" "$bin" >/dev/null
html="$keep/dossier.html"
test -s "$html"
chrome=(chromium --headless --no-sandbox --disable-gpu --disable-background-networking
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile")
timeout 90 "${chrome[@]}" --window-size=1000,1400 --screenshot="$keep/dossier-browser.png" \
  "file://$html" >/dev/null 2>&1
timeout 90 "${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$keep/dossier-browser.pdf" \
  "file://$html" >/dev/null 2>&1
# a PNG, and not a blank page (a blank 1000x1400 PNG compresses to a few KiB)
head -c 8 "$keep/dossier-browser.png" | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'
[ "$(stat -c %s "$keep/dossier-browser.png")" -gt 40000 ]
# the print: A4 (the page's @page rule), more than one page, the figures as laid-out text
pdfinfo "$keep/dossier-browser.pdf" | grep -Eq 'Page size: +59[456](\.[0-9]+)? x 84[12](\.[0-9]+)? pts \(A4\)'
pages="$(pdfinfo "$keep/dossier-browser.pdf" | awk '/^Pages:/ {print $2}')"
[ "$pages" -ge 2 ]
text="$(pdftotext "$keep/dossier-browser.pdf" - | tr -s ' \n' '  ')"
for want in "Work-experience dossier" "T-0042" "0 h 32 min" "107" "97 %" "BK-0002-3" \
            "Leest locatiecodes en gaat naar de juiste locatie" "signed off" "Verification"; do
  grep -qF -- "$want" <<<"$text" || { echo "the browser's print lacks: $want"; exit 1; }
done
code="$(grep -o '<span class="code">[0-9a-f]\{64\}' "$html" | tail -c 65)"
grep -qF -- "$code" <<<"$(pdftotext "$keep/dossier-browser.pdf" - | tr -d ' \n')" \
  || { echo "the browser's print lacks the verification code"; exit 1; }
echo "browser: $pages A4 pages, screenshot $(stat -c %s "$keep/dossier-browser.png") bytes"
