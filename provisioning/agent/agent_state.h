/* agent_state.h: the agent's small state files: STATEDIR/state (one line for outpost status) and STATEDIR/serial (last applied and last failed bundle). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_AGENT_STATE_H
#define OUTPOST_AGENT_STATE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define AGENT_STATE_FILE	"state"
#define AGENT_SERIAL_FILE	"serial"
#define AGENT_STATE_MAX		512	/* a state line, with its NUL */

/*
 * The state line, one of "ok", "unreachable since TIME: REASON",
 * "refused bundle N: REASON" (TIME as 2026-12-01T22:40:00Z; control
 * characters of REASON become blanks; a line longer than the buffer is
 * cut).
 */
void	agent_state_ok(char *buf, size_t len);
void	agent_state_unreachable(char *buf, size_t len, time_t since,
	    const char *reason);
void	agent_state_refused(char *buf, size_t len, uint64_t serial,
	    const char *reason);
/* Writes line and a newline to DIR/state atomically (0644): 0 or -1. */
int	agent_state_write(const char *dir, const char *line);

struct agent_serial {
	uint64_t	 applied;	/* last bundle confirmed, 0: none */
	uint64_t	 failed;	/* last bundle rolled back, 0: none */
};
/* The newest serial seen: a bundle must be above it. */
uint64_t agent_serial_last(const struct agent_serial *);
/*
 * Reads DIR/serial ("applied N\nfailed M\n"); a missing file is both 0.
 * 0, or -1 with err set (unreadable, malformed).
 */
int	agent_serial_load(const char *dir, struct agent_serial *, char *err,
	    size_t errlen);
/* Writes DIR/serial atomically (0644): 0, or -1 with errno set. */
int	agent_serial_save(const char *dir, const struct agent_serial *);

#endif
