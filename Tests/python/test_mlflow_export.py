"""Runs exported to a real MLflow tracking server, read back through MLflow's own REST API.

A `mlflow server` (from the venv scripts/python-tests.sh installs Tests/python/requirements-mlflow.txt
into, named by ASSAY_MLFLOW) runs on a free loopback port with a SQLite backend and its artifact
proxy in a temporary folder. The real `assay` binary makes a run on a mock model in a git checkout
and exports it; the test then finds the MLflow run by its `assay.run_id` tag and checks its params,
metrics, tags and artifact against what `assay export --format json` says of the same run.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

EXPERIMENT = "assay-export-tests"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MLflow:
    """A running `mlflow server` and the REST calls the tests read it back with."""

    def __init__(self, url: str) -> None:
        self.url = url

    def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("content-type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as answer:
            text = answer.read().decode()
        return json.loads(text) if path.startswith("/api/2.0/mlflow/") else text

    def experiment_id(self, name: str) -> str:
        query = urllib.parse.urlencode({"experiment_name": name})
        return self.request("GET", f"/api/2.0/mlflow/experiments/get-by-name?{query}")["experiment"]["experiment_id"]

    def runs_tagged(self, experiment_id: str, assay_run_id: str) -> list[dict[str, Any]]:
        found = self.request("POST", "/api/2.0/mlflow/runs/search", {
            "experiment_ids": [experiment_id],
            "filter": f"tags.`assay.run_id` = '{assay_run_id}'",
        })
        return found.get("runs", [])


@pytest.fixture(scope="module")
def mlflow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MLflow]:
    """An `mlflow server` on loopback, stopped (with the processes it started) afterwards."""
    executable = os.environ.get("ASSAY_MLFLOW")
    if not executable or not Path(executable).exists():
        pytest.fail("ASSAY_MLFLOW names no mlflow executable: run these tests through scripts/python-tests.sh")
    folder = tmp_path_factory.mktemp("mlflow")
    port = free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [executable, "server", "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
         "--backend-store-uri", f"sqlite:///{folder / 'mlflow.db'}", "--artifacts-destination", str(folder / "artifacts")],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # The server is ready when its health endpoint answers; starting takes tens of seconds
        # on a busy machine.
        deadline = time.monotonic() + 180
        while True:
            if server.poll() is not None:
                pytest.fail(f"mlflow server exited with {server.returncode}:\n{(folder / 'server.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url + "/health", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"mlflow server did not answer within 180 s:\n{(folder / 'server.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield MLflow(url)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
        log.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git checkout with a suite and a template, so that runs carry a git revision."""
    (tmp_path / "cases.jsonl").write_text("".join(
        json.dumps({"id": f"c{index}", "input": f"{index} + {index}", "expected": str(index * 2)}) + "\n"
        for index in range(9)
    ))
    (tmp_path / "prompt.txt").write_text("Add: {{ input }}\n")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=Assay Tests", "-c", "user.email=tests@example.invalid"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "suite"], check=True)
    return tmp_path


def assay(binary: Path, project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, ASSAY_HOME=str(project / ".assay-home"), NO_COLOR="1")
    return subprocess.run([str(binary), *arguments], cwd=project, env=environment, capture_output=True, text=True, timeout=120)


def make_run(binary: Path, project: Path) -> dict[str, Any]:
    """Runs the flakey mock over the suite and returns the run as `assay export -f json` writes it."""
    ran = assay(binary, project, "run", "cases.jsonl", "--template", "prompt.txt", "--model", "flakey",
                "--metric", "exact", "--metric", "rouge")
    assert ran.returncode == 0, ran.stderr
    exported = assay(binary, project, "export", "latest", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    return json.loads(exported.stdout)


def test_a_run_exported_twice_is_one_mlflow_run_with_its_params_metrics_tags_and_results(
        mlflow: MLflow, assay_binary: Path, project: Path) -> None:
    run = make_run(assay_binary, project)
    first = assay(assay_binary, project, "export", "latest", "--mlflow", mlflow.url, "--experiment", EXPERIMENT)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"exported run {run['id'][:8]} (9 results) in MLflow experiment '{EXPERIMENT}' as run ")

    experiment_id = mlflow.experiment_id(EXPERIMENT)
    found = mlflow.runs_tagged(experiment_id, run["id"])
    assert len(found) == 1
    mlflow_run = found[0]
    run_id = mlflow_run["info"]["run_id"]
    assert run_id in first.stdout
    assert mlflow_run["info"]["run_name"] == run["name"]
    assert mlflow_run["info"]["status"] == "FINISHED"

    params = {param["key"]: param["value"] for param in mlflow_run["data"]["params"]}
    assert params["model"] == run["model"]["name"] == "flakey"
    assert params["provider"] == run["model"]["provider"]
    assert params["template_sha256"] == run["config"]["template"]["sha256"]
    assert params["metrics"] == "exact,rouge"

    metrics = {metric["key"]: metric["value"] for metric in mlflow_run["data"]["metrics"]}
    assert run["summary"], "the run has metric statistics to export"
    for entry in run["summary"]:
        key = "/".join(entry["path"])
        assert metrics[key] == pytest.approx(entry["mean"])
        assert metrics[key + "_ci_low"] == pytest.approx(entry["ci"]["lower"])
        assert metrics[key + "_ci_high"] == pytest.approx(entry["ci"]["upper"])
    assert metrics["results_errors"] == run["counts"]["errors"]

    tags = {tag["key"]: tag["value"] for tag in mlflow_run["data"]["tags"]}
    revision = subprocess.run(["git", "-C", str(project), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    assert tags["assay.run_id"] == run["id"]
    assert tags["assay.suite_sha256"] == run["config"]["suite"]["sha256"]
    assert tags["assay.git_revision"] == revision == run["config"]["assay"]["git"]["revision"]
    assert tags["assay.version"] == run["config"]["assay"]["version"]

    jsonl = assay(assay_binary, project, "export", "latest", "--format", "jsonl").stdout
    artifact_path = mlflow_run["info"]["artifact_uri"].removeprefix("mlflow-artifacts:")
    assert mlflow.request("GET", f"/api/2.0/mlflow-artifacts/artifacts{artifact_path}/results.jsonl") == jsonl

    # Again, from the command line and then from the language: the same MLflow run, updated.
    second = assay(assay_binary, project, "export", "latest", "--mlflow", mlflow.url, "--experiment", EXPERIMENT)
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith(f"updated run {run['id'][:8]} ") and run_id in second.stdout
    third = assay(assay_binary, project, "-c",
                  f'e = export(runs("latest"), mlflow: "{mlflow.url}", experiment: "{EXPERIMENT}"); print(e/run_id, e/created)')
    assert third.returncode == 0, third.stderr
    assert third.stdout.splitlines()[-1] == f"{run_id} false"
    found = mlflow.runs_tagged(experiment_id, run["id"])
    assert [again["info"]["run_id"] for again in found] == [run_id]
    history = mlflow.request("GET", "/api/2.0/mlflow/metrics/get-history?" + urllib.parse.urlencode({"run_id": run_id, "metric_key": "exact"}))
    assert len(history["metrics"]) == 3, "each export logged the metric once more on the same run"


def test_a_param_mlflow_already_holds_with_another_value_is_kept_and_named(
        mlflow: MLflow, assay_binary: Path, project: Path) -> None:
    run = make_run(assay_binary, project)
    # An MLflow run of this Assay run whose `model` param says something else (as an export by an
    # older Assay might have left): MLflow cannot change a param, so the export keeps it, says so,
    # and logs everything else.
    experiment_id = mlflow.request("POST", "/api/2.0/mlflow/experiments/create", {"name": "earlier-export"})["experiment_id"]
    created = mlflow.request("POST", "/api/2.0/mlflow/runs/create", {
        "experiment_id": experiment_id, "run_name": "earlier", "tags": [{"key": "assay.run_id", "value": run["id"]}],
    })
    earlier_id = created["run"]["info"]["run_id"]
    mlflow.request("POST", "/api/2.0/mlflow/runs/log-parameter", {"run_id": earlier_id, "key": "model", "value": "other"})

    exported = assay(assay_binary, project, "export", "latest", "--mlflow", mlflow.url, "--experiment", "earlier-export")
    assert exported.returncode == 0, exported.stderr
    assert "warning: MLflow param 'model' stays 'other' (params cannot change once logged; the run now says 'flakey')" in exported.stderr
    assert exported.stdout.startswith(f"updated run {run['id'][:8]} ") and earlier_id in exported.stdout
    [again] = mlflow.runs_tagged(experiment_id, run["id"])
    params = {param["key"]: param["value"] for param in again["data"]["params"]}
    assert params["model"] == "other"
    assert params["provider"] == "mock"
    assert again["info"]["status"] == "FINISHED"


def test_an_error_from_the_server_is_reported_with_its_message_and_the_url(
        mlflow: MLflow, assay_binary: Path, project: Path) -> None:
    make_run(assay_binary, project)
    # A deleted experiment cannot take runs: the server says so, and the export passes that on.
    experiment_id = mlflow.request("POST", "/api/2.0/mlflow/experiments/create", {"name": "deleted-one"})["experiment_id"]
    mlflow.request("POST", "/api/2.0/mlflow/experiments/delete", {"experiment_id": experiment_id})
    deleted = assay(assay_binary, project, "export", "latest", "--mlflow", mlflow.url, "--experiment", "deleted-one")
    assert deleted.returncode == 1
    assert f"MLflow at {mlflow.url}/api/2.0/mlflow/runs/create answered HTTP 400 (Bad Request) INVALID_PARAMETER_VALUE: " in deleted.stderr
    assert f"The experiment {experiment_id} must be in the 'active' state" in deleted.stderr
    # A path the server does not serve: its status, and the URL asked.
    wrong = assay(assay_binary, project, "export", "latest", "--mlflow", mlflow.url + "/nowhere", "--experiment", EXPERIMENT)
    assert wrong.returncode == 1
    assert f"MLflow at {mlflow.url}/nowhere/api/2.0/mlflow/experiments/get-by-name answered HTTP 404" in wrong.stderr
