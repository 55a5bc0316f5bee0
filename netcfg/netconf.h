/* netconf.h: network.conf, the node's local network file, and the checks of each of its values. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_NETCONF_H
#define OUTPOST_NETCONF_H

#include <stdio.h>

#include "addr.h"

#define NETCONF_PATH		"/etc/outpost/network.conf"
#define NETCONF_IFNAMSIZ	16	/* IFNAMSIZ: 15 characters and NUL */
#define NETCONF_MAX_RESOLVERS	3	/* what resolv.conf honours */
#define NETCONF_MAX_SVC		64
#define NETCONF_SVCIF		"svc0"
#define NETCONF_URL_MAX		255
#define NETCONF_TOKEN_MAX	512

struct netconf {
	char		 uplink[NETCONF_IFNAMSIZ];
	unsigned	 vlan;			/* 0: untagged */
	int		 has_v4;
	struct addr	 v4;			/* address, plen of its subnet */
	struct addr	 gw4;
	int		 has_v6;
	struct addr	 v6;
	struct addr	 gw6;
	struct addr	 resolvers[NETCONF_MAX_RESOLVERS];
	int		 nresolvers;
	char		*controller;		/* URL, or NULL */
	char		*token;			/* enrolment token, or NULL */
	char		 svcif[NETCONF_IFNAMSIZ];
	struct addr	 svc[NETCONF_MAX_SVC];
	int		 nsvc;
};

/* The pieces of a controller URL. */
struct url {
	int		 https;
	char		 host[256];		/* name, or address without [] */
	unsigned	 port;
};

/* Parse path (or a buffer named path); errors go to errf as FILE:LINE:COL. */
struct netconf *netconf_load(const char *path, FILE *errf);
struct netconf *netconf_load_buf(const char *path, const char *buf,
	    size_t len, FILE *errf);
struct netconf *netconf_new(void);
void	netconf_free(struct netconf *);
void	netconf_print(FILE *, const struct netconf *);
/* The interface that carries the uplink's addresses (uplink or uplink.VID). */
void	netconf_l3if(const struct netconf *, char buf[NETCONF_IFNAMSIZ]);

/*
 * Checks of single values, shared by the parser and the setup dialogue.
 * Each returns NULL when the value is good, or a text saying what is wrong.
 */
const char *netconf_check_ifname(const char *);
const char *netconf_check_vlan(const char *, const char *uplink,
	    unsigned *out);
const char *netconf_check_ifaddr(const char *, int af, struct addr *out);
const char *netconf_check_gateway(const char *, const struct addr *ifaddr,
	    struct addr *out);
const char *netconf_check_resolver(const char *, struct addr *out);
const char *netconf_check_url(const char *, struct url *out);
const char *netconf_check_token(const char *);
const char *netconf_check_svcaddr(const char *, struct addr *out);
/* Checks that need the whole file; NULL or what is wrong. */
const char *netconf_check_families(const struct netconf *);
const char *netconf_check_resolver_family(const struct netconf *,
	    const struct addr *);

#endif
