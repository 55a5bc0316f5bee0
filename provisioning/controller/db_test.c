/* db_test.c: the controller's database: a fresh one, one at version 1 migrated, a failed migration undone, a newer one refused; enrolment and removal. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "db.h"
#include "testdir.h"

#define KEY	"MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
#define H1	"1111111111111111111111111111111111111111111111111111111111111111"
#define H2	"2222222222222222222222222222222222222222222222222222222222222222"
#define H3	"3333333333333333333333333333333333333333333333333333333333333333"

/* What a version 1 database looked like, with a node: frozen, never edit. */
#define SCHEMA_V1 \
	"CREATE TABLE schema_version (version INTEGER NOT NULL);" \
	"INSERT INTO schema_version VALUES (1);" \
	"CREATE TABLE nodes (name TEXT PRIMARY KEY, key TEXT NOT NULL," \
	"  enrolled INTEGER NOT NULL, removed INTEGER);" \
	"CREATE TABLE tokens (hash TEXT PRIMARY KEY, node TEXT NOT NULL," \
	"  created INTEGER NOT NULL, expires INTEGER NOT NULL, used INTEGER);" \
	"CREATE TABLE bundles (node TEXT PRIMARY KEY," \
	"  serial INTEGER NOT NULL, published INTEGER NOT NULL);" \
	"CREATE TABLE status (node TEXT PRIMARY KEY, body TEXT NOT NULL," \
	"  received INTEGER NOT NULL);" \
	"INSERT INTO nodes VALUES ('old1', '" KEY "', 100, NULL);"

struct fix {
	char	dir[64];
	char	path[128];
};

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	if (f == NULL || testdir_make(f->dir, sizeof(f->dir), "db_test") < 0)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/controller.db", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	testdir_remove(f->dir);
	free(f);
	return 0;
}

static void
raw_sql(const char *path, const char *sql)
{
	sqlite3 *sq;

	assert_int_equal(sqlite3_open(path, &sq), SQLITE_OK);
	assert_int_equal(sqlite3_exec(sq, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(sq);
}

static int
version_of(const char *path)
{
	char err[256];
	int v;

	assert_int_equal(db_check(path, &v, err, sizeof(err)), 0);
	return v;
}

static void
test_fresh(void **state)
{
	struct fix *f = *state;
	struct stat st;
	struct db *db;
	char err[256], key[64];
	int v;

	assert_int_equal(db_check(f->path, &v, err, sizeof(err)), 0);
	assert_int_equal(v, 0);
	db = db_open(f->path, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_schema_version(db), DB_SCHEMA_VERSION);
	assert_int_equal(db_node_key(db, "n1", key, sizeof(key)),
	    DB_NODE_UNKNOWN);
	db_close(db);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(version_of(f->path), DB_SCHEMA_VERSION);
	/* Opening again changes nothing. */
	db = db_open(f->path, err, sizeof(err));
	assert_non_null(db);
	db_close(db);
	assert_int_equal(version_of(f->path), DB_SCHEMA_VERSION);
}

static void
test_v1_migrated(void **state)
{
	struct fix *f = *state;
	struct db *db;
	char err[256], key[64];

	raw_sql(f->path, SCHEMA_V1);
	assert_int_equal(version_of(f->path), 1);
	db = db_open(f->path, err, sizeof(err));
	if (db == NULL)
		fail_msg("%s", err);
	assert_int_equal(db_schema_version(db), 2);
	assert_int_equal(db_node_key(db, "old1", key, sizeof(key)),
	    DB_NODE_ACTIVE);
	assert_string_equal(key, KEY);
	/* Version 2's column is there. */
	assert_int_equal(db_node_seen(db, "old1", 200), 0);
	db_close(db);
	assert_int_equal(version_of(f->path), 2);
}

static void
test_failed_migration_undone(void **state)
{
	struct fix *f = *state;
	char err[256];
	sqlite3 *sq;

	/* Migration 2 makes an index of this name: it fails half way. */
	raw_sql(f->path, SCHEMA_V1 "CREATE INDEX tokens_node ON tokens (hash);");
	assert_null(db_open(f->path, err, sizeof(err)));
	assert_non_null(strstr(err, "cannot migrate the database to version 2"));
	assert_int_equal(version_of(f->path), 1);
	/* Its first statement (the new column) was rolled back too. */
	assert_int_equal(sqlite3_open(f->path, &sq), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(sq, "SELECT last_seen FROM nodes",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(sq);
}

static void
test_newer_refused(void **state)
{
	struct fix *f = *state;
	char err[256];
	int v;

	raw_sql(f->path, "CREATE TABLE schema_version (version INTEGER);"
	    "INSERT INTO schema_version VALUES (99);"
	    "CREATE TABLE future (x INTEGER);");
	assert_null(db_open(f->path, err, sizeof(err)));
	assert_non_null(strstr(err, "database has schema version 99, newer "
	    "than this program's 2: refusing to use it"));
	assert_int_equal(db_check(f->path, &v, err, sizeof(err)), -1);
	assert_int_equal(v, 99);
	assert_non_null(strstr(err, "newer"));
}

static void
enrol_fails(struct db *db, const char *hash, const char *name,
    enum db_enrol want, const char *msg)
{
	char node[64], err[256];

	err[0] = '\0';
	assert_int_equal(db_enrol(db, hash, name, KEY, 1000, node,
	    sizeof(node), err, sizeof(err)), want);
	if (strstr(err, msg) == NULL)
		fail_msg("error \"%s\", want \"%s\"", err, msg);
}

static void
test_enrol(void **state)
{
	struct fix *f = *state;
	struct db *db;
	char err[256], node[64], key[64];

	db = db_open(f->path, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_token_add(db, H1, "n1", 900, 2000, err,
	    sizeof(err)), 0);
	assert_int_equal(db_token_add(db, H2, "n2", 900, 1000, err,
	    sizeof(err)), 0);
	enrol_fails(db, H1, "n2", DB_ENROL_OTHER_NODE,
	    "token is for node n1, not n2");
	assert_int_equal(db_enrol(db, H1, NULL, KEY, 1000, node, sizeof(node),
	    err, sizeof(err)), DB_ENROL_OK);
	assert_string_equal(node, "n1");
	assert_int_equal(db_node_key(db, "n1", key, sizeof(key)),
	    DB_NODE_ACTIVE);
	enrol_fails(db, H1, NULL, DB_ENROL_USED, "token was used already");
	enrol_fails(db, H2, NULL, DB_ENROL_EXPIRED, "token has expired");
	enrol_fails(db, H3, NULL, DB_ENROL_UNKNOWN, "unknown token");
	db_close(db);
}

static int
count_row(const struct db_node_row *r, void *arg)
{
	int *n = arg;

	if (strcmp(r->name, "n1") == 0) {
		assert_true(r->removed > 0);
		assert_int_equal(r->token_expires, 0);
		assert_int_equal(r->serial, 7);
	}
	(*n)++;
	return 0;
}

static void
test_removed(void **state)
{
	struct fix *f = *state;
	struct db *db;
	char err[256], node[64], key[64];
	int n = 0;

	db = db_open(f->path, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_token_add(db, H1, "n1", 900, 2000, err,
	    sizeof(err)), 0);
	assert_int_equal(db_enrol(db, H1, "n1", KEY, 1000, node, sizeof(node),
	    err, sizeof(err)), DB_ENROL_OK);
	assert_int_equal(db_bundle_record(db, "n1", 7, 1000, err,
	    sizeof(err)), 0);
	assert_int_equal(db_token_add(db, H2, "n1", 900, 2000, err,
	    sizeof(err)), 0);
	assert_int_equal(db_node_remove(db, "n1", 1100, err, sizeof(err)), 0);
	assert_int_equal(db_node_key(db, "n1", key, sizeof(key)),
	    DB_NODE_REMOVED);
	/* Its unused token went with it; removing an unknown node is fine. */
	enrol_fails(db, H2, NULL, DB_ENROL_UNKNOWN, "unknown token");
	assert_int_equal(db_node_remove(db, "nx", 1100, err, sizeof(err)), 0);
	assert_int_equal(db_nodes_each(db, count_row, &n, err, sizeof(err)),
	    0);
	assert_int_equal(n, 1);
	/* A new token enrols it again. */
	assert_int_equal(db_token_add(db, H3, "n1", 1200, 2000, err,
	    sizeof(err)), 0);
	assert_int_equal(db_enrol(db, H3, NULL, KEY, 1300, node, sizeof(node),
	    err, sizeof(err)), DB_ENROL_OK);
	assert_int_equal(db_node_key(db, "n1", key, sizeof(key)),
	    DB_NODE_ACTIVE);
	db_close(db);
}

static void
test_status(void **state)
{
	struct fix *f = *state;
	struct db *db;
	char err[256], *s;
	int64_t at = 0;

	db = db_open(f->path, err, sizeof(err));
	assert_non_null(db);
	assert_int_equal(db_status_put(db, "n1", "{\"a\":1}xx", 7, 50, err,
	    sizeof(err)), 0);
	assert_int_equal(db_status_put(db, "n1", "{\"a\":2}", 7, 60, err,
	    sizeof(err)), 0);
	s = db_status_get(db, "n1", &at);
	assert_string_equal(s, "{\"a\":2}");
	assert_int_equal(at, 60);
	free(s);
	assert_null(db_status_get(db, "n2", &at));
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fresh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_v1_migrated, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_failed_migration_undone,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_enrol, setup, teardown),
		cmocka_unit_test_setup_teardown(test_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
