# lib.sh: shared by the lab integration cases: a lab of their own, removed on exit, and small assertions.
# Sourced by tests/integration/*/run; not a case itself (no run file here).
set -eu
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export LAB_PREFIX=${LAB_PREFIX:-otest}
export LAB_RUN=${LAB_RUN:-/run/outpost-test}
export OUTPOST_BIN=${OUTPOST_BIN:-$ROOT/build}
LAB=$ROOT/tests/lab/lab
NODELOG=$LAB_RUN/node/outpost-node.log
NODECONF=$LAB_RUN/node/node.conf

fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "-- $*"; }

lab() { "$LAB" "$@"; }
on() { local h=$1; shift; "$LAB" exec "$h" "$@"; }

# lab_up [lab up args]: a fresh lab, torn down when the case exits, however it exits.
lab_up() {
	trap 'rc=$?; [ $rc = 0 ] || { echo "--- tail of $NODELOG"; tail -n 40 "$NODELOG" 2>/dev/null; }; "$LAB" down >/dev/null 2>&1; exit $rc' EXIT
	"$LAB" up "$@" >/dev/null || fail "lab up failed"
}

# q HOST ADDR NAME TYPE [dig options]: the answer section, short form.
q() {
	local h=$1 a=$2 n=$3 t=$4
	shift 4
	on "$h" dig @"$a" "$n" "$t" +short +time=1 +tries=1 "$@" 2>/dev/null
}

# serial ADDR ZONE: the SOA serial served at ADDR, asked from client.
serial() { q client "$1" "$2" SOA | awk '{ print $3 }'; }

# wait_for SECONDS DESCRIPTION COMMAND...: poll every 50 ms until COMMAND succeeds.
wait_for() {
	local secs=$1 what=$2 i
	shift 2
	for i in $(seq $((secs * 20))); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	fail "$what: not within $secs s"
}

# tenant_nsd TENANT: host pid of the tenant's main NSD process (the container's init).
tenant_nsd() {
	local cpid
	cpid=$(pgrep -f "crun --root $LAB_RUN/node/state/crun run .* nsd-$1\$" | head -n 1)
	[ -n "$cpid" ] || return 1
	pgrep -P "$cpid" | head -n 1 | grep .
}

node_pid() { cat "$LAB_RUN/node/outpost-node.pid"; }
