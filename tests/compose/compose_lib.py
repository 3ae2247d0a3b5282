"""What the tests of docker-compose.yml and deploy/Dockerfile share: the service table of README.md,
the compose file rendered by Debian's docker-compose with a .env made from .env.example and the secret
files deploy/compose-secrets.sh makes, and readers for the rendered file. Python 3 standard library
and PyYAML (Debian python3-yaml) only.
"""
import os
import re
import shutil
import subprocess
import tempfile

import yaml

COMPOSE = "/usr/bin/docker-compose"
PROBE_IN_IMAGE = "/opt/cs/bin/grpc_health_probe"


def service_table(source_dir):
    """{name: (grpc_port, metrics_port, schema)} from the service table of README.md."""
    table = {}
    with open(os.path.join(source_dir, "README.md"), encoding="utf-8") as readme:
        for line in readme:
            match = re.match(r"^\| ([a-z][a-z-]*) \| (\d+) \| (\d+) \| `(cs_[a-z_]+)` \|", line)
            if match:
                table[match.group(1)] = (int(match.group(2)), int(match.group(3)), match.group(4))
    if len(table) < 3:
        raise AssertionError("README.md has no service table (| name | grpc | metrics | `schema` |)")
    return table


def clean_env(home):
    """An environment without the caller's CS_* variables, which would override .env."""
    return {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": home, "LANG": "C.UTF-8"}


class RenderedCompose:
    """docker-compose.yml rendered with .env.example (CS_SECRETS_DIR pointed at fresh secrets made by
    deploy/compose-secrets.sh) in a temporary directory; close() removes it."""

    def __init__(self, source_dir, env_overrides=None):
        self.source_dir = source_dir
        self.tmp = tempfile.mkdtemp(prefix="cs-compose-test.")
        self.secrets_dir = os.path.join(self.tmp, "secrets")
        self.env_file = os.path.join(self.tmp, ".env")
        lines = []
        with open(os.path.join(source_dir, ".env.example"), encoding="utf-8") as example:
            for line in example:
                key = line.split("=", 1)[0]
                if key == "CS_SECRETS_DIR":
                    line = f"CS_SECRETS_DIR={self.secrets_dir}\n"
                elif env_overrides and key in env_overrides:
                    line = f"{key}={env_overrides[key]}\n"
                lines.append(line)
        with open(self.env_file, "w", encoding="utf-8") as env:
            env.writelines(lines)
        made = subprocess.run([os.path.join(source_dir, "deploy/compose-secrets.sh"),
                               self.secrets_dir], capture_output=True, text=True,
                              env=clean_env(self.tmp), check=False)
        if made.returncode != 0:
            raise AssertionError(f"deploy/compose-secrets.sh failed:\n{made.stdout}{made.stderr}")

    def compose(self, *args):
        """Runs docker-compose on the repository's file with the .env; returns CompletedProcess."""
        command = [COMPOSE, "--project-directory", self.source_dir,
                   "-f", os.path.join(self.source_dir, "docker-compose.yml"),
                   "--env-file", self.env_file, *args]
        return subprocess.run(command, capture_output=True, text=True, env=clean_env(self.tmp),
                              cwd=self.tmp, check=False)

    def config(self):
        """The rendered configuration, as a dict."""
        rendered = self.compose("config")
        if rendered.returncode != 0:
            raise AssertionError(f"docker-compose config failed:\n{rendered.stderr}")
        return yaml.safe_load(rendered.stdout)

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def app_services(config):
    """The services run from the suite's image (built from deploy/Dockerfile): {name: service}."""
    return {name: service for name, service in config["services"].items()
            if service.get("build", {}).get("dockerfile") == "deploy/Dockerfile"}


def bind_mounts(service):
    """[(host_source, container_target, read_only)] of a rendered service's bind mounts (compose
    v1 renders "src:dst:ro" strings, v2 mappings)."""
    mounts = []
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            parts = volume.split(":")
            if parts[0].startswith("/"):
                mounts.append((parts[0], parts[1], len(parts) > 2 and "ro" in parts[2].split(",")))
        elif volume.get("type") == "bind":
            mounts.append((volume["source"], volume["target"], bool(volume.get("read_only"))))
    return mounts


def secret_mounts(config, service):
    """{container_path: host_file} of a rendered service's secrets."""
    mounts = {}
    for secret in service.get("secrets", []):
        source = secret if isinstance(secret, str) else secret["source"]
        target = source if isinstance(secret, str) else secret.get("target", source)
        path = target if target.startswith("/") else f"/run/secrets/{target}"
        mounts[path] = config["secrets"][source]["file"]
    return mounts


def host_path(config, service, container_path):
    """The host file or directory a container path of `service` is, through its secrets and bind
    mounts; None when it is not mounted from the host."""
    secrets = secret_mounts(config, service)
    if container_path in secrets:
        return secrets[container_path]
    for source, target, _ in bind_mounts(service):
        if container_path == target or container_path.startswith(target.rstrip("/") + "/"):
            return source + container_path[len(target.rstrip("/")):]
    return None


def published_ports(service):
    """[(host_ip, host_port or None, container_port)] of a rendered service."""
    result = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            published = port.get("published")
            result.append((port.get("host_ip", ""), int(published) if published else None,
                           int(port["target"])))
            continue
        spec = str(port).split("/")[0]
        parts = spec.split(":")
        container = int(parts[-1])
        host = parts[-2] if len(parts) >= 2 else ""
        host_ip = parts[-3] if len(parts) >= 3 else ""
        result.append((host_ip, int(host) if host else None, container))
    return result


def environment(service):
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def built_services(source_dir):
    """Every folder of services/ with a main.cc: the image builds the binary of that name."""
    services_dir = os.path.join(source_dir, "services")
    return sorted(name for name in os.listdir(services_dir)
                  if os.path.isfile(os.path.join(services_dir, name, "main.cc")))


def grants_file(source_dir, service):
    return os.path.join(source_dir, "deploy", "sql", f"{service}_grants.sql")
