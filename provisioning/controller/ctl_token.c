/* ctl_token.c: outpostctl token: a new enrolment token for a node, its secret's hash kept in the controller's database. */
/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "ctl.h"
#include "ctlsettings.h"
#include "db.h"
#include "errbuf.h"
#include "reqsig.h"
#include "tlscert.h"
#include "token.h"

static int
token_usage(void)
{
	fprintf(stderr, "usage: outpostctl token [-s STATEDIR] -a PUBLIC "
	    "[-p PORT] [-e LIFETIME] NODE\n"
	    "  LIFETIME: seconds, or a number followed by m, h or d "
	    "(default 24h)\n");
	return 2;
}

/* "90", "30m", "24h", "7d": seconds, or -1. */
static long
parse_lifetime(const char *s)
{
	char *e;
	long v;

	errno = 0;
	v = strtol(s, &e, 10);
	if (*s < '0' || *s > '9' || errno != 0 || v <= 0 || v > 365L * 86400)
		return -1;
	if (*e == 'm')
		v *= 60;
	else if (*e == 'h')
		v *= 3600;
	else if (*e == 'd')
		v *= 86400;
	else if (*e != '\0')
		return -1;
	if (*e != '\0' && e[1] != '\0')
		return -1;
	return v > 365L * 86400 ? -1 : v;
}

static int
token_options(int argc, char **argv, struct ctl_settings *st, long *ttl)
{
	int ch;

	optind = 1;
	while ((ch = getopt(argc, argv, "a:e:p:s:")) != -1) {
		switch (ch) {
		case 'a':
			st->public = optarg;
			break;
		case 'e':
			if ((*ttl = parse_lifetime(optarg)) < 0) {
				fprintf(stderr, "outpostctl token: lifetime %s "
				    "is not 1s to 365d\n", optarg);
				return -1;
			}
			break;
		case 'p':
			if (ctl_port_parse(optarg, &st->port) < 0) {
				fprintf(stderr, "outpostctl token: port %s is "
				    "not 1-65535\n", optarg);
				return -1;
			}
			break;
		case 's':
			st->statedir = optarg;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

/* The token for node, its hash recorded: 0, or -1 with err. */
static int
issue(const struct ctl_settings *st, const char *node, long ttl,
    char *text, size_t len, char *err, size_t errlen)
{
	struct tlscert tc;
	struct token t;
	struct db *db;
	char path[PATH_MAX], hash[65], dberr[256];
	time_t now = time(NULL);
	int rc;

	memset(&t, 0, sizeof(t));
	if (tlscert_load_crt(st->statedir, &tc, err, errlen) < 0)
		return -1;
	memcpy(t.certhash, tc.sha256, TOKEN_CERTHASH_LEN);
	tlscert_free(&tc);
	snprintf(t.addr, sizeof(t.addr), "%s", st->public);
	t.port = st->port;
	randombytes_buf(t.secret, sizeof(t.secret));
	if (token_encode(&t, text, len) < 0) {
		errorf(err, errlen, "cannot make a token for %s port %u: not "
		    "an IP address or host name", st->public, st->port);
		return -1;
	}
	token_secret_hash(t.secret, hash);
	sodium_memzero(&t, sizeof(t));
	snprintf(path, sizeof(path), "%s/%s", st->statedir, DB_FILE);
	if ((db = db_open(path, dberr, sizeof(dberr))) == NULL) {
		errorf(err, errlen, "%s: %s", path, dberr);
		return -1;
	}
	rc = db_token_add(db, hash, node, now, now + ttl, dberr,
	    sizeof(dberr));
	db_close(db);
	if (rc < 0)
		errorf(err, errlen, "%s: %s", path, dberr);
	return rc;
}

int
ctl_token(int argc, char **argv)
{
	struct ctl_settings st = { 0 };
	char text[TOKEN_TEXT_MAX], err[512], until[32];
	long ttl = CTL_TOKEN_TTL;
	time_t end;

	if (token_options(argc, argv, &st, &ttl) < 0 || optind != argc - 1)
		return token_usage();
	if (st.statedir == NULL)
		st.statedir = CTL_STATEDIR;
	if (st.port == 0)
		st.port = CTL_PORT;
	if (st.public == NULL) {
		fprintf(stderr, "outpostctl token: the controller's public "
		    "address is not set (-a)\n");
		return 2;
	}
	if (!node_name_valid(argv[optind])) {
		fprintf(stderr, "outpostctl token: %s is not a node name "
		    "(letters, digits, '-', '_', '.')\n", argv[optind]);
		return 1;
	}
	if (sodium_init() < 0 || issue(&st, argv[optind], ttl, text,
	    sizeof(text), err, sizeof(err)) < 0) {
		fprintf(stderr, "outpostctl token: %s\n", err);
		return 1;
	}
	end = time(NULL) + ttl;
	strftime(until, sizeof(until), "%Y-%m-%dT%H:%M:%SZ", gmtime(&end));
	printf("%s\n", text);
	fprintf(stderr, "token for node %s, controller %s port %u, valid "
	    "until %s\n", argv[optind], st.public, st.port, until);
	return 0;
}
