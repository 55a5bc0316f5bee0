# image/build-key.sh: the release key: RELEASE_KEY, or a development key made once in build/release/.
# SPDX-License-Identifier: ISC
# Sourced by image/build. The key is libsodium's 64-byte ed25519 secret key
# (seed, then public key); its last 32 bytes are the public key the image holds.

# key_dev PATH: make a development key at PATH (0600) with openssl's ed25519.
key_dev() {
	local tmp seed pub
	tmp=$(mktemp -d) || die "cannot make a temporary directory"
	(
		umask 077
		openssl genpkey -algorithm ed25519 -outform DER -out "$tmp/k.der" &&
		    openssl pkey -inform DER -in "$tmp/k.der" -pubout -outform DER \
		    -out "$tmp/p.der" &&
		    tail -c 32 "$tmp/k.der" >"$tmp/key" &&
		    tail -c 32 "$tmp/p.der" >>"$tmp/key" &&
		    mkdir -p "$(dirname "$1")" &&
		    install -m 0600 "$tmp/key" "$1"
	) >"$tmp/log" 2>&1
	local rc=$?
	[ $rc -eq 0 ] || { cat "$tmp/log" >&2; rm -rf "$tmp"; die "cannot make the development release key $1"; }
	rm -rf "$tmp"
}

# key_setup: sets RELEASE_KEY_USED and writes the public half to RELEASE_PUB.
key_setup() {
	if [ -n "${RELEASE_KEY:-}" ]; then
		RELEASE_KEY_USED=$RELEASE_KEY
		KEY_NOTE="release key $RELEASE_KEY"
	else
		RELEASE_KEY_USED=$BUILD/release/release.key
		if [ ! -e "$RELEASE_KEY_USED" ]; then
			key_dev "$RELEASE_KEY_USED"
			KEY_NOTE="development key made: $RELEASE_KEY_USED"
		else
			KEY_NOTE="development key $RELEASE_KEY_USED"
		fi
	fi
	[ -r "$RELEASE_KEY_USED" ] || die "cannot read release key $RELEASE_KEY_USED"
	[ "$(fsize "$RELEASE_KEY_USED")" -eq 64 ] ||
	    die "cannot use release key $RELEASE_KEY_USED: not 64 bytes (libsodium ed25519 secret key)"
	tail -c 32 "$RELEASE_KEY_USED" >"$RELEASE_PUB"
}
