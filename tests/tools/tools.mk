# tests/tools/tools.mk: programs that only the tests use.
# SPDX-License-Identifier: ISC

# Stands in for outpost-node in the gate's integration cases.
$(BUILD)/tests/gate-drive: $(BUILD)/tests/tools/gate_drive.o \
    $(BUILD)/services/common/gate_msg.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^
PROGS += $(BUILD)/tests/gate-drive
