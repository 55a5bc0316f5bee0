/* agent_backoff_test.c: the back-off schedule: 1 s first, doubling, never past 5 min, jitter within its range. */
/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "agent_backoff.h"

static void
test_bounds(void **state)
{
	uint32_t rnds[] = { 0, 1, 12345, 0x7fffffff, 0xffffffff }, d;
	unsigned f, i;

	(void)state;
	for (f = 0; f < 100; f++)
		for (i = 0; i < sizeof(rnds) / sizeof(rnds[0]); i++) {
			d = backoff_delay_ms(f, rnds[i]);
			assert_true(d >= BACKOFF_MIN_MS);
			assert_true(d <= BACKOFF_MAX_MS);
		}
}

static void
test_schedule(void **state)
{
	uint32_t base = BACKOFF_MIN_MS, d, r;
	unsigned f;

	(void)state;
	/* Without jitter: 1 s, 2 s, 4 s ... */
	for (f = 1; base <= BACKOFF_MAX_MS / 2; f++, base *= 2)
		assert_int_equal(backoff_delay_ms(f, 0), base);
	/* Jitter: base to base and a half. */
	for (f = 1, base = BACKOFF_MIN_MS; base * 3 / 2 <= BACKOFF_MAX_MS;
	    f++, base *= 2)
		for (r = 0; r < 100000; r += 777) {
			d = backoff_delay_ms(f, r);
			assert_true(d >= base && d <= base + base / 2);
		}
	/* Capped: 5 min less at most a quarter. */
	for (r = 0; r < 100000; r += 777) {
		d = backoff_delay_ms(30, r);
		assert_true(d >= BACKOFF_MAX_MS - BACKOFF_MAX_MS / 4);
	}
	assert_int_equal(backoff_delay_ms(30, 0), BACKOFF_MAX_MS);
}

/* The jitter spreads: many random numbers give many waits. */
static void
test_spread(void **state)
{
	uint32_t lo = UINT32_MAX, hi = 0, d;
	int i;

	(void)state;
	srandom(1);
	for (i = 0; i < 1000; i++) {
		d = backoff_delay_ms(4, (uint32_t)random());
		lo = d < lo ? d : lo;
		hi = d > hi ? d : hi;
	}
	assert_true(hi - lo > 3000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_schedule),
		cmocka_unit_test(test_spread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
