#!/usr/bin/env bash
# Runs Grafana on this machine with the project's provisioning (deploy/grafana): the data source
# "Prometheus" pointing at PROMETHEUS_URL instead of compose's http://prometheus:9090, and the
# dashboards read straight from deploy/grafana/dashboards. State (database, plugins, the rewritten
# provisioning) lives in DIR. Replaces itself with the Grafana process (exec), logging to stdout.
#
#   grafana-local.sh DIR PROMETHEUS_URL [HOST:PORT]      (default 127.0.0.1:3000)
#
# Grafana is not a Debian package: this needs its `grafana` binary (or the older `grafana-server`)
# on PATH, e.g. from Grafana's own apt repository or release tarball. Its home directory
# (conf/defaults.ini, public/) is GRAFANA_HOME, else the directory above the binary or
# /usr/share/grafana. Exit 1 when either is missing. deploy/run-local.sh uses it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dir=${1:?usage: grafana-local.sh DIR PROMETHEUS_URL [HOST:PORT]}
prometheus_url=${2:?usage: grafana-local.sh DIR PROMETHEUS_URL [HOST:PORT]}
listen=${3:-127.0.0.1:3000}

binary=$(command -v grafana || command -v grafana-server || true)
if [[ -z $binary ]]; then
  echo "grafana-local.sh: no grafana or grafana-server on PATH (Grafana is not a Debian package;" \
    "docker-compose.yml runs it)" >&2
  exit 1
fi
home=${GRAFANA_HOME:-}
if [[ -z $home ]]; then
  for candidate in "$(dirname "$(readlink -f "$binary")")/.." /usr/share/grafana; do
    if [[ -f $candidate/conf/defaults.ini ]]; then home=$(cd "$candidate" && pwd); break; fi
  done
fi
if [[ -z $home || ! -f $home/conf/defaults.ini ]]; then
  echo "grafana-local.sh: no Grafana home directory with conf/defaults.ini: set GRAFANA_HOME" >&2
  exit 1
fi

mkdir -p "$dir/provisioning/datasources" "$dir/provisioning/dashboards" "$dir/data" "$dir/plugins" \
  "$dir/logs"
sed "s#^\( *url:\).*#\1 $prometheus_url#" "$root/deploy/grafana/provisioning/datasources/prometheus.yml" \
  >"$dir/provisioning/datasources/prometheus.yml"
sed "s#^\( *path:\).*#\1 $root/deploy/grafana/dashboards#" "$root/deploy/grafana/provisioning/dashboards/cs.yml" \
  >"$dir/provisioning/dashboards/cs.yml"

command=("$binary")
[[ $(basename "$binary") == grafana ]] && command+=(server)
export GF_PATHS_PROVISIONING=$dir/provisioning GF_PATHS_DATA=$dir/data GF_PATHS_PLUGINS=$dir/plugins
export GF_PATHS_LOGS=$dir/logs GF_LOG_MODE=console
export GF_SERVER_HTTP_ADDR=${listen%:*} GF_SERVER_HTTP_PORT=${listen##*:}
exec "${command[@]}" --homepath "$home"
