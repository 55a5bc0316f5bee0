# Makefile: builds every Outpost program into build/, runs the tests, the demo and the benchmark.
# SPDX-License-Identifier: ISC

BUILD	?= build
# Build jobs of the sub-makes that test, demo and bench run.
JOBS	?= $(shell nproc 2>/dev/null || echo 2)
CC	?= cc
MUSLCC	?= musl-gcc
CFLAGS	?= -O2 -g
WARN	 = -Wall -Wextra -Werror
CPPFLAGS_ALL = -std=c11 -D_GNU_SOURCE -Ilib -Iservices/common $(WARN)

# Debian packages that build, test and demo Outpost need.
DEB_PKGS = gcc make pkg-config musl-tools linux-libc-dev libcmocka-dev python3 \
	nsd bird2 crun iproute2 bind9-dnsutils \
	knot-dnsutils dnsperf ldnsutils procps psmisc util-linux bc \
	qemu-system-x86 busybox-static cpio
DEB_PKGS += mandoc
# The bind guard (services/node/bindguard.bpf.c): BPF compiler, libbpf, skeleton.
DEB_PKGS += libbpf-dev bpftool
# bench xdp: GRO on the lab node's uplink (a NIC's receive path).
DEB_PKGS += ethtool
# The fuzzers (libFuzzer, with its sanitizers) and the bind guard: clang and its runtime.
DEB_PKGS += clang libclang-rt-14-dev llvm
# dnssec-signzone: tests/lab/primary/make-bigzone (NSEC3 opt-out).
DEB_PKGS += bind9-utils
# The DNSSEC guard's validator in the tenants' containers (kzonecheck, nsdverify.c).
DEB_PKGS += knot-dnssecutils mawk
# Update files: their signature (outpost update, outpost-mkupdate).
DEB_PKGS += libsodium-dev
DEB_PKGS += libssl-dev
# node-pid1-image: a stand-in OUTPOST-CFG (FAT made and filled without mounting).
DEB_PKGS += dosfstools mtools
# image-init: a slot made as the image is (mksquashfs, veritysetup, sfdisk), depmod, OVMF.
DEB_PKGS += squashfs-tools cryptsetup-bin fdisk kmod ovmf
# make image (image/build): squashfs, FAT and GPT on files, dm-verity, zstd, xz; OVMF to boot it in QEMU.
DEB_PKGS += squashfs-tools mtools dosfstools fdisk cryptsetup-bin xz-utils zstd ovmf kmod binutils openssl
# Provisioning (provisioning/): the controller's HTTPS API and state, the agent's client.
DEB_PKGS += libmicrohttpd-dev libgnutls28-dev libsqlite3-dev libcurl4-gnutls-dev sqlite3

LIB_SRCS = $(filter-out %_test.c,$(wildcard lib/*.c))
LIB_SRCS := $(filter-out %_fuzz.c,$(LIB_SRCS))
LIB_OBJS = $(LIB_SRCS:%.c=$(BUILD)/%.o)
MUSL_LIB_OBJS = $(LIB_SRCS:%.c=$(BUILD)/musl/%.o)

PROGS	=
# TESTS='pattern ...' from the environment selects what tests/run runs (kept here: TESTS below lists the test binaries).
TEST_PATTERNS := $(TESTS)
TESTS	=

all: programs

include lib/lib.mk
include services/common/common.mk
include services/node/node.mk
include services/gate/gate.mk
include services/cli/cli.mk
include netcfg/netcfg.mk
include tests/tools/tools.mk
include image/init/init.mk
include image/image.mk
include provisioning/provisioning.mk
include services/xdp/xdp.mk
include services/dscheck/dscheck.mk

programs: $(PROGS) $(TESTS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/musl/%.o: %.c
	@mkdir -p $(dir $@)
	$(MUSLCC) $(CPPFLAGS_ALL) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libop.a: $(LIB_OBJS)
	ar rcs $@ $^

$(BUILD)/musl/libop.a: $(MUSL_LIB_OBJS)
	ar rcs $@ $^

deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq >/dev/null && \
	  apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	    || { echo "deps: cannot install$$missing" >&2; exit 1; }; \
	fi

test: deps
	$(MAKE) --no-print-directory -j$(JOBS) all
	$(MAKE) --no-print-directory -j$(JOBS) asan fuzzers
	$(MAKE) --no-print-directory image
	@tests/run

demo: deps
	$(MAKE) --no-print-directory -j$(JOBS) all
	@HOLD=$(HOLD) tests/lab/demo

bench: deps
	$(MAKE) --no-print-directory -j$(JOBS) all
	$(MAKE) --no-print-directory image
	@tests/bench/run

clean:
	rm -rf $(BUILD)

# make install [PREFIX=/usr/local] [DESTDIR=]: the programs into sbin, the manual pages into share/man.
PREFIX	?= /usr/local
SBINDIR	 = $(PREFIX)/sbin
MANDIR	 = $(PREFIX)/share/man
INSTALL_PROGS = $(filter-out $(BUILD)/tests/%,$(PROGS))

install: $(INSTALL_PROGS)
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/man8
	install -m 0755 $(INSTALL_PROGS) $(DESTDIR)$(SBINDIR)
	install -m 0644 $(wildcard docs/man/*.5) $(DESTDIR)$(MANDIR)/man5
	install -m 0644 $(wildcard docs/man/*.8) $(DESTDIR)$(MANDIR)/man8

# mandoc -Tlint over docs/man, as the man-lint case of `make test` does.
man-lint: deps
	@tests/integration/man-lint/run

.PHONY: install man-lint

test: export TESTS := $(TEST_PATTERNS)

.PHONY: all programs deps test demo bench clean

# ---- the unit tests again, with AddressSanitizer and UBSan, in $(BUILD)/asan/
# (its own lib objects and libop.a: nothing shared with the normal build).
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
ASAN_CFLAGS = -O1 -g $(SAN_FLAGS)

unit-tests: $(TESTS)

asan:
	$(MAKE) --no-print-directory BUILD=$(BUILD)/asan \
	    CFLAGS='$(ASAN_CFLAGS)' unit-tests

# ---- libFuzzer harnesses (NAME_fuzz.c beside the parser they feed), built
# by clang into $(BUILD)/fuzz/NAME_fuzz; their corpora are fuzz/corpus/NAME/.
FUZZ_CC	= clang
FUZZ_CFLAGS = -O1 -g -fsanitize=fuzzer-no-link $(SAN_FLAGS)
FUZZ_SECONDS ?= 60
FUZZ_NAMES = nodeconf netconf dnsmsg birdctl gate_msg netlink
FUZZ_NAMES += update_header
FUZZ_NAMES += hwprofile
FUZZ_NAMES += catalog
FUZZ_NAMES += tokenshape
FUZZ_NAMES += guard_parse
FUZZ_NAMES += zoneguard
FUZZ_NAMES += dscheck
# provisioning/provisioning.mk links these.
FUZZ_NAMES += bundle fleet
FUZZ_NAMES += $(PROV_FUZZ_NAMES)
# Before any rule names them: a rule's prerequisites expand where it is read.
FUZZERS = $(FUZZ_NAMES:%=$(BUILD)/%_fuzz)

fuzzers:
	$(MAKE) --no-print-directory BUILD=$(BUILD)/fuzz CC=$(FUZZ_CC) \
	    CFLAGS='$(FUZZ_CFLAGS)' fuzz-programs

fuzz-programs: $(FUZZERS)

$(BUILD)/nodeconf_fuzz: $(BUILD)/lib/nodeconf_fuzz.o $(BUILD)/libop.a
$(BUILD)/dnsmsg_fuzz: $(BUILD)/lib/dnsmsg_fuzz.o $(BUILD)/libop.a
$(BUILD)/hwprofile_fuzz: $(BUILD)/lib/hwprofile_fuzz.o $(BUILD)/libop.a
$(BUILD)/netconf_fuzz: $(BUILD)/netcfg/netconf_fuzz.o \
    $(BUILD)/netcfg/netconf.o $(BUILD)/libop.a
$(BUILD)/tokenshape_fuzz: $(BUILD)/netcfg/tokenshape_fuzz.o \
    $(BUILD)/netcfg/tokenshape.o $(BUILD)/libop.a
$(BUILD)/birdctl_fuzz: $(BUILD)/services/gate/birdctl_fuzz.o \
    $(BUILD)/services/gate/birdctl.o $(COMMON_OBJS) $(BUILD)/libop.a
$(BUILD)/gate_msg_fuzz: $(BUILD)/services/common/gate_msg_fuzz.o \
    $(BUILD)/services/common/gate_msg.o $(BUILD)/libop.a
$(BUILD)/netlink_fuzz: $(BUILD)/netcfg/netlink_fuzz.o \
    $(BUILD)/netcfg/nlparse.o $(BUILD)/netcfg/netlink.o \
    $(BUILD)/netcfg/netstate.o $(BUILD)/libop.a
$(BUILD)/update_header_fuzz: $(BUILD)/services/common/update_header_fuzz.o \
    $(BUILD)/services/common/update_header.o
$(FUZZERS):
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $^

# make fuzz: each fuzzer for FUZZ_SECONDS, new finds kept in its corpus,
# which is then merged down to the inputs that add coverage.
fuzz: deps
	$(MAKE) --no-print-directory fuzzers
	@fuzz/run $(FUZZ_SECONDS) $(FUZZ_NAMES)

.PHONY: unit-tests asan fuzzers fuzz-programs fuzz

-include $(shell find $(BUILD) -path '$(BUILD)/image/pkgs' -prune -o -type f -name '*.d' -print 2>/dev/null)
