"""Acronyms learnt from the list data, never guessed from outside it.

Two sources: an alias that replaces the head of a listed name by one short word
("MHI Aero Engines" beside "Mitsubishi Heavy Industries Aero Engines" gives MHI = Mitsubishi
Heavy Industries), and the initials of a corporate group name of three words or more
(group "Kawasaki Heavy Industries" gives KHI). The index then adds, to every listed form that
contains an expansion, a form with the acronym in its place (and the reverse).
"""

from __future__ import annotations

from collections.abc import Iterable

from dualuse.screening.analyse import CONCEPT, Form, analyse
from dualuse.screening.text import fold, latin_words
from dualuse.screening.vocab import latin_key, vocabulary

Acronyms = dict[str, tuple[str, ...]]


def _latin_tokens(name: str) -> tuple[str, ...] | None:
    forms = analyse(name).forms
    if len(forms) == 1 and forms[0].kind == "latin":
        return forms[0].tokens
    return None


def _is_acronym(token: str) -> bool:
    return token.isalpha() and 2 <= len(token) <= 5 and not token.startswith(CONCEPT)


def from_alias(name: str, alias: str) -> tuple[str, tuple[str, ...]] | None:
    """``(acronym, expansion)`` if ``alias`` is ``name`` with its head shortened to one word."""
    a, b = _latin_tokens(name), _latin_tokens(alias)
    if not a or not b:
        return None
    if len(a) < len(b):
        a, b = b, a
    k = 0
    while k < min(len(a), len(b)) and a[-1 - k] == b[-1 - k]:
        k += 1
    head_a, head_b = a[: len(a) - k], b[: len(b) - k]
    if k == 0 or len(head_b) != 1 or not 2 <= len(head_a) <= 4:
        return None
    acro = head_b[0]
    if not _is_acronym(acro) or head_a[0].startswith(CONCEPT) or head_a[0][0] != acro[0]:
        return None
    return acro, head_a


def from_group(group: str) -> tuple[str, tuple[str, ...]] | None:
    """``(initials, group tokens)`` for a group name of three or more significant words."""
    tokens = _latin_tokens(group)
    if not tokens:
        return None
    vocab = vocabulary()
    words = [
        w
        for w in latin_words(fold(group))
        if (e := vocab.latin.get((latin_key(w),))) is None or e.kind not in ("stop", "legal")
    ]
    if len(words) < 3:
        return None
    return "".join(w[0] for w in words), tokens


def learn(pairs: Iterable[tuple[str, str]], groups: Iterable[str]) -> Acronyms:
    """Acronyms from (name, alias) pairs and group names; the first expansion found wins."""
    out: Acronyms = {}
    for name, alias in pairs:
        found = from_alias(name, alias)
        if found:
            out.setdefault(*found)
    for g in groups:
        found = from_group(g)
        if found:
            out.setdefault(*found)
    return out


def variants(form: Form, acronyms: Acronyms) -> list[tuple[Form, str]]:
    """Forms of ``form`` with an expansion shortened or an acronym expanded, with a note."""
    out: list[tuple[Form, str]] = []
    toks = form.tokens
    for acro, exp in acronyms.items():
        n = len(exp)
        for i in range(len(toks) - n + 1):
            if toks[i : i + n] == exp:
                out.append(
                    (
                        Form(
                            form.kind,
                            (*toks[:i], acro, *toks[i + n :]),
                            (*form.weights[:i], 1.0, *form.weights[i + n :]),
                            (*form.surfaces[:i], acro.upper(), *form.surfaces[i + n :]),
                        ),
                        f"{acro.upper()} = {' '.join(form.surfaces[i : i + n])}",
                    )
                )
                break
        if acro in toks:
            i = toks.index(acro)
            expansion_weights = tuple(1.0 for _ in exp)
            out.append(
                (
                    Form(
                        form.kind,
                        (*toks[:i], *exp, *toks[i + 1 :]),
                        (*form.weights[:i], *expansion_weights, *form.weights[i + 1 :]),
                        (*form.surfaces[:i], *exp, *form.surfaces[i + 1 :]),
                    ),
                    f"{acro.upper()} expanded to {' '.join(exp)}",
                )
            )
    return out


__all__ = ["Acronyms", "from_alias", "from_group", "learn", "variants"]
