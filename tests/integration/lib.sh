# lib.sh: shared by the lab integration cases: a lab of their own, removed on exit, and small assertions.
# SPDX-License-Identifier: ISC
# Sourced by tests/integration/*/run; not a case itself (no run file here).
set -eu
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# A lab of this case's own: concurrent runs never share namespaces or files.
export LAB_PREFIX=${LAB_PREFIX:-ot$$}
export LAB_RUN=${LAB_RUN:-/run/outpost-test.$$}
export OUTPOST_BIN=${OUTPOST_BIN:-$ROOT/build}
LAB=$ROOT/tests/lab/lab
NODELOG=$LAB_RUN/node/outpost-node.log
NODECONF=$LAB_RUN/node/node.conf
NODE2LOG=$LAB_RUN/node2/outpost-node.log
NODE2CONF=$LAB_RUN/node2/node.conf


lab() { "$LAB" "$@"; }
on() { local h=$1; shift; "$LAB" exec "$h" "$@"; }

# lab_up [lab up args]: a fresh lab, torn down when the case exits, however it exits.
# Without args: `lab up --one-node` (node1 only: the cases written before
# node2 existed expect one node to answer); `lab_up --two-nodes` adds node2.
lab_up() {
	trap 'rc=$?; stop_bg; [ $rc = 0 ] || lab_tails >&2; "$LAB" down >/dev/null 2>&1; exit $rc' EXIT
	[ $# -gt 0 ] || set -- --one-node
	"$LAB" up "$@" >/dev/null || fail "lab up failed"
}

# lab_tails: the ends of the logs, for a failed case.
lab_tails() {
	local f
	for f in "$NODELOG" "$NODE2LOG" "$LAB_RUN/isp/bird.log"; do
		[ -f "$f" ] || continue
		echo "--- tail of $f"
		tail -n 40 "$f"
	done
	echo "--- isp: BGP sessions, routes"
	"$LAB" birdc isp show protocols 2>&1 | tail -n +2
	"$LAB" routes 2>&1
}

# q HOST ADDR NAME TYPE [dig options]: the answer section, short form.
q() {
	local h=$1 a=$2 n=$3 t=$4
	shift 4
	on "$h" dig @"$a" "$n" "$t" +short +time=1 +tries=1 "$@" 2>/dev/null
}

# serial ADDR ZONE: the SOA serial served at ADDR, asked from client.
serial() { q client "$1" "$2" SOA | awk '{ print $3 }'; }

# tenant_nsd TENANT [NODEHOST]: host pid of the tenant's main NSD process
# (the container's init) on node (default) or node2.
tenant_nsd() {
	local cpid
	cpid=$(pgrep -f "crun --root $LAB_RUN/${2:-node}/state/crun run .* nsd-$1(\.1)?\$" | head -n 1)
	[ -n "$cpid" ] || return 1
	pgrep -P "$cpid" | head -n 1 | grep .
}

node_pid() { cat "$LAB_RUN/${1:-node}/outpost-node.pid"; }

# exited PID: the process is gone or a zombie (its parent, `lab up`, has
# exited, and whoever inherited it may reap it late).
exited() {
	! kill -0 "$1" 2>/dev/null || [ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" = Z ]
}

# ---- BGP (the isp's view)


# isp_birdc CMD...: birdc on isp's BIRD.
isp_birdc() { "$LAB" birdc isp "$@"; }

# routes: isp's kernel routes from BGP, "PREFIX via NEXTHOP" per line.
routes() { "$LAB" routes; }

# at_isp PREFIX: the isp's kernel has a BGP route for PREFIX (asked of the
# kernel directly: `lab routes` takes seconds under load).
at_isp() {
	local f=-4
	case $1 in *:*) f=-6 ;; esac
	ip -n "$LAB_PREFIX-isp" "$f" route show "$1" proto bird | grep -q .
}
# via PREFIX: the next hop isp's kernel uses for PREFIX (empty: no route).
via() { routes | awk -v p="$1" '$1 == p { print $3 }'; }

# Next hops in isp: node1 and node2, per address family of PREFIX.
NODE1_V4=198.51.100.18 NODE1_V6=2001:db8:100:2::2
NODE2_V4=198.51.100.50 NODE2_V6=2001:db8:100:4::2
hop() {	# NODE(1|2) PREFIX: that node's next hop for PREFIX's family
	case $1:$2 in
	1:*:*) echo $NODE1_V6 ;; 1:*) echo $NODE1_V4 ;;
	2:*:*) echo $NODE2_V6 ;; 2:*) echo $NODE2_V4 ;;
	esac
}

# routed_to PREFIX NODE(1|2|none): isp's kernel routes PREFIX to that node (none: not at all).
routed_to() {
	local v
	v=$(via "$1")
	if [ "$2" = none ]; then [ -z "$v" ]; else [ "$v" = "$(hop "$2" "$1")" ]; fi
}

# wait_route SECONDS PREFIX NODE(1|2|none): until routed_to; prints the ms it took.
wait_route() {
	local secs=$1 t0 i
	t0=$(ms)
	for i in $(seq $((secs * 100))); do
		if routed_to "$2" "$3"; then
			echo $(($(ms) - t0))
			return 0
		fi
		sleep 0.01
	done
	local want="via node$3 ($(hop "$3" "$2"))"
	[ "$3" != none ] || want="no route"
	fail "isp route for $2: want $want, have '$(via "$2")' after $secs s"
}

# learned NODE(1|2): every prefix isp's BIRD has from that node's sessions (best or not), sorted, one line.
learned() {
	{ isp_birdc show route protocol "node$1_v4"; isp_birdc show route protocol "node$1_v6"; } 2>/dev/null |
		awk '$1 ~ /^[0-9a-f:.]+\/[0-9]+$/ { print $1 }' | LC_ALL=C sort | tr '\n' ' '
}

# TENANT_PREFIXES: the anycast prefixes per tenant of the demo configs.
ROOT_PREFIXES="192.0.2.0/24 2001:db8:a::/48"
TLD_PREFIXES="203.0.113.0/24 2001:db8:b::/48"
ALL_PREFIXES_SORTED="192.0.2.0/24 2001:db8:a::/48 2001:db8:b::/48 203.0.113.0/24 "

# identity_at ADDR: hostname.bind as the client gets it from ADDR (no quotes).
identity_at() { q client "$1" hostname.bind TXT -c CH | tr -d '"'; }

# ---- background helpers, stopped when the case exits (lab_up's trap)

BG_PIDS=
# bg CMD...: run CMD in the background (its pid is in $!).
bg() {
	"$@" &
	BG_PIDS="$BG_PIDS $!"
}
stop_bg() {
	local p
	for p in $BG_PIDS; do
		kill "$p" 2>/dev/null || true
	done
	for p in $BG_PIDS; do
		wait "$p" 2>/dev/null || true
	done
	BG_PIDS=
}

# monitor_routes FILE: `ip -ts monitor route` in isp into FILE, in the
# background; returns once it records (a marker route added and removed in isp).
monitor_routes() {
	bg ip netns exec "$LAB_PREFIX-isp" ip -ts monitor route >"$1" 2>&1
	local i
	for i in $(seq 100); do
		on isp ip route replace blackhole 198.51.100.248/29 2>/dev/null || true
		on isp ip route del blackhole 198.51.100.248/29 2>/dev/null || true
		grep -q 'Deleted blackhole 198.51.100.248/29' "$1" && return 0
		sleep 0.05
	done
	fail "ip monitor route in isp does not record"
}

# route_event_ms FILE PREFIX deleted|added [AFTER_MS]: the epoch ms of the
# first such event for PREFIX in a monitor_routes FILE (after AFTER_MS);
# "added" also counts a route changing next hop.  Empty if none.
route_event_ms() {
	local ts
	while read -r ts; do
		ts=$(date -d "$ts" +%s%3N) || continue
		[ "$ts" -ge "${4:-0}" ] || continue
		echo "$ts"
		return 0
	done < <(awk -v p="$2" -v kind="$3" '
		{ ts = substr($1, 2, length($1) - 2) }
		kind == "deleted" && $2 == "Deleted" && $3 == p { print ts }
		kind == "added" && $2 == p { print ts }' "$1")
}

# poll_dns HOST ADDR QNAME QTYPE FILE [CLASS]: tests/lab/dnsclock in HOST in
# the background: a query to ADDR every 10 ms (answer timeout 500 ms).
# FILE gets "SEQ SENT_MS DONE_MS ANSWER" per query (ANSWER "-": no reply).
poll_dns() {
	bg ip netns exec "$LAB_PREFIX-$1" "$ROOT/tests/lab/dnsclock" -i 10 -t 500 "$2" "$3" "$4" "${6:-IN}" >"$5"
}

# log_ms LOGFILE PATTERN [AFTER_MS]: epoch ms of the first outpost-node log
# line matching the (grep -E) PATTERN, at or after AFTER_MS; empty if none.
log_ms() {
	local ts
	for ts in $(grep -E "$2" "$1" | cut -d' ' -f1); do
		ts=$(date -d "$ts" +%s%3N) || continue
		[ "$ts" -lt "${3:-0}" ] || { echo "$ts"; return 0; }
	done
}

# wait_route_event SECONDS FILE PREFIX deleted|added AFTER_MS: until such an
# event is in the monitor_routes FILE; prints its epoch ms.
wait_route_event() {
	local secs=$1 i t
	for i in $(seq $((secs * 20))); do
		t=$(route_event_ms "$2" "$3" "$4" "$5")
		[ -z "$t" ] || { echo "$t"; return 0; }
		sleep 0.05
	done
	fail "isp: no route $4 for $3 within $secs s"
}
