# image/build-sizes.sh: what the image holds and how big each part is: the table at the end and build/image/sizes.txt.
# SPDX-License-Identifier: ISC
# Sourced by image/build. Each part is measured raw and alone compressed
# with xz -9 (what it adds to outpost.img.xz, roughly: the parts that are
# compressed already barely shrink).

SIZES_ROWS=""

# xz_of FILE...: bytes of the FILEs concatenated, compressed with xz -9.
xz_of() {
	cat "$@" | xz -9 -T1 -c | wc -c
}

# size_row NAME RAW XZ NOTE: one row of the table (and of sizes.txt).
size_row() {
	SIZES_ROWS="$SIZES_ROWS$1	$2	$3	$4
"
}

# size_files NAME NOTE DIR PATH...: a row for files under DIR.
size_files() {
	local name=$1 note=$2 dir=$3 raw
	shift 3
	set -- $(for p; do printf '%s/%s\n' "$dir" "$p"; done)
	raw=$(cat "$@" | wc -c)
	size_row "$name" "$raw" "$(xz_of "$@")" "$note"
}

# size_component NAME NOTE: a row for a root component listed by comp_add.
size_component() {
	size_files "$1" "$2" "$ROOT" $(cat "$IMG/components/$1")
}

# sizes_report: print the table, write $IMG/sizes.txt.
sizes_report() {
	{
		printf '# outpost image %s: component raw-bytes xz-bytes (xz: the part alone, xz -9)\n' "$VERSION"
		printf '%s' "$SIZES_ROWS" | awk -F'\t' 'NF { print $1, $2, $3 }'
	} >"$IMG/sizes.txt"
	printf '\n%-16s %12s %12s  %s\n' component raw xz ""
	printf '%s' "$SIZES_ROWS" | awk -F'\t' 'NF {
		r = $2 / 1048576; x = ($3 == "-") ? "-" : sprintf("%.2f MiB", $3 / 1048576)
		printf "%-16s %8.2f MiB %12s  %s\n", $1, r, x, $4 }'
	printf '\n'
}
