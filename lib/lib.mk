# lib/lib.mk: unit tests of the shared library.
# SPDX-License-Identifier: ISC

LIB_TESTS = $(patsubst lib/%.c,$(BUILD)/tests/%,$(wildcard lib/*_test.c))
TESTS += $(LIB_TESTS)

$(LIB_TESTS): $(BUILD)/tests/%: $(BUILD)/lib/%.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka

# The catalog zone parser's fuzzer (FUZZ_NAMES in the Makefile).
$(BUILD)/catalog_fuzz: $(BUILD)/lib/catalog_fuzz.o $(BUILD)/libop.a
