# services/cli/cli.mk: outpost, the operator's command line, and outpost-mkupdate, the build's update file maker.
# SPDX-License-Identifier: ISC

PROGS += $(BUILD)/outpost $(BUILD)/outpost-mkupdate

$(BUILD)/outpost: $(BUILD)/services/cli/outpost.o \
    $(BUILD)/services/cli/hwprofile.o $(BUILD)/services/cli/update.o \
    $(UPDATE_INSTALL_OBJS) $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^ -lsodium

$(BUILD)/outpost-mkupdate: $(BUILD)/services/cli/mkupdate.o $(UPDATE_OBJS) \
    $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^ -lsodium
