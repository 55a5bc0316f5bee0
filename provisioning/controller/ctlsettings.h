/* ctlsettings.h: the controller's own settings (listen address and port, state directory, public address for tokens, bundle directory). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CTLSETTINGS_H
#define OUTPOST_CTLSETTINGS_H

#include <stdint.h>

#define CTL_PORT	8443
#define CTL_STATEDIR	"/var/lib/outpost-controller"
#define CTL_LISTEN	"0.0.0.0"
#define CTL_TOKEN_TTL	(24 * 3600)	/* a token's default lifetime, s */

/*
 * For now set by command-line options (outpost-controller, outpostctl
 * token).  The seam for the fleet file: its `controller:` block (fleet.c)
 * fills the same fields, and options given on the command line override
 * them.  NULL or 0 means "the default".
 */
struct ctl_settings {
	const char	*listen;	/* address to listen on */
	uint16_t	 port;		/* port to listen on, and in tokens */
	const char	*statedir;	/* controller.db, tls.*, signing.* */
	const char	*public;	/* address (or host name) in tokens */
	const char	*bundledir;	/* default STATEDIR/bundles */
};

/* A port number, 1 to 65535, into *port: 0, or -1 (*port unchanged). */
int	ctl_port_parse(const char *s, uint16_t *port);

#endif
