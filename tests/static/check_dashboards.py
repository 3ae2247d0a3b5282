#!/usr/bin/python3
"""Checks the Grafana dashboards of deploy/grafana against the project's Prometheus side.

Always (ctest grafana_dashboards_test, no database needed):
  - the provisioning names one Prometheus data source with a uid, and every dashboard, panel, target
    and template variable refers to it;
  - every dashboard JSON parses, has a unique uid and title, schemaVersion >= 36, panels with unique
    ids that lie on the 24-column grid without overlapping, and targets with an expression;
  - every template variable a query uses is defined (or one of Grafana's own, $__rate_interval …),
    and a multi-value variable is only used in a regular-expression matcher (=~, !~);
  - every panel and variable query is valid PromQL: with the variables replaced by regex-safe
    values, the expressions are written as recording rules into a generated rule file that
    `promtool check rules` must accept;
  - every metric name a query uses is a cs_ metric, a Prometheus built-in (up, ALERTS …) or, when it
    has a colon, a recording rule of deploy/prometheus/rules/*.yml.

With --exported-metrics FILE (the end-to-end test writes it from real scrapes of the running
services: one metric name per line), every cs_ name must be one of those, and a {__name__=~"…"}
matcher must match at least one of them.

With --prometheus URL (a real Prometheus loaded with the project's configuration and rules, as the
end-to-end test runs it), every query is also evaluated there and must be accepted; with
--require-data it must return at least one sample, except the panels named by --allow-empty
"<file>:<panel title>"; every variable must have values; and every rule of the loaded rule files
must evaluate without error and use only exported or recorded metric names.

Usage: check_dashboards.py [--promtool PATH] [--exported-metrics FILE] [--prometheus URL]
                           [--require-data] [--allow-empty FILE:TITLE]... [SOURCE_DIR]
Exit status 0 when everything holds; 1 with every finding on stderr.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

MIN_SCHEMA_VERSION = 36
PANEL_TYPES = {"row", "stat", "timeseries", "bargauge", "gauge", "piechart", "table", "text",
               "heatmap", "state-timeline", "status-history", "barchart", "histogram"}
# What Grafana substitutes itself, and a value that keeps the expression valid (a rate window of
# 5 minutes, about what a day-long dashboard gets).
BUILTIN_VARIABLES = {"__rate_interval": "5m", "__interval": "1m", "__range": "1h",
                     "__interval_ms": "60000", "__range_s": "3600", "__range_ms": "3600000"}
# Series Prometheus makes itself rather than scraping.
PROMETHEUS_METRICS = {"up", "scrape_duration_seconds", "scrape_samples_scraped",
                      "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS",
                      "ALERTS_FOR_STATE"}
PROMQL_KEYWORDS = {"and", "or", "unless", "bool", "by", "without", "on", "ignoring", "group_left",
                   "group_right", "offset", "inf", "nan", "start", "end", "atan2"}
VARIABLE = re.compile(r"\$\{(\w+)(?::[^}]*)?\}|\$(\w+)|\[\[(\w+)(?::[^\]]*)?\]\]")
STRING = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|`[^`]*`')
MATCHER = re.compile(r'([A-Za-z_]\w*)\s*(=~|!~|!=|=)\s*("(?:\\.|[^"\\])*")')


class Findings:
    def __init__(self):
        self.errors = []

    def add(self, where, message):
        self.errors.append(f"{where}: {message}")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def provisioned_datasource_uids(root, findings):
    uids = set()
    files = sorted(glob.glob(os.path.join(root, "deploy/grafana/provisioning/datasources/*.yml")))
    for path in files:
        text = read(path)
        if not re.search(r"^\s*type:\s*prometheus\s*$", text, re.M):
            findings.add(path, "no data source of type prometheus")
        uids.update(re.findall(r"^\s*uid:\s*['\"]?([\w-]+)", text, re.M))
    if not files:
        findings.add("deploy/grafana/provisioning/datasources", "no data source file")
    elif not uids:
        findings.add("deploy/grafana/provisioning/datasources", "no data source has a uid")
    providers = glob.glob(os.path.join(root, "deploy/grafana/provisioning/dashboards/*.yml"))
    if not any(re.search(r"^\s*path:\s*\S+", read(p), re.M) for p in providers):
        findings.add("deploy/grafana/provisioning/dashboards", "no file provider with a path")
    return uids


def recording_rule_names(root):
    names = set()
    for path in glob.glob(os.path.join(root, "deploy/prometheus/rules/*.yml")):
        names.update(re.findall(r"^\s*(?:-\s*)?record:\s*['\"]?([A-Za-z_:][\w:]*)", read(path), re.M))
    return names


def all_panels(panels):
    for panel in panels:
        yield panel
        yield from all_panels(panel.get("panels", []))


def check_datasource(where, datasource, uids, findings):
    if not isinstance(datasource, dict) or datasource.get("type") != "prometheus":
        findings.add(where, f"datasource must be {{type: prometheus, uid: …}}, is {datasource!r}")
    elif datasource.get("uid") not in uids:
        findings.add(where, f"datasource uid {datasource.get('uid')!r} is not provisioned {sorted(uids)}")


def substitute(where, expr, variables, findings):
    """The expression with every variable replaced by a value that keeps it valid PromQL."""
    # Multi-value variables become (a|b) alternations: only a regular-expression matcher takes them.
    for label, op, value in MATCHER.findall(expr):
        for match in VARIABLE.finditer(value):
            name = next(g for g in match.groups() if g)
            if variables.get(name, {}).get("multi") and op not in ("=~", "!~"):
                findings.add(where, f"multi-value ${name} used with {op} in {label}{op}{value}")

    def replace(match):
        name = next(g for g in match.groups() if g)
        if name in BUILTIN_VARIABLES:
            return BUILTIN_VARIABLES[name]
        if name in variables:
            return variables[name]["value"]
        findings.add(where, f"${name} is not a template variable of the dashboard")
        return ".*"

    return VARIABLE.sub(replace, expr)


def metric_names(expr):
    """(names, name regexes) an expression selects. Enough PromQL for dashboards and rules."""
    regexes = [m.group(2)[1:-1] for m in re.finditer(r'__name__\s*(=~)\s*("(?:\\.|[^"\\])*")', expr)]
    names = {m.group(2)[1:-1] for m in re.finditer(r'__name__\s*(=)\s*("(?:\\.|[^"\\])*")', expr)}
    text = STRING.sub('""', expr)
    text = re.sub(r"\{[^{}]*\}", " ", text)           # label matchers
    text = re.sub(r"\[[^\[\]]*\]", " ", text)         # ranges and subqueries
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)", " ", text)
    text = re.sub(r"\boffset\s+-?\w+", " ", text)
    text = re.sub(r"(?<![\w:])\d[\w.]*", " ", text)   # numbers (1e3, 0x1f, 86400)
    for match in re.finditer(r"[A-Za-z_:][\w:]*", text):
        word = match.group(0)
        rest = text[match.end():].lstrip()
        if rest.startswith("(") or word in PROMQL_KEYWORDS:
            continue  # a function or aggregation, or an operator
        names.add(word)
    return names, regexes


def check_names(where, expr, recorded, exported, findings):
    names, regexes = metric_names(expr)
    for name in sorted(names):
        if ":" in name:
            if name not in recorded:
                findings.add(where, f"{name} is not a recording rule of deploy/prometheus/rules")
        elif name in PROMETHEUS_METRICS:
            continue
        elif exported is not None:
            if name not in exported:
                findings.add(where, f"{name} is not exported by any running service")
        elif not name.startswith("cs_"):
            findings.add(where, f"{name} is neither a cs_ metric nor a recording rule")
    for regex in regexes:
        if exported is not None and not any(re.fullmatch(regex, n) for n in exported):
            findings.add(where, f'__name__=~"{regex}" matches no exported metric')


def load_dashboards(root, uids, findings):
    """Every query of every dashboard: dicts with where, key, expr, kind (panel or variable)."""
    queries = []
    seen_uids, seen_titles = {}, {}
    files = sorted(glob.glob(os.path.join(root, "deploy/grafana/dashboards/*.json")))
    if not files:
        findings.add("deploy/grafana/dashboards", "no dashboard")
    for path in files:
        file = os.path.basename(path)
        try:
            dashboard = json.loads(read(path))
        except (ValueError, UnicodeDecodeError) as e:
            findings.add(file, f"not JSON: {e}")
            continue
        uid, title = dashboard.get("uid"), dashboard.get("title")
        if not isinstance(uid, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", uid):
            findings.add(file, f"uid {uid!r} is not 1-40 letters, digits, - or _")
        elif uid in seen_uids:
            findings.add(file, f"uid {uid} is also the uid of {seen_uids[uid]}")
        seen_uids.setdefault(uid, file)
        if not title:
            findings.add(file, "no title")
        elif title in seen_titles:
            findings.add(file, f"title {title!r} is also the title of {seen_titles[title]}")
        seen_titles.setdefault(title, file)
        if not isinstance(dashboard.get("schemaVersion"), int) or dashboard["schemaVersion"] < MIN_SCHEMA_VERSION:
            findings.add(file, f"schemaVersion {dashboard.get('schemaVersion')!r} < {MIN_SCHEMA_VERSION}")
        if "cs" not in dashboard.get("tags", []):
            findings.add(file, "not tagged cs (the dashboards link to each other by that tag)")

        variables = {}
        for variable in dashboard.get("templating", {}).get("list", []):
            name = variable.get("name", "")
            where = f"{file} variable ${name}"
            kind = variable.get("type")
            if kind == "query":
                check_datasource(where, variable.get("datasource"), uids, findings)
                query = variable.get("query")
                query = query.get("query", "") if isinstance(query, dict) else (query or "")
                variables[name] = {"value": ".*", "multi": variable.get("multi") or variable.get("includeAll")}
                if variable.get("includeAll") and variable.get("allValue") not in (".*", ".+"):
                    findings.add(where, "includeAll without allValue .* (Grafana would list every value)")
                match = re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\s*\)\s*", query)
                if match:
                    queries.append({"where": where, "key": f"{file}:${name}", "kind": "variable",
                                    "expr": match.group(1), "label": match.group(2)})
                elif re.fullmatch(r"\s*query_result\((.*)\)\s*", query):
                    queries.append({"where": where, "key": f"{file}:${name}", "kind": "variable_query",
                                    "expr": re.fullmatch(r"\s*query_result\((.*)\)\s*", query).group(1)})
                else:
                    findings.add(where, f"query {query!r} is neither label_values(…) nor query_result(…)")
            elif kind == "interval":
                variables[name] = {"value": "5m", "multi": False}
            elif kind == "custom":
                first = (variable.get("query") or "").split(",")[0].strip()
                variables[name] = {"value": re.escape(first) or ".*", "multi": variable.get("multi")}
            elif kind in ("constant", "textbox"):
                variables[name] = {"value": re.escape(str(variable.get("query", ""))) or ".*", "multi": False}
            else:
                findings.add(where, f"variable type {kind!r} is not checked by this script")
        for query in queries:
            if query["where"].startswith(f"{file} variable"):
                query["expr"] = substitute(query["where"], query["expr"], variables, findings)

        ids, cells = set(), {}
        for panel in all_panels(dashboard.get("panels", [])):
            pid, ptype, ptitle = panel.get("id"), panel.get("type"), panel.get("title", "")
            where = f"{file} panel {pid} {ptitle!r}"
            if not isinstance(pid, int):
                findings.add(where, "id is not an integer")
            elif pid in ids:
                findings.add(where, "id is used by another panel of the dashboard")
            ids.add(pid)
            if ptype not in PANEL_TYPES:
                findings.add(where, f"type {ptype!r} is not a core panel type")
            if not ptitle:
                findings.add(where, "no title")
            grid = panel.get("gridPos", {})
            try:
                x, y, w, h = (int(grid[k]) for k in ("x", "y", "w", "h"))
            except (KeyError, TypeError, ValueError):
                findings.add(where, f"gridPos {grid!r} lacks x, y, w or h")
            else:
                if x < 0 or w <= 0 or h <= 0 or x + w > 24:
                    findings.add(where, f"gridPos {grid} is off the 24-column grid")
                for cx in range(x, x + w):
                    for cy in range(y, y + h):
                        if (cx, cy) in cells:
                            findings.add(where, f"overlaps panel {cells[(cx, cy)]}")
                            break
                        cells[(cx, cy)] = pid
                    else:
                        continue
                    break
            if ptype in ("row", "text"):
                continue
            check_datasource(where, panel.get("datasource"), uids, findings)
            targets = panel.get("targets", [])
            if not targets:
                findings.add(where, "no targets")
            refs = set()
            for target in targets:
                ref = target.get("refId")
                twhere = f"{where} target {ref}"
                if not ref or ref in refs:
                    findings.add(twhere, "refId missing or used twice")
                refs.add(ref)
                check_datasource(twhere, target.get("datasource", panel.get("datasource")), uids, findings)
                expr = target.get("expr", "")
                if not expr.strip():
                    findings.add(twhere, "no expr")
                    continue
                queries.append({"where": twhere, "key": f"{file}:{ptitle}", "kind": "panel",
                                "expr": substitute(twhere, expr, variables, findings)})
    return queries


def promtool_check(promtool, queries, findings):
    """Every expression as a recording rule of a generated rule file, through promtool check rules."""
    groups = []
    for i, query in enumerate(queries):
        groups.append({"name": f"{i}: {query['where']}",
                       "rules": [{"record": f"dashboard:query_{i}:check", "expr": query["expr"]}]})
    with tempfile.NamedTemporaryFile("w", suffix=".yml", prefix="cs-dashboard-queries-", delete=False) as f:
        json.dump({"groups": groups}, f, indent=1, ensure_ascii=False)  # JSON is YAML
        path = f.name
    try:
        result = subprocess.run([promtool, "check", "rules", path], capture_output=True, text=True)
    except OSError as e:
        findings.add("promtool", f"cannot run {promtool}: {e}")
        return
    finally:
        os.unlink(path)
    if result.returncode != 0:
        findings.add("promtool check rules (panel and variable queries as recording rules)",
                     (result.stdout + result.stderr).strip())


def api(url, path, params=None):
    query = ("?" + urllib.parse.urlencode(params)) if params else ""
    try:
        with urllib.request.urlopen(f"{url}{path}{query}", timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        try:
            return json.load(e)
        except ValueError:
            return {"status": "error", "error": f"HTTP {e.code}"}


def check_against_prometheus(url, queries, recorded, exported, require_data, allow_empty, findings):
    empty = []
    for query in queries:
        expr = query["expr"]
        if query["kind"] == "variable":
            expr = f"count by ({query['label']}) ({expr})"
        answer = api(url, "/api/v1/query", {"query": expr})
        if answer.get("status") != "success":
            findings.add(query["where"], f"Prometheus refused {expr}: {answer.get('error')}")
            continue
        if not answer["data"]["result"]:
            empty.append(query)
    used_allowances = set()
    for query in empty:
        if query["kind"] != "panel":
            findings.add(query["where"], "the variable has no values")
        elif query["key"] in allow_empty:
            used_allowances.add(query["key"])
        elif require_data:
            findings.add(query["where"], f"no data: {query['expr']}")
    for key in sorted(set(allow_empty) - {q["key"] for q in queries}):
        findings.add("--allow-empty", f"{key} names no panel")
    print(f"{len(queries) - len(empty)} of {len(queries)} queries returned data"
          + "".join(f"\n  empty: {q['where']}" for q in empty))

    # Every rule of the loaded files, evaluated at least once.
    give_up = time.monotonic() + 30
    while True:
        answer = api(url, "/api/v1/rules")
        rules = [(group["file"], group["name"], rule)
                 for group in answer.get("data", {}).get("groups", []) for rule in group["rules"]]
        if all(rule.get("health") != "unknown" for _, _, rule in rules) or time.monotonic() > give_up:
            break
        time.sleep(0.2)
    if not rules:
        findings.add("Prometheus /api/v1/rules", "no rule loaded")
    loaded = set()
    for file, group, rule in rules:
        where = f"{os.path.basename(file)} group {group} rule {rule['name']}"
        loaded.add(rule["name"])
        if rule.get("health") != "ok":
            findings.add(where, f"health {rule.get('health')}: {rule.get('lastError', '')}")
        check_names(where, rule["query"], recorded, exported, findings)
    print(f"{len(rules)} rules loaded, {sum(r.get('health') == 'ok' for _, _, r in rules)} evaluated without error")
    for name in sorted(recorded - loaded):
        findings.add("Prometheus /api/v1/rules", f"recording rule {name} is not loaded")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source_dir", nargs="?",
                        default=os.path.normpath(os.path.join(os.path.dirname(__file__), "../..")))
    parser.add_argument("--promtool", default="promtool")
    parser.add_argument("--exported-metrics")
    parser.add_argument("--prometheus")
    parser.add_argument("--require-data", action="store_true")
    parser.add_argument("--allow-empty", action="append", default=[])
    args = parser.parse_args()

    findings = Findings()
    uids = provisioned_datasource_uids(args.source_dir, findings)
    recorded = recording_rule_names(args.source_dir)
    exported = None
    if args.exported_metrics:
        exported = {line.strip() for line in read(args.exported_metrics).splitlines() if line.strip()}
    queries = load_dashboards(args.source_dir, uids, findings)
    for query in queries:
        check_names(query["where"], query["expr"], recorded, exported, findings)
    if queries:
        promtool_check(args.promtool, queries, findings)
    if args.prometheus:
        check_against_prometheus(args.prometheus.rstrip("/"), queries, recorded, exported,
                                 args.require_data, set(args.allow_empty), findings)
    panels = sum(1 for q in queries if q["kind"] == "panel")
    print(f"{len(queries)} queries checked ({panels} panel targets) in "
          f"{len(glob.glob(os.path.join(args.source_dir, 'deploy/grafana/dashboards/*.json')))} dashboards")
    if findings.errors:
        print(f"{len(findings.errors)} problems:", file=sys.stderr)
        for error in findings.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
