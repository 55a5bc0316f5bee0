/* db.c: the controller's state in SQLite: numbered migrations applied in one transaction, and the queries of the API and of outpostctl. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db.h"
#include "errbuf.h"

struct db {
	sqlite3	*sq;
	int	 version;
};

/*
 * Migration N brings the schema from version N-1 to N.  Never edit one
 * that has shipped: add the next.
 */
static const char *const migrations[DB_SCHEMA_VERSION] = {
	/* 1: nodes, tokens (hash of the secret only), bundles, status. */
	"CREATE TABLE nodes (name TEXT PRIMARY KEY, key TEXT NOT NULL,"
	"  enrolled INTEGER NOT NULL, removed INTEGER);"
	"CREATE TABLE tokens (hash TEXT PRIMARY KEY, node TEXT NOT NULL,"
	"  created INTEGER NOT NULL, expires INTEGER NOT NULL, used INTEGER);"
	"CREATE TABLE bundles (node TEXT PRIMARY KEY,"
	"  serial INTEGER NOT NULL, published INTEGER NOT NULL);"
	"CREATE TABLE status (node TEXT PRIMARY KEY, body TEXT NOT NULL,"
	"  received INTEGER NOT NULL);",
	/* 2: when a node last made a signed request; tokens by node. */
	"ALTER TABLE nodes ADD COLUMN last_seen INTEGER;"
	"CREATE INDEX tokens_node ON tokens (node);",
};

static int
sqlerr(sqlite3 *sq, char *err, size_t errlen, const char *what)
{
	return errorf(err, errlen, "cannot %s: %s", what, sqlite3_errmsg(sq));
}

static int
exec(sqlite3 *sq, const char *sql, char *err, size_t errlen,
    const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(sq, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	errorf(err, errlen, "cannot %s: %s", what, msg ? msg : "?");
	sqlite3_free(msg);
	return -1;
}

/* The version recorded, 0 for a database without schema_version. */
static int
read_version(sqlite3 *sq, int *version, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	int rc;

	*version = 0;
	if (sqlite3_prepare_v2(sq, "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'table' AND name = 'schema_version'", -1, &st,
	    NULL) != SQLITE_OK)
		return sqlerr(sq, err, errlen, "read the schema version");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_int(st, 0) == 0) {
		sqlite3_finalize(st);
		return 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW || sqlite3_prepare_v2(sq, "SELECT max(version) "
	    "FROM schema_version", -1, &st, NULL) != SQLITE_OK)
		return sqlerr(sq, err, errlen, "read the schema version");
	if (sqlite3_step(st) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

static int
too_new(int version, char *err, size_t errlen)
{
	return errorf(err, errlen, "database has schema version %d, newer "
	    "than this program's %d: refusing to use it (run the newer "
	    "outpost-controller)", version, DB_SCHEMA_VERSION);
}

static int
migrate(sqlite3 *sq, int *version, char *err, size_t errlen)
{
	char what[64], sql[96];
	int v;

	if (exec(sq, "BEGIN IMMEDIATE", err, errlen, "lock the database") < 0)
		return -1;
	if (read_version(sq, &v, err, errlen) < 0)
		goto fail;
	if (v > DB_SCHEMA_VERSION) {
		too_new(v, err, errlen);
		goto fail;
	}
	if (v < DB_SCHEMA_VERSION && exec(sq, "CREATE TABLE IF NOT EXISTS "
	    "schema_version (version INTEGER NOT NULL)", err, errlen,
	    "create schema_version") < 0)
		goto fail;
	for (*version = v; *version < DB_SCHEMA_VERSION; (*version)++) {
		snprintf(what, sizeof(what), "migrate the database to "
		    "version %d", *version + 1);
		if (exec(sq, migrations[*version], err, errlen, what) < 0)
			goto fail;
	}
	snprintf(sql, sizeof(sql), "DELETE FROM schema_version; INSERT INTO "
	    "schema_version VALUES (%d)", DB_SCHEMA_VERSION);
	if (v < DB_SCHEMA_VERSION && exec(sq, sql, err, errlen,
	    "record the schema version") < 0)
		goto fail;
	if (exec(sq, "COMMIT", err, errlen, "commit the migrations") < 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(sq, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

struct db *
db_open(const char *path, char *err, size_t errlen)
{
	struct db *db;
	int fd;

	/* Made 0600 before SQLite opens it (its journals take its mode). */
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
	    0600)) < 0) {
		errorf(err, errlen, "cannot open %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	close(fd);
	if ((db = calloc(1, sizeof(*db))) == NULL) {
		errorf(err, errlen, "cannot open %s: out of memory", path);
		return NULL;
	}
	if (sqlite3_open_v2(path, &db->sq, SQLITE_OPEN_READWRITE,
	    NULL) != SQLITE_OK) {
		sqlerr(db->sq, err, errlen, "open the database");
		goto fail;
	}
	sqlite3_busy_timeout(db->sq, 5000);
	/*
	 * synchronous = NORMAL: in WAL mode, commits are not synced, only
	 * checkpoints; the database stays consistent, a power cut may lose
	 * the last commits.  FULL syncs every signed request's last_seen and
	 * every status report, in the one thread that serves the fleet.
	 */
	if (exec(db->sq, "PRAGMA journal_mode = WAL; PRAGMA synchronous = "
	    "NORMAL; PRAGMA foreign_keys = ON", err, errlen,
	    "set up the database") < 0 ||
	    migrate(db->sq, &db->version, err, errlen) < 0)
		goto fail;
	return db;
fail:
	db_close(db);
	return NULL;
}

int
db_check(const char *path, int *version, char *err, size_t errlen)
{
	sqlite3 *sq;
	int rc;

	*version = 0;
	if (access(path, F_OK) < 0 && errno == ENOENT)
		return 0;
	if (sqlite3_open_v2(path, &sq, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		sqlerr(sq, err, errlen, "open the database");
		sqlite3_close(sq);
		return -1;
	}
	sqlite3_busy_timeout(sq, 5000);
	rc = read_version(sq, version, err, errlen);
	sqlite3_close(sq);
	if (rc == 0 && *version > DB_SCHEMA_VERSION)
		return too_new(*version, err, errlen);
	return rc;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	sqlite3_close(db->sq);
	free(db);
}

int
db_schema_version(struct db *db)
{
	return db->version;
}

/* Prepares sql and binds its parameters: 's' text, 'i' int64, 'n' NULL. */
static sqlite3_stmt *
prepare(struct db *db, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int i;

	if (sqlite3_prepare_v2(db->sq, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	va_start(ap, types);
	for (i = 0; types[i] != '\0'; i++) {
		if (types[i] == 's')
			sqlite3_bind_text(st, i + 1, va_arg(ap, const char *),
			    -1, SQLITE_TRANSIENT);
		else if (types[i] == 'i')
			sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
		else
			sqlite3_bind_null(st, i + 1);
	}
	va_end(ap);
	return st;
}

/* Runs a statement that returns no row: 0, or -1 with err. */
static int
run(struct db *db, sqlite3_stmt *st, char *err, size_t errlen,
    const char *what)
{
	int rc;

	if (st == NULL)
		return sqlerr(db->sq, err, errlen, what);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlerr(db->sq, err, errlen, what);
	return 0;
}

int
db_token_add(struct db *db, const char *hash, const char *node, int64_t now,
    int64_t expires, char *err, size_t errlen)
{
	return run(db, prepare(db, "INSERT INTO tokens (hash, node, created, "
	    "expires) VALUES (?, ?, ?, ?)", "ssii", hash, node, now, expires),
	    err, errlen, "record the token");
}

/* The token's row checked against name and now: DB_ENROL_OK and its node. */
static enum db_enrol
token_usable(struct db *db, const char *hash, const char *name, int64_t now,
    char *node, size_t nodelen, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	enum db_enrol r = DB_ENROL_OK;
	int rc;

	if ((st = prepare(db, "SELECT node, expires, used FROM tokens WHERE "
	    "hash = ?", "s", hash)) == NULL) {
		sqlerr(db->sq, err, errlen, "look the token up");
		return DB_ENROL_ERROR;
	}
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		if (rc == SQLITE_DONE) {
			errorf(err, errlen, "unknown token: this controller "
			    "did not issue it, or its node was removed");
			r = DB_ENROL_UNKNOWN;
		} else {
			sqlerr(db->sq, err, errlen, "look the token up");
			r = DB_ENROL_ERROR;
		}
		sqlite3_finalize(st);
		return r;
	}
	snprintf(node, nodelen, "%s", sqlite3_column_text(st, 0));
	if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
		errorf(err, errlen, "token was used already (by node %s): "
		    "issue a new one", node);
		r = DB_ENROL_USED;
	} else if (sqlite3_column_int64(st, 1) <= now) {
		errorf(err, errlen, "token has expired (it was for node %s): "
		    "issue a new one", node);
		r = DB_ENROL_EXPIRED;
	} else if (name != NULL && strcmp(name, node) != 0) {
		errorf(err, errlen, "token is for node %s, not %s", node, name);
		r = DB_ENROL_OTHER_NODE;
	}
	sqlite3_finalize(st);
	return r;
}

enum db_enrol
db_enrol(struct db *db, const char *hash, const char *name, const char *key,
    int64_t now, char *node, size_t nodelen, char *err, size_t errlen)
{
	enum db_enrol r;

	if (exec(db->sq, "BEGIN IMMEDIATE", err, errlen, "lock the database")
	    < 0)
		return DB_ENROL_ERROR;
	if ((r = token_usable(db, hash, name, now, node, nodelen, err,
	    errlen)) != DB_ENROL_OK)
		goto done;
	if (run(db, prepare(db, "UPDATE tokens SET used = ? WHERE hash = ?",
	    "is", now, hash), err, errlen, "mark the token used") < 0 ||
	    run(db, prepare(db, "INSERT INTO nodes (name, key, enrolled, "
	    "removed, last_seen) VALUES (?, ?, ?, NULL, ?) ON CONFLICT (name) "
	    "DO UPDATE SET key = excluded.key, enrolled = excluded.enrolled, "
	    "removed = NULL, last_seen = excluded.last_seen", "ssii", node, key,
	    now, now), err, errlen, "record the node") < 0 ||
	    exec(db->sq, "COMMIT", err, errlen, "commit the enrolment") < 0) {
		r = DB_ENROL_ERROR;
		goto done;
	}
	return DB_ENROL_OK;
done:
	sqlite3_exec(db->sq, "ROLLBACK", NULL, NULL, NULL);
	return r;
}

enum db_node
db_node_key(struct db *db, const char *name, char *key, size_t keylen)
{
	sqlite3_stmt *st;
	enum db_node r;
	int rc;

	if ((st = prepare(db, "SELECT key, removed FROM nodes WHERE name = ?",
	    "s", name)) == NULL)
		return DB_NODE_ERROR;
	if ((rc = sqlite3_step(st)) == SQLITE_DONE)
		r = DB_NODE_UNKNOWN;
	else if (rc != SQLITE_ROW)
		r = DB_NODE_ERROR;
	else if (sqlite3_column_type(st, 1) != SQLITE_NULL)
		r = DB_NODE_REMOVED;
	else {
		snprintf(key, keylen, "%s", sqlite3_column_text(st, 0));
		r = DB_NODE_ACTIVE;
	}
	sqlite3_finalize(st);
	return r;
}

int
db_node_seen(struct db *db, const char *name, int64_t now)
{
	char err[128];

	return run(db, prepare(db, "UPDATE nodes SET last_seen = ? WHERE "
	    "name = ?", "is", now, name), err, sizeof(err), "record last seen");
}

int
db_node_remove(struct db *db, const char *name, int64_t now, char *err,
    size_t errlen)
{
	if (exec(db->sq, "BEGIN IMMEDIATE", err, errlen, "lock the database")
	    < 0)
		return -1;
	if (run(db, prepare(db, "UPDATE nodes SET removed = ? WHERE name = ? "
	    "AND removed IS NULL", "is", now, name), err, errlen,
	    "mark the node removed") < 0 ||
	    run(db, prepare(db, "DELETE FROM tokens WHERE node = ? AND used IS "
	    "NULL", "s", name), err, errlen, "delete the node's tokens") < 0 ||
	    exec(db->sq, "COMMIT", err, errlen, "commit the removal") < 0) {
		sqlite3_exec(db->sq, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

int
db_bundle_record(struct db *db, const char *name, uint64_t serial,
    int64_t now, char *err, size_t errlen)
{
	return run(db, prepare(db, "INSERT INTO bundles (node, serial, "
	    "published) VALUES (?, ?, ?) ON CONFLICT (node) DO UPDATE SET "
	    "serial = excluded.serial, published = excluded.published", "sii",
	    name, (int64_t)serial, now), err, errlen, "record the bundle");
}

uint64_t
db_bundle_serial(struct db *db, const char *name)
{
	sqlite3_stmt *st;
	uint64_t serial = 0;

	if ((st = prepare(db, "SELECT serial FROM bundles WHERE node = ?", "s",
	    name)) == NULL)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		serial = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return serial;
}

int
db_status_put(struct db *db, const char *name, const char *body, size_t len,
    int64_t now, char *err, size_t errlen)
{
	sqlite3_stmt *st;

	if ((st = prepare(db, "INSERT INTO status (node, body, received) "
	    "VALUES (?, ?, ?) ON CONFLICT (node) DO UPDATE SET body = "
	    "excluded.body, received = excluded.received", "sni", name,
	    now)) != NULL)
		sqlite3_bind_text(st, 2, body, (int)len, SQLITE_TRANSIENT);
	return run(db, st, err, errlen, "record the status");
}

char *
db_status_get(struct db *db, const char *name, int64_t *received)
{
	sqlite3_stmt *st;
	char *body = NULL;

	if ((st = prepare(db, "SELECT body, received FROM status WHERE "
	    "node = ?", "s", name)) == NULL)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		body = strdup((const char *)sqlite3_column_text(st, 0));
		*received = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return body;
}

int
db_nodes_each(struct db *db, int (*fn)(const struct db_node_row *, void *),
    void *arg, char *err, size_t errlen)
{
	struct db_node_row row;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((st = prepare(db, "SELECT x.name, n.key, n.enrolled, n.removed, "
	    "n.last_seen, b.serial, s.received, (SELECT max(expires) FROM "
	    "tokens t WHERE t.node = x.name AND t.used IS NULL) FROM (SELECT "
	    "name FROM nodes UNION SELECT node AS name FROM tokens) x "
	    "LEFT JOIN nodes n ON n.name = x.name LEFT JOIN bundles b ON "
	    "b.node = x.name LEFT JOIN status s ON s.node = x.name ORDER BY "
	    "x.name", "")) == NULL)
		return sqlerr(db->sq, err, errlen, "list the nodes");
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&row, 0, sizeof(row));
		row.name = (const char *)sqlite3_column_text(st, 0);
		row.key = (const char *)sqlite3_column_text(st, 1);
		row.enrolled = sqlite3_column_int64(st, 2);
		row.removed = sqlite3_column_int64(st, 3);
		row.last_seen = sqlite3_column_int64(st, 4);
		row.serial = (uint64_t)sqlite3_column_int64(st, 5);
		row.status_at = sqlite3_column_int64(st, 6);
		row.token_expires = sqlite3_column_int64(st, 7);
		stop = fn(&row, arg);
	}
	if (!stop && rc != SQLITE_DONE) {
		sqlerr(db->sq, err, errlen, "list the nodes");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}
