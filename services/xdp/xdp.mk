# services/xdp/xdp.mk: the XDP guard on the uplink (guard.bpf.c, its loader for outpost-node), its unit test and its parser's fuzzer.
# SPDX-License-Identifier: ISC

# outpost-node and its tests include guard.h.
CPPFLAGS_ALL += -Iservices/xdp

GUARD_OBJS = $(addprefix $(BUILD)/services/xdp/,guard.o guard_stats.o)

$(BUILD)/services/xdp/guard.bpf.o: services/xdp/guard.bpf.c \
    services/xdp/guard_map.h services/xdp/guard_parse.h
	@mkdir -p $(dir $@)
	$(BPF_CLANG) $(BPF_CFLAGS) -c $< -o $@

$(BUILD)/services/xdp/guard.skel.h: $(BUILD)/services/xdp/guard.bpf.o
	$(BPFTOOL) gen skeleton $< name guard_bpf >$@.tmp
	mv $@.tmp $@

.SECONDARY: $(BUILD)/services/xdp/guard.bpf.o

$(BUILD)/services/xdp/guard.o: $(BUILD)/services/xdp/guard.skel.h
$(BUILD)/services/xdp/guard.o $(BUILD)/services/xdp/guard_test.o: \
    CPPFLAGS_ALL += -I$(BUILD)/services/xdp
$(BUILD)/services/xdp/guard_test.o: $(BUILD)/services/xdp/guard.skel.h

$(BUILD)/tests/guard_test: $(BUILD)/services/xdp/guard_test.o \
    $(GUARD_OBJS) $(BUILD)/services/common/bpfmsg.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lbpf -lcmocka
TESTS += $(BUILD)/tests/guard_test

# tests/bench/xdp, part "cpus": the rate limiter on one CPU and on all.
$(BUILD)/services/xdp/guard_bench.o: $(BUILD)/services/xdp/guard.skel.h
$(BUILD)/services/xdp/guard_bench.o: CPPFLAGS_ALL += -I$(BUILD)/services/xdp
$(BUILD)/tests/guard_bench: $(BUILD)/services/xdp/guard_bench.o \
    $(GUARD_OBJS) $(BUILD)/services/common/bpfmsg.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lbpf -lpthread
PROGS += $(BUILD)/tests/guard_bench

# The parser (guard_parse.h) as user-space C under libFuzzer; its
# corpus is fuzz/corpus/guard_parse/ (FUZZ_NAMES in the Makefile).
$(BUILD)/guard_parse_fuzz: $(BUILD)/services/xdp/guard_parse_fuzz.o
