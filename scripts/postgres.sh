#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the tests and benchmarks;
# no system service is started or left running.
#
#   scripts/postgres.sh install        installs Debian's postgresql if no initdb is found
#   scripts/postgres.sh start DIR      makes a cluster in DIR, starts it on a free port and
#                                      prints the address of its database `crosscheck`
#   scripts/postgres.sh stop DIR       stops it and removes DIR
#   scripts/postgres.sh database URL NAME
#                                      (re)creates database NAME on the cluster of URL
#                                      and prints its address
#
# CROSSCHECK_PG_DURABLE=1 keeps PostgreSQL's defaults (fsync on) for
# benchmarks; otherwise the cluster skips fsync, as a test's throwaway data may.
set -euo pipefail

pg_bin() {
  local initdb
  initdb=$(command -v initdb 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 || true)
  [[ -n "$initdb" ]] && dirname "$(readlink -f "$initdb")"
}

install() {
  if [[ -n "$(pg_bin || true)" ]]; then
    return
  fi
  echo "installing PostgreSQL (Debian's postgresql package)" >&2
  # The package would make and start a cluster as a system service: it is
  # told to make none, and services may not start while it installs.
  mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
  local policy=/usr/sbin/policy-rc.d had_policy=0
  [[ -e $policy ]] && had_policy=1
  if [[ $had_policy == 0 ]]; then
    printf '#!/bin/sh\nexit 101\n' >$policy
    chmod +x $policy
  fi
  local status=0
  # confold keeps the createcluster.conf written above.
  local apt=(apt-get install -y -qq --no-install-recommends
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold postgresql)
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${apt[@]}" >/dev/null
  } || status=$?
  [[ $had_policy == 0 ]] && rm -f $policy
  return $status
}

# Runs a PostgreSQL program as the cluster's owner: initdb and postgres
# refuse to run as root, so root runs them as the `postgres` user.
as_owner() {
  if [[ $(id -u) == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local dir=$1 bin port
  install
  bin=$(pg_bin)
  mkdir -p "$dir"
  dir=$(readlink -f "$dir")
  [[ $(id -u) == 0 ]] && chown postgres "$dir"
  port=$(free_port)
  as_owner "$bin/initdb" -D "$dir/data" -U crosscheck --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  local options="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir"
  if [[ "${CROSSCHECK_PG_DURABLE:-0}" != 1 ]]; then
    options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$options" -w -t 60 start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
  echo "$port" >"$dir/port"
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U crosscheck crosscheck
  echo "postgres://crosscheck@127.0.0.1:$port/crosscheck"
}

stop() {
  local dir=$1 bin
  bin=$(pg_bin) || true
  if [[ -n "$bin" && -d "$dir/data" ]]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

database() {
  local url=$1 name=$2 bin host port user
  bin=$(pg_bin)
  read -r host port user < <(python3 -c '
import sys, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
print(u.hostname or "127.0.0.1", u.port or 5432, u.username or "postgres")' "$url")
  "$bin/dropdb" -h "$host" -p "$port" -U "$user" --if-exists --force "$name" 2>/dev/null
  "$bin/createdb" -h "$host" -p "$port" -U "$user" -E UTF8 -T template0 "$name"
  echo "postgres://$user@$host:$port/$name"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case "${1:-}" in
  install) install ;;
  start) start "${2:?start needs a directory}" ;;
  stop) stop "${2:?stop needs a directory}" ;;
  database) database "${2:?database needs a URL}" "${3:?database needs a name}" ;;
  free-port) free_port ;;
  *) echo "usage: scripts/postgres.sh install | start DIR | stop DIR | database URL NAME | free-port" >&2; exit 2 ;;
esac
