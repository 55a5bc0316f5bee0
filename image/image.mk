# image/image.mk: `make image`: the bootable disk image $(BUILD)/outpost.img and outpost.img.xz (image/build).
# SPDX-License-Identifier: ISC
# The initramfs's /init, $(BUILD)/image/outpost-init, has its rule in
# image/init/init.mk. OUTPOST_VERSION, RELEASE_KEY and SOURCE_DATE_EPOCH
# pass through to image/build (see there and docs/image.md).

IMAGE_PROGS = $(BUILD)/outpost-node $(BUILD)/outpost-gate \
	$(BUILD)/outpost-netcfg $(BUILD)/outpost \
	$(filter %/outpost-mkupdate,$(PROGS))
IMAGE_PROGS += $(BUILD)/outpost-catalog $(BUILD)/outpost-agent

image: $(IMAGE_PROGS) $(BUILD)/image/outpost-init
	@BUILD=$(BUILD) OUTPOST_VERSION=$(OUTPOST_VERSION) \
	    RELEASE_KEY=$(RELEASE_KEY) image/build

.PHONY: image
