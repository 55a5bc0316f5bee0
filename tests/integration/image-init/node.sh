#!/bin/sh
# node.sh: stands in for outpost-node in image-init's root: prints what init left it, keeps a mark on /data, reads a file of the slot, powers off.
# SPDX-License-Identifier: ISC
echo "NODE pid $$"
echo "NODE-BOOT-BEGIN"
cat /run/outpost/boot
echo "NODE-BOOT-END"
grep -E '^[^ ]+ (/|/data|/proc|/sys|/dev|/run) ' /proc/mounts | sed 's/^/NODE mount /'
[ -e /newroot ] && echo "NODE initramfs left behind"
if [ -f /data/marker ]; then
	echo "NODE marker found: $(cat /data/marker)"
else
	echo "NODE marker absent"
fi
n=$(cat /data/boots 2>/dev/null || echo 0)
echo $((n + 1)) >/data/boots
echo "boot$((n + 1))" >/data/marker
echo "NODE data-kb $(df -k /data | awk 'NR == 2 { print $2 }')"
sync
if cat /usr/share/outpost-test/blob >/dev/null; then
	echo "NODE blob read"
fi
if grep -q 'imageinit.efi=write' /proc/cmdline; then
	# as systemd-boot would have set them: the test's next boot is "on trial"
	mount -t efivarfs efivarfs /sys/firmware/efi/efivars
	for v in LoaderBootCountPath LoaderDevicePartUUID; do
		cat "/usr/share/outpost-test/$v.var" \
		    >"/sys/firmware/efi/efivars/$v-4a67b082-0a4c-41cf-b6c7-440b29bb8c4f" &&
		    echo "NODE efivar $v written"
	done
fi
echo "NODE done"
umount /data 2>/dev/null
poweroff -f
