/* fleet.h: the fleet file: the controller, every tenant and every node of an operator's fleet. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_FLEET_H
#define OUTPOST_FLEET_H

#include <stdint.h>
#include <stdio.h>

#include "addr.h"
#include "nodeconf.h"

#define FLEET_NAME_MAX		32	/* tenant and node names */
#define FLEET_MAX_LABELS	16	/* label: lines of a node */
#define FLEET_MAX_PLACE		8	/* place: lines of a tenant */
#define FLEET_MAX_REFUSE	32	/* refuse: lines of a node */
#define FLEET_CTL_PORT		8443	/* the controller's default port */
#define FLEET_CTL_STATE_DIR	"/var/lib/outpost-controller"

/* label: KEY=VALUE of a node, or place: KEY=GLOB of a tenant. */
struct fleet_label {
	char		*key;
	char		*value;
	struct cfg_pos	 pos;
};

/* refuse: "TENANT REASON" */
struct fleet_refusal {
	char		*tenant;
	char		*reason;
	struct cfg_pos	 pos;
};

struct fleet_controller {
	int		 present;	/* line of the block, 0: none */
	struct addr	 listen;
	int		 has_listen;
	unsigned	 port;		/* 0: FLEET_CTL_PORT */
	struct addr	 public_addr;
	int		 has_public_addr;
	unsigned	 public_port;	/* 0: port */
	char		*state_dir;
	char		*bundle_dir;
};

/* The tunables a tenant passes on to node.conf unchanged (0: not given). */
enum fleet_tenant_opt {
	FT_PRIMARY_PORT, FT_MEMORY_LIMIT, FT_CPU_WEIGHT, FT_CPU_QUOTA,
	FT_NOTIFY_PORT,
	FT_NOPTS
};

struct fleet_tenant {
	char		*name;
	int		 line;		/* where the block opens */
	struct cfg_pos	 name_pos;
	struct addr	 prefixes[NC_MAX_ADDRS];
	struct cfg_pos	 prefix_pos[NC_MAX_ADDRS];
	int		 nprefixes;
	struct addr	 addrs[NC_MAX_ADDRS];
	struct cfg_pos	 addr_pos[NC_MAX_ADDRS];
	int		 naddrs;
	char		*zones[NC_MAX_ZONES];	/* normalised, final dot */
	struct cfg_pos	 zone_pos[NC_MAX_ZONES];
	int		 nzones;
	char		*catalog;	/* a catalog zone instead of zone: lines */
	struct cfg_pos	 catalog_pos;
	struct addr	 primary;
	int		 has_primary;
	char		*tsig_name;
	char		*tsig_alg;
	char		*tsig_secret;
	char		*communities[NC_MAX_COMMUNITIES];	/* normalised */
	int		 ncommunities;
	unsigned	 opt[FT_NOPTS];
	/* The DNSSEC guard, passed on to node.conf (0: not given). */
	enum nc_dnssec	 dnssec;
	unsigned	 dnssec_margin;
	unsigned	 dnssec_warnings[NC_MAX_WARNINGS];
	int		 ndnssec_warnings;
	char		*anchors[NC_MAX_ANCHORS];	/* trust-anchor:, normalised */
	struct cfg_pos	 anchor_pos[NC_MAX_ANCHORS];
	int		 nanchors;
	struct fleet_label place[FLEET_MAX_PLACE];
	int		 nplace;
};

/* The node's tunables passed on to node.conf's node: or bgp: block. */
enum fleet_node_opt {
	FN_RRL_RATE, FN_MEMORY_LIMIT, FN_PIDS_LIMIT, FN_UPDATE_CONFIRM_TIMEOUT,
	FN_HOLD_DOWN, FN_PROBE_INTERVAL, FN_PROBE_TIMEOUT, FN_TCP_FAILURE_HOLD,
	FN_NOPTS
};

struct fleet_node {
	char		*name;
	int		 line;
	struct cfg_pos	 name_pos;
	char		*identity;	/* NULL: the name */
	char		*nsid;
	char		*uplink;
	struct addr	 uplink_addrs[NC_MAX_ADDRS];
	int		 nuplink_addrs;
	char		*state_dir;
	int		 rrl;		/* -1: not given */
	int		 has_opt[FN_NOPTS];
	unsigned	 opt[FN_NOPTS];
	uint32_t	 asn;		/* 0: no BGP */
	struct cfg_pos	 asn_pos;
	struct addr	 router_id;
	int		 has_router_id;
	struct fleet_label labels[FLEET_MAX_LABELS];
	int		 nlabels;
	struct fleet_refusal refuse[FLEET_MAX_REFUSE];
	int		 nrefuse;
	/* As node.conf parses them, but bfd and default-route -1 when
	 * not given. */
	struct nc_neighbor neighbors[NC_MAX_NEIGHBORS];
	int		 nneighbors;
};

struct fleet {
	struct fleet_controller ctl;
	struct fleet_tenant *tenants;
	int		 ntenants;
	struct fleet_node *nodes;
	int		 nnodes;
};

/* Parses path; every error goes to errf as FILE:LINE:COL: text.  NULL on any. */
struct fleet *fleet_load(const char *path, FILE *errf);
/* The same from memory (path names the buffer in messages). */
struct fleet *fleet_load_buf(const char *path, const char *buf, size_t len,
	    FILE *errf);
void	fleet_free(struct fleet *);
/* The normalised file; it parses again to the same print. */
void	fleet_print(FILE *, const struct fleet *);
/* Lines the fleet file and a node's node.conf share, printed alike:
 * a tenant's prefix: and address: lines; its community: lines and
 * options after primary-port; a node's nsid: to rrl:; its options of
 * node.conf's bgp: block (bgp 1), node: block (0) or both (-1). */
void	fleet_print_tenant_addrs(FILE *, const struct fleet_tenant *);
void	fleet_print_tenant_opts(FILE *, const struct fleet_tenant *);
void	fleet_print_node_net(FILE *, const struct fleet_node *);
void	fleet_print_node_opts(FILE *, const struct fleet_node *, int bgp);

const struct fleet_tenant *fleet_tenant(const struct fleet *, const char *);
const struct fleet_node *fleet_node(const struct fleet *, const char *);
/* The controller's settings with their defaults applied (also without a
 * controller: block): ports, state directory, bundle directory (buf). */
unsigned fleet_ctl_port(const struct fleet *);
unsigned fleet_ctl_public_port(const struct fleet *);
const char *fleet_ctl_state_dir(const struct fleet *);
const char *fleet_ctl_bundle_dir(const struct fleet *, char *buf, size_t len);
/* The value of a node's label, or NULL. */
const char *fleet_label(const struct fleet_node *, const char *key);
/* The node's reason for refusing the tenant, or NULL. */
const char *fleet_refusal(const struct fleet_node *, const char *tenant);
/* A node option's key as written (for the renderer): "hold-down". */
const char *fleet_node_opt_name(enum fleet_node_opt);
/* 1 when the option belongs to node.conf's bgp: block. */
int	fleet_node_opt_bgp(enum fleet_node_opt);
const char *fleet_tenant_opt_name(enum fleet_tenant_opt);
/* The option's value as written in node.conf ("150%" for cpu-quota). */
void	fleet_tenant_opt_fmt(enum fleet_tenant_opt, unsigned, char *,
	    size_t);
void	fleet_node_opt_fmt(enum fleet_node_opt, unsigned, char *, size_t);

#endif
