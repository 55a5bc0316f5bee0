# services/dscheck/dscheck.mk: outpost-dscheck, the DNSSEC guard's trust-anchor check (run inside a tenant's container), its unit tests and fuzzer.
# SPDX-License-Identifier: ISC

DSCHECK_OBJS = $(addprefix $(BUILD)/services/dscheck/,dscheck_key.o \
	dscheck_zone.o dscheck_anchor.o)
PROGS += $(BUILD)/outpost-dscheck

$(BUILD)/outpost-dscheck: $(BUILD)/services/dscheck/dscheck.o \
    $(DSCHECK_OBJS) $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^ -lcrypto

$(BUILD)/tests/dscheck_test: $(BUILD)/services/dscheck/dscheck_test.o \
    $(DSCHECK_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcrypto -lcmocka
TESTS += $(BUILD)/tests/dscheck_test

# The fuzzer (FUZZ_NAMES in the Makefile), whose link rule links only its
# prerequisites: libcrypto as the path of its shared object.
CRYPTO_SO := $(shell $(CC) -print-file-name=libcrypto.so)
$(BUILD)/dscheck_fuzz: $(BUILD)/services/dscheck/dscheck_fuzz.o \
    $(DSCHECK_OBJS) $(BUILD)/libop.a $(CRYPTO_SO)
