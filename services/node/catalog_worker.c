/* catalog_worker.c: outpost-catalog, the worker of one catalog tenant: drops to the tenant's uid, polls the catalog's SOA on the tenant's NSD, reads a new serial by AXFR and adds or removes the member zones. */
/* SPDX-License-Identifier: ISC */
#include <sys/prctl.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog_worker.h"
#include "clock.h"
#include "dname.h"
#include "log.h"

static volatile sig_atomic_t quit;

static void
on_term(int sig)
{
	(void)sig;
	quit = 1;
}

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: outpost-catalog -z ZONE -a ADDRESS -d DATADIR "
	    "-u UID [-i MS] [-x FD]\n");
	exit(2);
}

/* "key NAME ALGORITHM SECRET": the tenant's TSIG key. */
static void
read_key(struct catw *w, char *line)
{
	char *name, *alg, *secret, *save;

	if ((name = strtok_r(line + 4, " ", &save)) == NULL ||
	    (alg = strtok_r(NULL, " ", &save)) == NULL ||
	    (secret = strtok_r(NULL, " ", &save)) == NULL ||
	    catw_key_set(&w->key, name, alg, secret) < 0)
		fatalx("cannot use the tenant's TSIG key");
	explicit_bzero(line, strlen(line));
	w->has_key = 1;
}

/* The tenant's TSIG key, then the zones it must not serve, one a line. */
static void
read_excluded(struct catw *w, int fd)
{
	char line[1024], norm[DNAME_STRLEN];
	FILE *f;

	if ((f = fdopen(fd, "r")) == NULL)
		fatal("cannot read the excluded zones");
	if ((w->excluded = calloc(CATW_MAX_EXCLUDED, sizeof(char *))) == NULL)
		fatal("cannot allocate");
	while (fgets(line, sizeof(line), f) != NULL &&
	    w->nexcluded < CATW_MAX_EXCLUDED) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "key ", 4) == 0) {
			read_key(w, line);
			continue;
		}
		if (dname_normalise(line, norm) != NULL)
			continue;
		if ((w->excluded[w->nexcluded++] = strdup(norm)) == NULL)
			fatal("cannot allocate");
	}
	fclose(f);
}

/*
 * Chrooted into the tenant's data directory (all it needs there: NSD's
 * zone.list and control socket), as the tenant's uid, for good.
 */
static void
drop_to(const char *datadir, uid_t uid)
{
	gid_t gid = uid;
	int fd;

	if ((fd = open(datadir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0)
		fatal("cannot open %s", datadir);
	if (fchdir(fd) < 0)
		fatal("cannot enter %s", datadir);
	close(fd);
	if (geteuid() == 0 && (chroot(".") < 0 || chdir("/") < 0))
		fatal("cannot chroot to %s", datadir);
	if (geteuid() == 0 && (setgroups(1, &gid) < 0 ||
	    setresgid(gid, gid, gid) < 0 || setresuid(uid, uid, uid) < 0))
		fatal("cannot drop to uid %u", (unsigned)uid);
	if (getuid() != uid)
		fatalx("runs as uid %u, not %u", (unsigned)getuid(),
		    (unsigned)uid);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		fatal("cannot set no_new_privs");
}

static void
sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* A new serial: the catalog read and its members applied. */
static void
take_serial(struct catw *w, uint32_t serial)
{
	struct catalog c;
	char why[CATALOG_ERR_MAX + 32];
	int r;

	r = catw_axfr(w, &c, why, sizeof(why));
	if (r == 0) {		/* unreachable: the next poll tries again */
		log_warnx("cannot read catalog %s serial %u: %s", w->zone,
		    serial, why);
		catalog_free(&c);
		return;
	}
	w->have_serial = 1;
	w->serial = serial;
	w->retry_ms = 0;
	if (r < 0) {
		log_warnx("cannot use catalog %s serial %u: %s; the members "
		    "stay as they are", w->zone, serial, why);
		catalog_free(&c);
		return;
	}
	if (catw_sync(w, &c) < 0)	/* some change failed: again, later */
		w->retry_ms = now_ms() + CATW_RETRY_MS;
	catalog_free(&c);
}

static void
run(struct catw *w)
{
	char why[128], last[128] = "";
	uint32_t serial;

	while (!quit) {
		if (catw_soa(w, &serial, why, sizeof(why)) < 0) {
			if (strcmp(why, last) != 0)	/* once per cause */
				log_info("catalog %s: %s", w->zone, why);
			snprintf(last, sizeof(last), "%s", why);
		} else {
			last[0] = '\0';
			if (!w->have_serial || serial != w->serial ||
			    (w->retry_ms != 0 && now_ms() >= w->retry_ms))
				take_serial(w, serial);
		}
		sleep_ms(w->interval_ms);
	}
}

int
main(int argc, char *argv[])
{
	struct catw w = { .interval_ms = 500 };
	const char *datadir = NULL, *err;
	long uid = -1;
	int ch, xfd = -1;
	sigset_t set;

	log_init("outpost-catalog", NULL, 0);
	while ((ch = getopt(argc, argv, "a:d:i:u:x:z:")) != -1) {
		switch (ch) {
		case 'a':
			if ((err = addr_parse(optarg, &w.addr)) != NULL)
				fatalx("-a %s: %s", optarg, err);
			break;
		case 'd':
			datadir = optarg;
			break;
		case 'i':
			w.interval_ms = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'u':
			uid = strtol(optarg, NULL, 10);
			break;
		case 'x':
			xfd = atoi(optarg);
			break;
		case 'z':
			w.zone = optarg;
			break;
		default:
			usage();
		}
	}
	if (w.zone == NULL || w.addr.af == 0 || datadir == NULL || uid <= 0 ||
	    uid > 65535 || w.interval_ms < 50)
		usage();
	log_setinstance(w.zone);
	if (xfd >= 0)
		read_excluded(&w, xfd);
	catw_tsig_init();	/* libcrypto's files, before the chroot */
	drop_to(datadir, (uid_t)uid);
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	signal(SIGPIPE, SIG_IGN);
	/* outpost-node starts it with these blocked (its signalfd's mask). */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	log_info("catalog %s: polling its SOA every %u ms as uid %ld",
	    w.zone, w.interval_ms, uid);
	run(&w);
	return 0;
}
