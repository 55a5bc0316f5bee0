/* iflist.c: which interface is which: MAC, driver (ethtool) and carrier, for the console. */
/* SPDX-License-Identifier: ISC */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <net/if.h>

#include <linux/ethtool.h>
#include <linux/sockios.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "iflist.h"

const char *
iflist_driver(const char *ifname, char *buf, size_t len)
{
	struct ethtool_drvinfo di = { .cmd = ETHTOOL_GDRVINFO };
	struct ifreq ifr;
	int fd;

	snprintf(buf, len, "?");
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	ifr.ifr_data = (void *)&di;
	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return buf;
	if (ioctl(fd, SIOCETHTOOL, &ifr) == 0 && di.driver[0] != '\0')
		snprintf(buf, len, "%.*s", (int)sizeof(di.driver), di.driver);
	close(fd);
	return buf;
}

static int
listed(const struct ns_link *l, const char *svcif)
{
	return strcmp(l->name, "lo") != 0 && strcmp(l->name, svcif) != 0;
}

static const char *
mac(const struct ns_link *l, char *buf)
{
	int i;

	if (l->maclen != 6)
		return "-";
	for (i = 0; i < 6; i++)
		sprintf(buf + 3 * i, "%02x%s", l->mac[i], i < 5 ? ":" : "");
	return buf;
}

int
iflist_print(FILE *f, const struct netstate *ns, const char *svcif)
{
	const struct ns_link *l;
	char m[20], drv[40];
	int i, n = 0;

	fprintf(f, "  %-15s %-17s %-12s %s\n", "INTERFACE", "MAC", "DRIVER",
	    "LINK");
	for (i = 0; i < ns->nlinks; i++) {
		l = &ns->links[i];
		if (!listed(l, svcif))
			continue;
		n++;
		fprintf(f, "  %-15s %-17s %-12s %s\n", l->name, mac(l, m),
		    iflist_driver(l->name, drv, sizeof(drv)),
		    l->carrier ? "cable connected (carrier)" :
		    l->up ? "no carrier" : "down (no carrier seen yet)");
	}
	if (n == 0)
		fprintf(f, "  (no network interfaces found)\n");
	return 0;
}

const char *
iflist_rule_check(const char *rule)
{
	if (strcmp(rule, "first-carrier") == 0 ||
	    (strncmp(rule, "driver:", 7) == 0 && rule[7] != '\0') ||
	    (strncmp(rule, "name:", 5) == 0 && rule[5] != '\0' &&
	    strlen(rule + 5) < NS_IFNAMSIZ))
		return NULL;
	return "is not first-carrier, driver:MODULE or name:INTERFACE";
}

/* The first listed link of driver drv, with carrier if any has it. */
static const char *
by_driver(const struct netstate *ns, const char *svcif, const char *drv,
    iflist_drvfn fn)
{
	const char *first = NULL;
	char buf[64];
	int i;

	for (i = 0; i < ns->nlinks; i++) {
		const struct ns_link *l = &ns->links[i];

		if (!listed(l, svcif) || l->kind[0] != '\0' ||
		    strcmp(fn(l->name, buf, sizeof(buf)), drv) != 0)
			continue;
		if (l->carrier)
			return l->name;
		if (first == NULL)
			first = l->name;
	}
	return first;
}

const char *
iflist_pick(const struct netstate *ns, const char *svcif, const char *rule,
    iflist_drvfn fn)
{
	const char *name = NULL;
	int i;

	if (rule != NULL && strncmp(rule, "name:", 5) == 0) {
		for (i = 0; i < ns->nlinks; i++)
			if (listed(&ns->links[i], svcif) &&
			    strcmp(ns->links[i].name, rule + 5) == 0)
				name = ns->links[i].name;
	} else if (rule != NULL && strncmp(rule, "driver:", 7) == 0)
		name = by_driver(ns, svcif, rule + 7, fn);
	return name != NULL ? name : iflist_guess(ns, svcif);
}

const char *
iflist_guess(const struct netstate *ns, const char *svcif)
{
	int i;

	for (i = 0; i < ns->nlinks; i++)
		if (listed(&ns->links[i], svcif) && ns->links[i].carrier)
			return ns->links[i].name;
	for (i = 0; i < ns->nlinks; i++)
		if (listed(&ns->links[i], svcif))
			return ns->links[i].name;
	return "";
}
