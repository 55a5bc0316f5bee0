/* control.h: outpost-node's control socket, spoken to by `outpost status | drain | undrain`. */
#ifndef OUTPOST_CONTROL_H
#define OUTPOST_CONTROL_H

#include <stddef.h>

#include "control_proto.h"

struct supervisor;

#define CONTROL_MAX	8		/* clients at once */

/* What a client waits for from the gate. */
enum control_wait {
	CW_NONE,
	CW_STATUS,
	CW_DRAINED,
	CW_UNDRAINED,
};

struct control_client {
	int		 fd;
	char		 req[CONTROL_REQ_MAX];
	size_t		 reqlen;
	enum control_wait waiting;
};

int	control_open(struct supervisor *);
void	control_close(struct supervisor *);
void	control_accept(struct supervisor *);
void	control_read(struct supervisor *, struct control_client *);
/* Answers every client waiting for w with text (and closes them). */
void	control_answer(struct supervisor *, enum control_wait w,
	    const char *text, size_t len);

#endif
