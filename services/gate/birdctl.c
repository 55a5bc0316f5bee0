/* birdctl.c: speaks BIRD's CLI protocol on its control socket: enable/disable, show protocols, reconnect and re-assert. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "birdctl.h"
#include "log.h"

/*
 * BIRD answers each command with lines "NNNN-text" (more follow), " text"
 * (more of the same code) and a last "NNNN text".  Codes: 0xxx done (0001
 * greeting, 0008 already disabled, 0009 disabled, 0010 already enabled,
 * 0011 enabled; 0002 reading configuration, then 0003 reconfigured, 0004
 * in progress or 0005 queued), 1xxx table rows (1002 a protocol), 2xxx
 * table headings, 8xxx run-time and 9xxx parse errors; "+" lines are
 * spontaneous output: after `echo { info }`, BIRD's log lines, among them
 * "Enabling protocol NAME", "Disabling protocol NAME" (also when someone
 * else's `configure` resets a protocol) and "Reconfigured".
 */
#define CODE_GREETING	1
#define CODE_ALREADY_DISABLED 8
#define CODE_DISABLED	9
#define CODE_ALREADY_ENABLED 10
#define CODE_ENABLED	11
#define CODE_PROTO_ROW	1002

void
birdctl_init(struct birdctl *bc, const char *path)
{
	memset(bc, 0, sizeof(*bc));
	snprintf(bc->path, sizeof(bc->path), "%s", path);
	bc->fd = -1;
	bc->conn = BC_DOWN;
	bc->cmd_proto = -1;
}

int
birdctl_add(struct birdctl *bc, const char *name, int managed)
{
	struct birdctl_proto *p;

	if (bc->nprotos == BIRDCTL_MAX_PROTOS)
		return -1;
	p = &bc->protos[bc->nprotos];
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->managed = managed;
	p->known = -1;
	return bc->nprotos++;
}

static struct birdctl_proto *
find(struct birdctl *bc, const char *name, size_t len)
{
	int i;

	for (i = 0; i < bc->nprotos; i++)
		if (strlen(bc->protos[i].name) == len &&
		    strncmp(bc->protos[i].name, name, len) == 0)
			return &bc->protos[i];
	return NULL;
}

static void
set_known(struct birdctl_proto *p, int known, int64_t now)
{
	if (p->known != known)
		p->known_since = now;
	p->known = known;
}

int
birdctl_connected(const struct birdctl *bc)
{
	return bc->conn == BC_IDLE || bc->conn == BC_BUSY;
}

int
birdctl_settled(const struct birdctl *bc)
{
	int i;

	for (i = 0; i < bc->nprotos; i++)
		if (bc->protos[i].managed &&
		    bc->protos[i].known != bc->protos[i].want)
			return 0;
	return 1;
}

void
birdctl_close(struct birdctl *bc)
{
	int i;

	if (bc->fd >= 0)
		close(bc->fd);
	bc->fd = -1;
	bc->conn = BC_DOWN;
	bc->cmd = CMD_NONE;
	bc->echoing = 0;
	bc->rlen = bc->wlen = bc->woff = 0;
	for (i = 0; i < bc->nprotos; i++) {
		bc->protos[i].known = -1;
		bc->protos[i].error_until = 0;
		bc->protos[i].state[0] = '\0';
	}
}

static void
lost(struct birdctl *bc, int64_t now, const char *why)
{
	log_warnx("lost BIRD control connection %s: %s", bc->path, why);
	birdctl_close(bc);
	bc->retry_at = now + BIRDCTL_RETRY_MS;
	bc->down_logged = 1;
}

static void
try_connect(struct birdctl *bc, int64_t now)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", bc->path);
	bc->retry_at = now + BIRDCTL_RETRY_MS;
	bc->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (bc->fd < 0 ||
	    connect(bc->fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		if (!bc->down_logged)
			log_warn("cannot connect to BIRD at %s", bc->path);
		bc->down_logged = 1;
		if (bc->fd >= 0)
			close(bc->fd);
		bc->fd = -1;
		return;
	}
	bc->conn = BC_GREETING;
	bc->deadline = now + BIRDCTL_ANSWER_MS;
}

/* The command in wbuf goes out. */
static void
issue(struct birdctl *bc, enum birdctl_cmd cmd, int idx, int64_t now)
{
	log_debug("bird: %.*s", (int)bc->wlen - 1, bc->wbuf);
	bc->woff = 0;
	bc->cmd = cmd;
	bc->cmd_proto = idx;
	bc->conn = BC_BUSY;
	bc->deadline = now + BIRDCTL_ANSWER_MS;
}

static void
send_switch(struct birdctl *bc, int idx, int64_t now)
{
	struct birdctl_proto *p = &bc->protos[idx];

	bc->wlen = (size_t)snprintf(bc->wbuf, sizeof(bc->wbuf), "%s %s\n",
	    p->want ? "enable" : "disable", p->name);
	issue(bc, p->want ? CMD_ENABLE : CMD_DISABLE, idx, now);
}

static void
send_show(struct birdctl *bc, int64_t now)
{
	int i;

	for (i = 0; i < bc->nprotos; i++)
		bc->protos[i].seen = 0;
	bc->wlen = (size_t)snprintf(bc->wbuf, sizeof(bc->wbuf),
	    "show protocols\n");
	issue(bc, CMD_SHOW, -1, now);
}

static void
send_echo(struct birdctl *bc, int64_t now)
{
	bc->wlen = (size_t)snprintf(bc->wbuf, sizeof(bc->wbuf),
	    "echo { info }\n");
	bc->echoing = 1;
	issue(bc, CMD_ECHO, -1, now);
}

static void
send_configure(struct birdctl *bc, int64_t now)
{
	bc->wlen = (size_t)snprintf(bc->wbuf, sizeof(bc->wbuf),
	    "configure \"%s\"\n", bc->configure);
	issue(bc, CMD_CONFIGURE, -1, now);
}

/*
 * The next command: disables first, then `echo` once per connection, an
 * owed `configure`, enables, and the status poll.
 */
static void
kick(struct birdctl *bc, int64_t now)
{
	int i, pass;

	if (bc->conn != BC_IDLE || bc->held)
		return;
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1 && !bc->echoing) {
			send_echo(bc, now);
			return;
		}
		if (pass == 1 && bc->configure[0] != '\0') {
			send_configure(bc, now);
			return;
		}
		for (i = 0; i < bc->nprotos; i++) {
			struct birdctl_proto *p = &bc->protos[i];

			if (!p->managed || p->known == p->want ||
			    p->want != pass || now < p->error_until)
				continue;
			send_switch(bc, i, now);
			return;
		}
	}
	if (now >= bc->show_at) {
		bc->show_at = now + BIRDCTL_SHOW_MS;
		send_show(bc, now);
	}
}

void
birdctl_hold(struct birdctl *bc, int held, int64_t now)
{
	bc->held = held;
	kick(bc, now);
}

void
birdctl_configure(struct birdctl *bc, const char *path, int64_t now)
{
	snprintf(bc->configure, sizeof(bc->configure), "%s", path);
	kick(bc, now);
}

void
birdctl_want(struct birdctl *bc, int idx, int enabled, int64_t now)
{
	struct birdctl_proto *p = &bc->protos[idx];

	if (p->want != enabled)
		p->error_until = 0;
	p->want = enabled;
	kick(bc, now);
}

int
birdctl_pollfd(const struct birdctl *bc, short *events)
{
	*events = POLLIN;
	if (bc->conn == BC_BUSY && bc->woff < bc->wlen)
		*events |= POLLOUT;
	return bc->fd;
}

/* "anycast4_192_0_2_0_24: disabled": the protocol named before ':'. */
static void
on_switched(struct birdctl *bc, const char *text, int up, int64_t now)
{
	const char *colon = strchr(text, ':');
	struct birdctl_proto *p;

	if (colon != NULL && (p = find(bc, text, (size_t)(colon - text)))) {
		set_known(p, up, now);
		p->refused = 0;
	}
}

/* The words of s from the n-th on (0-based) into out, one space apart. */
static void
words_from(const char *s, int n, char *out, size_t outlen)
{
	size_t o = 0;
	int w = 0;

	while (*s != '\0') {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		if (w >= n && o > 0 && o + 1 < outlen)
			out[o++] = ' ';
		for (; *s != '\0' && *s != ' '; s++)
			if (w >= n && o + 1 < outlen)
				out[o++] = *s;
		w++;
	}
	out[o] = '\0';
}

/*
 * "NAME PROTO TABLE STATE SINCE... INFO": SINCE is one or two words of
 * digits (BIRD's timeformat), INFO the rest (BGP: Established, Active...).
 */
static void
on_proto_row(struct birdctl *bc, const char *text, int64_t now)
{
	char name[BIRDCONF_NAME_MAX], state[16], rest[96], info[96];
	struct birdctl_proto *p;
	const char *s;
	int skip = 0;

	if (sscanf(text, "%63s %*s %*s %15s", name, state) != 2)
		return;
	if ((p = find(bc, name, strlen(name))) == NULL)
		return;
	words_from(text, 4, rest, sizeof(rest));
	for (s = rest; *s >= '0' && *s <= '9' && skip < 2; skip++)
		s = strchr(s, ' ') ? strchr(s, ' ') + 1 : s + strlen(s);
	snprintf(info, sizeof(info), "%s", s);
	snprintf(p->state, sizeof(p->state), "%s", state);
	p->seen = 1;
	if (strcmp(p->info, info) != 0) {
		if (!p->managed)
			log_info("neighbor %s: BGP %s", p->name,
			    info[0] ? info : state);
		p->info_since = now;
		snprintf(p->info, sizeof(p->info), "%s", info);
	}
	if (p->managed)
		set_known(p, strcmp(state, "down") != 0, now);
}

/*
 * A managed protocol missing from a whole `show protocols` is not in
 * BIRD's configuration: it announces nothing.
 */
static void
on_shown(struct birdctl *bc, int64_t now)
{
	int i;

	for (i = 0; i < bc->nprotos; i++) {
		struct birdctl_proto *p = &bc->protos[i];

		if (!p->seen) {
			if (p->managed)
				set_known(p, 0, now);
			snprintf(p->state, sizeof(p->state), "absent");
		}
	}
}

static void
on_refused(struct birdctl *bc, int code, const char *text, int64_t now)
{
	struct birdctl_proto *p = &bc->protos[bc->cmd_proto];
	const char *verb = bc->cmd == CMD_ENABLE ? "enable" : "disable";

	if (!p->refused)
		log_warnx("cannot %s %s: BIRD says %04d %s", verb, p->name,
		    code, text);
	else
		log_debug("cannot %s %s: BIRD says %04d %s", verb, p->name,
		    code, text);
	p->refused = 1;
	p->error_until = now + BIRDCTL_ERROR_MS;
}

/* BIRD took the file (0003-0005) or refused it: either way, done with it. */
static void
on_configured(struct birdctl *bc, int code, const char *text, int64_t now)
{
	int i;

	if (code >= 8000)
		log_warnx("cannot reconfigure BIRD with %s: BIRD says %04d %s",
		    bc->configure, code, text);
	else
		log_info("BIRD reconfigured with %s: %s", bc->configure, text);
	bc->configure[0] = '\0';
	bc->show_at = now;
	for (i = 0; i < bc->nprotos; i++)
		bc->protos[i].error_until = 0;	/* new ones may be there now */
}

static void
on_done(struct birdctl *bc, int code, const char *text, int64_t now)
{
	if (bc->cmd == CMD_CONFIGURE)
		on_configured(bc, code, text, now);
	else if (code >= 8000 && bc->cmd == CMD_SHOW)
		log_warnx("cannot show protocols: BIRD says %04d %s", code,
		    text);
	else if (code >= 8000 && bc->cmd_proto >= 0)
		on_refused(bc, code, text, now);
	else if (bc->cmd == CMD_SHOW)
		on_shown(bc, now);
	bc->cmd = CMD_NONE;
	bc->cmd_proto = -1;
	bc->conn = BC_IDLE;
}

static void
on_greeting(struct birdctl *bc, int code, int64_t now)
{
	int i, n = 0;

	if (code != CODE_GREETING) {
		lost(bc, now, "no greeting");
		return;
	}
	for (i = 0; i < bc->nprotos; i++)
		n += bc->protos[i].managed;
	log_info("connected to BIRD at %s: asserting %d anycast protocols",
	    bc->path, n);
	bc->down_logged = 0;
	bc->connected_since = now;
	bc->conn = BC_IDLE;
	bc->show_at = now;
}

/* BIRD's log, echoed: protocols switched by anyone, reconfigurations. */
static void
on_echo(struct birdctl *bc, const char *text, int64_t now)
{
	static const char enabling[] = "Enabling protocol ";
	static const char disabling[] = "Disabling protocol ";
	struct birdctl_proto *p = NULL;
	int up = 0;

	if (strncmp(text, enabling, sizeof(enabling) - 1) == 0) {
		text += sizeof(enabling) - 1;
		up = 1;
	} else if (strncmp(text, disabling, sizeof(disabling) - 1) == 0)
		text += sizeof(disabling) - 1;
	else {
		if (strcmp(text, "Reconfigured") == 0)
			bc->show_at = now;
		return;
	}
	if ((p = find(bc, text, strlen(text))) != NULL && p->managed) {
		if (up != p->want && p->known == p->want)
			log_warnx("%s: %s by someone else (a BIRD "
			    "configure?): putting it back", p->name,
			    up ? "enabled" : "disabled");
		set_known(p, up, now);
	}
}

void
birdctl_line(struct birdctl *bc, const char *line, int64_t now)
{
	int final = 0, code = bc->code;
	const char *text;

	if (line[0] == '+') {
		if (bc->conn == BC_IDLE || bc->conn == BC_BUSY)
			on_echo(bc, line + 1, now);
		return;
	}
	if (line[0] == ' ') {
		text = line + 1;
	} else if (strlen(line) >= 4 && strspn(line, "0123456789") >= 4) {
		code = (line[0] - '0') * 1000 + (line[1] - '0') * 100 +
		    (line[2] - '0') * 10 + (line[3] - '0');
		bc->code = code;
		final = line[4] != '-';
		text = line[4] ? line + 5 : line + 4;
	} else
		return;
	if (bc->conn == BC_GREETING) {
		if (final)
			on_greeting(bc, code, now);
		return;
	}
	if (code == CODE_ALREADY_DISABLED || code == CODE_DISABLED)
		on_switched(bc, text, 0, now);
	else if (code == CODE_ALREADY_ENABLED || code == CODE_ENABLED)
		on_switched(bc, text, 1, now);
	else if (code == CODE_PROTO_ROW)
		on_proto_row(bc, text, now);
	if (final && bc->conn == BC_BUSY)
		on_done(bc, code, text, now);
}

static void
read_lines(struct birdctl *bc, int64_t now)
{
	char *nl, *line;
	ssize_t n;

	n = recv(bc->fd, bc->rbuf + bc->rlen, sizeof(bc->rbuf) - 1 - bc->rlen,
	    0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		lost(bc, now, n == 0 ? "closed by BIRD" : strerror(errno));
		return;
	}
	bc->rlen += (size_t)n;
	bc->rbuf[bc->rlen] = '\0';
	line = bc->rbuf;
	while (bc->fd >= 0 && (nl = strchr(line, '\n')) != NULL) {
		*nl = '\0';
		birdctl_line(bc, line, now);
		line = nl + 1;
	}
	if (bc->fd < 0)
		return;
	bc->rlen -= (size_t)(line - bc->rbuf);
	memmove(bc->rbuf, line, bc->rlen);
	if (bc->rlen == sizeof(bc->rbuf) - 1)
		lost(bc, now, "line too long");
}

static void
write_cmd(struct birdctl *bc, int64_t now)
{
	ssize_t n;

	n = send(bc->fd, bc->wbuf + bc->woff, bc->wlen - bc->woff,
	    MSG_NOSIGNAL);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n < 0) {
		lost(bc, now, strerror(errno));
		return;
	}
	bc->woff += (size_t)n;
}

void
birdctl_io(struct birdctl *bc, short revents, int64_t now)
{
	if (bc->fd < 0 || revents == 0)
		return;
	if (revents & POLLOUT)
		write_cmd(bc, now);
	if (bc->fd >= 0 && (revents & (POLLIN | POLLHUP | POLLERR)))
		read_lines(bc, now);
	if (bc->fd >= 0)
		kick(bc, now);
}

void
birdctl_tick(struct birdctl *bc, int64_t now)
{
	if (bc->conn == BC_DOWN && now >= bc->retry_at)
		try_connect(bc, now);
	if ((bc->conn == BC_GREETING || bc->conn == BC_BUSY) &&
	    now >= bc->deadline)
		lost(bc, now, "BIRD does not answer");
	kick(bc, now);
}

int64_t
birdctl_next(const struct birdctl *bc)
{
	int64_t next = INT64_MAX;
	int i;

	switch (bc->conn) {
	case BC_DOWN:
		return bc->retry_at;
	case BC_GREETING:
	case BC_BUSY:
		return bc->deadline;
	case BC_IDLE:
		next = bc->show_at;
		for (i = 0; i < bc->nprotos; i++)
			if (bc->protos[i].managed &&
			    bc->protos[i].known != bc->protos[i].want &&
			    bc->protos[i].error_until < next)
				next = bc->protos[i].error_until;
		return next;
	}
	return next;
}

void
birdctl_forget(struct birdctl *bc)
{
	bc->cmd_name[0] = '\0';
	if (bc->cmd_proto >= 0)
		snprintf(bc->cmd_name, sizeof(bc->cmd_name), "%s",
		    bc->protos[bc->cmd_proto].name);
	bc->cmd_proto = -1;
	bc->nprotos = 0;
}

void
birdctl_adopt(struct birdctl *bc, const struct birdctl_proto *old, int nold)
{
	struct birdctl_proto *p;
	int i, idx, managed;

	for (i = 0; i < nold; i++) {
		const struct birdctl_proto *o = &old[i];

		if ((p = find(bc, o->name, strlen(o->name))) != NULL) {
			managed = p->managed;
			*p = *o;
			p->managed = managed;
			p->want = managed ? o->want : 0;
			continue;
		}
		if (!o->managed || o->known == 0 ||
		    (idx = birdctl_add(bc, o->name, 1)) < 0)
			continue;
		log_info("%s: no longer configured: disabling it", o->name);
		bc->protos[idx] = *o;
		bc->protos[idx].want = 0;
	}
	if (bc->cmd_name[0] != '\0' &&
	    (p = find(bc, bc->cmd_name, strlen(bc->cmd_name))) != NULL)
		bc->cmd_proto = (int)(p - bc->protos);
}
