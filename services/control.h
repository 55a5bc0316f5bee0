/* control.h: outpost-node's control socket, spoken to by `outpost status | drain | undrain`. */
#ifndef OUTPOST_CONTROL_H
#define OUTPOST_CONTROL_H

#include <stddef.h>

struct supervisor;

#define CONTROL_SOCK	"outpost.sock"	/* in the state dir */
#define CONTROL_MAX	8		/* clients at once */

struct control_client {
	int	 fd;
	char	 req[256];
	size_t	 reqlen;
	int	 waiting;	/* for the gate's answer; request type */
};

int	control_open(struct supervisor *);
void	control_close(struct supervisor *);
void	control_accept(struct supervisor *);
void	control_read(struct supervisor *, struct control_client *);
/* Sends text to a waiting client and closes it. */
void	control_reply(struct control_client *, const char *text, size_t len);

#endif
