#!/usr/bin/env bash
# hugo-compare.sh: time Hugo against copydesk's exporter on the same corpus
# (1,000 generated Chinese articles of ~12,000 characters, headings, lists,
# tables, photos). Run from anywhere: bash export/testdata/hugo-compare.sh
# Five paired runs, each into a fresh directory: Hugo, copydesk with an
# empty render cache (cold), copydesk with a warm render cache; prints
# wall and user+sys CPU of each and the ratios copydesk/Hugo.
# Needs Go; skips when hugo is absent. Build the pinned Hugo with
#   CGO_ENABLED=0 go install github.com/gohugoio/hugo@v0.165.0
# (it is looked up on PATH, then in $(go env GOPATH)/bin). RUNS=n overrides 5.
# Caveat: Hugo's time includes its process start and reading the Markdown
# files; copydesk's is the Export call (getrusage around it), the corpus
# being generated in memory untimed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd) # the export package
runs=${RUNS:-5}
PATH=$PATH:$(go env GOPATH)/bin
if ! command -v hugo >/dev/null 2>&1; then
	echo "hugo-compare: hugo is not installed (CGO_ENABLED=0 go install github.com/gohugoio/hugo@v0.165.0); skipping"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-hugo-compare-XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== $(hugo version)"
echo "== $(go version), $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"
(cd "$here" && go test -c -o "$work/export.test" .)

echo "== writing the corpus (not timed)"
COPYDESK_CORPUS_DIR="$work" "$work/export.test" -test.run '^TestWriteCorpusForHugo$' | grep '^copydesk' || true

# cdrun OUT CACHE: prints "wall_ms user_ms sys_ms"
cdrun() {
	COPYDESK_COMPARE_OUT="$1" COPYDESK_COMPARE_CACHE="$2" "$work/export.test" -test.run '^TestTimeExportForCompare$' |
		awk '/^copydesk-run/ {print $2, $3, $4}'
}
# hugorun OUT: prints "wall_ms user_ms sys_ms"
hugorun() {
	local t0 t1 me=$BASHPID
	t0=$(date +%s%N)
	read -r u0 s0 < <(awk '{print $14+$16, $15+$17}' "/proc/$me/stat")
	(cd "$work/hugo" && hugo --quiet --noBuildLock -d "$1" >/dev/null)
	t1=$(date +%s%N)
	read -r u1 s1 < <(awk '{print $14+$16, $15+$17}' "/proc/$me/stat")
	local hz
	hz=$(getconf CLK_TCK)
	echo $(((t1 - t0) / 1000000)) $(((u1 - u0) * 1000 / hz)) $(((s1 - s0) * 1000 / hz))
}
cdrun "$work/warmup" "$work/cache-warm" >/dev/null # fills the warm cache
printf '%-4s %-22s %-22s %-22s %-7s %-7s\n' run "hugo wall/user/sys ms" "cold wall/user/sys" "warm wall/user/sys" cold/h warm/h
for i in $(seq 1 "$runs"); do
	read -r hw hu hs < <(hugorun "$work/h$i")
	read -r cw cu cs < <(cdrun "$work/c$i" "$work/cache-cold-$i")
	read -r ww wu ws < <(cdrun "$work/w$i" "$work/cache-warm")
	printf '%-4s %-22s %-22s %-22s %-7s %-7s\n' "$i" "$hw/$hu/$hs" "$cw/$cu/$cs" "$ww/$wu/$ws" \
		"$(awk -v a="$cw" -v b="$hw" 'BEGIN{printf "%.2f", a/b}')" "$(awk -v a="$ww" -v b="$hw" 'BEGIN{printf "%.2f", a/b}')"
	rm -rf "$work/h$i" "$work/c$i" "$work/w$i" "$work/cache-cold-$i"
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
