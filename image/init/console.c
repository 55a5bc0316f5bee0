/* console.c: init's standard descriptors on /dev/console and its timestamped progress lines. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "init.h"

static int64_t start_ms = -1;

int64_t
init_start_ms(void)
{
	if (start_ms < 0)
		start_ms = now_ms();
	return start_ms;
}

/* The kernel gives init the console only when the initramfs has /dev/console. */
void
console_setup(void)
{
	int fd, i;

	(void)init_start_ms();
	for (i = 0; i <= 2; i++) {
		if (fcntl(i, F_GETFD) != -1)
			continue;
		if ((fd = open("/dev/console", O_RDWR | O_NOCTTY)) == -1)
			return;
		if (fd != i) {
			dup2(fd, i);
			close(fd);
		}
	}
}

static void
vsay(int err, const char *fmt, va_list ap)
{
	char line[1024];
	int n;

	n = snprintf(line, sizeof(line), "outpost-init: [%5lld ms] ",
	    (long long)now_ms());
	n += vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	if (err != 0)
		n += snprintf(line + n, sizeof(line) - (size_t)n, ": %s",
		    strerror(err));
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, (size_t)n) == -1)
		return;
}

void
say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(0, fmt, ap);
	va_end(ap);
}

/* A line ending in ": strerror(err)". */
void
say_errno(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(err, fmt, ap);
	va_end(ap);
}
