/* xdpguard.c: outpost-node's XDP guard (services/xdp): attached to the uplink on start, its maps updated in place on reload, detached on stop; its state for `outpost status`, its counters for `outpost stats`. */
/* SPDX-License-Identifier: ISC */
#include <sys/resource.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "fileutil.h"
#include "guard.h"
#include "log.h"
#include "node.h"
#include "xdpguard.h"

#define BOOT_INFO	"/run/outpost/boot"	/* init's record of the hardware profile */
#define LOAD_NICE	10	/* the loader thread's nice value */

static struct guard	*guard;
static char		 why_not[400] = "not started";

/*
 * The program's load (the verifier: ~0.1 s on hardware, seconds under
 * emulation) runs in a thread of its own, so that the node starts its
 * tenants meanwhile.  The thread touches only what follows; the main
 * loop polls loadfd and takes the result once the thread has ended.
 */
static pthread_t	 loader;
static int		 loading;		/* a loader thread runs */
static int		 loadfd[2] = { -1, -1 };	/* one octet: done */
static struct guard	*loaded;
static char		 load_why[sizeof(why_not) - 40];
static int64_t		 load_started;

static void *
load_main(void *arg)
{
	(void)arg;
	/* Behind the tenants' start for the CPU: they answer first. */
	(void)setpriority(PRIO_PROCESS, (id_t)gettid(), LOAD_NICE);
	loaded = guard_load(load_why, sizeof(load_why));
	(void)write(loadfd[1], "", 1);
	return NULL;
}

static int
load_start(void)
{
	int e;

	if (pipe2(loadfd, O_CLOEXEC | O_NONBLOCK) < 0)
		return -1;
	load_started = now_ms();
	if ((e = pthread_create(&loader, NULL, load_main, NULL)) != 0) {
		close(loadfd[0]);
		close(loadfd[1]);
		loadfd[0] = loadfd[1] = -1;
		errno = e;
		return -1;
	}
	loading = 1;
	return 0;
}

/* Waits for the loader thread; the guard it loaded, or NULL (load_why). */
static struct guard *
load_join(void)
{
	struct guard *g;

	pthread_join(loader, NULL);
	loading = 0;
	close(loadfd[0]);
	close(loadfd[1]);
	loadfd[0] = loadfd[1] = -1;
	g = loaded;
	loaded = NULL;
	return g;
}

/* The hardware profile's xdp-mode as init recorded it; OFF without one. */
static enum nc_xdp_mode
profile_mode(void)
{
	enum nc_xdp_mode m = NC_XDP_OFF;
	char *text, *p;

	if ((text = file_read(BOOT_INFO, 8192, NULL)) == NULL)
		return m;
	for (p = text; p != NULL; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, "xdp-mode: ", 10) != 0)
			continue;
		p += 10;
		if (strncmp(p, "native", 6) == 0)
			m = NC_XDP_NATIVE;
		else if (strncmp(p, "generic", 7) == 0)
			m = NC_XDP_GENERIC;
		break;
	}
	free(text);
	return m;
}

static void
guard_off(const char *why)
{
	if (guard != NULL) {
		guard_free(guard);
		guard = NULL;
		log_info("xdp guard: detached (%s)", why);
	}
	snprintf(why_not, sizeof(why_not), "%s", why);
}

static void
load_failed(const char *why)
{
	log_warnx("cannot load xdp guard: %s; serving without it", why);
	snprintf(why_not, sizeof(why_not), "cannot load: %s", why);
}

void
xdpguard_apply(const struct nodeconf *nc)
{
	enum nc_xdp_mode mode = nc->xdp.mode;
	char why[sizeof(why_not) - 40];

	if (mode == NC_XDP_DEFAULT && (mode = profile_mode()) == NC_XDP_OFF) {
		guard_off("off: no xdp: mode in node.conf, no hardware profile");
		return;
	}
	if (mode == NC_XDP_OFF) {
		guard_off("off: xdp: mode off in node.conf");
		return;
	}
	/* The image before its first configuration: nothing comes in. */
	if (strcmp(nc->uplink, "lo") == 0) {
		guard_off("off: the uplink is the loopback");
		return;
	}
	if (guard == NULL) {
		if (loading)
			return;		/* xdpguard_loaded() comes back */
		if (load_start() == 0) {
			snprintf(why_not, sizeof(why_not), "loading");
			return;
		}
		log_warn("cannot start a thread to load the xdp guard; "
		    "loading it now");
		if ((guard = guard_load(why, sizeof(why))) == NULL) {
			load_failed(why);
			return;
		}
	}
	/* Attached already: the maps change under it, no gap. */
	if (guard_configure(guard, nc, why, sizeof(why)) < 0) {
		log_warnx("cannot configure xdp guard: %s", why);
		if (guard_mode(guard) == NC_XDP_OFF) {
			guard_off(why);
			return;
		}
	}
	if (guard_mode(guard) == mode &&
	    strcmp(guard_ifname(guard), nc->uplink) == 0)
		return;
	if (guard_attach(guard, nc->uplink, mode, why, sizeof(why)) < 0) {
		log_warnx("cannot attach xdp guard: %s; serving without it",
		    why);
		guard_off(why);
		return;
	}
	log_info("xdp guard: attached to %s (%s)", nc->uplink,
	    nodeconf_xdp_mode_name(mode));
}

int
xdpguard_pollfd(void)
{
	return loading ? loadfd[0] : -1;
}

void
xdpguard_loaded(const struct nodeconf *nc)
{
	if (!loading)
		return;
	if ((guard = load_join()) == NULL) {
		load_failed(load_why);
		return;
	}
	log_info("xdp guard: loaded in %lld ms", (long long)(now_ms() -
	    load_started));
	xdpguard_apply(nc);
}

void
xdpguard_stop(void)
{
	if (loading)
		guard_free(load_join());
	guard_off("stopped");
}

void
xdpguard_status(FILE *f)
{
	if (guard != NULL && guard_mode(guard) != NC_XDP_OFF)
		fprintf(f, "xdp guard: attached to %s (%s)\n",
		    guard_ifname(guard),
		    nodeconf_xdp_mode_name(guard_mode(guard)));
	else
		fprintf(f, "xdp guard: not attached: %s\n", why_not);
}

int
xdpguard_stats(const struct nodeconf *nc, FILE *f, int json)
{
	if (guard == NULL || guard_mode(guard) == NC_XDP_OFF)
		return -1;
	guard_print_stats(guard, nc, f, json);
	return 0;
}

const char *
xdpguard_why_not(void)
{
	return why_not;
}
