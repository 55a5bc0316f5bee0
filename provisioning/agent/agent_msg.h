/* agent_msg.h: typed messages between the agent's parent (root) and its network child over a socketpair: type, length, payload. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_AGENT_MSG_H
#define OUTPOST_AGENT_MSG_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

/*
 * A message: type (4 octets, big endian), payload length (4 octets, big
 * endian), payload.  Each type has its own largest payload; a message of
 * an unknown type or over its type's limit ends the conversation.
 */
enum agent_msg_type {
	MSG_SIGN_REQ = 1,	/* child: "METHOD\nPATH\nTS\n" + 32-octet body hash */
	MSG_SIGN_REP,		/* parent: the Authorization header's value */
	MSG_BUNDLE,		/* child: 8-octet ETag serial + the bundle as received */
	MSG_NET_UP,		/* child: a request answered (empty) */
	MSG_NET_DOWN,		/* child: a request failed: why, as text */
	MSG_STATUS,		/* parent: a status report (JSON) to POST */
	MSG_SERIAL,		/* parent: 8-octet serial to send as If-None-Match */
	MSG_TYPE_END
};

#define AGENT_MSG_HDR	8
#define AGENT_MSG_MAX	((1 << 20) + 64)	/* the largest of any type */

struct agent_msg {
	uint32_t	 type;
	uint32_t	 len;
	const uint8_t	*data;	/* into the reader's buffer, until its next call */
};

struct agent_rbuf {
	uint8_t		*buf;
	size_t		 len;	/* octets held */
	size_t		 off;	/* octets already handed out */
	size_t		 cap;
};

/* The largest payload of type, 0 when the type is unknown. */
size_t	agent_msg_limit(uint32_t type);
/* Writes one message (header and payload): 0, or -1 with errno set. */
int	agent_msg_send(int fd, uint32_t type, const void *payload,
	    size_t len);
/*
 * Reads the first message of buf (len octets): 1 with *m and *used set,
 * 0 when buf holds only part of one, -1 with err set (unknown type,
 * payload over its type's limit).
 */
int	agent_msg_parse(const uint8_t *buf, size_t len, struct agent_msg *m,
	    size_t *used, char *err, size_t errlen);
/* One read(2) into rb: octets read, 0 at end of file, -1 with errno. */
ssize_t	agent_rbuf_fill(struct agent_rbuf *rb, int fd);
/* The next whole message of rb: 1, 0 (need more), -1 with err set. */
int	agent_rbuf_next(struct agent_rbuf *rb, struct agent_msg *m, char *err,
	    size_t errlen);
void	agent_rbuf_free(struct agent_rbuf *rb);
/*
 * Reads from fd until a message of type want arrives; messages of other
 * types met on the way go to other(m, arg).  1, 0 at end of file, -1 on
 * error (err set).
 */
int	agent_msg_wait(int fd, struct agent_rbuf *rb, uint32_t want,
	    struct agent_msg *m, void (*other)(const struct agent_msg *, void *),
	    void *arg, char *err, size_t errlen);

#endif
