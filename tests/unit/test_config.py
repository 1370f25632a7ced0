"""Plugin options in mkdocs.yml: every mistake is caught by MkDocs' own config validation,
with a message naming the option, before anything renders."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_vault.plugin.config import (
    HEADING_PLACEHOLDERS,
    STRING_PLACEHOLDERS,
    VaultConfig,
    check_template,
    render_options,
)
from mkdocs_vault.render.options import DEFAULT_HEADINGS, DEFAULT_STRINGS, RenderOptions

if TYPE_CHECKING:
    from pathlib import Path

    from tests.sitebuilder import SiteBuilder


def validate(options: dict[str, Any]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(errors, warnings) of the plugin options, as (option, message) pairs."""
    config = VaultConfig()
    config.load_dict(options)
    failed, warnings = config.validate()
    return [(key, str(error)) for key, error in failed], list(warnings)


def error_of(options: dict[str, Any]) -> tuple[str, str]:
    """The one error of these options."""
    errors, _ = validate(options)
    assert len(errors) == 1, errors
    return errors[0]


def test_defaults_are_valid_and_give_the_core_defaults() -> None:
    """No options at all: no error, no warning, and exactly the core's default options."""
    config = VaultConfig()
    config.load_dict({})
    assert config.validate() == ([], [])
    assert render_options(config) == RenderOptions()


def test_valid_options_reach_the_render_options() -> None:
    """Every number at its bounds, templates with their placeholders, are accepted."""
    config = VaultConfig()
    config.load_dict({
        "heading_level": 6, "label_length": 12, "date_format": "%d %B %Y",
        "headings": {"ideas": "{count:>3} ideas {{sic}}", "graph": "", "resume": "Summary"},
        "strings": {"graph_part": "{part}/{parts}", "number": "#{number:03d}", "of": "/{total}",
                    "host": "{host!r}", "source": "From {{source}}:"},
        "graph": {"font_size": 8, "columns": 6, "node_width": 1000, "max_ideas": 1},
    })
    assert config.validate() == ([], [])
    options = render_options(config)
    assert options.heading_level == 6
    assert options.label_chars == 12
    assert options.headings == {"graph": "", "resume": "Summary",
                                "ideas": "{count:>3} ideas {{sic}}", "related": "Related entries"}
    assert options.strings["graph_part"] == "{part}/{parts}"
    assert options.strings["source"] == "From {{source}}:"
    assert (options.graph.font_size, options.graph.columns, options.graph.node_width,
            options.graph.max_ideas) == (8, 6, 1000, 1)
    other = VaultConfig()
    other.load_dict({"heading_level": 1, "label_length": 200,
                     "graph": {"font_size": 48, "columns": 1, "node_width": 80,
                               "max_ideas": 10_000}})
    assert other.validate() == ([], [])


@pytest.mark.parametrize(("options", "key", "message"), [
    ({"heading_level": 7}, "heading_level", "must be between 1 and 6, got 7"),
    ({"heading_level": 0}, "heading_level", "must be between 1 and 6, got 0"),
    ({"heading_level": True}, "heading_level", "expected a whole number, got True"),
    ({"heading_level": 2.0}, "heading_level", "expected a whole number, got 2.0"),
    ({"heading_level": "2"}, "heading_level", "expected a whole number, got '2'"),
    ({"heading_level": None}, "heading_level", "expected a whole number, got None"),
    ({"label_length": 11}, "label_length", "must be between 12 and 200, got 11"),
    ({"label_length": 201}, "label_length", "must be between 12 and 200, got 201"),
    ({"graph": {"font_size": 7}}, "graph", "Sub-option 'font_size': must be between 8 and 48, "
                                           "got 7"),
    ({"graph": {"font_size": 49}}, "graph", "Sub-option 'font_size': must be between 8 and 48, "
                                            "got 49"),
    ({"graph": {"columns": 0}}, "graph", "Sub-option 'columns': must be between 1 and 6, got 0"),
    ({"graph": {"columns": 7}}, "graph", "Sub-option 'columns': must be between 1 and 6, got 7"),
    ({"graph": {"node_width": 79}}, "graph", "Sub-option 'node_width': must be between 80 and "
                                             "1000, got 79"),
    ({"graph": {"node_width": 1001}}, "graph", "Sub-option 'node_width': must be between 80 "
                                               "and 1000, got 1001"),
    ({"graph": {"max_ideas": 0}}, "graph", "Sub-option 'max_ideas': must be at least 1, got 0"),
    ({"graph": {"max_ideas": False}}, "graph", "Sub-option 'max_ideas': expected a whole "
                                               "number, got False"),
])
def test_numbers_out_of_range(options: dict[str, Any], key: str, message: str) -> None:
    """Each number option names its bounds; YAML `true` or `2.0` is not a number here."""
    assert error_of(options) == (key, message)


@pytest.mark.parametrize(("options", "key", "message"), [
    ({"headings": {"ideas": "{count} Key {Ideas}"}}, "headings",
     "Sub-option 'ideas': unknown placeholder {Ideas}; this heading may use {count}"),
    ({"headings": {"graph": "Graph of {count}"}}, "headings",
     "Sub-option 'graph': unknown placeholder {count}; this heading takes no placeholders; "
     "write {{ and }} for literal braces"),
    ({"headings": {"ideas": "{count.real} ideas"}}, "headings",
     "Sub-option 'ideas': unknown placeholder {count.real}; this heading may use {count}"),
    ({"headings": {"ideas": "{count"}}, "headings",
     "Sub-option 'ideas': malformed braces in '{count' (expected '}' before end of string); "
     "write {{ and }} for literal braces"),
    ({"headings": {"resume": "Résumé }"}}, "headings",
     "Sub-option 'resume': malformed braces in 'Résumé }' (Single '}' encountered in format "
     "string); write {{ and }} for literal braces"),
    ({"headings": {"ideas": "{} ideas"}}, "headings",
     "Sub-option 'ideas': positional placeholder {} is not allowed; this heading may use "
     "{count}"),
    ({"headings": {"resume": "{0}"}}, "headings",
     "Sub-option 'resume': positional placeholder {0} is not allowed; this heading takes no "
     "placeholders; write {{ and }} for literal braces"),
    ({"headings": {"resume": None}}, "headings",
     "Sub-option 'resume': expected text, got None; write '' to leave the heading out"),
    ({"headings": {"idea": "{count} ideas"}}, "headings",
     "unknown heading 'idea'; did you mean 'ideas'? (known: graph, resume, ideas, related)"),
    ({"headings": {"summary": "Summary"}}, "headings",
     "unknown heading 'summary'; (known: graph, resume, ideas, related)"),
    ({"headings": ["ideas"]}, "headings",
     "expected a mapping of heading names to text, got ['ideas']"),
    ({"strings": {"graph_part": "Part {part} of {total}"}}, "strings",
     "Sub-option 'graph_part': unknown placeholder {total}; this string may use {part} and "
     "{parts}"),
    ({"strings": {"number": "Nr. {number:{width}}"}}, "strings",
     "Sub-option 'number': unknown placeholder {width}; this string may use {number}"),
    ({"strings": {"host": "{host:d}"}}, "strings",
     "Sub-option 'host': '{host:d}' cannot be formatted: Unknown format code 'd' for object "
     "of type 'str'"),
    ({"strings": {"of": 3}}, "strings", "Sub-option 'of': expected text, got 3"),
    ({"strings": {"hots": "Gastgeber: {host}"}}, "strings",
     "unknown string 'hots'; did you mean 'host'? (known: number, of, host, source, "
     "graph_part, see, referenced_by, previous, next, graph_name, graph_name_plain, "
     "graph_name_parts, skip_graph, graph_key_lanes, graph_key_classic, linked_ideas)"),
    ({"strings": "Nr. {number}"}, "strings",
     "expected a mapping of string names to text, got 'Nr. {number}'"),
])
def test_bad_templates(options: dict[str, Any], key: str, message: str) -> None:
    """Headings and strings are checked at config time, not with a KeyError while rendering."""
    assert error_of(options) == (key, message)


def test_null_templates_mean_no_overrides() -> None:
    """`headings:` with nothing after it is the same as leaving it out."""
    config = VaultConfig()
    config.load_dict({"headings": None, "strings": None})
    assert config.validate() == ([], [])
    assert render_options(config).headings == DEFAULT_HEADINGS


def test_placeholder_table_matches_the_defaults() -> None:
    """One entry per default template, and each default uses exactly its placeholders."""
    assert list(HEADING_PLACEHOLDERS) == list(DEFAULT_HEADINGS)
    assert list(STRING_PLACEHOLDERS) == list(DEFAULT_STRINGS)
    for defaults, table, what in [(DEFAULT_HEADINGS, HEADING_PLACEHOLDERS, "heading"),
                                  (DEFAULT_STRINGS, STRING_PLACEHOLDERS, "string")]:
        for key, template in defaults.items():
            check_template(template, table[key], what)
            for name in table[key]:
                assert "{" + name + "}" in template, (key, name)


@pytest.mark.parametrize(("date_format", "errors", "warnings"), [
    ("%d %B %Y", [], []),
    ("%-d.%-m.%Y", [], []),
    ("100%% %Y", [], []),
    ("Y-m-d", [], [("date_format", "'Y-m-d' has no %-directive, so every date is shown as "
                                   "'Y-m-d'; for example '%d %B %Y' shows '07 March 2025'")]),
    ("%%", [], [("date_format", "'%%' has no %-directive, so every date is shown as '%'; for "
                                "example '%d %B %Y' shows '07 March 2025'")]),
    ("%Y %Q", [], [("date_format", "'%Q' in '%Y %Q' is not a date directive and is shown as "
                                   "is; write %% for a literal %")]),
    ("%Y-%m-%d %", [], [("date_format", "'%' in '%Y-%m-%d %' is not a date directive and is "
                                        "shown as is; write %% for a literal %")]),
    ("\ud800%Y", [("date_format", "'\\ud800%Y' cannot format a date: 'utf-8' codec can't "
                                  "encode character '\\ud800' in position 0: surrogates not "
                                  "allowed")], []),
    (7, [("date_format", "Expected type: <class 'str'> but received: <class 'int'>")], []),
])
def test_date_format(date_format: object, errors: list[tuple[str, str]],
                     warnings: list[tuple[str, str]]) -> None:
    """A format that cannot format a date is an error; one that shows no date, a warning."""
    assert validate({"date_format": date_format}) == (errors, warnings)


def test_warnings_do_not_leak_into_the_next_validation() -> None:
    """MkDocs options are shared by all configs; their warnings must be reset each time."""
    assert validate({"date_format": "none"})[1] != []
    assert validate({"date_format": "%Y"}) == ([], [])


def test_unknown_option_is_a_warning_naming_it() -> None:
    """A typo at the top level is MkDocs' own 'unrecognised' warning (fails --strict)."""
    assert validate({"grpah": {"layout": "classic"}}) == (
        [], [("grpah", "Unrecognised configuration name: grpah")])


def write_project(root: Path, vault_options: dict[str, Any]) -> Path:
    """A mkdocs.yml with these vault options, and an empty docs/."""
    (root / "docs").mkdir()
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_name": "x", "theme": {"name": "material"},
                                      "plugins": [{"vault": vault_options}]}), encoding="utf-8")
    return config


@pytest.mark.parametrize(("options", "message"), [
    ({"heading_level": 7},
     "Config value 'plugins': Plugin 'vault' option 'heading_level': must be between 1 and 6, "
     "got 7"),
    ({"graph": {"font_size": 4}},
     "Config value 'plugins': Plugin 'vault' option 'graph': Sub-option 'font_size': must be "
     "between 8 and 48, got 4"),
    ({"headings": {"ideas": "{count} Key {Ideas}"}},
     "Config value 'plugins': Plugin 'vault' option 'headings': Sub-option 'ideas': unknown "
     "placeholder {Ideas}; this heading may use {count}"),
])
def test_load_config_names_the_option(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                      options: dict[str, Any], message: str) -> None:
    """What `mkdocs build` prints: MkDocs puts the plugin and option name in front."""
    config_file = write_project(tmp_path, options)
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(
            Abort, match=r"^Aborted with a configuration error!$"):
        load_config(str(config_file))
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [message]


@pytest.mark.site
def test_invalid_option_aborts_the_build(site: SiteBuilder) -> None:
    """An invalid option stops `mkdocs build` before any page, with the option's name."""
    site.plugin_options(heading_level=7)
    site.page("index.md", "# Home\n")
    result = site.build()
    assert isinstance(result.error, Abort)
    assert str(result.error) == "Aborted with a configuration error!"
    assert result.warnings == ["Config value 'plugins': Plugin 'vault' option 'heading_level': "
                               "must be between 1 and 6, got 7"]
    assert not (site.root / "site" / "index.html").exists()


@pytest.mark.site
def test_bad_template_aborts_the_build_instead_of_a_traceback(site: SiteBuilder) -> None:
    """An unknown placeholder used to raise KeyError while rendering; now it is a config error."""
    site.plugin_options(headings={"ideas": "{count} Key {Ideas}"})
    site.entry("talk.md", {"ideas": ["One.", "Two."]})
    result = site.build()
    assert isinstance(result.error, Abort)
    assert result.warnings == [
        "Config value 'plugins': Plugin 'vault' option 'headings': Sub-option 'ideas': unknown "
        "placeholder {Ideas}; this heading may use {count}"]


@pytest.mark.site
def test_unknown_option_is_a_config_problem(site: SiteBuilder) -> None:
    """A typo in the plugin options is MkDocs' own config warning naming it; --strict fails."""
    site.plugin_options(grpah={"layout": "classic"})
    site.entry("talk.md", {"ideas": ["One.", "Two."]})
    expected = ("Config value 'plugins': Plugin 'vault' option 'grpah': Unrecognised "
                "configuration name: grpah")
    strict = site.build(strict=True)
    assert isinstance(strict.error, Abort)
    assert str(strict.error) == "Aborted with 1 configuration warnings in 'strict' mode!"
    assert strict.warnings == [expected]
    relaxed = site.build()
    assert relaxed.error is None
    assert relaxed.warnings == [expected]
    assert "vault-layout-lanes" in relaxed.html("talk.md")  # the misspelt option is ignored


@pytest.mark.site
def test_date_format_warning_fails_strict(site: SiteBuilder) -> None:
    """A date format without directive is a config warning: shown, and fatal with --strict."""
    site.plugin_options(date_format="date")
    site.entry("talk.md", {"date": "2025-03-07", "ideas": ["One.", "Two."]})
    result = site.build(strict=True)
    assert isinstance(result.error, Abort)
    assert result.warnings == [
        "Config value 'plugins': Plugin 'vault' option 'date_format': 'date' has no "
        "%-directive, so every date is shown as 'date'; for example '%d %B %Y' shows "
        "'07 March 2025'"]
