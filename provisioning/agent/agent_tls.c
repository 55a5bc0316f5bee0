/* agent_tls.c: HTTPS to the controller with libcurl (GnuTLS): learning its certificate once, then every request pinned to its public key. */
/* SPDX-License-Identifier: ISC */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <inttypes.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/abstract.h>
#include <sodium.h>

#include "agent.h"
#include "jsonread.h"

#define ANSWER_MAX	(2 << 20)	/* octets of an answer kept */

/* "host:port:addr,addr" for CURLOPT_RESOLVE, when the controller has a name. */
static struct curl_slist *resolved;
/* agent_tls_interrupt: asked about once a second whether to give up. */
static int (*stop_fn)(void *);
static void *stop_arg;

void
agent_tls_interrupt(int (*stop)(void *), void *arg)
{
	stop_fn = stop;
	stop_arg = arg;
}

/* CURLOPT_XFERINFOFUNCTION: nonzero aborts the transfer. */
static int
on_progress(void *arg, curl_off_t dlt, curl_off_t dln, curl_off_t ult,
    curl_off_t uln)
{
	(void)arg, (void)dlt, (void)dln, (void)ult, (void)uln;
	return stop_fn != NULL && stop_fn(stop_arg);
}

int
agent_tls_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK &&
	    sodium_init() >= 0 ? 0 : -1;
}

/* https://ADDR:PORT/PATH?QUERY, an IPv6 address in brackets. */
static void
url(char *buf, size_t len, const char *addr, uint16_t port, const char *path,
    const char *query)
{
	int v6 = strchr(addr, ':') != NULL;

	snprintf(buf, len, "https://%s%s%s:%u%s%s%s", v6 ? "[" : "", addr,
	    v6 ? "]" : "", port, path, query ? "?" : "", query ? query : "");
}

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct agent_res *r = arg;
	char *nb;

	n *= size;
	if (r->len + n > ANSWER_MAX)
		return 0;
	if ((nb = realloc(r->body, r->len + n + 1)) == NULL)
		return 0;
	r->body = nb;
	memcpy(r->body + r->len, p, n);
	r->len += n;
	r->body[r->len] = '\0';
	return n;
}

/* ETag: "N" */
static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct agent_res *r = arg;
	char line[128];
	unsigned long long v;

	n *= size;
	if (n < sizeof(line) && strncasecmp(p, "etag:", 5) == 0) {
		memcpy(line, p, n);
		line[n] = '\0';
		if (sscanf(line + 5, " \"%llu\"", &v) == 1)
			r->etag = v;
	}
	return n;
}

static CURL *
handle(const char *u, struct agent_res *res, long timeout, char *ebuf)
{
	CURL *c;

	if ((c = curl_easy_init()) == NULL)
		return NULL;
	curl_easy_setopt(c, CURLOPT_URL, u);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, res);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, res);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
	/* No CA bundle: the pin is the trust, and nothing is read from disk. */
	curl_easy_setopt(c, CURLOPT_CAINFO, NULL);
	curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
	if (resolved != NULL)
		curl_easy_setopt(c, CURLOPT_RESOLVE, resolved);
	if (stop_fn != NULL) {
		curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
		curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	}
	return c;
}

/* The pin of the certificate's public key: "sha256//" BASE64(SHA-256(SPKI DER)). */
static int
spki_pin(gnutls_x509_crt_t crt, char *pin, size_t pinlen)
{
	gnutls_pubkey_t pk;
	gnutls_datum_t spki = { NULL, 0 };
	uint8_t h[crypto_hash_sha256_BYTES];
	char b64[sodium_base64_ENCODED_LEN(sizeof(h),
	    sodium_base64_VARIANT_ORIGINAL)];
	int ok;

	if (gnutls_pubkey_init(&pk) < 0)
		return -1;
	ok = gnutls_pubkey_import_x509(pk, crt, 0) >= 0 &&
	    gnutls_pubkey_export2(pk, GNUTLS_X509_FMT_DER, &spki) >= 0;
	gnutls_pubkey_deinit(pk);
	if (!ok)
		return -1;
	crypto_hash_sha256(h, spki.data, spki.size);
	gnutls_free(spki.data);
	sodium_bin2base64(b64, sizeof(b64), h, sizeof(h),
	    sodium_base64_VARIANT_ORIGINAL);
	return snprintf(pin, pinlen, "sha256//%s", b64) < (int)pinlen ? 0 : -1;
}

/* The server certificate's PEM (curl's certinfo "Cert:"): its hash and pin. */
static int
cert_facts(const char *pem, uint8_t hash[32], char *pin, size_t pinlen)
{
	gnutls_x509_crt_t crt;
	gnutls_datum_t in, der = { NULL, 0 };
	int ok;

	in.data = (unsigned char *)pem;
	in.size = (unsigned)strlen(pem);
	if (gnutls_x509_crt_init(&crt) < 0)
		return -1;
	ok = gnutls_x509_crt_import(crt, &in, GNUTLS_X509_FMT_PEM) >= 0 &&
	    gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &der) >= 0;
	if (ok) {
		crypto_hash_sha256(hash, der.data, der.size);
		gnutls_free(der.data);
		ok = spki_pin(crt, pin, pinlen) == 0;
	}
	gnutls_x509_crt_deinit(crt);
	return ok ? 0 : -1;
}

int
agent_tls_learn(const char *addr, uint16_t port, uint8_t hash[32],
    char *pin, size_t pinlen, char *err, size_t errlen)
{
	struct agent_res res = { 0 };
	struct curl_certinfo *ci = NULL;
	struct curl_slist *s;
	char u[256], ebuf[CURL_ERROR_SIZE] = "";
	CURL *c;
	CURLcode rc;
	int found = 0;

	url(u, sizeof(u), addr, port, "/v1/hello", NULL);
	if ((c = handle(u, &res, 15, ebuf)) == NULL) {
		snprintf(err, errlen, "cannot start a request");
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_CERTINFO, 1L);
	if ((rc = curl_easy_perform(c)) != CURLE_OK) {
		snprintf(err, errlen, "cannot reach the controller at %s port "
		    "%u: %s", addr, port, ebuf[0] ? ebuf :
		    curl_easy_strerror(rc));
		goto out;
	}
	if (curl_easy_getinfo(c, CURLINFO_CERTINFO, &ci) == CURLE_OK &&
	    ci != NULL && ci->num_of_certs > 0)
		for (s = ci->certinfo[0]; s != NULL && !found; s = s->next)
			if (strncmp(s->data, "Cert:", 5) == 0)
				found = cert_facts(s->data + 5, hash, pin,
				    pinlen) == 0;
	if (!found)
		snprintf(err, errlen, "cannot read the certificate of the "
		    "controller at %s port %u", addr, port);
out:
	curl_easy_cleanup(c);
	agent_res_free(&res);
	return found ? 0 : -1;
}

int
agent_tls_request(const char *addr, uint16_t port, const char *pin,
    const char *method, const char *path, const char *query,
    const char *auth, uint64_t inm, const char *body, size_t bodylen,
    long timeout, struct agent_res *res, char *err, size_t errlen)
{
	struct curl_slist *h = NULL;
	char u[512], line[REQSIG_HDR_MAX + 32], ebuf[CURL_ERROR_SIZE] = "";
	CURL *c;
	CURLcode rc;

	memset(res, 0, sizeof(*res));
	url(u, sizeof(u), addr, port, path, query);
	if ((c = handle(u, res, timeout, ebuf)) == NULL) {
		snprintf(err, errlen, "cannot start a request");
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, pin);
	if (auth != NULL) {
		snprintf(line, sizeof(line), "Authorization: %s", auth);
		h = curl_slist_append(h, line);
	}
	if (inm != 0) {
		snprintf(line, sizeof(line), "If-None-Match: \"%" PRIu64 "\"",
		    inm);
		h = curl_slist_append(h, line);
	}
	if (strcmp(method, "POST") == 0) {
		h = curl_slist_append(h, "Content-Type: application/json");
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body ? body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)bodylen);
	}
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->code);
	else
		snprintf(err, errlen, "%s", ebuf[0] ? ebuf :
		    curl_easy_strerror(rc));
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	if (rc != CURLE_OK) {
		agent_res_free(res);
		return rc == CURLE_ABORTED_BY_CALLBACK ? 1 : -1;
	}
	return 0;
}

void
agent_res_free(struct agent_res *r)
{
	free(r->body);
	r->body = NULL;
	r->len = 0;
}

void
agent_res_error(const struct agent_res *r, char *err, size_t errlen)
{
	const char *const keys[] = { "error", NULL };
	char *v[1] = { NULL }, e[64];

	if (r->body != NULL && jsonread_strings(r->body, r->len, keys, v, e,
	    sizeof(e)) == 0 && v[0] != NULL)
		snprintf(err, errlen, "%s", v[0]);
	else
		snprintf(err, errlen, "HTTP status %ld", r->code);
	free(v[0]);
}

int
agent_tls_resolve(const char *addr, uint16_t port, char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
	char line[1024], ip[INET6_ADDRSTRLEN];
	const void *a;
	size_t off;
	int rc;

	if (inet_pton(AF_INET, addr, line) == 1 ||
	    inet_pton(AF_INET6, addr, line) == 1)
		return 0;
	if ((rc = getaddrinfo(addr, NULL, &hints, &res)) != 0) {
		snprintf(err, errlen, "cannot resolve %s: %s", addr,
		    gai_strerror(rc));
		return -1;
	}
	off = (size_t)snprintf(line, sizeof(line), "%s:%u:", addr, port);
	for (ai = res; ai != NULL && off < sizeof(line); ai = ai->ai_next) {
		a = ai->ai_family == AF_INET ?
		    (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr :
		    (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
		if (inet_ntop(ai->ai_family, a, ip, sizeof(ip)) == NULL ||
		    strstr(line, ip) != NULL)
			continue;
		off += (size_t)snprintf(line + off, sizeof(line) - off, "%s%s%s%s",
		    line[off - 1] == ':' ? "" : ",",
		    ai->ai_family == AF_INET6 ? "[" : "", ip,
		    ai->ai_family == AF_INET6 ? "]" : "");
	}
	freeaddrinfo(res);
	if (off >= sizeof(line)) {
		snprintf(err, errlen, "cannot resolve %s: too many addresses",
		    addr);
		return -1;
	}
	curl_slist_free_all(resolved);
	resolved = curl_slist_append(NULL, line);
	return resolved == NULL ? -1 : 0;
}
