/* firstboot.c: the image's first boot: network.conf and node.conf copied from OUTPOST-CFG when they pass their checks, else `outpost-netcfg setup` on the serial console and on tty1 at once. */
/* SPDX-License-Identifier: ISC */
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "fileutil.h"
#include "firstboot.h"
#include "log.h"
#include "logfile.h"
#include "nodeconf.h"
#include "pid1.h"
#include "runwait.h"
#include "update_esp.h"

#define CONF_MAX	(1 << 20)	/* a node.conf or network.conf, octets */
#define RETRY_AFTER_MS	2000	/* a dialogue that failed sooner is given up */
#define END_WAIT_MS	2000	/* the losers get this long after SIGTERM */

static const struct {
	const char	*name;
	int		 bit;
} files[] = {
	{ "network.conf", FB_NETWORK },
	{ "node.conf", FB_NODE },
};
#define NFILES	(sizeof(files) / sizeof(files[0]))

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int
firstboot_missing(const char *etc)
{
	char path[PATH_MAX];
	size_t i;
	int missing = 0;

	for (i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", etc, files[i].name);
		if (access(path, F_OK) < 0)
			missing |= files[i].bit;
	}
	return missing;
}

/* The file passes its program's check (outpost-netcfg check, nodeconf_load). */
static int
file_ok(const struct firstboot *fb, int bit, const char *path)
{
	char *argv[] = { (char *)fb->netcfg, "check", (char *)path, NULL };
	struct nodeconf *nc;

	if (bit == FB_NETWORK)
		return run_wait(argv, NULL) == 0;
	if ((nc = nodeconf_load(path, stderr)) == NULL)
		return 0;
	nodeconf_free(nc);
	return 1;
}

int
firstboot_copy(const struct firstboot *fb, const char *dir, int missing)
{
	char src[PATH_MAX], dst[PATH_MAX], *buf;
	size_t i, len;
	int copied = 0;

	for (i = 0; i < NFILES; i++) {
		if (!(missing & files[i].bit))
			continue;
		snprintf(src, sizeof(src), "%s/%s", dir, files[i].name);
		snprintf(dst, sizeof(dst), "%s/%s", fb->etc, files[i].name);
		if (access(src, F_OK) < 0) {
			log_info("first boot: no %s on %s", files[i].name,
			    FB_CFG_LABEL);
			continue;
		}
		if (!file_ok(fb, files[i].bit, src)) {
			log_warnx("first boot: cannot use %s from %s: errors "
			    "above; not copied", files[i].name, FB_CFG_LABEL);
			continue;
		}
		if ((buf = file_read(src, CONF_MAX, &len)) == NULL) {
			log_warn("first boot: cannot read %s", src);
			continue;
		}
		if (file_write_atomic(dst, buf, len, 0600, 0, 0) < 0)
			log_warn("first boot: cannot write %s", dst);
		else {
			log_info("first boot: %s copied from %s", files[i].name,
			    FB_CFG_LABEL);
			copied |= files[i].bit;
		}
		explicit_bzero(buf, len);	/* TSIG secrets, passwords */
		free(buf);
	}
	return copied;
}

/* argv on tty, its controlling terminal, in a session of its own. */
static pid_t
spawn_on_tty(const char *tty, char *const argv[])
{
	sigset_t none;
	pid_t pid;
	int fd;

	if ((pid = fork()) != 0)
		return pid;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	setsid();
	if ((fd = open(tty, O_RDWR | O_NOCTTY)) < 0)
		_exit(126);
	if (ioctl(fd, TIOCSCTTY, 1) < 0)
		_exit(126);
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	execv(argv[0], argv);
	_exit(127);
}

struct racer {
	pid_t		 pid;		/* 0: given up */
	int64_t		 started;
};

/* The losers ended: SIGTERM, a grace, SIGKILL, each waited for. */
static void
end_racers(struct racer *r, int n, int winner)
{
	int64_t deadline = now_ms() + END_WAIT_MS;
	int i, left;

	for (i = 0; i < n; i++)
		if (i != winner && r[i].pid > 0)
			kill(r[i].pid, SIGTERM);
	do {
		left = 0;
		for (i = 0; i < n; i++) {
			if (i == winner || r[i].pid <= 0)
				continue;
			if (waitpid(r[i].pid, NULL, WNOHANG) == r[i].pid)
				r[i].pid = 0;
			else if (now_ms() >= deadline)
				kill(r[i].pid, SIGKILL);
			else
				left++;
		}
		if (left > 0)
			sleep_ms(20);
	} while (left > 0);
}

/*
 * One racer ended with status: 1 if it won (exit 0, or result is there:
 * setup saves the file, then may end with 1 when the person declines to
 * change answers the controller did not like); else run again or given up.
 */
static int
racer_ended(struct racer *r, const char *tty, char *const argv[], int status,
    const char *result)
{
	if ((WIFEXITED(status) && WEXITSTATUS(status) == 0) ||
	    (result != NULL && access(result, F_OK) == 0)) {
		r->pid = 0;
		return 1;
	}
	if (now_ms() - r->started < RETRY_AFTER_MS) {
		log_warnx("first boot: setup on %s ended at once (status "
		    "0x%x): not asking there", tty, status);
		r->pid = 0;
		return 0;
	}
	log_info("first boot: setup on %s ended without a configuration: "
	    "asking there again", tty);
	r->started = now_ms();
	if ((r->pid = spawn_on_tty(tty, argv)) < 0)
		r->pid = 0;
	return 0;
}

int
firstboot_race(const char *const *ttys, char *const argv[], const char *result)
{
	struct racer r[FB_MAX_TTYS];
	int i, n, status, running, winner = -1;

	for (n = 0; n < FB_MAX_TTYS && ttys[n] != NULL; n++) {
		r[n].started = now_ms();
		if ((r[n].pid = spawn_on_tty(ttys[n], argv)) < 0)
			r[n].pid = 0;
	}
	for (;;) {
		running = 0;
		for (i = 0; i < n && winner < 0; i++) {
			if (r[i].pid <= 0)
				continue;
			if (waitpid(r[i].pid, &status, WNOHANG) != r[i].pid) {
				running++;
				continue;
			}
			if (racer_ended(&r[i], ttys[i], argv, status, result))
				winner = i;
			else if (r[i].pid > 0)
				running++;
		}
		if (winner >= 0 || running == 0)
			break;
		sleep_ms(50);
	}
	end_racers(r, n, winner);
	return winner;
}

int
firstboot_mount_cfg(const struct firstboot *fb)
{
	char dev[64], err[256];

	if (update_find_part(fb->sysblock, FB_CFG_LABEL, NULL, dev,
	    sizeof(dev), err, sizeof(err)) < 0) {
		log_info("first boot: %s", err);
		return -1;
	}
	if (mkdir_p(fb->cfgdir, 0700, 0, 0) < 0 ||
	    mount(dev, fb->cfgdir, "vfat", MS_RDONLY | MS_NODEV | MS_NOSUID |
	    MS_NOEXEC, "uid=0,gid=0,fmask=0177,dmask=0077") < 0) {
		log_warn("first boot: cannot mount %s (%s) on %s",
		    FB_CFG_LABEL, dev, fb->cfgdir);
		return -1;
	}
	log_info("first boot: %s (%s) mounted read-only on %s", FB_CFG_LABEL,
	    dev, fb->cfgdir);
	return 0;
}

static int
ask(const struct firstboot *fb)
{
	char dst[PATH_MAX];
	char *argv[] = { (char *)fb->netcfg, "setup", "-A", PID1_AGENT_DIR,
	    "-r", (char *)fb->resolvconf, dst, NULL, NULL, NULL };
	int winner;

	snprintf(dst, sizeof(dst), "%s/network.conf", fb->etc);
	if (fb->uplink_rule != NULL && fb->uplink_rule[0] != '\0') {
		argv[6] = "-u";		/* the profile's uplink: rule */
		argv[7] = (char *)fb->uplink_rule;
		argv[8] = dst;
	}
	log_info("first boot: no network.conf: asking on %s%s%s", fb->ttys[0],
	    fb->ttys[1] != NULL ? " and " : "", fb->ttys[1] != NULL ?
	    fb->ttys[1] : "");
	logfile_quiet(1);
	winner = firstboot_race(fb->ttys, argv, dst);
	logfile_quiet(0);
	if (winner < 0 || access(dst, F_OK) < 0) {
		log_warnx("first boot: no network configuration: the node "
		    "starts without one (run outpost-netcfg setup)");
		return -1;
	}
	log_info("first boot: network.conf written by the setup on %s",
	    fb->ttys[winner]);
	return 0;
}

int
firstboot_run(const struct firstboot *fb)
{
	int missing;

	if ((missing = firstboot_missing(fb->etc)) == 0)
		return 0;
	log_info("first boot: %s%s%s missing in %s", missing & FB_NETWORK ?
	    "network.conf" : "", missing == (FB_NETWORK | FB_NODE) ? " and " :
	    "", missing & FB_NODE ? "node.conf" : "", fb->etc);
	if (firstboot_mount_cfg(fb) == 0) {
		firstboot_copy(fb, fb->cfgdir, missing);
		if (umount2(fb->cfgdir, 0) < 0)
			log_warn("cannot unmount %s", fb->cfgdir);
	}
	if ((firstboot_missing(fb->etc) & FB_NETWORK) == 0)
		return 0;
	return ask(fb);
}
