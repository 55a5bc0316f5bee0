/* nodeconf.h: node.conf, the one file that describes a node and its tenants. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_NODECONF_H
#define OUTPOST_NODECONF_H

#include <stdint.h>
#include <stdio.h>

#include "addr.h"
#include "cfg.h"
#include "cpuset.h"

#define NC_MAX_ADDRS	16
#define NC_MAX_ZONES	64
#define NC_MAX_TENANTS	32
#define NC_NAME_MAX	32
#define NC_MAX_NEIGHBORS 8
#define NC_MAX_COMMUNITIES 8
#define NC_CPU_WEIGHT	100	/* a tenant's default cpu-weight */
#define NC_UPDATE_CONFIRM_TIMEOUT 300	/* default update-confirm-timeout, s */
#define NC_CONFIGURE_TIMEOUT	60	/* default configure-timeout, s */
#define NC_NOTIFY_PORT_MIN	1024	/* notify-port: not a privileged port */
#define NC_RRL_SIZE	10000	/* default rrl-size: NSD's RRL buckets per server */
#define NC_DNSSEC_MARGIN	172800	/* default dnssec-margin: 2 days, s */
#define NC_MAX_WARNINGS	4	/* dnssec-warning: thresholds */
#define NC_MAX_ANCHORS	8	/* trust-anchor: DS records */

/* dnssec: what the node checks of a tenant's zones before serving them. */
enum nc_dnssec {
	NC_DNSSEC_UNSET = 0,	/* not declared: served as transferred */
	NC_DNSSEC_VALIDATE,	/* validated whole before NSD serves them */
	NC_DNSSEC_UNSIGNED,	/* unsigned on purpose: no check applies */
};

struct nc_tenant {
	char		*name;
	struct cfg_pos	 prefix_pos[NC_MAX_ADDRS];
	struct cfg_pos	 addr_pos[NC_MAX_ADDRS];
	struct cfg_pos	 zone_pos[NC_MAX_ZONES];
	struct addr	 prefixes[NC_MAX_ADDRS];
	int		 nprefixes;
	struct addr	 addrs[NC_MAX_ADDRS];
	int		 naddrs;
	char		*zones[NC_MAX_ZONES];
	int		 nzones;
	struct addr	 primary;
	int		 has_primary;
	unsigned	 primary_port;
	unsigned	 notify_port;	/* on the uplink addresses; 0: none */
	struct cfg_pos	 notify_pos;
	char		*tsig_name;
	char		*tsig_alg;
	char		*tsig_secret;
	uint32_t	 communities[NC_MAX_COMMUNITIES];	/* ASN16 << 16 | value */
	int		 ncommunities;
	unsigned	 cpu_weight;	/* 1-10000, relative */
	unsigned	 cpu_quota;	/* % of one CPU; 0: no quota */
	unsigned	 memory_mb;	/* 0: the node's memory-limit */
	struct cpuset	 cpus;		/* cpus: as given (has_cpus) */
	int		 has_cpus;	/* 0: the node's default (tenantcpus.c) */
	unsigned	 rrl_size;	/* NSD's rrl-size, buckets per server */
	enum nc_dnssec	 dnssec;
	unsigned	 dnssec_margin;	/* s: no RRSIG may expire sooner */
	unsigned	 dnssec_warnings[NC_MAX_WARNINGS]; /* s before expiry */
	int		 ndnssec_warnings;
	/* trust-anchor: "ZONE DS KEYTAG ALG DIGESTTYPE HEX" (normalised,
	 * dsrec.h): an apex DNSKEY of ZONE must match one of them. */
	char		*anchors[NC_MAX_ANCHORS];
	struct cfg_pos	 anchor_pos[NC_MAX_ANCHORS];
	int		 nanchors;
	int		 line;		/* where the block opens */
	/* catalog: (RFC 9432) its zone, also in zones[] (transferred,
	 * served and probed like any zone; the catalog worker adds and
	 * removes its members); NULL without one. */
	const char	*catalog;
};

struct nc_neighbor {
	struct addr	 addr;
	uint32_t	 asn;
	char		*password;	/* TCP-MD5, or NULL */
	int		 bfd;
	unsigned	 hold_time;	/* seconds: 0 or 3 to 65535 */
	int		 default_route;	/* import a default route from it */
	struct cfg_pos	 addr_pos;
	int		 line;
	int		 has_hold_time;	/* hold-time: was given */
};

/* The keys of node.conf's neighbor: block (its block object a struct
 * nc_neighbor), which the fleet file's neighbor: blocks take too. */
#define NC_NEIGHBOR_NKEYS 6
extern const struct cfg_key nodeconf_neighbor_keys[NC_NEIGHBOR_NKEYS];

struct nc_bgp {
	int		 present;	/* a bgp: block was given */
	uint32_t	 asn;
	struct addr	 router_id;	/* IPv4 */
	int		 has_router_id;
	unsigned	 hold_down;	/* s before re-announcing after recovery */
	unsigned	 probe_interval; /* ms between probe rounds */
	unsigned	 probe_timeout;	/* ms a probe may take */
	unsigned	 tcp_failure_hold; /* s a TCP-only failure is held */
	struct nc_neighbor neighbors[NC_MAX_NEIGHBORS];
	int		 nneighbors;
};

/* xdp: the XDP guard on the uplink (services/xdp/guard.bpf.c). */
#define NC_MAX_EXEMPT	32
#define NC_XDP_RATE	1000	/* default queries/s per source prefix */
#define NC_XDP_BURST	2000
#define NC_XDP_SLIP	2

enum nc_xdp_mode {
	NC_XDP_DEFAULT,		/* the hardware profile's xdp-mode */
	NC_XDP_OFF,
	NC_XDP_GENERIC,
	NC_XDP_NATIVE,
};

struct nc_xdp {
	int		 present;	/* an xdp: block was given (its line) */
	enum nc_xdp_mode mode;
	unsigned	 rate;		/* packets/s per /24 or /56; 0: no limit */
	unsigned	 burst;
	unsigned	 slip;		/* every slip-th limited query gets TC; 0: none */
	struct addr	 exempt[NC_MAX_EXEMPT];	/* never rate-limited */
	int		 nexempt;
};

struct nodeconf {
	char		*identity;
	char		*nsid;		/* as written: text or 0x... */
	char		*uplink;
	struct addr	 uplink_addrs[NC_MAX_ADDRS];	/* with prefix length */
	int		 nuplink_addrs;
	char		*state_dir;
	int		 rrl;
	unsigned	 rrl_rate;
	unsigned	 memory_mb;
	unsigned	 pids_limit;
	unsigned	 update_confirm_timeout; /* s to mark a new slot good */
	unsigned	 configure_timeout; /* s for `outpost configure` to confirm */
	int		 has_node;
	struct nc_tenant tenants[NC_MAX_TENANTS];
	int		 ntenants;
	struct nc_bgp	 bgp;
	struct nc_xdp	 xdp;
};

/* The machine's CPU count that cpus: lists are checked against; 0 (the
 * default): cpuset_machine_count().  Tests set it. */
extern int nodeconf_machine_cpus;

/* Parse path; errors go to errf as FILE:LINE:COL: text.  NULL on any error. */
struct nodeconf *nodeconf_load(const char *path, FILE *errf);
/* Same, from memory (path names the buffer in messages). */
struct nodeconf *nodeconf_load_buf(const char *path, const char *buf,
	    size_t len, FILE *errf);
void	nodeconf_free(struct nodeconf *);
void	nodeconf_print(FILE *, const struct nodeconf *);
/* NC_PRINT_NO_TSIG: every tsig-secret replaced by a dummy (for readers,
 * like the health gate, that have no business with them). */
#define NC_PRINT_NO_TSIG	0x1
void	nodeconf_print_flags(FILE *, const struct nodeconf *, int flags);
/* NSID as hex digits for nsd.conf (buf of 2*len+1). */
void	nodeconf_nsid_hex(const struct nodeconf *, char *buf, size_t len);
/* "native", "generic", "off" or "default". */
const char *nodeconf_xdp_mode_name(enum nc_xdp_mode);
const struct nc_tenant *nodeconf_tenant(const struct nodeconf *,
	    const char *name);

#endif
