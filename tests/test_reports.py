"""Validation reports for CI: JUnit XML (and JSON), and ``validate --fail-on``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kv2rdf import cli, convert, dumps, validate
from kv2rdf.namespaces import SCHEMA
from kv2rdf.reports import fails, json_report, junit_report
from kv2rdf.validation import ValidationReport, ValidationResult
from tests.helpers import CASES, ROOT

VIOLATION = ValidationResult(
    severity="Violation", focus="https://w3id.org/kv2rdf/id/kamervraag/tk/1/vraag/3",
    path="http://schema.org/text", message="A question needs exactly one text.",
    shape="https://w3id.org/kv2rdf/shapes#QuestionShape-text", component="MinCountConstraintComponent")
WARNING = ValidationResult(
    severity="Warning", focus="https://w3id.org/kv2rdf/id/kamervraag/tk/1",
    path=None, message="Answered after 42 days without a postponement notice & <late>.",
    shape="https://w3id.org/kv2rdf/shapes#Late", component="SPARQLConstraintComponent",
    value="42")
REPORTS = {"clean.ttl": ValidationReport(()),
           "late.ttl": ValidationReport((WARNING,)),
           "broken.ttl": ValidationReport((VIOLATION, VIOLATION, WARNING))}


def parse(xml: str) -> ET.Element:
    return ET.fromstring(xml.encode("utf-8"))


def test_junit_has_one_suite_and_one_case_per_file() -> None:
    root = parse(junit_report(REPORTS))
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    for element in (root, suite):
        assert element.get("tests") == "3"
        assert element.get("failures") == "1"
        assert element.get("errors") == "0"
        assert element.get("time") == "0"
        assert element.get("name")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == list(REPORTS)
    assert all(c.get("classname") == "kv2rdf.validate" and c.get("time") == "0" for c in cases)


def test_junit_failure_per_violation_with_message_focus_and_path() -> None:
    suite = parse(junit_report(REPORTS)).find("testsuite")
    assert suite is not None
    clean, late, broken = suite.findall("testcase")
    assert clean.find("failure") is None and clean.find("system-out") is None
    assert late.find("failure") is None
    out = late.findtext("system-out") or ""
    assert "Answered after 42 days" in out and "& <late>" in out
    failures = broken.findall("failure")
    assert len(failures) == 2
    message = failures[0].get("message") or ""
    assert VIOLATION.focus in message and VIOLATION.path in message  # type: ignore[operator]
    assert VIOLATION.message in message
    text = failures[0].text or ""
    assert f"focus node: {VIOLATION.focus}" in text and f"path: {VIOLATION.path}" in text
    assert failures[0].get("type") == "Violation"
    assert "Answered after 42 days" in (broken.findtext("system-out") or "")


def test_fail_on_warning_turns_warnings_into_failures() -> None:
    suite = parse(junit_report(REPORTS, fail_on="warning")).find("testsuite")
    assert suite is not None and suite.get("failures") == "2"
    late = suite.findall("testcase")[1]
    assert [f.get("type") for f in late.findall("failure")] == ["Warning"]
    assert late.find("system-out") is None
    assert not fails(REPORTS["late.ttl"]) and fails(REPORTS["late.ttl"], "warning")
    with pytest.raises(ValueError, match="fail_on"):
        fails(REPORTS["late.ttl"], "info")


def test_junit_is_byte_stable_and_survives_control_characters() -> None:
    assert junit_report(REPORTS) == junit_report(dict(REPORTS))
    odd = ValidationResult("Violation", "urn:x", None, "bell \x07 here", "urn:s", "C")
    root = parse(junit_report({"odd \x01.ttl": ValidationReport((odd,))}))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and "bell" in (failure.get("message") or "")


def test_json_report_escapes_file_names() -> None:
    tree = json.loads(json_report({'odd "name".ttl': REPORTS["broken.ttl"]}))
    assert tree[0]["file"] == 'odd "name".ttl'
    assert tree[0]["report"]["violations"] == 2


# ---- the command line ------------------------------------------------------------------------

def invoke(*args: object) -> Any:
    return CliRunner().invoke(cli.main, [str(a) for a in args])


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("data")
    files = {}
    late = convert(CASES / "markdown-ah-tk-20232024-387" / "source.md")  # 42 days, no notice
    report = validate(late)
    assert report.conforms and report.warnings, report.text()
    files["late"] = folder / "late.ttl"
    files["late"].write_text(dumps(late), encoding="utf-8")
    broken = convert(CASES / "seed-004-aanhangsel-1064" / "source.txt")
    broken.remove((URIRef("https://w3id.org/kv2rdf/id/kamervraag/ah-tk-20232024-1064/vraag/3"),
                   SCHEMA.text, None))
    files["broken"] = folder / "broken.ttl"
    files["broken"].write_text(dumps(broken), encoding="utf-8")
    return files


def test_validate_junit_from_the_command_line(data: dict[str, Path]) -> None:
    result = invoke("validate", data["late"], data["broken"], "--format", "junit")
    assert result.exit_code == 1
    suite = parse(result.stdout).find("testsuite")
    assert suite is not None and suite.get("tests") == "2" and suite.get("failures") == "1"
    late, broken = suite.findall("testcase")
    assert late.get("name") == str(data["late"]) and late.find("failure") is None
    assert late.findtext("system-out")
    failure = broken.find("failure")
    assert failure is not None and "vraag/3" in (failure.get("message") or "")


def test_fail_on_warning_from_the_command_line(data: dict[str, Path]) -> None:
    assert invoke("validate", data["late"]).exit_code == 0
    assert invoke("validate", data["late"], "--format", "junit").exit_code == 0
    result = invoke("validate", data["late"], "--format", "junit", "--fail-on", "warning")
    assert result.exit_code == 1
    assert parse(result.stdout).get("failures") == "1"
    assert invoke("validate", data["late"], "--fail-on", "warning").exit_code == 1


# ---- the CI example --------------------------------------------------------------------------

@pytest.mark.slow
def test_ci_example_script_writes_a_junit_report(tmp_path: Path) -> None:
    sources = tmp_path / "documents"
    sources.mkdir()
    for name in ("aanhangsel-1064.md", "mededeling-2024Z02569.txt"):
        (sources / name).write_bytes((ROOT / "examples" / name).read_bytes())
    script = ROOT / "examples" / "ci" / "validate.sh"
    env = {**os.environ, "KV2RDF": f"{sys.executable} -m kv2rdf"}
    done = subprocess.run(["bash", str(script), str(sources), str(tmp_path / "out")], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    report = parse((tmp_path / "out" / "kv2rdf-junit.xml").read_text(encoding="utf-8"))
    assert report.get("tests") == "2" and report.get("failures") == "0"
    assert sorted(p.name for p in (tmp_path / "out" / "rdf").glob("[!.]*")) == [
        "aanhangsel-1064.ttl", "mededeling-2024Z02569.ttl"]
    workflow = (ROOT / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    assert "examples/ci/validate.sh" in workflow and "kv2rdf-out/kv2rdf-junit.xml" in workflow
