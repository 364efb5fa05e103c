#!/usr/bin/env bash
# hugo-compare.sh: time Hugo against copydesk's exporter on the same corpus
# (1,000 generated Chinese articles of ~12,000 characters, headings, lists,
# tables, photos). Run from anywhere: bash export/testdata/hugo-compare.sh
# Needs Go; skips when hugo is not installed (apt-get install -y hugo).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd) # the export package
if ! command -v hugo >/dev/null 2>&1; then
	echo "hugo-compare: hugo is not installed (apt-get install -y hugo); skipping"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-hugo-compare-XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== $(hugo version)"
echo "== $(go version), $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"
(cd "$here" && go test -c -o "$work/export.test" .)

echo "== copydesk (corpus generation not timed)"
COPYDESK_CORPUS_DIR="$work" "$work/export.test" -test.run '^TestWriteCorpusForHugo$' | grep '^copydesk'

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
cd "$work/hugo"
echo "== hugo"
t=$(date +%s%N); hugo --quiet -d "$work/hugo-public" >/dev/null; echo "hugo full build: $(ms "$t") ms"
t=$(date +%s%N); hugo --quiet -d "$work/hugo-public" >/dev/null; echo "hugo rebuild, nothing changed: $(ms "$t") ms"
f=content/articles/991.md
printf '\n更正：时间改为下午三点。\n' >>"$f"
t=$(date +%s%N); hugo --quiet -d "$work/hugo-public" >/dev/null; echo "hugo rebuild after one edit: $(ms "$t") ms"
echo "== output sizes"
du -sh "$work/copydesk" "$work/hugo-public" | sed "s|$work/||"
