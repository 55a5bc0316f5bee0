/* update_header.h: the text header of an update file (outpost-VERSION.update): version, the parts' sizes and sha256, the verity parameters. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_UPDATE_HEADER_H
#define OUTPOST_UPDATE_HEADER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * An update file is the header (text, at most UPDATE_HDR_MAX octets,
 * ending with the line "end"), then the kernel, the initramfs and the
 * slot (squashfs and verity tree) as they are, then UPDATE_SIG_LEN octets
 * of Ed25519ph signature over everything before it.  docs/updates.md.
 */
#define UPDATE_MAGIC		"outpost-update 1"
#define UPDATE_HDR_MAX		4096
#define UPDATE_SIG_LEN		64
#define UPDATE_VERSION_MAX	64
#define UPDATE_SALT_MAX		256	/* octets; 512 hex digits */
#define UPDATE_VERITY_BLOCK	4096

enum update_part {
	UP_KERNEL,
	UP_INITRD,
	UP_SLOT,
	UP_NPARTS
};

struct update_part_info {
	uint64_t	 size;
	unsigned char	 sha256[32];
};

struct update_header {
	char		 version[UPDATE_VERSION_MAX];
	struct update_part_info part[UP_NPARTS];
	uint64_t	 data_blocks;		/* verity: blocks of squashfs */
	char		 roothash[65];		/* lowercase hex */
	char		 salt[2 * UPDATE_SALT_MAX + 1];
	size_t		 len;			/* octets of the header */
};

extern const char *const update_part_name[UP_NPARTS];

/*
 * Parses the header at the start of buf (len octets, the file's first
 * ones; more may follow).  0, or -1 with "FILE:OFFSET: what is wrong"
 * in err.
 */
int	 update_header_parse(const char *buf, size_t len, const char *file,
	    struct update_header *, char *err, size_t errlen);
/* The header as text (what update_header_parse reads back); its length,
 * or -1 when it would not fit in UPDATE_HDR_MAX. */
int	 update_header_format(const struct update_header *, char *buf,
	    size_t len);
/* Where part starts in the file, and the file's whole size. */
uint64_t update_part_offset(const struct update_header *, enum update_part);
uint64_t update_file_size(const struct update_header *);
/* The verity parameters as the command line wants them:
 * DATA_BLOCKS:ROOTHASH:SALT. */
void	 update_verity_string(const struct update_header *, char *buf,
	    size_t len);
/* Parses DATA_BLOCKS:ROOTHASH:SALT into h: 0, or -1 with why. */
int	 update_verity_parse(const char *s, struct update_header *h,
	    const char **why);
/* sha256 as 64 lowercase hex digits (buf: 65 octets). */
void	 update_hex(const unsigned char *sha, size_t n, char *buf);

#endif
