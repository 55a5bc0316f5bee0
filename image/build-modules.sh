# image/build-modules.sh: the kernel modules of the initramfs: modules.base and the profiles' modules, with dependencies.
# SPDX-License-Identifier: ISC
# Sourced by image/build. Debian's kernel package ships no modules.dep
# (its postinst runs depmod), so the build runs `depmod -b` on the extracted
# package. A module of modules.base or of a profile that the kernel has
# neither as module nor built in fails the build.

# mod_norm NAME: the kernel's spelling of a module name (dashes become underscores).
mod_norm() {
	printf '%s\n' "$1" | tr - _
}

# mod_index KDIR: MODPATH[name] (path relative to KDIR), MODDEPS[name] and BUILTIN[name] from depmod's files.
declare -A MODPATH MODDEPS BUILTIN
mod_index() {
	local kdir=$1 n path deps
	while IFS=$'\t' read -r n path deps; do
		MODPATH[$n]=$path
		MODDEPS[$n]=$deps
	done < <(awk -F': *' '{ n = $1; sub(/.*\//, "", n); sub(/\.ko.*/, "", n);
		gsub(/-/, "_", n); print n "\t" $1 "\t" $2 }' "$kdir/modules.dep")
	while read -r n; do
		BUILTIN[$n]=1
	done < <(awk '{ n = $1; sub(/.*\//, "", n); sub(/\.ko.*/, "", n);
		gsub(/-/, "_", n); print n }' "$kdir/modules.builtin")
}

# mod_alias KDIR ALIAS: the modules an exact alias names (for softdeps like crypto-crc32c).
mod_alias() {
	awk -v a="$2" '$1 == "alias" && $2 == a { print $3 }' "$1/modules.alias"
}

# mod_softdeps KDIR NAME: the modules NAME wants loaded before it (softdep pre:).
mod_softdeps() {
	local s m
	for s in $(awk -v n="$2" '$1 == "softdep" && $2 == n {
		for (i = 3; i <= NF && $i != "post:"; i++) if ($i != "pre:") print $i }' \
	    "$1/modules.softdep"); do
		m=$(mod_norm "$s")
		if [ -n "${MODPATH[$m]:-}" ] || [ -n "${BUILTIN[$m]:-}" ]; then
			printf '%s\n' "$m"
		else
			mod_alias "$1" "$s" | while read -r m; do mod_norm "$m"; done
		fi
	done | sort -u
}

# mod_select KDIR WHO NAME...: add NAMEs (and softdeps) to SELECTED; a name
# the kernel lacks fails the build, naming WHO asked for it.
declare -A SELECTED
MOD_PRELOAD=""
MOD_SKIPPED=""
mod_select() {
	local kdir=$1 who=$2 n s
	shift 2
	for n in "$@"; do
		n=$(mod_norm "$n")
		if [ -n "${BUILTIN[$n]:-}" ]; then
			MOD_SKIPPED="$MOD_SKIPPED $n"
			continue
		fi
		[ -n "${MODPATH[$n]:-}" ] ||
		    die "$who names module $n, which kernel $KVER has neither as module nor built in"
		SELECTED[$n]=1
		for s in $(mod_softdeps "$kdir" "$n"); do
			[ -n "${BUILTIN[$s]:-}" ] && continue
			[ -n "${SELECTED[$s]:-}" ] && continue
			SELECTED[$s]=1
			MOD_PRELOAD="$MOD_PRELOAD $s"
		done
	done
}

# mod_list DEST FILE NAME...: DEST/FILE lists the selected NAMEs that
# DEST/modules.base and DEST/modules.root (as far as written) do not.
mod_list() {
	local dest=$1 file=$2 n f earlier=""
	shift 2
	for f in modules.base modules.root; do
		[ "$f" != "$file" ] && [ -f "$dest/$f" ] && earlier="$earlier $(cat "$dest/$f")"
	done
	for n in "$@"; do
		n=$(mod_norm "$n")
		[ -n "${SELECTED[$n]:-}" ] || continue
		case " $(echo $earlier) " in *" $n "*) continue ;; esac
		printf '%s\n' "$n"
	done | awk '!seen[$0]++' >"$dest/$file"
}

# mod_install KDIR DEST BASE...: copy the selected modules and their
# dependencies (uncompressed) to DEST, write DEST/modules.dep with only those
# and DEST/modules.base (softdep modules first, then BASE in order),
# DEST/modules.root (MOD_ROOT) and DEST/modules.late (MOD_LATE), each
# without what an earlier list has.
mod_install() {
	local kdir=$1 dest=$2 n p all
	shift 2
	all=$(for n in "${!SELECTED[@]}"; do
		printf '%s\n' "${MODPATH[$n]}"
		for p in ${MODDEPS[$n]}; do printf '%s\n' "$p"; done
	done | sort -u)
	mkdir -p "$dest"
	: >"$dest/modules.dep"
	for p in $all; do
		mkdir -p "$dest/$(dirname "$p")"
		case $p in
		*.ko) cp "$kdir/$p" "$dest/$p" ;;
		*.ko.xz) xz -dc "$kdir/$p" >"$dest/${p%.xz}" ;;
		*.ko.zst) zstd -qdc "$kdir/$p" >"$dest/${p%.zst}" ;;
		*.ko.gz) gzip -dc "$kdir/$p" >"$dest/${p%.gz}" ;;
		*) die "cannot handle module file $p" ;;
		esac
	done
	# modules.dep in depmod's order (kept from the kernel's), paths without compression suffix.
	awk -v want="$(printf '%s\n' $all | tr '\n' ' ')" '
		BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) ok[w[i]] = 1 }
		{ p = $1; sub(/:$/, "", p) }
		ok[p] { print }' "$kdir/modules.dep" |
	    sed -E 's/\.ko\.(xz|zst|gz)/.ko/g' >"$dest/modules.dep"
	{
		for n in $MOD_PRELOAD; do printf '%s\n' "$n"; done
		for n in "$@"; do
			n=$(mod_norm "$n")
			[ -n "${SELECTED[$n]:-}" ] && printf '%s\n' "$n"
		done
	} | awk '!seen[$0]++' >"$dest/modules.base"
	mod_list "$dest" modules.root $MOD_ROOT
	mod_list "$dest" modules.late $MOD_LATE
	MOD_COUNT=$(printf '%s\n' $all | grep -c .)
}
