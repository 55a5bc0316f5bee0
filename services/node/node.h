/* node.h: outpost-node's state: the node configuration, its supervised children and links. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_NODE_H
#define OUTPOST_NODE_H

#include <sys/types.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "child.h"
#include "clock.h"
#include "nodeconf.h"

#define GATE_CONF		"gate.conf"	/* STATE/gate.conf: the gate's node.conf */
#define ROUTING_UID		64099	/* BIRD and the health gate */
#define DRAIN_TIMEOUT_MS	3000	/* stop waits this long for withdrawal */
#define DRAIN_GRACE_MS		1000	/* and then this long for it to spread */
/* Tenants held: those configured, and those removed but still stopping. */
#define NODE_MAX_TENANTS	(2 * NC_MAX_TENANTS)
#define NODE_MAX_CHILDREN	(2 * NODE_MAX_TENANTS + 3 + \
	NODE_MAX_TENANTS)	/* tenants and the NSD they replace (handover.c),
				 * BIRD, gate, agent, catalog workers */

struct confirm;
struct reconfig;
struct control_client;
struct gate_msgbuf;
struct gate_msgq;

struct supervisor {
	const char	*conf_path;
	const char	*network_conf;	/* -N: service addresses follow node.conf */
	const char	*agent_dir;	/* -A: outpost-agent's STATEDIR */
	struct nodeconf	*nc;
	char		 running_conf[PATH_MAX];	/* last good, printed */
	char		 crun_root[PATH_MAX];
	char		 cgroup[128];	/* "outpost/IDENTITY.HASH": this node's cgroups */
	struct child	*tenants[NODE_MAX_TENANTS];
	int		 ntenants;
	struct child	*bird;
	struct child	*gate;
	struct child	*agent;		/* outpost-agent run, once enrolled */
	int		 gatefd;		/* socketpair to the gate */
	struct gate_msgbuf *gatebuf;		/* what it sent, not yet taken */
	struct gate_msgq *gateq;		/* to it, whole frames */
	int		 ctlfd;			/* control socket */
	struct control_client *clients[8];
	int		 sigfd;
	int		 quit;
	int		 after;			/* then: enum pid1_after */
	int64_t		 drain_deadline;	/* stopping: waiting for DRAINED */
	int		 drained;		/* the gate confirmed DRAINED */
	int64_t		 drained_ms;		/* when */
	int		 operator_drained;	/* by `outpost drain` */
	char		*status_head;		/* containers' part, for STATUS */
	char		*status_json_head;	/* the same, for status -j */
	struct confirm	*confirm;		/* mark good (confirm.c) */
	struct reconfig	*reconfig;		/* outpost configure (reconfig.c) */
};

int	 cgroups_prepare(void);
/* PID 1 of the image: node in a leaf, controllers handed down (pure v2). */
int	 cgroups_v2_root(void);
void	 cgroups_cleanup(const char *cgroup);
void	 cgroups_name(const struct nodeconf *, char *buf, size_t len);


/*
 * node.c: installs nc as a SIGHUP reload does (the tenants, BIRD and the
 * gate brought in line, STATE/node.conf.running written), and takes it
 * over; with apply 0 only checks that it could.  -1 with why when it
 * cannot (nc stays the caller's).
 */
int	 node_install(struct supervisor *, struct nodeconf *nc, int apply,
	    char *why, size_t len);
/* The SIGHUP reload: sv->conf_path read again and installed; -1 logged. */
int	 node_reload(struct supervisor *);

/* The path of program name in outpost-node's own directory. */
void	 node_sibling(const char *name, char *buf, size_t len);

/* agent_child.c: outpost-agent run while the node is enrolled. */
void	 agent_follow(struct supervisor *);
void	 agent_status(const struct supervisor *, FILE *);

/* bird.c: BIRD's container and the gate that drives it */
#define BIRD_RESTART		1
#define BIRD_RECONFIGURE	2
int	 bird_configure(struct supervisor *, struct child *);
struct child *gate_new(struct supervisor *);

/* tenant.c */
struct child *tenant_new(struct supervisor *, const char *name);
int	 tenant_configure(struct supervisor *, struct child *,
	    const struct nc_tenant *, uid_t uid);

#endif
