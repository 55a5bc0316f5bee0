# image/init/init.mk: outpost-init, the image's static (musl) early-boot init, and its unit tests.
# SPDX-License-Identifier: ISC

INIT_SRCS = $(filter-out %_test.c,$(wildcard image/init/*.c))
INIT_MUSL_OBJS = $(INIT_SRCS:%.c=$(BUILD)/musl/%.o)
INIT_TESTS = $(patsubst image/init/%.c,$(BUILD)/tests/init_%,\
	$(wildcard image/init/*_test.c))
# Objects the unit tests link against (glibc build, everything but main).
INIT_TEST_OBJS = $(patsubst %.c,$(BUILD)/%.o,\
	$(filter-out image/init/init.c,$(INIT_SRCS)))

# Not in PROGS: it goes into the initramfs, never into $(SBINDIR).
programs: $(BUILD)/image/outpost-init
TESTS += $(INIT_TESTS)

# The kernel headers (dm-ioctl.h, blkpg.h) as netcfg.mk links them for musl.
$(INIT_MUSL_OBJS): CFLAGS += -isystem $(NETCFG_KINC)
$(INIT_MUSL_OBJS): | $(NETCFG_KINC)/.stamp

$(BUILD)/image/outpost-init: $(INIT_MUSL_OBJS) $(BUILD)/musl/libop.a
	@mkdir -p $(dir $@)
	$(MUSLCC) -static $(CFLAGS) -o $@ $^

$(INIT_TESTS): $(BUILD)/tests/init_%: $(BUILD)/image/init/%.o \
    $(INIT_TEST_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
