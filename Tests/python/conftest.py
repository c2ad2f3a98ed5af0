"""Shared set-up of the Jupyter client tests: the installed kernelspec and a running kernel.

scripts/python-tests.sh installs the kernelspec with `assay kernel install --prefix` and points
JUPYTER_PATH at it; these fixtures start kernels through that kernelspec, as Jupyter would.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

from kernel_session import KernelSession

REPOSITORY = Path(__file__).resolve().parents[2]


def pytest_configure(config: pytest.Config) -> None:
    """Stops at once, with the reason, when the kernelspec was not installed for the tests."""
    try:
        KernelSpecManager().get_kernel_spec("assay")
    except NoSuchKernel:
        pytest.exit(
            "no 'assay' kernelspec on JUPYTER_PATH: run these tests through scripts/python-tests.sh",
            returncode=2,
        )


@pytest.fixture
def kernel(tmp_path: Path) -> Iterator[KernelSession]:
    """A fresh kernel started from the installed kernelspec, run in the repository's folder."""
    session = KernelSession.start(cwd=REPOSITORY, log_path=tmp_path / "kernel-stderr.log")
    try:
        yield session
    finally:
        session.stop()


@pytest.fixture(scope="session")
def assay_binary() -> Path:
    """The binary under test, as scripts/python-tests.sh resolved it."""
    binary = os.environ.get("ASSAY_BINARY")
    if not binary:
        pytest.fail("ASSAY_BINARY is not set: run these tests through scripts/python-tests.sh")
    return Path(binary).resolve()
