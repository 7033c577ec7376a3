#!/usr/bin/env bash
# The main command (README): installs what a fresh Debian machine lacks, builds mujun, and runs
# `mujun demo` on the embedded default — the local PostgreSQL of deploy/local (cluster "demo",
# started if needed and left running) with a generated county. Extra arguments go to
# `mujun demo` (e.g. --enterprises 10000). Running it again changes nothing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/../.."

deploy/local/pg.sh setup
swift build -c release --product mujun 2>&1 | tail -1
bin=$(swift build -c release --show-bin-path)/mujun
# The embedded default: the local cluster "demo", started here (idempotent) and left running.
eval "$(MUJUN_PG_NAME=demo deploy/local/pg.sh start)"
exec "$bin" demo "$@"
