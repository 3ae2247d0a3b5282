#!/usr/bin/env bash
# Rewrites the project's Prometheus configuration (deploy/prometheus/prometheus.yml, read from stdin)
# for a run on this machine (written to stdout): the target of every service given as NAME=PORT
# becomes 127.0.0.1:PORT, the target of every other service is left out (with its labels), and
# every other setting is kept as it is. deploy/run-local.sh and the end-to-end tests both use it, so
# both run the configuration compose deploys.
#
#   prometheus-local-config.sh [--rules-base DIR] [--interval DURATION] NAME=PORT... <in.yml >out.yml
#
#   --rules-base DIR     relative rule_files entries become DIR/<entry> (the input's own directory,
#                        when the output is written elsewhere and the rules are not copied with it)
#   --interval DURATION  scrape interval, scrape timeout and evaluation interval (tests: e.g. 1s)
#
# A NAME without a target "NAME:<port>" in the input, or a targets line of another shape, is an
# error (exit 1): the input is this project's file, whose every target is one service.
set -euo pipefail

rules_base="" interval="" ports=()
while (($#)); do
  case $1 in
    --rules-base) rules_base=${2:?--rules-base needs a directory}; shift 2 ;;
    --interval) interval=${2:?--interval needs a duration}; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *=*) ports+=("$1"); shift ;;
    *) echo "not NAME=PORT: $1" >&2; exit 2 ;;
  esac
done

awk -v rules_base="$rules_base" -v interval="$interval" -v ports="${ports[*]}" -v q="'" '
function indent(line) { match(line, /^ */); return RLENGTH }
BEGIN {
  n = split(ports, pairs, " ")
  for (i = 1; i <= n; i++) {
    split(pairs[i], kv, "=")
    port[kv[1]] = kv[2]
  }
  skip_deeper_than = -1
}
# The lines under a target that is left out (its labels), up to the next item at its level.
skip_deeper_than >= 0 {
  if ($0 ~ /^ *$/ || indent($0) > skip_deeper_than) next
  skip_deeper_than = -1
}
/^[A-Za-z_]+:/ {
  section = $0
  sub(/:.*/, "", section)
  print
  if (section == "global" && interval != "") {
    print "  scrape_interval: " interval
    print "  scrape_timeout: " interval
    print "  evaluation_interval: " interval
    global_done = 1
  }
  next
}
section == "global" && interval != "" && /^ +(scrape_interval|scrape_timeout|evaluation_interval):/ { next }
section == "rule_files" && rules_base != "" && /^ *- / {
  entry = $0
  sub(/^ *- */, "", entry)
  gsub("^[\"" q "]|[\"" q "]$", "", entry)
  if (entry !~ /^\//) {
    match($0, /^ *- */)
    print substr($0, 1, RLENGTH) "\"" rules_base "/" entry "\""
    next
  }
}
/^ *- targets:/ {
  if (!match($0, "\\[ *[\"" q "]?[A-Za-z0-9_.-]+:[0-9]+[\"" q "]? *\\]")) {
    print "prometheus-local-config.sh: a targets line that is not one service: " $0 > "/dev/stderr"
    failed = 1
    exit 1
  }
  target = substr($0, RSTART, RLENGTH)
  gsub("[][ \"" q "]", "", target)
  name = target
  sub(/:.*/, "", name)
  if (name in port) {
    line = $0
    sub(/\[.*\]/, "[\"127.0.0.1:" port[name] "\"]", line)
    print line
    found[name] = 1
  } else {
    match($0, /^ *-/)
    skip_deeper_than = RLENGTH - 1
  }
  next
}
{ print }
END {
  if (failed) exit 1
  if (interval != "" && !global_done) {
    print "global:"
    print "  scrape_interval: " interval
    print "  scrape_timeout: " interval
    print "  evaluation_interval: " interval
  }
  for (name in port) {
    if (!(name in found)) {
      print "prometheus-local-config.sh: no target \"" name ":<port>\" in the configuration" > "/dev/stderr"
      exit 1
    }
  }
}
'
