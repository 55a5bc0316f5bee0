/* prompt.h: plain line-oriented questions on a console (serial 115200 8N1 or VGA). */
/* SPDX-License-Identifier: ISC */
#ifndef OUTPOST_PROMPT_H
#define OUTPOST_PROMPT_H

#include <stddef.h>
#include <stdio.h>

#define PROMPT_LINE	600

#include <termios.h>

struct console {
	FILE		*in;
	FILE		*out;
	int		 saved;		/* tio holds the settings to restore */
	struct termios	 tio;
};

/* A terminal left raw would never end a line: line mode, echo, CR as NL. */
void	prompt_tty_sane(struct console *);
void	prompt_tty_restore(struct console *);

/*
 * Asks question; an empty answer takes def (NULL: an answer is needed).
 * The answer is trimmed.  0, or -1 when the input ended.
 */
int	prompt_ask(struct console *, const char *question, const char *def,
	    const char *shown_def, char *answer, size_t len);
/* Prints text wrapped at 78 columns, each line starting with indent. */
void	prompt_wrap(FILE *, const char *indent, const char *text);

#endif
