# image/build-root.sh: the root file system of a slot: staging tree, squashfs, dm-verity hash tree.
# SPDX-License-Identifier: ISC
# Sourced by image/build. Layout: IMAGE.md "Root filesystem".

# The programs from Debian packages: component package program destination.
ROOT_DEBIAN_PROGS="
nsd nsd nsd usr/sbin/nsd
nsd nsd nsd-checkconf usr/sbin/nsd-checkconf
nsd nsd nsd-control usr/sbin/nsd-control
bird bird2 bird usr/sbin/bird
bird bird2 birdc usr/sbin/birdc
crun crun crun usr/sbin/crun
disk-tools fdisk sfdisk usr/sbin/sfdisk
disk-tools e2fsprogs mke2fs usr/sbin/mkfs.ext4
disk-tools e2fsprogs resize2fs usr/sbin/resize2fs
disk-tools e2fsprogs e2fsck usr/sbin/e2fsck
"

# Outpost's programs from the host's build: program destination.
ROOT_OUTPOST_PROGS="
outpost-node usr/sbin/outpost-node
outpost-gate usr/sbin/outpost-gate
outpost-catalog usr/sbin/outpost-catalog
outpost-netcfg usr/sbin/outpost-netcfg
outpost-agent usr/sbin/outpost-agent
outpost usr/bin/outpost
"

# comp_add COMPONENT PATH: PATH (relative to the root) counts for COMPONENT in the size table.
comp_add() {
	printf '%s\n' "$2" >>"$IMG/components/$1"
}

# root_sources: the program files the root gets, for the library closure.
root_sources() {
	local comp pkg prog dest
	printf '%s\n' "$ROOT_DEBIAN_PROGS" | while read -r comp pkg prog dest; do
		[ -n "$comp" ] && pkg_bin "$pkg" "$prog"
	done
	printf '%s\n' "$ROOT_OUTPOST_PROGS" | while read -r prog dest; do
		[ -n "$prog" ] && printf '%s\n' "$BUILD/$prog"
	done
}

# root_stage DIR: the whole root tree in DIR.
root_stage() {
	local r=$1 comp pkg prog dest n d
	rm -rf "$r"
	mkdir -p "$r"/usr/bin "$r"/usr/sbin "$r"/usr/lib/x86_64-linux-gnu \
	    "$r"/usr/lib64 "$r"/etc/outpost-image/hwprofiles "$r"/var/lib \
	    "$r"/proc "$r"/sys "$r"/dev "$r"/run "$r"/data "$r"/tmp
	ln -s usr/bin "$r/bin"
	ln -s usr/sbin "$r/sbin"
	ln -s usr/lib "$r/lib"
	ln -s usr/lib64 "$r/lib64"
	printf '%s\n' "$ROOT_DEBIAN_PROGS" | while read -r comp pkg prog dest; do
		[ -n "$comp" ] || continue
		install -m 0755 "$(pkg_bin "$pkg" "$prog")" "$r/$dest"
		comp_add "$comp" "$dest"
	done
	printf '%s\n' "$ROOT_OUTPOST_PROGS" | while read -r prog dest; do
		[ -n "$prog" ] || continue
		strip --strip-unneeded -o "$r/$dest" "$BUILD/$prog"
		chmod 0755 "$r/$dest"
		comp_add outpost "$dest"
	done
	for n in $(printf '%s\n' "${!LIBS[@]}" | LC_ALL=C sort); do
		d=usr/lib/x86_64-linux-gnu/$n
		install -m 0644 "${LIBS[$n]}" "$r/$d"
		comp_add libraries "$d"
	done
	chmod 0755 "$r/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
	ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \
	    "$r/usr/lib64/ld-linux-x86-64.so.2"
	ln -s ../bin/outpost "$r/usr/sbin/poweroff"
	ln -s ../bin/outpost "$r/usr/sbin/reboot"
	ln -s /data/etc "$r/etc/outpost"
	ln -s /data/state "$r/var/lib/outpost"
	ln -s /data/log "$r/var/log"
	ln -s /run/outpost/resolv.conf "$r/etc/resolv.conf"
	cp -R image/rootfs/. "$r/"
	install -m 0644 "$PKGS/e2fsprogs/etc/mke2fs.conf" "$r/etc/mke2fs.conf"
	printf '%s\n' "$VERSION" >"$r/etc/outpost-image/version"
	install -m 0644 "$RELEASE_PUB" "$r/etc/outpost-image/release.pub"
	for n in "${HWPROFILE_FILES[@]}"; do
		install -m 0644 "$n" "$r/etc/outpost-image/hwprofiles/"
	done
	normperm "$r"
	chmod 1777 "$r/tmp"
	settime "$r"
}

# root_squash DIR OUT: the squashfs of DIR, padded to 4096 bytes.
root_squash() {
	rm -f "$2"
	env -u SOURCE_DATE_EPOCH mksquashfs "$1" "$2" -noappend -quiet -no-progress -all-root \
	    -no-xattrs -comp zstd -Xcompression-level 19 -b 1M \
	    -mkfs-time "$SOURCE_DATE_EPOCH" -all-time "$SOURCE_DATE_EPOCH" \
	    >"$IMG/mksquashfs.log" 2>&1 ||
	    die "cannot make squashfs: $(tail -1 "$IMG/mksquashfs.log")"
	truncate -s $((($(fsize "$2") + 4095) / 4096 * 4096)) "$2"
}

# root_verity SQUASHFS SLOTFILE: the slot payload (squashfs, then the hash
# tree at block DATA_BLOCKS); sets DATA_BLOCKS, ROOTHASH, SALT, VERITY_BYTES.
root_verity() {
	local tree=$IMG/verity.tree out
	DATA_BLOCKS=$(($(fsize "$1") / 4096))
	SALT=$(sha_hex "outpost-verity-salt:$VERSION")
	rm -f "$tree"
	: >"$tree"
	out=$(veritysetup format --no-superblock --format=1 --hash=sha256 \
	    --data-block-size=4096 --hash-block-size=4096 --salt="$SALT" \
	    "$1" "$tree" 2>&1) || die "cannot make the verity hash tree: $out"
	ROOTHASH=$(printf '%s\n' "$out" | sed -n 's/^Root hash:[[:space:]]*//p')
	[ -n "$ROOTHASH" ] || die "cannot make the verity hash tree: no root hash in: $out"
	VERITY_BYTES=$(fsize "$tree")
	cat "$1" "$tree" >"$2"
}
