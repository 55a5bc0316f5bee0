/* tlscert.h: the controller's TLS certificate and key: made self-signed on first start, reused after; its SHA-256 is what tokens carry. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_TLSCERT_H
#define OUTPOST_TLSCERT_H

#include <stddef.h>
#include <stdint.h>

#define TLS_KEY_FILE	"tls.key"	/* PEM, 0600 */
#define TLS_CRT_FILE	"tls.crt"	/* PEM, 0644 */

struct tlscert {
	char	*key_pem;		/* NULL when only the certificate */
	char	*crt_pem;		/* was loaded */
	uint8_t	 sha256[32];		/* of the certificate's DER */
};

/*
 * Loads DIR/tls.key and DIR/tls.crt; when neither exists, makes them
 * first: an ECDSA P-256 key and a certificate signed by it, naming the
 * addresses or host names in names (NULL-terminated) as subject
 * alternative names.  One file without the other, a key readable by group
 * or others, or files that do not load are refused.  0, or -1 with err.
 */
int	tlscert_load_or_make(const char *dir, const char *const *names,
	    struct tlscert *, char *err, size_t errlen);
/* Loads the certificate alone (no key): for tokens and checks. */
int	tlscert_load_crt(const char *dir, struct tlscert *, char *err,
	    size_t errlen);
/* Loads both, never making them (-n). */
int	tlscert_load(const char *dir, struct tlscert *, char *err,
	    size_t errlen);
void	tlscert_free(struct tlscert *);

#endif
