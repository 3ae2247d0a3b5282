#!/usr/bin/env python3
"""docker-compose.yml, checked without a Docker engine (issue 12):

(a) Debian's docker-compose 1.29 validates it (`docker-compose config -q`, which checks it against
    the Compose Specification schema) with a .env made from .env.example, and again with a scaled
    service's host port left out (README: scaling);
(b) the rendered file agrees with the rest of the repository: every service of the suite's image
    has the ports of README's service table (flags, exposed and published), every CS_* variable
    names a flag its binary accepts (`<binary> --helpfull`), every path it names is mounted from an
    existing file (deploy/config, the secret files deploy/compose-secrets.sh makes), the token file
    is the operator's, every secret is declared and used, each service has a health check that runs
    grpc_health_probe with flags the real probe accepts and waits for MariaDB to be healthy; MariaDB
    makes exactly these services' accounts with the same password files the services read;
    Prometheus scrapes every service; every service binary the build makes is in the file.

Usage: compose_config_test.py --source REPO --build BUILD_DIR
"""
import argparse
import os
import re
import subprocess
import sys
import unittest

import yaml

import compose_lib

ARGS = None
# Data files every service reads from its --config_dir (README "Running a service").
COMMON_DATA_FILES = ("calendar.textproto", "units.textproto", "sla_targets.textproto")


def flags_of(binary):
    """The flag names `binary --helpfull` lists."""
    helpfull = subprocess.run([binary, "--helpfull"], capture_output=True, text=True, check=False,
                              env={"PATH": "/usr/bin:/bin"})
    flags = set(re.findall(r"^\s+--([a-z0-9_]+)\b", helpfull.stdout + helpfull.stderr, re.M))
    if "grpc_port" not in flags:
        raise AssertionError(f"{binary} --helpfull lists no --grpc_port:\n{helpfull.stdout[:2000]}")
    return flags


class ComposeConfigTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.source = ARGS.source
        cls.table = compose_lib.service_table(cls.source)
        cls.rendered = compose_lib.RenderedCompose(cls.source)
        cls.config = cls.rendered.config()
        cls.apps = compose_lib.app_services(cls.config)

    @classmethod
    def tearDownClass(cls):
        cls.rendered.close()

    def binary(self, name):
        path = os.path.join(ARGS.build, "services", name, name)
        self.assertTrue(os.access(path, os.X_OK), f"{path} is not built")
        return path

    # --- (a)
    def test_docker_compose_validates_the_file(self):
        checked = self.rendered.compose("config", "-q")
        self.assertEqual(checked.returncode, 0, checked.stderr)
        self.assertEqual(checked.stderr.strip(), "", "docker-compose warned")

    def test_a_scaled_service_without_a_host_port_validates(self):
        scaled = compose_lib.RenderedCompose(self.source,
                                             {"CS_ROUTING_PUBLISH": "127.0.0.1::50052"})
        try:
            self.assertEqual(scaled.compose("config", "-q").returncode, 0)
            routing = scaled.config()["services"]["routing"]
            self.assertEqual(compose_lib.published_ports(routing), [("127.0.0.1", None, 50052)])
        finally:
            scaled.close()

    def test_no_obsolete_version_key(self):
        # docker compose v2 warns about `version`, v1 without it reads the Compose Specification.
        with open(os.path.join(self.source, "docker-compose.yml"), encoding="utf-8") as file:
            self.assertNotIn("version", yaml.safe_load(file))

    # --- (b)
    def test_every_built_service_is_in_the_file_and_only_those(self):
        built = [name for name in compose_lib.built_services(self.source)
                 if os.path.exists(os.path.join(ARGS.build, "services", name, name))]
        self.assertTrue(built, "no service binary is built")
        self.assertEqual(sorted(self.apps), sorted(built))
        for name, service in self.apps.items():
            self.assertIn(name, self.table, f"{name} is not in README's service table")
            self.assertEqual(service.get("command"), [name], f"{name}: the image's command")

    def test_ports_match_the_service_table(self):
        for name, service in self.apps.items():
            grpc, metrics, _ = self.table[name]
            env = compose_lib.environment(service)
            with self.subTest(service=name):
                self.assertEqual(env.get("CS_GRPC_PORT"), str(grpc))
                self.assertEqual(env.get("CS_METRICS_PORT"), str(metrics))
                self.assertEqual(sorted(int(port) for port in service.get("expose", [])),
                                 sorted([grpc, metrics]))
                for _, host_port, container_port in compose_lib.published_ports(service):
                    self.assertEqual(container_port, grpc, "only the gRPC port is published")
                    self.assertIn(host_port, (grpc, None))

    def test_every_variable_names_a_flag_of_the_binary(self):
        for name, service in self.apps.items():
            flags = flags_of(self.binary(name))
            for variable in compose_lib.environment(service):
                with self.subTest(service=name, variable=variable):
                    self.assertTrue(variable.startswith("CS_"), "only CS_<FLAG> variables")
                    self.assertIn(variable[3:].lower(), flags,
                                  f"{name} has no flag --{variable[3:].lower()}")

    def test_accounts_are_the_services_own_and_tokens_the_operators(self):
        for name, service in self.apps.items():
            env = compose_lib.environment(service)
            schema = self.table[name][2]
            with self.subTest(service=name):
                self.assertEqual(env.get("CS_MYSQL_USER"), schema)
                self.assertEqual(env.get("CS_MYSQL_DATABASE"), schema)
                self.assertEqual(env.get("CS_MYSQL_HOST"), "mariadb")
                self.assertNotIn("CS_MYSQL_PASSWORD", env, "passwords come from secret files")
                self.assertEqual(env.get("CS_MYSQL_PASSWORD_FILE"),
                                 f"/run/secrets/{name}.db-password")
                self.assertNotIn("CS_DEV_MODE", env)
                self.assertNotIn("CS_TEST_CLOCK", env)
                tokens = env.get("CS_TOKENS_FILE", "")
                self.assertTrue(tokens.startswith("/run/secrets/"),
                                "the token file is a secret, never deploy/config/tokens.textproto")
                # Every service migrates with its own migration account and then grants its
                # service account per-table rights (no UPDATE/DELETE on audit_log).
                self.assertEqual(env.get("CS_MIGRATION_USER"), f"{schema}_migration")
                self.assertEqual(env.get("CS_MIGRATION_PASSWORD_FILE"),
                                 f"/run/secrets/{name}.migration-password")

    def test_every_path_is_mounted_from_an_existing_file(self):
        config_dir = os.path.realpath(os.path.join(self.source, "deploy", "config"))
        for name, service in self.apps.items():
            for source, target, read_only in compose_lib.bind_mounts(service):
                with self.subTest(service=name, mount=target):
                    self.assertTrue(os.path.exists(source), f"{source} does not exist")
                    self.assertTrue(read_only, f"{target} is not mounted read-only")
            env = compose_lib.environment(service)
            for variable, value in env.items():
                if not value.startswith("/"):
                    continue
                with self.subTest(service=name, variable=variable):
                    path = compose_lib.host_path(self.config, service, value)
                    self.assertIsNotNone(path, f"{value} is not mounted into {name}")
                    self.assertTrue(os.path.exists(path), f"{value} is {path}, which is missing")
            with self.subTest(service=name, variable="CS_CONFIG_DIR"):
                mounted = compose_lib.host_path(self.config, service, env["CS_CONFIG_DIR"])
                self.assertEqual(os.path.realpath(mounted), config_dir)
                for data_file in COMMON_DATA_FILES:
                    self.assertTrue(os.path.isfile(os.path.join(mounted, data_file)), data_file)

    def test_peer_addresses_name_services_of_the_file(self):
        for name, service in self.apps.items():
            for variable, value in compose_lib.environment(service).items():
                if not variable.endswith("_ADDRESS"):
                    continue
                with self.subTest(service=name, variable=variable):
                    host, _, port = value.rpartition(":")
                    self.assertIn(host, self.apps)
                    self.assertEqual(int(port), self.table[host][0])

    def test_every_secret_is_declared_used_and_made(self):
        used = set()
        for service in self.config["services"].values():
            for secret in service.get("secrets", []):
                source = secret if isinstance(secret, str) else secret["source"]
                self.assertIn(source, self.config.get("secrets", {}))
                used.add(source)
        for source, secret in self.config["secrets"].items():
            with self.subTest(secret=source):
                self.assertIn(source, used, "declared but mounted nowhere")
                self.assertTrue(os.path.isfile(secret["file"]),
                                f"deploy/compose-secrets.sh did not make {secret['file']}")

    def test_health_checks_run_the_probe_and_mariadb_comes_first(self):
        probe = os.path.join(ARGS.build, "tools", "grpc-health-probe", "grpc_health_probe")
        for name, service in self.apps.items():
            grpc = self.table[name][0]
            with self.subTest(service=name):
                self.assertIn(service.get("restart"), ("always", "unless-stopped", "on-failure"))
                self.assertTrue(service.get("read_only"), "read-only root file system")
                test = service.get("healthcheck", {}).get("test", [])
                self.assertEqual(test[:2], ["CMD", compose_lib.PROBE_IN_IMAGE])
                self.assertIn(f"--addr=127.0.0.1:{grpc}", test)
                self.assertEqual(service.get("depends_on", {}).get("mariadb"),
                                 {"condition": "service_healthy"})
                # The real probe takes these flags: nothing listens on port 1, so "unreachable"
                # (2), never "bad flags" (1).
                args = [arg for arg in test[2:] if not arg.startswith("--addr=")]
                run = subprocess.run([probe, "--addr=127.0.0.1:1", *args], capture_output=True,
                                     text=True, check=False)
                self.assertEqual(run.returncode, 2, run.stderr)

    def test_mariadb_makes_exactly_these_accounts(self):
        mariadb = self.config["services"]["mariadb"]
        env = compose_lib.environment(mariadb)
        self.assertEqual(sorted(env["CS_SERVICES"].split()), sorted(self.apps))
        self.assertTrue(mariadb["image"].startswith("mariadb:10.11"))
        command = mariadb.get("command", [])
        self.assertIn("--innodb-flush-log-at-trx-commit=1", command)
        self.assertIn("--collation-server=utf8mb4_nopad_bin", command)
        self.assertEqual(mariadb.get("healthcheck", {}).get("test", [None])[0], "CMD")
        mounts = {target: source for source, target, _ in compose_lib.bind_mounts(mariadb)}
        self.assertEqual(os.path.realpath(mounts["/docker-entrypoint-initdb.d"]),
                         os.path.realpath(os.path.join(self.source, "deploy", "sql", "init")))
        self.assertEqual(os.path.realpath(mounts[env["CS_SQL_DIR"]]),
                         os.path.realpath(os.path.join(self.source, "deploy", "sql")))
        secrets = compose_lib.secret_mounts(self.config, mariadb)
        for name, service in self.apps.items():
            app_secrets = compose_lib.secret_mounts(self.config, service)
            files = [f"{name}.db-password", f"{name}.migration-password"]
            for file in files:
                with self.subTest(service=name, file=file):
                    path = f"{env['CS_SECRETS_DIR']}/{file}"
                    self.assertIn(path, secrets, f"mariadb does not get {file}")
                    self.assertEqual(secrets[path], app_secrets.get(f"/run/secrets/{file}"),
                                     "mariadb and the service read different files")

    def test_prometheus_scrapes_every_service_and_grafana_is_provisioned(self):
        prometheus = self.config["services"]["prometheus"]
        mounts = {target: source for source, target, _ in compose_lib.bind_mounts(prometheus)}
        with open(mounts["/etc/prometheus/prometheus.yml"], encoding="utf-8") as file:
            scrape = yaml.safe_load(file)
        targets = {target for job in scrape["scrape_configs"]
                   for static in job.get("static_configs", []) for target in static["targets"]}
        for name in self.apps:
            self.assertIn(f"{name}:{self.table[name][1]}", targets)
        self.assertTrue(os.path.isdir(mounts["/etc/prometheus/rules"]))
        grafana = self.config["services"]["grafana"]
        mounts = {target: source for source, target, _ in compose_lib.bind_mounts(grafana)}
        self.assertEqual(os.path.realpath(mounts["/etc/grafana/provisioning"]),
                         os.path.realpath(os.path.join(self.source, "deploy/grafana/provisioning")))
        self.assertEqual(os.path.realpath(mounts["/var/lib/grafana/dashboards"]),
                         os.path.realpath(os.path.join(self.source, "deploy/grafana/dashboards")))


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", required=True)
    parser.add_argument("--build", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
