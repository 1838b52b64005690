import os

import pytest

from kv2rdf.reference.snapshot import ENV, packaged_path

# The mapping reconciles people with the reference snapshot in use; the tests (and the CLI runs
# and worker processes they start) always use the snapshot shipped in the package, never a
# user's refreshed copy, so the golden outputs do not depend on the machine.
os.environ[ENV] = str(packaged_path())


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/cases/*/expected.ttl from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
