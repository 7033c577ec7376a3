#!/usr/bin/env bash
# The main command (README): on the embedded default — a local PostgreSQL this script starts,
# kept running afterwards — build mujun, migrate, and show its status.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/../.."

export MUJUN_PG_NAME=${MUJUN_PG_NAME:-demo}
deploy/local/pg.sh setup
eval "$(deploy/local/pg.sh start)"
swift build -c release --product mujun
bin=$(swift build -c release --show-bin-path)/mujun
"$bin" migrate
"$bin" status
echo
echo "The database stays up. To query it: eval \"\$(MUJUN_PG_NAME=$MUJUN_PG_NAME deploy/local/pg.sh env)\"; psql"
echo "To remove it: MUJUN_PG_NAME=$MUJUN_PG_NAME deploy/local/pg.sh destroy"
