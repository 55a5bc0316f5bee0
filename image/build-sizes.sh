# image/build-sizes.sh: what the image holds and how big each part is: the table at the end and build/image/sizes.txt.
# SPDX-License-Identifier: ISC
# Sourced by image/build. A row's key names its place (esp.kernel: the
# kernel on the ESP); raw is its size in bytes, xz what it compresses to
# alone with xz -9, measured only for parts that are not compressed already
# ("-": they add about their raw size to outpost.img.xz).

SIZES_ROWS=""

# xz_of FILE...: bytes of the FILEs concatenated, compressed with xz -9.
xz_of() {
	cat "$@" | xz -9 -T1 -c | wc -c
}

# size_row KEY RAW XZ NOTE: one row of the table and of sizes.txt.
size_row() {
	SIZES_ROWS="$SIZES_ROWS$1	$2	$3	$4
"
}

# size_files KEY NOTE DIR PATH...: a row for files under DIR, with their xz size.
size_files() {
	local key=$1 note=$2 dir=$3 raw
	shift 3
	set -- $(for p; do printf '%s/%s\n' "$dir" "$p"; done)
	raw=$(cat "$@" | wc -c)
	size_row "$key" "$raw" "$(xz_of "$@")" "$note"
}

# size_component KEY NAME NOTE: a row for root component NAME (listed by comp_add).
size_component() {
	size_files "$1" "$3" "$ROOT" $(cat "$IMG/components/$2")
}

# sizes_report: print the table, write $IMG/sizes.txt.
sizes_report() {
	{
		printf '# outpost image %s: key raw-bytes xz-bytes (xz: the part alone with xz -9; -: compressed already)\n' "$VERSION"
		printf '%s' "$SIZES_ROWS" | awk -F'\t' 'NF { print $1, $2, $3 }'
	} >"$IMG/sizes.txt"
	printf '\n%-22s %11s %11s  %s\n' part raw xz ""
	printf '%s' "$SIZES_ROWS" | awk -F'\t' 'NF {
		d = gsub(/\./, ".", $1); n = $1; sub(/.*\./, "", n)
		n = sprintf("%*s%s", 2 * d, "", n)
		x = ($3 == "-") ? "-" : sprintf("%.2f MiB", $3 / 1048576)
		printf "%-22s %7.2f MiB %11s  %s\n", n, $2 / 1048576, x, $4 }'
	printf '\n'
}
