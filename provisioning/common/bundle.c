/* bundle.c: a node's signed configuration bundle: header, node.conf text with its secrets sealed, the controller's signature; made and opened (verified). */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bundle.h"
#include "errbuf.h"
#include "nodeconf.h"
#include "nodekey.h"
#include "nodename.h"
#include "seal.h"

#define SIG_LEN		crypto_sign_BYTES
#define SIG_TEXT	sodium_base64_ENCODED_LEN(SIG_LEN, \
			    sodium_base64_VARIANT_ORIGINAL)
#define FIELD_MAX	128	/* octets of a header value */

/* What the syntax check finds. */
struct bundle_hdr {
	char		 node[BUNDLE_NAME_MAX + 1];
	uint64_t	 serial;
	uint8_t		 node_pk[NODEKEY_PK_LEN];
	uint8_t		 ctl_pk[NODEKEY_PK_LEN];
	size_t		 body;		/* offset of the node.conf text */
	size_t		 conflen;
	size_t		 signed_len;	/* octets the signature covers */
	uint8_t		 sig[SIG_LEN];
};

/* Reading a bundle line by line. */
struct cursor {
	const char	*buf;
	size_t		 len;
	size_t		 pos;
	int		 line;
};

/* The start of s up to its first ':', printable, for messages. */
static void
show_key(const char *s, size_t n, char *out, size_t max)
{
	size_t i;

	for (i = 0; i < n && i + 1 < max && s[i] != ':'; i++)
		out[i] = isprint((unsigned char)s[i]) ? s[i] : '?';
	out[i] = '\0';
}

/* The next line, which must be "name: VALUE": its value into val. */
static int
field(struct cursor *c, const char *name, char *val, size_t max, char *err,
    size_t errlen)
{
	const char *s = c->buf + c->pos, *nl;
	size_t n, kl = strlen(name);
	char shown[24];

	c->line++;
	if (c->pos == c->len)
		return errorf(err, errlen, "truncated: line %d ('%s:') "
		    "missing", c->line, name);
	if ((nl = memchr(s, '\n', c->len - c->pos)) == NULL)
		return errorf(err, errlen, "truncated: line %d ('%s:') does "
		    "not end", c->line, name);
	n = (size_t)(nl - s);
	if (memchr(s, '\0', n) != NULL)
		return errorf(err, errlen, "line %d: NUL byte", c->line);
	if (n <= kl + 1 || memcmp(s, name, kl) != 0 || s[kl] != ':' ||
	    s[kl + 1] != ' ') {
		if (n == 0)
			return errorf(err, errlen, "line %d: field '%s:' "
			    "missing", c->line, name);
		show_key(s, n, shown, sizeof(shown));
		return errorf(err, errlen, "line %d: expected '%s: VALUE', "
		    "found '%s'", c->line, name, shown);
	}
	if (n - kl - 2 >= max)
		return errorf(err, errlen, "line %d: %s: value longer than "
		    "%zu octets", c->line, name, max - 1);
	memcpy(val, s + kl + 2, n - kl - 2);
	val[n - kl - 2] = '\0';
	c->pos += n + 1;
	return 0;
}

/* Decimal digits without a leading zero, up to max: 0, or -1. */
static int
parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (*s == '\0' || (s[0] == '0' && s[1] != '\0'))
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > (max - (uint64_t)(*s - '0')) /
		    10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*out = v;
	return 0;
}

static int
parse_version(struct cursor *c, char *err, size_t errlen)
{
	static const char magic[] = "outpost-bundle: ";
	size_t n = c->len < sizeof(magic) - 1 ? c->len : sizeof(magic) - 1;
	char v[FIELD_MAX], shown[24];

	if (n == 0 || memcmp(c->buf, magic, n) != 0)
		return errorf(err, errlen, "not an Outpost bundle (the first "
		    "line is not 'outpost-bundle: %d')", BUNDLE_VERSION);
	if (field(c, "outpost-bundle", v, sizeof(v), err, errlen) < 0)
		return -1;
	if (strcmp(v, "1") != 0) {
		show_key(v, strlen(v), shown, sizeof(shown));
		return errorf(err, errlen, "bundle format '%s' is not "
		    "supported (this node reads %d)", shown, BUNDLE_VERSION);
	}
	return 0;
}

static int
parse_key(struct cursor *c, const char *name, uint8_t pk[NODEKEY_PK_LEN],
    char *err, size_t errlen)
{
	char v[FIELD_MAX], why[96];

	if (field(c, name, v, sizeof(v), err, errlen) < 0)
		return -1;
	if (nodekey_pk_from_text(v, pk, why, sizeof(why)) < 0)
		return errorf(err, errlen, "line %d: %s: %s", c->line, name,
		    why);
	return 0;
}

static int
parse_fields(struct cursor *c, struct bundle_hdr *h, char *err,
    size_t errlen)
{
	char v[FIELD_MAX];
	const char *why;
	uint64_t n;

	if (parse_version(c, err, errlen) < 0 ||
	    field(c, "node", v, sizeof(v), err, errlen) < 0)
		return -1;
	if ((why = node_name_check(v)) != NULL)
		return errorf(err, errlen, "line %d: node: %s", c->line, why);
	memcpy(h->node, v, strlen(v) + 1);
	if (field(c, "serial", v, sizeof(v), err, errlen) < 0)
		return -1;
	if (parse_uint(v, UINT64_MAX, &h->serial) < 0 || h->serial == 0)
		return errorf(err, errlen, "line %d: serial: not a number "
		    "from 1 to %" PRIu64, c->line, UINT64_MAX);
	if (parse_key(c, "node-key", h->node_pk, err, errlen) < 0 ||
	    parse_key(c, "controller-key", h->ctl_pk, err, errlen) < 0 ||
	    field(c, "length", v, sizeof(v), err, errlen) < 0)
		return -1;
	if (parse_uint(v, BUNDLE_MAX, &n) < 0 || n == 0)
		return errorf(err, errlen, "line %d: length: not a number "
		    "from 1 to %d", c->line, BUNDLE_MAX);
	h->conflen = (size_t)n;
	return 0;
}

static int
parse_body(struct cursor *c, struct bundle_hdr *h, char *err, size_t errlen)
{
	const char *conf;

	c->line++;
	if (c->pos == c->len)
		return errorf(err, errlen, "truncated after the header");
	if (c->buf[c->pos] != '\n')
		return errorf(err, errlen, "line %d: expected the blank line "
		    "that ends the header", c->line);
	h->body = ++c->pos;
	if (c->len - c->pos < h->conflen)
		return errorf(err, errlen, "truncated: length says %zu "
		    "octets of node.conf, %zu follow the header", h->conflen,
		    c->len - c->pos);
	conf = c->buf + h->body;
	if (conf[h->conflen - 1] != '\n')
		return errorf(err, errlen, "length %zu does not end the "
		    "node.conf text at a newline", h->conflen);
	c->pos += h->conflen;
	h->signed_len = c->pos;
	return 0;
}

static int
parse_sig(struct cursor *c, struct bundle_hdr *h, char *err, size_t errlen)
{
	char v[FIELD_MAX], why[96];

	if (c->pos == c->len)
		return errorf(err, errlen, "unsigned: no signature line "
		    "after the node.conf text");
	if (field(c, "signature", v, sizeof(v), err, errlen) < 0)
		return -1;
	if (nodekey_b64_decode(v, h->sig, sizeof(h->sig), why,
	    sizeof(why)) < 0)
		return errorf(err, errlen, "signature: %s", why);
	if (c->pos != c->len)
		return errorf(err, errlen, "%zu octets after the signature "
		    "line", c->len - c->pos);
	return 0;
}

static int
parse(const char *buf, size_t len, struct bundle_hdr *h, char *err,
    size_t errlen)
{
	struct cursor c = { buf, len, 0, 0 };
	const char *p;

	if (len > BUNDLE_MAX)
		return errorf(err, errlen, "%zu octets, a bundle has at most "
		    "%d", len, BUNDLE_MAX);
	if (parse_fields(&c, h, err, errlen) < 0 ||
	    parse_body(&c, h, err, errlen) < 0)
		return -1;
	for (p = buf + h->body; p < buf + h->signed_len; p++)
		c.line += *p == '\n';
	return parse_sig(&c, h, err, errlen);
}

/* Parses as node.conf?  Else err gets its first message, secrets withheld. */
static int
conf_parses(const char *conf, size_t len, char *err, size_t errlen)
{
	struct nodeconf *nc;
	char *msg = NULL, *nl;
	size_t msglen = 0;
	FILE *f;

	if ((f = open_memstream(&msg, &msglen)) == NULL)
		return errorf(err, errlen, "out of memory");
	nc = nodeconf_load_buf("node.conf", conf, len, f);
	fclose(f);
	if (nc != NULL) {
		nodeconf_free(nc);
		free(msg);
		return 0;
	}
	if (msg != NULL && (nl = strchr(msg, '\n')) != NULL)
		*nl = '\0';
	errorf(err, errlen, "does not parse as node.conf: %s",
	    msg != NULL && *msg != '\0' ? msg : "out of memory");
	seal_redact(err, errlen, conf, len);
	if (msg != NULL)
		sodium_memzero(msg, msglen);
	free(msg);
	return -1;
}

static int
check_keys(const struct bundle_hdr *h, const char *buf,
    const uint8_t ctl_pk[32], char *err, size_t errlen)
{
	char have[NODEKEY_PK_TEXT], want[NODEKEY_PK_TEXT];

	if (sodium_memcmp(h->ctl_pk, ctl_pk, NODEKEY_PK_LEN) != 0) {
		nodekey_pk_to_text(h->ctl_pk, have);
		nodekey_pk_to_text(ctl_pk, want);
		return errorf(err, errlen, "signed for controller key %s, "
		    "this node trusts %s (enrolled with another "
		    "controller?)", have, want);
	}
	if (crypto_sign_verify_detached(h->sig, (const unsigned char *)buf,
	    h->signed_len, ctl_pk) != 0)
		return errorf(err, errlen, "bad signature: not the "
		    "controller's, or the bundle changed since it was signed");
	return 0;
}

static int
check_ours(const struct bundle_hdr *h, const char *node,
    const uint8_t node_sk[64], uint64_t last_serial, char *err,
    size_t errlen)
{
	uint8_t pk[NODEKEY_PK_LEN];

	if (strcmp(h->node, node) != 0)
		return errorf(err, errlen, "bundle is for node '%s', this "
		    "node is '%s'", h->node, node);
	crypto_sign_ed25519_sk_to_pk(pk, node_sk);
	if (sodium_memcmp(pk, h->node_pk, sizeof(pk)) != 0)
		return errorf(err, errlen, "bundle is sealed to another node "
		    "key than this node's (enrolled again since?)");
	if (h->serial <= last_serial)
		return errorf(err, errlen, "serial %" PRIu64 " is not newer "
		    "than %" PRIu64 ": replay or rollback refused", h->serial,
		    last_serial);
	return 0;
}

int
bundle_open(const char *buf, size_t len, const uint8_t ctl_pk[32],
    const char *node, const uint8_t node_sk[64], uint64_t last_serial,
    char **conf, size_t *conflen, uint64_t *serial, char *err, size_t errlen)
{
	struct bundle_hdr h;
	char *text;
	size_t tlen;

	if (sodium_init() < 0)
		return errorf(err, errlen, "libsodium does not initialise");
	memset(&h, 0, sizeof(h));
	if (parse(buf, len, &h, err, errlen) < 0 ||
	    check_keys(&h, buf, ctl_pk, err, errlen) < 0 ||
	    check_ours(&h, node, node_sk, last_serial, err, errlen) < 0 ||
	    seal_open_conf(buf + h.body, h.conflen, node_sk, &text, &tlen,
	    err, errlen) < 0)
		return -1;
	if (conf_parses(text, tlen, err, errlen) < 0) {
		sodium_memzero(text, tlen);
		free(text);
		return -1;
	}
	*conf = text;
	*conflen = tlen;
	*serial = h.serial;
	return 0;
}

/* The header and the sealed text, as signed. */
static int
make_signed(const char *node, uint64_t serial, const char *sealed,
    size_t slen, const uint8_t node_pk[32], const uint8_t ctl_pk[32],
    char **out, size_t *outlen)
{
	char npk[NODEKEY_PK_TEXT], cpk[NODEKEY_PK_TEXT];
	size_t cap;
	char *b;
	int n;

	nodekey_pk_to_text(node_pk, npk);
	nodekey_pk_to_text(ctl_pk, cpk);
	cap = 512 + slen + SIG_TEXT;
	if ((b = malloc(cap)) == NULL)
		return -1;
	n = snprintf(b, cap, "outpost-bundle: %d\nnode: %s\nserial: %" PRIu64
	    "\nnode-key: %s\ncontroller-key: %s\nlength: %zu\n\n",
	    BUNDLE_VERSION, node, serial, npk, cpk, slen);
	memcpy(b + n, sealed, slen);
	*out = b;
	*outlen = (size_t)n + slen;
	return 0;
}

static int
make_checks(const char *node, uint64_t serial, const char *conf,
    size_t conflen, char *err, size_t errlen)
{
	const char *why;

	if (sodium_init() < 0)
		return errorf(err, errlen, "libsodium does not initialise");
	if ((why = node_name_check(node)) != NULL)
		return errorf(err, errlen, "cannot make a bundle for node "
		    "'%s': the name %s", node, why);
	if (serial == 0)
		return errorf(err, errlen, "cannot make a bundle: serial 0 "
		    "(serials start at 1)");
	if (conflen == 0 || conflen > BUNDLE_MAX / 2)
		return errorf(err, errlen, "cannot make a bundle: node.conf "
		    "of %zu octets (1 to %d)", conflen, BUNDLE_MAX / 2);
	if (conf_parses(conf, conflen, err, errlen) < 0)
		return -1;
	return 0;
}

/* conf with its last newline, and its secrets sealed to node_pk. */
static int
make_sealed(const char *conf, size_t conflen, const uint8_t node_pk[32],
    char **sealed, size_t *slen, char *err, size_t errlen)
{
	char *c;
	int rc;

	if (conf[conflen - 1] == '\n')
		return seal_conf(conf, conflen, node_pk, sealed, slen, err,
		    errlen);
	if ((c = malloc(conflen + 1)) == NULL)
		return errorf(err, errlen, "out of memory");
	memcpy(c, conf, conflen);
	c[conflen] = '\n';
	rc = seal_conf(c, conflen + 1, node_pk, sealed, slen, err, errlen);
	sodium_memzero(c, conflen + 1);
	free(c);
	return rc;
}

int
bundle_make(const char *node, uint64_t serial, const char *conf,
    size_t conflen, const uint8_t node_pk[32], const uint8_t ctl_sk[64],
    char **out, size_t *outlen, char *err, size_t errlen)
{
	uint8_t ctl_pk[NODEKEY_PK_LEN], sig[SIG_LEN];
	char *sealed, *b;
	size_t slen, n;

	if (make_checks(node, serial, conf, conflen, err, errlen) < 0 ||
	    make_sealed(conf, conflen, node_pk, &sealed, &slen, err,
	    errlen) < 0)
		return -1;
	crypto_sign_ed25519_sk_to_pk(ctl_pk, ctl_sk);
	if (make_signed(node, serial, sealed, slen, node_pk, ctl_pk, &b,
	    &n) < 0) {
		free(sealed);
		return errorf(err, errlen, "out of memory");
	}
	free(sealed);
	crypto_sign_detached(sig, NULL, (unsigned char *)b, n, ctl_sk);
	memcpy(b + n, "signature: ", 11);
	sodium_bin2base64(b + n + 11, SIG_TEXT, sig, sizeof(sig),
	    sodium_base64_VARIANT_ORIGINAL);
	n += strlen(b + n);
	b[n++] = '\n';
	b[n] = '\0';
	if (n > BUNDLE_MAX) {
		free(b);
		return errorf(err, errlen, "cannot make a bundle: %zu "
		    "octets, more than %d", n, BUNDLE_MAX);
	}
	*out = b;
	*outlen = n;
	return 0;
}
