#!/usr/bin/env bash
# The calendar-date tests under two far-apart time zones (UTC+13 and UTC-8): a time record's day
# must never shift with the machine's zone. The one list of zones and files: scripts/test.sh sources
# this file and runs them as counted steps; run directly (npm run test:tz) it runs them alone.
TZ_ZONES=(Pacific/Auckland America/Los_Angeles)
TZ_TESTS=(test/actions/calendarDate test/actions/timeRecordRead test/actions/timeRecordWrite)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	cd "$(dirname "$0")/.."
	for tz in "${TZ_ZONES[@]}"; do
		TZ=$tz npx jest "${TZ_TESTS[@]}"
	done
fi
