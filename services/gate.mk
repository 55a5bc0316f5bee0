# services/gate.mk: outpost-gate, the health gate that announces anycast prefixes through BIRD, and its unit tests.

GATE_OBJS = $(addprefix $(BUILD)/services/,gate.o gate_health.o \
	gate_prefix.o gate_node.o gate_reload.o gate_status.o gate_msg.o \
	birdctl.o birdconf.o dnsprobe.o dnsmsg.o)
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

$(BUILD)/tests/birdconf_test: $(BUILD)/services/birdconf_test.o \
    $(BUILD)/services/birdconf.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/birdconf_test

$(BUILD)/tests/birdctl_test: $(BUILD)/services/birdctl_test.o \
    $(BUILD)/services/birdctl.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/birdctl_test

# Stands in for outpost-node in the gate's integration cases.
$(BUILD)/tests/gate-drive: $(BUILD)/services/gate_drive.o \
    $(BUILD)/services/gate_msg.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^
PROGS += $(BUILD)/tests/gate-drive

$(BUILD)/tests/gate_health_test: $(BUILD)/services/gate_health_test.o \
    $(BUILD)/services/gate_health.o $(BUILD)/services/gate_prefix.o \
    $(BUILD)/services/birdctl.o $(BUILD)/services/birdconf.o \
    $(BUILD)/services/dnsprobe.o $(BUILD)/services/dnsmsg.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/gate_health_test
