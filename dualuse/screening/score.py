"""Score one reading of a query against one reading of a listed name, and say why.

Words are aligned in four passes: the same token (a word, a Han chunk or a concept), then
single words within typo distance, then whatever is left on both sides joined up and compared
whole (spacing, and katakana spellings of Latin names via their consonant skeleton), then
words read from kana or Hangul against runs of a Latin name's words by their loanword keys
(:mod:`dualuse.screening.loanwords`). Each side
is then asked how much of its weight was matched,
and the score is the lower share times the square root of the higher one, so a listed name
must be covered by the query *and* the query by the listed name. That is
what keeps a parent (三菱重工業) or a sister company (… Engine & Turbocharger) from
matching a listed subsidiary (… Aero Engines): each leaves a weighty word unmatched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from rapidfuzz.distance import OSA, Indel

from dualuse.screening.analyse import (
    CONCEPT,
    FOREIGN_NAME,
    GLOSS,
    HANGUL_SYLLABLES,
    LegalForm,
    is_left_out,
    is_patronymic,
)
from dualuse.screening.config import DEFAULT_CONFIG, Fuzzy, ScreeningConfig
from dualuse.screening.english_kana import written_alike
from dualuse.screening.glosses import sense_bases, senses
from dualuse.screening.korean import SYLLABLE_MAX, syllable_key
from dualuse.screening.loanwords import (
    LOAN_SPAN,
    is_kana_source,
    is_loan_source,
    katakana_key,
    key_length,
    loanable,
    reading_key,
    short_key,
    words_keys,
)
from dualuse.screening.neighbours import deletions, reachable
from dualuse.screening.text import is_han, is_hangul, loose, skeleton, sound, sound_vowels
from dualuse.screening.transcription import looks_transcribed, transcribes, transcription_chars
from dualuse.screening.translit import arabic_key, cognate_key, slavic_key
from dualuse.screening.vocab import vocabulary


class Shape(NamedTuple):
    """What :func:`compare` asks of a reading's tokens whatever the other side (worked out
    once per reading)."""

    words: tuple[int, ...]  # positions of words that may pair as typos (no concept, number)
    plain: tuple[int, ...]  # positions of tokens that are not business words
    concepts: bool  # any business word
    numbers: bool  # any number (digits or a Roman numeral)
    #: (position, business word?, word compared by sound): plain tokens, and business words
    #: by their Latin surface (those without one are left out)
    sounding: tuple[tuple[int, bool, str], ...]
    joined: str  # the plain tokens joined up
    sound_concepts: bool  # any business word with a Latin surface (compared by sound)
    #: positions of plain words read from kana or Hangul (compared as loanwords)
    loanable: tuple[int, ...]
    kana: bool  # any token read from kana (sound matches checked by the katakana key)
    acronyms: tuple[int, ...]  # positions of words that may be initials (see is_initialism)
    #: runs of consecutive words joined up, longest first (see spaced_runs)
    spaced: tuple[tuple[str, int, int], ...]
    spaced_keys: frozenset[str]  # the runs' joined words, to tell at once that none meets
    #: (position, word as written) of the typo words whose token took off an English plural
    #: s (fares keyed fare): the word as written is compared too (see :func:`as_written`)
    written: tuple[tuple[int, str], ...]
    #: any run of Han characters that reads as a transcription of a foreign name
    #: (:func:`~dualuse.screening.transcription.looks_transcribed`)
    transcribed: bool
    #: any plain word that is a run of Han characters with one-word senses in the
    #: dictionary (:func:`~dualuse.screening.glosses.senses`), and any plain Latin word
    sensed: bool
    latin: bool


def shape_of(tokens: tuple[str, ...], surfaces: tuple[str, ...]) -> Shape:
    plain = tuple([i for i, t in enumerate(tokens) if not t.startswith(CONCEPT)])
    sounding = []
    for i, (t, src) in enumerate(zip(tokens, surfaces, strict=True)):
        concept = t.startswith(CONCEPT)
        word = surface_word(src) if concept else t
        if word:
            sounding.append((i, concept, word))
    return Shape(
        tuple([i for i in plain if not tokens[i].isdigit()]),
        plain,
        len(plain) < len(tokens),
        any(number_of(t, src) is not None for t, src in zip(tokens, surfaces, strict=True)),
        tuple(sounding),
        "".join([tokens[i] for i in plain]),
        any(concept for _, concept, _ in sounding),
        tuple([i for i in plain if not surfaces[i].isascii() and loanable(tokens[i], surfaces[i])]),
        any([not src.isascii() and is_kana_source(src) for src in surfaces]),
        tuple([i for i in plain if is_initialism(tokens[i])]),
        runs := spaced_runs(tokens),
        frozenset([r[0] for r in runs]),
        tuple([(i, w) for i in plain if (w := as_written(tokens[i], surfaces[i]))]),
        any([is_han(src[0]) and looks_transcribed(src) for src in surfaces if src]),
        any(
            [
                bool(surfaces[i]) and is_han(surfaces[i][0]) and bool(senses(surfaces[i]))
                for i in plain
            ]
        ),
        any([surfaces[i].isascii() and tokens[i].isalpha() for i in plain]),
    )


#: how a reading of another script ends when it sounds a final s: ス su, ズ zu, 스 seu,
#: 斯 si (Leidos 莱多斯, Caros 캐로스)
_S_SOUNDED = re.compile("[sz](?:u|eu|i|e)?$")


def _s_sounded(reading: str) -> bool:
    """Whether a reading's word ends in an s sound: a Latin word compared as written, its
    plural-looking s kept (:func:`as_written`), meets a reading of another script by sound
    only then; the sound key would otherwise lend any reading the s (中吉精機, read
    zhongjijingji, is not SINSMS)."""
    return _S_SOUNDED.search(reading) is not None


@lru_cache(maxsize=65536)
def as_written(token: str, surface: str) -> str:
    """A Latin word as written (loosened as its token is) when its token took off an English
    plural s, else "". Most words so keyed are no plural: names (Fares, Idris, Thomas) and
    brands end in s too, and the token of Fares (fare) is then too far from Faris for a
    typo, which the words as written are not."""
    if not surface.isascii() or not token.isalpha() or len(surface) <= len(token):
        return ""
    word = loose(surface_word(surface))
    return word if word != token and word.startswith(token[:-1]) else ""


#: the most words one word may be written apart into, and the shortest word compared so
#: (two or three letters joined are initials more often than a name: I A C / IAC)
SPACED_MAX, SPACED_MIN = 3, 4


@lru_cache(maxsize=65536)
def spaced_runs(tokens: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """Runs of two or three consecutive words (no business word, no number), joined up, with
    their first and last position + 1, longest runs first: the word the other name may
    write them as (Abdul Qader / Abdulqader, Shu-yi / Shuyi, yoko hama / Yokohama)."""
    out: list[tuple[str, int, int]] = []
    n = len(tokens)
    for size in range(SPACED_MAX, 1, -1):
        for start in range(n - size + 1):
            run = tokens[start : start + size]
            if any([t.startswith(CONCEPT) or _number(t) is not None for t in run]):
                continue
            # keyed as one word is (long vowels and a vowel's h written plain: Wade-Giles
            # fu hsing is fuhsing, read fusing)
            joined = loose("".join(run))
            if len(joined) >= SPACED_MIN:
                out.append((joined, start, start + size))
    return tuple(out)


@lru_cache(maxsize=65536)
def span_words_of(tokens: tuple[str, ...], surfaces: tuple[str, ...]) -> tuple[str, ...]:
    """Per token, the Latin word a loanword reading may stand for: a plain word as written,
    a business word by its Latin surface, "" for any other token (cached: worked out only
    for readings compared with a loanword)."""
    out: list[str] = []
    for t, src in zip(tokens, surfaces, strict=True):
        if t.startswith(CONCEPT):
            out.append(surface_word(src))
        elif t.isascii() and t.isalpha() and not is_loan_source(src) and _loan_source_word(t):
            # as written: the s of birds is sounded (ズ, 즈), however the word is keyed
            out.append(surface_word(src) or t)
        else:
            out.append("")
    return tuple(out)


_LETTERS_ONLY = re.compile("[^aeiouy]+")


@lru_cache(maxsize=65536)
def _is_place(word: str) -> bool:
    """Whether a word is a place of the weak words' table (China, Asia, Tokyo)."""
    entry = vocabulary().latin.get((word,))
    return entry is not None and entry.kind == "place"


@lru_cache(maxsize=65536)
def _loan_source_word(word: str) -> bool:
    """Whether a Latin word may be a loanword's source: not a joining word (the, of: a
    reading rarely spells them, and they would lend any reading a consonant) and not
    initials without a vowel (TCS: kana and Hangul spell those by letter names, read as
    letters elsewhere)."""
    if _LETTERS_ONLY.fullmatch(word) is not None:
        return False
    entry = vocabulary().latin.get((word,))
    return entry is None or entry.kind != "stop"


@lru_cache(maxsize=65536)
def loan_keys(tokens: tuple[str, ...], surfaces: tuple[str, ...], lossy: bool) -> tuple[str, ...]:
    """The loanword keys a reading is compared under by :func:`_loanwords` (what the index
    files and looks up): of a lossy reading, the keys of its words read from kana or
    Hangul; of any other, the keys of its runs of words."""
    if lossy:
        keys = [
            reading_key(t, src)
            for t, src in zip(tokens, surfaces, strict=True)
            if not t.startswith(CONCEPT) and loanable(t, src)
        ]
        return tuple(dict.fromkeys([k for k in keys if key_length(k)]))
    return tuple(
        dict.fromkeys([k for _, _, k in loan_spans(tokens, span_words_of(tokens, surfaces))])
    )


@lru_cache(maxsize=65536)
def loan_spans(tokens: tuple[str, ...], words: tuple[str, ...]) -> tuple[tuple[int, int, str], ...]:
    """The runs of words a loanword reading may stand for, with their keys (cached; see
    :func:`run_keys`)."""
    return tuple(dict.fromkeys(run_keys(tokens, words)))


def _word_keys(token: str, word: str) -> tuple[str, ...]:
    """A word's loanword keys (katakana, Hangul), as written and, where it differs, as
    keyed (a plain word singular: katakana often drops a plural's s)."""
    if not word:
        return ()
    own = words_keys((word,))
    if not token.startswith(CONCEPT) and token != word and token.isalpha():
        return (*own, *words_keys((token,)))
    return own


def run_keys(
    tokens: tuple[str, ...],
    words: tuple[str, ...],
    keep: Callable[[str], bool] | None = None,
) -> Iterator[tuple[int, int, str]]:
    """The runs of one to :data:`~dualuse.screening.loanwords.LOAN_SPAN` consecutive words
    (``words``: :func:`span_words_of`) a loanword reading may stand for, with their keys:
    runs holding a plain word (a run of business words alone never matches), keys of
    :data:`~dualuse.screening.loanwords.LOAN_MIN` consonants or more, in both families
    (katakana and Hangul), as written and as keyed. A run's key is its words' keys run
    together, a consonant doubled across words written once (as
    :func:`dualuse.screening.loanwords.words_keys` gives it), built word by word; a run is
    not extended once ``keep`` rejects its key so far (the index's prefixes of filed keys)."""
    n = len(words)
    # each word's keys, worked out when a run first reaches the word
    per_word: list[tuple[str, ...] | None] = [None] * n
    for variant in (0, 1, 2, 3):
        # 0, 1: as written (katakana, Hangul); 2, 3: as keyed, where a word has that key
        for start in range(n):
            key = ""
            plain = False
            for j in range(start, min(n, start + LOAN_SPAN)):
                own = per_word[j]
                if own is None:
                    own = per_word[j] = _word_keys(tokens[j], words[j])
                if not own:
                    break
                part = own[variant] if variant < len(own) else own[variant - 2]
                if not key:
                    key = part
                elif part[2:3] == key[-1:]:
                    key += part[3:]
                else:
                    key += part[2:]
                if keep is not None and not keep(key):
                    break
                plain = plain or not tokens[j].startswith(CONCEPT)
                if plain and key_length(key):
                    yield start, j + 1, key


@dataclass(frozen=True, slots=True, init=False)
class Side:
    """Tokens of one reading with their weights and source text."""

    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    surfaces: tuple[str, ...]
    legal: tuple[LegalForm, ...] = ()
    corrected: int = 0  # business words read through a typo
    #: weights before damping by list frequency; an unmatched word counts in full
    #: (a word common in the lists still says the name is another party's), empty = weights
    full: tuple[float, ...] = ()
    #: a lossy reading (romaji, pinyin, another script in Latin letters): its words may be
    #: matched by their sound key (:func:`dualuse.screening.text.sound`)
    lossy: bool = False
    #: a personal name "Surname, Given names": where its given names start and where the
    #: first of them after honorifics stands (0: any other name; see
    #: :func:`dualuse.screening.analyse.person_parts`)
    given: int = 0
    first: int = 0
    #: "cyrl" or "arab" when the reading is of Cyrillic or Arabic-script text (its words
    #: may then meet another name's by the keys of :func:`script_alike`), else ""
    script: str = ""
    #: the tokens' kinds, worked out from the fields above
    shape: Shape = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    #: the jurisdictions of the legal forms, worked out from ``legal``
    jurisdictions: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    #: the initialisms runs of its words spell (:func:`initials_keys`)
    spells: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def __init__(
        self,
        tokens: tuple[str, ...],
        weights: tuple[float, ...],
        surfaces: tuple[str, ...],
        legal: tuple[LegalForm, ...] = (),
        corrected: int = 0,
        full: tuple[float, ...] = (),
        lossy: bool = False,
        given: int = 0,
        first: int = 0,
        script: str = "",
    ) -> None:
        # the slots' own setters, faster than the generated frozen ``__init__``
        _side_set[0](self, tokens)
        _side_set[1](self, weights)
        _side_set[2](self, surfaces)
        _side_set[3](self, legal)
        _side_set[4](self, corrected)
        _side_set[5](self, full)
        _side_set[6](self, lossy)
        _side_set[7](self, given)
        _side_set[8](self, first)
        _side_set[9](self, script)
        _side_set[10](self, shape_of(tokens, surfaces))
        _side_set[11](self, frozenset([j for f in legal for j in f.jurisdictions]))
        _side_set[12](self, frozenset(initials_keys(tokens, full or weights, surfaces)))


_side_set = tuple(
    Side.__dict__[f].__set__
    for f in (
        "tokens",
        "weights",
        "surfaces",
        "legal",
        "corrected",
        "full",
        "lossy",
        "given",
        "first",
        "script",
        "shape",
        "jurisdictions",
        "spells",
    )
)


@dataclass(frozen=True, slots=True, init=False)
class Pair:
    query: str  # query text
    listed: str  # listed text
    token: str  # the listed token
    similarity: float
    how: str  # same | typo | spaced | joined | skeleton | sound | loanword | ...

    def __init__(self, query: str, listed: str, token: str, similarity: float, how: str) -> None:
        _pair_set[0](self, query)
        _pair_set[1](self, listed)
        _pair_set[2](self, token)
        _pair_set[3](self, similarity)
        _pair_set[4](self, how)


_pair_set = tuple(
    Pair.__dict__[f].__set__ for f in ("query", "listed", "token", "similarity", "how")
)


@dataclass(frozen=True, slots=True, init=False)
class Comparison:
    """The result of one comparison, with everything an explanation needs."""

    score: float
    cover_query: float
    cover_listed: float
    pairs: tuple[Pair, ...]
    missing: tuple[str, ...]  # listed words the query lacks
    extra: tuple[str, ...]  # query words the listed name lacks
    penalties: tuple[str, ...] = field(default=())
    exact: bool = False

    def __init__(
        self,
        score: float,
        cover_query: float,
        cover_listed: float,
        pairs: tuple[Pair, ...],
        missing: tuple[str, ...],
        extra: tuple[str, ...],
        penalties: tuple[str, ...] = (),
        exact: bool = False,
    ) -> None:
        _cmp_set[0](self, score)
        _cmp_set[1](self, cover_query)
        _cmp_set[2](self, cover_listed)
        _cmp_set[3](self, pairs)
        _cmp_set[4](self, missing)
        _cmp_set[5](self, extra)
        _cmp_set[6](self, penalties)
        _cmp_set[7](self, exact)


_cmp_set = tuple(
    Comparison.__dict__[f].__set__
    for f in (
        "score",
        "cover_query",
        "cover_listed",
        "pairs",
        "missing",
        "extra",
        "penalties",
        "exact",
    )
)


def _label(token: str, surface: str) -> str:
    if token.startswith(CONCEPT):
        return f"{surface} ({token[1:].replace('_', ' ')})"
    return surface


def typo_credit(similarity: float, cfg: ScreeningConfig = DEFAULT_CONFIG) -> float:
    """How much a word matched through a typo counts (1 = as much as the same word)."""
    return 1.0 - cfg.fuzzy.typo_charge * (1.0 - similarity)


def _jurisdiction_conflict(a: tuple[LegalForm, ...], b: tuple[LegalForm, ...]) -> str | None:
    ja = {j for f in a for j in f.jurisdictions}
    jb = {j for f in b for j in f.jurisdictions}
    if ja and jb and not ja & jb:
        sa = ", ".join(f.surface for f in a)
        sb = ", ".join(f.surface for f in b)
        return f"legal forms differ ({sa} vs {sb})"
    return None


def compare(q: Side, l: Side, cfg: ScreeningConfig = DEFAULT_CONFIG) -> Comparison:  # noqa: E741
    """Align ``q`` against ``l`` and score the alignment (pure; deterministic)."""
    pairs: list[Pair] = []
    sim_q, sim_l, match_of, same = _align(q, l, cfg, pairs)
    score, cover_q, cover_l, penalties, exact = _score(
        q, l, sim_q, sim_l, match_of, same, cfg, True
    )
    qt, lt = q.tokens, l.tokens
    return Comparison(
        score,
        cover_q,
        cover_l,
        tuple(pairs),
        tuple([_label(lt[j], l.surfaces[j]) for j in range(len(lt)) if not sim_l[j]]),
        tuple([_label(qt[i], q.surfaces[i]) for i in range(len(qt)) if not sim_q[i]]),
        tuple(penalties),
        exact,
    )


def score_of(q: Side, l: Side, cfg: ScreeningConfig = DEFAULT_CONFIG) -> tuple[float, bool]:  # noqa: E741
    """The score and exactness :func:`compare` gives, without the explanation (the same
    alignment and arithmetic; the word pairs, missing and extra words and penalty texts are
    not built)."""
    sim_q, sim_l, match_of, same = _align(q, l, cfg, None)
    if not same and not any(sim_q):
        # nothing matched on either side (every match marks both): both coverages are 0,
        # so is the score whatever is deducted, and the match is not exact
        return 0.0, False
    left_q, left_l = _business_left(q, l, sim_q, sim_l, cfg)
    cover_q = _cover(q, sim_q, left_q)
    cover_l = _cover(l, sim_l, left_l)
    low, high = (cover_q, cover_l) if cover_q <= cover_l else (cover_l, cover_q)
    score = low * high**0.5
    # the deductions of _score, in its order
    deducted = False
    order = [j for j in match_of if j >= 0]
    if len(order) > 1 and order != sorted(order):
        score -= cfg.penalties.word_order
        deducted = True
    fixes = q.corrected + l.corrected
    if fixes:
        score -= cfg.penalties.typo_in_business_word * fixes
        deducted = True
    ja, jb = q.jurisdictions, l.jurisdictions
    if ja and jb and ja.isdisjoint(jb):
        score -= cfg.penalties.legal_conflict
        deducted = True
    if q.shape.numbers and l.shape.numbers and _numbers_differ(q, l):
        score -= cfg.penalties.numbers_differ
        deducted = True
    if q.given and l.given and _given_differ(q, l, sim_q, sim_l, cfg):
        score -= cfg.penalties.given_names_differ
        deducted = True
    if HANGUL_SYLLABLES in (q.script, l.script) and _syllables_reordered(q, match_of):
        score -= cfg.penalties.syllable_order
        deducted = True
    exact = same == len(q.tokens) == len(l.tokens) and not deducted
    return max(0.0, min(1.0, score)), exact


def _align(
    q: Side,
    l: Side,  # noqa: E741
    cfg: ScreeningConfig,
    pairs: list[Pair] | None,
) -> tuple[list[float], list[float], list[int], int]:
    """The three passes of :func:`compare`: each word's similarity on both sides, the listed
    word each query word is matched to, and how many matched as the same token. The matched
    pairs are appended to ``pairs`` unless it is None."""
    qt, lt = q.tokens, l.tokens
    nq, nl = len(qt), len(lt)
    sim_q = [0.0] * nq
    sim_l = [0.0] * nl
    match_of: list[int] = [-1] * nq
    # 1. the same token, first free occurrence
    same = 0
    # whether a word that is not a business word matched on either side (every match of
    # the passes below marks at least one such word, a same-token match when the token is
    # not a business word)
    plain_hit = False
    for i, t in enumerate(qt):
        if t in lt:
            for j in range(lt.index(t), nl):
                if not sim_l[j] and lt[j] == t:
                    sim_q[i] = sim_l[j] = 1.0
                    match_of[i] = j
                    same += 1
                    if not plain_hit and not t.startswith(CONCEPT):
                        plain_hit = True
                    if pairs is not None:
                        pairs.append(Pair(q.surfaces[i], l.surfaces[j], t, 1.0, "same"))
                    break
    if same < nq and same < nl and q.shape.numbers and l.shape.numbers:
        # 1b. one number written two ways (2, II, Two, ツー)
        _same_numbers(q, l, sim_q, sim_l, match_of, pairs)
    if same < nq and same < nl:
        # 2. typos, best pair first
        fz = cfg.fuzzy
        cand: list[tuple[float, int, int, str]] = []
        shape_q, shape_l = q.shape, l.shape
        # a typo pair: no concept, no number on either side
        free_l = [j for j in shape_l.words if not sim_l[j]]
        by_sound = q.lossy or l.lossy
        script = (q.script or l.script) if by_sound else ""
        if free_l:
            # Cyrillic keys compare tokens; Arabic skeletons compare the words as written
            # (before the English plural and the long vowels are taken off the Latin
            # name's words: Modarres, Shahsavari)
            keyed = script if script.startswith("cyrl") or script == HANGUL_SYLLABLES else ""
            if (
                not by_sound
                and q.given
                and l.given
                and syllabic(q.tokens, q.given, q.first)
                and syllabic(l.tokens, l.given, l.first)
            ):
                # two Korean names in Latin letters, syllable by syllable (KIM, Ho Kyu and
                # KIM, Ho Gyu): their syllables meet by their romanisations' key
                keyed = KOREAN_LATIN
            arab_q = arabic_words(q.tokens, q.surfaces) if script == "arab" else ()
            arab_l = arabic_words(l.tokens, l.surfaces) if script == "arab" else ()
            pair_of = _pair_cache(fz, by_sound, keyed)
            # a Cyrillic reading against a Latin name or another Cyrillic reading: both keep
            # the sounds that the sound key merges (against kana, Hangul or Han, it does not)
            spelt = keyed.startswith("cyrl") and all(
                [s.script.startswith("cyrl") or not s.lossy for s in (q, l)]
            )
            transcribed = shape_q.transcribed or shape_l.transcribed
            translated = (shape_q.sensed and shape_l.latin) or (shape_l.sensed and shape_q.latin)
            # words as written where a plural s was taken off (Fares / Faris)
            written_q = dict(shape_q.written) if shape_q.written else None
            written_l = dict(shape_l.written) if shape_l.written else None
            for i in shape_q.words:
                if sim_q[i]:
                    continue
                a = qt[i]
                for j in free_l:
                    b = lt[j]
                    got = pair_of.get((a, b), _UNSEEN)
                    if got is _UNSEEN:
                        got = _pair_worked_out(pair_of, a, b, by_sound, fz, keyed)
                    if got is None and (written_q or written_l):
                        wa = written_q.get(i, a) if written_q else a
                        wb = written_l.get(j, b) if written_l else b
                        if (wa, wb) != (a, b):
                            got = pair_of.get((wa, wb), _UNSEEN)
                            if got is _UNSEEN:
                                got = _pair_worked_out(pair_of, wa, wb, by_sound, fz, keyed)
                            if (
                                got is not None
                                and by_sound
                                and got[1] in ("sound", "spoken")
                                and not _s_sounded(a if wa == a else b)
                            ):
                                # a reading meets the s only if it sounds one
                                got = None
                    if (
                        got is not None
                        and got[1] == "sound"
                        and (shape_q.kana or shape_l.kana)
                        and not _katakana_agree(q, l, (i,), (j,))
                    ):
                        got = None
                    if (
                        got is not None
                        and got[1] == "sound"
                        and (_han_word(q, i) or _han_word(l, j))
                    ):
                        # a Han word's reading is a spelling of Chinese or Japanese, not
                        # an approximation of a foreign word, unless its characters are
                        # those transcriptions use: met by its spelling (typos), or as a
                        # transcription below (中櫃 zhonggui is not THAINGUI)
                        got = None
                    if got is not None and got[1] == "sound" and q.lossy and l.lossy:
                        # two readings of other scripts meet by their spelling, never by
                        # the coarse sound key: two approximations of it agree by chance
                        # (サクサ and シークス; 코스맥스 and 萧美琴 read in pinyin)
                        got = None
                    if got is not None and spelt and got[1] == "sound" and not _spelt_near(a, b):
                        how = script_alike(a, b, keyed)
                        got = (fz.sound_similarity, how) if how else None
                    if got is None and arab_q and script_alike(arab_q[i], arab_l[j], "arab"):
                        got = (fz.sound_similarity, ARABIC_SKELETON)
                    if got is None and transcribed and _transcribed(q, l, i, j):
                        got = (fz.sound_similarity, TRANSCRIPTION)
                    if got is None and translated and _translated(q, l, i, j):
                        got = (fz.sound_similarity, SENSE)
                    if got is not None:
                        cand.append((got[0], i, j, got[1]))
        if cand:
            cand.sort(key=lambda c: (-c[0], c[1], c[2]))
            charge = fz.typo_charge
            skeletal: list[int] = []  # query words matched by Arabic skeleton
            for s, i, j, how in cand:
                if sim_q[i] or sim_l[j]:
                    continue
                credit = sim_q[i] = sim_l[j] = 1.0 - charge * (1.0 - s)  # typo_credit(s, cfg)
                match_of[i] = j
                if how == ARABIC_SKELETON:
                    skeletal.append(i)
                if credit:
                    plain_hit = True
                if pairs is not None:
                    pairs.append(Pair(q.surfaces[i], l.surfaces[j], lt[j], s, how))
            if script == "arab":
                _articles(q, sim_q)
                _articles(l, sim_l)
            if skeletal and not (_lined_up(q, sim_q) and _lined_up(l, sim_l)):
                _undo(skeletal, sim_q, sim_l, match_of, pairs)
                plain_hit = any([sim_q[i] for i in shape_q.plain]) or any(
                    [sim_l[j] for j in shape_l.plain]
                )
        # 2b. a word of one name written apart in the other (Abdulqader / Abdul Qader)
        if (shape_q.spaced or shape_l.spaced) and _spaced(q, l, sim_q, sim_l, match_of, pairs):
            plain_hit = True
        if (
            by_sound
            and (
                (shape_q.sound_concepts and shape_l.plain)
                or (shape_q.plain and shape_l.sound_concepts)
            )
            # a lossy reading's word against a business word of the other name, by its
            # surface: Трейд (treyd) is the "Trade" of Elitan Trade
            and _sound_concepts(q, l, sim_q, sim_l, match_of, pairs, cfg)
        ):
            plain_hit = True
        if (
            (shape_q.acronyms and _may_spell(q, l)) or (shape_l.acronyms and _may_spell(l, q))
        ) and _initials(q, l, sim_q, sim_l, match_of, pairs, cfg):
            plain_hit = True
        # 3. the proper-name words joined up (spacing, transliteration), when none of them
        # matched on its own on either side: what the index files as a form's joined key
        # (not a translation, nor a Hangul name's syllables, which its reading as written
        # joins up already)
        rest_q = shape_q.plain
        rest_l = shape_l.plain
        if (
            rest_q
            and rest_l
            and not plain_hit
            and GLOSS not in (q.script, l.script)
            and HANGUL_SYLLABLES not in (q.script, l.script)
        ):
            _join_rest(q, l, rest_q, rest_l, sim_q, sim_l, pairs, cfg)
        # 4. a kana or Hangul reading against a run of the Latin name's words left
        if q.lossy != l.lossy and (q.shape.loanable if q.lossy else l.shape.loanable):
            _loanwords(q, l, sim_q, sim_l, match_of, pairs, cfg)
    if l.script == GLOSS:
        _gloss_phrases(l, sim_l)
    elif q.script == GLOSS:
        _gloss_phrases(q, sim_q)
    if not q.lossy and not l.lossy and (same < nq or same < nl) and _in_order(match_of):
        # an Arabic article one Latin spelling writes and the other leaves out
        # (AL-GADDAFI / GADDAFI, ANSAR AL-DINE / ANSAR DINE), the words matched in order
        # (AL-ALI, Hamid is not HAMMOUD, Ali)
        _articles(q, sim_q, LATIN_ARTICLES)
        _articles(l, sim_l, LATIN_ARTICLES)
    return sim_q, sim_l, match_of, same


def _score(
    q: Side,
    l: Side,  # noqa: E741
    sim_q: list[float],
    sim_l: list[float],
    match_of: list[int],
    same: int,
    cfg: ScreeningConfig,
    explain: bool,
) -> tuple[float, float, float, list[str], bool]:
    """The score of an alignment (clamped to 0..1), both coverages, the penalties applied
    (their texts only if ``explain``; else one entry per penalty) and exactness."""
    left_q, left_l = _business_left(q, l, sim_q, sim_l, cfg)
    cover_q = _cover(q, sim_q, left_q)
    cover_l = _cover(l, sim_l, left_l)
    low, high = (cover_q, cover_l) if cover_q <= cover_l else (cover_l, cover_q)
    score = low * high**0.5
    penalties: list[str] = []
    order = [j for j in match_of if j >= 0]
    if order != sorted(order):
        score -= cfg.penalties.word_order
        penalties.append(f"word order differs (-{cfg.penalties.word_order:g})" if explain else "")
    fixes = q.corrected + l.corrected
    if fixes:
        score -= cfg.penalties.typo_in_business_word * fixes
        penalties.append(
            f"{fixes} business word(s) read through a typo "
            f"(-{cfg.penalties.typo_in_business_word * fixes:g})"
            if explain
            else ""
        )
    conflict = _jurisdiction_conflict(q.legal, l.legal) if q.legal and l.legal else None
    if conflict:
        score -= cfg.penalties.legal_conflict
        penalties.append(f"{conflict} (-{cfg.penalties.legal_conflict:g})" if explain else "")
    qt, lt = q.tokens, l.tokens
    numbers = _numbers_differ(q, l) if q.shape.numbers and l.shape.numbers else None
    if numbers:
        score -= cfg.penalties.numbers_differ
        penalties.append(f"{numbers} (-{cfg.penalties.numbers_differ:g})" if explain else "")
    if q.given and l.given and _given_differ(q, l, sim_q, sim_l, cfg):
        score -= cfg.penalties.given_names_differ
        penalties.append(
            f"first given names differ ({q.surfaces[q.first]} vs {l.surfaces[l.first]}) "
            f"(-{cfg.penalties.given_names_differ:g})"
            if explain
            else ""
        )
    if HANGUL_SYLLABLES in (q.script, l.script) and _syllables_reordered(q, match_of):
        score -= cfg.penalties.syllable_order
        penalties.append(
            f"given-name syllables in another order (-{cfg.penalties.syllable_order:g})"
            if explain
            else ""
        )
    # every word of both sides matched as the same token, nothing deducted
    exact = same == len(qt) == len(lt) and not penalties
    return max(0.0, min(1.0, score)), cover_q, cover_l, penalties, exact


#: the lengths of a word read as the initials of other words: two letters are shared by too
#: many names, and initials of more than five words are rarely written
INITIALS_MIN, INITIALS_MAX = 3, 5


def is_initialism(token: str) -> bool:
    """Whether a word may be the initials of a run of the other name's words (ISIL for
    Islamic State of Iraq and the Levant): ASCII letters, three to five of them."""
    return INITIALS_MIN <= len(token) <= INITIALS_MAX and token.isascii() and token.isalpha()


def _initial(
    tokens: tuple[str, ...], full: tuple[float, ...], surfaces: tuple[str, ...], j: int
) -> str:
    """The initials a word contributes to an initialism: "" for a joining word (of, and,
    the: a stop word's weight), the first letter of each word of its surface otherwise (a
    business phrase, Heavy Industries, gives two)."""
    if not tokens[j].startswith(CONCEPT) and full[j] <= DEFAULT_CONFIG.weights.stop:
        return ""
    return "".join([w[0] for w in surfaces[j].casefold().split() if w[:1].isalnum()])


def _runs(
    tokens: tuple[str, ...],
    full: tuple[float, ...],
    surfaces: tuple[str, ...],
    free: list[float] | None,
) -> list[tuple[str, int, int]]:
    """Runs of consecutive words (unmatched ones when ``free`` gives the similarities) that
    begin and end with a word that is not a joining word and hold two such words or more,
    or that are one business phrase of three words or more (Особое Конструкторское Бюро,
    ОКБ), whose initials are :func:`is_initialism`: (initials, first, last position)."""
    out: list[tuple[str, int, int]] = []
    n = len(tokens)
    if n < 2:
        return out
    inis = [_initial(tokens, full, surfaces, j) for j in range(n)]
    for j in range(n):
        acc = inis[j]
        if not acc or (free is not None and free[j]):
            continue
        if tokens[j].startswith(CONCEPT) and is_initialism(acc):
            out.append((acc, j, j))
        for k in range(j + 1, n):
            if (free is not None and free[k]) or len(acc) >= INITIALS_MAX:
                break
            x = inis[k]
            if not x:
                continue
            acc += x
            if len(acc) > INITIALS_MAX:
                break
            if len(acc) >= INITIALS_MIN and acc.isascii() and acc.isalpha():
                out.append((acc, j, k))
    return out


@lru_cache(maxsize=65536)
def word_initials(
    tokens: tuple[str, ...], full: tuple[float, ...], surfaces: tuple[str, ...]
) -> tuple[str, ...]:
    """The initials each word of a reading contributes to an initialism (what
    :func:`initials_keys` is worked out from; cheaper, for cache keys)."""
    return tuple([_initial(tokens, full, surfaces, j) for j in range(len(tokens))])


@lru_cache(maxsize=65536)
def initials_keys(
    tokens: tuple[str, ...], full: tuple[float, ...], surfaces: tuple[str, ...]
) -> tuple[str, ...]:
    """Every initialism a run of a reading's words spells (:func:`_runs`, all words free):
    what the index files a listed reading under and looks a query's runs up as."""
    return tuple(sorted({acc for acc, _, _ in _runs(tokens, full, surfaces, None)}))


def _may_spell(a: Side, b: Side) -> bool:
    """Whether a word of ``a`` is among the initialisms the runs of ``b``'s words spell,
    all words free (a cheap test before :func:`_initials` walks the free ones)."""
    spelt = b.spells
    return bool(spelt) and any([a.tokens[i] in spelt for i in a.shape.acronyms])


def _initials(
    q: Side,
    l: Side,  # noqa: E741
    sim_q: list[float],
    sim_l: list[float],
    match_of: list[int],
    pairs: list[Pair] | None,
    cfg: ScreeningConfig,
) -> bool:
    """A word left unmatched on one side against a run of words left unmatched on the
    other whose initials it spells (ISIL-LIBYA against Islamic State of Iraq and the
    Levant-Libya; joining words skipped). The word must not be the whole of its name:
    some other word of it is matched already, so that initials alone, which many names
    share, never make a match. Whether any pair matched."""
    credit = typo_credit(cfg.fuzzy.initials_similarity, cfg)
    matched = False
    for a, b, sim_a, sim_b, query_side in ((q, l, sim_q, sim_l, True), (l, q, sim_l, sim_q, False)):
        for i in a.shape.acronyms:
            if sim_a[i] or not any(sim_a):
                continue
            word = a.tokens[i]
            for acc, j, k in _runs(b.tokens, b.full or b.weights, b.surfaces, sim_b):
                if acc != word:
                    continue
                sim_a[i] = credit
                for x in range(j, k + 1):
                    sim_b[x] = credit
                    if not query_side:
                        match_of[x] = i
                if query_side:
                    match_of[i] = j
                matched = True
                if pairs is not None:
                    run = " ".join(b.surfaces[j : k + 1])
                    qs, ls = (a.surfaces[i], run) if query_side else (run, a.surfaces[i])
                    pairs.append(Pair(qs, ls, word, cfg.fuzzy.initials_similarity, "initials"))
                break
    return matched


_UNSEEN: Any = object()
_PAIR_CACHE_SIZE = 262144
#: per set of typo rules (by identity; the rules are kept alive with their memos), the memos
#: of :func:`_word_pair` without and with sound matching
_PAIR_CACHES: dict[int, tuple[Fuzzy, dict[tuple[str, str], Any], dict[tuple[str, str], Any]]] = {}


#: :func:`same_sound` per pair of words (pure; bounded: cleared when full)
_SAME_SOUND: dict[tuple[str, str, str], bool] = {}
#: per set of typo rules, :func:`_joined_pair` per pair of joined parts and lossiness
_JOINED_CACHES: dict[int, tuple[Fuzzy, dict[tuple[str, str, bool], tuple[float, str]]]] = {}


def _pair_worked_out(
    memo: dict[tuple[str, str], tuple[float, str] | None],
    a: str,
    b: str,
    by_sound: bool,
    fz: Fuzzy,
    script: str,
) -> tuple[float, str] | None:
    """:func:`_word_pair` of two words, kept in ``memo`` (cleared when full)."""
    got = _word_pair(a, b, by_sound, fz, script)
    if len(memo) >= _PAIR_CACHE_SIZE:
        memo.clear()
    memo[(a, b)] = got
    return got


def _joined_cache(fz: Fuzzy) -> dict[tuple[str, str, bool], tuple[float, str]]:
    got = _JOINED_CACHES.get(id(fz))
    if got is None or got[0] is not fz:
        got = _JOINED_CACHES[id(fz)] = (fz, {})
    return got[1]


def _pair_cache(
    fz: Fuzzy, by_sound: bool, script: str = ""
) -> dict[tuple[str, str], tuple[float, str] | None]:
    """The memo of :func:`_word_pair` for one set of typo rules, by sound or not, and
    script (bounded: cleared when full): a pair's result depends on all three, so two
    Latin words compared by the Korean syllable key (kyu, gyu) are not read from the memo
    of Latin words compared without it."""
    got = _PAIR_CACHES.get(id(fz))
    if got is None or got[0] is not fz:
        got = _PAIR_CACHES[id(fz)] = (fz, {}, {})
    if not script:
        return got[2] if by_sound else got[1]
    return _SCRIPT_PAIR_CACHES.setdefault((id(fz), by_sound, script), {})


#: the memos of :func:`_word_pair` between a reading of Cyrillic or Arabic script and a
#: word, or two Latin names of Korean syllables, per set of typo rules (kept alive in
#: ``_PAIR_CACHES``), by sound or not, and script
_SCRIPT_PAIR_CACHES: dict[tuple[int, bool, str], dict[tuple[str, str], Any]] = {}
#: how a word pair matched by its Arabic consonant skeleton is named
ARABIC_SKELETON = "arabic skeleton"


#: the definite article of Arabic as romanisations write it apart from its noun, and
#: assimilated to a sun letter (al-Barazi, el-Sayed, ul-Haq, ol-Eslam, ash-Shami,
#: ar-Rahman, ad-Din; UNGEGN / BGN/PCGN romanisation of Arabic and Persian); a reading
#: of Arabic script leaves it out (:func:`dualuse.screening.translit.latin`)
ARABIC_ARTICLES = frozenset(
    {"al", "el", "ul", "ol", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er", "es"}
)


#: the forms of the Arabic article that Latin spellings of Arabic names write apart and
#: that are no word of English or Spanish (al, ul, ol; not as, at, an, el): between two Latin
#: spellings, one may write the article where the other leaves it out
LATIN_ARTICLES = frozenset({"al", "ul", "ol"})


def _in_order(match_of: list[int]) -> bool:
    """Whether the matched query words meet the listed words in their order."""
    order = [j for j in match_of if j >= 0]
    return order == sorted(order)


def _articles(side: Side, sims: list[float], articles: frozenset[str] = ARABIC_ARTICLES) -> None:
    """An Arabic article written apart, left unmatched before a matched word, counted as
    that word is (the other name's reading has it on the word, or leaves it out)."""
    toks = side.tokens
    for i in range(len(toks) - 2, -1, -1):
        if not sims[i] and sims[i + 1] and toks[i] in articles:
            sims[i] = sims[i + 1]


def _lined_up(side: Side, sims: list[float]) -> bool:
    """Whether every proper-name word of a side is matched (joining words and places,
    of low weight, may be left)."""
    full = side.full or side.weights
    return all([sims[i] or full[i] < 0.5 for i in side.shape.plain])


def _undo(
    skeletal: list[int],
    sim_q: list[float],
    sim_l: list[float],
    match_of: list[int],
    pairs: list[Pair] | None,
) -> None:
    """Take back the matches made by Arabic skeleton (a skeleton is lossy: it counts only
    when the whole name lines up, see :func:`script_alike`)."""
    for i in skeletal:
        sim_l[match_of[i]] = 0.0
        sim_q[i] = 0.0
        match_of[i] = -1
    if pairs is not None:
        pairs[:] = [p for p in pairs if p.how != ARABIC_SKELETON]


def _syllables_reordered(q: Side, match_of: list[int]) -> bool:
    """Whether the given-name syllables of a Hangul name read syllable by syllable (all
    but its first, the surname) are matched in another order by the other name's words:
    김수일 against KIM Il Su. The surname may stand anywhere (Su Il KIM)."""
    if q.script == HANGUL_SYLLABLES:
        pairs = [(i, j) for i, j in enumerate(match_of) if i >= 1 and j >= 0]
    else:
        pairs = [(j, i) for i, j in enumerate(match_of) if j >= 1]
    pairs.sort()
    others = [o for _, o in pairs]
    return others != sorted(others)


def script_alike(a: str, b: str, script: str) -> str | None:
    """How two words match when one is a reading of Cyrillic or Arabic script, or a syllable
    of a Hangul name read syllable by syllable: "spelling" (one Slavic name in two
    romanisations, :func:`~dualuse.screening.translit.slavic_key`; one Korean syllable in
    two, :func:`~dualuse.screening.korean.syllable_key`),
    "cognate" (a declined Russian word and its English cognate,
    :func:`~dualuse.screening.translit.cognate_key`), :data:`ARABIC_SKELETON` (an Arabic
    or Persian name and its Latin spelling, :func:`~dualuse.screening.translit.arabic_key`),
    or None. Keys of three letters or more of words of four or more (a stem of four, a
    skeleton of two consonants or more), so that short words are not read into each other."""
    if script in (HANGUL_SYLLABLES, KOREAN_LATIN):
        if max(len(a), len(b)) > SYLLABLE_MAX:
            return None
        k = syllable_key(a)
        return "spelling" if k and k == syllable_key(b) else None
    if script.startswith("cyrl"):
        ka, kb = slavic_key(a), slavic_key(b)
        if ka == kb and len(ka) >= 3 and min(len(a), len(b)) >= 4:
            return "spelling"
        if script == "cyrl" and min(len(a), len(b)) >= 5:
            ca, cb = cognate_key(a), cognate_key(b)
            if ca == cb and len(ca) >= 4:
                return "cognate"
        return None
    if script == "arab":
        ka, kb = arabic_key(a), arabic_key(b)
        if (
            ka == kb
            and ka
            and (len(ka) >= 2 or max(len(a), len(b)) <= 4)
            and _glides_agree(a, b)
            and _glides_agree(b, a)
        ):
            # a skeleton of one consonant only between short words (علی ly, Ali)
            return ARABIC_SKELETON
    return None


#: the script of two Latin "Surname, Given" names written syllable by syllable, as Korean
#: names are (see :func:`syllabic`)
KOREAN_LATIN = "hang-latin"
#: the longest word read as one romanised syllable of a Korean name in Latin letters
SYLLABLE_WORD_MAX = 5


def syllabic(tokens: tuple[str, ...], given: int, first: int) -> bool:
    """Whether a "Surname, Given" name (its tokens, where its given names start and where
    the first of them after honorifics stands) is written syllable by syllable, as Korean
    names are in Latin letters: a surname of one word and given names of one or two words,
    every word a syllable (:data:`SYLLABLE_WORD_MAX` letters at most, one vowel group)."""
    if given != 1 or first != 1 or not 2 <= len(tokens) <= 3:
        return False
    return all([_one_syllable(t) for t in tokens])


@lru_cache(maxsize=65536)
def _one_syllable(word: str) -> bool:
    return (
        len(word) <= SYLLABLE_WORD_MAX
        and word.isascii()
        and word.isalpha()
        and len(_VOWEL_GROUPS.findall(word)) == 1
    )


_VOWEL_GROUPS = re.compile("[aeiouy]+")


def _glides_agree(a: str, b: str) -> bool:
    """Whether the long vowels and glides that Arabic script writes (ي y, و w) inside a
    word are spelt in the other word too: حسين (hsyn) is Hussein or Husain, never Hassan
    (حسن, hsn), though the two skeletons are one. A last letter is left out: ى reads
    y and is said a (مصطفى Mostafa), and the و of عمرو (Amr) is not said."""
    tail = a[1:-1]
    if ("y" in tail or any(d in tail for d in _Y_DIPHTHONGS)) and not any(c in b for c in "iey"):
        return False
    if ("w" in tail or any(d in tail for d in _W_DIPHTHONGS)) and not any(c in b for c in "ouwv"):
        return False
    return True


#: how Latin spellings write the long vowels and diphthongs of ي and و (Hussein, Saeed,
#: Faisal; Youssef, Mahmoud, Noor): the other word must have the letter too (Hussein is
#: not حسن Hassan)
_Y_DIPHTHONGS = ("ei", "ey", "ai", "ay", "ee", "ii", "iy")
_W_DIPHTHONGS = ("ou", "oo", "uu", "ow", "aw")


def _han_word(side: Side, i: int) -> bool:
    """Whether word ``i`` of a reading is read from Han characters (its source text) that
    are not all characters of the transcription tables (:func:`transcription_chars`)."""
    src = side.surfaces[i]
    return side.lossy and bool(src) and is_han(src[0]) and not transcription_chars(src)


def _word_pair(
    a: str, b: str, by_sound: bool, fz: Fuzzy, script: str = ""
) -> tuple[float, str] | None:
    """Two words (neither a business word nor a number) as a typo or a sound match: the
    similarity credited and how, or None (pure: memoised per pair by :func:`compare`)."""
    if script and not is_han(a[0]) and not is_han(b[0]):
        got = _word_pair(a, b, by_sound, fz)
        if got is not None:
            return got
        how = script_alike(a, b, script)
        return (fz.sound_similarity, how) if how else None
    han_a = is_han(a[0])
    han_b = is_han(b[0])
    # both words long enough for their script (a Hangul character is a syllable, as a Han
    # one is: 에스제이 and 에스제이켐, SJ and SJ Chem, are a syllable apart, not a typo)
    floor = (
        fz.min_len_han if han_a or han_b or is_hangul(a[0]) or is_hangul(b[0]) else fz.min_len_latin
    )
    if len(a) < floor or len(b) < floor:
        return None
    s = OSA.normalized_similarity(a, b)
    if s >= fz.min_similarity and typo_ok(a, b, han_a):
        return s, "typo"
    if (
        not han_a
        and not han_b
        and (k := spoken(a))
        and k == spoken(b)
        and (by_sound or _same_ending(a, b))
    ):
        return fz.spoken_similarity, "spoken"
    if by_sound and not han_a and not han_b and same_sound(a, b):
        return fz.sound_similarity, "sound"
    return None


#: the least Indel similarity of the two words' Slavic spelling keys for a sound match of a
#: Cyrillic reading: Volna and Prima (0.20), Gradient and Girikond (0.40) share a sound key,
#: Salute and Salyut (0.91), Complexes and Kompleksov (0.67), Sanjiang and Santszyan (0.71)
#: are one word
CYRILLIC_SOUND_MIN = 0.6


#: how a word pair matched as a Chinese transcription of a Latin word is named
TRANSCRIPTION = "transcription"


def _transcribed(q: Side, l: Side, i: int, j: int) -> bool:  # noqa: E741
    """Whether word ``i`` of ``q`` and word ``j`` of ``l`` are a run of Han characters read
    in pinyin and a Latin word it transcribes (:mod:`dualuse.screening.transcription`),
    their vowels near too (:func:`vowels_agree`: 陈舒怡, chenshuyi, is not Smith)."""
    pair = _han_and_latin(q, l, i, j)
    if pair is None:
        return False
    han, reading, latin, _ = pair
    word = surface_word(latin)
    memo = _TRANSCRIBED
    got = memo.get((han, word, reading))
    if got is None:
        got = transcribes(han, word) and vowels_agree(reading, word)
        if len(memo) >= _PAIR_CACHE_SIZE:
            memo.clear()
        memo[(han, word, reading)] = got
    return got


_TRANSCRIBED: dict[tuple[str, str, str], bool] = {}

#: how a word pair matched as a Han word and one of its senses in the dictionary is named
SENSE = "sense"
#: ... and two words that stand for one number (II, ツー)
NUMBER = "number"


def _translated(q: Side, l: Side, i: int, j: int) -> bool:  # noqa: E741
    """Whether word ``i`` of ``q`` and word ``j`` of ``l`` are a Han word and a Latin word
    that is one of its one-word senses (:func:`~dualuse.screening.glosses.senses`: 顶峰 peak,
    summit; 应用 applied), or an -al or -ic adjective of one (战术 tactics, Tactical:
    :func:`~dualuse.screening.glosses.sense_bases`), the Latin word by its token (singular,
    loosened)."""
    pair = _han_and_latin(q, l, i, j)
    if pair is None:
        return False
    found = senses(pair[0])
    return bool(found) and any([b in found for b in sense_bases(pair[3])])


def _han_and_latin(
    q: Side,
    l: Side,  # noqa: E741
    i: int,
    j: int,
) -> tuple[str, str, str, str] | None:
    """Word ``i`` of ``q`` and word ``j`` of ``l`` as (Han surface, its token, Latin surface,
    its token) when one is a run of Han characters and the other a word written in Latin
    letters, whichever side each is on; None otherwise."""
    sq, sl = q.surfaces[i], l.surfaces[j]
    if is_han(sq[0]) and sl.isascii():
        return sq, q.tokens[i], sl, l.tokens[j]
    if is_han(sl[0]) and sq.isascii():
        return sl, l.tokens[j], sq, q.tokens[i]
    return None


def _spelt_near(a: str, b: str) -> bool:
    """Whether two words that :func:`same_sound` pairs, one read from Cyrillic and the
    other from Latin or Cyrillic letters, are also spelt alike. A transliteration of
    Cyrillic keeps voicing, l and r, m and n apart, which the sound key merges for the
    scripts that lose them (katakana, Hangul, Chinese): two such words of one sound key may
    be two names (ВОЛНА Volna and Prima), so their spellings must also be near
    (:data:`CYRILLIC_SOUND_MIN`)."""
    return Indel.normalized_similarity(slavic_key(a), slavic_key(b)) >= CYRILLIC_SOUND_MIN


def _sound_concepts(
    q: Side,
    l: Side,  # noqa: E741
    sim_q: list[float],
    sim_l: list[float],
    match_of: list[int],
    pairs: list[Pair] | None,
    cfg: ScreeningConfig,
) -> bool:
    """Words left unmatched on one side against business words left on the other, by sound
    (a business word by its Latin surface; one without is compared with nothing here).
    Whether any pair matched."""
    credit = typo_credit(cfg.fuzzy.sound_similarity, cfg)
    memo = _SAME_SOUND
    script = q.script or l.script
    listed = l.shape.sounding
    matched = False
    for i, concept_a, word_a in q.shape.sounding:
        if sim_q[i]:
            continue
        for j, concept_b, word_b in listed:
            # only a business word on one side and a plain word on the other pair up here
            if sim_l[j] or concept_a == concept_b:
                continue
            alike = memo.get((word_a, word_b, script))
            if alike is None:
                alike = same_sound(word_a, word_b) or (
                    script == "cyrl" and script_alike(word_a, word_b, script) is not None
                )
                if len(memo) >= _PAIR_CACHE_SIZE:
                    memo.clear()
                memo[(word_a, word_b, script)] = alike
            if alike:
                sim_q[i] = sim_l[j] = credit
                match_of[i] = j
                matched = bool(credit)
                if pairs is not None:
                    pairs.append(Pair(q.surfaces[i], l.surfaces[j], l.tokens[j], credit, "sound"))
                break
    return matched


def _katakana_agree(
    q: Side,
    l: Side,  # noqa: E741
    at_q: tuple[int, ...],
    at_l: tuple[int, ...],
) -> bool:
    """Whether words matched by their coarse sound key (:func:`same_sound`, the joined
    pass) also agree by the katakana key when the words of one side are all read from kana
    and those of the other are not (:func:`dualuse.screening.loanwords.katakana_key`):
    katakana keeps voicing and tells ジ, チ, ツ and ス apart, so アフラック (afurakku) is
    not Biprogy, whose coarse keys agree."""
    kana_q = [is_kana_source(q.surfaces[i]) for i in at_q]
    kana_l = [is_kana_source(l.surfaces[j]) for j in at_l]
    if all(kana_q) == all(kana_l) or (any(kana_q) and any(kana_l)):
        return True
    kana, other, at_k, at_o = (q, l, at_q, at_l) if all(kana_q) else (l, q, at_l, at_q)
    key = "k:" + katakana_key("".join([kana.tokens[i] for i in at_k]), english=False)
    span_words = span_words_of(other.tokens, other.surfaces)
    written = tuple([span_words[j] or other.tokens[j] for j in at_o])
    keyed = tuple([other.tokens[j] for j in at_o])
    # the words as written, or as keyed (singular: katakana often drops a plural's s,
    # マーケット for Markets)
    return key == words_keys(written)[0] or key == words_keys(keyed)[0]


def _written_alike(
    reading: str, tokens: tuple[str, ...], words: tuple[str, ...], run: tuple[int, int, str]
) -> bool:
    """Whether a kana reading is how katakana writes a run of words, as written or as keyed
    (a plain word singular: ライオン for Lions, as the run's keys allow)."""
    start, end = run[0], run[1]
    written = words[start:end]
    if written_alike(reading, written):
        return True
    pairs = zip(tokens[start:end], written, strict=True)
    keyed = tuple([w if t.startswith(CONCEPT) else t for t, w in pairs])
    return keyed != written and written_alike(reading, keyed)


def _loanwords(
    q: Side,
    l: Side,  # noqa: E741
    sim_q: list[float],
    sim_l: list[float],
    match_of: list[int],
    pairs: list[Pair] | None,
    cfg: ScreeningConfig,
) -> bool:
    """The fourth pass of :func:`compare`: words read from kana or Hangul on the lossy side
    against runs of consecutive words left unmatched on the other (a Latin name), by their
    loanword keys
    (:mod:`dualuse.screening.loanwords`): ロイヤルホールディングス (roiyaru + holdings, or one
    reading) against Royal Holdings. The longest run first, the first run from the left;
    credited as a sound match. Whether any word matched."""
    lossy_is_q = q.lossy
    a, b = (q, l) if lossy_is_q else (l, q)
    sim_a, sim_b = (sim_q, sim_l) if lossy_is_q else (sim_l, sim_q)
    words = span_words_of(b.tokens, b.surfaces)
    runs = [r for r in loan_spans(b.tokens, words) if not any(sim_b[j] for j in range(r[0], r[1]))]
    if not runs:
        return False
    credit = typo_credit(cfg.fuzzy.sound_similarity, cfg)
    matched = False
    for i in a.shape.loanable:
        if sim_a[i]:
            continue
        key = reading_key(a.tokens[i], a.surfaces[i])
        if not key_length(key):
            continue
        checked = short_key(key)
        best: tuple[int, int, str] | None = None
        for r in runs:
            if r[2] == key and not any(sim_b[j] for j in range(r[0], r[1])):
                if best is None or r[1] - r[0] > best[1] - best[0]:
                    if checked and not _written_alike(a.tokens[i], b.tokens, words, r):
                        continue
                    best = r
        if best is None:
            continue
        start, end, _ = best
        sim_a[i] = credit
        for j in range(start, end):
            sim_b[j] = credit
        if lossy_is_q:
            match_of[i] = start
        else:
            for j in range(start, end):
                match_of[j] = i
        matched = matched or bool(credit)
        if pairs is not None:
            run = " ".join(b.surfaces[j] for j in range(start, end))
            if lossy_is_q:
                pairs.append(Pair(a.surfaces[i], run, b.tokens[start], credit, "loanword"))
            else:
                pairs.append(Pair(run, a.surfaces[i], a.tokens[i], credit, "loanword"))
    return matched


#: the shortest metaphone key :func:`spoken` gives: two consonants (Saleh, Salih, Sally
#: are all SL) are shared by too many names
SPOKEN_MIN_KEY = 3


@lru_cache(maxsize=131072)
def spoken(word: str) -> str:
    """A Latin word's Metaphone key (rigour's implementation), "" for a word shorter than
    ``Fuzzy.min_len_latin`` letters (four) or a key shorter than :data:`SPOKEN_MIN_KEY`.

    Names transliterated from Arabic, Persian or Russian are spelt many ways: doubled
    letters (Hajjlu, Hajlou), ou/u/oo, ee/i, kh/k, q/k, ch/sh (Hicham, Hisham), dh/d.
    Metaphone keeps a word's consonants as they sound and its first vowel only, so those
    spellings share a key. It also merges names that differ only in later vowels (Hasan,
    Husayn), which is why a match by this key is credited as a sound match, not as the
    same word, and a short key is not used at all.
    """
    if len(word) < 4 or not word.isascii() or not word.isalpha():
        return ""
    from rigour.text import metaphone

    key = str(metaphone(word))
    return key if len(key) >= SPOKEN_MIN_KEY else ""


_VOWELS = frozenset("aeiouy")


def _same_ending(a: str, b: str) -> bool:
    """Whether two Latin words both end in a vowel or both in a consonant. Metaphone keeps
    no vowel after the first, so Bashar and Bushra share a key; a name that ends in a
    vowel where the other ends in a consonant is another name (in Arabic names, often the
    feminine of the other), however their consonants agree. Not asked of a lossy reading,
    whose vowels are the reading's own (romaji ends every word in a vowel)."""
    return (a[-1] in _VOWELS) == (b[-1] in _VOWELS)


@lru_cache(maxsize=65536)
def surface_word(surface: str) -> str:
    """A business word's surface as one lower-case ASCII word ("" if not Latin)."""
    word = "".join(c for c in surface.casefold() if c.isascii() and c.isalnum())
    return word if word and surface.isascii() else ""


def distinct_start_ok(a: str, b: str) -> bool:
    """Whether two short words that differ may still be one word misspelt.

    "Shing" and "Hing", "Kong" and "Hong" differ in their first letter: in short names that
    is another name, not a typo (Kwong Shing Trading is not Kwong Hing Trading). Words of
    eight letters or more may differ anywhere, and so may the first vowel of words that
    begin with one, which transliterations spell many ways (Yvan / Ivan, Essa / Issa,
    Osama / Usama: y before a consonant is a vowel).
    """
    return a[0] == b[0] or min(len(a), len(b)) >= 8 or (_initial_vowel(a) and _initial_vowel(b))


def _initial_vowel(word: str) -> bool:
    """Whether a word begins with a vowel (y before a consonant is one)."""
    return word[0] in "aeiou" or (word[0] == "y" and len(word) > 1 and word[1] not in "aeiou")


def typo_ok(a: str, b: str, han: bool = False) -> bool:
    """Whether two words close enough to count as one word misspelt may be: the index finds
    the pair (:func:`dualuse.screening.neighbours.reachable`), and short Latin words that
    differ in their first letter are two names (Shing / Hing)."""
    if not han and not distinct_start_ok(a, b):
        return False
    return (abs(len(a) - len(b)) <= 1 and OSA.distance(a, b) <= 1) or reachable(a, b)


#: the least Indel similarity of two words' sound keys with their vowels
#: (:func:`~dualuse.screening.text.sound_vowels`) for a sound match: the consonant key alone
#: is shared by names that have nothing in common (橋松精機 read qiaosongjingji and JANG JA
#: SAN CHONG NYON HO run together, ksnsns and snsnsn a deletion apart; Vantor and 朴英泰,
#: pnt); 박정천 (bakjeongcheon) and Pak Jong-chon keep 0.89
SOUND_VOWELS_MIN = 0.6


def vowels_agree(a: str, b: str) -> bool:
    """Whether two words that share a sound key, or keys a deletion apart, are also near in
    their vowels (:data:`SOUND_VOWELS_MIN`)."""
    return Indel.normalized_similarity(sound_vowels(a), sound_vowels(b)) >= SOUND_VOWELS_MIN


def same_sound(a: str, b: str) -> bool:
    """Whether two romanised words sound alike: the same sound key of three consonants or
    more, or keys of five or more one deletion apart on each side, the words also near in
    their vowels (:func:`vowels_agree`: vantor and puyingtai, both pnt, are not); or the
    same key with their vowels (words of five letters or more)."""
    ka, kb = sound(a), sound(b)
    if not ka or not kb or ka[0] != kb[0]:
        return False
    if len(ka) >= 3 and len(kb) >= 3:
        if ka == kb:
            return vowels_agree(a, b)
        # single deletions of keys whose lengths differ by two or more never meet
        if (
            min(len(ka), len(kb)) >= 5
            and abs(len(ka) - len(kb)) <= 1
            and not deletions(ka).isdisjoint(deletions(kb))
            and vowels_agree(a, b)
        ):
            return True
    return len(a) >= 5 and len(b) >= 5 and sound_vowels(a) == sound_vowels(b)


#: a joined proper-name part is compared by sound only from five consonants: shorter keys
#: are shared by too many names to mean anything
JOINED_SOUND_MIN = 5


def joined_sound(a: str, b: str) -> bool:
    """Two joined proper-name parts with the same sound key, or keys of six or more one
    deletion apart on each side (what the index's joined keys find)."""
    ka, kb = sound(a), sound(b)
    if ka == kb:
        return True
    return (
        min(len(ka), len(kb)) >= 6
        and abs(len(ka) - len(kb)) <= 1
        and not deletions(ka).isdisjoint(deletions(kb))
    )


_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8",
          "ix": "9", "xi": "11", "xii": "12"}  # fmt: skip


#: a personal name's generational suffix, compared as its numbers are: John Smith Jr. is
#: not John Smith Sr. (either may leave it out: it is a weak word otherwise)
_GENERATIONS = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr"}


#: the English numbers one to twenty written in full, by their tokens (loosened: three is
#: thre); four is left out, since its token is the word for
_NUMBER_WORDS = {
    loose(w): str(n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
    if n and w != "four"
}
#: an ordinal in figures (1st, 2nd, 4th)
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
#: ... and in katakana, as Japanese writes them in the name of a foreign fund or company
#: (ケイマン キャピタル マネジメント ツー for Cayman Capital Management II; トゥエルブ
#: ウエスト for 12 West), the long vowel mark left out
_KANA_NUMBERS = {"ワン": "1", "ツ": "2", "スリ": "3", "フォ": "4", "ファイブ": "5",
                 "シックス": "6", "セブン": "7", "エイト": "8", "ナイン": "9", "テン": "10",
                 "イレブン": "11", "トゥエルブ": "12"}  # fmt: skip


@lru_cache(maxsize=65536)
def number_of(token: str, surface: str = "") -> str | None:
    """The number a word stands for, whichever way it is written (12, XII, twelve,
    トゥエルブ), or a generation (jr, sr); None for any other word. A katakana word is known
    by its source text (``surface``), a Latin one by its token."""
    if token.isdigit():
        return str(int(token))
    if token[:1].isdigit() and (m := _ORDINAL.fullmatch(token)) is not None:
        return str(int(m.group(1)))
    if surface and not surface.isascii():
        return _KANA_NUMBERS.get(surface.replace("ー", "").strip())
    return _number(token) or _NUMBER_WORDS.get(token)


def _number(token: str) -> str | None:
    """A number in figures or Roman numerals, or a generation: a word a run of words joined
    up never holds (:func:`spaced_runs`)."""
    if token.isdigit():
        return str(int(token))
    return _ROMAN.get(token) or _GENERATIONS.get(token)


def _same_numbers(
    q: Side,
    l: Side,  # noqa: E741
    sim_q: list[float],
    sim_l: list[float],
    match_of: list[int],
    pairs: list[Pair] | None,
) -> None:
    """Pass 1b of :func:`compare`: a word left unmatched on each side that stand for one
    number written two ways (Cayman Capital Management II and ケイマン キャピタル
    マネジメント ツー; 12 West and トゥエルブ ウエスト), matched in full."""
    for i, (t, src) in enumerate(zip(q.tokens, q.surfaces, strict=True)):
        if sim_q[i] or (n := number_of(t, src)) is None:
            continue
        for j, (u, dst) in enumerate(zip(l.tokens, l.surfaces, strict=True)):
            if not sim_l[j] and number_of(u, dst) == n:
                sim_q[i] = sim_l[j] = 1.0
                match_of[i] = j
                if pairs is not None:
                    pairs.append(Pair(src, dst, n, 1.0, NUMBER))
                break


def _numbers_differ(q: Side, l: Side) -> str | None:  # noqa: E741
    """Both names carry numbers, and each one the other does not (Plant No. 1 vs Plant No.
    2, Investments I vs Investments II); a name with one number more is not another name by
    it (Seven & i, セブン&アイ: i may be a letter)."""
    nq = {n for t, s in zip(q.tokens, q.surfaces, strict=True) if (n := number_of(t, s))}
    nl = {n for t, s in zip(l.tokens, l.surfaces, strict=True) if (n := number_of(t, s))}
    if nq - nl and nl - nq:
        return f"numbers differ ({', '.join(sorted(nq))} vs {', '.join(sorted(nl))})"
    return None


def _spaced(
    q: Side,
    l: Side,  # noqa: E741
    sim_q: list[float],
    sim_l: list[float],
    match_of: list[int],
    pairs: list[Pair] | None,
) -> bool:
    """Pass 2b of :func:`compare`: a word left unmatched on one side that is a run of two or
    three consecutive words left unmatched on the other, joined up (:func:`spaced_runs`):
    the same word written apart, matched in full. Whether any matched.

    Pass 3 compares all of a name's proper-name words joined up, and only when none matched
    on its own; this pass takes one word at a time beside the others (AL-SHAMI, Abdul Qader
    / AL-SHAMI, Abdulqader), as the index finds it (a query run joined is looked up as a
    listed word; a listed run is filed joined)."""
    matched = False
    for runs_q in (True, False):
        side, other = (q, l) if runs_q else (l, q)
        sim_s, sim_o = (sim_q, sim_l) if runs_q else (sim_l, sim_q)
        runs = side.shape.spaced
        if not runs or side.shape.spaced_keys.isdisjoint(other.tokens):
            continue
        free: dict[str, list[int]] = {}
        for j in other.shape.words:
            if not sim_o[j]:
                free.setdefault(other.tokens[j], []).append(j)
        if not free:
            continue
        for joined, start, end in runs:
            at = free.get(joined)
            if not at or any([sim_s[k] for k in range(start, end)]):
                continue
            j = at.pop(0)
            sim_o[j] = 1.0
            for k in range(start, end):
                sim_s[k] = 1.0
                if runs_q:
                    match_of[k] = j
            if not runs_q:
                match_of[j] = start
            matched = True
            if pairs is not None:
                apart = " ".join(dict.fromkeys(side.surfaces[k] for k in range(start, end)))
                if runs_q:
                    pairs.append(Pair(apart, l.surfaces[j], joined, 1.0, "spaced"))
                else:
                    pairs.append(Pair(q.surfaces[j], apart, joined, 1.0, "spaced"))
    return matched


def _join_rest(
    q: Side,
    l: Side,  # noqa: E741
    rest_q: tuple[int, ...],
    rest_l: tuple[int, ...],
    sim_q: list[float],
    sim_l: list[float],
    pairs: list[Pair] | None,
    cfg: ScreeningConfig,
) -> None:
    """The third pass of :func:`compare`: the proper-name words of both sides (``rest_q``
    and ``rest_l``, all of them), joined up, compared whole (spacing, katakana spellings
    through the consonant skeleton, readings of other scripts through their sound)."""
    jq = q.shape.joined
    jl = l.shape.joined
    fz = cfg.fuzzy
    lossy = q.lossy or l.lossy
    script = (q.script or l.script) if lossy else ""
    memo = _joined_cache(fz)
    key = (jq, jl, lossy)
    got = memo.get(key)
    if got is None:
        got = _joined_pair(jq, jl, lossy, cfg)
        if len(memo) >= _PAIR_CACHE_SIZE:
            memo.clear()
        memo[key] = got
    s, how = got
    kana = q.shape.kana or l.shape.kana
    if how == "sound" and kana and not _katakana_agree(q, l, rest_q, rest_l):
        return
    if how == "sound" and q.lossy and l.lossy:
        return  # two approximations: see compare's typo pass
    if how == "sound" and _one_for_many(q, l, rest_q, rest_l):
        return
    if script == "arab" and how == "skeleton":
        # the katakana skeleton drops h, w and y, which Arabic script writes: against a
        # reading of it, the Arabic skeleton below decides (Hussein is not حسن Hassan)
        s = 0.0
    if s < max(fz.min_similarity, 0.8) and script == "arab" and _cut_otherwise(q, l):
        ka = arabic_key(arabic_joined(q.tokens, q.surfaces))
        if len(ka) >= JOINED_SKELETON_MIN and ka == arabic_key(arabic_joined(l.tokens, l.surfaces)):
            # حبیب الله اغا and Habibullah Agha, cut apart differently: the skeleton of a
            # whole name, of four consonants or more, is what a word's may not be alone
            # (names of as many words are compared word by word, glides and all)
            s, how = typo_credit(fz.sound_similarity, cfg), ARABIC_SKELETON
    if s >= max(fz.min_similarity, 0.8):
        for i in rest_q:
            sim_q[i] = s
        for j in rest_l:
            sim_l[j] = s
        if pairs is None:
            return
        pairs.append(
            Pair(
                " ".join(dict.fromkeys(q.surfaces[i] for i in rest_q)),
                " ".join(dict.fromkeys(l.surfaces[j] for j in rest_l)),
                jl,
                s,
                how,
            )
        )


#: the shortest Arabic skeleton of a whole name compared joined up
JOINED_SKELETON_MIN = 4


def _cut_otherwise(q: Side, l: Side) -> bool:  # noqa: E741
    """Whether two names hold different numbers of proper-name words (articles written
    apart not counted): a name cut into words otherwise than the other, whose words
    cannot be compared one by one."""

    def count(side: Side) -> int:
        return sum([side.tokens[i] not in ARABIC_ARTICLES for i in side.shape.plain])

    return count(q) != count(l)


@lru_cache(maxsize=65536)
def arabic_words(tokens: tuple[str, ...], surfaces: tuple[str, ...]) -> tuple[str, ...]:
    """Each word of a reading as Arabic skeletons compare it: as written (lower case,
    ASCII), or its token when it was not written in Latin letters."""
    return tuple([surface_word(s) or t for t, s in zip(tokens, surfaces, strict=True)])


@lru_cache(maxsize=65536)
def arabic_joined(tokens: tuple[str, ...], surfaces: tuple[str, ...]) -> str:
    """A reading's proper-name words as written, joined up, the Arabic articles written
    apart left out (what the joined skeleton of a whole name is taken of)."""
    return "".join(
        [
            w
            for t, w in zip(tokens, arabic_words(tokens, surfaces), strict=True)
            if not t.startswith(CONCEPT) and not t.isdigit() and t not in ARABIC_ARTICLES
        ]
    )


def _vowels_near(jq: str, jl: str) -> bool:
    """Whether two joined parts whose sound keys are a deletion apart are also near in their
    vowels (:func:`vowels_agree`). Joined parts of one key agree whatever their vowels: a
    key of five consonants or more is seldom shared by chance, as the three of a word's
    may be."""
    return sound(jq) == sound(jl) or vowels_agree(jq, jl)


def _one_for_many(
    q: Side,
    l: Side,  # noqa: E741
    rest_q: tuple[int, ...],
    rest_l: tuple[int, ...],
) -> bool:
    """Whether a reading of another script stands against more proper words of a name that
    is not a reading than it has itself (a Han or Hangul name read glued, most often):
    whole-name sound then pairs a company's name with any person's run together (加藤精機,
    jiatengjingji, and JAVED, Haji Nasir; 松本精機, matsumoto seiki, and NASR, Muhammad
    Sayyah). A foreign name that Chinese writes with dots between its parts (洛克希德·马丁,
    :data:`~dualuse.screening.analyse.FOREIGN_NAME`) is one of several words, and a kana
    reading is checked by the katakana key."""
    for a, ra, b, rb in ((q, rest_q, l, rest_l), (l, rest_l, q, rest_q)):
        if (
            a.lossy
            and not b.lossy
            and len(ra) < len(rb)
            and a.script != FOREIGN_NAME
            and not a.shape.kana
        ):
            return True
    return False


def _joined_pair(jq: str, jl: str, lossy: bool, cfg: ScreeningConfig) -> tuple[float, str]:
    """Two joined proper-name parts compared whole: the similarity and how (pure; memoised
    per pair by :func:`_join_rest`)."""
    s, how = 0.0, ""
    if jq == jl:
        s, how = 1.0, "joined"
    elif min(len(jq), len(jl)) >= 6:
        s = OSA.normalized_similarity(jq, jl)
        how = "joined"
        if s >= 0.8 and (abs(len(jq) - len(jl)) > 1 or deletions(jq).isdisjoint(deletions(jl))):
            s = 0.0  # further apart than the index's keys reach (one deletion each side)
        sk_q, sk_l = skeleton(jq), skeleton(jl)
        # the katakana skeleton, for a reading of another script only: two Latin names of
        # one skeleton are most often two names (Suzuki Tools, SOKTAR)
        if lossy and sk_q == sk_l and len(sk_q) >= cfg.fuzzy.min_skeleton:
            if s < cfg.fuzzy.skeleton_credit:
                s, how = cfg.fuzzy.skeleton_credit, "skeleton"
        if (
            s < cfg.fuzzy.sound_similarity
            and lossy
            and jq.isascii()
            and jl.isascii()
            and min(len(sound(jq)), len(sound(jl))) >= JOINED_SOUND_MIN
            and joined_sound(jq, jl)
            and _vowels_near(jq, jl)
        ):
            # 박정천 (bakjeongcheon) and Pak Jong-chon: one word against three, credited as
            # a sound match of single words is
            s, how = typo_credit(cfg.fuzzy.sound_similarity, cfg), "sound"
    return s, how


def gloss_phrases(surfaces: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """The runs of a gloss reading's words that translate one Han word (the same source
    text, two words or more: 运营 "be in operation"), as ``(start, end)``; the last word of
    each is the head of the English phrase."""
    out: list[tuple[int, int]] = []
    n = len(surfaces)
    i = 0
    while i < n:
        j = i + 1
        while j < n and surfaces[j] == surfaces[i]:
            j += 1
        if j - i > 1:
            out.append((i, j))
        i = j
    return tuple(out)


def _gloss_phrases(side: Side, sims: list[float]) -> None:
    """The other words of a translated Han word's gloss as matched as its last word, the
    head of an English phrase: 运营, read "be in operation", is the one word Operations, and
    陆地, "dry land", is Land; but 人权观察, "Human Rights Watch", is not Human Rights, and a
    place is not the place a word before it makes of it (華東 "East China", 南亞 "southern
    Asia")."""
    for i, j in gloss_phrases(side.surfaces):
        head = sims[j - 1]
        if head and not _is_place(side.tokens[j - 1]):
            for k in range(i, j - 1):
                if not sims[k]:
                    sims[k] = head


def _business_left(
    q: Side,
    l: Side,  # noqa: E741
    sim_q: list[float],
    sim_l: list[float],
    cfg: ScreeningConfig,
) -> tuple[float, float]:
    """How much each side's unmatched words weigh (a share of their weight): all of it,
    but only ``weights.business_left`` of it when the side has a legal form, every
    unmatched word of it is a business word, and the other name is proper-name words alone
    without a legal form, every word of both names that is not a business word matched
    whole (the same word, or spelt the same joined up): a short name drops the business
    words of the full name (佳世達 for 佳世達科技股份有限公司, HONG TAI for 宏泰電工股份有限公司).
    A name with business words of its own (X Holdings, 三菱重工業) is another company when
    the other adds some (X Engineering, 三菱重工航空エンジン), and so is a full name with its
    legal form (Tomita Co., Ltd. against Tomita Electric Co., Ltd.); a name matched only
    by a typo or a sound is not sure enough to be read as the short form of another, nor
    are initials (MHI for MHI Aero Engines, Ltd.: Latin letters shorter than a word
    spelt exactly, ``fuzzy.min_len_latin``), which many companies share."""
    if q.given and l.given:
        return _given_left(q, l, sim_q, sim_l, cfg)
    if all(sim_l) and _middle_initials_left(q, sim_q):
        return cfg.weights.stop, 1.0
    if all(sim_q) and _middle_initials_left(l, sim_l):
        return 1.0, cfg.weights.stop
    if cfg.weights.given_left < 1.0:
        if all(sim_l) and _patronymic_left(q, sim_q):
            return cfg.weights.given_left, 1.0
        if all(sim_q) and _patronymic_left(l, sim_l):
            return 1.0, cfg.weights.given_left
    share = cfg.weights.business_left
    if share >= 1.0:
        return 1.0, 1.0
    if not q.shape.concepts:
        if (
            l.shape.concepts
            and l.legal
            and not q.legal
            and _long_enough(q, cfg)
            and all([s == 1.0 for s in sim_q])
            and all([sim_l[j] == 1.0 for j in l.shape.plain])
        ):
            return 1.0, share
    elif (
        not l.shape.concepts
        and q.legal
        and not l.legal
        and _long_enough(l, cfg)
        and all([s == 1.0 for s in sim_l])
        and all([sim_q[i] == 1.0 for i in q.shape.plain])
    ):
        return share, 1.0
    if l.legal and not l.shape.concepts and _left_out_only(q, sim_q, l, sim_l, cfg):
        return share, 1.0
    if q.legal and not q.shape.concepts and _left_out_only(l, sim_l, q, sim_q, cfg):
        return 1.0, share
    return 1.0, 1.0


def _left_out_only(
    side: Side, sims: list[float], other: Side, other_sims: list[float], cfg: ScreeningConfig
) -> bool:
    """Whether the only words of a name left unmatched are business words that a company's
    own English name leaves out, keeping its legal form (三菱商事株式会社, Mitsubishi
    Corporation: :func:`~dualuse.screening.analyse.is_left_out`), every other word of both
    names matched whole; the caller checks that the other name has a legal form and no
    business word. The index needs no filing of its own for such pairs: the candidate
    bound of the other name already reaches the threshold (a test holds this with no room
    for near misses)."""
    if not side.shape.concepts or not _long_enough(other, cfg):
        return False
    if not all([s == 1.0 for s in other_sims]):
        return False
    left = False
    for t, src, s in zip(side.tokens, side.surfaces, sims, strict=True):
        if not s:
            if not is_left_out(t, src):
                return False
            left = True
        elif s != 1.0:
            return False
    return left


def _same_person_head(q: Side, l: Side, sim_q: list[float], sim_l: list[float]) -> bool:  # noqa: E741
    """Whether two "Surname, Given" names have every surname word matched on both sides."""
    return all(sim_q[: q.given]) and all(sim_l[: l.given])


def person_key(
    tokens: tuple[str, ...],
    surfaces: tuple[str, ...],
    given: int,
    first: int,
    cfg: ScreeningConfig = DEFAULT_CONFIG,
) -> tuple[str, ...]:
    """A "Surname, Given" name's surname words and first given name, each by its Metaphone
    key (:func:`spoken`; a word too short for one as it is), as written (Fares, not its
    token fare: :func:`as_written`): two names of one key may be
    one person whose other given names one of them leaves out (:func:`_given_left`), and
    the index files names under it so that ``screen`` finds them. () for any other name,
    and for a first given name shorter than ``fuzzy.min_len_latin`` (a syllable of a
    Korean given name, an initial)."""
    if not given or len(tokens[first]) < cfg.fuzzy.min_len_latin:
        return ()
    words = [as_written(tokens[i], surfaces[i]) or tokens[i] for i in (*range(given), first)]
    return tuple([spoken(w) or w for w in words])


def _middle_initials_left(side: Side, sims: list[float]) -> bool:
    """Whether the only words of a name left unmatched are initials between its matched
    first and last words, in a name of proper-name words without a legal form: a middle
    initial that the other name leaves out (Thomas H. Jones for Thomas Jones, or for
    托马斯·琼斯, since a transcription never writes one) says nothing against it: it weighs
    as a joining word does (an initial is a rare word in the lists, and its weight would
    otherwise hold a name matched by sound alone, Wesley D. Kremer for 韦斯利·克雷默, below
    the threshold). The other name must have matched whole (the caller checks)."""
    if len(sims) < 3 or side.legal or side.shape.concepts or not sims[0] or not sims[-1]:
        return False
    left = [t for t, s in zip(side.tokens, sims, strict=True) if not s]
    return bool(left) and all([len(t) == 1 and t.isalpha() for t in left])


def patronymic_key(
    tokens: tuple[str, ...], legal: bool, concepts: bool
) -> tuple[tuple[str, ...], bool]:
    """A personal name's words other than its East Slavic patronymics, each by its Metaphone
    key (:func:`spoken`; a word too short for one as it is), sorted, and whether it has a
    patronymic: a name that leaves the patronymic out of another has the other's key
    (:func:`_patronymic_left`), and the index files names under it so that ``screen`` finds
    them. ((), False) for a name with a legal form or a business word, or fewer than two
    other words."""
    if legal or concepts:
        return (), False
    rest = [t for t in tokens if not is_patronymic(t)]
    if len(rest) < 2:
        return (), False
    return tuple(sorted([spoken(t) or t for t in rest])), len(rest) < len(tokens)


def _patronymic_left(side: Side, sims: list[float]) -> bool:
    """Whether the only words of a personal name left unmatched are East Slavic
    patronymics, two words or more of it matched, in a name without a legal form or
    business word: Ivan Petrov for Ivan Sergeyevich Petrov, as lists and customer records
    write the patronymic or leave it out (Igor PLOTNITSKY, Игорь Венедиктович ПЛОТНИЦКИЙ);
    the other name must have matched whole (the caller checks)."""
    if side.legal or side.shape.concepts or sum([1 for s in sims if s]) < 2:
        return False
    left = [t for t, s in zip(side.tokens, sims, strict=True) if not s]
    return bool(left) and all([is_patronymic(t) for t in left])


def _given_left(
    q: Side,
    l: Side,  # noqa: E741
    sim_q: list[float],
    sim_l: list[float],
    cfg: ScreeningConfig,
) -> tuple[float, float]:
    """How much the unmatched given names of two "Surname, Given" names weigh: only
    ``weights.given_left`` of their weight on the side that has more of them when the
    surnames and the first given names (after honorifics, of ``fuzzy.min_len_latin``
    letters or more) are the same words or spellings of one sound (:func:`person_key`),
    all matched, and every word of the other name is matched: a name that leaves out a
    patronymic or a middle name (BATIRASHVILI, Tarkhan for BATIRASHVILI, Tarkhan
    Tayumurazovich) says nothing against it. A given name of one side that the other
    replaces by another is a difference, not an absence: then both sides count in full
    (and :func:`_given_differ` may deduct)."""
    share = cfg.weights.given_left
    if share >= 1.0:
        return 1.0, 1.0
    key = person_key(q.tokens, q.surfaces, q.given, q.first, cfg)
    if (
        not key
        or not sim_q[q.first]
        or not sim_l[l.first]
        or key != person_key(l.tokens, l.surfaces, l.given, l.first, cfg)
        or not _same_person_head(q, l, sim_q, sim_l)
    ):
        return 1.0, 1.0
    # the honorifics before the first given name (Dr., Sheikh) are no name: left out
    all_q = all([sim for k, sim in enumerate(sim_q) if not q.given <= k < q.first])
    all_l = all([sim for k, sim in enumerate(sim_l) if not l.given <= k < l.first])
    if all_q and not all_l:
        return 1.0, share
    if all_l and not all_q:
        return share, 1.0
    return 1.0, 1.0


def _given_differ(
    q: Side,
    l: Side,  # noqa: E741
    sim_q: list[float],
    sim_l: list[float],
    cfg: ScreeningConfig,
) -> bool:
    """Two "Surname, Given" names with the same surname whose first given names (after
    honorifics) are words of ``fuzzy.min_len_latin`` letters or more, and one of those two
    is matched by nothing in the other name: two members of one family (AL-TIKRITI,
    Barzan … and AL-TIKRITI, Khawla Barzan …, whose father's name follows her own), not
    one person."""
    a, b = q.tokens[q.first], l.tokens[l.first]
    floor = cfg.fuzzy.min_len_latin
    return (
        a != b
        and len(a) >= floor
        and len(b) >= floor
        and (not sim_q[q.first] or not sim_l[l.first])
        and _same_person_head(q, l, sim_q, sim_l)
    )


def _long_enough(side: Side, cfg: ScreeningConfig) -> bool:
    """Whether a name of proper-name words alone says enough to be the short form of a
    longer name: more than initials (see :func:`_business_left`)."""
    joined = side.shape.joined
    return not joined.isascii() or len(joined) >= cfg.fuzzy.min_len_latin


def _cover(side: Side, sims: list[float], left: float = 1.0) -> float:
    """Share of a side's weight matched; unmatched words weigh their undamped weight
    (times ``left``, see :func:`_business_left`)."""
    full = side.full or side.weights
    hit = total = 0.0
    for w, f, s in zip(side.weights, full, sims, strict=True):
        if s:
            hit += w * s
            total += w
        else:
            total += f * left
    return hit / total if total else 0.0


def describe(c: Comparison, threshold: float) -> str:
    """One sentence: what matched, what did not, and why the score is what it is."""
    parts = []
    if c.pairs:
        shown = []
        for p in c.pairs:
            if p.how == "same":
                shown.append(p.query if p.query == p.listed else f"{p.query}={p.listed}")
            else:
                shown.append(f"{p.query}~{p.listed} ({p.how} {p.similarity:.2f})")
        parts.append("matched " + ", ".join(shown))
    if c.missing:
        parts.append("listed words missing from the query: " + ", ".join(c.missing))
    if c.extra:
        parts.append("query words not in the listed name: " + ", ".join(c.extra))
    parts.extend(c.penalties)
    verdict = (
        "exact after normalisation"
        if c.exact
        else (
            f"score {c.score:.2f} >= threshold {threshold:.2f}"
            if c.score >= threshold
            else f"rejected: score {c.score:.2f} < threshold {threshold:.2f}"
        )
    )
    return "; ".join([*parts, verdict])


__all__ = [
    "ARABIC_SKELETON",
    "Comparison",
    "Pair",
    "Side",
    "compare",
    "describe",
    "gloss_phrases",
    "initials_keys",
    "is_initialism",
    "word_initials",
    "distinct_start_ok",
    "JOINED_SKELETON_MIN",
    "JOINED_SOUND_MIN",
    "as_written",
    "patronymic_key",
    "syllabic",
    "person_key",
    "joined_sound",
    "loan_keys",
    "number_of",
    "same_sound",
    "score_of",
    "SPACED_MIN",
    "spaced_runs",
    "spoken",
    "script_alike",
    "surface_word",
    "typo_credit",
    "typo_ok",
]
