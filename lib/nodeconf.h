/* nodeconf.h: node.conf, the one file that describes a node and its tenants. */
#ifndef OUTPOST_NODECONF_H
#define OUTPOST_NODECONF_H

#include <stdio.h>

#include "addr.h"

#define NC_MAX_ADDRS	16
#define NC_MAX_ZONES	64
#define NC_MAX_TENANTS	32
#define NC_NAME_MAX	32

struct nc_pos {
	int		 line;
	int		 col;
};

struct nc_tenant {
	char		*name;
	struct nc_pos	 prefix_pos[NC_MAX_ADDRS];
	struct nc_pos	 addr_pos[NC_MAX_ADDRS];
	struct nc_pos	 zone_pos[NC_MAX_ZONES];
	struct addr	 prefixes[NC_MAX_ADDRS];
	int		 nprefixes;
	struct addr	 addrs[NC_MAX_ADDRS];
	int		 naddrs;
	char		*zones[NC_MAX_ZONES];
	int		 nzones;
	struct addr	 primary;
	int		 has_primary;
	unsigned	 primary_port;
	char		*tsig_name;
	char		*tsig_alg;
	char		*tsig_secret;
	int		 line;		/* where the block opens */
};

struct nodeconf {
	char		*identity;
	char		*nsid;		/* as written: text or 0x... */
	char		*uplink;
	char		*state_dir;
	int		 rrl;
	unsigned	 rrl_rate;
	unsigned	 memory_mb;
	unsigned	 pids_limit;
	int		 has_node;
	struct nc_tenant tenants[NC_MAX_TENANTS];
	int		 ntenants;
};

/* Parse path; errors go to errf as FILE:LINE:COL: text.  NULL on any error. */
struct nodeconf *nodeconf_load(const char *path, FILE *errf);
/* Same, from memory (path names the buffer in messages). */
struct nodeconf *nodeconf_load_buf(const char *path, const char *buf,
	    size_t len, FILE *errf);
void	nodeconf_free(struct nodeconf *);
void	nodeconf_print(FILE *, const struct nodeconf *);
/* NSID as hex digits for nsd.conf (buf of 2*len+1). */
void	nodeconf_nsid_hex(const struct nodeconf *, char *buf, size_t len);
const struct nc_tenant *nodeconf_tenant(const struct nodeconf *,
	    const char *name);

#endif
