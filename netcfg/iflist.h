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
/* The kernel driver's name, or "?" */
const char *iflist_driver(const char *ifname, char *buf, size_t len);

#endif
