/* update_header.c: the update file's header: a strict parser (outside input: every error as FILE:OFFSET) and its printer. */
/* SPDX-License-Identifier: ISC */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "update_header.h"

/* Largest part sizes accepted (the partitions are far smaller). */
static const uint64_t part_max[UP_NPARTS] = {
	[UP_KERNEL] = 128ULL << 20,
	[UP_INITRD] = 512ULL << 20,
	[UP_SLOT] = 64ULL << 30,
};

const char *const update_part_name[UP_NPARTS] = {
	[UP_KERNEL] = "kernel",
	[UP_INITRD] = "initrd",
	[UP_SLOT] = "slot",
};

struct hparse {
	const char	*buf;
	size_t		 len;
	size_t		 off;		/* of the next line */
	const char	*file;
	char		*err;
	size_t		 errlen;
};

static int fail(struct hparse *, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct hparse *p, size_t off, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "%s:%zu: %s", p->file, off, what);
	return -1;
}

/* The next line (without its newline) and where it starts: 0, or -1
 * when the header ends without one. */
static int
next_line(struct hparse *p, const char **line, size_t *len, size_t *at)
{
	const char *nl;
	size_t max = p->len < UPDATE_HDR_MAX ? p->len : UPDATE_HDR_MAX;

	*at = p->off;
	if (p->off >= max ||
	    (nl = memchr(p->buf + p->off, '\n', max - p->off)) == NULL) {
		if (p->len < UPDATE_HDR_MAX && p->len == max)
			return fail(p, p->off, "file ends inside the header");
		return fail(p, p->off, "header longer than %d octets or a "
		    "line without its end", UPDATE_HDR_MAX);
	}
	*line = p->buf + p->off;
	*len = (size_t)(nl - *line);
	p->off += *len + 1;
	return 0;
}

/* The line "KEY: VALUE": VALUE (len), or NULL after the error. */
static const char *
keyed(struct hparse *p, const char *key, size_t *vlen, size_t *vat)
{
	const char *line;
	size_t len, at, klen = strlen(key);

	if (next_line(p, &line, &len, &at) < 0)
		return NULL;
	if (len < klen + 2 || memcmp(line, key, klen) != 0 ||
	    line[klen] != ':' || line[klen + 1] != ' ') {
		fail(p, at, "expected \"%s: \"", key);
		return NULL;
	}
	*vlen = len - klen - 2;
	*vat = at + klen + 2;
	return line + klen + 2;
}

static int
is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* A decimal number of len digits, no leading zero, at most max. */
static int
decimal(const char *s, size_t len, uint64_t max, uint64_t *v)
{
	size_t i;

	if (len == 0 || len > 20 || (s[0] == '0' && len > 1))
		return -1;
	*v = 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' ||
		    *v > (max - (uint64_t)(s[i] - '0')) / 10)
			return -1;
		*v = *v * 10 + (uint64_t)(s[i] - '0');
	}
	return 0;
}

static int
unhex(const char *s, size_t n, unsigned char *out)
{
	size_t i;

	for (i = 0; i < 2 * n; i++)
		if (!is_hex((unsigned char)s[i]))
			return -1;
	for (i = 0; i < n; i++) {
		unsigned hi = (unsigned)(s[2 * i] <= '9' ? s[2 * i] - '0' :
		    s[2 * i] - 'a' + 10);
		unsigned lo = (unsigned)(s[2 * i + 1] <= '9' ?
		    s[2 * i + 1] - '0' : s[2 * i + 1] - 'a' + 10);

		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

static int
version_ok(const char *v, size_t len)
{
	size_t i;

	if (len == 0 || len >= UPDATE_VERSION_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (!((v[i] >= '0' && v[i] <= '9') ||
		    (v[i] >= 'a' && v[i] <= 'z') ||
		    (v[i] >= 'A' && v[i] <= 'Z') ||
		    strchr(".~^+_-", v[i]) != NULL) || v[i] == '\0')
			return 0;
	return 1;
}

static int
parse_version(struct hparse *p, struct update_header *h)
{
	const char *v;
	size_t len, at;

	if ((v = keyed(p, "version", &len, &at)) == NULL)
		return -1;
	if (!version_ok(v, len))
		return fail(p, at, "version: 1 to %d of A-Z a-z 0-9 . ~ ^ + "
		    "_ -", UPDATE_VERSION_MAX - 1);
	memcpy(h->version, v, len);
	h->version[len] = '\0';
	return 0;
}

/* "PART: SIZE SHA256" */
static int
parse_part(struct hparse *p, struct update_header *h, enum update_part i)
{
	const char *v, *sp;
	size_t len, at;

	if ((v = keyed(p, update_part_name[i], &len, &at)) == NULL)
		return -1;
	if ((sp = memchr(v, ' ', len)) == NULL)
		return fail(p, at, "%s: expected SIZE SHA256",
		    update_part_name[i]);
	if (decimal(v, (size_t)(sp - v), part_max[i], &h->part[i].size) < 0 ||
	    h->part[i].size == 0)
		return fail(p, at, "%s: size: a number from 1 to %" PRIu64
		    " without leading zeros", update_part_name[i],
		    part_max[i]);
	at += (size_t)(sp - v) + 1;
	len -= (size_t)(sp - v) + 1;
	if (len != 64 || unhex(sp + 1, 32, h->part[i].sha256) < 0)
		return fail(p, at, "%s: sha256: 64 lowercase hex digits",
		    update_part_name[i]);
	return 0;
}

int
update_verity_parse(const char *s, struct update_header *h, const char **why)
{
	const char *c1, *c2;
	size_t slen;
	unsigned char tmp[UPDATE_SALT_MAX];

	if ((c1 = strchr(s, ':')) == NULL || (c2 = strchr(c1 + 1, ':')) ==
	    NULL) {
		*why = "expected DATA_BLOCKS:ROOTHASH:SALT";
		return -1;
	}
	if (decimal(s, (size_t)(c1 - s), UINT64_MAX / UPDATE_VERITY_BLOCK,
	    &h->data_blocks) < 0 || h->data_blocks == 0) {
		*why = "DATA_BLOCKS: a positive number without leading zeros";
		return -1;
	}
	if (c2 - c1 - 1 != 64 || unhex(c1 + 1, 32, tmp) < 0) {
		*why = "ROOTHASH: 64 lowercase hex digits";
		return -1;
	}
	slen = strlen(c2 + 1);
	if (slen == 0 || slen % 2 != 0 || slen > 2 * UPDATE_SALT_MAX ||
	    unhex(c2 + 1, slen / 2, tmp) < 0) {
		*why = "SALT: 2 to 512 lowercase hex digits, an even number";
		return -1;
	}
	memcpy(h->roothash, c1 + 1, 64);
	h->roothash[64] = '\0';
	memcpy(h->salt, c2 + 1, slen + 1);
	return 0;
}

static int
parse_verity(struct hparse *p, struct update_header *h)
{
	char text[600];
	const char *v, *why;
	size_t len, at;

	if ((v = keyed(p, "verity", &len, &at)) == NULL)
		return -1;
	if (len >= sizeof(text) || memchr(v, '\0', len) != NULL)
		return fail(p, at, "verity: too long");
	memcpy(text, v, len);
	text[len] = '\0';
	if (update_verity_parse(text, h, &why) < 0)
		return fail(p, at, "verity: %s", why);
	if (h->data_blocks > h->part[UP_SLOT].size / UPDATE_VERITY_BLOCK)
		return fail(p, at, "verity: %" PRIu64 " data blocks do not "
		    "fit in the slot's %" PRIu64 " octets", h->data_blocks,
		    h->part[UP_SLOT].size);
	return 0;
}

static int
parse_fixed(struct hparse *p, const char *want)
{
	const char *line;
	size_t len, at;

	if (next_line(p, &line, &len, &at) < 0)
		return -1;
	if (len != strlen(want) || memcmp(line, want, len) != 0)
		return fail(p, at, "expected \"%s\"", want);
	return 0;
}

int
update_header_parse(const char *buf, size_t len, const char *file,
    struct update_header *h, char *err, size_t errlen)
{
	struct hparse p = { buf, len, 0, file, err, errlen };
	int i;

	memset(h, 0, sizeof(*h));
	if (parse_fixed(&p, UPDATE_MAGIC) < 0) {
		snprintf(err, errlen, "%s:0: not an Outpost update file "
		    "(expected \"" UPDATE_MAGIC "\")", file);
		return -1;
	}
	if (parse_version(&p, h) < 0)
		return -1;
	for (i = 0; i < UP_NPARTS; i++)
		if (parse_part(&p, h, (enum update_part)i) < 0)
			return -1;
	if (parse_verity(&p, h) < 0 || parse_fixed(&p, "end") < 0)
		return -1;
	h->len = p.off;
	return 0;
}

void
update_hex(const unsigned char *sha, size_t n, char *buf)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		buf[2 * i] = digits[sha[i] >> 4];
		buf[2 * i + 1] = digits[sha[i] & 15];
	}
	buf[2 * n] = '\0';
}

void
update_verity_string(const struct update_header *h, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64 ":%s:%s", h->data_blocks, h->roothash,
	    h->salt);
}

int
update_header_format(const struct update_header *h, char *buf, size_t len)
{
	char hex[65], verity[600];
	size_t o;
	int i, n;

	n = snprintf(buf, len, UPDATE_MAGIC "\nversion: %s\n", h->version);
	for (i = 0; i < UP_NPARTS && n >= 0 && (size_t)n < len; i++) {
		o = (size_t)n;
		update_hex(h->part[i].sha256, 32, hex);
		n = snprintf(buf + o, len - o, "%s: %" PRIu64 " %s\n",
		    update_part_name[i], h->part[i].size, hex);
		n = n < 0 ? n : n + (int)o;
	}
	if (n < 0 || (size_t)n >= len)
		return -1;
	update_verity_string(h, verity, sizeof(verity));
	o = (size_t)n;
	n = snprintf(buf + o, len - o, "verity: %s\nend\n", verity);
	if (n < 0 || (size_t)n + o >= len || (size_t)n + o > UPDATE_HDR_MAX)
		return -1;
	return n + (int)o;
}

uint64_t
update_part_offset(const struct update_header *h, enum update_part part)
{
	uint64_t off = h->len;
	int i;

	for (i = 0; i < (int)part; i++)
		off += h->part[i].size;
	return off;
}

uint64_t
update_file_size(const struct update_header *h)
{
	return update_part_offset(h, UP_NPARTS) + UPDATE_SIG_LEN;
}
