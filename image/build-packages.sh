# image/build-packages.sh: Debian packages for the image: fetch into the cache, extract, and the library closure.
# SPDX-License-Identifier: ISC
# Sourced by image/build. Packages are fetched with `apt-get download` into
# $CACHE (kept between builds) and extracted with `dpkg-deb -x` under $PKGS;
# nothing is installed on the build host.

# pkg_deb NAME: the cached .deb of NAME (empty when not fetched yet).
pkg_deb() {
	local f
	for f in "$CACHE/${1}_"*.deb; do
		[ -e "$f" ] && { printf '%s\n' "$f"; return; }
	done
}

# pkg_fetch NAME...: fetch what the cache lacks (one apt-get run), extract what is not yet extracted.
pkg_fetch() {
	local p missing="" deb
	for p in "$@"; do
		[ -n "$(pkg_deb "$p")" ] || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		(cd "$CACHE" && apt-get -q -o APT::Sandbox::User=root \
		    download $missing >"$IMG/apt.log" 2>&1) ||
		    die "cannot fetch$missing: $(tail -1 "$IMG/apt.log")"
	fi
	for p in "$@"; do
		deb=$(pkg_deb "$p")
		[ -n "$deb" ] || die "cannot fetch $p: apt-get gave no .deb"
		[ -e "$PKGS/$p/.deb" ] &&
		    [ "$(cat "$PKGS/$p/.deb")" = "${deb##*/}" ] && continue
		rm -rf "${PKGS:?}/$p"
		mkdir -p "$PKGS/$p"
		dpkg-deb -x "$deb" "$PKGS/$p" ||
		    die "cannot extract $deb"
		printf '%s\n' "${deb##*/}" >"$PKGS/$p/.deb"
	done
}

# pkg_depends NAME: the packages NAME depends on (first alternative, no versions).
pkg_depends() {
	local deb
	deb=$(pkg_deb "$1")
	{ dpkg-deb -f "$deb" Pre-Depends; dpkg-deb -f "$deb" Depends; } |
	    tr ',' '\n' | sed -e 's/|.*//' -e 's/(.*//' -e 's/:any//' \
	    -e 's/[[:space:]]//g' | grep -v '^$' | sort -u
}

# pkg_kernel: the real kernel package linux-image-amd64 points to.
pkg_kernel() {
	pkg_fetch linux-image-amd64
	pkg_depends linux-image-amd64 | grep '^linux-image-[0-9]' | head -1
}

# pkg_bin PKG NAME: the path of program NAME inside extracted PKG.
pkg_bin() {
	local d
	for d in usr/sbin sbin usr/bin bin; do
		if [ -f "$PKGS/$1/$d/$2" ] && [ ! -L "$PKGS/$1/$d/$2" ]; then
			printf '%s\n' "$PKGS/$1/$d/$2"
			return
		fi
	done
	die "cannot find $2 in package $1"
}

# elf_needed FILE: its DT_NEEDED sonames.
elf_needed() {
	readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

# lib_find SONAME: the file providing SONAME in an extracted package (symlinks resolved in it).
lib_find() {
	local f p
	for f in "$PKGS"/*/lib/x86_64-linux-gnu/"$1" \
	    "$PKGS"/*/usr/lib/x86_64-linux-gnu/"$1"; do
		[ -e "$f" ] || [ -L "$f" ] || continue
		p=$f
		while [ -L "$p" ]; do
			case $(readlink "$p") in
			/*) p=$PKGS/$(pkg_of "$p")$(readlink "$p") ;;
			*) p=$(dirname "$p")/$(readlink "$p") ;;
			esac
		done
		[ -f "$p" ] && { printf '%s\n' "$p"; return; }
	done
}

# pkg_of PATH: the package an extracted path belongs to.
pkg_of() {
	local r=${1#"$PKGS"/}
	printf '%s\n' "${r%%/*}"
}

# host_pkg_of SONAME: the host package that provides SONAME (for the host-built Outpost programs).
host_pkg_of() {
	local path real cand
	path=$(ldconfig -p | awk -v s="$1" '$1 == s && /x86-64/ { print $NF; exit }')
	[ -n "$path" ] || return 0
	real=$(readlink -f "$path")
	for cand in "$path" "$real" "${path#/usr}" "${real#/usr}" "/usr$path" "/usr$real"; do
		dpkg -S "$cand" 2>/dev/null | head -1 | cut -d: -f1 && return
	done
}

# lib_closure FILE...: every shared library FILEs need, found in extracted
# packages, fetching dependencies of the owners until nothing is missing.
# Sets LIBS (soname -> file). Files outside $PKGS are the host's build: their
# libraries come from the host package that provides them, fetched from Debian.
declare -A LIBS
lib_closure() {
	local -a work=("$@")
	local -A seen missing_by
	local f n p owner fetch more
	while :; do
		missing_by=()
		while [ ${#work[@]} -gt 0 ]; do
			f=${work[0]}
			work=("${work[@]:1}")
			[ -n "${seen[$f]:-}" ] && continue
			seen[$f]=1
			for n in $(elf_needed "$f"); do
				[ -n "${LIBS[$n]:-}" ] && continue
				p=$(lib_find "$n")
				if [ -n "$p" ]; then
					LIBS[$n]=$p
					work+=("$p")
				else
					missing_by[$n]=$f
				fi
			done
		done
		[ ${#missing_by[@]} -eq 0 ] && return 0
		fetch=""
		for n in "${!missing_by[@]}"; do
			f=${missing_by[$n]}
			case $f in
			"$PKGS"/*)
				owner=$(pkg_of "$f")
				for p in $(pkg_depends "$owner"); do
					[ -e "$PKGS/$p/.deb" ] || fetch="$fetch $p"
				done ;;
			*)
				p=$(host_pkg_of "$n")
				[ -n "$p" ] && [ ! -e "$PKGS/$p/.deb" ] &&
				    fetch="$fetch $p" ;;
			esac
		done
		fetch=$(printf '%s\n' $fetch | sort -u | tr '\n' ' ')
		if [ -z "${fetch// /}" ]; then
			for n in "${!missing_by[@]}"; do
				printf 'image: cannot find library %s (needed by %s)\n' \
				    "$n" "${missing_by[$n]#"$PKGS"/}" >&2
			done
			die "library closure incomplete"
		fi
		pkg_fetch $fetch
		# Retry everything that missed something.
		for n in "${!missing_by[@]}"; do
			more=${missing_by[$n]}
			unset "seen[$more]"
			work+=("$more")
		done
	done
}
