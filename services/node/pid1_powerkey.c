/* pid1_powerkey.c: the machine's power button (ACPI, as an input device with KEY_POWER): a small process that tells PID 1 SIGTERM, an orderly power off. */
/* SPDX-License-Identifier: ISC */
#include <sys/ioctl.h>
#include <sys/prctl.h>

#include <linux/input.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "pid1.h"

#define INPUT_DIR	"/dev/input"
#define MAX_KEYS	4

int
powerkey_pressed(const struct input_event *ev, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ev[i].type == EV_KEY && ev[i].code == KEY_POWER &&
		    ev[i].value == 1)
			return 1;
	return 0;
}

/* The device reports KEY_POWER. */
static int
has_power_key(int fd)
{
	unsigned long bits[KEY_MAX / (8 * sizeof(long)) + 1];
	size_t w = 8 * sizeof(long);

	memset(bits, 0, sizeof(bits));
	if (ioctl(fd, EVIOCGBIT(EV_KEY, sizeof(bits)), bits) < 0)
		return 0;
	return (bits[KEY_POWER / w] >> (KEY_POWER % w)) & 1;
}

static int
open_keys(struct pollfd *pfd)
{
	char path[sizeof(INPUT_DIR) + 256];
	struct dirent *de;
	int fd, n = 0;
	DIR *d;

	if ((d = opendir(INPUT_DIR)) == NULL)
		return 0;
	while (n < MAX_KEYS && (de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "event", 5) != 0)
			continue;
		snprintf(path, sizeof(path), INPUT_DIR "/%s", de->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		if (has_power_key(fd))
			pfd[n++] = (struct pollfd){ fd, POLLIN, 0 };
		else
			close(fd);
	}
	closedir(d);
	return n;
}

static void __attribute__((noreturn))
watch(struct pollfd *pfd, int n)
{
	struct input_event ev[16];
	sigset_t none;
	ssize_t len;
	int i;

	prctl(PR_SET_NAME, "outpost-powerkey");
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (;;) {
		if (poll(pfd, (nfds_t)n, -1) < 0 && errno != EINTR)
			_exit(1);
		for (i = 0; i < n; i++) {
			if (!(pfd[i].revents & POLLIN))
				continue;
			len = read(pfd[i].fd, ev, sizeof(ev));
			if (len > 0 && powerkey_pressed(ev, (size_t)len /
			    sizeof(ev[0]))) {
				log_info("power button pressed: powering off");
				kill(1, SIGTERM);
			}
		}
	}
}

void
pid1_powerkey_start(void)
{
	struct pollfd pfd[MAX_KEYS];
	pid_t pid;
	int i, n;

	if ((n = open_keys(pfd)) == 0) {
		log_info("no power button found (%s): power off by "
		    "ctrl-alt-del (reboot), SIGTERM or outpost poweroff",
		    INPUT_DIR);
		return;
	}
	if ((pid = fork()) == 0)
		watch(pfd, n);
	if (pid < 0)
		log_warn("cannot watch the power button");
	else
		log_info("power button: %d device%s watched", n, n > 1 ?
		    "s" : "");
	for (i = 0; i < n; i++)
		close(pfd[i].fd);
}
