/* agent_state.c: the agent's small state files: STATEDIR/state (one line for outpost status) and STATEDIR/serial (last applied and last failed bundle). */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent_state.h"
#include "fileutil.h"

/* Control characters (a newline above all) become blanks. */
static void
one_line(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

void
agent_state_ok(char *buf, size_t len)
{
	snprintf(buf, len, "ok");
}

void
agent_state_unreachable(char *buf, size_t len, time_t since,
    const char *reason)
{
	char t[32];
	struct tm tm;

	gmtime_r(&since, &tm);
	strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(buf, len, "unreachable since %s: %s", t, reason);
	one_line(buf);
}

void
agent_state_refused(char *buf, size_t len, uint64_t serial,
    const char *reason)
{
	snprintf(buf, len, "refused bundle %" PRIu64 ": %s", serial, reason);
	one_line(buf);
}

int
agent_state_write(const char *dir, const char *line)
{
	char path[PATH_MAX], text[AGENT_STATE_MAX + 1];
	int n;

	snprintf(path, sizeof(path), "%s/%s", dir, AGENT_STATE_FILE);
	n = snprintf(text, sizeof(text), "%s\n", line);
	if (n < 0 || (size_t)n >= sizeof(text)) {
		text[sizeof(text) - 2] = '\n';
		n = sizeof(text) - 1;
	}
	return file_write_atomic(path, text, (size_t)n, 0644, getuid(),
	    getgid());
}

uint64_t
agent_serial_last(const struct agent_serial *s)
{
	return s->applied > s->failed ? s->applied : s->failed;
}

int
agent_serial_load(const char *dir, struct agent_serial *s, char *err,
    size_t errlen)
{
	char path[PATH_MAX], *text;
	unsigned long long a, f;
	size_t len;
	int n = 0;

	memset(s, 0, sizeof(*s));
	snprintf(path, sizeof(path), "%s/%s", dir, AGENT_SERIAL_FILE);
	if ((text = file_read(path, 256, &len)) == NULL) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "cannot read %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (strlen(text) != len || sscanf(text, "applied %llu\nfailed %llu\n%n",
	    &a, &f, &n) != 2 || (size_t)n != len || text[0] != 'a') {
		free(text);
		snprintf(err, errlen, "%s is not \"applied N\\nfailed M\\n\"",
		    path);
		return -1;
	}
	free(text);
	s->applied = a;
	s->failed = f;
	return 0;
}

int
agent_serial_save(const char *dir, const struct agent_serial *s)
{
	char path[PATH_MAX], text[64];
	int n;

	snprintf(path, sizeof(path), "%s/%s", dir, AGENT_SERIAL_FILE);
	n = snprintf(text, sizeof(text), "applied %" PRIu64 "\nfailed %" PRIu64
	    "\n", s->applied, s->failed);
	return file_write_atomic(path, text, (size_t)n, 0644, getuid(),
	    getgid());
}
