/* fail.c: a failed boot: the reason on every console, 5 s to read it, then reboot so boot counting acts. */
/* SPDX-License-Identifier: ISC */
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "init.h"

#define FAIL_WAIT_S	5

static const char *const consoles[] = {
	"/dev/console", "/dev/ttyS0", "/dev/tty0",
};

/* The terminal behind fd (the real one behind /dev/console and tty0). */
static dev_t
tty_dev(int fd)
{
	unsigned int dev;
	struct stat st;

	if (ioctl(fd, TIOCGDEV, &dev) == 0)
		return (dev_t)dev;
	if (fstat(fd, &st) == 0)
		return st.st_rdev;
	return 0;
}

static void
put(int fd, const char *msg, size_t len)
{
	ssize_t n;

	while (len > 0 && (n = write(fd, msg, len)) > 0) {
		msg += n;
		len -= (size_t)n;
	}
}

static void
print_everywhere(const char *msg, size_t len)
{
	dev_t done[3];
	int fd, ndone = 0, i, j;
	dev_t d;

	for (i = 0; i < 3; i++) {
		if ((fd = open(consoles[i], O_WRONLY | O_NOCTTY | O_NONBLOCK |
		    O_CLOEXEC)) == -1)
			continue;
		d = tty_dev(fd);
		for (j = 0; j < ndone; j++)
			if (d != 0 && done[j] == d)
				break;
		if (j == ndone) {
			done[ndone++] = d;
			put(fd, msg, len);
		}
		close(fd);
	}
	if (ndone == 0)
		put(STDERR_FILENO, msg, len);
}

static void __attribute__((noreturn))
vfail(int err, const char *fmt, va_list ap)
{
	char msg[1024];
	struct timespec ts = { FAIL_WAIT_S, 0 };
	int n;

	n = snprintf(msg, sizeof(msg), "\r\noutpost-init: ");
	n += vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	if (n > (int)sizeof(msg) - 64)
		n = (int)sizeof(msg) - 64;
	if (err != 0)
		n += snprintf(msg + n, sizeof(msg) - (size_t)n, ": %s",
		    strerror(err));
	if (n > (int)sizeof(msg) - 64)
		n = (int)sizeof(msg) - 64;
	n += snprintf(msg + n, sizeof(msg) - (size_t)n,
	    "\r\noutpost-init: rebooting in %d s\r\n", FAIL_WAIT_S);
	print_everywhere(msg, (size_t)n);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
	sync();
	(void)umount2(NEWROOT "/data", 0);
	sync();
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}

void
init_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(0, fmt, ap);
}

/* The message ends in ": strerror(err)". */
void
init_fail_errno(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(err, fmt, ap);
}
