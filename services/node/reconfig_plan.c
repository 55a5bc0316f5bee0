/* reconfig_plan.c: the decisions of `outpost configure`: the request's arguments, confirm or roll back, the configuration to return to, the answers' text. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "reconfig.h"

int
reconfig_parse_args(const char *args, char *file, size_t flen,
    unsigned *timeout_s, char *why, size_t whylen)
{
	char f[PATH_MAX + 1], t[32], extra[2];
	unsigned long v;
	char *end;
	int n;

	*timeout_s = 0;
	file[0] = '\0';
	n = sscanf(args, "%4096s %31s %1s", f, t, extra);
	if (n < 1) {
		snprintf(why, whylen, "usage: configure FILE [TIMEOUT_S]");
		return -1;
	}
	if (n > 2) {
		snprintf(why, whylen, "usage: configure FILE [TIMEOUT_S] "
		    "(one file, no spaces in its path)");
		return -1;
	}
	if (f[0] != '/' || strlen(f) >= flen) {
		snprintf(why, whylen, "%.200s: not an absolute path", f);
		return -1;
	}
	if (n == 2) {
		v = strtoul(t, &end, 10);
		if (t[0] < '0' || t[0] > '9' || *end != '\0' || v < 1 ||
		    v > 86400) {
			snprintf(why, whylen, "timeout '%s': not a number of "
			    "seconds from 1 to 86400", t);
			return -1;
		}
		*timeout_s = (unsigned)v;
	}
	snprintf(file, flen, "%s", f);
	return 0;
}

enum reconfig_step
reconfig_step(int64_t started, int64_t deadline, int64_t now, int healthy)
{
	if (healthy && now >= started + RECONFIG_SETTLE_MS)
		return RECONFIG_CONFIRM;
	if (now >= deadline)
		return RECONFIG_ROLLBACK;
	return RECONFIG_WAIT;
}

static char *
printed(const struct nodeconf *nc, size_t *lenp)
{
	char *buf = NULL;
	FILE *f;

	if ((f = open_memstream(&buf, lenp)) == NULL)
		return NULL;
	nodeconf_print(f, nc);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

char *
reconfig_previous(const char *path, const char *ondisk, size_t len,
    const struct nodeconf *running, size_t *lenp)
{
	struct nodeconf *nc = NULL;
	char *want, *have = NULL, *copy;
	size_t wlen, hlen = 0;
	FILE *devnull;

	if ((want = printed(running, &wlen)) == NULL)
		return NULL;
	if (ondisk != NULL && (devnull = fopen("/dev/null", "w")) != NULL) {
		nc = nodeconf_load_buf(path, ondisk, len, devnull);
		fclose(devnull);
	}
	if (nc != NULL)
		have = printed(nc, &hlen);
	nodeconf_free(nc);
	if (have != NULL && hlen == wlen && memcmp(have, want, wlen) == 0 &&
	    (copy = malloc(len + 1)) != NULL) {
		memcpy(copy, ondisk, len);
		copy[len] = '\0';
		free(have);
		free(want);
		*lenp = len;
		return copy;
	}
	free(have);
	*lenp = wlen;
	return want;
}

char *
reconfig_errors_answer(const char *file, const char *errs, size_t len,
    size_t *lenp)
{
	char *buf = NULL;
	size_t i;
	int n = 0;
	FILE *f;

	for (i = 0; i < len; i++)
		if (errs[i] == '\n')
			n++;
	if (len > 0 && errs[len - 1] != '\n')
		n++;
	if ((f = open_memstream(&buf, lenp)) == NULL)
		return NULL;
	fprintf(f, "error: %s: %d error%s, nothing changed\n", file, n,
	    n == 1 ? "" : "s");
	fwrite(errs, 1, len, f);
	if (len > 0 && errs[len - 1] != '\n')
		fputc('\n', f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static const char *
when(time_t t, char *buf, size_t len)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

void
reconfig_status_line(FILE *f, const struct reconfig *r, int64_t now)
{
	char at[32];
	int64_t left;

	if (r->on_trial) {
		left = (r->deadline - now + 999) / 1000;
		fprintf(f, "configuration: %s on trial, %lld s left%s%s\n",
		    r->file, (long long)(left > 0 ? left : 0),
		    r->why[0] ? "; not yet: " : "", r->why);
	}
	switch (r->outcome) {
	case RECONFIG_NONE:
		break;
	case RECONFIG_CONFIRMED:
		fprintf(f, "configuration: confirmed %s at %s\n", r->done_file,
		    when(r->done_at, at, sizeof(at)));
		break;
	case RECONFIG_ROLLED_BACK:
		fprintf(f, "configuration: rolled back at %s: %s (%s)\n",
		    when(r->done_at, at, sizeof(at)), r->done_why,
		    r->done_file);
		break;
	case RECONFIG_ABANDONED:
		fprintf(f, "configuration: %s abandoned at %s: %s\n",
		    r->done_file, when(r->done_at, at, sizeof(at)),
		    r->done_why);
		break;
	}
}
