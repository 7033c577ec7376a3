#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for development, tests and the demo.
#
#   deploy/local/pg.sh setup     install what a fresh Debian machine lacks (root: apt-get)
#   deploy/local/pg.sh start     create the cluster if missing and start it; prints the PG* exports
#   deploy/local/pg.sh env       print the PG* exports (eval "$(deploy/local/pg.sh env)")
#   deploy/local/pg.sh status    say whether it runs
#   deploy/local/pg.sh stop      stop it (keeps the data)
#   deploy/local/pg.sh destroy   stop it and delete its folder
#
# MUJUN_PG_NAME picks the cluster (default "dev"; the test command uses "test"), so tests never
# touch the demo's data. The cluster lives in .local/pg-NAME of the checkout, or, when the
# postgres user cannot reach the checkout (a 0700 home folder), under $TMPDIR (details.md #83).
# It listens on a unix socket in its own folder only: no port can clash with another server.
# Every subcommand is idempotent: calling it twice is safe.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
name=${MUJUN_PG_NAME:-dev}
port=${MUJUN_PG_PORT:-5432}
pgbin=${MUJUN_PG_BIN:-/usr/lib/postgresql/15/bin}
database=${MUJUN_PG_DATABASE:-mujun}

say() { printf 'pg.sh: %s\n' "$*" >&2; }

# The unprivileged user that runs the server when we are root (initdb refuses root).
run_as=""
if [ "$(id -u)" = 0 ]; then run_as=postgres; fi
as_server_user() {
    if [ -n "$run_as" ]; then runuser -u "$run_as" -- "$@"; else "$@"; fi
}

cluster_dir() {
    local preferred="$root/.local/pg-$name"
    if [ -n "$run_as" ] && id "$run_as" >/dev/null 2>&1; then
        mkdir -p "$root/.local"
        if ! runuser -u "$run_as" -- test -x "$root/.local"; then
            local key
            key=$(printf '%s' "$root" | sha256sum | cut -c1-12)
            echo "${TMPDIR:-/tmp}/mujun-pg-$key-$name"
            return
        fi
    fi
    echo "$preferred"
}

setup() {
    local need=()
    [ -x "$pgbin/initdb" ] || need+=(postgresql-15)
    [ -f /usr/include/postgresql/libpq-fe.h ] || need+=(libpq-dev)
    [ -f /usr/include/csv.h ] || need+=(libcsv-dev)
    # ZIPFoundation (the lists' .xlsx) links the system zlib on Linux.
    [ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)
    command -v pkg-config >/dev/null || need+=(pkg-config)
    if [ ${#need[@]} -eq 0 ]; then say "setup: everything is installed"; return; fi
    if [ "$(id -u)" != 0 ]; then
        say "missing packages: ${need[*]}; run as root, or: sudo apt-get install ${need[*]}"
        exit 1
    fi
    say "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # Debian's postgresql-15 package creates and starts a cluster of its own; we never use it.
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

exports() {
    local dir
    dir=$(cluster_dir)
    cat <<EXPORTS
export PGHOST='$dir/socket'
export PGPORT='$port'
export PGUSER='postgres'
export PGDATABASE='$database'
EXPORTS
}

is_running() {
    local dir
    dir=$(cluster_dir)
    [ -f "$dir/data/postmaster.pid" ] && as_server_user "$pgbin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

start() {
    [ -x "$pgbin/initdb" ] || { say "PostgreSQL 15 is not installed: run deploy/local/pg.sh setup"; exit 1; }
    local dir
    dir=$(cluster_dir)
    mkdir -p "$dir"
    if [ -n "$run_as" ]; then chown "$run_as" "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        say "creating cluster $name in $dir"
        rm -rf "$dir/data"
        as_server_user mkdir -p "$dir/socket"
        # C collation: lists sort by code point (details.md #49); trust on the private socket only.
        as_server_user "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust \
            --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
        cat >>"$dir/data/postgresql.conf" <<CONF
# mujun local cluster
listen_addresses = ''
unix_socket_directories = '$dir/socket'
port = $port
max_wal_size = '8GB'
checkpoint_timeout = '30min'
shared_buffers = '512MB'
work_mem = '64MB'
maintenance_work_mem = '512MB'
max_connections = 100
timezone = 'Asia/Shanghai'
log_min_messages = warning
CONF
    fi
    if is_running; then
        say "cluster $name already running in $dir"
    else
        as_server_user "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
            || { tail -20 "$dir/server.log" >&2; exit 1; }
        say "cluster $name started in $dir"
    fi
    # The database the pipeline uses; created once.
    eval "$(exports)"
    if ! psql -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
        psql -d postgres -qc "CREATE DATABASE \"$database\"" >/dev/null
    fi
    exports
}

stop() {
    local dir
    dir=$(cluster_dir)
    if is_running; then
        as_server_user "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
        say "cluster $name stopped"
    else
        say "cluster $name is not running"
    fi
}

destroy() {
    local dir
    dir=$(cluster_dir)
    stop
    rm -rf "$dir"
    say "cluster $name removed ($dir)"
}

case "${1:-}" in
    setup) setup ;;
    start) start ;;
    env) exports ;;
    status) if is_running; then say "cluster $name runs in $(cluster_dir)"; else say "cluster $name is not running"; exit 3; fi ;;
    stop) stop ;;
    destroy) destroy ;;
    *) sed -n '2,16p' "$0" >&2; exit 64 ;;
esac
