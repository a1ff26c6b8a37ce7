"""Shared fixtures: the `sanshen` command-line binary, when it has been built."""

import os
import pathlib
import shutil

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]


def find_cli():
    """The `sanshen` binary: $SANSHEN_BIN, the workspace's target folder, or the PATH."""
    candidates = [os.environ.get("SANSHEN_BIN")]
    candidates += [str(ROOT / "target" / p / "sanshen") for p in ("debug", "release")]
    candidates.append(shutil.which("sanshen"))
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return None


@pytest.fixture(scope="session")
def cli():
    path = find_cli()
    if path is None:
        pytest.skip("no `sanshen` binary: run `cargo build` first or set SANSHEN_BIN")
    return path
