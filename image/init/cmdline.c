/* cmdline.c: strict parsing of outpost.slot= and outpost.verity= on the kernel command line. */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errbuf.h"
#include "init.h"

/* Largest DATA_BLOCKS: 2^40 blocks of 4096 bytes (4 PiB), far beyond a slot. */
#define DATA_BLOCKS_MAX	(1ULL << 40)

static int
ishexstr(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
parse_slot(const char *v, struct bootargs *ba, char *err, size_t errlen)
{
	if (strcmp(v, "a") != 0 && strcmp(v, "b") != 0)
		return errorf(err, errlen, "cannot parse outpost.slot=%.32s: "
		    "slot must be a or b", v);
	ba->slot = v[0];
	return 0;
}

static int
parse_blocks(const char *v, size_t n, uint64_t *out, char *err,
    size_t errlen)
{
	uint64_t x = 0;
	size_t i;

	if (n == 0)
		return errorf(err, errlen, "DATA_BLOCKS is empty");
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)v[i]))
			return errorf(err, errlen, "DATA_BLOCKS must be a "
			    "decimal number, not %.*s", (int)(n > 24 ? 24 : n),
			    v);
		x = x * 10 + (uint64_t)(v[i] - '0');
		if (x > DATA_BLOCKS_MAX)
			return errorf(err, errlen, "DATA_BLOCKS is too large "
			    "(more than %llu)", DATA_BLOCKS_MAX);
	}
	if (x == 0)
		return errorf(err, errlen, "DATA_BLOCKS must not be 0");
	*out = x;
	return 0;
}

static int
parse_hash(const char *v, size_t n, char *out, char *err, size_t errlen)
{
	size_t i;

	if (n != VERITY_HASH_HEX || !ishexstr(v, n))
		return errorf(err, errlen, "ROOTHASH must be %d hexadecimal "
		    "digits (sha256), got %zu characters%s", VERITY_HASH_HEX,
		    n, ishexstr(v, n) ? "" : " with a non-hexadecimal one");
	for (i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)v[i]);
	out[n] = '\0';
	return 0;
}

static int
parse_salt(const char *v, size_t n, char *out, char *err, size_t errlen)
{
	size_t i;

	if (n == 1 && v[0] == '-') {
		strcpy(out, "-");
		return 0;
	}
	if (n == 0)
		return errorf(err, errlen, "SALT is empty (\"-\": no salt)");
	if (!ishexstr(v, n))
		return errorf(err, errlen, "SALT must be hexadecimal digits "
		    "(\"-\": no salt)");
	if (n % 2 != 0)
		return errorf(err, errlen, "SALT has an odd number of "
		    "hexadecimal digits (%zu)", n);
	if (n > 2 * VERITY_SALT_MAX)
		return errorf(err, errlen, "SALT is longer than %d bytes",
		    VERITY_SALT_MAX);
	for (i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)v[i]);
	out[n] = '\0';
	return 0;
}

/* DATA_BLOCKS:ROOTHASH_HEX:SALT_HEX */
static int
parse_verity(const char *v, struct bootargs *ba, char *err, size_t errlen)
{
	const char *c1, *c2;
	char why[160];
	int r;

	if ((c1 = strchr(v, ':')) == NULL ||
	    (c2 = strchr(c1 + 1, ':')) == NULL || strchr(c2 + 1, ':') != NULL) {
		snprintf(why, sizeof(why), "want DATA_BLOCKS:ROOTHASH:SALT "
		    "(three fields separated by colons)");
		r = -1;
	} else if ((r = parse_blocks(v, (size_t)(c1 - v), &ba->data_blocks,
	    why, sizeof(why))) == 0 &&
	    (r = parse_hash(c1 + 1, (size_t)(c2 - c1 - 1), ba->roothash,
	    why, sizeof(why))) == 0)
		r = parse_salt(c2 + 1, strlen(c2 + 1), ba->salt, why,
		    sizeof(why));
	if (r == -1)
		return errorf(err, errlen, "cannot parse outpost.verity=%.*s%s: "
		    "%s", 40, v, strlen(v) > 40 ? "..." : "", why);
	return 0;
}

/* One word of the command line, unquoted, into w (size wlen). */
static const char *
next_word(const char *p, char *w, size_t wlen, int *toolong)
{
	size_t n = 0;
	int quoted = 0;

	*toolong = 0;
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p == '\0')
		return NULL;
	for (; *p != '\0'; p++) {
		if (*p == '"') {
			quoted = !quoted;
			continue;
		}
		if (!quoted && (*p == ' ' || *p == '\t' || *p == '\n'))
			break;
		if (n + 1 < wlen)
			w[n++] = *p;
		else
			*toolong = 1;
	}
	w[n] = '\0';
	return p;
}

static int
parse_word(const char *w, struct bootargs *ba, int *seen, char *err,
    size_t errlen)
{
	static const char *const keys[] = { "outpost.slot", "outpost.verity" };
	const char *eq;
	size_t klen, i;

	if (strncmp(w, "outpost.", 8) != 0)
		return 0;
	if ((eq = strchr(w, '=')) == NULL)
		return errorf(err, errlen, "cannot parse %.40s: want %.40s=VALUE",
		    w, w);
	klen = (size_t)(eq - w);
	for (i = 0; i < 2; i++)
		if (strlen(keys[i]) == klen && strncmp(w, keys[i], klen) == 0)
			break;
	if (i == 2)
		return errorf(err, errlen, "cannot parse %.*s=: unknown "
		    "parameter (known: outpost.slot, outpost.verity)",
		    (int)(klen > 40 ? 40 : klen), w);
	if (seen[i]++)
		return errorf(err, errlen, "cannot parse %s=: given more than "
		    "once", keys[i]);
	return i == 0 ? parse_slot(eq + 1, ba, err, errlen) :
	    parse_verity(eq + 1, ba, err, errlen);
}

int
cmdline_parse(const char *line, struct bootargs *ba, char *err,
    size_t errlen)
{
	char w[1024];
	int seen[2] = { 0, 0 }, toolong;
	const char *p = line;

	memset(ba, 0, sizeof(*ba));
	while ((p = next_word(p, w, sizeof(w), &toolong)) != NULL) {
		if (strcmp(w, "--") == 0)
			break;		/* the rest is init's argv */
		if (toolong && strncmp(w, "outpost.", 8) == 0)
			return errorf(err, errlen, "cannot parse %.40s...: "
			    "longer than %zu characters", w, sizeof(w) - 1);
		if (parse_word(w, ba, seen, err, errlen) == -1)
			return -1;
	}
	if (!seen[0])
		return errorf(err, errlen, "cannot find outpost.slot= on the "
		    "kernel command line");
	if (!seen[1])
		return errorf(err, errlen, "cannot find outpost.verity= on the "
		    "kernel command line");
	return 0;
}
