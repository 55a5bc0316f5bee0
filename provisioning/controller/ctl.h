/* ctl.h: the subcommands of outpostctl, each `int ctl_NAME(int argc, char **argv)` (argv[0] is the subcommand): the fleet file (ctl_fleet.c), tokens and nodes (ctl_token.c, ctl_nodes.c). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_CTL_H
#define OUTPOST_CTL_H

/* Prints outpostctl's usage (on stdout when asked, else stderr) and exits. */
void	ctl_usage(int asked) __attribute__((noreturn));

/* ctl_fleet.c: the fleet file. */
int	ctl_check(int, char **);
int	ctl_plan(int, char **);
int	ctl_print(int, char **);
int	ctl_render(int, char **);

/* ctl_primary.c: the distribution primary's keys, NOTIFY and transfer
 * lists (outpostctl primary FLEET [TENANT]). */
int	ctl_primary(int, char **);

/* ctl_apply.c: publish the fleet file (outpostctl apply [-s STATEDIR] FLEET). */
int	ctl_apply(int argc, char **argv);

/* ctl_token.c, ctl_nodes.c: the controller's state. */
/*
 * outpostctl token [-s STATEDIR] -a PUBLIC [-p PORT] [-e LIFETIME] NODE
 * Prints a new token for NODE on stdout: 0, or 1 with the reason on stderr.
 * argv[0] is "token".
 */
int	ctl_token(int argc, char **argv);
/* outpostctl nodes [-s STATEDIR]: one line per node.  argv[0] is "nodes". */
int	ctl_nodes(int argc, char **argv);
/*
 * outpostctl status [-s STATEDIR] [NODE] (ctl_status.c): one line per node
 * from its last report, with NODE that report whole.  0; 1 when a node is
 * stale, lagging, withdrawn or failed; 2 on an error.
 */
int	ctl_status(int argc, char **argv);

#endif
