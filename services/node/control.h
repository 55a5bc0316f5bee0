/* control.h: outpost-node's control socket, spoken to by `outpost status | drain | undrain`. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CONTROL_H
#define OUTPOST_CONTROL_H

#include <stddef.h>

#include "control_proto.h"

struct supervisor;

#define CONTROL_MAX	8		/* clients at once */
/*
 * The kernel buffers little of an answer to a client (its socket's send
 * buffer); the rest waits in the client's queue, written as it reads.
 */
#define CONTROL_SNDBUF	2048

/* What a client waits for from the gate. */
enum control_wait {
	CW_NONE,
	CW_STATUS,
	CW_STATUS_JSON,		/* status -j */
	CW_DRAINED,
	CW_UNDRAINED,
	CW_CONFIGURE,		/* from the node itself: a trial's end */
};

struct control_client {
	int		 fd;
	char		 req[CONTROL_REQ_MAX];
	size_t		 reqlen;
	enum control_wait waiting;
	char		*out;		/* the answer, being written */
	size_t		 outlen;
	size_t		 outoff;	/* written so far */
};

int	control_open(struct supervisor *);
void	control_close(struct supervisor *);
void	control_accept(struct supervisor *);
/* The poll(2) events the client waits for: its request, or to write. */
short	control_events(const struct control_client *);
/* The client's socket is ready: reads its request or writes its answer. */
void	control_ready(struct supervisor *, struct control_client *);
/* Answers every client waiting for w with text (and closes them). */
void	control_answer(struct supervisor *, enum control_wait w,
	    const char *text, size_t len);

#endif
