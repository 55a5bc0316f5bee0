/* addr.c: parsing, printing and comparing IPv4/IPv6 addresses and prefixes. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

const char *
addr_parse(const char *s, struct addr *out)
{
	memset(out, 0, sizeof(*out));
	if (strchr(s, ':') != NULL) {
		if (inet_pton(AF_INET6, s, out->a) != 1)
			return "is not a valid IPv6 address";
		out->af = AF_INET6;
		out->plen = 128;
	} else {
		if (inet_pton(AF_INET, s, out->a) != 1)
			return "is not a valid IPv4 address";
		out->af = AF_INET;
		out->plen = 32;
	}
	return NULL;
}

static const char *
cidr_parse(const char *s, struct addr *out, int hostbits_ok)
{
	char buf[ADDR_STRLEN], *slash, *end;
	const char *err;
	unsigned long len;
	int max, i;

	if (strlen(s) >= sizeof(buf))
		return "is too long";
	strcpy(buf, s);
	if ((slash = strchr(buf, '/')) == NULL)
		return "needs a length (ADDRESS/LEN)";
	*slash++ = '\0';
	if ((err = addr_parse(buf, out)) != NULL)
		return err;
	max = out->af == AF_INET ? 32 : 128;
	if (*slash < '0' || *slash > '9')
		return "has a length that is not a number";
	len = strtoul(slash, &end, 10);
	if (*end != '\0' || len > (unsigned long)max)
		return out->af == AF_INET ? "has a length outside 0 to 32" :
		    "has a length outside 0 to 128";
	out->plen = (uint8_t)len;
	if (hostbits_ok)
		return NULL;
	for (i = (int)len; i < max; i++)
		if (out->a[i / 8] & (0x80 >> (i % 8)))
			return "has host bits set after the prefix length";
	return NULL;
}

int
addr_eq(const struct addr *x, const struct addr *y)
{
	return x->af == y->af && x->plen == y->plen &&
	    memcmp(x->a, y->a, x->af == AF_INET ? 4 : 16) == 0;
}

int
prefix_contains(const struct addr *p, const struct addr *a)
{
	int full, rem;

	if (p->af != a->af || a->plen < p->plen)
		return 0;
	full = p->plen / 8;
	rem = p->plen % 8;
	if (memcmp(p->a, a->a, (size_t)full) != 0)
		return 0;
	if (rem == 0)
		return 1;
	return ((p->a[full] ^ a->a[full]) & (0xff << (8 - rem))) == 0;
}

const char *
addr_fmt(const struct addr *x, char *buf, int with_len)
{
	size_t n;

	if (inet_ntop(x->af, x->a, buf, ADDR_STRLEN) == NULL) {
		strcpy(buf, "?");
		return buf;
	}
	if (with_len) {
		n = strlen(buf);
		snprintf(buf + n, ADDR_STRLEN - n, "/%u", x->plen);
	}
	return buf;
}

const char *
prefix_parse(const char *s, struct addr *out)
{
	return cidr_parse(s, out, 0);
}

const char *
ifaddr_parse(const char *s, struct addr *out)
{
	return cidr_parse(s, out, 1);
}

int
prefix_contains_host(const struct addr *net, const struct addr *a)
{
	struct addr p = *net, h = *a;

	h.plen = a->af == AF_INET ? 32 : 128;
	return prefix_contains(&p, &h);
}

socklen_t
addr_sockaddr(const struct addr *a, uint16_t port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	switch (a->af) {
	case AF_INET:
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		memcpy(&sin->sin_addr, a->a, 4);
		return sizeof(*sin);
	case AF_INET6:
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		memcpy(&sin6->sin6_addr, a->a, 16);
		return sizeof(*sin6);
	default:
		return 0;
	}
}
