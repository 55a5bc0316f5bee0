/* files.h: network.conf on disk: atomic writes, the last-good copy, resolv.conf, node.conf. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_FILES_H
#define OUTPOST_FILES_H

#include "netcfg.h"
#include "netconf.h"

struct nodeconf;

#define LAST_GOOD_SUFFIX	".last-good"

/* Writes nc's printed form to path via a temporary file and rename(2). */
int	files_write_netconf(const char *path, const struct netconf *);
/* The configuration last applied with success, or NULL. */
struct netconf *files_last_good(const char *path);
int	files_save_last_good(const char *path, const struct netconf *);
int	files_write_resolvconf(const char *path, const struct netconf *);
/* node.conf as the options say: 0 with *out NULL when there is none. */
int	files_nodeconf(const struct netcfg_opts *, struct nodeconf **out);
/* Does the printed form of a equal that of b? */
int	files_same(const struct netconf *a, const struct netconf *b);

#endif
