/* agent.h: outpost-agent: what its files share (the controller file, the TLS client, the commands, the two processes of run). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_AGENT_H
#define OUTPOST_AGENT_H

#include <stddef.h>
#include <stdint.h>

#include "reqsig.h"
#include "token.h"

#define AGENT_CTL_FILE	"controller"
#define AGENT_PIN_MAX	80	/* "sha256//" + 44 base64 + NUL */
#define AGENT_UID	64098	/* the network side's user and group */
#define AGENT_EMPTY_DIR	"empty"	/* STATEDIR/empty: its working directory */
#define AGENT_WAIT	60	/* seconds of a long poll */
#define AGENT_STATUS_EVERY 60	/* seconds between status reports */
#define AGENT_LOOK_EVERY 5	/* seconds between looks for a change of state */
#define AGENT_APPLY_TIMEOUT 60	/* seconds outpost configure may take */

/* STATEDIR/controller: what enrolment learnt, the trust of every request. */
struct agent_ctl {
	char		 addr[TOKEN_ADDR_MAX];
	uint16_t	 port;
	char		 pin[AGENT_PIN_MAX];	/* sha256//BASE64 of its SPKI */
	char		 key[64];		/* its signing key, base64 */
	char		 node[REQSIG_NAME_MAX];	/* our name */
};

/* agent_ctlfile.c: the file as "key: value" lines, written atomically. */
int	agent_ctl_save(const char *dir, const struct agent_ctl *, char *err,
	    size_t errlen);
int	agent_ctl_load(const char *dir, struct agent_ctl *, char *err,
	    size_t errlen);

/* agent_tls.c: HTTPS to the controller (libcurl, GnuTLS). */
struct agent_res {
	long		 code;		/* HTTP status */
	char		*body;		/* malloc'd, NUL-terminated */
	size_t		 len;
	uint64_t	 etag;		/* ETag: "N", 0 when absent */
};
/* curl_global_init: once, before any request (and before dropping privileges). */
int	agent_tls_init(void);
/*
 * Connects to addr:port without verification, sending no secret (GET
 * /v1/hello: any answer will do), and gives SHA-256 of the certificate's
 * DER in hash and the pin of its public key.  0, or -1 with err set.
 */
int	agent_tls_learn(const char *addr, uint16_t port, uint8_t hash[32],
	    char *pin, size_t pinlen, char *err, size_t errlen);
/*
 * One request to addr:port pinned to pin, host name unchecked; auth and
 * inm (If-None-Match serial, 0: none) optional; body for a POST (JSON).
 * 0 with res filled (any HTTP status), -1 with err set (no answer), 1
 * when agent_tls_interrupt's stop ended it.
 */
int	agent_tls_request(const char *addr, uint16_t port, const char *pin,
	    const char *method, const char *path, const char *query,
	    const char *auth, uint64_t inm, const char *body, size_t bodylen,
	    long timeout, struct agent_res *res, char *err, size_t errlen);
void	agent_res_free(struct agent_res *);
/*
 * While set, requests call stop(arg) about once a second and give up when
 * it returns nonzero: agent_tls_request then returns 1 (no outcome either
 * way).  NULL: run every request to its end.
 */
void	agent_tls_interrupt(int (*stop)(void *), void *arg);
/*
 * Resolves a controller host name once (an IP address needs nothing), so
 * that later requests read no file and start no resolver thread: 0, or -1
 * with err set.
 */
int	agent_tls_resolve(const char *addr, uint16_t port, char *err,
	    size_t errlen);
/* agent_sandbox.c: the network side's seccomp filter: 0, or -1 with errno. */
int	agent_sandbox(void);
/* The error of a JSON answer {"error": ...}, or its status line. */
void	agent_res_error(const struct agent_res *, char *err, size_t errlen);

/* agent_enrol.c: enrol and check. */
int	agent_enrol(const char *statedir, const char *token, int enrol);

/* agent_run.c (parent) and agent_net.c (the network child). */
int	agent_run(const char *statedir, const char *nodeconf);
void	agent_net_main(int fd, const struct agent_ctl *, const char *statedir,
	    uint64_t serial) __attribute__((noreturn));

/*
 * agent_apply.c: applies candidate through the node that runs nodeconf
 * (outpost configure -c NODECONF --timeout S FILE): 0 confirmed, 1 rolled
 * back (why set), -1 could not ask (why set).
 */
int	agent_apply(const char *candidate, int timeout, const char *nodeconf,
	    char *why, size_t whylen);

/* A command's output (argv run, stdout and stderr), malloc'd; NULL on failure. */
char	*agent_output(char *const argv[], int *status);

#endif
