/* http_route.c: outpost-controller's requests from first call to completion: the body gathered, then the endpoint chosen by path and method. */
/* SPDX-License-Identifier: ISC */
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "http_route.h"

#define P_ENROL		"/v1/enrol"
#define P_BUNDLE	"/v1/bundle/"
#define P_STATUS	"/v1/status/"

static enum MHD_Result
gather(struct req *rq, const char *data, size_t *size)
{
	char *nb;

	if (rq->too_big || rq->len + *size > HTTP_BODY_MAX) {
		rq->too_big = 1;
	} else if ((nb = realloc(rq->body, rq->len + *size + 1)) == NULL) {
		return MHD_NO;
	} else {
		memcpy(nb + rq->len, data, *size);
		rq->body = nb;
		rq->len += *size;
		rq->body[rq->len] = '\0';
	}
	*size = 0;
	return MHD_YES;
}

static enum MHD_Result
wrong_method(struct MHD_Connection *conn, const char *allow)
{
	return http_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "use %s here",
	    allow);
}

static enum MHD_Result
route(struct ctl *c, struct MHD_Connection *conn, struct req *rq,
    const char *url, const char *method)
{
	const char *node;

	if (strcmp(url, P_ENROL) == 0)
		return strcmp(method, "POST") == 0 ? http_enrol(c, conn, rq) :
		    wrong_method(conn, "POST");
	if (strncmp(url, P_BUNDLE, strlen(P_BUNDLE)) == 0 &&
	    node_name_valid(node = url + strlen(P_BUNDLE)))
		return strcmp(method, "GET") == 0 ? http_bundle(c, conn, rq,
		    node) : wrong_method(conn, "GET");
	if (strncmp(url, P_STATUS, strlen(P_STATUS)) == 0 &&
	    node_name_valid(node = url + strlen(P_STATUS)))
		return strcmp(method, "POST") == 0 ? http_status(c, conn, rq,
		    node) : wrong_method(conn, "POST");
	return http_error(conn, MHD_HTTP_NOT_FOUND, "no such resource");
}

enum MHD_Result
http_access(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *data, size_t *size,
    void **con_cls)
{
	struct ctl *c = cls;
	struct req *rq = *con_cls;

	(void)version;
	if (rq == NULL) {
		if ((rq = calloc(1, sizeof(*rq))) == NULL)
			return MHD_NO;
		*con_cls = rq;
		pthread_mutex_lock(&c->lock);
		c->inflight++;
		pthread_mutex_unlock(&c->lock);
		return MHD_YES;
	}
	if (*size > 0)
		return gather(rq, data, size);
	if (rq->too_big)
		return http_error(conn, MHD_HTTP_CONTENT_TOO_LARGE, "request "
		    "body over %d octets", HTTP_BODY_MAX);
	return route(cls, conn, rq, url, method);
}

void
http_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct ctl *c = cls;
	struct req *rq = *con_cls;

	(void)conn;
	(void)toe;
	if (rq == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	c->inflight--;
	pthread_mutex_unlock(&c->lock);
	free(rq->body);
	free(rq);
	*con_cls = NULL;
}
