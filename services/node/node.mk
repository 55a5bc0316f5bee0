# services/node/node.mk: outpost-node, the supervisor (PID 1 in the image), and its unit tests.

NODE_OBJS = $(addprefix $(BUILD)/services/node/,node.o tenant.o bundle.o \
	nsdconf.o seccomp.o cgroups.o child.o control.o gatelink.o bird.o \
	uids.o)
PROGS += $(BUILD)/outpost-node

$(BUILD)/outpost-node: $(NODE_OBJS) $(COMMON_OBJS) $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^

$(BUILD)/tests/render_test: $(BUILD)/services/node/render_test.o \
    $(BUILD)/services/node/nsdconf.o $(BUILD)/services/node/bundle.o \
    $(BUILD)/services/node/seccomp.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/render_test

$(BUILD)/tests/uids_test: $(BUILD)/services/node/uids_test.o \
    $(BUILD)/services/node/uids.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/uids_test
