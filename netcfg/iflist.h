/* iflist.h: the interface table shown to the person at the console: name, MAC, driver, link. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_IFLIST_H
#define OUTPOST_IFLIST_H

#include <stdio.h>

#include "netstate.h"

/* Prints the table; skips lo and the service interface. -1 on error. */
int	iflist_print(FILE *, const struct netstate *, const char *svcif);
/* The interface a person most likely means: first with carrier, else first. */
const char *iflist_guess(const struct netstate *, const char *svcif);
/* An interface's driver into buf (iflist_driver, or a test's). */
typedef const char *(*iflist_drvfn)(const char *ifname, char *buf,
	    size_t len);
/*
 * The hardware profile's rule for the uplink (hwprofile(5) uplink:):
 * "name:IF" that interface if it exists; "driver:MODULE" the first of that
 * driver's interfaces with carrier, else its first; "first-carrier" or
 * NULL as iflist_guess.  What a rule does not find falls back to
 * iflist_guess.
 */
const char *iflist_pick(const struct netstate *, const char *svcif,
	    const char *rule, iflist_drvfn);
/* NULL when rule is one iflist_pick knows, else what is wrong with it. */
const char *iflist_rule_check(const char *rule);
/* The kernel driver's name, or "?" */
const char *iflist_driver(const char *ifname, char *buf, size_t len);

#endif
