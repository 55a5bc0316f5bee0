/* mkupdate.c: outpost-mkupdate, the build's tool: makes a signed update file from a kernel, an initramfs and a root slot; makes a release key pair. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileutil.h"
#include "update_header.h"
#include "update_verify.h"

#define CHUNK	(1 << 20)

static void __attribute__((noreturn))
usage(int rc)
{
	fprintf(rc ? stderr : stdout,
	    "usage: outpost-mkupdate -k SECRETKEY -v VERSION --kernel FILE "
	    "--initrd FILE\n"
	    "           --slot FILE --verity DATA_BLOCKS:ROOTHASH:SALT -o OUT\n"
	    "       outpost-mkupdate keygen DIR\n");
	exit(rc);
}

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fputs("outpost-mkupdate: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* All of buf to fd, or the program ends saying why. */
static void
write_all(int fd, const void *buf, size_t len, const char *path)
{
	if (write_full(fd, buf, len) < 0)
		die("cannot write %s: %s", path, strerror(errno));
}

/* Writes a new file (never over one there) with mode. */
static void
write_new(const char *path, const void *buf, size_t len, mode_t mode)
{
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    mode)) < 0)
		die("cannot create %s: %s", path, strerror(errno));
	write_all(fd, buf, len, path);
	if (fchmod(fd, mode) < 0 || fsync(fd) < 0 || close(fd) < 0)
		die("cannot write %s: %s", path, strerror(errno));
}

static int
keygen(int argc, char **argv)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	char key[4096], pub[4096];

	if (argc != 2)
		usage(2);
	if ((size_t)snprintf(key, sizeof(key), "%s/release.key", argv[1]) >=
	    sizeof(key) || (size_t)snprintf(pub, sizeof(pub),
	    "%s/release.pub", argv[1]) >= sizeof(pub))
		die("cannot use %s: path too long", argv[1]);
	if (mkdir_p(argv[1], 0755, getuid(), getgid()) < 0)
		die("cannot create %s: %s", argv[1], strerror(errno));
	crypto_sign_keypair(pk, sk);
	write_new(key, sk, sizeof(sk), 0600);
	sodium_memzero(sk, sizeof(sk));
	write_new(pub, pk, sizeof(pk), 0644);
	printf("outpost-mkupdate: %s (secret, 0600) and %s made\n", key, pub);
	return 0;
}

/* The part's size and sha256, into h. */
static void
hash_part(const char *path, struct update_part_info *pi)
{
	crypto_hash_sha256_state st;
	static unsigned char buf[CHUNK];
	struct stat sb;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &sb) < 0)
		die("cannot open %s: %s", path, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		die("cannot use %s: not a regular file", path);
	crypto_hash_sha256_init(&st);
	pi->size = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		crypto_hash_sha256_update(&st, buf, (size_t)n);
		pi->size += (uint64_t)n;
	}
	if (n < 0)
		die("cannot read %s: %s", path, strerror(errno));
	close(fd);
	crypto_hash_sha256_final(&st, pi->sha256);
}

/* Copies the part into out, fed to the signer (and hashed again: a file
 * changed between the passes is an error). */
static void
copy_part(const char *path, int out, const char *outpath,
    struct update_stream *s, const struct update_part_info *pi)
{
	crypto_hash_sha256_state st;
	static unsigned char buf[CHUNK];
	unsigned char sha[32];
	uint64_t size = 0;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		die("cannot open %s: %s", path, strerror(errno));
	crypto_hash_sha256_init(&st);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		crypto_hash_sha256_update(&st, buf, (size_t)n);
		update_stream_feed(s, buf, (size_t)n);
		write_all(out, buf, (size_t)n, outpath);
		size += (uint64_t)n;
	}
	if (n < 0)
		die("cannot read %s: %s", path, strerror(errno));
	close(fd);
	crypto_hash_sha256_final(&st, sha);
	if (size != pi->size || memcmp(sha, pi->sha256, 32) != 0)
		die("cannot use %s: it changed while being read", path);
}

struct mkopts {
	const char	*key;
	const char	*version;
	const char	*part[UP_NPARTS];
	const char	*verity;
	const char	*out;
};

static void
make_header(const struct mkopts *o, struct update_header *h, char *text)
{
	char err[256];
	const char *why;
	int i, n;

	memset(h, 0, sizeof(*h));
	if (strlen(o->version) >= sizeof(h->version))
		die("cannot use version %s: too long", o->version);
	strcpy(h->version, o->version);
	for (i = 0; i < UP_NPARTS; i++)
		hash_part(o->part[i], &h->part[i]);
	if (update_verity_parse(o->verity, h, &why) < 0)
		die("cannot use --verity %s: %s", o->verity, why);
	if ((n = update_header_format(h, text, UPDATE_HDR_MAX + 1)) < 0)
		die("cannot make the header: too long");
	/* What the reader will make of it. */
	if (update_header_parse(text, (size_t)n, "header", h, err,
	    sizeof(err)) < 0)
		die("cannot make the header: %s", err);
}

static int
make(const struct mkopts *o)
{
	unsigned char sk[UPDATE_SK_LEN], sig[UPDATE_SIG_LEN];
	static char text[UPDATE_HDR_MAX + 1];
	struct update_header h;
	struct update_stream s;
	char tmp[4096], err[256];
	int fd, i;

	if (update_read_key(o->key, sk, sizeof(sk), err, sizeof(err)) < 0)
		die("%s", err);
	make_header(o, &h, text);
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", o->out) >=
	    sizeof(tmp))
		die("cannot use %s: path too long", o->out);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) < 0)
		die("cannot create %s: %s", tmp, strerror(errno));
	write_all(fd, text, h.len, tmp);
	update_stream_init(&s, &h, text);
	for (i = 0; i < UP_NPARTS; i++)
		copy_part(o->part[i], fd, tmp, &s, &h.part[i]);
	update_stream_sign(&s, sk, sig);
	sodium_memzero(sk, sizeof(sk));
	write_all(fd, sig, sizeof(sig), tmp);
	if (fsync(fd) < 0 || close(fd) < 0 || rename(tmp, o->out) < 0) {
		unlink(tmp);
		die("cannot write %s: %s", o->out, strerror(errno));
	}
	printf("outpost-mkupdate: %s: version %s, %llu octets (kernel %llu, "
	    "initrd %llu, slot %llu)\n", o->out, h.version,
	    (unsigned long long)update_file_size(&h),
	    (unsigned long long)h.part[UP_KERNEL].size,
	    (unsigned long long)h.part[UP_INITRD].size,
	    (unsigned long long)h.part[UP_SLOT].size);
	return 0;
}

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "initrd", required_argument, NULL, 'I' },
	{ "kernel", required_argument, NULL, 'K' },
	{ "slot", required_argument, NULL, 'S' },
	{ "verity", required_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int
main(int argc, char **argv)
{
	struct mkopts o = { 0 };
	int ch, i;

	if (sodium_init() < 0)
		die("cannot initialise libsodium");
	if (argc >= 2 && strcmp(argv[1], "keygen") == 0)
		return keygen(argc - 1, argv + 1);
	while ((ch = getopt_long(argc, argv, "hk:o:v:", long_opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(0);
		case 'k':
			o.key = optarg;
			break;
		case 'o':
			o.out = optarg;
			break;
		case 'v':
			o.version = optarg;
			break;
		case 'K':
			o.part[UP_KERNEL] = optarg;
			break;
		case 'I':
			o.part[UP_INITRD] = optarg;
			break;
		case 'S':
			o.part[UP_SLOT] = optarg;
			break;
		case 'V':
			o.verity = optarg;
			break;
		default:
			usage(2);
		}
	}
	for (i = 0; i < UP_NPARTS; i++)
		if (o.part[i] == NULL)
			usage(2);
	if (optind != argc || o.key == NULL || o.version == NULL ||
	    o.verity == NULL || o.out == NULL)
		usage(2);
	return make(&o);
}
