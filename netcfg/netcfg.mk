# netcfg/netcfg.mk: outpost-netcfg, the static (musl) network configurator, and its unit tests.
# SPDX-License-Identifier: ISC

NETCFG_SRCS = $(filter-out %_test.c,$(wildcard netcfg/*.c))
NETCFG_SRCS := $(filter-out %_fuzz.c,$(NETCFG_SRCS))
NETCFG_MUSL_OBJS = $(NETCFG_SRCS:%.c=$(BUILD)/musl/%.o)
NETCFG_TESTS = $(patsubst netcfg/%.c,$(BUILD)/tests/netcfg_%,\
	$(wildcard netcfg/*_test.c))
# Objects the unit tests link against (glibc build, everything but main).
NETCFG_TEST_OBJS = $(patsubst %.c,$(BUILD)/%.o,\
	$(filter-out netcfg/main.c,$(NETCFG_SRCS)))

PROGS += $(BUILD)/outpost-netcfg
TESTS += $(NETCFG_TESTS)

# musl-gcc has no kernel headers of its own: point it at the system's
# linux, asm and asm-generic (from linux-libc-dev) and at nothing else.
NETCFG_KINC = $(BUILD)/musl/kinc
NETCFG_MULTIARCH := $(shell $(CC) -print-multiarch 2>/dev/null)

$(NETCFG_KINC)/.stamp:
	@mkdir -p $(NETCFG_KINC)
	@for d in /usr/include/linux /usr/include/asm-generic; do \
	  test -d $$d || { echo "netcfg: $$d missing: install linux-libc-dev" >&2; exit 1; }; \
	  ln -sfn $$d $(NETCFG_KINC)/$$(basename $$d); done
	@a=/usr/include/$(NETCFG_MULTIARCH)/asm; test -d $$a || a=/usr/include/asm; \
	  test -d $$a || { echo "netcfg: no asm headers: install linux-libc-dev" >&2; exit 1; }; \
	  ln -sfn $$a $(NETCFG_KINC)/asm
	@touch $@

$(NETCFG_MUSL_OBJS): CFLAGS += -isystem $(NETCFG_KINC)
$(NETCFG_MUSL_OBJS): | $(NETCFG_KINC)/.stamp

$(BUILD)/outpost-netcfg: $(NETCFG_MUSL_OBJS) $(BUILD)/musl/libop.a
	$(MUSLCC) -static $(CFLAGS) -o $@ $^

$(NETCFG_TESTS): $(BUILD)/tests/netcfg_%: $(BUILD)/netcfg/%.o \
    $(NETCFG_TEST_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
