/* http_status.c: POST /v1/status/NAME, signed: the node's status report (a JSON object) kept as its last. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "db.h"
#include "http.h"
#include "json.h"
#include "jsonread.h"
#include "log.h"

enum MHD_Result
http_status(struct ctl *c, struct MHD_Connection *conn, struct req *rq,
    const char *node)
{
	char err[256], path[128], *text = NULL;
	enum MHD_Result res;
	size_t len = 0;
	time_t now = time(NULL);
	FILE *f;
	int first = 1;

	snprintf(path, sizeof(path), "/v1/status/%s", node);
	if (http_auth(c, conn, rq, "POST", path, node, &res) < 0)
		return res;
	if (jsonread_object(rq->body ? rq->body : "", rq->len, err,
	    sizeof(err)) < 0)
		return http_error(conn, MHD_HTTP_BAD_REQUEST, "status of node "
		    "%s: %s", node, err);
	if (db_status_put(c->db, node, rq->body, rq->len, now, err,
	    sizeof(err)) < 0) {
		log_warnx("node %s: %s", node, err);
		return http_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "cannot store the status");
	}
	log_debug("node %s: status stored", node);
	if ((f = open_memstream(&text, &len)) == NULL)
		return MHD_NO;
	fputc('{', f);
	json_kv(f, &first, "node", node);
	json_ki(f, &first, "received", (long long)now);
	fputs("}\n", f);
	if (fclose(f) != 0) {
		free(text);
		return MHD_NO;
	}
	return http_json(conn, MHD_HTTP_OK, text, len);
}
