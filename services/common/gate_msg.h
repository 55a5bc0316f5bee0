/* gate_msg.h: the typed messages between outpost-node and outpost-gate on their socketpair (as OpenBGPD's imsg: header, then payload). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_GATE_MSG_H
#define OUTPOST_GATE_MSG_H

#include <stddef.h>
#include <stdint.h>

#define GATE_MSG_MAX	(64 * 1024)	/* payload octets at most */

/*
 * Every message is a header {type, len} in host byte order followed by len
 * octets of payload.  Payloads are text (not NUL-terminated) or empty.
 */
enum gate_msg_type {
	/* outpost-node to outpost-gate */
	GATE_DRAIN = 1,		/* withdraw every prefix; answered by DRAINED */
	GATE_UNDRAIN = 2,	/* announce the healthy again; UNDRAINED */
	/* answered by STATUS; with the payload "json", by STATUS_JSON */
	GATE_STATUS_REQ = 3,
	GATE_TENANT_DOWN = 4,	/* text: a tenant whose NSD just ended */
	/* text: "TENANT ZONE YYYYMMDDHHmmSS OWNER TYPE", the earliest RRSIG
	 * expiration of the zone version the DNSSEC guard just accepted */
	GATE_ZONE_EXPIRY = 5,
	/* outpost-gate to outpost-node */
	GATE_DRAINED = 101,	/* text: "confirmed by BIRD" or why not */
	GATE_UNDRAINED = 102,	/* text: what is announced now */
	GATE_STATUS = 103,	/* text: the `outpost status` tables */
	GATE_STATUS_JSON = 104,	/* the same as one JSON object */
};

struct gate_msg_hdr {
	uint32_t	 type;
	uint32_t	 len;		/* of the payload that follows */
};

/* What was read from the socket and not yet taken as messages. */
struct gate_msgbuf {
	uint8_t		 buf[sizeof(struct gate_msg_hdr) + GATE_MSG_MAX];
	size_t		 len;
};

/*
 * Messages on their way out: whole frames, sent as the socket takes them
 * (never a wait, never half a frame given up).  A peer that stops reading
 * fills it; then the link is to be reset, not the stream cut.
 */
#define GATE_MSGQ_MAX	(4 * (sizeof(struct gate_msg_hdr) + GATE_MSG_MAX))
struct gate_msgq {
	uint8_t		*buf;
	size_t		 off;		/* sent up to here */
	size_t		 len;		/* queued up to here */
	size_t		 cap;
};

/*
 * Queues one whole message: 0, or -1 with errno EMSGSIZE (payload over
 * GATE_MSG_MAX) or ENOBUFS (GATE_MSGQ_MAX octets wait already); nothing is
 * queued then.
 */
int	 gate_msg_queue(struct gate_msgq *, uint32_t type, const void *payload,
	    size_t len);
/*
 * Sends what the non-blocking socket takes now: 0 (gate_msg_pending tells
 * whether more waits for POLLOUT), or -1 with errno when the link is broken.
 */
int	 gate_msg_flush(int fd, struct gate_msgq *);
size_t	 gate_msg_pending(const struct gate_msgq *);
/* Empty, its memory freed: for a new link. */
void	 gate_msgq_clear(struct gate_msgq *);
/* Reads what is there: >0 octets read, 0 at end of file, -1 with errno. */
long	 gate_msg_read(int fd, struct gate_msgbuf *);
/*
 * Takes the next complete message out of mb, its payload copied into
 * payload (GATE_MSG_MAX octets): 1, or 0 when none is complete yet, or -1
 * when the stream is broken (a length over GATE_MSG_MAX).
 */
int	 gate_msg_get(struct gate_msgbuf *, struct gate_msg_hdr *,
	    uint8_t *payload);
const char *gate_msg_name(uint32_t type);

#endif
