# image/build-lib.sh: what the image build steps share: messages, progress lines, sizes, fixed times.
# SPDX-License-Identifier: ISC
# Sourced by image/build; every function here works on the variables it sets.

die() {
	printf 'image: %s\n' "$*" >&2
	exit 1
}

# mib BYTES: "12.3 MiB" (or "512 KiB" below one MiB).
mib() {
	awk -v b="$1" 'BEGIN {
		if (b < 1048576) printf "%d KiB", (b + 1023) / 1024;
		else printf "%.1f MiB", b / 1048576 }'
}

# fsize FILE: its size in bytes.
fsize() {
	stat -c %s "$1"
}

# dsize DIR: bytes of the regular files under DIR.
dsize() {
	find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'
}

# step_begin NAME / step_end TEXT: one progress line per step, with its time.
step_begin() {
	STEP_NAME=$1
	STEP_T0=$(date +%s%N)
}

step_end() {
	local ms=$((($(date +%s%N) - STEP_T0) / 1000000))
	printf 'image: %-12s %s (%d.%01d s)\n' "$STEP_NAME" "$*" \
	    $((ms / 1000)) $((ms % 1000 / 100))
}

# settime PATH...: every file and directory under PATH gets SOURCE_DATE_EPOCH.
settime() {
	find "$@" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
}

# sha_hex TEXT: sha256 of TEXT in hex.
sha_hex() {
	printf '%s' "$1" | sha256sum | cut -d' ' -f1
}

# guid_of TEXT: a fixed GUID derived from TEXT (version 4 layout, so tools accept it).
guid_of() {
	local h
	h=$(sha_hex "outpost-guid:$1")
	printf '%s-%s-4%s-8%s-%s\n' "${h:0:8}" "${h:8:4}" "${h:13:3}" \
	    "${h:17:3}" "${h:20:12}" | tr a-f A-F
}

# normperm DIR: modes independent of the umask: directories and programs 0755, other files 0644.
normperm() {
	find "$1" -type d -exec chmod 0755 {} +
	find "$1" -type f -perm /111 -exec chmod 0755 {} +
	find "$1" -type f ! -perm /111 -exec chmod 0644 {} +
}
