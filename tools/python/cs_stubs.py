"""Python stubs of the suite's protos, generated from proto/ the way a client team would make them.

protoc with grpc_python_plugin (Debian's protobuf-compiler-grpc; the grpc module is Debian's
python3-grpcio, loaded by /usr/bin/python3) writes a module per .proto into a directory put first
on sys.path, so `importlib.import_module("cs.intake.v1.intake_pb2")` finds it. One copy for every
Python client of the suite: tests/python/intake_client_test.py and tools/demo/demo.py.

    with cs_stubs.TemporaryStubs() as stubs:
        intake_pb2 = stubs.module("cs.intake.v1.intake_pb2")
"""
import importlib
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
# CS_PROTO_ROOT: another checkout's proto/ (the e2e tests pass their source tree's).
DEFAULT_PROTO_ROOT = pathlib.Path(os.environ.get("CS_PROTO_ROOT", ROOT / "proto"))


def generate(out_dir, proto_root=DEFAULT_PROTO_ROOT):
    """Writes the modules of every .proto under `proto_root` into `out_dir` and puts it on sys.path.

    Raises subprocess.CalledProcessError (protoc's message on stderr) when a proto does not compile.
    """
    proto_root = pathlib.Path(proto_root)
    protos = sorted(str(p.relative_to(proto_root)) for p in proto_root.rglob("*.proto"))
    subprocess.run(
        ["protoc", f"-I{proto_root}", f"--python_out={out_dir}", f"--grpc_python_out={out_dir}",
         "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin", *protos],
        check=True)
    sys.path.insert(0, str(out_dir))


class TemporaryStubs:
    """The stubs in a temporary directory, removed by close() (or at the end of a `with`)."""

    def __init__(self, proto_root=DEFAULT_PROTO_ROOT):
        self._dir = tempfile.TemporaryDirectory(prefix="cs-python-stubs-")
        generate(self._dir.name, proto_root)

    @staticmethod
    def module(name):
        """A generated module by its dotted name, e.g. "cs.routing.v1.routing_pb2_grpc"."""
        return importlib.import_module(name)

    def close(self):
        if str(self._dir.name) in sys.path:
            sys.path.remove(str(self._dir.name))
        self._dir.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
