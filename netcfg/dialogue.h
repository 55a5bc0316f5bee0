/* dialogue.h: the questions of `outpost-netcfg setup`, each answer checked at once. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_DIALOGUE_H
#define OUTPOST_DIALOGUE_H

#include "netconf.h"
#include "netstate.h"
#include "prompt.h"

/* Answers as typed; "none" skips an optional one. */
struct answers {
	char		 uplink[NETCONF_IFNAMSIZ];
	char		 vlan[12];
	char		 v4[64], gw4[64];
	char		 v6[64], gw6[64];
	char		 resolvers[160];
	char		 token[NETCONF_TOKEN_MAX + 1];
	char		 svcif[NETCONF_IFNAMSIZ];	/* kept, not asked */
	struct addr	 svc[NETCONF_MAX_SVC];		/* kept, not asked */
	int		 nsvc;
};

struct dialogue {
	struct console	 con;
	struct netstate	*live;
	const char	*uplink_rule;	/* the hardware profile's, or NULL */
	int		 enrolled;	/* -A and enrolled: no token asked */
	struct answers	 a;
};

/* Answers from the current file (NULL: from the system's look). */
void	dialogue_defaults(struct dialogue *, const struct netconf *);
/* Asks every question; 0, or -1 when the input ended. */
int	dialogue_ask(struct dialogue *);
/* The network.conf text of the answers. */
char	*dialogue_text(const struct answers *, size_t *len);
/* Prints the answers for confirmation. */
void	dialogue_summary(FILE *, const struct netconf *);

#endif
