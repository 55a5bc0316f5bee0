# services/node/node.mk: outpost-node, the supervisor (PID 1 in the image), and its unit tests.
# SPDX-License-Identifier: ISC

NODE_OBJS = $(addprefix $(BUILD)/services/node/,node.o tenant.o bundle.o \
	nsdconf.o seccomp.o cgroups.o child.o control.o gatelink.o bird.o \
	bindguard.o uids.o)
PROGS += $(BUILD)/outpost-node

$(BUILD)/outpost-node: $(NODE_OBJS) $(COMMON_OBJS) $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^ -lbpf

# The bind guard: a BPF object, and its typed skeleton (both generated
# into build/, never committed) that bindguard.c includes.
BPF_CLANG ?= clang
BPFTOOL	?= bpftool
BPF_CFLAGS = -target bpf -g -O2 -Wall -Werror \
	-I/usr/include/$(shell $(CC) -dumpmachine)

$(BUILD)/services/node/bindguard.bpf.o: services/node/bindguard.bpf.c \
    services/node/bindguard_map.h
	@mkdir -p $(dir $@)
	$(BPF_CLANG) $(BPF_CFLAGS) -c $< -o $@

$(BUILD)/services/node/bindguard.skel.h: $(BUILD)/services/node/bindguard.bpf.o
	$(BPFTOOL) gen skeleton $< name bindguard_bpf >$@.tmp
	mv $@.tmp $@

$(BUILD)/services/node/bindguard.o: $(BUILD)/services/node/bindguard.skel.h
$(BUILD)/services/node/bindguard.o: CPPFLAGS_ALL += -I$(BUILD)/services/node

$(BUILD)/tests/render_test: $(BUILD)/services/node/render_test.o \
    $(BUILD)/services/node/nsdconf.o $(BUILD)/services/node/bundle.o \
    $(BUILD)/services/node/seccomp.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/render_test

$(BUILD)/tests/bindguard_test: $(BUILD)/services/node/bindguard_test.o \
    $(BUILD)/services/node/bindguard.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lbpf -lcmocka
TESTS += $(BUILD)/tests/bindguard_test

$(BUILD)/tests/uids_test: $(BUILD)/services/node/uids_test.o \
    $(BUILD)/services/node/uids.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/uids_test
