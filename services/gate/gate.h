/* gate.h: outpost-gate's state: tenants and their probes, anycast prefixes, BGP neighbours, the link to outpost-node. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_GATE_H
#define OUTPOST_GATE_H

#include <limits.h>
#include <stdint.h>

#include "birdconf.h"
#include "clock.h"
#include "birdctl.h"
#include "dnsprobe.h"
#include "gate_msg.h"
#include "nodeconf.h"

#define PRIMARY_INTERVAL_MS	2000	/* the primary's SOA asked so often */
#define PRIMARY_TIMEOUT_MS	1000
#define QUIT_WAIT_MS		2000	/* for BIRD's withdrawals at exit */
#define LIVE_CONF		"bird.live.conf" /* beside the socket */
#define WHY_MAX			512	/* slot name (< 300) and reason */

/* One probe target: a zone at a service address over UDP or TCP. */
struct slot {
	int		 zone;		/* index in the tenant's zones */
	int		 addr;		/* index in the tenant's addresses */
	int		 tcp;
	struct dnsprobe	 probe;
	int		 result;	/* -1 none yet, 0 failed, 1 passed */
	char		 why[WHY_MAX];	/* of the failure */
	int64_t		 behind_since;	/* serial behind the primary's since */
	int64_t		 failing_since;	/* of this run of failures; 0 passing */
	int		 transport;	/* the failure: no answer (not its content) */
	int		 held_logged;	/* a held TCP failure was logged */
	int		 served_known;	/* an answer with a SOA came */
	uint32_t	 served;	/* its serial (the ZONE status) */
};

/* What the primary serves for a zone. */
struct zone_state {
	const char	*name;
	struct dnsprobe	 probe;
	int64_t		 next_query;
	int		 known;		/* primary_serial etc. are set */
	uint32_t	 serial;
	uint32_t	 refresh;	/* seconds */
	int		 is_signed;	/* the primary has an RRSIG over SOA */
	int		 failing;	/* the last query failed (logged) */
	unsigned	 warned;	/* the dnssec-warning last logged, s */
	/* The DNSSEC guard's word (ZONE_EXPIRY): the earliest RRSIG
	 * expiration of the version outpost-node last accepted, epoch s
	 * (0: unknown), and the record it covers. */
	int64_t		 earliest;
	char		 earliest_on[128];
};

enum health { H_STARTING = -1, H_UNHEALTHY = 0, H_HEALTHY = 1 };

struct gtenant {
	const struct nc_tenant *nc;
	struct zone_state zones[NC_MAX_ZONES];
	struct slot	*slots;
	int		 nslots;
	enum health	 health;
	int64_t		 since;		/* of health */
	int64_t		 passing_since;	/* 0 while a probe fails */
	int		 failing;	/* the last evaluation saw a failure */
	char		 last_failure[WHY_MAX];
	int64_t		 last_failure_at;
	int		 pending_up;	/* became healthy: prefixes say why */
	int64_t		 tcp_held_since; /* a TCP-only failure is held; 0 none */
};

struct gprefix {
	struct addr	 prefix;
	char		 proto[BIRDCONF_NAME_MAX];
	int		 tenants[NC_MAX_TENANTS];
	int		 ntenants;
	int		 bird;		/* index in the birdctl protocols */
	int		 wanted;	/* announced, as the gate decided */
	int64_t		 wanted_since;
};

struct gneighbor {
	const struct nc_neighbor *nc;
	char		 proto[BIRDCONF_NAME_MAX];
	int		 bird;
};

struct gate {
	const char	*conf_path;
	char		 live_path[PATH_MAX];	/* bird.live.conf, our view */
	char		 live_bird[PATH_MAX];	/* the same, as BIRD sees it */
	struct nodeconf	*nc;
	struct gtenant	*tenants;	/* as nc->tenants */
	int		 ntenants;
	struct gprefix	*prefixes;
	int		 nprefixes;
	struct gneighbor neighbors[NC_MAX_NEIGHBORS];
	int		 nneighbors;
	struct birdctl	 bc;
	int		 msgfd;
	struct gate_msgbuf mb;
	struct gate_msgq mq;		/* to outpost-node, whole frames */
	int		 sigfd;
	unsigned	 interval_ms;
	unsigned	 timeout_ms;
	unsigned	 hold_down_s;
	unsigned	 tcp_hold_s;	/* bgp: tcp-failure-hold */
	int64_t		 next_round;
	int		 drained;
	int		 drain_pending;	/* DRAINED owed to outpost-node */
	int		 quitting;
	int64_t		 quit_deadline;
	int64_t		 started;
};

/* Monotonic ms as wall-clock "2006-01-02T15:04:05Z". */
const char *gate_wallclock(int64_t mono, char buf[32]);

/* gate_health.c */
/* Fresh states of nc's tenants: probes idle, health "starting". */
struct gtenant *gate_tenants_new(const struct nodeconf *, int64_t now);
void	 gate_tenants_free(struct gtenant *, int n);
void	 gate_round(struct gate *, int64_t now);
void	 gate_probe_done(struct gate *, struct gtenant *, struct slot *,
	    int64_t now);
void	 gate_primary_done(struct gate *, struct gtenant *,
	    struct zone_state *, int64_t now);
void	 gate_evaluate(struct gate *, struct gtenant *, int64_t now);
/* Its NSD ended (outpost-node's word): unhealthy now, every verdict anew. */
void	 gate_tenant_down(struct gate *, struct gtenant *, int64_t now);
/* gate_dnssec.c: a ZONE_EXPIRY payload: 0, or -1 when it is not one. */
int	 gate_zone_expiry(struct gate *, const char *text, size_t len);
const char *gate_slot_name(const struct gtenant *, const struct slot *,
	    char *buf, size_t len);

/* gate_prefix.c */
/* g->prefixes and g->neighbors from g->nc, registered with birdctl. */
int	 gate_prefix_init(struct gate *);
/* why: for announcements that are not a tenant's recovery ("undrained"). */
void	 gate_apply(struct gate *, int64_t now, const char *why);

/* nodelink.c */
short	 gate_node_events(const struct gate *);
void	 gate_node_io(struct gate *, short revents, int64_t now);
void	 gate_node_check_drained(struct gate *, int64_t now);

/* gate.c: a signal (signalfd readable). */
void	 gate_signal(struct gate *, int64_t now);

/* gate_reload.c */
/* SIGHUP: node.conf again; what is known of what stays carries over. */
int	 gate_reload(struct gate *, int64_t now);

/* gate_status.c */
char	*gate_status(const struct gate *, int64_t now, size_t *lenp);
char	*gate_status_json(const struct gate *, int64_t now, size_t *lenp);

#endif
