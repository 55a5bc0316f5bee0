# Makefile: builds every Outpost program into build/, runs the tests, the demo and the benchmark.

BUILD	?= build
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
# dnssec-signzone: tests/lab/primary/make-bigzone (NSEC3 opt-out).
DEB_PKGS += bind9-utils

LIB_SRCS = $(filter-out %_test.c,$(wildcard lib/*.c))
LIB_OBJS = $(LIB_SRCS:%.c=$(BUILD)/%.o)
MUSL_LIB_OBJS = $(LIB_SRCS:%.c=$(BUILD)/musl/%.o)

PROGS	=
TESTS	=

all: programs

include lib/lib.mk
include services/common/common.mk
include services/node/node.mk
include services/gate/gate.mk
include services/cli/cli.mk
include netcfg/netcfg.mk
include tests/tools/tools.mk

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
	$(MAKE) --no-print-directory all
	@tests/run

demo: deps
	$(MAKE) --no-print-directory all
	@HOLD=$(HOLD) tests/lab/demo

bench: deps
	$(MAKE) --no-print-directory all
	@tests/bench/run

clean:
	rm -rf $(BUILD)

.PHONY: all programs deps test demo bench clean

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
