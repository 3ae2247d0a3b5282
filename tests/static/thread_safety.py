#!/usr/bin/env python3
"""Checks the suite's lock annotations (ABSL_GUARDED_BY, ABSL_EXCLUSIVE_LOCKS_REQUIRED, ...) with
clang's -Wthread-safety analysis. The build itself uses g++, which ignores the annotations; this
compiles every source of the suite once more with clang, syntax only (no code is generated, so it
costs a fraction of a build), with the flags of build/compile_commands.json and every
thread-safety warning an error. Generated protobuf code is skipped.

Usage: thread_safety.py BUILD_DIR [JOBS]   exits 1 when any file has a finding or fails to parse.
"""
import json
import os
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

CLANG = os.environ.get("CS_CLANGXX", "clang++-14")
# g++ warning options clang does not know, and options that would produce output.
DROP_PREFIXES = ("-o", "-c", "-W", "-fdiagnostics-color")


def clang_command(entry, root):
    args = shlex.split(entry["command"]) if "command" in entry else list(entry["arguments"])
    # Skip the launcher (ccache) and the compiler.
    while args and not args[0].startswith("-") and not args[0].endswith((".cc", ".cpp")):
        compiler = args.pop(0)
        if "ccache" not in compiler:
            break
    out = [CLANG, "-fsyntax-only", "-Wno-everything", "-Wthread-safety", "-Wthread-safety-beta",
           "-Werror=thread-safety", "-Werror=thread-safety-beta"]
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
            continue
        if arg in ("-o", "-MF", "-MT", "-MQ"):
            skip_next = True
            continue
        if arg.startswith(DROP_PREFIXES) or arg in ("-MD", "-MMD"):
            continue
        out.append(arg)
    return out


def main():
    build = os.path.abspath(sys.argv[1])
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    todo = []
    seen = set()
    for entry in entries:
        source = os.path.abspath(os.path.join(entry["directory"], entry["file"]))
        if not source.startswith(root + os.sep) or source.startswith(build + os.sep):
            continue  # generated code
        if source in seen:
            continue
        seen.add(source)
        todo.append((source, entry))

    def check(item):
        source, entry = item
        result = subprocess.run(clang_command(entry, root), cwd=entry["directory"],
                                capture_output=True, text=True)
        return source, result.returncode, result.stderr

    failures = 0
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for source, code, stderr in pool.map(check, sorted(todo)):
            if code != 0:
                failures += 1
                print(f"== {os.path.relpath(source, root)}\n{stderr}", flush=True)
    print(f"thread-safety analysis: {len(todo)} files, {failures} with findings")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
