"""Validation stage, output: reports for machines, JSON and JUnit XML for CI systems.

The JUnit XML follows the de-facto schema read by Jenkins, GitLab, GitHub Actions reporters
and Azure Pipelines: a ``<testsuites>`` root holding one ``<testsuite>`` with ``name``,
``tests``, ``failures``, ``errors``, ``skipped`` and ``time``; one ``<testcase>`` per data file
(``classname`` "kv2rdf.validate", ``name`` the file); one ``<failure>`` per failing SHACL
result (its ``message`` attribute the SHACL message, its text the focus node, path, value and
shape); the other results, warnings unless they fail the run, in ``<system-out>``.
``failures`` counts failing test cases, so it never exceeds ``tests``. Every ``time`` is "0" so
the same data always gives the same bytes.

``--fail-on violation`` (the default) fails a file on SHACL violations only; ``--fail-on
warning`` also on warnings (and infos). A data file that cannot be read at all (``errors``)
is a test case with an ``<error>`` in JUnit XML and ``{"file": …, "error": …}`` in JSON, so a
CI report names it too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from xml.etree import ElementTree as ET

from kv2rdf.validation import ValidationReport, ValidationResult

FAIL_ON = ("violation", "warning")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def failing(report: ValidationReport, fail_on: str = "violation") -> tuple[ValidationResult, ...]:
    """The results that fail a file: violations, or every result for ``fail_on="warning"``."""
    if fail_on not in FAIL_ON:
        raise ValueError(f"fail_on must be one of {FAIL_ON}, not {fail_on!r}")
    return report.results if fail_on == "warning" else report.violations


def fails(report: ValidationReport, fail_on: str = "violation") -> bool:
    """True when ``report`` fails under ``fail_on``."""
    return bool(failing(report, fail_on))


def json_report(reports: Mapping[str, ValidationReport],
                errors: Mapping[str, str] | None = None) -> str:
    """``[{"file": name, "report": {...}}, ...]`` in input order, then unreadable files."""
    entries: list[dict[str, object]] = [{"file": name, "report": json.loads(report.to_json())}
                                        for name, report in reports.items()]
    entries += [{"file": name, "error": message} for name, message in (errors or {}).items()]
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def _xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control characters)."""
    return _NOT_XML.sub("\ufffd", text)


def _detail(result: ValidationResult) -> str:
    lines = [f"severity: {result.severity}", f"focus node: {result.focus}"]
    if result.path:
        lines.append(f"path: {result.path}")
    if result.value:
        lines.append(f"value: {result.value}")
    lines += [f"message: {result.message}", f"shape: {result.shape}",
              f"constraint: {result.component}"]
    return "\n".join(lines)


def junit_report(reports: Mapping[str, ValidationReport], *, fail_on: str = "violation",
                 suite: str = "kv2rdf validate", errors: Mapping[str, str] | None = None) -> str:
    """A JUnit XML document: one test case per data file, one failure per failing result.

    ``errors`` maps data files that could not be read to the message: an ``<error>`` each.
    """
    root = ET.Element("testsuites", name="kv2rdf")
    testsuite = ET.SubElement(root, "testsuite", name=suite)
    failed_cases = 0
    for name, report in reports.items():
        case = ET.SubElement(testsuite, "testcase", classname="kv2rdf.validate",
                             name=_xml_text(name), time="0")
        bad = failing(report, fail_on)
        failed_cases += bool(bad)
        for result in bad:
            where = f" ({result.path})" if result.path else ""
            failure = ET.SubElement(case, "failure", type=result.severity,
                                    message=_xml_text(f"{result.focus}{where}: "
                                                      f"{result.message}"))
            failure.text = _xml_text(_detail(result))
        rest = [r for r in report.results if r not in bad]
        if rest:
            out = ET.SubElement(case, "system-out")
            out.text = _xml_text("\n\n".join(_detail(r) for r in rest))
    for name, message in (errors or {}).items():
        case = ET.SubElement(testsuite, "testcase", classname="kv2rdf.validate",
                             name=_xml_text(name), time="0")
        ET.SubElement(case, "error", type="unreadable", message=_xml_text(message))
    counts = {"tests": str(len(reports) + len(errors or {})), "failures": str(failed_cases),
              "errors": str(len(errors or {}))}
    root.attrib.update(counts, time="0")
    testsuite.attrib.update(counts, skipped="0", time="0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
        root, encoding="unicode") + "\n"
