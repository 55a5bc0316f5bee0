/* cfg.h: the NSD-style "block: / key: value" grammar engine shared by every config file. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CFG_H
#define OUTPOST_CFG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* One "key: value" line (or a block header, where val is NULL). */
struct cfg_tok {
	int		 line;
	int		 kcol;		/* column of the key, 1-based */
	int		 vcol;		/* column of the value, 1-based */
	const char	*key;
	const char	*val;
};

/* A place in a file, kept for messages about it after its line is read. */
struct cfg_pos {
	int		 line;
	int		 col;
};

#define CFG_POS(t)	((struct cfg_pos){ (t)->line, (t)->vcol })

struct cfg_ctx {
	const char	*path;		/* file name used in messages */
	FILE		*errf;		/* where messages go (NULL: counted only) */
	int		 nerrors;
	void		*conf;		/* the grammar's whole configuration */
	void		*block;		/* the grammar's current block */
	const struct cfg_block *cur;	/* current block's grammar */
	int		 blockline;	/* where the current block opens */
	int		 blockcol;
	unsigned char	 seen[64];	/* per-key "given" flags of the block */
	char		 firsterr[512];	/* first message, for callers that store it */
};

#define CFG_MULTI	0x1		/* key may repeat inside its block */
#define CFG_REQUIRED	0x2		/* key must appear once in its block */

struct cfg_key {
	const char	*name;
	int		 flags;
	/* Handles the value; reports its own errors with cfg_error(). */
	void		(*set)(struct cfg_ctx *, const struct cfg_tok *);
};

struct cfg_block {
	const char	*name;
	const struct cfg_key *keys;	/* sorted by name (checked at run time) */
	size_t		 nkeys;
	/* Opens a new block; returns the block object or NULL after an error. */
	void		*(*open)(struct cfg_ctx *, const struct cfg_tok *);
	/* Checks the closed block as a whole (may be NULL). */
	void		(*close)(struct cfg_ctx *, int line);
};

struct cfg_grammar {
	const struct cfg_block *blocks;	/* sorted by name */
	size_t		 nblocks;
};

void	cfg_error(struct cfg_ctx *, int line, int col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
int	cfg_parse_file(struct cfg_ctx *, const struct cfg_grammar *,
	    const char *path);
int	cfg_parse_buf(struct cfg_ctx *, const struct cfg_grammar *,
	    const char *buf, size_t len);
int	cfg_grammar_sorted(const struct cfg_grammar *);

/* Value helpers: each reports its error at the value's position. */
int	cfg_uint(struct cfg_ctx *, const struct cfg_tok *, uint64_t min,
	    uint64_t max, uint64_t *out);
int	cfg_bool(struct cfg_ctx *, const struct cfg_tok *, int *out);
int	cfg_string(struct cfg_ctx *, const struct cfg_tok *, size_t maxlen,
	    char **out);

/* Printer helper: prints "\tkey: value\n", quoting the value when needed. */
void	cfg_print_kv(FILE *, const char *key, const char *val);

#endif
