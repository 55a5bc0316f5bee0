# tests/tools/tools.mk: programs that only the tests use.
# SPDX-License-Identifier: ISC

# Stands in for outpost-node in the gate's integration cases.
$(BUILD)/tests/gate-drive: $(BUILD)/tests/tools/gate_drive.o \
    $(BUILD)/services/common/gate_msg.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^
PROGS += $(BUILD)/tests/gate-drive

# The controller's integration cases (provisioning/): a node's signed
# requests (req-sign), and a plain node removal (ctl-cli remove; token and
# nodes are outpostctl's).
$(BUILD)/tests/tools/req_sign.o $(BUILD)/tests/tools/ctl_cli.o: \
    CPPFLAGS_ALL += -Iprovisioning/common -Iprovisioning/controller
$(BUILD)/tests/req-sign: $(BUILD)/tests/tools/req_sign.o \
    $(BUILD)/provisioning/common/reqsig.o \
    $(BUILD)/provisioning/common/nodename.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(shell pkg-config --libs libsodium)
PROGS += $(BUILD)/tests/req-sign
$(BUILD)/tests/ctl-cli: $(BUILD)/tests/tools/ctl_cli.o \
    $(BUILD)/provisioning/controller/db.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(shell pkg-config --libs sqlite3)
PROGS += $(BUILD)/tests/ctl-cli

# tests/bench/fleetscale: thousands of simulated agents (signed long polls
# and status reports over TLS, libcurl's multi interface).
$(BUILD)/tests/tools/fleetsim.o: CPPFLAGS_ALL += -Iprovisioning/common \
    $(shell pkg-config --cflags libcurl 2>/dev/null)
$(BUILD)/tests/fleetsim: $(BUILD)/tests/tools/fleetsim.o \
    $(BUILD)/provisioning/common/reqsig.o \
    $(BUILD)/provisioning/common/nodename.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(shell pkg-config --libs libcurl libsodium)
PROGS += $(BUILD)/tests/fleetsim
