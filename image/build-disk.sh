# image/build-disk.sh: the FAT partitions (ESP, OUTPOST-CFG) and the GPT disk that holds them and slot A.
# SPDX-License-Identifier: ISC
# Sourced by image/build. No loop mounts: mkfs.vfat and mtools on files,
# sfdisk on the image file, partitions written with dd conv=notrunc.

# Partition table in MiB (start, size); the image ends 1 MiB after OUTPOST-CFG
# (room for the backup GPT). outpost-data is made by init on first boot.
DISK_ESP_START=1
DISK_ESP_SIZE=128
DISK_SLOT_SIZE=320
DISK_A_START=$((DISK_ESP_START + DISK_ESP_SIZE))
DISK_B_START=$((DISK_A_START + DISK_SLOT_SIZE))
DISK_CFG_START=$((DISK_B_START + DISK_SLOT_SIZE))
# OUTPOST-CFG: room for network.conf, node.conf and an update file (about
# 20 MiB) a person drops there (docs/updates.md).
DISK_CFG_SIZE=64
DISK_SIZE=$((DISK_CFG_START + DISK_CFG_SIZE + 1))

GPT_ESP=C12A7328-F81F-11D2-BA4B-00A0C93EC93B
GPT_LINUX=0FC63DAF-8483-4772-8E79-3D69D8477DE4
GPT_BASIC=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7

# fat_put IMG SRC: copy the tree SRC into the FAT image IMG, in sorted order
# (mtools takes times from SOURCE_DATE_EPOCH and, with -m, from the files).
fat_put() {
	local img=$1 src=$2 p
	export MTOOLS_SKIP_CHECK=1 SOURCE_DATE_EPOCH
	(cd "$src" && find . -mindepth 1 -type d | LC_ALL=C sort) | while read -r p; do
		mmd -i "$img" "::/${p#./}" || die "cannot make directory ${p#./} in $img"
	done
	(cd "$src" && find . -type f | LC_ALL=C sort) | while read -r p; do
		mcopy -m -i "$img" "$src/${p#./}" "::/${p#./}" ||
		    die "cannot copy ${p#./} into $img"
	done
}

# fat_make IMG MIB FATBITS LABEL VOLID SRC: a FAT file system of MIB MiB holding SRC.
fat_make() {
	rm -f "$1"
	mkfs.vfat -C "$1" $(($2 * 1024)) -F "$3" -S 512 -n "$4" --invariant \
	    -i "$5" >"$IMG/mkfs.log" 2>&1 ||
	    die "cannot make FAT file system $1: $(tail -1 "$IMG/mkfs.log")"
	normperm "$6"
	settime "$6"
	fat_put "$1" "$6"
}

# esp_stage DIR: the ESP's files: systemd-boot, loader.conf, slot A's entry, kernel and initramfs.
esp_stage() {
	local d=$1 boot=$PKGS/systemd-boot-efi/usr/lib/systemd/boot/efi/systemd-bootx64.efi
	[ -f "$boot" ] || die "cannot find systemd-bootx64.efi in systemd-boot-efi"
	rm -rf "$d"
	mkdir -p "$d/EFI/BOOT" "$d/EFI/systemd" "$d/loader/entries" "$d/outpost/a"
	cp "$boot" "$d/EFI/BOOT/BOOTX64.EFI"
	cp "$boot" "$d/EFI/systemd/systemd-bootx64.efi"
	printf 'timeout 0\ndefault outpost-*\neditor no\nconsole-mode keep\n' \
	    >"$d/loader/loader.conf"
	cat >"$d/loader/entries/outpost-a+3.conf" <<EOT
title Outpost $VERSION (slot a)
version $VERSION
sort-key outpost
linux /outpost/a/vmlinuz
initrd /outpost/a/initrd.img
options $CMDLINE
EOT
	cp "$KERNEL" "$d/outpost/a/vmlinuz"
	cp "$INITRD" "$d/outpost/a/initrd.img"
}

# cfg_stage DIR: what the person finds on OUTPOST-CFG (DOS line ends: read on any laptop).
cfg_stage() {
	local f
	rm -rf "$1"
	mkdir -p "$1"
	for f in image/build-cfg/*; do
		sed 's/$/\r/' "$f" >"$1/${f##*/}"
	done
}

# disk_make OUT: the GPT image with ESP, slot A (slot B all zero) and OUTPOST-CFG.
disk_make() {
	local out=$1 mib=2048
	rm -f "$out"
	truncate -s "${DISK_SIZE}M" "$out"
	sfdisk --no-reread --no-tell-kernel -q "$out" >"$IMG/sfdisk.log" 2>&1 <<EOT || die "cannot write the partition table: $(tail -1 "$IMG/sfdisk.log")"
label: gpt
label-id: $(guid_of disk)
unit: sectors
first-lba: 2048
start=$((DISK_ESP_START * mib)), size=$((DISK_ESP_SIZE * mib)), type=$GPT_ESP, uuid=$(guid_of esp), name="OUTPOST-ESP"
start=$((DISK_A_START * mib)), size=$((DISK_SLOT_SIZE * mib)), type=$GPT_LINUX, uuid=$(guid_of slot-a), name="outpost-a"
start=$((DISK_B_START * mib)), size=$((DISK_SLOT_SIZE * mib)), type=$GPT_LINUX, uuid=$(guid_of slot-b), name="outpost-b"
start=$((DISK_CFG_START * mib)), size=$((DISK_CFG_SIZE * mib)), type=$GPT_BASIC, uuid=$(guid_of cfg), name="OUTPOST-CFG"
EOT
	disk_put "$out" "$ESP_IMG" "$DISK_ESP_START" "$DISK_ESP_SIZE"
	disk_put "$out" "$SLOT_IMG" "$DISK_A_START" "$DISK_SLOT_SIZE"
	disk_put "$out" "$CFG_IMG" "$DISK_CFG_START" "$DISK_CFG_SIZE"
}

# disk_put DISK PART START_MIB SIZE_MIB: write PART into the disk at START.
disk_put() {
	[ "$(fsize "$2")" -le $(($4 * 1048576)) ] ||
	    die "cannot fit ${2##*/} ($(mib "$(fsize "$2")")) into $4 MiB"
	dd if="$2" of="$1" bs=1M seek="$3" conv=notrunc,sparse status=none ||
	    die "cannot write ${2##*/} into the image"
}
