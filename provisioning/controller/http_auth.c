/* http_auth.c: outpost-controller's check of a signed request: known node, not removed, fresh ts, signature by its key. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "db.h"
#include "http.h"
#include "log.h"

static int
refuse(struct MHD_Connection *conn, unsigned code, const char *method,
    const char *path, const char *why, enum MHD_Result *res)
{
	char peer[64];

	log_warnx("refused %s %s from %s: %s", method, path,
	    http_peer(conn, peer, sizeof(peer)), why);
	*res = http_error(conn, code, "%s", why);
	return -1;
}

int
http_auth(struct ctl *c, struct MHD_Connection *conn, struct req *rq,
    const char *method, const char *path, const char *node,
    enum MHD_Result *res)
{
	struct reqsig rs;
	char err[256], key[64];
	uint8_t pk[32];
	size_t pklen;
	time_t now = time(NULL);

	if (reqsig_parse(MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION), &rs, err, sizeof(err)) < 0)
		return refuse(conn, MHD_HTTP_UNAUTHORIZED, method, path, err,
		    res);
	if (strcmp(rs.node, node) != 0) {
		snprintf(err, sizeof(err), "node %s may not use %s", rs.node,
		    path);
		return refuse(conn, MHD_HTTP_FORBIDDEN, method, path, err, res);
	}
	switch (db_node_key(c->db, node, key, sizeof(key))) {
	case DB_NODE_ACTIVE:
		break;
	case DB_NODE_UNKNOWN:
		snprintf(err, sizeof(err), "unknown node %s: not enrolled",
		    node);
		return refuse(conn, MHD_HTTP_FORBIDDEN, method, path, err, res);
	case DB_NODE_REMOVED:
		snprintf(err, sizeof(err), "node %s was removed from the "
		    "fleet", node);
		return refuse(conn, MHD_HTTP_FORBIDDEN, method, path, err, res);
	default:
		return refuse(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, method,
		    path, "cannot read the database", res);
	}
	if (sodium_base642bin(pk, sizeof(pk), key, strlen(key), NULL, &pklen,
	    NULL, sodium_base64_VARIANT_ORIGINAL) != 0 || pklen != sizeof(pk))
		return refuse(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, method,
		    path, "node's key in the database is not base64", res);
	if (reqsig_check(&rs, method, path, rq->body, rq->len, pk, now, err,
	    sizeof(err)) < 0)
		return refuse(conn, MHD_HTTP_UNAUTHORIZED, method, path, err,
		    res);
	db_node_seen(c->db, node, now);
	rq->authed = 1;
	return 0;
}
