/* cfg.c: lexer and block/keyword driver for NSD-style configuration files. */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"

void
cfg_error(struct cfg_ctx *ctx, int line, int col, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ctx->nerrors++ == 0)
		snprintf(ctx->firsterr, sizeof(ctx->firsterr), "%s:%d:%d: %s",
		    ctx->path, line, col, msg);
	if (ctx->errf != NULL)
		fprintf(ctx->errf, "%s:%d:%d: %s\n", ctx->path, line, col, msg);
}

static int
name_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static const struct cfg_block *
find_block(const struct cfg_grammar *g, const char *name)
{
	return bsearch(name, g->blocks, g->nblocks, sizeof(g->blocks[0]),
	    name_cmp);
}

static const struct cfg_key *
find_key(const struct cfg_block *b, const char *name)
{
	return bsearch(name, b->keys, b->nkeys, sizeof(b->keys[0]), name_cmp);
}

int
cfg_grammar_sorted(const struct cfg_grammar *g)
{
	size_t i, k;

	for (i = 0; i < g->nblocks; i++) {
		const struct cfg_block *b = &g->blocks[i];

		if (i > 0 && strcmp(g->blocks[i - 1].name, b->name) >= 0)
			return 0;
		if (b->nkeys > sizeof(((struct cfg_ctx *)0)->seen))
			return 0;
		for (k = 1; k < b->nkeys; k++)
			if (strcmp(b->keys[k - 1].name, b->keys[k].name) >= 0)
				return 0;
	}
	return 1;
}

static void
close_block(struct cfg_ctx *ctx, int line)
{
	const struct cfg_block *b = ctx->cur;
	size_t i;

	if (b == NULL)
		return;
	if (ctx->block != NULL) {
		for (i = 0; i < b->nkeys; i++)
			if ((b->keys[i].flags & CFG_REQUIRED) && !ctx->seen[i])
				cfg_error(ctx, ctx->blockline, ctx->blockcol,
				    "%s: block misses required key '%s'",
				    b->name, b->keys[i].name);
		if (b->close != NULL)
			b->close(ctx, line);
	}
	ctx->cur = NULL;
	ctx->block = NULL;
}

/*
 * Splits one line into key and value.  Returns 0 for an empty line,
 * 1 for a token, -1 after reporting an error.
 */
static int
lex_line(struct cfg_ctx *ctx, char *s, int lineno, struct cfg_tok *t)
{
	char *p = s, *k, *v, *out;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || *p == '#')
		return 0;
	k = p;
	while (isalnum((unsigned char)*p) || *p == '-' || *p == '_')
		p++;
	if (p == k) {
		cfg_error(ctx, lineno, (int)(p - s) + 1,
		    "expected a keyword, found '%c'", *p);
		return -1;
	}
	if (*p != ':') {
		cfg_error(ctx, lineno, (int)(p - s) + 1,
		    "expected ':' after '%.*s'", (int)(p - k), k);
		return -1;
	}
	*p++ = '\0';
	t->line = lineno;
	t->kcol = (int)(k - s) + 1;
	t->key = k;
	t->val = NULL;
	while (*p == ' ' || *p == '\t')
		p++;
	t->vcol = (int)(p - s) + 1;
	if (*p == '\0' || *p == '#')
		return 1;
	if (*p == '"') {
		v = out = ++p;
		while (*p != '"' && *p != '\0') {
			if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
				p++;
			*out++ = *p++;
		}
		if (*p != '"') {
			cfg_error(ctx, lineno, t->vcol, "unterminated string");
			return -1;
		}
		p++;
		*out = '\0';
	} else {
		v = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '#')
			p++;
		if (*p != '\0' && *p != '#')
			*p++ = '\0';
		else if (*p == '#') {
			/* a '#' right after a bare value starts a comment */
			*p = '\0';
			p++;
			t->val = v;
			return 1;
		}
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0' && *p != '#') {
		cfg_error(ctx, lineno, (int)(p - s) + 1,
		    "unexpected text after the value of '%s'", k);
		return -1;
	}
	t->val = v;
	return 1;
}

static void
handle_tok(struct cfg_ctx *ctx, const struct cfg_grammar *g,
    const struct cfg_tok *t)
{
	const struct cfg_block *b;
	const struct cfg_key *k;
	size_t idx;

	if ((b = find_block(g, t->key)) != NULL) {
		close_block(ctx, t->line);
		if (t->val != NULL) {
			cfg_error(ctx, t->line, t->vcol,
			    "block '%s:' takes no value", t->key);
		}
		ctx->cur = b;
		ctx->blockline = t->line;
		ctx->blockcol = t->kcol;
		memset(ctx->seen, 0, sizeof(ctx->seen));
		ctx->block = b->open(ctx, t);
		return;
	}
	if (ctx->cur == NULL) {
		cfg_error(ctx, t->line, t->kcol,
		    "'%s' outside of any block", t->key);
		return;
	}
	if ((k = find_key(ctx->cur, t->key)) == NULL) {
		cfg_error(ctx, t->line, t->kcol, "unknown keyword '%s' in %s:",
		    t->key, ctx->cur->name);
		return;
	}
	if (t->val == NULL) {
		cfg_error(ctx, t->line, t->vcol, "'%s' needs a value", t->key);
		return;
	}
	idx = (size_t)(k - ctx->cur->keys);
	if (ctx->seen[idx] && !(k->flags & CFG_MULTI)) {
		cfg_error(ctx, t->line, t->kcol, "'%s' given twice in %s:",
		    t->key, ctx->cur->name);
		return;
	}
	ctx->seen[idx] = 1;
	if (ctx->block != NULL)
		k->set(ctx, t);
}

int
cfg_parse_buf(struct cfg_ctx *ctx, const struct cfg_grammar *g,
    const char *buf, size_t len)
{
	struct cfg_tok t;
	char line[4096];
	size_t i = 0, n;
	int lineno = 0;

	ctx->cur = NULL;
	ctx->block = NULL;
	while (i < len) {
		lineno++;
		for (n = 0; i + n < len && buf[i + n] != '\n'; n++)
			;
		if (memchr(buf + i, '\0', n) != NULL) {
			cfg_error(ctx, lineno, 1, "NUL byte in line");
		} else if (n >= sizeof(line)) {
			cfg_error(ctx, lineno, 1, "line longer than %zu bytes",
			    sizeof(line) - 1);
		} else {
			memcpy(line, buf + i, n);
			line[n] = '\0';
			if (n > 0 && line[n - 1] == '\r')
				line[n - 1] = '\0';
			if (lex_line(ctx, line, lineno, &t) == 1)
				handle_tok(ctx, g, &t);
		}
		i += n + 1;
	}
	close_block(ctx, lineno + 1);
	return ctx->nerrors == 0 ? 0 : -1;
}

int
cfg_parse_file(struct cfg_ctx *ctx, const struct cfg_grammar *g,
    const char *path)
{
	FILE *f;
	char *buf = NULL;
	size_t cap = 0, len = 0, r;
	int rc;

	ctx->path = path;
	if ((f = fopen(path, "r")) == NULL) {
		cfg_error(ctx, 0, 0, "cannot open file: %s", strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			char *nb;

			cap = cap ? cap * 2 : 8192;
			if (cap > (16u << 20) || (nb = realloc(buf, cap)) == NULL) {
				cfg_error(ctx, 0, 0, "cannot read file: %s",
				    cap > (16u << 20) ? "larger than 16 MiB" :
				    strerror(errno));
				free(buf);
				fclose(f);
				return -1;
			}
			buf = nb;
		}
		r = fread(buf + len, 1, cap - len, f);
		len += r;
	} while (r > 0);
	if (ferror(f)) {
		cfg_error(ctx, 0, 0, "cannot read file: %s", strerror(errno));
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	rc = cfg_parse_buf(ctx, g, buf, len);
	free(buf);
	return rc;
}

int
cfg_uint(struct cfg_ctx *ctx, const struct cfg_tok *t, uint64_t min,
    uint64_t max, uint64_t *out)
{
	const char *p;
	uint64_t v = 0;

	for (p = t->val; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p) ||
		    v > (UINT64_MAX - 9) / 10) {
			cfg_error(ctx, t->line, t->vcol + (int)(p - t->val),
			    "%s: '%s' is not a number", t->key, t->val);
			return -1;
		}
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (p == t->val || v < min || v > max) {
		cfg_error(ctx, t->line, t->vcol,
		    "%s: %s is out of range %llu to %llu", t->key, t->val,
		    (unsigned long long)min, (unsigned long long)max);
		return -1;
	}
	*out = v;
	return 0;
}

int
cfg_bool(struct cfg_ctx *ctx, const struct cfg_tok *t, int *out)
{
	if (strcmp(t->val, "yes") == 0)
		*out = 1;
	else if (strcmp(t->val, "no") == 0)
		*out = 0;
	else {
		cfg_error(ctx, t->line, t->vcol,
		    "%s: expected yes or no, found '%s'", t->key, t->val);
		return -1;
	}
	return 0;
}

int
cfg_string(struct cfg_ctx *ctx, const struct cfg_tok *t, size_t maxlen,
    char **out)
{
	const unsigned char *p;

	if (strlen(t->val) > maxlen) {
		cfg_error(ctx, t->line, t->vcol, "%s: longer than %zu bytes",
		    t->key, maxlen);
		return -1;
	}
	for (p = (const unsigned char *)t->val; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			cfg_error(ctx, t->line, t->vcol,
			    "%s: control character in value", t->key);
			return -1;
		}
	}
	free(*out);
	if ((*out = strdup(t->val)) == NULL) {
		cfg_error(ctx, t->line, t->vcol, "out of memory");
		return -1;
	}
	return 0;
}

void
cfg_print_kv(FILE *f, const char *key, const char *val)
{
	const char *p;
	int quote = (*val == '\0');

	for (p = val; *p != '\0'; p++)
		if (*p == ' ' || *p == '\t' || *p == '#' || *p == '"' ||
		    *p == '\\')
			quote = 1;
	if (!quote) {
		fprintf(f, "\t%s: %s\n", key, val);
		return;
	}
	fprintf(f, "\t%s: \"", key);
	for (p = val; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', f);
		fputc(*p, f);
	}
	fputs("\"\n", f);
}
