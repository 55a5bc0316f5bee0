# services/cli/cli.mk: outpost, the operator's command line.
# SPDX-License-Identifier: ISC

PROGS += $(BUILD)/outpost

$(BUILD)/outpost: $(BUILD)/services/cli/outpost.o \
    $(BUILD)/services/cli/hwprofile.o $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^
