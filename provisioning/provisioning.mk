# provisioning/provisioning.mk: the provisioning programs (controller, agent, outpostctl), what they share (provisioning/common/), and their tests.
# SPDX-License-Identifier: ISC

CPPFLAGS_ALL += -Iprovisioning/common
PROV_LDLIBS = -lsodium

# ---- bundle helper: node keys, sealed secrets, bundles (provisioning/common/).
BUNDLE_OBJS = $(addprefix $(BUILD)/provisioning/common/,nodekey.o seal.o \
	bundle.o nodename.o)

$(BUILD)/tests/nodekey_test: $(BUILD)/provisioning/common/nodekey_test.o \
    $(BUILD)/provisioning/common/nodekey.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(PROV_LDLIBS) -lcmocka
TESTS += $(BUILD)/tests/nodekey_test

$(BUILD)/tests/nodename_test: $(BUILD)/provisioning/common/nodename_test.o \
    $(BUILD)/provisioning/common/nodename.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/nodename_test

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
# libsodium comes as the path of its shared object (token, reqsig too).
SODIUM_SO := $(shell $(CC) -print-file-name=libsodium.so)
$(BUILD)/bundle_fuzz: $(BUILD)/provisioning/common/bundle_fuzz.o \
    $(BUNDLE_OBJS) $(BUILD)/libop.a $(SODIUM_SO)

# fleet: outpostctl and the fleet file
# outpostctl's objects are its prerequisites: another block adds its own
# with a rule of its own ($(BUILD)/outpostctl: $(BUILD)/.../ctl_token.o)
# and its libraries with OUTPOSTCTL_LIBS += ... (read when linking).
FLEET_OBJS = $(addprefix $(BUILD)/provisioning/controller/,fleet.o \
	fleet_check.o fleet_print.o fleet_render.o fleet_plan.o)
FLEET_OBJS += $(BUILD)/provisioning/controller/fleet_primary.o
PROGS += $(BUILD)/outpostctl
$(BUILD)/outpostctl: $(BUILD)/provisioning/controller/outpostctl.o \
    $(BUILD)/provisioning/controller/ctl_fleet.o $(FLEET_OBJS) \
    $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(BUILD)/libop.a \
	    $(OUTPOSTCTL_LIBS)
$(BUILD)/outpostctl: $(BUILD)/provisioning/controller/ctl_primary.o

FLEET_TESTS = $(addprefix $(BUILD)/tests/,fleet_test fleet_render_test \
	fleet_plan_test)
FLEET_TESTS += $(BUILD)/tests/fleet_primary_test
$(FLEET_TESTS): $(BUILD)/tests/%: $(BUILD)/provisioning/controller/%.o \
    $(FLEET_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(FLEET_TESTS)

$(BUILD)/fleet_fuzz: $(BUILD)/provisioning/controller/fleet_fuzz.o \
    $(FLEET_OBJS) $(BUILD)/libop.a


# ctl: outpost-controller, tokens, signed requests
CTL_PKGS = libmicrohttpd gnutls sqlite3 libsodium
CTL_CFLAGS := $(shell pkg-config --cflags $(CTL_PKGS) 2>/dev/null)
CTL_LIBS := $(shell pkg-config --libs $(CTL_PKGS) 2>/dev/null)
SODIUM_LIBS := $(shell pkg-config --libs libsodium 2>/dev/null)
SQLITE_LIBS := $(shell pkg-config --libs sqlite3 2>/dev/null)
GNUTLS_LIBS := $(shell pkg-config --libs gnutls 2>/dev/null)
$(BUILD)/provisioning/%.o: CPPFLAGS_ALL += -Iprovisioning/common \
	-Iprovisioning/controller $(CTL_CFLAGS)

TOKEN_OBJS = $(BUILD)/provisioning/common/token.o
REQSIG_OBJS = $(addprefix $(BUILD)/provisioning/common/,reqsig.o nodename.o)

$(BUILD)/tests/token_test: $(BUILD)/provisioning/common/token_test.o \
    $(TOKEN_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(SODIUM_LIBS) -lcmocka
TESTS += $(BUILD)/tests/token_test

PROV_FUZZ_NAMES += token
$(BUILD)/token_fuzz: $(BUILD)/provisioning/common/token_fuzz.o $(TOKEN_OBJS) \
    $(BUILD)/libop.a $(SODIUM_SO)

$(BUILD)/tests/reqsig_test: $(BUILD)/provisioning/common/reqsig_test.o \
    $(REQSIG_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(SODIUM_LIBS) -lcmocka
TESTS += $(BUILD)/tests/reqsig_test

PROV_FUZZ_NAMES += reqsig
$(BUILD)/reqsig_fuzz: $(BUILD)/provisioning/common/reqsig_fuzz.o \
    $(REQSIG_OBJS) $(BUILD)/libop.a $(SODIUM_SO)

DB_OBJS = $(BUILD)/provisioning/controller/db.o
$(BUILD)/tests/db_test: $(BUILD)/provisioning/controller/db_test.o \
    $(DB_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(SQLITE_LIBS) -lcmocka
TESTS += $(BUILD)/tests/db_test

JSONREAD_OBJS = $(BUILD)/provisioning/common/jsonread.o
$(BUILD)/tests/jsonread_test: $(BUILD)/provisioning/common/jsonread_test.o \
    $(JSONREAD_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/jsonread_test

PROV_FUZZ_NAMES += jsonread
$(BUILD)/jsonread_fuzz: $(BUILD)/provisioning/common/jsonread_fuzz.o \
    $(JSONREAD_OBJS) $(BUILD)/libop.a

# outpost-controller: the HTTPS API (libmicrohttpd, GnuTLS) and its state.
CONTROLLER_OBJS = $(addprefix $(BUILD)/provisioning/controller/,server.o \
	http_route.o http_reply.o http_auth.o http_enrol.o http_bundle.o \
	http_status.o tlscert.o signkey.o publish.o ctlsettings.o) $(DB_OBJS) \
	$(TOKEN_OBJS) \
	$(REQSIG_OBJS) $(JSONREAD_OBJS) $(BUNDLE_OBJS)
$(BUILD)/outpost-controller: $(CONTROLLER_OBJS) $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^ $(CTL_LIBS) -lpthread
PROGS += $(BUILD)/outpost-controller

$(BUILD)/tests/tlscert_test: $(BUILD)/provisioning/controller/tlscert_test.o \
    $(BUILD)/provisioning/controller/tlscert.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(GNUTLS_LIBS) -lcmocka
TESTS += $(BUILD)/tests/tlscert_test

$(BUILD)/tests/signkey_test: $(BUILD)/provisioning/controller/signkey_test.o \
    $(BUILD)/provisioning/controller/signkey.o \
    $(BUILD)/provisioning/common/nodekey.o $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(SODIUM_LIBS) -lcmocka
TESTS += $(BUILD)/tests/signkey_test

# outpostctl's state commands (token, nodes): ctl_token.c, ctl_nodes.c.
$(BUILD)/outpostctl: $(addprefix $(BUILD)/provisioning/controller/,ctl_token.o \
	ctl_nodes.o tlscert.o ctl_apply.o publish.o signkey.o ctlsettings.o) \
	$(DB_OBJS) \
	$(TOKEN_OBJS) $(REQSIG_OBJS) $(BUNDLE_OBJS)
OUTPOSTCTL_LIBS += $(SQLITE_LIBS) $(GNUTLS_LIBS) $(SODIUM_LIBS)

# agent: outpost-agent
# The node's agent (provisioning/agent/): enrol, check, run (a privileged
# parent and an unprivileged network child), libcurl-gnutls and libsodium.
AGENT_LIBS := $(shell pkg-config --libs libcurl gnutls libsodium 2>/dev/null)
$(BUILD)/provisioning/agent/%.o: CPPFLAGS_ALL += -Iprovisioning/agent \
	$(shell pkg-config --cflags libcurl 2>/dev/null)
AGENT_OBJS = $(addprefix $(BUILD)/provisioning/agent/,agent.o agent_enrol.o \
	agent_run.o agent_net.o agent_apply.o agent_tls.o agent_ctlfile.o \
	agent_msg.o agent_backoff.o agent_state.o agent_sandbox.o) \
	$(BUILD)/services/common/seccomp_allow.o $(TOKEN_OBJS) $(REQSIG_OBJS) \
	$(JSONREAD_OBJS) $(BUNDLE_OBJS)
$(BUILD)/outpost-agent: $(AGENT_OBJS) $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^ $(AGENT_LIBS)
PROGS += $(BUILD)/outpost-agent

AGENT_TESTS = $(addprefix $(BUILD)/tests/,agent_msg_test agent_backoff_test \
	agent_state_test)
$(AGENT_TESTS): $(BUILD)/tests/%: $(BUILD)/provisioning/agent/%.o \
    $(addprefix $(BUILD)/provisioning/agent/,agent_msg.o agent_backoff.o \
    agent_state.o) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(AGENT_TESTS)

PROV_FUZZ_NAMES += agent_msg
$(BUILD)/agent_msg_fuzz: $(BUILD)/provisioning/agent/agent_msg_fuzz.o \
    $(BUILD)/provisioning/agent/agent_msg.o $(BUILD)/libop.a

# bundle-make: a signed bundle from a node.conf, for the agent's tests.
$(BUILD)/tests/tools/bundle_make.o: CPPFLAGS_ALL += -Iprovisioning/common
$(BUILD)/tests/bundle-make: $(BUILD)/tests/tools/bundle_make.o \
    $(BUNDLE_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(SODIUM_LIBS)
PROGS += $(BUILD)/tests/bundle-make

# outpostctl status: the nodes' stored reports read (statusreport.c).
STATUSREPORT_OBJS = $(BUILD)/provisioning/controller/statusreport.o \
	$(JSONREAD_OBJS)
$(BUILD)/outpostctl: $(BUILD)/provisioning/controller/ctl_status.o \
    $(BUILD)/provisioning/controller/statusreport.o $(JSONREAD_OBJS)

$(BUILD)/tests/statusreport_test: \
    $(BUILD)/provisioning/controller/statusreport_test.o \
    $(STATUSREPORT_OBJS) $(BUILD)/libop.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka
TESTS += $(BUILD)/tests/statusreport_test

PROV_FUZZ_NAMES += statusreport
$(BUILD)/statusreport_fuzz: \
    $(BUILD)/provisioning/controller/statusreport_fuzz.o \
    $(STATUSREPORT_OBJS) $(BUILD)/libop.a
