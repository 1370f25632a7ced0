"""`pickling.compact`: frozen, slotted dataclasses pickled as their class and values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle

import pytest

from mkdocs_vault.loading.pages import LoadedPage
from mkdocs_vault.loading.problems import Problem
from mkdocs_vault.model import Category, Entry, Idea, Source
from mkdocs_vault.pickling import compact
from mkdocs_vault.render.extras import EntryExtras, Link

ENTRY = Entry(
    ideas=(Idea(1, "Text *one*", "One", category="a", links=(2,), see=("b.md#idea-1",)),
           Idea(2, "Two", "Two", label_derived=True)),
    title="T", series="S", number=3, date=dt.date(2025, 1, 31), speakers=("A", "B"),
    source=Source("Site", "https://example.org"), categories=(Category("a", "A", "#123456"),))
PAGE = LoadedPage(ENTRY, (Problem("odd", "ideas[1].label", 4, severity="warning"),), "body\n",
                  7, {"ideas[0].see[0]": 9}, {"title": "T", "vault": {"x": 1}})


@pytest.mark.parametrize("value", [ENTRY, PAGE, EntryExtras(
    related=(Link("B", "b.md", note="shared"),), see={1: (Link("B, 1", "b.md", "idea-1"),)})])
def test_a_round_trip_gives_an_equal_object(value: object) -> None:
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(value, protocol)) == value


def test_the_pickle_holds_the_class_and_the_values_and_no_state() -> None:
    reduced = ENTRY.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
    assert reduced[0] is Entry
    assert reduced[1] == tuple(getattr(ENTRY, f.name) for f in dataclasses.fields(Entry))
    assert len(reduced) == 2  # no state for __setstate__


def test_pickles_written_before_still_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(Idea, "__reduce__")  # Python's own pickling of such dataclasses
    old = pickle.dumps(ENTRY.ideas[0], pickle.HIGHEST_PROTOCOL)
    monkeypatch.undo()
    assert pickle.loads(old) == ENTRY.ideas[0]
    assert len(pickle.dumps(ENTRY.ideas[0], pickle.HIGHEST_PROTOCOL)) < len(old)


def test_one_field_classes_round_trip() -> None:
    @compact
    @dataclasses.dataclass(frozen=True, slots=True)
    class One:
        value: int

    globals()["One"] = One  # pickle finds classes by their module-level name
    One.__qualname__ = "One"
    try:
        assert pickle.loads(pickle.dumps(One(5))) == One(5)
    finally:
        del globals()["One"]


def test_classes_whose_init_does_more_are_refused() -> None:
    with pytest.raises(TypeError, match="__init__"):
        @compact
        @dataclasses.dataclass(frozen=True, slots=True)
        class Checked:
            value: int

            def __post_init__(self) -> None:
                pass
    with pytest.raises(TypeError, match="__init__"):
        @compact
        @dataclasses.dataclass(frozen=True, slots=True)
        class Derived:
            value: int
            double: int = dataclasses.field(init=False, default=0)
