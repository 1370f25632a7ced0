"""The benchmarks' timers: every second of the plugin counted once, in the phase it belongs to."""

from __future__ import annotations

import types

import pytest

from mkdocs_vault.plugin import timing
from mkdocs_vault.plugin.timing import Timings, timed


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A clock that moves only when the test moves it."""
    now = [0.0]
    monkeypatch.setattr(timing, "time", types.SimpleNamespace(perf_counter=lambda: now[0]))
    return now


class Host:
    """What `timed` needs of the plugin: `state.timings`."""

    def __init__(self, timings: Timings) -> None:
        self.state = types.SimpleNamespace(timings=timings)

    @timed("collect")
    def event(self, clock: list[float]) -> None:
        clock[0] += 1.0
        self.part(clock)
        clock[0] += 2.0

    @timed("vault-wide")
    def part(self, clock: list[float]) -> None:
        clock[0] += 5.0


def test_a_phase_inside_another_is_not_counted_in_it(clock: list[float]) -> None:
    timings = Timings("unused.json")
    Host(timings).event(clock)
    report = timings.report()
    assert report["seconds"]["collect"] == 3.0
    assert report["seconds"]["vault-wide"] == 5.0
    assert report["plugin_total"] == clock[0] == 8.0  # each second once


def test_phases_nest_through_the_context_manager_too(clock: list[float]) -> None:
    timings = Timings("unused.json")
    with timings.phase("render"):
        clock[0] += 1.0
        with timings.phase("finish"):
            clock[0] += 4.0
        with timings.phase("finish"):
            clock[0] += 2.0
    assert timings.seconds == {"render": 1.0, "finish": 6.0}
    assert timings.calls == {"render": 1, "finish": 2}


def test_an_exception_leaves_no_phase_open(clock: list[float]) -> None:
    timings = Timings("unused.json")

    def failing() -> None:
        with timings.phase("render"):
            clock[0] += 1.0
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing()
    with timings.phase("collect"):
        clock[0] += 2.0
    assert timings.seconds == {"render": 1.0, "collect": 2.0}


def test_off_the_timers_cost_nothing_and_record_nothing(clock: list[float]) -> None:
    timings = Timings()
    Host(timings).event(clock)
    assert timings.seconds == {}
    assert timings.phase("render") is timings.phase("collect")  # the shared no-op
