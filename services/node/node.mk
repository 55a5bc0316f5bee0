# services/node/node.mk: outpost-node, the supervisor (PID 1 in the image), and its unit tests.
# SPDX-License-Identifier: ISC

NODE_OBJS = $(addprefix $(BUILD)/services/node/,node.o tenant.o bundle.o \
	nsdconf.o seccomp.o cgroups.o child.o control.o gatelink.o bird.o \
	bindguard.o exitwatch.o nsdwatch.o uids.o confirm.o confirm_health.o \
	reconfig.o reconfig_plan.o svcaddr.o agent_child.o handover.o \
	reuseport.o) \
	$(BUILD)/services/common/update_esp.o $(BOOTENTRY_OBJS)
NODE_OBJS += $(BUILD)/services/node/nsdverify.o
NODE_OBJS += $(BUILD)/services/node/zoneguard.o \
	$(BUILD)/services/node/zoneguard_tenants.o \
	$(BUILD)/services/node/status_json.o
NODE_OBJS += $(addprefix $(BUILD)/services/node/,pid1.o pid1_image.o \
	pid1_phases.o pid1_powerkey.o pid1_network.o firstboot.o logfile.o \
	cfgupdate.o) \
	$(BUILD)/services/common/update_header.o
PROGS += $(BUILD)/outpost-node
# The XDP guard on the uplink (services/xdp).
NODE_OBJS += $(BUILD)/services/node/xdpguard.o \
	$(addprefix $(BUILD)/services/xdp/,guard.o guard_stats.o)
NODE_OBJS += $(BUILD)/services/node/catalog_tenants.o
NODE_OBJS += $(BUILD)/services/node/tenantcpus.o
NODE_OBJS += $(BUILD)/services/common/bpfmsg.o

# outpost-catalog: a catalog tenant's worker (catalog_worker.h).
CATALOG_OBJS = $(addprefix $(BUILD)/services/node/,catalog_worker.o \
	catalog_fetch.o catalog_sync.o catalog_tsig.o)
PROGS += $(BUILD)/outpost-catalog

$(BUILD)/outpost-catalog: $(CATALOG_OBJS) $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^ -lcrypto

$(BUILD)/outpost-node: $(NODE_OBJS) $(COMMON_OBJS) $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^ -lbpf

BPF_CLANG ?= clang
BPFTOOL	?= bpftool
BPF_CFLAGS = -target bpf -g -O2 -Wall -Werror \
	-I/usr/include/$(shell $(CC) -dumpmachine)

# BPF programs (NAME.bpf.c, its map layout in NAME_map.h): an object and its
# typed skeleton NAME.skel.h, generated into build/ and never committed.
$(BUILD)/services/node/%.bpf.o: services/node/%.bpf.c services/node/%_map.h
	@mkdir -p $(dir $@)
	$(BPF_CLANG) $(BPF_CFLAGS) -c $< -o $@

$(BUILD)/services/node/%.skel.h: $(BUILD)/services/node/%.bpf.o
	$(BPFTOOL) gen skeleton $< name $*_bpf >$@.tmp
	mv $@.tmp $@

.SECONDARY: $(BUILD)/services/node/bindguard.bpf.o \
    $(BUILD)/services/node/exitwatch.bpf.o

# The bind guard and the exit watch include their skeletons.
$(BUILD)/services/node/bindguard.o: $(BUILD)/services/node/bindguard.skel.h
$(BUILD)/services/node/exitwatch.o: $(BUILD)/services/node/exitwatch.skel.h
$(BUILD)/services/node/bindguard.o $(BUILD)/services/node/exitwatch.o: \
    CPPFLAGS_ALL += -I$(BUILD)/services/node

$(BUILD)/tests/render_test: $(BUILD)/services/node/render_test.o \
    $(BUILD)/services/node/nsdconf.o $(BUILD)/services/node/bundle.o \
    $(BUILD)/services/node/seccomp.o $(BUILD)/services/node/tenantcpus.o \
    $(BUILD)/services/node/nsdverify.o \
    $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/render_test

$(BUILD)/tests/bindguard_test: $(BUILD)/services/node/bindguard_test.o \
    $(BUILD)/services/node/bindguard.o $(BUILD)/services/node/nsdverify.o \
    $(BUILD)/services/common/bpfmsg.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lbpf -lcmocka
TESTS += $(BUILD)/tests/bindguard_test

$(BUILD)/tests/zoneguard_test: $(BUILD)/services/node/zoneguard_test.o \
    $(BUILD)/services/node/zoneguard.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/zoneguard_test

# The zoneguard's fuzzer (FUZZ_NAMES in the Makefile).
$(BUILD)/zoneguard_fuzz: $(BUILD)/services/node/zoneguard_fuzz.o \
    $(BUILD)/services/node/zoneguard.o $(BUILD)/libop.a

$(BUILD)/tests/uids_test: $(BUILD)/services/node/uids_test.o \
    $(BUILD)/services/node/uids.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/uids_test

$(BUILD)/tests/exitwatch_test: $(BUILD)/services/node/exitwatch_test.o \
    $(BUILD)/services/node/exitwatch.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lbpf -lcmocka
TESTS += $(BUILD)/tests/exitwatch_test

$(BUILD)/tests/confirm_test: $(BUILD)/services/node/confirm_test.o \
    $(BUILD)/services/node/confirm_health.o $(BOOTENTRY_OBJS) \
    $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/confirm_test

$(BUILD)/tests/logfile_test: $(BUILD)/services/node/logfile_test.o \
    $(BUILD)/services/node/logfile.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka -lutil
TESTS += $(BUILD)/tests/logfile_test

$(BUILD)/tests/firstboot_test: $(BUILD)/services/node/firstboot_test.o \
    $(BUILD)/services/node/firstboot.o $(BUILD)/services/node/logfile.o \
    $(BUILD)/services/common/update_esp.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka -lutil
TESTS += $(BUILD)/tests/firstboot_test

$(BUILD)/tests/pid1_powerkey_test: $(BUILD)/services/node/pid1_powerkey_test.o \
    $(BUILD)/services/node/pid1_powerkey.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/pid1_powerkey_test

$(BUILD)/tests/reconfig_test: $(BUILD)/services/node/reconfig_test.o \
    $(BUILD)/services/node/reconfig_plan.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/reconfig_test

$(BUILD)/tests/svcaddr_test: $(BUILD)/services/node/svcaddr_test.o \
    $(BUILD)/services/node/svcaddr.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/svcaddr_test

$(BUILD)/tests/catalog_tsig_test: $(BUILD)/services/node/catalog_tsig_test.o \
    $(BUILD)/services/node/catalog_tsig.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcrypto -lcmocka
TESTS += $(BUILD)/tests/catalog_tsig_test
