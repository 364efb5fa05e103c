#!/usr/bin/env bash
# hugo-compare.sh: `copydesk export` against Hugo, whole process, as issue 15 states it.
#   bash export/testdata/hugo-compare.sh          # 1,000 articles of ~12,000 characters, 5 rounds
#   RUNS=3 COPYDESK_CORPUS_N=10000 COPYDESK_CORPUS_CHARS=3000 bash export/testdata/hugo-compare.sh
# It builds copydesk (go build ./cmd/copydesk), writes the generated corpus as Markdown with Hugo
# front matter plus a one-template Hugo site (export's TestWriteCorpusForHugo), imports the Markdown
# into a real copydesk database (`copydesk import --published`), then runs RUNS rounds of three
# commands in turn: copydesk export with an empty render cache (cold), again with the cache the cold
# run left (warm), Hugo. Each run writes into its own fresh, empty mktemp directory; nothing is
# removed inside a timed command, and no output is removed before all runs are done (on ext4,
# creating files right after a mass removal is slow, for both tools). One untimed warm-up round.
# Times and peak RSS are GNU time's (/usr/bin/time) for the whole process; ratios are per round,
# copydesk/Hugo, then median (min-max); cpu = user + sys. The load is printed per round: on a busy
# machine read the cpu ratios. Skips (exit 0) when hugo is absent; CI does not run it.
# The pinned Hugo: CGO_ENABLED=0 go install github.com/gohugoio/hugo@v0.165.0 (looked up on PATH,
# then in $(go env GOPATH)/bin). COPYDESK_COMPARE_DIR=DIR keeps the corpus and database in DIR and
# reuses them next time for the same size (importing 10,000 articles takes minutes). Last, RUNS
# no-change re-exports into the last warm run's site: the whole-process floor of an incremental export.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=${RUNS:-5} n=${COPYDESK_CORPUS_N:-1000} chars=${COPYDESK_CORPUS_CHARS:-12000}
PATH=$PATH:$(go env GOPATH)/bin
if ! hugo=$(command -v hugo); then
	echo "hugo-compare: hugo is not installed (CGO_ENABLED=0 go install github.com/gohugoio/hugo@v0.165.0); skipping"
	exit 0
fi
[ -x /usr/bin/time ] || { echo "hugo-compare: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ -n "${COPYDESK_COMPARE_DIR:-}" ]; then work=$COPYDESK_COMPARE_DIR && mkdir -p "$work"
else work=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-hugo-compare-XXXXXX"); fi
outs=$(mktemp -d "$work/runs-XXXXXX")
trap 'rm -rf "$outs"; [ -n "${COPYDESK_COMPARE_DIR:-}" ] || rm -rf "$work"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== $("$hugo" version)"
echo "== $(go version); $(nproc) CPUs; load at start $(load)"
echo "== copydesk at $(git -C "$repo" describe --always --dirty 2>/dev/null || echo '?') ($repo)"
(cd "$repo" && go build -o "$work/copydesk" ./cmd/copydesk && go test -c -o "$work/export.test" ./export)
corpus=$work/corpus-$n-$chars
db=$corpus/copydesk.db
copydesk=(env -u GOGC -u GOMEMLIMIT COPYDESK_DB="$db" "$work/copydesk" --as admin) # GOGC: the CLI's own
if [ ! -s "$corpus/imported" ]; then
	echo "== writing $n articles of ~$chars characters and importing them (not timed)"
	rm -rf "$corpus" && mkdir -p "$corpus"
	COPYDESK_CORPUS_DIR=$corpus COPYDESK_CORPUS_N=$n COPYDESK_CORPUS_CHARS=$chars COPYDESK_CORPUS_ONLY=1 \
		"$work/export.test" -test.run '^TestWriteCorpusForHugo$' >/dev/null
	COPYDESK_DB=$db "$work/copydesk" user add admin --display 管理员 --role admin >/dev/null
	"${copydesk[@]}" import "$corpus/hugo/content/articles" --published | tail -1 >"$corpus/imported"
fi
echo "== corpus: $(cat "$corpus/imported"); $(find "$corpus/hugo/content" -name '*.md' -exec cat {} + | wc -m |
	awk -v n="$n" '{printf "%d", $1/n}') characters per Markdown file; database $(du -m "$db" | cut -f1) MB"

# timed NAME CMD...: runs CMD, an argument OUT replaced by a fresh empty directory, under GNU time;
# appends "NAME wall user sys maxrss_kb" to $outs/times, keeps the output in $outs/NAME.log.
timed() {
	local name=$1 out a args=()
	shift
	out=$(mktemp -d "$outs/$name-XXXXXX")
	for a; do if [ "$a" = OUT ]; then args+=("$out"); else args+=("$a"); fi; done
	if ! /usr/bin/time -o "$outs/t" -f '%e %U %S %M' "${args[@]}" >"$outs/$name.log" 2>&1; then
		cat "$outs/$name.log" "$outs/t" >&2
		exit 1
	fi
	echo "$name $(tail -1 "$outs/t")" >>"$outs/times"
	last=$out
}
round() { # round PREFIX: cold, warm, Hugo in turn
	rm -rf "$db.cache" # not timed: the cold run starts without a render cache
	timed "${1}cold" "${copydesk[@]}" export --out OUT
	timed "${1}warm" "${copydesk[@]}" export --out OUT
	site=$last
	timed "${1}hugo" "$hugo" --quiet --noBuildLock -s "$corpus/hugo" -d OUT
}
round warmup-
echo "== warm-up round (not counted): copydesk $(tail -1 "$outs/warmup-warm.log")"
pages() { find "$1/articles" -mindepth 2 -maxdepth 2 -name index.html | wc -l; }
cp=$(pages "$site") hp=$(pages "$last")
echo "   article pages: copydesk $cp, Hugo $hp (of $n); files and directories: copydesk $(find "$site" | wc -l), Hugo $(find "$last" | wc -l)"
[ "$cp" -eq "$n" ] && [ "$hp" -eq "$n" ] || { echo "hugo-compare: not every article was built; not comparable" >&2; exit 1; }
for i in $(seq 1 "$runs"); do
	round ""
	echo "round $i load $(load)" >>"$outs/loads"
done
for i in $(seq 1 "$runs"); do # the floor of an incremental export: start, listing, manifest
	timed nochange "${copydesk[@]}" export --out "$site"
done
echo "== load at end $(load); no-change re-export: $(tail -1 "$outs/nochange.log")"
echo "== $runs rounds; seconds and peak RSS of each whole process, each into a fresh empty directory;"
echo "   cold = render cache removed before the run (not timed), warm = the cache the cold run left"
awk '
function med(v, k,  a, i, j, x, m) { # median (min-max) of v[k,1..runs]
	for (i = 1; i <= runs; i++) a[i] = v[k, i]
	for (i = 2; i <= runs; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
	m = runs % 2 ? a[(runs + 1) / 2] : (a[runs / 2] + a[runs / 2 + 1]) / 2
	return sprintf(f, m) " (" sprintf(f, a[1]) "-" sprintf(f, a[runs]) ")"
}
FILENAME ~ /loads$/ { ld[$2] = $4 " " $5 " " $6; next }
$1 ~ /^warmup-/ { next }
{ i = ++cnt[$1]; w[$1, i] = $2; u[$1, i] = $3; s[$1, i] = $4; c[$1, i] = $3 + $4; r[$1, i] = $5 / 1024 }
END {
	runs = cnt["hugo"]
	printf "%-5s %-25s %-25s %-25s %s\n", "round", "cold: wall  user   sys  MiB", "warm: wall  user   sys  MiB", "Hugo: wall  user   sys  MiB", "load after (1, 5, 15 min)"
	for (i = 1; i <= runs; i++) {
		printf "%-5d", i
		for (t = 0; t < 3; t++) { k = t == 0 ? "cold" : t == 1 ? "warm" : "hugo"; printf " %5.2f %5.2f %5.2f %5.0f  ", w[k, i], u[k, i], s[k, i], r[k, i] }
		printf " %s\n", ld[i]
	}
	for (i = 1; i <= runs; i++) for (t = 0; t < 2; t++) {
		k = t == 0 ? "cold" : "warm"
		rw[k, i] = w[k, i] / w["hugo", i]; rc[k, i] = c[k, i] / c["hugo", i]; ru[k, i] = u[k, i] / u["hugo", i]
	}
	f = "%.2f"
	printf "\nmedian (min-max), seconds   wall                user                sys                 cpu (user+sys)\n"
	for (t = 0; t < 3; t++) { k = t == 0 ? "cold" : t == 1 ? "warm" : "hugo"
		printf "%-27s %-19s %-19s %-19s %s\n", k == "hugo" ? "Hugo" : "copydesk " k, med(w, k), med(u, k), med(s, k), med(c, k) }
	printf "%-27s %-19s %-19s %-19s %s\n", "no-change re-export", med(w, "nochange"), med(u, "nochange"), med(s, "nochange"), med(c, "nochange")
	f = "%.0f"
	printf "peak RSS, MiB               cold %s, warm %s, Hugo %s, no-change %s\n", med(r, "cold"), med(r, "warm"), med(r, "hugo"), med(r, "nochange")
	f = "%.3f"
	printf "\nratio per round, copydesk/Hugo: median (min-max)\n"
	printf "cold/Hugo   wall %s   cpu %s   user %s   (issue 15 target: <= 0.5)\n", med(rw, "cold"), med(rc, "cold"), med(ru, "cold")
	printf "warm/Hugo   wall %s   cpu %s   user %s   (issue 15 target: <= 0.2)\n", med(rw, "warm"), med(rc, "warm"), med(ru, "warm")
}' runs="$runs" "$outs/loads" "$outs/times"
