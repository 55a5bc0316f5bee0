/* pid1_powerkey_test.c: which input events are a press of the power button. */
/* SPDX-License-Identifier: ISC */
#include <linux/input.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pid1.h"

static void
test_pressed(void **st)
{
	struct input_event ev[3] = {
		{ .type = EV_MSC, .code = MSC_SCAN, .value = 0x5e },
		{ .type = EV_KEY, .code = KEY_POWER, .value = 1 },
		{ .type = EV_SYN, .code = SYN_REPORT, .value = 0 },
	};

	(void)st;
	assert_true(powerkey_pressed(ev, 3));
	assert_false(powerkey_pressed(ev, 1));	/* the press not read yet */
}

/* A release, a repeat, another key: not a press. */
static void
test_not_pressed(void **st)
{
	struct input_event ev[3] = {
		{ .type = EV_KEY, .code = KEY_POWER, .value = 0 },
		{ .type = EV_KEY, .code = KEY_POWER, .value = 2 },
		{ .type = EV_KEY, .code = KEY_SLEEP, .value = 1 },
	};

	(void)st;
	assert_false(powerkey_pressed(ev, 3));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pressed),
		cmocka_unit_test(test_not_pressed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
