/* http_route.h: outpost-controller's request callbacks given to libmicrohttpd. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_HTTP_ROUTE_H
#define OUTPOST_HTTP_ROUTE_H

#include <microhttpd.h>

/* MHD's access handler; cls: the struct ctl. */
enum MHD_Result http_access(void *cls, struct MHD_Connection *,
	    const char *url, const char *method, const char *version,
	    const char *data, size_t *size, void **con_cls);
/* MHD's completion callback: frees the request's state. */
void	http_completed(void *cls, struct MHD_Connection *, void **con_cls,
	    enum MHD_RequestTerminationCode);

#endif
