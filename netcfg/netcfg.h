/* netcfg.h: the commands of outpost-netcfg and the options they share. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_NETCFG_H
#define OUTPOST_NETCFG_H

#define NETCFG_NODECONF	"/etc/outpost/node.conf"

struct netcfg_opts {
	const char	*file;		/* network.conf */
	const char	*nodeconf;	/* node.conf for service addresses */
	int		 nodeconf_given;	/* -c: a missing file is an error */
	const char	*resolvconf;	/* where to write resolvers, or NULL */
	int		 notify_fd;	/* -N: "applied" once in place, or -1 */
	const char	*uplink_rule;	/* -u: the profile's uplink: rule */
	const char	*agentdir;	/* -A: setup enrols with outpost-agent */
};

#define NETCFG_OPTS_INIT	{ NULL, NETCFG_NODECONF, 0, NULL, -1, NULL, NULL }

int	netcfg_apply_file(const struct netcfg_opts *);
int	netcfg_show(const struct netcfg_opts *);
int	netcfg_setup(const struct netcfg_opts *);

#endif
