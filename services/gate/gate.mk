# services/gate/gate.mk: outpost-gate, the health gate that announces anycast prefixes through BIRD, and its unit tests.

GATE_LIB_OBJS = $(addprefix $(BUILD)/services/gate/,gate_health.o \
	gate_prefix.o birdctl.o dnsprobe.o)
GATE_OBJS = $(addprefix $(BUILD)/services/gate/,gate.o nodelink.o \
	gate_reload.o gate_status.o) $(GATE_LIB_OBJS)
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
