# provisioning/provisioning.mk: the provisioning agent and controller (issue 9): what they share (provisioning/common/), their programs, and their tests.
# SPDX-License-Identifier: ISC

CPPFLAGS_ALL += -Iprovisioning/common
PROV_LDLIBS = -lsodium

# ---- bundle helper: node keys, sealed secrets, bundles (provisioning/common/).
BUNDLE_OBJS = $(addprefix $(BUILD)/provisioning/common/,nodekey.o seal.o \
	bundle.o)

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

$(BUILD)/tests/bundle_test: $(BUILD)/provisioning/common/bundle_test.o \
    $(BUNDLE_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(PROV_LDLIBS) -lcmocka
TESTS += $(BUILD)/tests/bundle_test

# The fuzzers' link rule (top Makefile) links only its prerequisites:
# libsodium comes as the path of its shared object.
SODIUM_SO := $(shell $(CC) -print-file-name=libsodium.so)
$(BUILD)/bundle_fuzz: $(BUILD)/provisioning/common/bundle_fuzz.o \
    $(BUNDLE_OBJS) $(BUILD)/libop.a $(SODIUM_SO)

# fleet: outpostctl and the fleet file
# outpostctl's objects are its prerequisites: another block adds its own
# with a rule of its own ($(BUILD)/outpostctl: $(BUILD)/.../ctl_token.o)
# and its libraries with OUTPOSTCTL_LIBS += ... (read when linking).
FLEET_OBJS = $(addprefix $(BUILD)/provisioning/controller/,fleet.o \
	fleet_check.o fleet_print.o fleet_render.o fleet_plan.o)
PROGS += $(BUILD)/outpostctl
$(BUILD)/outpostctl: $(BUILD)/provisioning/controller/outpostctl.o \
    $(BUILD)/provisioning/controller/ctl_fleet.o $(FLEET_OBJS) \
    $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(BUILD)/libop.a \
	    $(OUTPOSTCTL_LIBS)

FLEET_TESTS = $(addprefix $(BUILD)/tests/,fleet_test fleet_render_test \
	fleet_plan_test)
$(FLEET_TESTS): $(BUILD)/tests/%: $(BUILD)/provisioning/controller/%.o \
    $(FLEET_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(FLEET_TESTS)

$(BUILD)/fleet_fuzz: $(BUILD)/provisioning/controller/fleet_fuzz.o \
    $(FLEET_OBJS) $(BUILD)/libop.a
