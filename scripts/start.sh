#!/usr/bin/env bash
# Starts the whole platform from a fresh clone: installs Bun if missing, installs dependencies, then runs
# scripts/start.ts (arguments and environment pass through; see that file for the settings).
set -euo pipefail

BUN_VERSION=1.4.5
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v bun >/dev/null 2>&1; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "start.sh: bun is not installed and npm is missing: install bun $BUN_VERSION (https://bun.sh) and retry" >&2
    exit 1
  fi
  echo "start.sh: installing bun $BUN_VERSION with npm" >&2
  # npm may refuse bun's postinstall script; the binary it ships still runs
  npm install --global "bun@$BUN_VERSION"
  hash -r
  command -v bun >/dev/null 2>&1 || { echo "start.sh: bun is still not on PATH (npm prefix: $(npm prefix -g)/bin)" >&2; exit 1; }
fi

if [[ -f bun.lock ]]; then
  bun install --frozen-lockfile
else
  bun install
fi

exec bun scripts/start.ts "$@"
