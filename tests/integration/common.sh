# common.sh: what every integration helper library shares: failing, notes, time in ms, waiting.
# SPDX-License-Identifier: ISC
# Sourced by lib.sh (lab cases), gate.sh (gate cases) and netcfg-lib/lib.sh.

fail() { echo "FAIL: $*" >&2; exit 1; }
# tests/run's timeout sends SIGTERM: exit through the case's EXIT trap,
# which removes what it made (a signal without a trap would skip it).
trap 'echo "FAIL: terminated (SIGTERM: the case ran past its time)" >&2; exit 143' TERM
trap 'exit 130' INT
note() { echo "-- $*"; }
ms() { echo $(($(date +%s%N) / 1000000)); }

# wait_for SECONDS DESCRIPTION COMMAND...: poll every 20 ms until COMMAND succeeds.
wait_for() {
	local secs=$1 what=$2 i
	shift 2
	for i in $(seq $((secs * 50))); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.02
	done
	fail "$what: not within $secs s"
}
