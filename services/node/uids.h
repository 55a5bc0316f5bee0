/* uids.h: a stable uid per tenant, by name, kept in STATE/uids. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_UIDS_H
#define OUTPOST_UIDS_H

#include <sys/types.h>

#include "nodeconf.h"

#define UIDS_BASE	64100	/* the first tenant uid (and gid) */
#define UIDS_MAX	256	/* tenant uids: UIDS_BASE to UIDS_BASE + 255 */
#define UIDS_FILE	"uids"

struct uid_entry {
	char		 name[NC_NAME_MAX + 1];
	uid_t		 uid;
};

struct uidmap {
	struct uid_entry e[UIDS_MAX];
	int		 n;
};

/* Reads STATE/uids ("name uid" lines); none yet is an empty map. */
int	uids_load(const char *state_dir, struct uidmap *);
/*
 * Gives each of names[0..n) a uid, kept from the map, else the owner of
 * its STATE/tenants/NAME/data found on disk, else the lowest one free;
 * forgets the names neither given nor with a directory left.  out[i]:
 * the uid of names[i] (0: none free).  1 if the map changed, 0 if not.
 */
int	uids_assign(struct uidmap *, const char *state_dir,
	    const char *const *names, int n, uid_t *out);
/* Writes STATE/uids atomically, 0600 root. */
int	uids_save(const char *state_dir, const struct uidmap *);
/* The tenants' uids for nc (out[i] for nc->tenants[i]; 0: none that is
 * on disk, the tenant must wait).  -1 when STATE/uids is unreadable. */
int	uids_for(const struct nodeconf *, uid_t *out);

#endif
