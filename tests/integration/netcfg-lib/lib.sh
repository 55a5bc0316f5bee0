# netcfg-lib/lib.sh: shared by the netcfg-* cases: a node and an ISP namespace joined by a veth pair.
# SPDX-License-Identifier: ISC
#
# The node namespace ($NS) holds up0; the ISP namespace ($GW) holds gw0 with
# the gateways 192.0.2.1 and 2001:db8:1::1.  Everything is removed on exit.
# (No `run` here: tests/run skips this directory.)
set -eu
. "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

BIN=${OUTPOST_BIN:-${OUTPOST_ROOT:-$(cd "$(dirname "$0")/../../.." && pwd)}/build}/outpost-netcfg
[ "$(id -u)" = 0 ] || { echo "skipped: needs root for network namespaces"; exit 77; }
[ -x "$BIN" ] || { echo "no $BIN: run make first"; exit 1; }

NS=ncf-$$-n
GW=ncf-$$-g
T=$(mktemp -d /tmp/netcfg-test.XXXXXX)
BGPIDS=""

cleanup() {
	local p
	for p in $BGPIDS; do kill "$p" 2>/dev/null || true; done
	# What ran inside the namespaces (a background "g cmd &" is a
	# subshell whose child outlives a kill of the subshell).
	for p in $(ip netns pids "$NS" 2>/dev/null) $(ip netns pids "$GW" 2>/dev/null); do
		kill -KILL "$p" 2>/dev/null || true
	done
	ip netns del "$NS" 2>/dev/null || true
	ip netns del "$GW" 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT

n() { ip netns exec "$NS" "$@"; }
g() { ip netns exec "$GW" "$@"; }

topology() {
	ip netns add "$NS"
	ip netns add "$GW"
	ip -n "$NS" link set lo up
	ip -n "$GW" link set lo up
	ip -n "$NS" link add up0 type veth peer name gw0 netns "$GW"
	ip -n "$GW" link set gw0 up
	ip -n "$GW" addr add 192.0.2.1/24 dev gw0
	ip -n "$GW" addr add 2001:db8:1::1/64 dev gw0 nodad
	# the controller and a resolver live behind the gateway
	ip -n "$GW" addr add 198.51.100.7/32 dev lo
	ip -n "$GW" addr add 2001:db8:ff::7/128 dev lo
}

# Waits until no address of the node is tentative (DAD still running).
settle() {
	local i
	for i in $(seq 50); do
		n ip addr show | grep -q tentative || return 0
		sleep 0.1
	done
}

# snap NAME: the node's addresses and routes, as ip -j prints them.
snap() {
	settle
	n ip -j addr show >"$T/$1.addr"
	n ip -j -4 route show table main >"$T/$1.route4"
	n ip -j -6 route show table main >"$T/$1.route6"
}

# same A B: the two snapshots are equal, or show the difference and fail.
same() {
	local f rc=0
	for f in addr route4 route6; do
		if ! cmp -s "$T/$1.$f" "$T/$2.$f"; then
			echo "snapshots $1 and $2 differ in $f:"
			diff <(python3 -m json.tool "$T/$1.$f") \
			    <(python3 -m json.tool "$T/$2.$f") || true
			rc=1
		fi
	done
	return $rc
}

has_addr() { n ip -o addr show dev "$1" | grep -q " $2 " ; }
has_route() { n ip "$1" route show default | grep -q "via $2 dev $3" ; }

nodeconf() {
	cat >"$T/node.conf" <<'NC'
node:
	identity: ncf-test.example
	uplink: up0

tenant:
	name: root
	prefix: 203.0.113.0/24
	prefix: 2001:db8:53::/48
	address: 203.0.113.53
	address: 2001:db8:53::53
	zone: .
	primary: 198.51.100.34
	tsig-name: root-xfr
	tsig-secret: "K2tf3TRjvQkVCmJF3/Z9vA=="
NC
}

# netconf FILE [extra lines...]: a dual-stack network.conf on up0.
netconf() {
	local f=$1
	shift
	{
		echo "network:"
		echo "	uplink: up0"
		for l in "$@"; do echo "	$l"; done
	} >"$f"
}
