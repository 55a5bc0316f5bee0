/* token.h: the enrolment token: controller address and port, certificate hash, secret and check digits as OP1- Crockford base32 text. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_TOKEN_H
#define OUTPOST_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#define TOKEN_CERTHASH_LEN	16	/* first octets of SHA-256(cert DER) */
#define TOKEN_SECRET_LEN	10
#define TOKEN_CHECK_LEN		2
#define TOKEN_HOST_MAX		63	/* a host name's longest length */
#define TOKEN_ADDR_MAX		64	/* text of the address, with its NUL */
#define TOKEN_TEXT_MAX		160	/* longest text, with its NUL */
#define TOKEN_PREFIX		"OP1-"

struct token {
	char	 addr[TOKEN_ADDR_MAX];	/* IPv4, IPv6 or host name, as text */
	uint16_t port;
	uint8_t	 certhash[TOKEN_CERTHASH_LEN];
	uint8_t	 secret[TOKEN_SECRET_LEN];
};

/*
 * Writes the token as text "OP1-XXXX-XXXX-..." into buf (len octets):
 * the length written, or -1 when the address is neither an IP address nor a
 * host name of letters, digits, '-' and '.' (at most TOKEN_HOST_MAX), or the
 * port is 0, or buf is too short.
 */
int	token_encode(const struct token *, char *buf, size_t len);
/*
 * Reads token text (case-insensitive; '-' and blanks anywhere are ignored,
 * O is read as 0, I and L as 1): 0, or -1 with what is wrong in err.
 */
int	token_decode(const char *text, struct token *, char *err, size_t errlen);
/* The secret's hash as the controller keeps it: 64 lowercase hex digits. */
void	token_secret_hash(const uint8_t secret[TOKEN_SECRET_LEN],
	    char hex[65]);

#endif
