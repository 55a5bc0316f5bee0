# image.sh: shared by the image cases: a copy of build/outpost.img booted under QEMU (OVMF, USB storage) as a third node of the lab.
# SPDX-License-Identifier: ISC
# Sourced by tests/integration/image-*/run; not a case itself.
#
# The VM's NIC is a tap, eth-vm, in the lab's isp namespace (QEMU runs
# there); the VM's node is 198.51.100.66 / 2001:db8:100:5::2 and peers
# with isp's BIRD as `vm_v4`/`vm_v6` (docs/lab.md).  Its serial console is
# a unix socket read by tests/tools/vmconsole.py, which logs every line
# with host seconds into $VMLOG and answers scripted questions.  QEMU runs
# under TCG (KVM is present on these machines but hangs at boot), -cpu max
# for RDRAND: the kernel's random numbers are ready at once.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

IMG=${OUTPOST_IMAGE:-$OUTPOST_BIN/outpost.img}
OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd
VMCONSOLE=$ROOT/tests/tools/vmconsole.py
VMT=
VMLOG=
VM_PID=
CON_PID=
VM_MARK=0
# Memory and CPUs of the VM: NSD, BIRD and crun in containers, as on a small server.
VM_MEM=${VM_MEM:-1536}
VM_CPUS=${VM_CPUS:-2}

# ns HOST: the lab namespace of HOST (as tests/lab/lab names them).
ns() { echo "$LAB_PREFIX-$1"; }

skip() { echo "SKIP: $*"; exit 77; }

# image_need: the built image and what boots it, or the case is skipped.
image_need() {
	command -v qemu-system-x86_64 >/dev/null || skip "no qemu-system-x86_64"
	[ -r "$OVMF_CODE" ] && [ -r "$OVMF_VARS" ] || skip "no OVMF ($OVMF_CODE)"
	[ -r "$IMG" ] || fail "no image at $IMG: make image builds it"
	command -v mcopy >/dev/null || fail "no mtools (make deps)"
}

# image_lab: the lab without nodes (topology, primary, isp BIRD) and a
# scratch dir for the VM, both removed when the case exits however it exits.
# image_lab [--enrol]: the lab without nodes (with --enrol: and
# outpost-controller beside the primary, the lab's fleet applied).
image_lab() {
	image_need
	VMT=$(mktemp -d /tmp/outpost-vm.XXXXXX)
	VMLOG=$VMT/console.log
	trap 'rc=$?; vm_kill; stop_bg; vm_keep_log; if [ $rc != 0 ]; then lab_tails >&2; vm_tail >&2; fi; "$LAB" down >/dev/null 2>&1; rm -rf "$VMT"; exit $rc' EXIT
	"$LAB" up --no-node "$@" >/dev/null || fail "lab up failed"
}

# vm_disk [IMAGE]: a fresh disk for the VM: a copy of the image, 1 GiB
# larger (the data partition is made from the rest on first boot), and
# fresh EFI variables.
vm_disk() {
	cp --sparse=always "${1:-$IMG}" "$VMT/disk.img" || fail "cannot copy the image"
	truncate -s +1G "$VMT/disk.img" || fail "cannot grow the disk"
	cp "$OVMF_VARS" "$VMT/vars.fd" || fail "cannot copy $OVMF_VARS"
}

# part_field FIELD LABEL [DISK]: start or size, in bytes, of the partition named LABEL.
part_field() {
	sfdisk --json "${3:-$VMT/disk.img}" 2>/dev/null | python3 -c '
import json, sys
t = json.load(sys.stdin)["partitiontable"]
for p in t["partitions"]:
    if p.get("name") == sys.argv[2]:
        print(p[sys.argv[1]] * t.get("sectorsize", 512)); break
else:
    sys.exit(1)' "$1" "$2"
}

# part_offset LABEL [DISK]: byte offset of the partition named LABEL.
part_offset() { part_field start "$@"; }

# part_size LABEL [DISK]: its size in bytes.
part_size() { part_field size "$@"; }

# cfg_put FILE NAME: FILE onto the OUTPOST-CFG partition as NAME (the VM is off).
cfg_put() {
	local off
	off=$(part_offset OUTPOST-CFG) || fail "no OUTPOST-CFG partition"
	mcopy -o -i "$VMT/disk.img@@$off" "$1" "::$2" || fail "cannot put $2 on OUTPOST-CFG"
}

# cfg_del NAME: remove NAME from OUTPOST-CFG (the VM is off).
cfg_del() {
	local off
	off=$(part_offset OUTPOST-CFG) || fail "no OUTPOST-CFG partition"
	mdel -i "$VMT/disk.img@@$off" "::$1" 2>/dev/null || true
}

# esp_ls: the boot entries on the ESP (the VM is off), one per line, sorted.
esp_ls() {
	local off
	off=$(part_offset OUTPOST-ESP) || fail "no OUTPOST-ESP partition"
	mdir -b -i "$VMT/disk.img@@$off" ::/loader/entries 2>/dev/null |
		sed 's|.*/||' | sort
}

# esp_cat NAME: a boot entry's text (the VM is off).
esp_cat() {
	local off
	off=$(part_offset OUTPOST-ESP) || fail "no OUTPOST-ESP partition"
	mtype -i "$VMT/disk.img@@$off" "::/loader/entries/$1"
}

# vm_start [SCRIPT]: boot the VM in the background; SCRIPT answers the
# serial console (vmconsole.py's format).  The console log goes on across
# boots; vm_mark/vm_wait look only at what comes after the last mark.
vm_start() {
	local script=${1:-}
	rm -f "$VMT/serial.sock" "$VMT/monitor.sock"
	echo "0.000 ===== vm_start $(date -u +%T)" >>"$VMLOG"
	vm_mark
	ip netns exec "$(ns isp)" qemu-system-x86_64 -machine q35 -accel tcg -cpu max \
		-m "$VM_MEM" -smp "$VM_CPUS" -display none -no-user-config -nodefaults \
		-drive if=pflash,format=raw,unit=0,readonly=on,file="$OVMF_CODE" \
		-drive if=pflash,format=raw,unit=1,file="$VMT/vars.fd" \
		-device VGA \
		-chardev socket,id=ser0,path="$VMT/serial.sock",server=on,wait=on \
		-serial chardev:ser0 \
		-monitor unix:"$VMT/monitor.sock",server=on,wait=off \
		-device qemu-xhci,id=xhci \
		-drive if=none,id=usbdisk,format=raw,file="$VMT/disk.img" \
		-device usb-storage,bus=xhci.0,drive=usbdisk,bootindex=0 \
		-netdev tap,id=n0,ifname=eth-vm,script=no,downscript=no \
		-device virtio-net-pci,netdev=n0,mac=52:54:00:00:00:66 \
		>"$VMT/qemu.out" 2>&1 &
	VM_PID=$!
	python3 "$VMCONSOLE" console "$VMT/serial.sock" "$VMLOG" $script &
	CON_PID=$!
}

# vm_mark: later vm_wait calls look only at console lines from here on.
vm_mark() { VM_MARK=$(wc -l <"$VMLOG" 2>/dev/null || echo 0); }

# vm_seen REGEX: the console showed REGEX since the mark.
vm_seen() { tail -n +"$((VM_MARK + 1))" "$VMLOG" | grep -Eq -- "$1"; }

# vm_wait SECONDS DESCRIPTION REGEX: wait until the console shows REGEX
# since the mark (a deadline for a hang, not a timing assertion); fails
# early when QEMU has exited.
vm_wait() {
	local secs=$1 what=$2 re=$3 i
	for i in $(seq $((secs * 5))); do
		vm_seen "$re" && return 0
		vm_running || { vm_seen "$re" && return 0; fail "$what: the VM stopped"; }
		sleep 0.2
	done
	fail "$what: not within $secs s"
}

# vm_cad: ctrl-alt-delete at the VGA keyboard until PID 1 says it stops
# (since the mark): under TCG a key press is now and then lost.
vm_cad() {
	local try i
	for try in 1 2 3 4 5; do
		vm_monitor sendkey ctrl-alt-delete >/dev/null
		for i in $(seq 100); do
			vm_seen "signal 2: stopping" && return 0
			sleep 0.2
		done
	done
	fail "ctrl-alt-delete sent 5 times, PID 1 never stopped"
}

vm_running() { [ -n "$VM_PID" ] && kill -0 "$VM_PID" 2>/dev/null; }

# vm_monitor COMMAND...: a command to QEMU's monitor.
vm_monitor() { python3 "$VMCONSOLE" monitor "$VMT/monitor.sock" "$@"; }

# vm_kill: pull the plug (SIGKILL QEMU), wait for it and its console.
vm_kill() {
	[ -n "$VM_PID" ] || return 0
	kill -9 "$VM_PID" 2>/dev/null || true
	wait "$VM_PID" 2>/dev/null || true
	[ -z "$CON_PID" ] || wait "$CON_PID" 2>/dev/null || true
	VM_PID= CON_PID=
}

# vm_wait_exit SECONDS: wait until the VM has stopped by itself.
vm_wait_exit() {
	local secs=$1 i
	for i in $(seq $((secs * 5))); do
		vm_running || { vm_kill; return 0; }
		sleep 0.2
	done
	fail "the VM did not stop within $secs s"
}

# vm_keep_log: the whole console log kept as build/image-test/logs/CASE.console
# (read it after a failure; make bench reads boot phases from it).
vm_keep_log() {
	local d=$OUTPOST_BIN/image-test/logs
	[ -n "$VMLOG" ] && [ -f "$VMLOG" ] || return 0
	mkdir -p "$d" && cp "$VMLOG" "$d/$(basename "$(dirname "$0")").console" || true
}

# vm_tail: the end of the console log, for a failed case.
vm_tail() {
	[ -n "$VMLOG" ] && [ -f "$VMLOG" ] || return 0
	echo "--- tail of the VM's console"
	tail -n 60 "$VMLOG"
	[ ! -s "$VMT/qemu.out" ] || { echo "--- qemu"; tail -n 10 "$VMT/qemu.out"; }
}

# vm_dig NAME TYPE [ADDR] [dig options]: the client's short answer
# (default: the root tenant's address); empty when none came.
vm_dig() {
	local n=$1 t=$2 a=${3:-192.0.2.1}
	shift 2
	[ $# -eq 0 ] || shift
	q client "$a" "$n" "$t" "$@" || true
}

# vm_identity: the client gets hostname.bind from the VM (waits for it:
# the isp's route may be fresh).
vm_identity() {
	wait_for 60 "hostname.bind from the VM" sh -c \
		"ip netns exec $(ns client) dig @192.0.2.1 hostname.bind TXT -c CH +short +time=1 +tries=1 | grep -qx '\"vm1.lab.outpost.test\"'"
}

# ---- updates

# vm_poweroff: the power button (ACPI, QEMU's system_powerdown): the node
# stops its tenants, unmounts /data and powers off; wait for QEMU to end.
vm_poweroff() {
	vm_monitor system_powerdown >/dev/null
	vm_wait_exit 300
}

# vm_preseed [TIMEOUT]: network.conf and node.conf on OUTPOST-CFG, so the
# first boot asks nothing; node.conf's update-confirm-timeout is TIMEOUT
# seconds (default 120).
vm_preseed() {
	cfg_put "$ROOT/tests/lab/vm-network.conf" network.conf
	sed "s/^\(\tnsid: vm1\)$/\1\n\tupdate-confirm-timeout: ${1:-120}/" \
		"$ROOT/tests/lab/vm-node.conf" >"$VMT/node.conf"
	grep -q update-confirm-timeout "$VMT/node.conf" || fail "cannot set update-confirm-timeout"
	cfg_put "$VMT/node.conf" node.conf
}

# image_version: the version of the image under test (its slot A entry).
image_version() {
	local off
	off=$(part_offset OUTPOST-ESP "$IMG") || fail "no OUTPOST-ESP in $IMG"
	mtype -i "$IMG@@$off" "::/loader/entries/outpost-a+3.conf" | awk '$1 == "version" { print $2 }'
}

# image_update VERSION [broken]: the update file of this tree's image as
# version VERSION, made once into $OUTPOST_BIN/image-test/ (the image
# build with the same package cache, only the update file).  "broken":
# its root's nsd is an empty file, so no tenant ever gets healthy.
image_update() {
	local v=$1 kind=${2:-good} dir=$OUTPOST_BIN/image-test/$1 extra=
	if [ ! -s "$dir/outpost-$v.update" ] || [ "$IMG" -nt "$dir/outpost-$v.update" ]; then
		rm -rf "$dir"
		mkdir -p "$dir" || fail "cannot create $dir"
		if [ "$kind" = broken ]; then
			extra=$dir/extra
			mkdir -p "$extra/usr/sbin" && : >"$extra/usr/sbin/nsd" && chmod 755 "$extra/usr/sbin/nsd" ||
				fail "cannot make the broken root's overlay"
		fi
		(cd "$ROOT" && BUILD=$OUTPOST_BIN OUTPOST_VERSION=$v IMAGE_UPDATE_ONLY=1 \
			IMAGE_ROOT_EXTRA=$extra IMAGE_OUT=$dir/outpost.img IMAGE_WORK=$dir/work \
			image/build) >"$dir/build.log" 2>&1 || { tail -n 20 "$dir/build.log" >&2; fail "cannot build update $v"; }
		rm -rf "$dir/work"
	fi
	[ -s "$dir/outpost-$v.update" ] || fail "no update file $dir/outpost-$v.update"
	echo "$dir/outpost-$v.update"
}

# slot_is_zero LABEL: the partition holds only zeros (never written).
slot_is_zero() {
	local off size
	off=$(part_offset "$1") && size=$(part_size "$1") || fail "no partition $1"
	cmp -s -n "$size" <(tail -c +"$((off + 1))" "$VMT/disk.img") /dev/zero
}

# flip_byte LABEL OFFSET: one byte of partition LABEL inverted, at OFFSET into it.
flip_byte() {
	local off
	off=$(part_offset "$1") || fail "no partition $1"
	python3 - "$VMT/disk.img" "$((off + $2))" <<-'PY' || fail "cannot flip a byte"
	import sys
	with open(sys.argv[1], "r+b") as f:
	    f.seek(int(sys.argv[2])); b = f.read(1); f.seek(int(sys.argv[2])); f.write(bytes([b[0] ^ 0xff]))
	PY
}
