# provisioning/provisioning.mk: the provisioning agent and controller (issue 9): what they share (provisioning/common/), their programs, and their tests.
# SPDX-License-Identifier: ISC

CPPFLAGS_ALL += -Iprovisioning/common
PROV_LDLIBS = -lsodium

# ---- bundle helper: node keys, sealed secrets, bundles (provisioning/common/).

$(BUILD)/tests/nodekey_test: $(BUILD)/provisioning/common/nodekey_test.o \
    $(BUILD)/provisioning/common/nodekey.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(PROV_LDLIBS) -lcmocka
TESTS += $(BUILD)/tests/nodekey_test

$(BUILD)/tests/seal_test: $(BUILD)/provisioning/common/seal_test.o \
    $(BUILD)/provisioning/common/seal.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(PROV_LDLIBS) -lcmocka
TESTS += $(BUILD)/tests/seal_test
