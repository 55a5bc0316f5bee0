/* enrol.h: `outpost-netcfg setup -A`: outpost-agent enrol run at the end of the dialogue, and what STATEDIR/controller says. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_ENROL_H
#define OUTPOST_ENROL_H

#include <stdio.h>

#define ENROL_AGENT	"outpost-agent"
#define ENROL_CTL_FILE	"controller"	/* in the agent's state directory */

struct enrolment {
	char		 node[128];
	char		 addr[80];
	char		 port[8];
};

enum enrol_result {
	ENROL_OK,		/* enrolled: STATEDIR/controller written */
	ENROL_REFUSED,		/* the token: unreadable, or refused */
	ENROL_FAILED,		/* the controller not reached or not trusted */
	ENROL_NO_AGENT,		/* outpost-agent could not be run */
};

/* 1 when dir holds the controller file (what it says in e), else 0. */
int	enrol_done(const char *dir, struct enrolment *e);
/*
 * Runs outpost-agent enrol -s dir token (beside this program, else from
 * PATH); each line it prints is shown on out.
 */
enum enrol_result enrol_run(const char *dir, const char *token, FILE *out);

#endif
