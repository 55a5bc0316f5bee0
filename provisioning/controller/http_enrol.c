/* http_enrol.c: POST /v1/enrol: a node presents its token and public key; the token is used up and the node recorded. */
/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "db.h"
#include "http.h"
#include "json.h"
#include "jsonread.h"
#include "log.h"
#include "publish.h"
#include "token.h"

enum { F_TOKEN, F_NAME, F_KEY, F_COUNT };

static enum MHD_Result
refused(struct MHD_Connection *conn, unsigned code, const char *why)
{
	char peer[64];

	log_warnx("refused enrolment from %s: %s", http_peer(conn, peer,
	    sizeof(peer)), why);
	return http_error(conn, code, "%s", why);
}

/* The key: base64 of an ed25519 public key (it also receives secrets). */
static int
key_valid(const char *b64)
{
	uint8_t pk[32], x[32];
	size_t len;

	return sodium_base642bin(pk, sizeof(pk), b64, strlen(b64), NULL, &len,
	    NULL, sodium_base64_VARIANT_ORIGINAL) == 0 && len == sizeof(pk) &&
	    crypto_sign_ed25519_pk_to_curve25519(x, pk) == 0;
}

/*
 * A node published by outpostctl apply before it enrolled gets its first
 * bundle now, sealed to the key it just gave.
 */
static void
publish_enrolled(struct ctl *c, const char *node)
{
	struct publisher p = { c->statedir, c->bundledir, c->db, { 0 },
	    { 0 } };
	char err[512];
	uint64_t serial;

	memcpy(p.ctl_pk, c->signpk, sizeof(p.ctl_pk));
	memcpy(p.ctl_sk, c->signsk, sizeof(p.ctl_sk));
	if (publish_bundle(&p, node, &serial, err, sizeof(err)) < 0)
		log_warnx("cannot publish node %s's bundle: %s", node, err);
	else if (serial != 0)
		log_info("node %s: bundle %llu published", node,
		    (unsigned long long)serial);
	sodium_memzero(p.ctl_sk, sizeof(p.ctl_sk));
}

static enum MHD_Result
enrolled(struct ctl *c, struct MHD_Connection *conn, const char *node)
{
	char peer[64], *text = NULL, path[128];
	size_t len = 0;
	FILE *f;
	int first = 1;

	log_info("node %s enrolled from %s", node, http_peer(conn, peer,
	    sizeof(peer)));
	publish_enrolled(c, node);
	snprintf(path, sizeof(path), "/v1/bundle/%s", node);
	if ((f = open_memstream(&text, &len)) == NULL)
		return MHD_NO;
	fputc('{', f);
	json_kv(f, &first, "node", node);
	json_kv(f, &first, "controller_key", c->signpub);
	json_kv(f, &first, "bundle", path);
	fputs("}\n", f);
	if (fclose(f) != 0) {
		free(text);
		return MHD_NO;
	}
	return http_json(conn, MHD_HTTP_OK, text, len);
}

static enum MHD_Result
enrol(struct ctl *c, struct MHD_Connection *conn, char **v)
{
	struct token t;
	char err[256], hash[65], node[REQSIG_NAME_MAX];

	if (v[F_TOKEN] == NULL || v[F_KEY] == NULL)
		return refused(conn, MHD_HTTP_BAD_REQUEST, v[F_TOKEN] == NULL ?
		    "\"token\" missing" : "\"key\" missing");
	if (token_decode(v[F_TOKEN], &t, err, sizeof(err)) < 0)
		return refused(conn, MHD_HTTP_BAD_REQUEST, err);
	if (memcmp(t.certhash, c->certhash, TOKEN_CERTHASH_LEN) != 0)
		return refused(conn, MHD_HTTP_FORBIDDEN, "token is for another "
		    "controller (its certificate hash is not ours)");
	if (v[F_NAME] != NULL && v[F_NAME][0] == '\0') {
		free(v[F_NAME]);	/* "name": "" is no name */
		v[F_NAME] = NULL;
	}
	if (v[F_NAME] != NULL && !node_name_valid(v[F_NAME]))
		return refused(conn, MHD_HTTP_BAD_REQUEST, "\"name\" is not a "
		    "node name");
	if (!key_valid(v[F_KEY]))
		return refused(conn, MHD_HTTP_BAD_REQUEST, "\"key\" is not "
		    "base64 of an ed25519 public key");
	token_secret_hash(t.secret, hash);
	switch (db_enrol(c->db, hash, v[F_NAME], v[F_KEY], time(NULL), node,
	    sizeof(node), err, sizeof(err))) {
	case DB_ENROL_OK:
		return enrolled(c, conn, node);
	case DB_ENROL_ERROR:
		log_warnx("cannot enrol: %s", err);
		return http_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "cannot enrol: database error");
	default:
		return refused(conn, MHD_HTTP_FORBIDDEN, err);
	}
}

enum MHD_Result
http_enrol(struct ctl *c, struct MHD_Connection *conn, struct req *rq)
{
	static const char *const keys[] = { "token", "name", "key", NULL };
	char *v[F_COUNT], err[256];
	enum MHD_Result ret;
	int i;

	if (jsonread_strings(rq->body ? rq->body : "", rq->len, keys, v, err,
	    sizeof(err)) < 0)
		return refused(conn, MHD_HTTP_BAD_REQUEST, err);
	ret = enrol(c, conn, v);
	for (i = 0; i < F_COUNT; i++)
		free(v[i]);
	return ret;
}
