/* prompt.c: reads one answer per line, shows the default in [], never needs more than a dumb terminal. */
/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include "prompt.h"

void
prompt_tty_sane(struct console *c)
{
	struct termios t;
	int fd = fileno(c->in);

	c->saved = 0;
	if (!isatty(fd) || tcgetattr(fd, &c->tio) == -1)
		return;
	c->saved = 1;
	t = c->tio;
	t.c_lflag |= ICANON | ECHO | ECHOE | ISIG;
	t.c_iflag |= ICRNL;
	t.c_iflag &= (tcflag_t)~(INLCR | IGNCR);
	t.c_oflag |= OPOST | ONLCR;
	(void)tcsetattr(fd, TCSANOW, &t);
}

/*
 * What was shown reaches the terminal first: when setup, the session
 * leader on a serial console, exits, the kernel hangs the line up and
 * drops what the UART has not sent yet (the last lines, "Done: ...").
 */
void
prompt_tty_restore(struct console *c)
{
	(void)fflush(c->out);
	if (isatty(fileno(c->out)))
		(void)tcdrain(fileno(c->out));
	if (c->saved)
		(void)tcsetattr(fileno(c->in), TCSANOW, &c->tio);
}

static void
trim(char *s)
{
	size_t n = strlen(s), i = 0;

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (isspace((unsigned char)s[i]))
		i++;
	memmove(s, s + i, n - i + 1);
}

/* Drops what a terminal without line editing leaves: backspace pairs. */
static void
rubout(char *s)
{
	char *r, *w;

	for (r = w = s; *r != '\0'; r++) {
		if (*r == '\b' || *r == 0x7f) {
			if (w > s)
				w--;
		} else if ((unsigned char)*r >= 0x20 || *r == '\t')
			*w++ = *r;
	}
	*w = '\0';
}

int
prompt_ask(struct console *c, const char *question, const char *def,
    const char *shown_def, char *answer, size_t len)
{
	char line[PROMPT_LINE];

	for (;;) {
		if (shown_def == NULL)
			shown_def = def;
		if (shown_def != NULL && *shown_def != '\0')
			fprintf(c->out, "%s [%s]: ", question, shown_def);
		else
			fprintf(c->out, "%s: ", question);
		fflush(c->out);
		if (fgets(line, sizeof(line), c->in) == NULL)
			return -1;
		rubout(line);
		trim(line);
		if (line[0] == '\0' && def != NULL && *def != '\0')
			snprintf(answer, len, "%s", def);
		else
			snprintf(answer, len, "%s", line);
		if (answer[0] != '\0')
			return 0;
		fprintf(c->out, "  an answer is needed here\n");
	}
}

void
prompt_wrap(FILE *f, const char *indent, const char *text)
{
	size_t col, w, ind = strlen(indent);
	const char *p = text;

	while (*p != '\0') {
		fputs(indent, f);
		col = ind;
		while (*p == ' ')
			p++;
		while (*p != '\0') {
			w = strcspn(p, " ");
			if (col > ind && col + 1 + w > 78)
				break;
			if (col > ind)
				fputc(' ', f), col++;
			fwrite(p, 1, w, f);
			col += w;
			p += w;
			while (*p == ' ')
				p++;
		}
		fputc('\n', f);
	}
}
