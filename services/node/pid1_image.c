/* pid1_image.c: the steps PID 1 takes only in the image, before the usual start: mounts, data directories, the log, sysctls, cgroups, first boot, the network (pid1_network.c); the hostname once node.conf is read. */
/* SPDX-License-Identifier: ISC */
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "control_proto.h"
#include "fileutil.h"
#include "firstboot.h"
#include "log.h"
#include "runwait.h"
#include "logfile.h"
#include "node.h"
#include "pid1.h"

#define BOOT_INFO	"/run/outpost/boot"	/* written by init */

/*
 * The sysctls of a DNS appliance (no systemd sets any):
 * - fs.protected_*: links and files in world-writable sticky directories
 *   cannot trick root (the kernel's defaults are off; systemd turns them on);
 * - kernel.panic_on_oops: an oops reboots (panic=10 on the command line),
 *   so that boot counting can act instead of a half-dead node serving;
 * - kernel.printk: only warnings and worse on the consoles, where the
 *   first boot's dialogue and the node's log are read;
 * - kernel.kptr_restrict, kernel.dmesg_restrict: kernel addresses and the
 *   kernel log for root only;
 * - net.core.rmem_max, wmem_max: room for NSD's socket buffers under load;
 * - net.core.netdev_max_backlog: packets queued per CPU before a drop, for
 *   query bursts;
 * - net.core.somaxconn, net.ipv4.tcp_max_syn_backlog: queries over TCP
 *   (and zone transfers) in bursts;
 * - net.ipv4.tcp_syncookies: a SYN flood does not shut out TCP clients.
 */
static const char *const sysctls[][2] = {
	{ "fs/protected_fifos", "1" },
	{ "fs/protected_hardlinks", "1" },
	{ "fs/protected_regular", "2" },
	{ "fs/protected_symlinks", "1" },
	{ "kernel/dmesg_restrict", "1" },
	{ "kernel/kptr_restrict", "2" },
	{ "kernel/panic_on_oops", "1" },
	{ "kernel/printk", "4 4 1 7" },
	{ "net/core/netdev_max_backlog", "16384" },
	{ "net/core/rmem_max", "8388608" },
	{ "net/core/somaxconn", "4096" },
	{ "net/core/wmem_max", "8388608" },
	{ "net/ipv4/tcp_max_syn_backlog", "4096" },
	{ "net/ipv4/tcp_syncookies", "1" },
};

/* The data partition's directories: mode, and what is in them. */
static const struct {
	const char	*path;
	mode_t		 mode;
} data_dirs[] = {
	{ "/data/etc", 0700 },		/* node.conf (secrets), network.conf */
	{ "/data/log", 0750 },		/* outpost.log */
	{ "/data/state", 0755 },	/* the node's state dir */
	{ "/data/update", 0700 },	/* update state */
};

static int
mounted(const char *path)
{
	struct stat st, up;
	char parent[PATH_MAX];

	snprintf(parent, sizeof(parent), "%s/..", path);
	return stat(path, &st) == 0 && stat(parent, &up) == 0 &&
	    st.st_dev != up.st_dev;
}

static void
mount_one(const char *src, const char *dst, const char *type,
    unsigned long flags, const char *opts)
{
	if (mounted(dst))
		return;
	if (mkdir(dst, 0755) < 0 && errno != EEXIST)
		log_warn("cannot create %s", dst);
	if (mount(src, dst, type, flags, opts) < 0)
		log_warn("cannot mount %s on %s", type, dst);
	else
		pid1_phase("%s mounted on %s", type, dst);
}

static void
mounts(void)
{
	unsigned long f = MS_NOSUID | MS_NODEV;

	mount_one("run", "/run", "tmpfs", f, "mode=755,size=64m");
	mount_one("tmp", "/tmp", "tmpfs", f, "mode=1777,size=64m");
	mount_one("cgroup2", "/sys/fs/cgroup", "cgroup2", f | MS_NOEXEC, NULL);
	if (access("/sys/firmware/efi", F_OK) == 0)
		mount_one("efivarfs", "/sys/firmware/efi/efivars", "efivarfs",
		    f | MS_NOEXEC, NULL);
	if (mkdir_p("/run/outpost", 0755, 0, 0) < 0)
		log_warn("cannot create /run/outpost");
}

static void
make_data_dirs(void)
{
	size_t i;

	for (i = 0; i < sizeof(data_dirs) / sizeof(data_dirs[0]); i++)
		if (mkdir_p(data_dirs[i].path, data_dirs[i].mode, 0, 0) < 0 ||
		    chmod(data_dirs[i].path, data_dirs[i].mode) < 0)
			log_warn("cannot create %s", data_dirs[i].path);
}

static void
set_sysctls(void)
{
	char path[128];
	size_t i, len, n = sizeof(sysctls) / sizeof(sysctls[0]), ok = 0;
	int fd;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/proc/sys/%s", sysctls[i][0]);
		len = strlen(sysctls[i][1]);
		if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0 ||
		    write(fd, sysctls[i][1], len) != (ssize_t)len)
			log_warn("cannot set %s", path);
		else
			ok++;
		if (fd >= 0)
			close(fd);
	}
	pid1_phase("sysctls set: %zu of %zu", ok, n);
}

/* key's value in /run/outpost/boot ("key: value" lines), or def. */
static void
boot_info(const char *key, const char *def, char *val, size_t len)
{
	char *text, *p;
	size_t klen = strlen(key);

	snprintf(val, len, "%s", def);
	if ((text = file_read(BOOT_INFO, 8192, NULL)) == NULL)
		return;
	for (p = text; p != NULL && *p != '\0'; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, key, klen) == 0 && p[klen] == ':') {
			p += klen + 1;
			p += strspn(p, " \t");
			snprintf(val, len, "%.*s", (int)strcspn(p, "\n"), p);
			break;
		}
	}
	free(text);
}

/* Standard input, output and error open (init may leave them closed). */
static void
console_fds(void)
{
	int fd;

	while ((fd = open("/dev/console", O_RDWR | O_NOCTTY)) >= 0 && fd < 3)
		;
	if (fd > 2)
		close(fd);
	if ((fd = open("/dev/null", O_RDONLY)) >= 0) {
		dup2(fd, 0);	/* nothing reads the console but the dialogue */
		close(fd);
	}
}

static void
start_log(void)
{
	char marker[256], version[64], slot[16];
	struct timespec ts;
	struct tm tm;

	boot_info("version", "?", version, sizeof(version));
	boot_info("slot", "?", slot, sizeof(slot));
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(marker, sizeof(marker), "----- boot %04d-%02d-%02dT%02d:%02d:"
	    "%02dZ: Outpost %s, slot %s -----\n", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    version, slot);
	if (logfile_start(LOGFILE_PATH, marker) < 0)
		log_warn("cannot start the logger: the log goes to the "
		    "console only");
	log_info("Outpost %s, slot %s: outpost-node is PID 1", version, slot);
}

static void
first_boot(void)
{
	char serial[32], tty[48], uplink[64];
	struct firstboot fb = {
		.etc = "/data/etc",
		.sysblock = "/sys/class/block",
		.cfgdir = "/run/outpost/cfg",
		.netcfg = PID1_NETCFG,
		.resolvconf = PID1_RESOLV_CONF,
	};

	boot_info("serial-console", "ttyS0", serial, sizeof(serial));
	boot_info("uplink", "", uplink, sizeof(uplink));
	fb.uplink_rule = uplink;
	snprintf(tty, sizeof(tty), "/dev/%s", serial);
	fb.ttys[0] = tty;
	fb.ttys[1] = "/dev/tty1";
	firstboot_run(&fb);
	pid1_phase("configuration: network.conf %s, node.conf %s",
	    access("/data/etc/network.conf", F_OK) == 0 ? "present" : "MISSING",
	    access("/data/etc/node.conf", F_OK) == 0 ? "present" : "MISSING");
}

/*
 * lo comes up down on a fresh kernel (an init system brings it up): without
 * it nothing on the node reaches its own addresses (the gate's probes of
 * the tenants, the node's first-answer check).
 */
static void
loopback_up(void)
{
	struct ifreq ifr;
	int fd;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0 ||
	    ioctl(fd, SIOCGIFFLAGS, &ifr) < 0 ||
	    (ifr.ifr_flags |= IFF_UP, ioctl(fd, SIOCSIFFLAGS, &ifr) < 0))
		log_warn("cannot set lo up");
	if (fd >= 0)
		close(fd);
}

void
pid1_boot(void)
{
	if (!pid1_active())
		return;
	pid1_on_fatal();
	if (!pid1_image()) {
		pid1_phase("outpost-node is PID 1 (not the image)");
		return;
	}
	console_fds();
	make_data_dirs();	/* /data mounted by init: the log first */
	start_log();
	mounts();
	pid1_phase("mounts and data directories ready");
	if (reboot(RB_DISABLE_CAD) < 0)	/* ctrl-alt-del: SIGINT to us */
		log_warn("cannot take over ctrl-alt-del");
	set_sysctls();
	if (cgroups_v2_root() == 0)
		pid1_phase("cgroup v2 ready");
	first_boot();
	loopback_up();
	pid1_network_start();
	pid1_powerkey_start();
}

struct nodeconf *
pid1_no_nodeconf(const char *path)
{
	static const char empty[] = "node:\n\tidentity: outpost\n"
	    "\tuplink: lo\n";
	char last[PATH_MAX];
	struct nodeconf *nc;

	if (!pid1_active())
		return NULL;
	snprintf(last, sizeof(last), "%s/node.conf.running", CONTROL_STATE_DIR);
	if (access(last, F_OK) == 0 &&
	    (nc = nodeconf_load(last, stderr)) != NULL) {
		log_warnx("cannot use %s: running the last good configuration "
		    "%s", path, last);
		return nc;
	}
	log_warnx("cannot use %s (missing or with errors): running without "
	    "tenants; place it and send SIGHUP, or reboot", path);
	return nodeconf_load_buf("(no node.conf)", empty, sizeof(empty) - 1,
	    stderr);
}

void
pid1_configured(const struct nodeconf *nc)
{
	size_t len = strlen(nc->identity);

	if (!pid1_image())
		return;
	if (len > 64)		/* HOST_NAME_MAX: the first label then */
		len = strcspn(nc->identity, ".");
	if (len > 64 || sethostname(nc->identity, len) < 0)
		log_warn("cannot set the hostname to %.*s", (int)len,
		    nc->identity);
	else
		log_info("hostname %.*s", (int)len, nc->identity);
}
