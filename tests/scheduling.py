"""The xdist scheduler of `make test`: loadscope, with the work units of tests/conftest.py."""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

from tests.conftest import work_unit


class WorkUnitScheduling(LoadScopeScheduling):
    def _split_scope(self, nodeid: str) -> str:
        return work_unit(nodeid)
