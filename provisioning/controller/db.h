/* db.h: the controller's state in SQLite: nodes, enrolment tokens, published bundles, last status; a numbered schema. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_DB_H
#define OUTPOST_DB_H

#include <stddef.h>
#include <stdint.h>

/* The schema this program writes; older ones are migrated at open. */
#define DB_SCHEMA_VERSION	2
#define DB_FILE			"controller.db"

struct db;

/*
 * Opens (creating it 0600 if absent) the database at path and applies the
 * migrations it lacks, all in one transaction.  A database of a newer
 * schema than DB_SCHEMA_VERSION is refused and left as it is.  NULL with
 * the reason in err.
 */
struct db *db_open(const char *path, char *err, size_t errlen);
/* Checks without changing anything (-n): the version in *version, 0 if absent. */
int	db_check(const char *path, int *version, char *err, size_t errlen);
void	db_close(struct db *);
int	db_schema_version(struct db *);

/* A new token for node, kept as the hash of its secret (token_secret_hash). */
int	db_token_add(struct db *, const char *hash, const char *node,
	    int64_t now, int64_t expires, char *err, size_t errlen);

enum db_enrol {
	DB_ENROL_OK,
	DB_ENROL_UNKNOWN,	/* no such token */
	DB_ENROL_USED,
	DB_ENROL_EXPIRED,
	DB_ENROL_OTHER_NODE,	/* the token binds another name */
	DB_ENROL_ERROR		/* the database failed */
};
/*
 * Uses the token whose secret hashes to hash: marks it used and records
 * the node (named by the token; name, if not NULL, must be that one) with
 * its public key (base64) as enrolled, no longer removed.  The node's name
 * into node (REQSIG_NAME_MAX); for anything but DB_ENROL_OK, why in err.
 */
enum db_enrol db_enrol(struct db *, const char *hash, const char *name,
	    const char *key, int64_t now, char *node, size_t nodelen,
	    char *err, size_t errlen);

enum db_node {
	DB_NODE_UNKNOWN,
	DB_NODE_ACTIVE,
	DB_NODE_REMOVED,
	DB_NODE_ERROR
};
/* A node's state, and its public key (base64, 45 octets) if it has one. */
enum db_node db_node_key(struct db *, const char *name, char *key,
	    size_t keylen);
/* Records a signed request of the node (last_seen). */
int	db_node_seen(struct db *, const char *name, int64_t now);
/*
 * The node left the fleet (outpostctl apply): its signed requests are
 * refused from now on and its unused tokens deleted.  Removing a node the
 * database does not know is no error.  A new token enrols it again.
 */
int	db_node_remove(struct db *, const char *name, int64_t now, char *err,
	    size_t errlen);

/* A bundle published for the node (outpostctl apply), by serial. */
int	db_bundle_record(struct db *, const char *name, uint64_t serial,
	    int64_t now, char *err, size_t errlen);
/* The serial of the node's last bundle recorded, 0 when none. */
uint64_t db_bundle_serial(struct db *, const char *name);
/* The node's last status report (JSON text) as it sent it. */
int	db_status_put(struct db *, const char *name, const char *body,
	    size_t len, int64_t now, char *err, size_t errlen);
/* The node's last status: malloc'd text, or NULL (none or an error). */
char	*db_status_get(struct db *, const char *name, int64_t *received);

/* One node, enrolled or with a token issued, for listings. */
struct db_node_row {
	const char	*name;
	const char	*key;		/* NULL: not enrolled */
	int64_t		 enrolled, removed, last_seen;	/* 0: never */
	uint64_t	 serial;	/* last bundle recorded, 0: none */
	int64_t		 status_at;	/* 0: no status yet */
	int64_t		 token_expires;	/* latest unused token, 0: none */
};
/* Calls fn for every node by name; stops at fn's first nonzero return. */
int	db_nodes_each(struct db *, int (*fn)(const struct db_node_row *,
	    void *), void *arg, char *err, size_t errlen);

#endif
