# services/common/common.mk: what outpost-node and outpost-gate share (their messages, bird.conf rendering), and its unit tests.
# SPDX-License-Identifier: ISC

COMMON_OBJS = $(addprefix $(BUILD)/services/common/,gate_msg.o birdconf.o)

$(BUILD)/tests/birdconf_test: $(BUILD)/services/common/birdconf_test.o \
    $(BUILD)/services/common/birdconf.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/birdconf_test

$(BUILD)/tests/gate_msg_test: $(BUILD)/services/common/gate_msg_test.o \
    $(BUILD)/services/common/gate_msg.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/gate_msg_test

# The root slots' boot entries and the update file (outpost update,
# outpost-mkupdate, the node's mark good).
BOOTENTRY_OBJS = $(BUILD)/services/common/bootentry.o
$(BUILD)/tests/bootentry_test: $(BUILD)/services/common/bootentry_test.o \
    $(BOOTENTRY_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/bootentry_test

UPDATE_OBJS = $(addprefix $(BUILD)/services/common/,update_header.o \
	update_verify.o)
$(BUILD)/tests/update_header_test: \
    $(BUILD)/services/common/update_header_test.o \
    $(BUILD)/services/common/update_header.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/update_header_test

UPDATE_INSTALL_OBJS = $(BUILD)/services/common/update_install.o \
	$(BUILD)/services/common/update_esp.o $(UPDATE_OBJS) $(BOOTENTRY_OBJS)
$(BUILD)/tests/update_install_test: \
    $(BUILD)/services/common/update_install_test.o $(UPDATE_INSTALL_OBJS) \
    $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lsodium -lcmocka
TESTS += $(BUILD)/tests/update_install_test
