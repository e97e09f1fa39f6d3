#!/usr/bin/env bash
# Runs every check and test; ends with `tests: N passed, N failed[, N skipped]` and exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_bun
ensure_deps
ensure_postgres || exit 1
ensure_nats || exit 1
ensure_redis || exit 1
# a missing chromium is reported by the browser tests themselves, as failures with the reason
ensure_chromium || true
export APOLLO_TELEMETRY_DISABLED=true

passed=0; failed=0; skipped=0

log "check:types (tsc --noEmit over every workspace)"
if bun run check:types; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "check:types FAILED" >&2; fi

log "bun test"
out="$(mktemp)"
bun test --timeout 60000 "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
p=$(grep -Eo '^ *[0-9]+ pass$' "$out" | tail -1 | grep -Eo '[0-9]+' || echo 0)
f=$(grep -Eo '^ *[0-9]+ fail$' "$out" | tail -1 | grep -Eo '[0-9]+' || echo 0)
s=$(grep -Eo '^ *[0-9]+ skip$' "$out" | tail -1 | grep -Eo '[0-9]+' || echo 0)
rm -f "$out"
passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
# a crash before the summary is a failure even if nothing was counted
if [[ $status -ne 0 && $f -eq 0 ]]; then failed=$((failed + 1)); echo "bun test exited $status" >&2; fi
if [[ $p -eq 0 ]]; then failed=$((failed + 1)); echo "bun test ran no test" >&2; fi

line="tests: $passed passed, $failed failed"
[[ $skipped -gt 0 ]] && line="$line, $skipped skipped"
echo "$line"
[[ $failed -eq 0 ]]
