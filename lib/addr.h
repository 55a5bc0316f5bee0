/* addr.h: IPv4/IPv6 addresses and prefixes as parsed from configuration. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_ADDR_H
#define OUTPOST_ADDR_H

#include <sys/socket.h>

#include <stdint.h>

#define ADDR_STRLEN	64	/* enough for an IPv6 prefix with "/128" */

struct addr {
	int	 af;		/* AF_INET or AF_INET6 */
	uint8_t	 a[16];		/* network byte order */
	uint8_t	 plen;		/* prefix length; 32/128 for a host */
};

/* Return NULL on success, or a static text saying what is wrong. */
const char *addr_parse(const char *s, struct addr *out);
const char *prefix_parse(const char *s, struct addr *out);
/* An interface address with its network's length: host bits allowed. */
const char *ifaddr_parse(const char *s, struct addr *out);

int	 addr_eq(const struct addr *, const struct addr *);
int	 prefix_contains(const struct addr *prefix, const struct addr *a);
/* Whether host a lies in the network of interface address net. */
int	 prefix_contains_host(const struct addr *net, const struct addr *a);
const char *addr_fmt(const struct addr *, char *buf, int with_len);
/*
 * Fills ss with a and port (host byte order) as a sockaddr_in or
 * sockaddr_in6, the rest zero; its length, or 0 for another family.
 */
socklen_t addr_sockaddr(const struct addr *a, uint16_t port,
	    struct sockaddr_storage *ss);

#endif
