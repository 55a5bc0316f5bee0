# provisioning/provisioning.mk: the provisioning programs (controller, agent) and their tests.
# SPDX-License-Identifier: ISC

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
