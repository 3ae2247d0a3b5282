#!/usr/bin/python3
"""Starts a service and times it from exec to its first grpc.health.v1 SERVING answer.

Used by tests/bench/startup_and_memory.sh. The launcher is this one Python process, with grpc
imported before the exec, so the interpreter's own start-up is not counted in the service's.

  start_to_serving.py --port PORT --log FILE [--timeout SECONDS] -- COMMAND [ARG...]

Prints one line "pid=<pid> seconds=<exec to SERVING>" and exits 0, leaving the service running
(the caller stops it by its pid). When the service exits first or is not SERVING within the
timeout, prints the reason and exits 1 (the service, if still alive, is killed).
"""
import argparse
import datetime
import socket
import subprocess
import sys
import time

import grpc

# grpc.health.v1.Health/Check with an empty HealthCheckRequest (the server as a whole); the answer
# HealthCheckResponse{status: SERVING} is field 1, varint 1. Raw bytes spare a dependency on the
# grpcio-health-checking package, which this machine's python3 lacks.
_CHECK = "/grpc.health.v1.Health/Check"
_SERVING = b"\x08\x01"
_POLL_SECONDS = 0.005


def port_accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.05):
            return True
    except OSError:
        return False


def is_serving(port):
    # A new channel per attempt: a channel whose first connection failed waits out gRPC's
    # reconnect backoff (about 1 s), which would be counted as start-up time.
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        check = channel.unary_unary(_CHECK)
        try:
            return check(b"", timeout=1.0) == _SERVING
        except grpc.RpcError:
            return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command")

    with open(args.log, "ab") as log:
        # In the services' own log format, so the phases of a start can be read off the log's times.
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3]
        log.write(f'{{"ts":"{now}Z","event":"bench_exec"}}\n'.encode())
        log.flush()
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = started + args.timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            print(f"exited with status {process.returncode} before SERVING", file=sys.stderr)
            return 1
        # The port opens in the same call that sets health SERVING (common/server/service_server.cc),
        # so polling the port first costs nothing in precision and spares a channel per poll.
        if port_accepts(args.port) and is_serving(args.port):
            elapsed = time.monotonic() - started
            print(f"pid={process.pid} seconds={elapsed:.4f}")
            return 0
        time.sleep(_POLL_SECONDS)
    process.kill()
    print(f"not SERVING on port {args.port} within {args.timeout} s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
