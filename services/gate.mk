# services/gate.mk: outpost-gate, the health gate that announces anycast prefixes through BIRD, and its unit tests.

GATE_OBJS = $(addprefix $(BUILD)/services/,gate.o gate_health.o gate_msg.o \
	gate_status.o birdctl.o birdconf.o dnsprobe.o dnsmsg.o)
PROGS += $(BUILD)/outpost-gate

$(BUILD)/outpost-gate: $(GATE_OBJS) $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^

$(BUILD)/tests/dnsmsg_test: $(BUILD)/services/dnsmsg_test.o \
    $(BUILD)/services/dnsmsg.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/dnsmsg_test

$(BUILD)/tests/dnsprobe_test: $(BUILD)/services/dnsprobe_test.o \
    $(BUILD)/services/dnsprobe.o $(BUILD)/services/dnsmsg.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/dnsprobe_test
