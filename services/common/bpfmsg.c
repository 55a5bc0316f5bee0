/* bpfmsg.c: libbpf's warnings kept per thread, as the reason of a failed load (one print callback for the process). */
/* SPDX-License-Identifier: ISC */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "bpfmsg.h"

/*
 * libbpf has one print callback for the whole process, and outpost-node
 * loads programs from two threads (the XDP guard in the background, the
 * bind guards in the main loop): each thread's warnings go to its own
 * buffer, so a load's error names its own reason.  The verifier's log
 * ends with its verdict: when the text grows too long, its older half
 * goes, and a new log starts it afresh.
 */
static __thread char	msg[512];
static pthread_once_t	once = PTHREAD_ONCE_INIT;

static int
print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char line[256], *nl;
	size_t n;

	if (level == LIBBPF_DEBUG)
		return 0;
	vsnprintf(line, sizeof(line), fmt, ap);
	if ((nl = strchr(line, '\n')) != NULL)
		*nl = '\0';
	if (line[0] == '\0')
		return 0;
	if (strstr(line, "-- BEGIN PROG LOAD LOG --") != NULL)
		msg[0] = '\0';
	n = strlen(msg);
	if (n + strlen(line) + 3 >= sizeof(msg))
		memmove(msg, msg + n / 2, n - n / 2 + 1);
	n = strlen(msg);
	snprintf(msg + n, sizeof(msg) - n, "%s%s", n > 0 ? " | " : "", line);
	return 0;
}

static void
install(void)
{
	libbpf_set_print(print);
}

void
bpfmsg_init(void)
{
	pthread_once(&once, install);
}

void
bpfmsg_reset(void)
{
	msg[0] = '\0';
}

const char *
bpfmsg_last(void)
{
	return msg;
}
