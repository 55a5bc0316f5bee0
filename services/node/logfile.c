/* logfile.c: PID 1's logger, a process of its own: lines from a pipe to the consoles (non-blocking: a stuck console drops lines, never holds the node) and to a log file rotated at a bound. */
/* SPDX-License-Identifier: ISC */
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"
#include "logfile.h"

#define PIPE_SIZE	(1 << 20)	/* the node writes on while the logger is busy */
#define MAX_RESTARTS	5
#define STOP_WAIT_MS	2000

/* The file, rotated: path.1 replaced by path, a fresh path opened. */
static void
sink_rotate(struct logsink *s)
{
	char old[sizeof(s->path) + 2];

	if (s->fd >= 0) {
		fsync(s->fd);
		close(s->fd);
	}
	snprintf(old, sizeof(old), "%s.1", s->path);
	rename(s->path, old);
	s->fd = open(s->path, O_WRONLY | O_APPEND | O_CREAT | O_TRUNC |
	    O_CLOEXEC | O_NOFOLLOW, 0640);
	s->size = 0;
}

static void
sink_file(struct logsink *s, const char *line, size_t len)
{
	if (s->fd < 0)
		return;
	if (s->size > 0 && s->size + len > s->max)
		sink_rotate(s);
	if (s->fd >= 0 && write(s->fd, line, len) > 0)
		s->size += len;
}

static int
con_open(const char *path)
{
	return open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
}

/*
 * What the console takes now of its backlog.  A console that was hung up
 * (a first-boot dialogue that had it as its controlling terminal ended:
 * the kernel hangs up the tty, and every descriptor of it fails with EIO)
 * is opened again, once per flush.
 */
static void
con_flush(struct logsink *s, int i)
{
	int reopened = 0;
	ssize_t n;

	while (s->qlen[i] > 0) {
		if ((n = write(s->con[i], s->q[i], s->qlen[i])) < 0 &&
		    errno == EIO && !reopened) {
			reopened = 1;
			close(s->con[i]);
			if ((s->con[i] = con_open(s->conpath[i])) < 0)
				return;
			continue;
		}
		if (n <= 0)
			return;		/* EAGAIN: later, on POLLOUT */
		memmove(s->q[i], s->q[i] + n, s->qlen[i] - (size_t)n);
		s->qlen[i] -= (size_t)n;
	}
}

int
logsink_flush(struct logsink *s)
{
	int i, left = 0;

	for (i = 0; i < s->ncon; i++) {
		con_flush(s, i);
		left |= s->qlen[i] > 0;
	}
	return left;
}

/*
 * A whole line or nothing, behind what the console has not taken yet; a
 * console whose backlog is full drops lines (counted, and said once it
 * has room again), and never holds up the file or the node.
 */
static void
sink_console(struct logsink *s, int i, const char *line, size_t len)
{
	char note[96];
	size_t n = 0;

	con_flush(s, i);
	if (s->dropped[i] > 0)
		n = (size_t)snprintf(note, sizeof(note), "[%lu log lines not "
		    "shown on this console]\r\n", s->dropped[i]);
	if (s->qlen[i] + n + len > LOGFILE_BACKLOG) {
		s->dropped[i]++;
		return;
	}
	memcpy(s->q[i] + s->qlen[i], note, n);
	memcpy(s->q[i] + s->qlen[i] + n, line, len);
	s->qlen[i] += n + len;
	s->dropped[i] = 0;
	con_flush(s, i);
}

void
logsink_line(struct logsink *s, const char *line, size_t len)
{
	char buf[LOGFILE_LINE + 2];
	int i;

	if (len > LOGFILE_LINE)
		len = LOGFILE_LINE;
	memcpy(buf, line, len);
	buf[len] = '\n';
	sink_file(s, buf, len + 1);
	if (s->quiet)
		return;
	buf[len] = '\r';	/* a raw mode console starts a line too */
	buf[len + 1] = '\n';
	for (i = 0; i < s->ncon; i++)
		sink_console(s, i, buf, len + 2);
}

void
logsink_feed(struct logsink *s, const char *buf, size_t len)
{
	const char *nl;
	size_t n;

	while (len > 0) {
		nl = memchr(buf, '\n', len);
		n = nl != NULL ? (size_t)(nl - buf) : len;
		if (n > sizeof(s->line) - s->linelen)
			n = sizeof(s->line) - s->linelen;
		memcpy(s->line + s->linelen, buf, n);
		s->linelen += n;
		buf += n;
		len -= n;
		if (len > 0 && *buf == '\n') {		/* the line ends */
			buf++;
			len--;
		} else if (s->linelen < sizeof(s->line))
			continue;	/* not ended yet: more to come */
		logsink_line(s, s->line, s->linelen);
		s->linelen = 0;
	}
}

int
logsink_open(struct logsink *s, const char *path, size_t max,
    const char *const *consoles)
{
	struct stat st;
	int i;

	memset(s, 0, sizeof(*s));
	snprintf(s->path, sizeof(s->path), "%s", path);
	s->max = max;
	s->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
	    O_NOFOLLOW, 0640);
	if (s->fd >= 0 && fstat(s->fd, &st) == 0)
		s->size = (size_t)st.st_size;
	for (i = 0; consoles != NULL && consoles[i] != NULL &&
	    s->ncon < LOGFILE_CONSOLES; i++)
		if ((s->con[s->ncon] = con_open(consoles[i])) >= 0) {
			snprintf(s->conpath[s->ncon], sizeof(s->conpath[0]),
			    "%s", consoles[i]);
			s->ncon++;
		}
	return s->fd >= 0 ? 0 : -1;
}

void
logsink_close(struct logsink *s)
{
	int i;

	if (s->linelen > 0)
		logsink_line(s, s->line, s->linelen);
	s->linelen = 0;
	if (s->fd >= 0) {
		fsync(s->fd);
		close(s->fd);
	}
	s->fd = -1;
	for (i = 0; i < s->ncon; i++)
		close(s->con[i]);
	s->ncon = 0;
}

int
logsink_consoles(char dev[LOGFILE_CONSOLES][32])
{
	char buf[256], *tok, *save;
	int n = 0, fd;
	ssize_t len;

	if ((fd = open("/sys/class/tty/console/active", O_RDONLY |
	    O_CLOEXEC)) >= 0) {
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		buf[len > 0 ? len : 0] = '\0';
		for (tok = strtok_r(buf, " \n", &save); tok != NULL &&
		    n < LOGFILE_CONSOLES; tok = strtok_r(NULL, " \n", &save))
			snprintf(dev[n++], 32, "/dev/%.26s", tok);
	}
	if (n == 0)
		snprintf(dev[n++], 32, "/dev/console");
	return n;
}

/* The logger process. */

static volatile sig_atomic_t got_stop, got_quiet = -1;

static void
on_signal(int sig)
{
	if (sig == SIGTERM)
		got_stop = 1;
	else
		got_quiet = sig == SIGUSR1;
}

static void __attribute__((noreturn))
logger_main(int rfd, const char *path, const char *marker)
{
	char dev[LOGFILE_CONSOLES][32], buf[8192];
	const char *cons[LOGFILE_CONSOLES + 1];
	struct pollfd pfd[LOGFILE_CONSOLES + 1];
	static struct logsink s;
	struct sigaction sa;
	sigset_t none;
	ssize_t n;
	int i, np, ndev;

	prctl(PR_SET_NAME, "outpost-log");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	/* Blocked (as fork_logger left them) but while in ppoll(2). */
	sigemptyset(&none);
	ndev = logsink_consoles(dev);
	for (i = 0; i < ndev; i++)
		cons[i] = dev[i];
	cons[ndev] = NULL;
	logsink_open(&s, path, LOGFILE_MAX, cons);
	if (marker != NULL)
		sink_file(&s, marker, strlen(marker));
	while (!got_stop) {
		if (got_quiet >= 0) {
			s.quiet = got_quiet;
			got_quiet = -1;
		}
		pfd[0] = (struct pollfd){ rfd, POLLIN, 0 };
		for (i = 0, np = 1; i < s.ncon; i++)
			if (s.qlen[i] > 0)
				pfd[np++] = (struct pollfd){ s.con[i], POLLOUT,
				    0 };
		if (ppoll(pfd, (nfds_t)np, NULL, &none) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pfd[0].revents) {
			n = read(rfd, buf, sizeof(buf));
			if (n > 0)
				logsink_feed(&s, buf, (size_t)n);
			else if (n == 0 || errno != EINTR)
				break;
		}
		logsink_flush(&s);
	}
	/* Stopping: what is in the pipe, then the consoles get a moment. */
	fcntl(rfd, F_SETFL, O_NONBLOCK);
	while ((n = read(rfd, buf, sizeof(buf))) > 0)
		logsink_feed(&s, buf, (size_t)n);
	for (i = 0; i < 25 && logsink_flush(&s); i++)
		poll(NULL, 0, 20);
	logsink_close(&s);
	_exit(0);
}

/* PID 1's side. */

static pid_t logger;
static int logrfd = -1;		/* kept: a new logger takes the same pipe */
static unsigned restarts;
static char logpath[256];

static int
fork_logger(const char *marker)
{
	sigset_t sigs, old;
	pid_t pid;

	/* Held until the logger has its handlers (USR1 would end it). */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGUSR1);
	sigaddset(&sigs, SIGUSR2);
	sigprocmask(SIG_BLOCK, &sigs, &old);
	pid = fork();
	if (pid != 0)
		sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd, null = open("/dev/null", O_WRONLY);

		if (null < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
			_exit(1);
		/* Nothing of the node's: its sockets close with it. */
		for (fd = 3; fd < 1024; fd++)
			if (fd != logrfd)
				close(fd);
		logger_main(logrfd, logpath, marker);
	}
	logger = pid;
	return 0;
}

int
logfile_start(const char *path, const char *marker)
{
	int p[2];

	snprintf(logpath, sizeof(logpath), "%s", path);
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	fcntl(p[1], F_SETPIPE_SZ, PIPE_SIZE);
	logrfd = p[0];
	if (fork_logger(marker) < 0) {
		close(p[0]);
		close(p[1]);
		logrfd = -1;
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	dup2(p[1], 1);
	dup2(p[1], 2);
	close(p[1]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	return 0;
}

void
logfile_quiet(int on)
{
	if (logger > 0)
		kill(logger, on ? SIGUSR1 : SIGUSR2);
}

int
logfile_reaped(pid_t pid, int status)
{
	(void)status;
	if (logger <= 0 || pid != logger)
		return 0;
	logger = 0;
	if (restarts++ < MAX_RESTARTS && fork_logger(NULL) == 0)
		log_warnx("logger ended; started again (%u)", restarts);
	return 1;
}

void
logfile_stop(void)
{
	int64_t deadline = now_ms() + STOP_WAIT_MS;
	struct timespec ts = { 0, 20 * 1000000L };
	int fd;

	if (logger <= 0)
		return;
	fflush(stdout);
	fflush(stderr);
	if ((fd = open("/dev/console", O_WRONLY | O_NOCTTY | O_NONBLOCK |
	    O_CLOEXEC)) >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
	}
	kill(logger, SIGTERM);
	while (waitpid(logger, NULL, WNOHANG) == 0 && now_ms() < deadline)
		nanosleep(&ts, NULL);
	kill(logger, SIGKILL);
	waitpid(logger, NULL, WNOHANG);
	logger = 0;
	close(logrfd);
	logrfd = -1;
}
