"""Every notebook in notebooks/ runs top to bottom in the Assay kernel through nbclient, and the
executed notebooks show what they are written to show: tables, charts and summary values."""

from __future__ import annotations

import os
import re
from pathlib import Path
import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import NotebookNode

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
CELL_TIMEOUT = 60

# A run's summary value as text: mean, 95% interval and count, e.g. `0.8387 [0.6368, 0.9833] n=12`.
STATISTIC = re.compile(r"\d\.\d{4} \[\d\.\d{4}, \d\.\d{4}\] n=\d+")

# What each notebook must show once executed (notebooks not named here need only run cleanly).
EXPECTED_OUTPUTS = {
    "quickstart.ipynb": {"html table", "svg chart", "statistic"},
    "model-selection.ipynb": {"html table", "svg chart", "statistic"},
    "menu-suite.ipynb": {"html table", "svg chart"},
    "language-tour.ipynb": {"html table"},
}


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


class ExecutedNotebooks:
    """Each notebook executed once, on first use, with its runs stored in a scratch ASSAY_HOME."""

    def __init__(self, scratch: pytest.TempPathFactory):
        self._scratch = scratch
        self._done: dict[str, tuple[NotebookNode, Path]] = {}

    def __getitem__(self, name: str) -> NotebookNode:
        return self.run(name)[0]

    def home(self, name: str) -> Path:
        """The ASSAY_HOME the notebook ran with."""
        return self.run(name)[1]

    def run(self, name: str) -> tuple[NotebookNode, Path]:
        if name not in self._done:
            home = self._scratch.mktemp("assay-home")
            self._done[name] = (execute_notebook(NOTEBOOKS / name, home), home)
        return self._done[name]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> ExecutedNotebooks:
    return ExecutedNotebooks(tmp_path_factory)


def execute_notebook(path: Path, home: Path) -> NotebookNode:
    """Runs a notebook as Jupyter would, in its own folder; a failing cell raises."""
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "assay"
    # The kernel keeps its run store in ASSAY_HOME and reads models.json only from the scratch
    # config folder, so executing a notebook writes nothing into the repository.
    environment = dict(os.environ, ASSAY_HOME=str(home), XDG_CONFIG_HOME=str(home / "config"))
    client = NotebookClient(
        notebook, kernel_name="assay", timeout=CELL_TIMEOUT, allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute(env=environment)
    return notebook


def outputs_of(notebook: NotebookNode) -> list[NotebookNode]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def shown_kinds(notebook: NotebookNode) -> set[str]:
    """Which of the expected kinds of output the executed notebook shows."""
    kinds: set[str] = set()
    for output in outputs_of(notebook):
        data = output.get("data", {})
        texts = [output.get("text", ""), data.get("text/plain", "")]
        if "<table" in data.get("text/html", ""):
            kinds.add("html table")
        if "<svg" in data.get("image/svg+xml", ""):
            kinds.add("svg chart")
        if any(STATISTIC.search(text) for text in texts):
            kinds.add("statistic")
    return kinds


def test_there_are_notebooks_to_run() -> None:
    names = {path.name for path in notebook_paths()}
    assert set(EXPECTED_OUTPUTS) <= names, f"missing notebooks: {set(EXPECTED_OUTPUTS) - names}"


def test_notebooks_are_saved_without_outputs() -> None:
    for path in notebook_paths():
        notebook = nbformat.read(path, as_version=4)
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{path.name} cell {index} has outputs"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda path: path.name)
def test_notebook_runs_without_errors(path: Path, executed: ExecutedNotebooks) -> None:
    before = set(NOTEBOOKS.iterdir())
    notebook = executed[path.name]

    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells, f"{path.name} has no code cells"
    for index, cell in enumerate(code_cells):
        assert cell.execution_count is not None, f"code cell {index} did not run"
        errors = [output for output in cell.outputs if output.output_type == "error"]
        assert not errors, f"code cell {index} failed: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    assert outputs_of(notebook), f"{path.name} produced no output at all"
    assert set(NOTEBOOKS.iterdir()) == before, "executing the notebook wrote into notebooks/"
    if "statistic" in EXPECTED_OUTPUTS.get(path.name, set()):
        assert (executed.home(path.name) / "runs.sqlite").is_file(), "the notebook's runs were not stored in ASSAY_HOME"


@pytest.mark.parametrize("name", sorted(EXPECTED_OUTPUTS))
def test_executed_notebook_shows_its_tables_charts_and_summaries(name: str, executed: ExecutedNotebooks) -> None:
    shown = shown_kinds(executed[name])
    missing = EXPECTED_OUTPUTS[name] - shown
    assert not missing, f"{name} shows no {', no '.join(sorted(missing))} (it shows {sorted(shown)})"


def test_the_statistic_pattern_matches_a_summary_value_and_nothing_looser() -> None:
    assert STATISTIC.fullmatch("0.8387 [0.6368, 0.9833] n=12")
    assert not STATISTIC.search("0.84 [0.64, 0.98] n=12")
    assert not STATISTIC.search("0.8387")
