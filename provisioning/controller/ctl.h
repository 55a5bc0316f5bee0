/* ctl.h: the subcommands of outpostctl, each `int ctl_NAME(int argc, char **argv)` (argv[0] is the subcommand). */
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

#endif
