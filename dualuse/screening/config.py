"""Every knob of the screener, in one place.

The defaults were set on the development half of the evaluation set
(``tests/screening/eval/``) and are reported against all of it in ``bench/RESULTS.md``.
Change them here, never inline, so that one run always uses one set of values.
"""

from __future__ import annotations

from dataclasses import dataclass

from dualuse.limits import MAX_NAME_CHARS

#: Score at or above which a listed party is reported as a possible match.
DEFAULT_THRESHOLD = 0.80


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of word identifies a party (1.0 = a proper-name word)."""

    name: float = 1.0  # a proper-name word (Mitsubishi, 三菱)
    stop: float = 0.1  # and, the, of, 与, の
    place: float = 0.3  # Tokyo, China, 東京
    #: document frequency above which a word counts as common in the lists, and the floor
    #: its weight is damped to (a word in many listed names tells little about which one).
    common_df: int = 25
    common_floor: float = 0.35
    #: share of their weight that a name's unmatched business words keep when the other
    #: name is its proper-name words alone, all matched (佳世達 for 佳世達科技股份有限公司)
    business_left: float = 0.1
    #: share of their weight that the given names of a "Surname, Given" name keep when the
    #: other name has the same surname and first given name and no given name of its own
    #: left over (a patronymic or middle name left out: score._given_left; a middle
    #: initial left out weighs as a joining word: score._middle_initials_left)
    given_left: float = 0.25
    #: weight factor of the words outside a name's quoted core (АО «КБ «Рубин-Север»,
    #: Joint Stock Company 'Globus'): the quotes mark the party's own name, the rest says
    #: what kind of body it is, in words a translation or an abbreviation changes
    outside_quotes: float = 0.25
    #: weight factor of the words after the first of a Han word's English gloss (鉄道,
    #: railway line: line): one word of the name, read as a phrase whose first word is the
    #: one a translated name keeps (Tobu Railway)
    gloss_tail: float = 0.25


@dataclass(frozen=True, slots=True)
class Penalties:
    """Deductions from a score, each reported in the explanation when applied."""

    #: legal forms of disjoint jurisdictions (GmbH vs Sdn. Bhd. vs 株式会社): another company
    #: of the same name in another country unless the name itself says more
    legal_conflict: float = 0.25
    numbers_differ: float = 0.3  # both names carry numbers, different ones
    word_order: float = 0.02  # the same words in another order
    typo_in_business_word: float = 0.03  # "Engnes" read as engine, per word
    #: two "Surname, Given" names of one surname whose first given names differ, one of
    #: them matched by nothing: two members of a family (score._given_differ)
    given_names_differ: float = 0.2
    #: a Hangul name read syllable by syllable whose given-name syllables the other name
    #: has in another order: another person (김수일 KIM Su Il, 김일수 KIM Il Su)
    syllable_order: float = 0.2


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """Typo tolerance for single words."""

    min_len_latin: int = 4  # shorter words must be spelt exactly (IHI, NEC, TDK)
    #: a Han name of four characters with one differing is another name (山田太郎, 山田太朗)
    min_len_han: int = 5
    min_similarity: float = 0.75  # normalised Levenshtein similarity for a word to count
    #: share of a typo's dissimilarity charged to the score: a word at similarity s counts
    #: 1 - typo_charge * (1 - s), so one transposed letter in a six-letter name still
    #: reaches the threshold on its own (the typo stays visible: never exact)
    typo_charge: float = 0.5
    #: similarity credited to words whose consonant skeletons agree
    #: (ナカライテスク vs Nacalai Tesque)
    skeleton_credit: float = 0.92
    #: similarity credited to a word of a lossy reading whose sound key agrees with a word
    #: of the other name (ファミリー / Family, 코스맥스 / Cosmax, 格鲁曼 / Grumman)
    sound_similarity: float = 0.8
    #: similarity credited to two Latin words of the same Metaphone key (Hajjlu / Hajlou,
    #: Hicham / Hisham: score.spoken)
    spoken_similarity: float = 0.8
    #: similarity credited to a word and the run of words whose initials it spells
    #: (ISIL / Islamic State of Iraq and the Levant: score._initials)
    initials_similarity: float = 0.8
    min_skeleton: int = 4  # shortest consonant skeleton used to find candidates


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on the work per query, so throughput does not depend on the lists' contents."""

    max_candidates: int = 64  # forms scored in full per query form
    max_hits: int = 10  # hits returned per query
    #: candidates whose score bound (from looked-up words alone) is below this are not scored
    prune_below: float = 0.4
    #: a name is screened (and matched) by its first this many characters, so that the
    #: work per name is bounded whatever its length (called from Python, a name may be
    #: longer than input files allow; the readers make a longer party name a row error)
    max_name_chars: int = MAX_NAME_CHARS


@dataclass(frozen=True, slots=True)
class ScreeningConfig:
    threshold: float = DEFAULT_THRESHOLD
    weights: Weights = Weights()
    penalties: Penalties = Penalties()
    fuzzy: Fuzzy = Fuzzy()
    limits: Limits = Limits()


DEFAULT_CONFIG = ScreeningConfig()

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_THRESHOLD",
    "Fuzzy",
    "Limits",
    "Penalties",
    "ScreeningConfig",
    "Weights",
]


# libraries whose dictionaries shape readings and the index (their versions key the disk cache)
TEXT_LIBRARIES = ("pykakasi", "pypinyin", "opencc-python-reimplemented", "rapidfuzz")
