/* gpt.c: the GPT of a disk read from the disk itself (the kernel's view lags behind sfdisk's changes). */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "errbuf.h"
#include "init.h"

#define GPT_ENTRY_MIN	128

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static uint32_t
crc32(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffU;
	int k;

	while (n--) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320U : c >> 1;
	}
	return ~c;
}

static void
utf16name(const unsigned char *p, char *out)
{
	int i;
	unsigned c;

	for (i = 0; i < 36; i++) {
		c = (unsigned)p[2 * i] | (unsigned)p[2 * i + 1] << 8;
		if (c == 0)
			break;
		out[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	out[i] = '\0';
}

/* As the firmware and blkid print it: the first three fields little-endian. */
static void
guidstr(const unsigned char *g, char *out)
{
	snprintf(out, 37, "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X",
	    le32(g), (unsigned)g[4] | (unsigned)g[5] << 8,
	    (unsigned)g[6] | (unsigned)g[7] << 8, g[8], g[9], g[10], g[11],
	    g[12], g[13], g[14], g[15]);
}

static int
parse_header(const unsigned char *h, unsigned lbsize, struct gpt *g,
    uint64_t *entlba, uint32_t *nent, uint32_t *entsz, char *err,
    size_t errlen)
{
	unsigned char copy[512];
	uint32_t hsize;

	if (memcmp(h, "EFI PART", 8) != 0)
		return errorf(err, errlen, "no GPT header");
	hsize = le32(h + 12);
	if (hsize < 92 || hsize > lbsize || hsize > sizeof(copy))
		return errorf(err, errlen, "GPT header size %u is wrong", hsize);
	memcpy(copy, h, hsize);
	memset(copy + 16, 0, 4);
	if (crc32(copy, hsize) != le32(h + 16))
		return errorf(err, errlen, "GPT header checksum is wrong");
	g->alt_lba = le64(h + 32);
	g->first_usable = le64(h + 40);
	g->last_usable = le64(h + 48);
	*entlba = le64(h + 72);
	*nent = le32(h + 80);
	*entsz = le32(h + 84);
	if (*entsz < GPT_ENTRY_MIN || *entsz > 1024 || *entsz % 8 != 0 ||
	    *nent > 1024)
		return errorf(err, errlen, "GPT entry array (%u x %u) is wrong",
		    *nent, *entsz);
	return 0;
}

static void
parse_entries(const unsigned char *e, uint32_t nent, uint32_t entsz,
    struct gpt *g)
{
	static const unsigned char unused[16];
	struct gptpart *p;
	uint32_t i;

	for (i = 0; i < nent && g->nparts < GPT_MAXPARTS; i++, e += entsz) {
		if (memcmp(e, unused, 16) == 0)
			continue;
		p = &g->part[g->nparts++];
		p->partno = (int)i + 1;
		p->first = le64(e + 32);
		p->last = le64(e + 40);
		utf16name(e + 56, p->name);
		guidstr(e + 16, p->uuid);
	}
}

/* The primary GPT of devpath (a whole disk of disk_bytes). */
int
gpt_read(const char *devpath, unsigned lbsize, uint64_t disk_bytes,
    struct gpt *g, char *err, size_t errlen)
{
	unsigned char *hdr = NULL, *ents = NULL;
	uint64_t entlba;
	uint32_t nent, entsz;
	size_t elen;
	int fd, r = -1;

	memset(g, 0, sizeof(*g));
	g->lbsize = lbsize;
	g->disk_lbas = disk_bytes / lbsize;
	if ((fd = open(devpath, O_RDONLY | O_CLOEXEC)) == -1)
		return errorf(err, errlen, "%s", strerror(errno));
	if ((hdr = malloc(lbsize)) == NULL ||
	    pread(fd, hdr, lbsize, lbsize) != (ssize_t)lbsize) {
		errorf(err, errlen, "cannot read its GPT header");
		goto out;
	}
	if (parse_header(hdr, lbsize, g, &entlba, &nent, &entsz, err,
	    errlen) == -1)
		goto out;
	elen = (size_t)nent * entsz;
	if ((ents = malloc(elen ? elen : 1)) == NULL ||
	    pread(fd, ents, elen, (off_t)(entlba * lbsize)) != (ssize_t)elen) {
		errorf(err, errlen, "cannot read its GPT entries");
		goto out;
	}
	if (crc32(ents, elen) != le32(hdr + 88)) {
		errorf(err, errlen, "GPT entries checksum is wrong");
		goto out;
	}
	parse_entries(ents, nent, entsz, g);
	r = 0;
out:
	free(hdr);
	free(ents);
	close(fd);
	return r;
}

const struct gptpart *
gpt_find_uuid(const struct gpt *g, const char *uuid)
{
	int i;

	for (i = 0; i < g->nparts; i++)
		if (strcasecmp(g->part[i].uuid, uuid) == 0)
			return &g->part[i];
	return NULL;
}

const struct gptpart *
gpt_find(const struct gpt *g, const char *name)
{
	int i;

	for (i = 0; i < g->nparts; i++)
		if (strcmp(g->part[i].name, name) == 0)
			return &g->part[i];
	return NULL;
}

/* No partition lies after p: it may grow to the end of the usable space. */
int
gpt_is_last(const struct gpt *g, const struct gptpart *p)
{
	int i;

	for (i = 0; i < g->nparts; i++)
		if (g->part[i].first > p->last)
			return 0;
	return 1;
}
