# gate.sh: shared by the gate-* integration cases: a node and an ISP namespace, real NSD, BIRD on both sides, outpost-gate under gate-drive.
# SPDX-License-Identifier: ISC
# Sourced by tests/integration/gate-*/run; not a case itself (no run file here).
#
#   node (gt-PID-node)                                isp (gt-PID-isp)
#   lo: 192.0.2.1, 2001:db8:a::1 (service NSD)
#       203.0.113.53 (primary NSD)
#   up0 198.51.100.2/24 2001:db8:100::2/64 ---veth--- isp0 198.51.100.1/24 2001:db8:100::1/64
#   BIRD (rendered bird.conf), outpost-gate            BIRD (hand-written): routes into its kernel
set -eu
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/tests/integration/common.sh"
BIN=${OUTPOST_BIN:-$ROOT/build}
NODE=gt-$$-node
ISP=gt-$$-isp
T=$(mktemp -d /tmp/outpost-gate-test.XXXXXX)
chmod 755 "$T"
GATE_UID=65534		# nobody: the gate drops root for it
HOLD_DOWN=2

on_node() { ip netns exec "$NODE" "$@"; }
on_isp() { ip netns exec "$ISP" "$@"; }

cleanup() {
	local rc=$? ns pid
	if [ "$rc" != 0 ] || [ -n "${GATE_VERBOSE:-}" ]; then
		echo "--- gate log"; tail -n 60 "$T/gate.log" 2>/dev/null
		echo "--- gate-drive output"; tail -n 40 "$T/drive.out" 2>/dev/null
	fi
	exec 7>&- 2>/dev/null || true
	for ns in "$NODE" "$ISP"; do
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -KILL "$pid" 2>/dev/null || true
		done
	done
	sleep 0.2
	ip netns del "$NODE" 2>/dev/null || true
	ip netns del "$ISP" 2>/dev/null || true
	rm -rf "$T"
	exit "$rc"
}

need() {
	[ "$(id -u)" = 0 ] || { echo "skip: needs root (network namespaces)"; exit 77; }
	local t
	for t in ip nsd nsd-control bird birdc ldns-keygen ldns-signzone; do
		command -v "$t" >/dev/null || { echo "skip: no $t"; exit 77; }
	done
	[ -x "$BIN/outpost-gate" ] && [ -x "$BIN/tests/gate-drive" ] ||
		fail "build first: no $BIN/outpost-gate or $BIN/tests/gate-drive"
}

topology() {
	ip netns add "$NODE"
	ip netns add "$ISP"
	on_node sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
	on_isp sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
	ip link add up0 netns "$NODE" type veth peer name isp0 netns "$ISP"
	on_node ip link set lo up
	on_node ip addr add 192.0.2.1/32 dev lo
	on_node ip addr add 203.0.113.53/32 dev lo
	on_node ip addr add 203.0.113.1/32 dev lo
	on_node ip addr add 2001:db8:a::1/128 dev lo nodad
	on_node ip addr add 198.51.100.2/24 dev up0
	on_node ip addr add 2001:db8:100::2/64 dev up0 nodad
	on_node ip link set up0 up
	on_isp ip link set lo up
	on_isp ip addr add 198.51.100.1/24 dev isp0
	on_isp ip addr add 2001:db8:100::1/64 dev isp0 nodad
	on_isp ip link set isp0 up
}

# zone FILE SERIAL: test. with refresh 3 s (the serial rule's limit).
zone() {
	cat >"$1" <<EOF
\$ORIGIN test.
\$TTL 60
@	SOA	ns.test. hostmaster.test. $2 3 1 604800 60
@	NS	ns.test.
ns	A	192.0.2.1
ns	AAAA	2001:db8:a::1
EOF
}

# signed_zone FILE SERIAL EXPIRATION(YYYYMMDDhhmmss) INCEPTION: zone, signed.
signed_zone() {
	zone "$1.in" "$2"
	ldns-signzone -n -e "$3" -i "$4" -f "$1" "$1.in" "$T/keys/$(cat "$T/keys/name")" >/dev/null
}

keys() {
	mkdir -p "$T/keys"
	(cd "$T/keys" && ldns-keygen -a ECDSAP256SHA256 test. >name)
}

# nsd_conf NAME ADDRESS...: an NSD serving test. from $T/NAME/test.zone.
nsd_conf() {
	local name=$1 d=$T/$1 a
	shift
	mkdir -p "$d"
	{
		echo "server:"
		for a in "$@"; do echo "	ip-address: $a"; done
		cat <<EOF
	port: 53
	server-count: 1
	username: ""
	chroot: ""
	zonesdir: "$d"
	database: ""
	zonelistfile: "$d/zone.list"
	xfrdfile: "$d/xfrd.state"
	pidfile: "$d/nsd.pid"
	logfile: "$d/nsd.log"
	hide-version: yes
${NSD_EXTRA:-}
remote-control:
	control-enable: yes
	control-interface: "$d/nsd.ctl"
zone:
	name: "test."
	zonefile: "test.zone"
EOF
	} >"$d/nsd.conf"
}

# nsd_start NAME: in its own process group, so that all of it can be killed.
# (Background programs never hold fd 7, the gate's command FIFO: closing it
# must mean end of input.)
nsd_start() {
	local d=$T/$1
	rm -f "$d/nsd.pid"
	on_node setsid nsd -d -c "$d/nsd.conf" </dev/null >>"$d/nsd.stderr" 2>&1 7>&- &
	wait_for 10 "$1 NSD answers" test -s "$d/nsd.pid"
	wait_for 10 "$1 NSD answers" sh -c "ip netns exec $NODE dig +short +time=1 +tries=1 @$(sed -n 's/^	ip-address: //p' "$d/nsd.conf" | head -n 1) test. SOA | grep -q ."
}

# nsd_kill NAME [SIGNAL]: every process of that NSD.
nsd_kill() {
	local pid pgid
	pid=$(cat "$T/$1/nsd.pid")
	pgid=$(ps -o pgid= -p "$pid" | tr -d ' ')
	kill "-${2:-KILL}" -- "-$pgid"
}

nsd_reload() { on_node nsd-control -c "$T/$1/nsd.conf" reload test. >/dev/null; }

served_serial() { on_node dig +short +time=1 +tries=1 @"$1" test. SOA | awk '{ print $3 }'; }

node_conf() {
	cat >"$T/node.conf" <<EOF
node:
	identity: gate-test
	uplink: up0
	uplink-address: 198.51.100.2/24
	uplink-address: 2001:db8:100::2/64
	state-dir: $T/state

bgp:
	asn: 64500
	hold-down: $HOLD_DOWN
${TCP_HOLD:+	tcp-failure-hold: $TCP_HOLD}

neighbor:
	address: 198.51.100.1
	asn: 64496
	password: "gate test"
	bfd: yes
	hold-time: 3

neighbor:
	address: 2001:db8:100::1
	asn: 64496
	default-route: yes

tenant:
	name: root
	prefix: 192.0.2.0/24
	prefix: 2001:db8:a::/48
	address: 192.0.2.1
	address: 2001:db8:a::1
	zone: test
	primary: 203.0.113.53
	tsig-name: k
	tsig-secret: K2tf3TRjvQkVCmJF3/Z9vA==
	community: no-export
EOF
}

isp_conf() {
	cat >"$T/isp.conf" <<'EOF'
# The ISP: takes the node's announcements into its kernel, offers defaults.
log stderr all;
router id 198.51.100.1;
protocol device {}
protocol static defaults4 { ipv4; route 0.0.0.0/0 unreachable; }
protocol static defaults6 { ipv6; route ::/0 unreachable; }
protocol kernel { ipv4 { import none; export where source = RTS_BGP; }; }
protocol kernel { ipv6 { import none; export where source = RTS_BGP; }; }
protocol bfd {
	interface "isp0" { min rx interval 100 ms; min tx interval 100 ms; multiplier 3; };
}
protocol bgp node4 {
	local as 64496;
	neighbor 198.51.100.2 as 64500;
	password "gate test";
	bfd on;
	hold time 3;
	connect retry time 1;
	error wait time 1, 5;
	ipv4 { import all; export where source = RTS_STATIC; };
}
protocol bgp node6 {
	local as 64496;
	neighbor 2001:db8:100::2 as 64500;
	connect retry time 1;
	error wait time 1, 5;
	ipv6 { import all; export where source = RTS_STATIC; };
}
EOF
}

# node_bird_start: BIRD on the node; node_bird_kill: SIGKILL, as a crash.
node_bird_start() {
	rm -f "$T/bird/bird.ctl" "$T/bird.pid"
	ip netns exec "$NODE" bird -f -c "$T/bird.conf" -s "$T/bird/bird.ctl" \
		-g "$GATE_UID" -P "$T/bird.pid" </dev/null >>"$T/bird-node.log" 2>&1 7>&- &
	wait_for 10 "node BIRD started" test -s "$T/bird.pid"
}
node_bird_kill() { kill -KILL "$(cat "$T/bird.pid")"; }

render_bird_conf() {
	"$BIN/outpost-gate" -p -c "$T/node.conf" -s "$T/bird/bird.ctl" >"$T/bird.conf"
	bird -p -c "$T/bird.conf" || fail "bird rejects the rendered bird.conf"
}

start_all() {
	topology
	keys
	zone "$T/primary.zone.in" 1
	nsd_conf primary 203.0.113.53
	zone "$T/primary/test.zone" 1
	nsd_conf service 192.0.2.1 2001:db8:a::1 203.0.113.1
	zone "$T/service/test.zone" 1
	nsd_start primary
	nsd_start service
	node_conf
	mkdir -p "$T/bird" "$T/state"
	chgrp "$GATE_UID" "$T/bird"
	chmod 770 "$T/bird"
	render_bird_conf
	isp_conf
	on_isp bird -f -c "$T/isp.conf" -s "$T/isp.ctl" </dev/null >>"$T/bird-isp.log" 2>&1 &
	node_bird_start
	mkfifo "$T/cmd"
	on_node "$BIN/tests/gate-drive" "$BIN/outpost-gate" -v -c "$T/node.conf" \
		-s "$T/bird/bird.ctl" -f 3 -u "$GATE_UID" <"$T/cmd" >"$T/drive.out" 2>"$T/gate.log" &
	GATE_DRIVE=$!
	exec 7>"$T/cmd"
	GATE_T0=$(ms)
	wait_for 5 "gate-drive started" grep -q '^PID ' "$T/drive.out"
	GATE_PID=$(sed -n 's/^PID //p' "$T/drive.out")
}

send() { echo "$1" >&7; }

# at_isp PREFIX: the ISP's kernel routes to PREFIX (learnt over BGP).
at_isp() { on_isp ip route show "$1" proto bird | grep -q .; }
at_isp6() { on_isp ip -6 route show "$1" proto bird | grep -q .; }
not_at_isp() { ! at_isp "$1"; }

# withdraw_ms PREFIX: ms from now until PREFIX is gone from the ISP's kernel (polled in a tight loop).
until_gone() {
	local t0=$1 p=$2
	while on_isp ip route show "$p" proto bird | grep -q .; do :; done
	echo $(($(ms) - t0))
}

# status: the gate's STATUS text (gate-drive prints it between STATUS and .).
status() {
	local n
	n=$(grep -c '^STATUS$' "$T/drive.out" || true)
	send status
	wait_for 5 "STATUS answer" sh -c "[ \$(grep -c '^STATUS\$' '$T/drive.out') -gt $n ]"
	wait_for 5 "STATUS end" sh -c "tail -n 1 '$T/drive.out' | grep -q '^\.\$'"
	awk -v n="$n" '/^STATUS$/ { k++; next } k == n + 1 && !/^\.$/ { print }' "$T/drive.out"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
