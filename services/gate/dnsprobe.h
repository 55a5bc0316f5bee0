/* dnsprobe.h: one SOA probe of a zone at one address over UDP or TCP, a non-blocking state machine driven by poll(2). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_DNSPROBE_H
#define OUTPOST_DNSPROBE_H

#include <sys/socket.h>
#include <stdint.h>

#include "addr.h"
#include "dnsmsg.h"

#define DNSPROBE_BUFSIZE	4096

enum dnsprobe_state {
	DP_IDLE,		/* never started, or closed */
	DP_CONNECTING,		/* TCP connect in progress */
	DP_SENDING,
	DP_RECEIVING,
	DP_DONE,		/* result, ans and reason are final */
};

struct dnsprobe {
	enum dnsprobe_state state;
	int		 tcp;
	int		 fd;
	struct sockaddr_storage sa;
	socklen_t	 salen;
	uint8_t		 qname[DNS_NAME_WIRE_MAX];
	size_t		 qnamelen;
	uint16_t	 id;
	int64_t		 started;	/* ms, monotonic */
	int64_t		 deadline;
	int64_t		 finished;
	uint8_t		 out[2 + DNS_QUERY_MAX];
	size_t		 outlen, outoff;
	uint8_t		 in[DNSPROBE_BUFSIZE];
	size_t		 inlen;
	/* The outcome, once DP_DONE. */
	int		 ok;		/* a well-formed NOERROR answer */
	struct dns_soa_answer ans;
	char		 reason[DNS_REASON_MAX];
};

void	 dnsprobe_init(struct dnsprobe *);
/*
 * Starts a probe of zone (presentation form) SOA at a:port; it is over at
 * once (DP_DONE, ok clear) when the socket cannot even be set up.
 */
void	 dnsprobe_start(struct dnsprobe *, const struct addr *a,
	    unsigned port, int tcp, const char *zone, int64_t timeout_ms,
	    int64_t now);
/* The poll(2) events the probe waits for (0 when not in flight). */
short	 dnsprobe_events(const struct dnsprobe *);
/* Advances the probe after poll(2) reported revents on its fd. */
void	 dnsprobe_io(struct dnsprobe *, short revents, int64_t now);
/* Ends the probe with "timeout" once past its deadline. */
void	 dnsprobe_check_timeout(struct dnsprobe *, int64_t now);
/* Closes the socket, whatever the state; the result stays. */
void	 dnsprobe_close(struct dnsprobe *);
int	 dnsprobe_busy(const struct dnsprobe *);

#endif
