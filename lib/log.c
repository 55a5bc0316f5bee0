/* log.c: one-line log messages on stderr, tagged "program[instance]". */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "log.h"

static const char *log_prog = "outpost";
static char log_inst[64];
static int log_verbose;
static void (*log_fatal_hook)(void);

void
log_init(const char *prog, const char *instance, int verbose)
{
	log_prog = prog;
	log_setinstance(instance);
	log_verbose = verbose;
}

void
log_on_fatal(void (*hook)(void))
{
	log_fatal_hook = hook;
}

void
log_setinstance(const char *instance)
{
	if (instance == NULL)
		log_inst[0] = '\0';
	else
		snprintf(log_inst, sizeof(log_inst), "%s", instance);
}

void
log_setverbose(int verbose)
{
	log_verbose = verbose;
}

int
log_getverbose(void)
{
	return log_verbose;
}

const char *
log_procname(void)
{
	return log_prog;
}

void
vlog(int pri, const char *fmt, va_list ap)
{
	char msg[2048], stamp[32];
	struct timespec ts;
	struct tm tm;
	const char *lvl = "";

	if (pri == LOG_DEBUG && log_verbose < 1)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (pri <= LOG_ERR)
		lvl = "fatal: ";
	else if (pri == LOG_WARNING)
		lvl = "warning: ";
	fprintf(stderr, "%s.%03ldZ %s%s%s%s: %s%s\n", stamp,
	    ts.tv_nsec / 1000000, log_prog, log_inst[0] ? "[" : "", log_inst,
	    log_inst[0] ? "]" : "", lvl, msg);
	fflush(stderr);
}

static void
log_str(int pri, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(pri, fmt, ap);
	va_end(ap);
}

/* Logs fmt followed by ": " and the text of errno (when set). */
static void
log_errno(int pri, const char *fmt, va_list ap)
{
	char buf[1536];
	int saved = errno;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	if (saved != 0)
		log_str(pri, "%s: %s", buf, strerror(saved));
	else
		log_str(pri, "%s", buf);
	errno = saved;
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_errno(LOG_WARNING, fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_WARNING, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_INFO, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_DEBUG, fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_errno(LOG_CRIT, fmt, ap);
	va_end(ap);
	if (log_fatal_hook != NULL)
		log_fatal_hook();
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_CRIT, fmt, ap);
	va_end(ap);
	if (log_fatal_hook != NULL)
		log_fatal_hook();
	exit(1);
}
