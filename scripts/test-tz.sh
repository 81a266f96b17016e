#!/usr/bin/env bash
# npm run test:tz: the calendar-date tests under two far-apart time zones (UTC+13 and UTC-8), as
# scripts/test.sh runs them: a time record's day must never shift with the machine's zone.
set -euo pipefail
cd "$(dirname "$0")/.."
for tz in Pacific/Auckland America/Los_Angeles; do
	TZ=$tz npx jest test/actions/calendarDate test/actions/timeRecordRead test/actions/timeRecordWrite
done
