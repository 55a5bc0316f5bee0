/* birdctl.h: a non-blocking client of BIRD's control socket that keeps protocols enabled or disabled as wanted, across BIRD restarts. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_BIRDCTL_H
#define OUTPOST_BIRDCTL_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "birdconf.h"

#define BIRDCTL_MAX_PROTOS	(BIRDCONF_MAX_PREFIXES + NC_MAX_NEIGHBORS)
#define BIRDCTL_RETRY_MS	250	/* reconnect interval */
#define BIRDCTL_SHOW_MS		1000	/* `show protocols` interval */
#define BIRDCTL_ANSWER_MS	5000	/* BIRD must answer a command within */
#define BIRDCTL_ERROR_MS	5000	/* a refused command is retried after */

enum birdctl_conn {
	BC_DOWN,		/* not connected; retry at retry_at */
	BC_GREETING,		/* connected, waiting for "0001 ... ready." */
	BC_IDLE,		/* ready for a command */
	BC_BUSY,		/* a command is out, its answer not complete */
};

enum birdctl_cmd {
	CMD_NONE, CMD_ENABLE, CMD_DISABLE, CMD_SHOW, CMD_CONFIGURE, CMD_ECHO
};

struct birdctl_proto {
	char		 name[BIRDCONF_NAME_MAX];
	int		 managed;	/* driven (anycast), or only watched */
	int		 want;		/* managed: 1 enabled, 0 disabled */
	int		 known;		/* 1 up, 0 down, -1 unknown */
	int64_t		 known_since;	/* ms, monotonic: when known changed */
	int64_t		 error_until;	/* refused: not again before */
	int		 refused;	/* the last command was (logged) */
	int		 seen;		/* listed by this `show protocols` */
	char		 state[16];	/* `show protocols`: up, down, start */
	char		 info[96];	/* its info: Established, Active... */
	int64_t		 info_since;
};

struct birdctl {
	char		 path[108];
	int		 fd;
	enum birdctl_conn conn;
	int64_t		 retry_at;
	int64_t		 show_at;
	int64_t		 deadline;	/* of the command out */
	int		 down_logged;	/* a failure to connect was logged */
	int64_t		 connected_since;
	enum birdctl_cmd cmd;
	int		 cmd_proto;
	char		 cmd_name[BIRDCONF_NAME_MAX];	/* across a reload */
	char		 configure[PATH_MAX];	/* a `configure` owed, or "" */
	int		 held;		/* birdctl_hold: nothing is sent */
	int		 echoing;	/* BIRD echoes its log lines to us */
	char		 wbuf[PATH_MAX + 32];
	size_t		 wlen, woff;
	int		 code;		/* of the last numbered line */
	char		 rbuf[16384];
	size_t		 rlen;
	struct birdctl_proto protos[BIRDCTL_MAX_PROTOS];
	int		 nprotos;
};

void	 birdctl_init(struct birdctl *, const char *path);
/* Adds a protocol: managed ones start wanted disabled.  Its index. */
int	 birdctl_add(struct birdctl *, const char *name, int managed);
/* Sets what a managed protocol should be; sent at once when idle. */
void	 birdctl_want(struct birdctl *, int idx, int enabled, int64_t now);
/*
 * Has BIRD load path (as BIRD sees it) with `configure "path"`, now or on
 * the next connection: after the disables, before the enables.
 */
void	 birdctl_configure(struct birdctl *, const char *path, int64_t now);
/* While held, changes are only noted: they go out together at release. */
void	 birdctl_hold(struct birdctl *, int held, int64_t now);
/* The fd and events to poll (fd -1 when none). */
int	 birdctl_pollfd(const struct birdctl *, short *events);
void	 birdctl_io(struct birdctl *, short revents, int64_t now);
/* Reconnects, polls `show protocols`, gives up on a silent BIRD. */
void	 birdctl_tick(struct birdctl *, int64_t now);
/* The next time birdctl_tick has something to do. */
int64_t	 birdctl_next(const struct birdctl *);
int	 birdctl_connected(const struct birdctl *);
/* Whether BIRD confirmed every managed protocol as wanted. */
int	 birdctl_settled(const struct birdctl *);
void	 birdctl_close(struct birdctl *);
/* A new list of protocols: forget them all (the connection stays)... */
void	 birdctl_forget(struct birdctl *);
/*
 * ... add the new ones, then adopt what was known of the old (a copy of
 * their array): those that stay keep their state and what was wanted;
 * managed ones that go stay too, wanted disabled, until BIRD has them down.
 */
void	 birdctl_adopt(struct birdctl *, const struct birdctl_proto *old,
	    int nold);

/* Exposed for the unit test: one line of BIRD's answer. */
void	 birdctl_line(struct birdctl *, const char *line, int64_t now);

#endif
