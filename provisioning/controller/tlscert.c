/* tlscert.c: the controller's TLS certificate and key: made self-signed with GnuTLS on first start, checked and loaded after. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>

#include "errbuf.h"
#include "fileutil.h"
#include "tlscert.h"

#define PEM_MAX		(64 * 1024)
#define VALID_YEARS	30

static int
gtls_err(char *err, size_t errlen, const char *what, int rc)
{
	return errorf(err, errlen, "cannot %s: %s", what, gnutls_strerror(rc));
}

static int
add_name(gnutls_x509_crt_t crt, const char *name)
{
	unsigned char ip[16];

	if (inet_pton(AF_INET, name, ip) == 1)
		return gnutls_x509_crt_set_subject_alt_name(crt,
		    GNUTLS_SAN_IPADDRESS, ip, 4, GNUTLS_FSAN_APPEND);
	if (inet_pton(AF_INET6, name, ip) == 1)
		return gnutls_x509_crt_set_subject_alt_name(crt,
		    GNUTLS_SAN_IPADDRESS, ip, 16, GNUTLS_FSAN_APPEND);
	return gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME,
	    name, (unsigned)strlen(name), GNUTLS_FSAN_APPEND);
}

/* The certificate's fields, signed by key. */
static int
fill_crt(gnutls_x509_crt_t crt, gnutls_x509_privkey_t key,
    const char *const *names)
{
	unsigned char serial[16], kid[64];
	size_t kidlen = sizeof(kid);
	time_t now = time(NULL);
	int rc;

	if ((rc = gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof(serial))) < 0)
		return rc;
	serial[0] &= 0x7f;
	if ((rc = gnutls_x509_crt_set_version(crt, 3)) < 0 ||
	    (rc = gnutls_x509_crt_set_serial(crt, serial, sizeof(serial))) < 0 ||
	    (rc = gnutls_x509_crt_set_activation_time(crt, now - 3600)) < 0 ||
	    (rc = gnutls_x509_crt_set_expiration_time(crt, now +
	    (time_t)VALID_YEARS * 365 * 86400)) < 0 ||
	    (rc = gnutls_x509_crt_set_dn(crt, "CN=outpost-controller",
	    NULL)) < 0 ||
	    (rc = gnutls_x509_crt_set_key(crt, key)) < 0 ||
	    (rc = gnutls_x509_crt_set_basic_constraints(crt, 0, -1)) < 0 ||
	    (rc = gnutls_x509_crt_set_key_usage(crt,
	    GNUTLS_KEY_DIGITAL_SIGNATURE)) < 0 ||
	    (rc = gnutls_x509_crt_set_key_purpose_oid(crt,
	    GNUTLS_KP_TLS_WWW_SERVER, 0)) < 0 ||
	    (rc = gnutls_x509_crt_get_key_id(crt, 0, kid, &kidlen)) < 0 ||
	    (rc = gnutls_x509_crt_set_subject_key_id(crt, kid, kidlen)) < 0)
		return rc;
	for (; names != NULL && *names != NULL; names++)
		if ((rc = add_name(crt, *names)) < 0)
			return rc;
	return gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0);
}

static int
export_pem(int rc, gnutls_datum_t *d, char **out)
{
	if (rc < 0)
		return rc;
	if ((*out = malloc(d->size + 1)) == NULL) {
		gnutls_free(d->data);
		return GNUTLS_E_MEMORY_ERROR;
	}
	memcpy(*out, d->data, d->size);
	(*out)[d->size] = '\0';
	gnutls_free(d->data);
	return 0;
}

/* A new key and certificate as PEM text into *keypem and *crtpem. */
static int
make_pair(const char *const *names, char **keypem, char **crtpem, char *err,
    size_t errlen)
{
	gnutls_x509_privkey_t key = NULL;
	gnutls_x509_crt_t crt = NULL;
	gnutls_datum_t d;
	int rc;

	*keypem = *crtpem = NULL;
	if ((rc = gnutls_x509_privkey_init(&key)) < 0 ||
	    (rc = gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA,
	    GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0)) < 0 ||
	    (rc = gnutls_x509_crt_init(&crt)) < 0 ||
	    (rc = fill_crt(crt, key, names)) < 0 ||
	    (rc = export_pem(gnutls_x509_privkey_export2(key,
	    GNUTLS_X509_FMT_PEM, &d), &d, keypem)) < 0 ||
	    (rc = export_pem(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM,
	    &d), &d, crtpem)) < 0) {
		free(*keypem);
		free(*crtpem);
		*keypem = *crtpem = NULL;
		gtls_err(err, errlen, "make the TLS certificate", rc);
	}
	if (crt != NULL)
		gnutls_x509_crt_deinit(crt);
	if (key != NULL)
		gnutls_x509_privkey_deinit(key);
	return *crtpem == NULL ? -1 : 0;
}

/* The key first: a certificate never exists without its key. */
static int
write_pair(const char *dir, const char *keypem, const char *crtpem,
    char *err, size_t errlen)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, TLS_KEY_FILE);
	if (file_write_atomic(path, keypem, strlen(keypem), 0600, getuid(),
	    getgid()) < 0)
		return errorf(err, errlen, "cannot write %s: %s", path,
		    strerror(errno));
	snprintf(path, sizeof(path), "%s/%s", dir, TLS_CRT_FILE);
	if (file_write_atomic(path, crtpem, strlen(crtpem), 0644, getuid(),
	    getgid()) < 0 || fsync_dir(dir) < 0)
		return errorf(err, errlen, "cannot write %s: %s", path,
		    strerror(errno));
	return 0;
}

static int
crt_hash(struct tlscert *tc, char *err, size_t errlen)
{
	gnutls_x509_crt_t crt;
	gnutls_datum_t d;
	size_t len = sizeof(tc->sha256);
	int rc;

	d.data = (unsigned char *)tc->crt_pem;
	d.size = (unsigned)strlen(tc->crt_pem);
	if ((rc = gnutls_x509_crt_init(&crt)) < 0)
		return gtls_err(err, errlen, "load the TLS certificate", rc);
	rc = gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_PEM);
	if (rc >= 0)
		rc = gnutls_x509_crt_get_fingerprint(crt, GNUTLS_DIG_SHA256,
		    tc->sha256, &len);
	gnutls_x509_crt_deinit(crt);
	if (rc < 0)
		return gtls_err(err, errlen, "load the TLS certificate "
		    TLS_CRT_FILE, rc);
	return 0;
}

static int
key_check(const char *keypem, char *err, size_t errlen)
{
	gnutls_x509_privkey_t key;
	gnutls_datum_t d;
	int rc;

	d.data = (unsigned char *)keypem;
	d.size = (unsigned)strlen(keypem);
	if ((rc = gnutls_x509_privkey_init(&key)) < 0)
		return gtls_err(err, errlen, "load the TLS key", rc);
	rc = gnutls_x509_privkey_import(key, &d, GNUTLS_X509_FMT_PEM);
	gnutls_x509_privkey_deinit(key);
	if (rc < 0)
		return gtls_err(err, errlen, "load the TLS key " TLS_KEY_FILE,
		    rc);
	return 0;
}

static char *
read_pem(const char *dir, const char *file, int secret, char *err,
    size_t errlen)
{
	char path[PATH_MAX], *buf;
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (lstat(path, &st) < 0) {
		errorf(err, errlen, "cannot read %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		errorf(err, errlen, "cannot read %s: not a regular file", path);
		return NULL;
	}
	if (secret && (st.st_mode & 077) != 0) {
		errorf(err, errlen, "cannot use %s: group or others may read "
		    "it (mode %03o, want 0600)", path, st.st_mode & 0777);
		return NULL;
	}
	if ((buf = file_read(path, PEM_MAX, NULL)) == NULL)
		errorf(err, errlen, "cannot read %s: %s", path,
		    strerror(errno));
	return buf;
}

int
tlscert_load_crt(const char *dir, struct tlscert *tc, char *err,
    size_t errlen)
{
	memset(tc, 0, sizeof(*tc));
	if ((tc->crt_pem = read_pem(dir, TLS_CRT_FILE, 0, err, errlen)) ==
	    NULL || crt_hash(tc, err, errlen) < 0) {
		tlscert_free(tc);
		return -1;
	}
	return 0;
}

int
tlscert_load(const char *dir, struct tlscert *tc, char *err, size_t errlen)
{
	if (tlscert_load_crt(dir, tc, err, errlen) < 0)
		return -1;
	if ((tc->key_pem = read_pem(dir, TLS_KEY_FILE, 1, err, errlen)) ==
	    NULL || key_check(tc->key_pem, err, errlen) < 0) {
		tlscert_free(tc);
		return -1;
	}
	return 0;
}

static int
exists(const char *dir, const char *file)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return lstat(path, &st) == 0 || errno != ENOENT;
}

int
tlscert_load_or_make(const char *dir, const char *const *names,
    struct tlscert *tc, char *err, size_t errlen)
{
	char *keypem, *crtpem;
	int haskey = exists(dir, TLS_KEY_FILE), hascrt = exists(dir,
	    TLS_CRT_FILE), rc;

	if (haskey != hascrt)
		return errorf(err, errlen, "cannot use %s/%s: %s is missing "
		    "(remove both to make new ones, then issue new tokens)",
		    dir, haskey ? TLS_KEY_FILE : TLS_CRT_FILE, haskey ?
		    TLS_CRT_FILE : TLS_KEY_FILE);
	if (!haskey) {
		if (make_pair(names, &keypem, &crtpem, err, errlen) < 0)
			return -1;
		rc = write_pair(dir, keypem, crtpem, err, errlen);
		explicit_bzero(keypem, strlen(keypem));
		free(keypem);
		free(crtpem);
		if (rc < 0)
			return -1;
	}
	return tlscert_load(dir, tc, err, errlen);
}

void
tlscert_free(struct tlscert *tc)
{
	if (tc->key_pem != NULL) {
		explicit_bzero(tc->key_pem, strlen(tc->key_pem));
		free(tc->key_pem);
	}
	free(tc->crt_pem);
	tc->key_pem = tc->crt_pem = NULL;
}
