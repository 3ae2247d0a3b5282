#!/usr/bin/python3
"""Tests of check_dashboards.py: a sound dashboard passes, and each kind of fault is reported.

Each test writes a small source tree (provisioning, rule file, dashboards) in a temporary directory
and runs the checker on it with the real promtool. Run: check_dashboards_test.py [--promtool PATH]
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_dashboards.py")
PROMTOOL = "promtool"

DATASOURCE = """apiVersion: 1
datasources:
  - name: Prometheus
    uid: test-prom
    type: prometheus
    url: http://prometheus:9090
"""
PROVIDER = """apiVersion: 1
providers:
  - name: cs
    type: file
    options:
      path: /var/lib/grafana/dashboards
"""
RULES = """groups:
  - name: g
    rules:
      - record: cs:thing_ratio:1h
        expr: sum by (unit) (rate(cs_thing_total[1h]))
"""
DS = {"type": "prometheus", "uid": "test-prom"}


def good_dashboard(uid="good"):
    return {
        "uid": uid, "title": f"Dashboard {uid}", "tags": ["cs"], "schemaVersion": 38,
        "templating": {"list": [{
            "name": "unit", "type": "query", "datasource": DS, "multi": True, "includeAll": True,
            "allValue": ".*", "query": {"query": "label_values(cs_thing_total, unit)"}}]},
        "panels": [
            {"id": 1, "type": "row", "title": "Row", "gridPos": {"x": 0, "y": 0, "w": 24, "h": 1}},
            {"id": 2, "type": "timeseries", "title": "Rate", "datasource": DS,
             "gridPos": {"x": 0, "y": 1, "w": 12, "h": 8},
             "targets": [{"refId": "A", "datasource": DS,
                          "expr": 'sum by (unit) (rate(cs_thing_total{unit=~"$unit"}[$__rate_interval]))'}]},
            {"id": 3, "type": "stat", "title": "Ratio", "datasource": DS,
             "gridPos": {"x": 12, "y": 1, "w": 12, "h": 8},
             "targets": [{"refId": "A", "datasource": DS, "expr": 'cs:thing_ratio:1h{unit=~"${unit}"} * 100'},
                         {"refId": "B", "datasource": DS,
                          "expr": 'max({__name__=~"cs_.+_pending", unit=~"$unit"}) or vector(0)'}]},
        ],
    }


class CheckDashboardsTest(unittest.TestCase):
    def run_checker(self, dashboards, exported=None):
        with tempfile.TemporaryDirectory() as root:
            for path, text in (("deploy/grafana/provisioning/datasources/prometheus.yml", DATASOURCE),
                               ("deploy/grafana/provisioning/dashboards/cs.yml", PROVIDER),
                               ("deploy/prometheus/rules/thing.yml", RULES)):
                os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
                with open(os.path.join(root, path), "w") as f:
                    f.write(text)
            os.makedirs(os.path.join(root, "deploy/grafana/dashboards"))
            for name, dashboard in dashboards.items():
                with open(os.path.join(root, "deploy/grafana/dashboards", name), "w") as f:
                    f.write(dashboard if isinstance(dashboard, str) else json.dumps(dashboard))
            args = [sys.executable, CHECKER, "--promtool", PROMTOOL]
            if exported is not None:
                with open(os.path.join(root, "exported.txt"), "w") as f:
                    f.write("\n".join(exported))
                args += ["--exported-metrics", os.path.join(root, "exported.txt")]
            result = subprocess.run(args + [root], capture_output=True, text=True)
            return result.returncode, result.stderr

    def assert_finds(self, dashboards, *messages, exported=None):
        status, errors = self.run_checker(dashboards, exported)
        self.assertEqual(status, 1, errors)
        for message in messages:
            self.assertIn(message, errors)

    def test_a_sound_dashboard_passes(self):
        status, errors = self.run_checker({"a.json": good_dashboard("a"), "b.json": good_dashboard("b")})
        self.assertEqual(status, 0, errors)
        status, errors = self.run_checker({"a.json": good_dashboard()},
                                          exported=["cs_thing_total", "cs_intake_pending"])
        self.assertEqual(status, 0, errors)

    def test_invalid_promql_is_reported_by_promtool(self):
        d = good_dashboard()
        d["panels"][1]["targets"][0]["expr"] = "sum(rate(cs_thing_total[5m])"
        self.assert_finds({"a.json": d}, "could not parse expression", "panel 2 'Rate' target A")

    def test_unknown_names(self):
        d = good_dashboard()
        d["panels"][2]["targets"][0]["expr"] = "cs:nothing:1h + node_load1"
        self.assert_finds({"a.json": d}, "cs:nothing:1h is not a recording rule",
                          "node_load1 is neither a cs_ metric nor a recording rule")

    def test_names_not_exported_by_the_services(self):
        self.assert_finds({"a.json": good_dashboard()}, "cs_thing_total is not exported",
                          '__name__=~"cs_.+_pending" matches no exported metric', exported=["cs_other_total"])

    def test_structure(self):
        d = good_dashboard()
        d["schemaVersion"] = 27
        d["panels"][2]["id"] = 2
        d["panels"][2]["gridPos"]["x"] = 6
        d["panels"][1]["datasource"] = {"type": "prometheus", "uid": "elsewhere"}
        d["panels"][1]["targets"].append({"refId": "A", "datasource": DS, "expr": "cs_thing_total"})
        self.assert_finds({"a.json": d, "b.json": good_dashboard(), "c.json": "{not json"},
                          "schemaVersion 27", "id is used by another panel", "overlaps panel",
                          "uid 'elsewhere' is not provisioned", "refId missing or used twice",
                          "uid good is also the uid of a.json", "c.json: not JSON")

    def test_variables(self):
        d = good_dashboard()
        d["panels"][1]["targets"][0]["expr"] = 'cs_thing_total{unit="$unit", b=~"$nosuch"}'
        self.assert_finds({"a.json": d}, "multi-value $unit used with = in unit=",
                          "$nosuch is not a template variable")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--promtool":
        PROMTOOL = sys.argv[2]
        del sys.argv[1:3]
    unittest.main()
