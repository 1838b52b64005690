"""The notebook in examples/ runs from top to bottom (nbclient), so it cannot rot."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers import ROOT

NOTEBOOK = ROOT / "examples" / "kv2rdf-tour.ipynb"


def test_the_notebook_reads_only_files_of_the_repository() -> None:
    code = "\n".join("".join(c["source"]) for c in json.loads(NOTEBOOK.read_text("utf-8"))["cells"]
                     if c["cell_type"] == "code")
    assert "http" not in code and "/work" not in code and "~" not in code
    assert re.search(r"glob\('examples/", code) and re.search(r"glob\('tests/cases/", code)


@pytest.mark.slow
def test_the_notebook_runs_and_draws_its_chart() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     record_timing=False,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                     for o in outputs)
    loaded = re.search(r"(\d+) documents; loaded (\d+) graphs", text)
    assert loaded and int(loaded[1]) == len(list((ROOT / "tests" / "cases").glob("*/source.*"))) + 2
    tables = "\n".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "ah-tk-20232024-1064" in tables and "Ministerie van Volksgezondheid" in tables
    assert "Volksgezondheid, Welzijn en Sport" in text  # the chart's table
    assert any("image/png" in o.get("data", {}) for o in outputs)
