/* bpfmsg.c: libbpf's warnings kept per thread, as the reason of a failed load (one print callback for the process). */
/* SPDX-License-Identifier: ISC */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "bpfmsg.h"

/*
 * libbpf has one print callback for the whole process, and outpost-node
 * loads programs from two threads (the XDP guard in the background, the
 * bind guards in the main loop): each thread's warnings go to its own
 * buffer, so a load's error names its own reason.  libbpf hands over a
 * rejected program's verifier log whole, between BEGIN and END PROG LOAD
 * LOG lines: the text becomes its last line (the verdict), then the
 * instruction and the source line before it; libbpf's own "failed to
 * load" lines after it are left out.  Other warnings are kept in order;
 * when they grow too long, the older half goes.
 */
#define LINE_MAX_KEPT	160

static __thread char	msg[512];
static __thread char	tail[3][LINE_MAX_KEPT + 1];	/* the log's last lines */
static __thread int	in_log;		/* between BEGIN and END */
static __thread int	have_log;	/* a verifier log is the text */
static pthread_once_t	once = PTHREAD_ONCE_INIT;

static void
append(const char *line)
{
	size_t n = strlen(msg);

	if (n + strlen(line) + 3 >= sizeof(msg)) {
		memmove(msg, msg + n / 2, n - n / 2 + 1);
		n = strlen(msg);
	}
	snprintf(msg + n, sizeof(msg) - n, "%s%s", n > 0 ? " | " : "", line);
}

/* A verifier log line, without the register states after its " ; ". */
static void
log_line(char *line)
{
	char *semi;

	if ((semi = strstr(line, " ; ")) != NULL) {
		while (semi > line && semi[-1] == ' ')
			semi--;
		*semi = '\0';
	}
	if (line[0] == '\0' || strncmp(line, "processed ", 10) == 0 ||
	    strncmp(line, "verification time ", 18) == 0 ||
	    strncmp(line, "stack depth ", 12) == 0)
		return;
	memmove(tail[0], tail[1], sizeof(tail[0]) * 2);
	snprintf(tail[2], sizeof(tail[2]), "%s", line);
}

static void
log_end(void)
{
	in_log = 0;
	snprintf(msg, sizeof(msg), "verifier: %s%s%s%s%s%s",
	    tail[2][0] ? tail[2] : "(no log)", tail[1][0] ? " (at " : "",
	    tail[1], tail[0][0] ? "; " : "", tail[0], tail[1][0] ? ")" : "");
}

static void
line_in(char *line)
{
	if (strstr(line, "-- BEGIN PROG LOAD LOG --") != NULL) {
		memset(tail, 0, sizeof(tail));
		in_log = have_log = 1;
	} else if (strstr(line, "-- END PROG LOAD LOG --") != NULL)
		log_end();
	else if (in_log)
		log_line(line);
	else if (!have_log && line[0] != '\0') {
		if (strlen(line) > LINE_MAX_KEPT)
			line[LINE_MAX_KEPT] = '\0';
		append(line);
	}
}

static int
print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char *text, *line, *save = NULL;

	if (level == LIBBPF_DEBUG || vasprintf(&text, fmt, ap) < 0)
		return 0;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		line_in(line);
	free(text);
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
	in_log = have_log = 0;
}

const char *
bpfmsg_last(void)
{
	return msg;
}
