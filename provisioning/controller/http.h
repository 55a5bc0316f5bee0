/* http.h: outpost-controller's HTTPS API: the server's state shared by the endpoint handlers (http_*.c). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_HTTP_H
#define OUTPOST_HTTP_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include <microhttpd.h>

#include "reqsig.h"

#define HTTP_BODY_MAX	(64 * 1024)	/* a request body's largest size */
#define HTTP_WAIT_MAX	300		/* longest long poll, seconds */
#define BUNDLE_MAX	(4 * 1024 * 1024)
#define BUNDLE_SUFFIX	".bundle"

struct waiter;

/* The server: set up by server.c, used by the handlers (MHD's thread). */
struct ctl {
	struct db	*db;
	const char	*statedir;
	char		 bundledir[4096];
	uint8_t		 certhash[32];	/* SHA-256 of tls.crt's DER */
	char		 signpub[64];	/* base64 of signing.pub */
	uint8_t		 signpk[32];
	uint8_t		 signsk[64];	/* signs the bundle made at enrolment */
	/* Long polls waiting for a bundle (http_bundle.c), under lock. */
	pthread_mutex_t	 lock;
	struct waiter	*waiters;
	int		 stopping;
	int		 wakefd;	/* eventfd: a new deadline to poll for */
	int64_t		 next_due;	/* earliest deadline the loop knows, 0 none */
	int		 inflight;	/* requests begun, not completed */
};

/* One request, from its first call to its completion (MHD's con_cls). */
struct req {
	char		*body;
	size_t		 len;
	int		 too_big;
	int		 authed;	/* signed request checked */
	struct waiter	*wait;		/* a suspended long poll */
	uint64_t	 known;		/* serial the client has (ETag) */
	int64_t		 deadline;	/* long poll ends, now_ms() */
};

/* The endpoints: each answers its request (a response queued or MHD_NO). */
enum MHD_Result http_enrol(struct ctl *, struct MHD_Connection *,
	    struct req *);
enum MHD_Result http_bundle(struct ctl *, struct MHD_Connection *,
	    struct req *, const char *node);
enum MHD_Result http_status(struct ctl *, struct MHD_Connection *,
	    struct req *, const char *node);

/* Replies (http_reply.c): JSON {"error": msg}, and a JSON text as is. */
enum MHD_Result http_error(struct MHD_Connection *, unsigned code,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
enum MHD_Result http_json(struct MHD_Connection *, unsigned code,
	    char *text, size_t len);
/* The peer's address as text, for log lines. */
const char *http_peer(struct MHD_Connection *, char *buf, size_t len);

/*
 * Checks the request's signature (http_auth.c): the node's known and not
 * removed, the signature by its key over method, path, ts and body.  0, or
 * a refusal already queued (MHD_YES) or failed (MHD_NO) in *res.
 */
int	http_auth(struct ctl *, struct MHD_Connection *, struct req *,
	    const char *method, const char *path, const char *node,
	    enum MHD_Result *res);

/* Long polls (http_bundle.c): the inotify descriptor on the bundles. */
int	bundle_watch_open(struct ctl *);
/* Reads the inotify events: resumes the polls of the nodes they name. */
void	bundle_watch_read(struct ctl *, int fd);
/* Resumes the polls whose time is up (all when stopping); ms to the next. */
int	bundle_wait_expire(struct ctl *, int64_t now);

#endif
