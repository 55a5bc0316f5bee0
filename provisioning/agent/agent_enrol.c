/* agent_enrol.c: outpost-agent enrol and check: the token read offline, the node key made, the controller's certificate learnt and checked against the token, then POST /v1/enrol. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "agent.h"
#include "fileutil.h"
#include "json.h"
#include "jsonread.h"
#include "log.h"
#include "nodekey.h"

/* The node key: loaded, or made when absent. */
static int
node_key(const char *dir, struct nodekey *k)
{
	char kp[PATH_MAX], pp[PATH_MAX], err[256];

	snprintf(kp, sizeof(kp), "%s/%s", dir, NODEKEY_KEY_FILE);
	snprintf(pp, sizeof(pp), "%s/%s", dir, NODEKEY_PUB_FILE);
	if (access(kp, F_OK) == 0) {
		if (nodekey_load(kp, k, err, sizeof(err)) == 0)
			return 0;
	} else if (nodekey_generate(kp, pp, k, err, sizeof(err)) == 0) {
		log_info("made the node key %s", kp);
		return 0;
	}
	log_warnx("cannot use the node key %s: %s", kp, err);
	return -1;
}

/* POST /v1/enrol; the answer's controller key and node name into c. */
static int
post_enrol(struct agent_ctl *c, const char *token, const struct nodekey *k)
{
	static const char *const keys[] = { "node", "controller_key", NULL };
	struct agent_res res;
	uint8_t ctl_pk[NODEKEY_PK_LEN];
	char pk[NODEKEY_PK_TEXT], err[512], *body = NULL, *v[2] = { NULL };
	size_t len = 0;
	FILE *f;
	int first = 1, rc = -1;

	nodekey_pk_to_text(k->pk, pk);
	if ((f = open_memstream(&body, &len)) == NULL)
		fatal("cannot make the enrolment request");
	fputc('{', f);
	json_kv(f, &first, "token", token);
	json_kv(f, &first, "key", pk);
	fputc('}', f);
	if (fclose(f) != 0)
		fatal("cannot make the enrolment request");
	if (agent_tls_request(c->addr, c->port, c->pin, "POST", "/v1/enrol",
	    NULL, NULL, 0, body, len, 30, &res, err, sizeof(err)) < 0) {
		log_warnx("cannot enrol at %s port %u: %s", c->addr, c->port,
		    err);
		free(body);
		return -1;
	}
	sodium_memzero(body, len);
	free(body);
	if (res.code != 200) {
		agent_res_error(&res, err, sizeof(err));
		log_warnx("cannot enrol: the controller says: %s", err);
	} else if (jsonread_strings(res.body, res.len, keys, v, err,
	    sizeof(err)) < 0 || v[0] == NULL || v[1] == NULL ||
	    snprintf(c->node, sizeof(c->node), "%s", v[0]) >=
	    (int)sizeof(c->node) || !node_name_valid(c->node) ||
	    snprintf(c->key, sizeof(c->key), "%s", v[1]) >=
	    (int)sizeof(c->key) ||
	    nodekey_pk_from_text(c->key, ctl_pk, err, sizeof(err)) < 0) {
		log_warnx("cannot enrol: the controller's answer lacks its "
		    "node name or a good key");
	} else
		rc = 0;
	free(v[0]);
	free(v[1]);
	agent_res_free(&res);
	return rc;
}

int
agent_enrol(const char *dir, const char *text, int enrol)
{
	struct token t;
	struct agent_ctl c;
	struct nodekey k;
	uint8_t hash[32];
	char err[512];
	int rc;

	if (token_decode(text, &t, err, sizeof(err)) < 0) {
		log_warnx("cannot read the token: %s", err);
		return 1;
	}
	memset(&c, 0, sizeof(c));
	snprintf(c.addr, sizeof(c.addr), "%s", t.addr);
	c.port = t.port;
	log_info("the token names the controller at %s port %u", c.addr,
	    c.port);
	if (agent_tls_learn(c.addr, c.port, hash, c.pin, sizeof(c.pin), err,
	    sizeof(err)) < 0) {
		log_warnx("%s", err);
		return 1;
	}
	if (sodium_memcmp(hash, t.certhash, TOKEN_CERTHASH_LEN) != 0) {
		log_warnx("the controller at %s is not the one the token "
		    "names: certificate hash differs", c.addr);
		return 1;
	}
	log_info("the controller's certificate is the one the token names");
	if (!enrol) {
		log_info("token checked: whether it is unused and unexpired "
		    "only enrolment can tell (the API has no dry run)");
		return 0;
	}
	if (mkdir_p(dir, 0700, getuid(), getgid()) < 0 && errno != EEXIST) {
		log_warn("cannot make %s", dir);
		return 1;
	}
	if (node_key(dir, &k) < 0)
		return 1;
	rc = post_enrol(&c, text, &k);
	nodekey_wipe(&k);
	if (rc < 0)
		return 1;
	if (agent_ctl_save(dir, &c, err, sizeof(err)) < 0) {
		log_warnx("%s", err);
		return 1;
	}
	log_info("enrolled as node %s", c.node);
	return 0;
}
