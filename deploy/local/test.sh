#!/usr/bin/env bash
# The test command (README, .ci/run): installs what is missing, starts a throwaway PostgreSQL 15
# cluster of its own, builds, runs `swift test` against it, and stops and removes the cluster,
# whatever the outcome. Extra arguments go to `swift test` (e.g. --filter Migration).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/../.."

export MUJUN_PG_NAME=test
deploy/local/pg.sh setup
deploy/local/pg.sh destroy >/dev/null 2>&1 || true
eval "$(deploy/local/pg.sh start)"
trap 'deploy/local/pg.sh destroy' EXIT

# Tests run the real binary too (exit codes, CLI output): build everything first.
swift build
swift test "$@"
