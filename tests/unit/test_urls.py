"""`urls.scheme` and `urls.safe_url`: the scheme as a browser reads it, and the one allowlist."""

from __future__ import annotations

import pytest

from mkdocs_vault.urls import SAFE_SCHEMES, safe_url, scheme


@pytest.mark.parametrize(("url", "expected"), [
    ("https://x.org", "https"),
    ("HTTP://x.org", "http"),
    ("MailTo:a@b.org", "mailto"),
    ("javascript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    ("vbscript:x", "vbscript"),
    ("data:text/html,<b>", "data"),
    # Entities are decoded first.
    ("javascript&colon;alert(1)", "javascript"),
    ("&#106;avascript:x", "javascript"),
    ("&#x6A;avascript:x", "javascript"),
    ("&#106avascript:x", "javascript"),  # a numeric reference needs no semicolon
    ("&Tab;javascript:x", "javascript"),
    ("jav&#x09;ascript:x", "javascript"),
    ("java&NewLine;script:x", "javascript"),
    # Whitespace and control characters anywhere, as browsers skip them.
    (" javascript:x", "javascript"),
    ("\tjava\nscr\ript:x", "javascript"),
    ("java\x00script:x", "javascript"),
    ("\x01\x1f\x20\x7f\x80\x9fjavascript:x", "javascript"),
    ("java script:x", "javascript"),
    # Scheme syntax: a letter, then letters, digits, + . -
    ("a+b.c-9:x", "a+b.c-9"),
    ("c:\\windows", "c"),
    ("Z:", "z"),
    # No scheme.
    ("", None),
    (":x", None),
    ("1http:x", None),
    ("+a:x", None),
    ("page.md", None),
    ("../a/b.md#c", None),
    ("/a:b", None),
    ("?q=a:b", None),
    ("#a:b", None),
    ("//evil.org/x", None),
    ("a_b:x", None),  # `_` is no scheme character
    ("\u00a0javascript:x", None),  # NBSP is not skipped by browsers: a relative URL
    ("javascript", None),
    ("x/javascript:y", None),
])
def test_scheme(url: str, expected: str | None) -> None:
    assert scheme(url) == expected


def test_safe_schemes_are_the_documented_ones() -> None:
    assert SAFE_SCHEMES == ("http", "https", "mailto", "ftp")


@pytest.mark.parametrize("url", [
    "http://x.org", "https://x.org/a?b=1&c=2#d", "HTTPS://X.ORG", "mailto:a@b.org",
    "ftp://x.org/f", "FTP://x.org", "page.md", "../up/page/", "/abs", "#anchor", "#", "?q", "",
    "//x.org", "\u00a0javascript:x", "a_b:x", "1javascript:x",
])
def test_safe(url: str) -> None:
    assert safe_url(url)


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:x", "java\tscript:x",
    "java\nscript:x", "java\rscript:x", "java\x00script:x", "javascript&colon;x",
    "&#106;avascript:x", "&#x6a;avascript:x", "&Tab;javascript:x", "vbscript:x", "VBScript:x",
    "data:text/html;base64,PHNjcmlwdD4=", "DATA:image/svg+xml,x", "file:///etc/passwd",
    "blob:https://x.org/1", "about:blank", "httpx://x", "mailtox:a", "ftps://x", "c:\\x",
])
def test_unsafe(url: str) -> None:
    assert not safe_url(url)
