#!/bin/sh
# ENTRYPOINT of the suite's image (deploy/Dockerfile): runs the program named by the first argument
# with the rest as its arguments, as the container's process 1 (exec: signals reach it directly, and
# every service shuts down gracefully on SIGTERM).
#
#   docker run IMAGE intake --grpc_port=50051 ...
#   docker run IMAGE grpc_health_probe --addr=host:50051
#   docker run IMAGE --list            the programs in the image
set -eu
# The programs lie beside this script (/opt/cs/bin in the image).
bin=$(dirname "$0")

programs() {
  for program in "$bin"/*; do
    [ "${program##*/}" = cs-entrypoint ] || echo "  ${program##*/}"
  done
}

case "${1:---list}" in
  --list | -h | --help)
    echo "usage: docker run IMAGE PROGRAM [FLAGS...]; PROGRAM is one of:"
    programs
    exit 0
    ;;
  */* | .* | cs-entrypoint)
    ;;
  *)
    if [ -x "$bin/$1" ]; then
      program=$1
      shift
      exec "$bin/$program" "$@"
    fi
    ;;
esac
echo "cs-entrypoint: unknown program \"$1\"; one of:" >&2
programs >&2
exit 64
