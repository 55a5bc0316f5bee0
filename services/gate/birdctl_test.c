/* birdctl_test.c: unit tests of the BIRD control client: BIRD's answers as recorded, then a real BIRD (no network) restarted under it. */
/* SPDX-License-Identifier: ISC */
#include <sys/stat.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "clock.h"
#include "birdctl.h"
#include "log.h"

#define BIRD	"/usr/sbin/bird"
#define P4	"anycast4_192_0_2_0_24"
#define P6	"anycast6_2001_db8_a___48"
#define PEER	"peer4_198_51_100_17"

static struct birdctl bc;

static void
feed(const char *lines)
{
	char buf[1024], *line, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", lines);
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		birdctl_line(&bc, line, now_ms());
}

/* Answers as BIRD 2.0.12 gave them. */
static void
test_answers(void **state)
{
	int p4, p6, peer;

	(void)state;
	birdctl_init(&bc, "/nonexistent");
	p4 = birdctl_add(&bc, P4, 1);
	p6 = birdctl_add(&bc, P6, 1);
	peer = birdctl_add(&bc, PEER, 0);
	bc.conn = BC_GREETING;
	feed("0001 BIRD 2.0.12 ready.\n");
	assert_int_equal(bc.conn, BC_IDLE);

	bc.conn = BC_BUSY;
	bc.cmd = CMD_SHOW;
	feed("2002-Name       Proto      Table      State  Since         Info\n"
	    "1002-device1    Device     ---        up     "
	    "2026-11-28 03:58:01  \n"
	    " " P4 " Static     master4    up     2026-11-28 03:58:01  \n"
	    " " P6 " Static     master6    down   2026-11-28 03:58:01  \n"
	    " " PEER " BGP        ---        start  2026-11-28 03:58:01  "
	    "Active        Socket: Connection refused\n"
	    "0000 \n");
	assert_int_equal(bc.conn, BC_IDLE);
	assert_int_equal(bc.protos[p4].known, 1);
	assert_int_equal(bc.protos[p6].known, 0);
	assert_string_equal(bc.protos[peer].state, "start");
	assert_string_equal(bc.protos[peer].info,
	    "Active Socket: Connection refused");

	bc.conn = BC_BUSY;
	bc.cmd = CMD_SHOW;
	feed("1002-" PEER " BGP ---  up     10:00:00.000  Established   \n"
	    "0000 \n");
	assert_string_equal(bc.protos[peer].info, "Established");

	bc.conn = BC_BUSY;
	bc.cmd = CMD_DISABLE;
	bc.cmd_proto = p4;
	feed("0009-" P4 ": disabled\n0000 \n");
	assert_int_equal(bc.protos[p4].known, 0);

	/* Several protocols in one answer, as for a pattern. */
	bc.conn = BC_BUSY;
	feed("0011-" P4 ": enabled\n0010-" P6 ": already enabled\n0000 \n");
	assert_int_equal(bc.protos[p4].known, 1);
	assert_int_equal(bc.protos[p6].known, 1);

	/* A refusal holds that protocol back for a while. */
	bc.conn = BC_BUSY;
	bc.cmd = CMD_ENABLE;
	bc.cmd_proto = p6;
	bc.protos[p6].known = 0;
	feed("9001 syntax error, unexpected CF_SYM_UNDEFINED\n");
	assert_int_equal(bc.conn, BC_IDLE);
	assert_true(bc.protos[p6].error_until > now_ms());
	assert_int_equal(bc.protos[p6].known, 0);

	/* Spontaneous lines and garbage change nothing. */
	feed("+ some log line\nnonsense\n12\n");
	assert_int_equal(bc.conn, BC_IDLE);

	/* Missing from `show protocols`: not configured, announcing nothing. */
	bc.protos[p4].want = bc.protos[p4].known = 1;
	bc.protos[p6].want = bc.protos[p6].known = 0;
	bc.show_at = 0;
	birdctl_tick(&bc, now_ms());
	assert_int_equal(bc.cmd, CMD_ECHO);	/* first, once */
	feed("0000 \n");
	assert_int_equal(bc.cmd, CMD_NONE);
	bc.show_at = 0;
	birdctl_tick(&bc, now_ms());
	assert_int_equal(bc.cmd, CMD_SHOW);
	feed("1002-" P6 " Static master6 up 2026-11-28 03:58:01\n0000 \n");
	assert_int_equal(bc.protos[p4].known, 0);
	assert_string_equal(bc.protos[p4].state, "absent");
	assert_int_equal(bc.protos[p6].known, 1);

	/* Echoed log lines: someone's configure switched a protocol. */
	feed("+Reconfiguring\n+Disabling protocol " P6 "\n+Reconfigured\n");
	assert_int_equal(bc.protos[p6].known, 0);
	assert_true(bc.show_at <= now_ms());
	feed("+Enabling protocol " P4 "\n");
	assert_int_equal(bc.protos[p4].known, 1);
}

/* A greeting that is not one: the connection is dropped. */
static void
test_no_greeting(void **state)
{
	(void)state;
	birdctl_init(&bc, "/nonexistent");
	bc.conn = BC_GREETING;
	feed("9999 go away\n");
	assert_int_equal(bc.conn, BC_DOWN);
}

static char dir[] = "/tmp/birdctl_test.XXXXXX";
static char sock[128];
static pid_t bird_pid = -1;

static pid_t
bird_start(void)
{
	char conf[128];
	pid_t pid;
	int null;

	snprintf(conf, sizeof(conf), "%s/bird.conf", dir);
	snprintf(sock, sizeof(sock), "%s/bird.ctl", dir);
	if ((pid = fork()) == 0) {
		null = open("/dev/null", O_RDWR);
		dup2(null, 1);
		dup2(null, 2);
		execl(BIRD, "bird", "-f", "-c", conf, "-s", sock, (char *)NULL);
		_exit(127);
	}
	assert_true(pid > 0);
	bird_pid = pid;
	return pid;
}

static void
bird_stop(pid_t pid)
{
	int status;

	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	bird_pid = -1;
	unlink(sock);
}

/* Also after a failed assertion: no BIRD and no files left behind. */
static int
teardown(void **state)
{
	char path[128];

	(void)state;
	if (bird_pid > 0)
		bird_stop(bird_pid);
	birdctl_close(&bc);
	snprintf(path, sizeof(path), "%s/bird.conf", dir);
	unlink(path);
	unlink(sock);
	rmdir(dir);
	return 0;
}

/* Runs the client until cond holds; whether it did within ms. */
static int
run_for(int (*cond)(void), int ms)
{
	int64_t end = now_ms() + ms, t;
	struct pollfd pfd;

	while (!cond() && (t = now_ms()) < end) {
		pfd.fd = birdctl_pollfd(&bc, &pfd.events);
		pfd.revents = 0;
		if (pfd.fd < 0)
			usleep(20000);
		else
			poll(&pfd, 1, 20);
		birdctl_io(&bc, pfd.revents, now_ms());
		birdctl_tick(&bc, now_ms());
	}
	return cond();
}

static int
run_until(int (*cond)(void))
{
	return run_for(cond, 5000);
}

static int
up_and_settled(void)
{
	return birdctl_connected(&bc) && birdctl_settled(&bc);
}

static int
shown_up(void)
{
	return birdctl_connected(&bc) &&
	    strcmp(bc.protos[0].state, "up") == 0 &&
	    strcmp(bc.protos[1].state, "down") == 0;
}

static int
shown_down(void)
{
	return birdctl_connected(&bc) &&
	    strcmp(bc.protos[0].state, "down") == 0;
}

static void
write_conf(void)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/bird.conf", dir);
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "router id 192.0.2.254;\nprotocol device {}\n"
	    "protocol static " P4 " { disabled; ipv4; "
	    "route 192.0.2.0/24 blackhole; }\n"
	    "protocol static " P6 " { disabled; ipv6; "
	    "route 2001:db8:a::/48 blackhole; }\n");
	fclose(f);
}

/* BIRD restarted: the client comes back and enables again what it wants. */
static void
test_real_bird(void **state)
{
	pid_t pid;

	(void)state;
	if (access(BIRD, X_OK) != 0)
		skip();
	assert_non_null(mkdtemp(dir));
	write_conf();
	snprintf(sock, sizeof(sock), "%s/bird.ctl", dir);
	birdctl_init(&bc, sock);
	birdctl_add(&bc, P4, 1);
	birdctl_add(&bc, P6, 1);
	run_for(up_and_settled, 300);	/* nobody there: retried quietly */
	assert_false(birdctl_connected(&bc));

	pid = bird_start();
	assert_true(run_until(up_and_settled));
	birdctl_want(&bc, 0, 1, now_ms());
	assert_true(run_until(shown_up));

	bird_stop(pid);
	pid = bird_start();
	assert_true(run_until(up_and_settled));
	bc.protos[0].state[0] = '\0';
	assert_true(run_until(shown_up));	/* enabled again */

	birdctl_want(&bc, 0, 0, now_ms());
	assert_true(run_until(shown_down));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_no_greeting),
		cmocka_unit_test_teardown(test_real_bird, teardown),
	};

	log_init("birdctl_test", NULL, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
