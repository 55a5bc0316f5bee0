/* publish.c: publishing a node's node.conf: the text kept for the next plan, its signed bundle sealed to the node's key, the serial recorded. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "db.h"
#include "errbuf.h"
#include "fileutil.h"
#include "nodekey.h"
#include "publish.h"

#define CONF_MAX	(1024 * 1024)

int
publish_text(const struct publisher *p, const char *node, const char *conf,
    size_t len, char *err, size_t errlen)
{
	char dir[PATH_MAX], path[PATH_MAX + 80];

	snprintf(dir, sizeof(dir), "%s/" PUBLISHED_DIR, p->statedir);
	snprintf(path, sizeof(path), "%s/%s.conf", dir, node);
	if (mkdir_p(dir, 0700, getuid(), getgid()) < 0 ||
	    file_write_atomic(path, conf, len, 0600, getuid(), getgid()) < 0)
		return errorf(err, errlen, "cannot write %s: %s", path,
		    strerror(errno));
	return 0;
}

/* The node's key as it enrolled: 1, 0 when it has not (or left), -1. */
static int
node_pk(const struct publisher *p, const char *node, uint8_t pk[32],
    char *err, size_t errlen)
{
	char text[64], why[128];

	switch (db_node_key(p->db, node, text, sizeof(text))) {
	case DB_NODE_ACTIVE:
		break;
	case DB_NODE_ERROR:
		return errorf(err, errlen, "cannot read node %s from the "
		    "database", node);
	default:
		return 0;
	}
	if (nodekey_pk_from_text(text, pk, why, sizeof(why)) < 0)
		return errorf(err, errlen, "cannot use node %s's key: %s",
		    node, why);
	return 1;
}

static int
write_bundle(const struct publisher *p, const char *node, const char *b,
    size_t len, char *err, size_t errlen)
{
	char path[PATH_MAX + 80];

	snprintf(path, sizeof(path), "%s/%s.bundle", p->bundledir, node);
	if (mkdir_p(p->bundledir, 0755, getuid(), getgid()) < 0 ||
	    file_write_atomic(path, b, len, 0644, getuid(), getgid()) < 0)
		return errorf(err, errlen, "cannot write %s: %s", path,
		    strerror(errno));
	return 0;
}

int
publish_bundle(const struct publisher *p, const char *node, uint64_t *serial,
    char *err, size_t errlen)
{
	char path[PATH_MAX + 80], *conf, *b = NULL;
	uint8_t pk[32];
	size_t len, blen;
	int rc;

	*serial = 0;
	if ((rc = node_pk(p, node, pk, err, errlen)) <= 0)
		return rc;
	snprintf(path, sizeof(path), "%s/" PUBLISHED_DIR "/%s.conf",
	    p->statedir, node);
	if ((conf = file_read(path, CONF_MAX, &len)) == NULL)
		return errno == ENOENT ? 0 : errorf(err, errlen, "cannot read "
		    "%s: %s", path, strerror(errno));
	*serial = db_bundle_serial(p->db, node) + 1;
	rc = bundle_make(node, *serial, conf, len, pk, p->ctl_sk, &b, &blen,
	    err, errlen);
	free(conf);
	if (rc == 0)
		rc = write_bundle(p, node, b, blen, err, errlen);
	free(b);
	if (rc == 0)
		rc = db_bundle_record(p->db, node, *serial, time(NULL), err,
		    errlen);
	if (rc < 0)
		*serial = 0;
	return rc;
}

int
publish_remove(const struct publisher *p, const char *node, char *err,
    size_t errlen)
{
	char path[PATH_MAX + 80];

	if (db_node_remove(p->db, node, time(NULL), err, errlen) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/%s.bundle", p->bundledir, node);
	if (unlink(path) < 0 && errno != ENOENT)
		return errorf(err, errlen, "cannot remove %s: %s", path,
		    strerror(errno));
	snprintf(path, sizeof(path), "%s/" PUBLISHED_DIR "/%s.conf",
	    p->statedir, node);
	if (unlink(path) < 0 && errno != ENOENT)
		return errorf(err, errlen, "cannot remove %s: %s", path,
		    strerror(errno));
	return 0;
}
