/* http_reply.c: outpost-controller's replies: JSON errors and bodies, and the peer's address for log lines. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "http.h"
#include "json.h"

enum MHD_Result
http_json(struct MHD_Connection *conn, unsigned code, char *text, size_t len)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	if ((r = MHD_create_response_from_buffer(len, text,
	    MHD_RESPMEM_MUST_FREE)) == NULL) {
		free(text);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
	    "application/json");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	/* A 401 names the scheme that would do (RFC 9110, 11.6.1). */
	if (code == MHD_HTTP_UNAUTHORIZED)
		MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
		    "Outpost");
	ret = MHD_queue_response(conn, code, r);
	MHD_destroy_response(r);
	return ret;
}

enum MHD_Result
http_error(struct MHD_Connection *conn, unsigned code, const char *fmt, ...)
{
	char msg[512], *text = NULL;
	size_t len = 0;
	va_list ap;
	FILE *f;
	int first = 1;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if ((f = open_memstream(&text, &len)) == NULL)
		return MHD_NO;
	fputc('{', f);
	json_kv(f, &first, "error", msg);
	fputs("}\n", f);
	if (fclose(f) != 0) {
		free(text);
		return MHD_NO;
	}
	return http_json(conn, code, text, len);
}

const char *
http_peer(struct MHD_Connection *conn, char *buf, size_t len)
{
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr *sa;

	snprintf(buf, len, "?");
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || (sa = ci->client_addr) == NULL)
		return buf;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)
		    (const void *)sa)->sin_addr, buf, (socklen_t)len);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
		    (const void *)sa)->sin6_addr, buf, (socklen_t)len);
	return buf;
}
