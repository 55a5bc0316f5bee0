/* logfile.h: PID 1's logger: every line of outpost-node and its children to the consoles (never blocking) and to a bounded log file. */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_LOGFILE_H
#define OUTPOST_LOGFILE_H

#include <sys/types.h>
#include <stddef.h>

#define LOGFILE_PATH	"/data/log/outpost.log"
#define LOGFILE_MAX	(8u << 20)	/* rotated to outpost.log.1 at this size */
#define LOGFILE_CONSOLES 4
#define LOGFILE_LINE	4096		/* longer lines are cut */
#define LOGFILE_BACKLOG	(64 * 1024)	/* a console's lines not yet taken */

/* Where lines go: one file, rotated once it would pass max, and consoles. */
struct logsink {
	char	 path[256];
	size_t	 max;
	int	 fd;			/* the file, -1: none */
	size_t	 size;			/* its size */
	int	 con[LOGFILE_CONSOLES];	/* non-blocking, -1: none */
	char	 conpath[LOGFILE_CONSOLES][32];	/* reopened after a hangup */
	char	 q[LOGFILE_CONSOLES][LOGFILE_BACKLOG];	/* not yet taken */
	size_t	 qlen[LOGFILE_CONSOLES];
	unsigned long dropped[LOGFILE_CONSOLES]; /* lines with no room */
	int	 ncon;
	int	 quiet;			/* consoles skipped (a dialogue runs there) */
	char	 line[LOGFILE_LINE];	/* a line not yet ended */
	size_t	 linelen;
};

/* Opens path (appending) and the console devices (NULL-terminated, may be NULL). */
int	 logsink_open(struct logsink *, const char *path, size_t max,
	    const char *const *consoles);
/* Takes what was read: every whole line goes to the file and the consoles. */
void	 logsink_feed(struct logsink *, const char *buf, size_t len);
/* Writes what the consoles take now of their backlogs: 1 if some is left. */
int	 logsink_flush(struct logsink *);
/* One line (without its newline) to the file and the consoles. */
void	 logsink_line(struct logsink *, const char *line, size_t len);
/* The rest (a line not ended) written, the file synced and closed. */
void	 logsink_close(struct logsink *);
/* The console devices the kernel prints on (/sys/class/tty/console/active). */
int	 logsink_consoles(char dev[LOGFILE_CONSOLES][32]);

/*
 * Starts the logger process: from now on stdout and stderr of the caller
 * (and of every child it starts without other arrangements) go to it.
 * marker: the boot marker line written to the file first.
 */
int	 logfile_start(const char *path, const char *marker);
/* While a dialogue runs on the consoles: lines go to the file only. */
void	 logfile_quiet(int on);
/* The logger writes what it holds and ends; stdout and stderr go to /dev/console. */
void	 logfile_stop(void);
/* 1 when pid was the logger (started again, its pipe kept). */
int	 logfile_reaped(pid_t, int status);

#endif
