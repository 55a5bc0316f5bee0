# services/gate/gate.mk: outpost-gate, the health gate that announces anycast prefixes through BIRD, and its unit tests.
# SPDX-License-Identifier: ISC

GATE_LIB_OBJS = $(addprefix $(BUILD)/services/gate/,gate_health.o \
	gate_prefix.o birdctl.o dnsprobe.o)
GATE_LIB_OBJS += $(BUILD)/services/gate/gate_dnssec.o
GATE_OBJS = $(addprefix $(BUILD)/services/gate/,gate.o nodelink.o \
	gate_reload.o gate_status.o gate_poll.o gate_sandbox.o) \
	$(BUILD)/services/common/seccomp_allow.o $(GATE_LIB_OBJS)
PROGS += $(BUILD)/outpost-gate

$(BUILD)/outpost-gate: $(GATE_OBJS) $(COMMON_OBJS) $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^

$(BUILD)/tests/dnsprobe_test: $(BUILD)/services/gate/dnsprobe_test.o \
    $(BUILD)/services/gate/dnsprobe.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/dnsprobe_test

$(BUILD)/tests/birdctl_test: $(BUILD)/services/gate/birdctl_test.o \
    $(BUILD)/services/gate/birdctl.o $(COMMON_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/birdctl_test

$(BUILD)/tests/gate_health_test: $(BUILD)/services/gate/gate_health_test.o \
    $(GATE_LIB_OBJS) $(COMMON_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/gate_health_test

# Built with AddressSanitizer from the sources: a poll table indexed after
# a reload freed it (the old SIGHUP defect) is a heap-use-after-free.
GATE_POLL_TEST_SRCS = services/gate/gate_poll_test.c services/gate/gate_poll.c \
	services/gate/gate_reload.c services/gate/gate_health.c \
	services/gate/gate_prefix.c services/gate/birdctl.c \
	services/gate/dnsprobe.c services/common/birdconf.c
$(BUILD)/tests/gate_poll_test: $(GATE_POLL_TEST_SRCS) $(BUILD)/libop.a \
    $(wildcard services/gate/*.h services/common/*.h lib/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS) -fsanitize=address -o $@ \
	    $(GATE_POLL_TEST_SRCS) $(BUILD)/libop.a -lcmocka
TESTS += $(BUILD)/tests/gate_poll_test

$(BUILD)/tests/gate_status_test: $(BUILD)/services/gate/gate_status_test.o \
    $(BUILD)/services/gate/gate_status.o $(GATE_LIB_OBJS) $(COMMON_OBJS) \
    $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/gate_status_test
