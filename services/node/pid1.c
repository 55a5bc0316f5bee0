/* pid1.c: outpost-node as PID 1: signals that mean poweroff or reboot, orphans reaped, and the orderly end (stop, sync, unmount /data, reboot(2)). */
/* SPDX-License-Identifier: ISC */
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "logfile.h"
#include "node.h"
#include "pid1.h"

#define END_GRACE_MS	3000	/* others get this long after SIGTERM */

int
pid1_active(void)
{
	static int pid1 = -1;

	if (pid1 < 0)
		pid1 = getpid() == 1;
	return pid1;
}

int
pid1_image(void)
{
	static int image = -1;

	if (image < 0)
		image = pid1_active() && access(PID1_IMAGE_VERSION, F_OK) == 0;
	return image;
}

/* "[  1234 ms] network configured": the boot phases the bench reads. */
void
pid1_phase(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_info("[%6lld ms] %s", (long long)now_ms(), msg);
}

static const char *
after_name(enum pid1_after a)
{
	return a == PID1_REBOOT ? "reboot" : a == PID1_POWEROFF ?
	    "poweroff" : "exit";
}

int
pid1_signal_after(int signo)
{
	if (!pid1_active())
		return signo == SIGTERM || signo == SIGINT ? PID1_EXIT : -1;
	switch (signo) {
	case SIGINT:		/* ctrl-alt-del, after RB_DISABLE_CAD */
	case SIGUSR1:
		return PID1_REBOOT;
	case SIGTERM:
	case SIGUSR2:
		return PID1_POWEROFF;
	}
	return -1;
}

/*
 * fatal() as PID 1: the kernel would panic the moment we exit, before the
 * logger wrote the reason.  Say it on the console ourselves, give the
 * logger time to write the message to every console and the log file,
 * then reboot (boot counting acts on a slot whose node cannot run).
 */
static void
pid1_fatal(void)
{
	static const char msg[] = "outpost-node: fatal error (above); "
	    "rebooting in 5 s\n";
	struct timespec ts = { 5, 0 };
	int fd;

	if ((fd = open("/dev/console", O_WRONLY | O_NOCTTY | O_NONBLOCK |
	    O_CLOEXEC)) >= 0) {
		(void)write(fd, msg, sizeof(msg) - 1);
		close(fd);
	}
	nanosleep(&ts, NULL);
	sync();
	reboot(RB_AUTOBOOT);
}

void
pid1_on_fatal(void)
{
	if (pid1_active())
		log_on_fatal(pid1_fatal);
}

int
pid1_request(struct supervisor *sv, enum pid1_after after, char *why,
    size_t len)
{
	if (!pid1_active()) {
		snprintf(why, len, "outpost-node is not PID 1 (not the "
		    "image): it does not %s the machine", after_name(after));
		return -1;
	}
	if (!sv->quit)
		log_info("%s asked: stopping", after_name(after));
	sv->quit = 1;
	sv->after = after;
	snprintf(why, len, "%s: stopping the tenants first",
	    after == PID1_REBOOT ? "rebooting" : "powering off");
	return 0;
}

void
pid1_reaped(pid_t pid, int status)
{
	if (logfile_reaped(pid, status) || pid1_network_reaped(pid, status))
		return;
	log_debug("reaped orphan %ld", (long)pid);
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Reaps what ended; 1 when no child is left. */
static int
reap_all(void)
{
	pid_t pid;

	while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
		;
	return pid < 0 && errno == ECHILD;
}

/* Every other process (orphans, stragglers): SIGTERM, a grace, SIGKILL. */
static void
end_others(void)
{
	int64_t deadline = now_ms() + END_GRACE_MS;

	if (kill(-1, SIGTERM) < 0 && errno == ESRCH)
		return;
	while (!reap_all() && now_ms() < deadline)
		sleep_ms(20);
	if (kill(-1, SIGKILL) == 0)
		log_warnx("processes left after %d ms killed", END_GRACE_MS);
	deadline = now_ms() + END_GRACE_MS;
	while (!reap_all() && now_ms() < deadline)
		sleep_ms(20);
}

/* /data unmounted, or at least read-only, so that ext4 is clean. */
static void
release_data(void)
{
	if (umount2("/data", 0) == 0) {
		log_info("/data unmounted");
		return;
	}
	log_warn("cannot unmount /data");
	if (mount(NULL, "/data", NULL, MS_REMOUNT | MS_RDONLY, NULL) < 0)
		log_warn("cannot remount /data read-only");
}

void
pid1_finish(struct supervisor *sv)
{
	enum pid1_after after = sv->after == PID1_REBOOT ? PID1_REBOOT :
	    PID1_POWEROFF;

	if (!pid1_active())
		return;
	log_info("%s", after == PID1_REBOOT ? "rebooting" : "powering off");
	logfile_stop();		/* the log file's last lines, then closed */
	end_others();
	sync();
	if (pid1_image())
		release_data();
	sync();
	reboot(after == PID1_REBOOT ? RB_AUTOBOOT : RB_POWER_OFF);
	log_warn("cannot %s", after_name(after));
	for (;;)		/* PID 1 never exits: that would panic */
		pause();
}
