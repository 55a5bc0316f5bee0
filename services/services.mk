# services/services.mk: the programs that run on a node, and their unit tests.

PROGS += $(BUILD)/outpost

$(BUILD)/outpost: $(BUILD)/services/outpost.o $(BUILD)/libop.a
	$(CC) $(CFLAGS) -o $@ $^
