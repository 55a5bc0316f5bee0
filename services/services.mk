# services/services.mk: the programs that run on a node, and their unit tests.

PROGS += $(BUILD)/outpost

$(BUILD)/outpost: $(BUILD)/services/outpost.o $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^

NODE_OBJS = $(addprefix $(BUILD)/services/,node.o tenant.o bundle.o \
	nsdconf.o seccomp.o cgroups.o child.o control.o gatelink.o \
	routing.o birdconf.o gate_msg.o)
PROGS += $(BUILD)/outpost-node

$(BUILD)/outpost-node: $(NODE_OBJS) $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^

$(BUILD)/tests/render_test: $(BUILD)/services/render_test.o \
    $(BUILD)/services/nsdconf.o $(BUILD)/services/bundle.o \
    $(BUILD)/services/seccomp.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/render_test
