/* ctl.h: the outpostctl commands of the controller's state: token (issue an enrolment token) and nodes (list the fleet's nodes). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CTL_H
#define OUTPOST_CTL_H

/*
 * outpostctl token [-s STATEDIR] -a PUBLIC [-p PORT] [-e LIFETIME] NODE
 * Prints a new token for NODE on stdout: 0, or 1 with the reason on stderr.
 * argv[0] is "token".
 */
int	ctl_token(int argc, char **argv);
/* outpostctl nodes [-s STATEDIR]: one line per node.  argv[0] is "nodes". */
int	ctl_nodes(int argc, char **argv);

#endif
