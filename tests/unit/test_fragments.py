"""Placeholders: tokens that no Markdown reads anything into, and `fill`."""

from __future__ import annotations

import re

import markdown
import pytest

from mkdocs_vault.render.fragments import Fragments, new_nonce


def test_nonce_is_fresh_hex() -> None:
    nonces = {new_nonce() for _ in range(50)}
    assert len(nonces) == 50
    for nonce in nonces:
        assert re.fullmatch("[0-9a-f]{12}", nonce)


def test_tokens_are_letters_and_digits_unique_and_numbered() -> None:
    fragments = Fragments("abc123")
    tokens = [fragments.token(f"<b>{i}</b>") for i in range(12)]
    assert tokens[0] == "vaultabc123p0z"
    assert tokens[11] == "vaultabc123p11z"
    assert all(t.isascii() and t.isalnum() for t in tokens)
    assert len(set(tokens)) == 12
    assert fragments.pieces == [f"<b>{i}</b>" for i in range(12)]


def test_tokens_pass_through_markdown() -> None:
    fragments = Fragments(new_nonce())
    token = fragments.token("x")
    out = markdown.markdown(f"*{token}* {token}_{token}",
                            extensions=["smarty", "pymdownx.magiclink", "pymdownx.betterem"])
    assert out.count(token) == 3


def test_fill_replaces_every_occurrence() -> None:
    fragments = Fragments("n1")
    a, b = fragments.token("<i>A</i>"), fragments.token("<i>B</i>")
    assert fragments.fill(f"{a}-{b}-{a}{a}") == ("<i>A</i>-<i>B</i>-<i>A</i><i>A</i>", [])


def test_one_and_ten_are_told_apart() -> None:
    fragments = Fragments("n")
    tokens = [fragments.token(str(i)) for i in range(11)]
    assert fragments.fill(tokens[1] + tokens[10] + tokens[0]) == (
        "1100", [2, 3, 4, 5, 6, 7, 8, 9])


def test_fill_reports_missing_pieces() -> None:
    fragments = Fragments("n")
    tokens = [fragments.token(p) for p in "abcd"]
    assert fragments.fill(tokens[1] + " " + tokens[3]) == ("b d", [0, 2])
    assert fragments.fill("") == ("", [0, 1, 2, 3])
    assert Fragments("n").fill("text") == ("text", [])


def test_other_nonces_and_out_of_range_indexes_are_left_alone() -> None:
    fragments = Fragments("abc")
    token = fragments.token("X")
    text = "vaultabdp0z vaultabcdp0z vaultabcp1z vaultabcp99z vaultabcpz vaultabcp0 " + token
    assert fragments.fill(text) == (
        "vaultabdp0z vaultabcdp0z vaultabcp1z vaultabcp99z vaultabcpz vaultabcp0 X", [])


def test_author_text_with_a_token_of_another_build() -> None:
    """An author who copied a token from an older build's page cannot pull pieces in."""
    old = Fragments("0123456789ab")
    forged = old.token("<script>")
    fragments = Fragments("ba9876543210")
    mine = fragments.token("<p>mine</p>")
    assert fragments.fill(f"see {forged} and {mine}") == (f"see {forged} and <p>mine</p>", [])


def test_nonce_is_matched_literally() -> None:
    fragments = Fragments("a.b")
    fragments.token("X")
    assert fragments.fill("vaulta.bp0z vaultaxbp0z") == ("X vaultaxbp0z", [])


def test_pieces_are_not_rescanned() -> None:
    """A piece that contains a token is put in as it is (no piece pulls in another)."""
    fragments = Fragments("n")
    first = fragments.token("")
    fragments.pieces[0] = "vaultnp1z"
    second = fragments.token("<b>")
    assert fragments.fill(first + second) == ("vaultnp1z<b>", [])


@pytest.mark.parametrize("nonce", ["n", new_nonce()])
def test_pattern_matches_own_tokens_only(nonce: str) -> None:
    fragments = Fragments(nonce)
    token = fragments.token("x")
    assert fragments.pattern().fullmatch(token)
    assert fragments.pattern().fullmatch(token).group(1) == "0"  # type: ignore[union-attr]
    assert not fragments.pattern().search(token.replace(nonce, nonce + "0"))
