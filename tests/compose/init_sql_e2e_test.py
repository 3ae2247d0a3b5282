#!/usr/bin/env python3
"""The MariaDB init of docker-compose.yml applied for real (issue 12), and each service started the
way compose starts it: without a Docker engine, the containers are emulated from the rendered
compose file (`docker-compose config`, .env from .env.example, secrets from
deploy/compose-secrets.sh).

1. The init directory mounted into mariadb's /docker-entrypoint-initdb.d is processed as the
   official image's entrypoint does (each *.sh sourced, *.sql piped), with docker_process_sql
   running SQL as the test server's admin (CS_TEST_MYSQL_*, as root would in the container) and
   the mariadb service's environment, its paths mapped through its mounts.
2. Each service of the suite's image runs from this build's binary with exactly its compose
   environment — paths mapped through its mounts and secrets, `mariadb` and the peers' names mapped
   to loopback, ports moved to free ones — so it logs in with ITS OWN account and password file and
   checks callers against the operator's token file (no --dev_mode); the health check compose runs
   (grpc_health_probe) must say SERVING.
3. Each account sees only its own schema and cannot read another's; the archive's own account may
   not change its access log (its grants were applied by its migration account), which the running
   archive confirms (cs_archive_access_log_append_only 1); no service's own account may UPDATE or
   DELETE its audit_log, which each running service confirms (cs_<service>_audit_log_append_only 1).
4. SIGTERM stops each service with exit code 0.

Uses the real schema and account names (cs_intake, …) on the test server, dropped before and after.
Usage: init_sql_e2e_test.py --source REPO --build BUILD_DIR
"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

import compose_lib

ARGS = None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_secret(path):
    with open(path, encoding="utf-8") as file:
        return file.read().rstrip("\r\n")


class TestServer:
    """The MariaDB of tests/run.sh (CS_TEST_MYSQL_*)."""

    def __init__(self):
        missing = [name for name in ("CS_TEST_MYSQL_HOST", "CS_TEST_MYSQL_PORT",
                                     "CS_TEST_MYSQL_USER", "CS_TEST_MYSQL_PASSWORD")
                   if name not in os.environ]
        if missing:
            raise AssertionError(f"{', '.join(missing)} unset: run ./tests/run.sh, which starts "
                                 "a private MariaDB and exports them")
        self.host = os.environ["CS_TEST_MYSQL_HOST"]
        self.port = os.environ["CS_TEST_MYSQL_PORT"]
        self.admin = os.environ["CS_TEST_MYSQL_USER"]
        self.admin_password = os.environ["CS_TEST_MYSQL_PASSWORD"]

    def client(self, user, password):
        """argv and environment of the mariadb client logged in as user (password not on argv)."""
        env = {"PATH": "/usr/bin:/bin", "MYSQL_PWD": password}
        return ["mariadb", "--no-defaults", "--batch", "--skip-column-names",
                f"--host={self.host}", f"--port={self.port}", f"--user={user}"], env

    def sql(self, user, password, statement):
        argv, env = self.client(user, password)
        return subprocess.run([*argv, "-e", statement], capture_output=True, text=True, env=env,
                              check=False)

    def admin_sql(self, statement):
        done = self.sql(self.admin, self.admin_password, statement)
        if done.returncode != 0:
            raise AssertionError(f"{statement}: {done.stderr}")
        return done.stdout


class InitSqlE2eTest(unittest.TestCase):
    processes = {}

    @classmethod
    def setUpClass(cls):
        cls.source = ARGS.source
        cls.server = TestServer()
        cls.table = compose_lib.service_table(cls.source)
        cls.rendered = compose_lib.RenderedCompose(cls.source)
        cls.config = cls.rendered.config()
        cls.apps = compose_lib.app_services(cls.config)
        cls.logs = tempfile.mkdtemp(prefix="cs-init-sql-e2e.")
        cls.drop_accounts()
        cls.apply_init()

    @classmethod
    def tearDownClass(cls):
        for process in cls.processes.values():
            if process.poll() is None:
                process.kill()
                process.wait()
        cls.drop_accounts()
        cls.rendered.close()
        shutil.rmtree(cls.logs, ignore_errors=True)

    @classmethod
    def accounts(cls):
        """[(service, schema, [accounts])]."""
        result = []
        for name in sorted(cls.apps):
            schema = cls.table[name][2]
            accounts = [schema, f"{schema}_migration"]
            result.append((name, schema, accounts))
        return result

    @classmethod
    def drop_accounts(cls):
        for _, schema, accounts in cls.accounts():
            cls.server.admin_sql(f"DROP DATABASE IF EXISTS `{schema}`; " + " ".join(
                f"DROP USER IF EXISTS '{account}'@'%';" for account in accounts))

    @classmethod
    def container_env(cls, service, translate):
        env = {"PATH": "/usr/bin:/bin", "HOME": cls.logs}
        for key, value in compose_lib.environment(service).items():
            env[key] = translate(key, value)
        return env

    @classmethod
    def apply_init(cls):
        mariadb = cls.config["services"]["mariadb"]
        mounts = {target: source for source, target, _ in compose_lib.bind_mounts(mariadb)}
        init_dir = mounts["/docker-entrypoint-initdb.d"]
        # /run/secrets of the container: a directory of links to the files compose would mount.
        secrets_dir = os.path.join(cls.logs, "mariadb-run-secrets")
        os.mkdir(secrets_dir)
        for path, host_file in compose_lib.secret_mounts(cls.config, mariadb).items():
            os.symlink(host_file, os.path.join(secrets_dir, os.path.basename(path)))

        def translate(key, value):
            if value == "/run/secrets":
                return secrets_dir
            if value.startswith("/run/secrets/"):
                return os.path.join(secrets_dir, os.path.basename(value))
            if value.startswith("/"):
                return compose_lib.host_path(cls.config, mariadb, value) or value
            return value

        env = cls.container_env(mariadb, translate)
        env["MYSQL_PWD"] = cls.server.admin_password
        client, _ = cls.server.client(cls.server.admin, "")
        # What the image's entrypoint does with /docker-entrypoint-initdb.d (see its
        # docker_process_init_files): *.sh run when executable, else sourced; *.sql piped.
        script = f"""set -eo pipefail
shopt -s nullglob
docker_process_sql() {{ {' '.join(client)} "$@"; }}
for f in "$1"/*; do
  case "$f" in
    *.sh) if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
    *.sql) docker_process_sql <"$f" ;;
    *) echo "ignoring $f" ;;
  esac
done
"""
        done = subprocess.run(["bash", "-c", script, "init", init_dir], capture_output=True,
                              text=True, env=env, check=False)
        if done.returncode != 0:
            raise AssertionError(f"the init directory failed:\n{done.stdout}{done.stderr}")
        cls.init_output = done.stdout

    def test_init_scripts_are_sourced_not_run(self):
        # Sourced, they have the entrypoint's docker_process_sql (root over the socket).
        mariadb = self.config["services"]["mariadb"]
        mounts = {target: source for source, target, _ in compose_lib.bind_mounts(mariadb)}
        for entry in os.listdir(mounts["/docker-entrypoint-initdb.d"]):
            path = os.path.join(mounts["/docker-entrypoint-initdb.d"], entry)
            self.assertFalse(os.access(path, os.X_OK), f"{path} is executable")
        self.assertIn("schema and account of", self.init_output)

    def test_services_start_with_their_own_accounts_and_only_see_their_schema(self):
        ports = {name: (free_port(), free_port()) for name in self.apps}
        probe = os.path.join(ARGS.build, "tools", "grpc-health-probe", "grpc_health_probe")
        health = {}
        for name, service in sorted(self.apps.items()):
            grpc, metrics = ports[name]

            def translate(key, value, service=service, grpc=grpc, metrics=metrics):
                if key == "CS_GRPC_PORT":
                    return str(grpc)
                if key == "CS_METRICS_PORT":
                    return str(metrics)
                if key == "CS_MYSQL_HOST":
                    self.assertEqual(value, "mariadb")
                    return self.server.host
                if key == "CS_MYSQL_PORT":
                    return self.server.port
                if key.endswith("_ADDRESS"):
                    peer = value.rpartition(":")[0]
                    return f"127.0.0.1:{ports[peer][0]}"
                if value.startswith("/"):
                    path = compose_lib.host_path(self.config, service, value)
                    self.assertIsNotNone(path, f"{name}: {value} is not mounted")
                    return path
                return value

            env = self.container_env(service, translate)
            # Loopback only on the test machine (compose: every interface of the container).
            env["CS_GRPC_ADDRESS"] = env["CS_METRICS_ADDRESS"] = "127.0.0.1"
            binary = os.path.join(ARGS.build, "services", name, name)
            command = [binary, *service["command"][1:]]
            with open(os.path.join(self.logs, f"{name}.log"), "w", encoding="utf-8") as log:
                self.processes[name] = subprocess.Popen(command, env=env, stdout=log,
                                                        stderr=subprocess.STDOUT)
            test = service["healthcheck"]["test"]
            self.assertEqual(test[:2], ["CMD", compose_lib.PROBE_IN_IMAGE])
            health[name] = [probe, *[f"--addr=127.0.0.1:{grpc}" if arg.startswith("--addr=")
                                     else arg for arg in test[2:]]]

        for name in sorted(self.apps):
            deadline = time.monotonic() + 90
            while True:
                if self.processes[name].poll() is not None:
                    self.fail(f"{name} exited with {self.processes[name].returncode}:\n"
                              f"{self.log_tail(name)}")
                checked = subprocess.run(health[name], capture_output=True, text=True,
                                         check=False)
                if checked.returncode == 0:
                    self.assertIn("SERVING", checked.stdout)
                    break
                if time.monotonic() > deadline:
                    self.fail(f"{name} not SERVING: {checked.stderr}\n{self.log_tail(name)}")
                time.sleep(0.2)
            self.assertNotIn("development_tokens_accepted", self.log_tail(name))

        for name, schema, accounts in self.accounts():
            service = self.apps[name]
            env = compose_lib.environment(service)
            passwords = {schema: read_secret(compose_lib.host_path(
                self.config, service, env["CS_MYSQL_PASSWORD_FILE"]))}
            if len(accounts) > 1:
                passwords[accounts[1]] = read_secret(compose_lib.host_path(
                    self.config, service, env["CS_MIGRATION_PASSWORD_FILE"]))
            for account in accounts:
                with self.subTest(account=account):
                    seen = self.server.sql(account, passwords[account], "SHOW DATABASES")
                    self.assertEqual(seen.returncode, 0, seen.stderr)
                    self.assertEqual(sorted(seen.stdout.split()), sorted(["information_schema", schema]))
                    for other in (s for _, s, _ in self.accounts() if s != schema):
                        read = self.server.sql(account, passwords[account],
                                               f"SELECT COUNT(*) FROM `{other}`.schema_migrations")
                        self.assertNotEqual(read.returncode, 0, f"{account} read {other}")
                        self.assertRegex(read.stderr, r"denied")
            with self.subTest(service=name, check="tables made"):
                tables = self.server.sql(schema, passwords[schema], f"SHOW TABLES FROM `{schema}`")
                self.assertIn("schema_migrations", tables.stdout.split())

        if "archive" in self.apps:
            archive_password = read_secret(compose_lib.host_path(
                self.config, self.apps["archive"],
                compose_lib.environment(self.apps["archive"])["CS_MYSQL_PASSWORD_FILE"]))
            update = self.server.sql("cs_archive", archive_password,
                                     "UPDATE cs_archive.access_log SET reason = reason")
            self.assertRegex(update.stderr, r"UPDATE command denied")
            with urllib.request.urlopen(f"http://127.0.0.1:{ports['archive'][1]}/metrics",
                                        timeout=10) as response:
                metrics = response.read().decode()
            self.assertRegex(metrics, r"(?m)^cs_archive_access_log_append_only 1(\.0)?$")

        # Every service's own account may not rewrite its audit trail (issue 16): its migration
        # account granted it SELECT and INSERT on audit_log only, which the service confirms.
        for name in sorted(self.apps):
            schema = self.table[name][2]
            own_password = read_secret(compose_lib.host_path(
                self.config, self.apps[name],
                compose_lib.environment(self.apps[name])["CS_MYSQL_PASSWORD_FILE"]))
            with self.subTest(service=name, check="audit_log append-only"):
                update = self.server.sql(schema, own_password,
                                         f"UPDATE `{schema}`.audit_log SET result = result")
                self.assertRegex(update.stderr, r"UPDATE command denied")
                delete = self.server.sql(schema, own_password,
                                         f"DELETE FROM `{schema}`.audit_log")
                self.assertRegex(delete.stderr, r"DELETE command denied")
                with urllib.request.urlopen(f"http://127.0.0.1:{ports[name][1]}/metrics",
                                            timeout=10) as response:
                    metrics = response.read().decode()
                metric = f"cs_{name.replace('-', '_')}_audit_log_append_only"
                self.assertRegex(metrics, rf"(?m)^{metric} 1(\.0)?$")

        for name in sorted(self.apps):
            process = self.processes[name]
            process.send_signal(signal.SIGTERM)
            self.assertEqual(process.wait(timeout=30), 0, self.log_tail(name))

    def log_tail(self, name):
        with open(os.path.join(self.logs, f"{name}.log"), encoding="utf-8",
                  errors="replace") as log:
            return "".join(log.readlines()[-15:])


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", required=True)
    parser.add_argument("--build", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
