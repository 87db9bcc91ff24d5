"""The screening index: every listed name in every reading, built once per list version.

Candidates come from three lookups, never from a scan of all names: postings of the query's
tokens (words, Han chunks, concepts), a deletion neighbourhood of each unknown word (every
word one deletion away, which finds words within edit distance two: the character n-grams
of length n-1 of each word), and the consonant skeleton of the name's proper-name part.
Candidates are ranked by an upper bound of their score and only the best few are scored in
full (:mod:`dualuse.screening.score`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA

from dualuse.screening.acronyms import Acronyms, learn, variants
from dualuse.screening.analyse import (
    CONCEPT,
    GLOSS,
    HANGUL_SYLLABLES,
    LOSSY,
    Analysis,
    Form,
    LegalForm,
    analyse,
    homophone_forms,
)
from dualuse.screening.config import DEFAULT_CONFIG, ScreeningConfig
from dualuse.screening.glosses import sense_bases, sense_forms, senses
from dualuse.screening.korean import SYLLABLE_MAX, syllable_key
from dualuse.screening.lists.model import ListedParty
from dualuse.screening.neighbours import deletions, probe_strings
from dualuse.screening.romaji import loanword, with_final_vowel
from dualuse.screening.score import (
    JOINED_SKELETON_MIN,
    JOINED_SOUND_MIN,
    SPACED_MIN,
    Comparison,
    Side,
    arabic_joined,
    arabic_words,
    as_written,
    compare,
    gloss_phrases,
    initials_keys,
    is_initialism,
    loan_keys,
    number_of,
    patronymic_key,
    person_key,
    run_keys,
    same_sound,
    score_of,
    script_alike,
    spaced_runs,
    span_words_of,
    spoken,
    surface_word,
    syllabic,
    typo_credit,
    typo_ok,
    vowels_agree,
    word_initials,
)
from dualuse.screening.text import (
    fold,
    is_han,
    is_hangul,
    latin_words,
    loose,
    skeleton,
    sound,
    sound_vowels,
)
from dualuse.screening.transcription import keys as transcription_keys
from dualuse.screening.transcription import word_keys
from dualuse.screening.translit import arabic_key, cognate_key, slavic_key
from dualuse.screening.vocab import business_word, latin_key, vocabulary
from dualuse.screening.wordbreak import MIN_GLUED, break_word


@dataclass(frozen=True, slots=True)
class IndexedForm:
    """One reading of one listed name (or of a group name, for related-party notes)."""

    party: int  # index into ``parties``; -1 - g for group g
    name: str  # the listed name this reading comes from
    form: Form
    legal: tuple[LegalForm, ...]
    note: str | None = None  # how the reading was derived (acronym), if not read directly
    han_only: bool = False  # the name's CJK part is all Han (its readings are homophones)
    hangul_only: bool = False  # the name's CJK part is all Hangul


@dataclass(frozen=True, slots=True, init=False)
class Scored:
    """A listed reading scored against a query reading."""

    entry: IndexedForm
    query_form: Form
    comparison: Comparison

    def __init__(self, entry: IndexedForm, query_form: Form, comparison: Comparison) -> None:
        # the slots' own setters, faster than the generated frozen ``__init__``
        _scored_set[0](self, entry)
        _scored_set[1](self, query_form)
        _scored_set[2](self, comparison)


_scored_set = tuple(Scored.__dict__[f].__set__ for f in ("entry", "query_form", "comparison"))


class Hit(NamedTuple):
    """A listed reading scored against a query reading, its explanation not yet written:
    the score and exactness :func:`compare` gives, and what :meth:`scored` needs to give
    the full comparison (screening writes it only for the parties it reports)."""

    score: float
    exact: bool  # the comparison's exactness (whatever the readings' kinds)
    entry: IndexedForm
    query_form: Form
    query: Side
    listed: Side

    def scored(self, cfg: ScreeningConfig = DEFAULT_CONFIG) -> Scored:
        """The reading pair with its full comparison (the same score and exactness)."""
        return Scored(self.entry, self.query_form, compare(self.query, self.listed, cfg))


def _deletions(word: str) -> frozenset[str]:
    return deletions(word)


def _sound_keys(token: str) -> tuple[str, ...]:
    """The keys a word is filed and looked up under, so that every word :func:`same_sound`
    accepts is found: its sound key (three consonants or more) and, from five, the key's
    single deletions (a key one edit away), and for words of five letters or more the key
    with its vowels."""
    keys: list[str] = []
    k = sound(token)
    if len(k) >= 3:
        keys.append(k)
        if len(k) >= 5:
            keys.extend(sorted(_deletions(k) - {k}))
    if len(token) >= 5:
        keys.append("~" + sound_vowels(token))
    return tuple(keys)


def _sound_keys_within(token: str, longest: int) -> tuple[str, ...]:
    """:func:`_sound_keys` of a word looked up, leaving out the sound key and its deletions
    when none of them can be filed: the filed keys are at most ``longest`` long, and the
    key's deletions are one shorter than the key (the same keys found, in the same order;
    a long word costs time in its length, not in its length squared)."""
    if len(sound(token)) > longest + 1:
        return ("~" + sound_vowels(token),) if len(token) >= 5 else ()
    return _sound_keys(token)


_SCRIPTS = ("cyrl", "arab", HANGUL_SYLLABLES)


def _script_keys(word: str, script: str) -> tuple[str, ...]:
    """The keys a word is filed and looked up under for the readings of a script, so that
    every pair :func:`dualuse.screening.score.script_alike` accepts is found."""
    if script == HANGUL_SYLLABLES:
        k = syllable_key(word) if len(word) <= SYLLABLE_MAX else ""
        return ("!" + k,) if k else ()
    if script == "cyrl":
        keys = ["^" + k] if len(k := slavic_key(word)) >= 3 and len(word) >= 4 else []
        if len(word) >= 5 and len(c := cognate_key(word)) >= 4:
            keys.append("%" + c)
        return tuple(keys)
    k = arabic_key(word)
    return ("&" + k,) if k and (len(k) >= 2 or len(word) <= 4) else ()


def _arabic_joined(proper: str) -> str:
    """The key a proper-name part joined up is filed under for readings of Arabic script
    ("" when its skeleton is too short to be compared whole)."""
    k = arabic_key(proper)
    return "&" + k if len(k) >= JOINED_SKELETON_MIN else ""


def _joined_keys(proper: str) -> tuple[str, ...]:
    """The sound keys of a form's proper-name part joined (five consonants or more, as the
    scorer's joined pass requires; from six, with the key's single deletions)."""
    return _sound_joined_keys(sound(proper))


def _sound_joined_keys(k: str) -> tuple[str, ...]:
    """:func:`_joined_keys` from the joined sound key ``k`` itself (a lookup that has it
    already does not work it out again)."""
    if len(k) < JOINED_SOUND_MIN:
        return ()
    return (k, *sorted(_deletions(k) - {k})) if len(k) >= 6 else (k,)


def _whole(tokens: Iterable[str]) -> str:
    """A form's proper-name words joined, any script (the scorer's joined pass compares
    exactly this)."""
    return "".join([t for t in tokens if not t.startswith(CONCEPT)])


def _proper(tokens: Iterable[str]) -> str:
    return "".join([t for t in tokens if not t.startswith(CONCEPT) and t.isascii()])


class ScreeningIndex:
    """An immutable index over listed parties and their corporate groups."""

    def __init__(
        self, parties: Iterable[ListedParty], config: ScreeningConfig = DEFAULT_CONFIG
    ) -> None:
        self.config = config
        self.parties: tuple[ListedParty, ...] = tuple(parties)
        self.groups: tuple[str, ...] = tuple(sorted({p.group for p in self.parties if p.group}))
        self.acronyms: Acronyms = learn(
            ((n, a) for p in self.parties for n in p.names for a in p.aliases), self.groups
        )
        self.forms: list[IndexedForm] = []
        self._base: dict[str, float] = {}
        # the listed names' own readings, kept: a query spelt exactly as listed (customers
        # often hold the listed spelling) is read without loading the reading libraries
        self.analyses: dict[str, Analysis] = {}
        for pi, party in enumerate(self.parties):
            for name in dict.fromkeys(party.all_names):
                self._add(pi, name, self._analyse(name))
        for gi, group in enumerate(self.groups):
            self._add(-1 - gi, group, self._analyse(group))
        self._build_lookups()

    def _analyse(self, name: str) -> Analysis:
        a = self.analyses[name] = analyse(name)
        return a

    # -- building ---------------------------------------------------------------------
    def _add(self, party: int, name: str, a: Analysis) -> None:
        seen: set[tuple[str, ...]] = set()
        han = han_only(name)
        hangul = hangul_only(name)
        for f, note in self.readings(a):
            if f.tokens in seen:
                continue
            seen.add(f.tokens)
            self.forms.append(IndexedForm(party, name, f, a.legal, note, han, hangul))
            for t, w in zip(f.tokens, f.weights, strict=True):
                self._base.setdefault(t, w)

    def _build_lookups(self) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        party_sets: dict[str, set[int]] = defaultdict(set)
        skel: dict[str, list[int]] = defaultdict(list)
        for fid, e in enumerate(self.forms):
            # a translation's words are not the lists' words: they do not make a word
            # common (a Latin name is weighed as it was before translations were read)
            counted = e.form.kind != "gloss"
            for t in dict.fromkeys(e.form.tokens):
                postings[t].append(fid)
                if counted:
                    party_sets[t].add(e.party)
            sk = skeleton(_proper(e.form.tokens))
            if len(sk) >= self.config.fuzzy.min_skeleton:
                skel[sk].append(fid)
        self.postings: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in postings.items()}
        # a word as written whose token took off a plural s (score.as_written) -> the
        # tokens it was keyed as: the scorer compares the written words too, so they are
        # filed beside the tokens (as neighbours, Metaphone and sound keys) and a lookup
        # that finds one stands for its tokens
        written: dict[str, set[str]] = defaultdict(set)
        for e in self.forms:
            for t, surface in zip(e.form.tokens, e.form.surfaces, strict=True):
                if not t.startswith(CONCEPT) and (as_is := as_written(t, surface)):
                    written[as_is].add(t)
        self._written: dict[str, tuple[str, ...]] = {
            k: tuple(sorted(v)) for k, v in written.items()
        }

        self.df: dict[str, int] = {k: len(v) for k, v in party_sets.items()}
        self.skeletons: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in skel.items()}
        # the listed tokens and the words as written that are no token
        listed_words = (*self.postings, *[w for w in self._written if w not in self.postings])
        neigh: dict[str, list[str]] = defaultdict(list)
        fz = self.config.fuzzy
        for t in listed_words:
            if t.startswith(CONCEPT):
                continue
            floor = fz.min_len_han if is_han(t[0]) else fz.min_len_latin
            if len(t) >= floor:
                for d in _deletions(t):
                    neigh[d].append(t)
        self.neighbours: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in neigh.items()}
        # Latin words by their Metaphone key (score.spoken), as the scorer pairs them
        said: dict[str, list[str]] = defaultdict(list)
        for t in listed_words:
            if not t.startswith(CONCEPT) and (k := spoken(t)):
                said[k].append(t)
        self.spoken: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in said.items()}
        # Sound keys, filed twice: the scorer compares sounds only when one side is a
        # lossy reading, so a Latin query looks only among the words of lossy listed
        # readings (``[False]``), a lossy query among all words (``[True]``). Per key, the
        # listed tokens filed under it and the word that was keyed.
        sounds: dict[bool, dict[str, set[tuple[str, str]]]] = {
            False: defaultdict(set),
            True: defaultdict(set),
        }
        joined: dict[bool, dict[str, list[int]]] = {
            False: defaultdict(list),
            True: defaultdict(list),
        }
        for fid, e in enumerate(self.forms):
            lossy = e.form.kind in LOSSY
            tables = (sounds[True], sounds[False]) if lossy else (sounds[True],)
            for t, surface in zip(e.form.tokens, e.form.surfaces, strict=True):
                if t.startswith(CONCEPT):
                    # a business word is also filed under the sound of its Latin surface
                    # ("Trade" of Elitan Trade is found for Трейд), as the scorer compares it
                    word = surface_word(surface)
                elif t.isascii() and not t.isdigit():
                    word = t
                    if as_is := as_written(t, surface):
                        for k in _sound_keys(as_is):
                            for table in tables:
                                table[k].add((t, as_is))
                else:
                    continue
                for k in _sound_keys(word) if word else ():
                    for table in tables:
                        table[k].add((t, word))
            # the sound of the form's proper-name part, joined: 박정천 (bakjeongcheon) is
            # found for Pak Jong-chon however the words are cut
            for k in _joined_keys(_proper(e.form.tokens)):
                joined[True][k].append(fid)
                if lossy:
                    joined[False][k].append(fid)
            # the Arabic skeleton of the proper-name part joined (score._joined_pair): for
            # a reading of Arabic script, every form; for another name, those readings
            ka = _arabic_joined(arabic_joined(e.form.tokens, e.form.surfaces))
            if ka:
                joined[True][ka].append(fid)
                if lossy and e.form.script == "arab":
                    joined[False][ka].append(fid)
            whole = _whole(e.form.tokens)
            if whole:
                # the joined spelling itself, and from six characters its deletions (the
                # scorer's joined pass accepts what these keys find)
                for k in deletions(whole) if len(whole) >= 6 else (whole,):
                    joined[True]["=" + k].append(fid)
                    joined[False]["=" + k].append(fid)
        # Loanword keys (score._loanwords compares a lossy reading's kana or Hangul words
        # with runs of words of a reading that is not lossy): a lossy listed reading is
        # filed under its words' keys, for Latin queries, any other under its runs' keys,
        # for lossy ones
        loans: dict[bool, dict[str, list[int]]] = {
            False: defaultdict(list),
            True: defaultdict(list),
        }
        for fid, e in enumerate(self.forms):
            lossy = e.form.kind in LOSSY
            for k in loan_keys(e.form.tokens, e.form.surfaces, lossy):
                loans[lossy][k].append(fid)
        #: per lossiness of the listed readings, loanword key -> the forms filed under it
        self.loans: dict[bool, dict[str, tuple[int, ...]]] = {
            b: {k: tuple(v) for k, v in table.items()} for b, table in loans.items()
        }
        # Runs of two or three consecutive words joined up (score._spaced): a query word
        # written apart in a listed form (Abdulqader / Abdul Qader) finds the form
        spaced: dict[str, list[int]] = defaultdict(list)
        for fid, e in enumerate(self.forms):
            for run, _, _ in spaced_runs(e.form.tokens):
                spaced[run].append(fid)
        #: a run of a listed form's words joined up -> the forms that have it
        self.spaced: dict[str, tuple[int, ...]] = {
            k: tuple(dict.fromkeys(v)) for k, v in spaced.items()
        }
        # Chinese transcriptions of Latin words (score._transcribed): the runs of Han
        # characters of listed readings under the sound keys they may stand for, for Latin
        # query words; the Latin words of listed readings under their sound keys, for Han
        # query runs. Per key, the listed tokens with the word their vowels are compared
        # by (a Han run's reading, a Latin word as written), as the scorer compares them.
        # And Han words by their one-word senses (score._translated): per sense's table key,
        # the listed Han words that have it, for Latin query words (a Han query word finds
        # the listed Latin words by its senses' keys among the postings).
        han_keys: dict[str, set[tuple[str, str]]] = defaultdict(set)
        latin_keys: dict[str, set[tuple[str, str]]] = defaultdict(set)
        sensed: dict[str, set[str]] = defaultdict(set)
        # and the listed words that stand for a number, by the number (score._same_numbers:
        # 2, II, Two and ツー meet)
        numbers: dict[str, set[str]] = defaultdict(set)
        for e in self.forms:
            for t, surface in zip(e.form.tokens, e.form.surfaces, strict=True):
                if (n := number_of(t, surface)) is not None:
                    numbers[n].add(t)
                if t.startswith(CONCEPT) or not surface:
                    continue
                if is_han(surface[0]):
                    for k in transcription_keys(surface):
                        han_keys[k].add((t, t))
                    for k in senses(surface):
                        sensed[k].add(t)
                elif surface.isascii():
                    word = surface_word(surface)
                    for k in word_keys(word):
                        latin_keys[k].add((t, word))
        self._transcribed: dict[bool, dict[str, tuple[tuple[str, str], ...]]] = {
            True: {k: tuple(sorted(v)) for k, v in han_keys.items()},
            False: {k: tuple(sorted(v)) for k, v in latin_keys.items()},
        }
        self._sensed: dict[str, tuple[str, ...]] = {k: tuple(sorted(v)) for k, v in sensed.items()}
        self._numbers: dict[str, tuple[str, ...]] = {
            k: tuple(sorted(v)) for k, v in numbers.items()
        }
        # per query word and surface, the listed tokens it meets as a transcription or by
        # a sense
        self._transcribed_memo: dict[tuple[str, str], tuple[str, ...]] = {}
        # the words of names written syllable by syllable, as Korean names are in Latin
        # letters (score.syllabic), by their syllable key: another such name's words meet
        # them by it
        syllables: dict[str, set[str]] = defaultdict(set)
        for e in self.forms:
            if e.form.given and syllabic(e.form.tokens, e.form.given, e.form.first):
                for t in e.form.tokens:
                    if k := syllable_key(t):
                        syllables[k].add(t)
        self._syllables: dict[str, tuple[str, ...]] = {
            k: tuple(sorted(v)) for k, v in syllables.items()
        }
        # The keys of the readings of Cyrillic and Arabic script and of Hangul names read
        # syllable by syllable (score.script_alike),
        # filed per script twice: a reading of that script looks among all listed words
        # (``True``), another word among the words of that script's listed readings
        # (``False``)
        script_words: dict[tuple[str, bool], dict[str, set[tuple[str, str]]]] = {
            (scr, every): defaultdict(set) for scr in _SCRIPTS for every in (True, False)
        }
        for e in self.forms:
            own = e.form.script if e.form.kind in LOSSY else ""
            for t, surface in zip(e.form.tokens, e.form.surfaces, strict=True):
                if t.startswith(CONCEPT):
                    word = surface_word(surface)
                elif t.isascii() and not t.isdigit():
                    word = t
                else:
                    continue
                if not word:
                    continue
                for scr in _SCRIPTS:
                    # Arabic skeletons compare plain words as written (score.arabic_words)
                    keyed = (
                        word
                        if scr != "arab" or t.startswith(CONCEPT)
                        else (surface_word(surface) or t)
                    )
                    for k in _script_keys(keyed, scr):
                        script_words[(scr, True)][k].add((t, keyed))
                        if own[:4] == scr:
                            script_words[(scr, False)][k].add((t, keyed))
        self.script_words: dict[tuple[str, bool], dict[str, tuple[tuple[str, str], ...]]] = {
            b: {k: tuple(sorted(v)) for k, v in table.items()} for b, table in script_words.items()
        }
        # per looked-up word, script, cognates only, keys: the listed tokens found
        self._script_memo: dict[tuple[str, str, bool, str], tuple[str, ...]] = {}
        # whether any listed reading is of Arabic script (a Latin name is looked up by
        # its Arabic skeleton only then)
        self._arabic_readings = bool(self.script_words.get(("arab", False)))
        # per query reading (tokens, surfaces, lossiness), the loanword keys it finds
        self._loans_found: dict[tuple[tuple[str, ...], tuple[str, ...], bool], tuple[str, ...]]
        self._loans_found = {}
        # every head of a key filed for lossy readings: a Latin query's run of words is
        # extended only while its key is one (see score.run_keys)
        self._loan_heads: frozenset[str] = frozenset(
            [k[:i] for k in self.loans[True] for i in range(1, len(k) + 1)]
        )
        self.sounds: dict[bool, dict[str, tuple[tuple[str, str], ...]]] = {
            b: {k: tuple(sorted(v)) for k, v in table.items()} for b, table in sounds.items()
        }
        self.joined_sounds: dict[bool, dict[str, tuple[int, ...]]] = {
            b: {k: tuple(v) for k, v in table.items()} for b, table in joined.items()
        }
        # the joined spellings filed ("=" keys), without their prefix
        self._spellings: dict[bool, frozenset[str]] = {
            b: frozenset([k[1:] for k in table if k.startswith("=")])
            for b, table in self.joined_sounds.items()
        }
        # the longest key of each kind filed: a looked-up key longer by two or more, and
        # its single deletions, are never filed (lookups skip working them out)
        self._neighbour_longest = max(map(len, self.neighbours), default=0)
        self._sound_longest = max(
            (len(k) for table in self.sounds.values() for k in table if not k.startswith("~")),
            default=0,
        )
        self._joined_longest = max(
            (len(k) for t in self.joined_sounds.values() for k in t if not k.startswith("=")),
            default=0,
        )
        self._spelling_longest = max(
            (len(k) for spell in self._spellings.values() for k in spell), default=0
        )
        self._token_sets = [frozenset(e.form.tokens) for e in self.forms]
        self._weights: dict[tuple[str, float], float] = {}
        self._sides = [self.side(e.form, e.legal) for e in self.forms]
        # the score bound of `candidates`, vectorised: per token, the forms holding it and
        # the (damped) weight it has in each; per form, its total weight
        # (a translated Han word's gloss counts whole when its last word matched: that word
        # carries the weight of the phrase, score._gloss_phrases)
        bound_weights = [_bound_weights(side) for side in self._sides]
        ids: dict[str, list[int]] = defaultdict(list)
        wts: dict[str, list[float]] = defaultdict(list)
        for fid, side in enumerate(self._sides):
            seen: set[str] = set()
            for t, w in zip(side.tokens, bound_weights[fid], strict=True):
                if t not in seen:
                    seen.add(t)
                    ids[t].append(fid)
                    wts[t].append(w)
        self._post_ids: dict[str, npt.NDArray[np.intp]] = {
            t: np.asarray(v, dtype=np.intp) for t, v in ids.items()
        }
        self._post_w: dict[str, npt.NDArray[np.float64]] = {
            t: np.asarray(v, dtype=np.float64) for t, v in wts.items()
        }
        self._totals = np.asarray([sum(s.weights) or 1.0 for s in self._sides], dtype=np.float64)
        self._token_weights = [
            dict(zip(s.tokens, w, strict=True))
            for s, w in zip(self._sides, bound_weights, strict=True)
        ]
        self._totals_list: list[float] = [float(x) for x in self._totals]
        self._post_sets: dict[str, frozenset[int]] = {
            k: frozenset(v) for k, v in self.postings.items()
        }
        # per token, the forms in which that token alone carries the floor share
        share_floor = self.config.limits.prune_below
        covering: dict[str, list[int]] = defaultdict(list)
        for fid, weights_of in enumerate(self._token_weights):
            for tok, wt in weights_of.items():
                if wt >= share_floor * self._totals_list[fid]:
                    covering[tok].append(fid)
        self._covering: dict[str, frozenset[int]] = {k: frozenset(v) for k, v in covering.items()}
        # The scorer discounts the business words a short name drops (score._business_left):
        # a name with a legal form and business words against one of proper-name words
        # alone without a legal form, the proper-name words of both the same words. Forms
        # of either kind are filed under their proper-name words, sorted, so that the
        # other kind finds them whatever their bound (as the joined keys find a name spelt
        # the same joined up).
        short: dict[tuple[bool, tuple[str, ...]], list[int]] = defaultdict(list)
        if self.config.weights.business_left < 1.0:
            for fid, side in enumerate(self._sides):
                if side.shape.concepts == bool(side.legal):
                    plain = tuple(sorted([side.tokens[i] for i in side.shape.plain]))
                    if plain:
                        short[(side.shape.concepts, plain)].append(fid)
        self._short: dict[tuple[bool, tuple[str, ...]], tuple[int, ...]] = {
            k: tuple(v) for k, v in short.items()
        }
        # The scorer discounts the given names that one of two "Surname, Given" names leaves
        # out (score._given_left) when the surname and the first given name are the same
        # words: such forms are filed under those words, so that the other finds them
        # whatever their bound.
        persons: dict[tuple[str, ...], list[int]] = defaultdict(list)
        if self.config.weights.given_left < 1.0:
            for fid, side in enumerate(self._sides):
                key = person_key(side.tokens, side.surfaces, side.given, side.first, self.config)
                if key:
                    persons[key].append(fid)
        self._persons: dict[tuple[str, ...], tuple[int, ...]] = {
            k: tuple(v) for k, v in persons.items()
        }
        # The scorer discounts an East Slavic patronymic that one name writes and the other
        # leaves out (score._patronymic_left): forms are filed under their other words
        # (score.patronymic_key), apart by whether they have a patronymic, so that a name
        # with one finds those without and the other way round, whatever their bound.
        patronymics: dict[bool, dict[tuple[str, ...], list[int]]] = {
            True: defaultdict(list),
            False: defaultdict(list),
        }
        if self.config.weights.given_left < 1.0:
            for fid, side in enumerate(self._sides):
                pkey, has = patronymic_key(side.tokens, bool(side.legal), side.shape.concepts)
                if pkey:
                    patronymics[has][pkey].append(fid)
        self._patronymics: dict[bool, dict[tuple[str, ...], tuple[int, ...]]] = {
            b: {k: tuple(v) for k, v in table.items()} for b, table in patronymics.items()
        }
        # The scorer pairs a word with a run of the other name's words whose initials it
        # spells (score._initials): forms are filed under every initialism their runs spell,
        # so that a query's initials find them, and a query's runs look up listed words.
        spelt: dict[str, list[int]] = defaultdict(list)
        for fid, side in enumerate(self._sides):
            for k in initials_keys(side.tokens, side.full or side.weights, side.surfaces):
                spelt[k].append(fid)
        self._initials: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in spelt.items()}
        # per token, the other tokens it shares a form with
        cooccur: dict[str, set[str]] = defaultdict(set)
        for e in self.forms:
            toks = set(e.form.tokens)
            if len(toks) > 1:
                for tok in toks:
                    cooccur[tok].update(toks)
        self._cooccur: dict[str, frozenset[str]] = {
            k: frozenset(v - {k}) for k, v in cooccur.items()
        }
        # per looked-up word, query share and similarities: the bounds of the forms that hold
        # it alone (see `_alone_bounds`)
        self._alone: dict[tuple[str, float, tuple[float, ...]], tuple[tuple[float, int], ...]] = {}
        self._vector_above = 256  # candidate sets larger than this are bounded with numpy
        self._expansions: dict[tuple[str, bool], tuple[tuple[str, float], ...]] = {}
        # words a glued romaji word may be cut into: listed words of three letters or more
        # and every word of the tables
        known = {t for t in self.postings if t.isascii() and len(t) >= 3}
        known.update(w for key in vocabulary().latin for w in key if len(w) >= 2)
        self._known: frozenset[str] = frozenset(known)
        self._breaks: dict[tuple[str, bool], tuple[str, ...] | None] = {}
        # candidates per reading, keyed on all that `candidates` looks at: the tokens and
        # weights, whether the reading is lossy (its sound keys look among all listed words)
        # and the Latin surfaces of its business words (looked up by their sound); names
        # differing only in legal form, case or punctuation share an entry
        self._ranked: dict[
            tuple[
                tuple[str, ...],
                tuple[float, ...],
                bool,
                tuple[str, ...],
                tuple[int, int],
                tuple[str, ...],
            ],
            tuple[int, ...],
        ] = {}
        # the same, per looked-up words (see `candidates`)
        self._by_lookup: dict[
            tuple[
                tuple[tuple[str, float, float], ...],
                float,
                str,
                tuple[str, ...],
                bool,
                tuple[int, ...],
                tuple[int, ...],
                tuple[int, ...],
                tuple[int, ...],
                tuple[int, ...],
            ],
            tuple[int, ...],
        ] = {}
        # per query token and base weight: its weight and what it is looked up as
        self._lookups: dict[
            tuple[str, float, bool, str], tuple[float, tuple[tuple[str, float, float], ...]]
        ]
        self._lookups = {}
        # per proper-name part, joined words and lossiness: the skeleton and joined keys found
        self._joined_found: dict[tuple[str, str, bool, str], tuple[str, tuple[str, ...]]] = {}

    # -- weights ----------------------------------------------------------------------
    def weight(self, token: str, base: float) -> float:
        """A token's base weight, damped when many listed parties share the token."""
        w = self.config.weights
        df = self.df.get(token, 0)
        if df <= w.common_df:
            return base
        return base * max(w.common_floor, 1.0 - 0.15 * math.log2(df / w.common_df))

    def side(self, form: Form, legal: tuple[LegalForm, ...]) -> Side:
        return Side(
            form.tokens,
            tuple(self._weight_of(t, b) for t, b in zip(form.tokens, form.weights, strict=True)),
            form.surfaces,
            legal,
            form.corrected,
            form.weights,
            form.kind in LOSSY,
            form.given,
            form.first,
            form.script if form.kind in LOSSY or form.kind == "gloss" else "",
        )

    def readings(self, a: Analysis) -> list[tuple[Form, str | None]]:
        """A listed name's readings as indexed: its forms and their acronym variants."""
        return [
            (v, note)
            for form in a.forms
            for v, note in [(form, None), *variants(form, self.acronyms)]
        ]

    def listed_side(self, fid: int) -> Side:
        return self._sides[fid]

    # -- lookup -----------------------------------------------------------------------
    def similar_tokens(self, token: str) -> list[tuple[str, float]]:
        """Listed tokens within typo distance of an unlisted ``token``, with the credit the
        scorer gives such a typo (an upper bound for the candidate ranking)."""
        fz = self.config.fuzzy
        if not token or token.startswith(CONCEPT):
            return []
        floor = fz.min_len_han if is_han(token[0]) else fz.min_len_latin
        if len(token) < floor or len(token) > self._neighbour_longest + 1:
            # a probe is the token or one shorter, a filed key a listed word or one shorter:
            # none is filed for a token longer than every filed word by two or more
            return []
        found: dict[str, float] = {}
        # one deletion on each side finds a substitution, an insertion or a deletion; the
        # query's transpositions are tried too, so that a swapped pair plus one more edit
        # (dynamcis for dynamic) is found as the scorer's OSA distance counts it
        neighbours = self.neighbours
        for d in probe_strings(token):
            for t in neighbours.get(d, ()):
                if t not in found:
                    s = OSA.normalized_similarity(token, t)
                    if s >= fz.min_similarity and typo_ok(token, t, is_han(token[0])):
                        found[t] = typo_credit(s, self.config)
        return sorted(found.items(), key=lambda x: (-x[1], x[0]))

    def _expand(
        self, token: str, lossy: bool = False, script: str = ""
    ) -> tuple[tuple[str, float], ...]:
        """Listed tokens a query token may stand for: itself, its typos, or words with its
        sound key (whose credit is the one :func:`compare` gives a lossy reading; among the
        words of lossy listed readings only, unless the query reading is lossy) (cached)."""
        cache_key = (token, lossy) if not script else (token + "\0" + script, lossy)
        got = self._expansions.get(cache_key)
        if got is None:
            # a listed word still has its typos' and its sound's neighbours: ドリームベッド is
            # dorimubedd, a listed reading, and Dreambed another listed word
            found = [(token, 1.0)] if token in self.postings else []
            found += [(t, c) for t, c in self.similar_tokens(token) if t != token]
            if token.isascii() and not token.startswith(CONCEPT) and not token.isdigit():
                have = {t for t, _ in found}
                # words of the same Metaphone key, credited as the scorer credits them
                said = spoken(token)
                if said:
                    credit = typo_credit(self.config.fuzzy.spoken_similarity, self.config)
                    for t in self.spoken.get(said, ()):
                        if t not in have:
                            have.add(t)
                            found.append((t, credit))
                credit = typo_credit(self.config.fuzzy.sound_similarity, self.config)
                table = self.sounds[lossy]
                for k in _sound_keys_within(token, self._sound_longest):
                    for t, word in table.get(k, ()):
                        if t not in have and same_sound(token, word):
                            have.add(t)
                            found.append((t, credit))
                for keys_of in ("cyrl", HANGUL_SYLLABLES):
                    for t in self._script_found(token, script, False, keys_of):
                        if t not in have:
                            have.add(t)
                            found.append((t, credit))
            if self._written:
                found = self._unwritten(found)
            got = tuple(found)
            if len(self._expansions) < 262144:
                self._expansions[cache_key] = got
        return got

    def _unwritten(self, found: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """Found words with a word as written (:func:`as_written`) replaced by the tokens it
        stands for, each listed token once, with its best credit, in the order found."""
        best: dict[str, float] = {}
        for u, c in found:
            tokens = self._written.get(u, ())
            if u in self.postings or not tokens:
                tokens = (u, *tokens)
            for t in tokens:
                if c > best.get(t, -1.0):
                    best[t] = c
        return list(best.items())

    def _script_found(
        self, word: str, script: str, cognates: bool, keys_of: str
    ) -> tuple[str, ...]:
        """Listed tokens that ``word`` matches by the keys of a script's readings
        (:func:`dualuse.screening.score.script_alike`): for a reading of that script, among
        all listed words; for another word, among the words of the listed readings of
        Cyrillic and Arabic script (only cognates when ``cognates``: a business word's
        surface). Only the keys of ``keys_of`` ("cyrl" or "arab") are looked at (cached)."""
        if not word.isascii() or word.isdigit() or script[:4] not in ("", keys_of):
            return ()
        memo_key = (word, script[:4], cognates, keys_of)
        got = self._script_memo.get(memo_key)
        if got is None:
            got = self._script_lookup(word, script, cognates, keys_of)
            if len(self._script_memo) < 262144:
                self._script_memo[memo_key] = got
        return got

    def _script_lookup(
        self, word: str, script: str, cognates: bool, keys_of: str
    ) -> tuple[str, ...]:
        """:meth:`_script_found` worked out."""
        out: list[str] = []
        for scr in (keys_of,):
            table = self.script_words.get((scr, bool(script)))
            if not table:
                continue
            for k in _script_keys(word, scr):
                for t, keyed in table.get(k, ()):
                    how = script_alike(word, keyed, scr)
                    if how is not None and (not cognates or how == "cognate"):
                        out.append(t)
        return tuple(out)

    def _sound_words(
        self, word: str, lossy: bool, script: str = ""
    ) -> tuple[tuple[str, float], ...]:
        """Listed plain words that sound like ``word`` (a business word's surface), with the
        credit the scorer gives a sound match (cached)."""
        key = ("~surface:" + word + "\0" + script, lossy)
        got = self._expansions.get(key)
        if got is None:
            credit = typo_credit(self.config.fuzzy.sound_similarity, self.config)
            found: dict[str, float] = {}
            for k in _sound_keys_within(word, self._sound_longest):
                for t, keyed in self.sounds[lossy].get(k, ()):
                    if not t.startswith(CONCEPT) and same_sound(word, keyed):
                        found[t] = credit
            for t in self._script_found(word, script, True, "cyrl"):
                if not t.startswith(CONCEPT):
                    found[t] = credit
            got = tuple(sorted(found.items()))
            if len(self._expansions) < 262144:
                self._expansions[key] = got
        return got

    def _lookup(
        self, token: str, base: float, lossy: bool, script: str = ""
    ) -> tuple[float, tuple[tuple[str, float, float], ...]]:
        """A query token's weight and the listed tokens it stands for, each with its
        similarity and the weight times the similarity (cached)."""
        wq = self._weight_of(token, base)
        got = (wq, tuple([(u, s, wq * s) for u, s in self._expand(token, lossy, script)]))
        if len(self._lookups) < 262144:
            self._lookups[(token, base, lossy, script)] = got
        return got

    def _weight_of(self, token: str, base: float) -> float:
        key = (token, base)
        w = self._weights.get(key)
        if w is None:
            w = self._weights[key] = self.weight(token, base)
        return w

    def candidates(self, form: Form) -> list[int]:
        """Form ids worth scoring against ``form``, best first by a bound on their score.

        The bound counts only words found by lookup; candidates below
        ``limits.prune_below`` are dropped unless found by consonant skeleton (whose
        credit the bound cannot see). The margin below the threshold leaves room for the
        joined-leftover pass of the scorer.

        The outcome depends only on the looked-up words (with their similarities and
        weights, in order), the query's total weight and the skeleton hit, so it is cached
        on those: names whose other words are unlisted and have no typo neighbour (most
        customer names) share one entry.
        """
        return list(self._candidate_ids(form))

    def _candidate_ids(self, form: Form, found: tuple[str, ...] | None = None) -> tuple[int, ...]:
        tokens = form.tokens
        lossy = form.kind in LOSSY
        script = form.script if lossy else ""
        # (listed token, sim, query weight x sim), query token by query token
        expanded: list[tuple[str, float, float]] = []
        if len(set(tokens)) == len(tokens):
            lookups = self._lookups
            qws: list[float] = []
            for t, b in zip(tokens, form.weights, strict=True):
                got = lookups.get((t, b, lossy, script))
                if got is None:
                    got = self._lookup(t, b, lossy, script)
                qws.append(got[0])
                expanded += got[1]
            tq = sum(qws) or 1.0
        else:
            # a repeated word counts with the weight of its last occurrence, and is looked
            # up once
            qw: dict[str, float] = {}
            for t, b in zip(tokens, form.weights, strict=True):
                qw[t] = self._weight_of(t, b)
            tq = sum([qw[t] for t in tokens]) or 1.0
            for t, wq in qw.items():
                expanded += [(u, s, wq * s) for u, s in self._expand(t, lossy, script)]
        if form.script == GLOSS:
            expanded += self._phrase_heads(form, lossy, script)
        expanded += self._transcriptions(form)
        expanded += self._number_words(form)
        if form.given and self._syllables and not lossy:
            expanded += self._syllable_words(form)
        for t, b, surface in zip(tokens, form.weights, form.surfaces, strict=True):
            # a query word as written where its token took off a plural s (Fares, fare),
            # as the scorer compares it too: the listed words it finds that its token
            # does not
            if not t.startswith(CONCEPT) and (w := as_written(t, surface)):
                have = {u for u, _ in self._expand(t, lossy, script)}
                wq = self._weight_of(t, b)
                expanded += [
                    (u, c, wq * c) for u, c in self._expand(w, lossy, script) if u not in have
                ]
            # a business word of the query against a listed word by the sound of its
            # surface (Trade for Трейд), as the scorer compares them
            if t.startswith(CONCEPT) and (word := surface_word(surface)):
                wq = self._weight_of(t, b)
                expanded += [(u, c, wq * c) for u, c in self._sound_words(word, lossy, script)]
        arab = ""
        if script == "arab" or (not script and self._arabic_readings):
            # a plain word against the listed readings of Arabic script (or, for one, any
            # listed word) by its skeleton as written (score.arabic_words)
            credit = typo_credit(self.config.fuzzy.sound_similarity, self.config)
            arab_words = arabic_words(tokens, form.surfaces)
            for t, b, word in zip(tokens, form.weights, arab_words, strict=True):
                if not t.startswith(CONCEPT) and not t.isdigit():
                    wq = self._weight_of(t, b)
                    expanded += [
                        (u, credit, wq * credit)
                        for u in self._script_found(word, script, False, "arab")
                    ]
            arab = arabic_joined(tokens, form.surfaces)
        # a run of the query's words joined up, looked up as a listed word (score._spaced:
        # the same word written apart), with the weight of the run's words
        for run, start, end in spaced_runs(tokens):
            if run in self.postings:
                wq = 0.0
                for k in range(start, end):
                    wq = wq + self._weight_of(tokens[k], form.weights[k])
                expanded.append((run, 1.0, wq))
        # ... and a query word that is a listed form's run joined up
        spaced = self.spaced
        apart = tuple(
            [
                fid
                for t in dict.fromkeys(tokens)
                if len(t) >= SPACED_MIN
                for fid in spaced.get(t, ())
            ]
        )
        # the proper-name words (any script): joined, the joined pass's spelling; their
        # Latin ones joined, its sound; sorted, the short-name key
        words = [t for t in tokens if not t.startswith(CONCEPT)]
        whole = "".join(words)
        proper = whole if whole.isascii() else "".join([t for t in words if t.isascii()])
        got_keys = self._joined_found.get((proper, whole, lossy, script + "\0" + arab))
        if got_keys is None:
            got_keys = self._joined_lookup(proper, whole, lossy, script, arab)
        sk, sd = got_keys
        joined = self.joined_sounds[lossy]
        # the forms a short name (or the full name of one) is scored against whatever their
        # bound: those of the other kind with the same proper-name words
        plain = tuple(sorted(words))
        concepts = len(plain) < len(tokens)
        short = self._short.get((not concepts, plain), ()) if plain else ()
        # the forms whose loanword keys meet the reading's (a lossy reading looks among the
        # readings that are not, and the other way round)
        loans = self.loans[not lossy]
        if found is None:
            found = self.loan_found(form)
        loan = tuple([fid for k in found for fid in loans[k]])
        head = person_key(tokens, form.surfaces, form.given, form.first, self.config)
        person = self._persons.get(head, ()) if head else ()
        if self._patronymics[True] or self._patronymics[False]:
            pkey, has = patronymic_key(tokens, False, concepts)
            if pkey:
                person += self._patronymics[not has].get(pkey, ())
        spelt = self._spelt(form, expanded)
        key = (tuple(expanded), tq, sk, sd, lossy, short, loan, person, spelt, apart)
        cached = self._by_lookup.get(key)
        if cached is None:
            via = (
                *(self.skeletons[sk] if sk else ()),
                *(fid for k in sd for fid in joined[k]),
                *short,
                *loan,
                *person,
                *spelt,
                *apart,
            )
            cached = self._candidates(expanded, tq, via or None)
            if len(self._by_lookup) < 131072:
                self._by_lookup[key] = cached
        return cached

    def _phrase_heads(self, form: Form, lossy: bool, script: str) -> list[tuple[str, float, float]]:
        """The listed words the last word of a translated Han word's gloss finds, again, with
        the weight of the gloss's other words: the scorer counts those matched with it
        (score._gloss_phrases)."""
        out: list[tuple[str, float, float]] = []
        tokens, weights = form.tokens, form.weights
        for i, j in gloss_phrases(form.surfaces):
            extra = 0.0
            for k in range(i, j - 1):
                extra = extra + self._weight_of(tokens[k], weights[k])
            out += [(u, s, extra * s) for u, s in self._expand(tokens[j - 1], lossy, script)]
        return out

    def _number_words(self, form: Form) -> list[tuple[str, float, float]]:
        """The listed words that stand for the number a query word stands for, written
        another way (score._same_numbers), matched in full."""
        out: list[tuple[str, float, float]] = []
        numbers = self._numbers
        for t, b, surface in zip(form.tokens, form.weights, form.surfaces, strict=True):
            if (n := number_of(t, surface)) is not None and (listed := numbers.get(n)):
                wq = self._weight_of(t, b)
                out += [(u, 1.0, wq) for u in listed if u != t]
        return out

    def _transcriptions(self, form: Form) -> list[tuple[str, float, float]]:
        """Listed words a query reading's words may meet as a Chinese transcription and the
        Latin word it transcribes (score._transcribed), or as a Han word and one of its
        senses (score._translated), with the scorer's credit: a run of Han characters finds
        listed Latin words, a Latin word listed Han runs."""
        credit = typo_credit(self.config.fuzzy.sound_similarity, self.config)
        out: list[tuple[str, float, float]] = []
        memo = self._transcribed_memo
        for t, b, surface in zip(form.tokens, form.weights, form.surfaces, strict=True):
            listed = memo.get((t, surface))
            if listed is None:
                listed = self._transcribed_words(t, surface) + self._sensed_words(t, surface)
                if len(memo) >= 262144:
                    memo.clear()
                memo[(t, surface)] = listed
            if listed:
                wq = self._weight_of(t, b)
                out += [(u, credit, wq * credit) for u in listed]
        return out

    def _syllable_words(self, form: Form) -> list[tuple[str, float, float]]:
        """Listed words a query name written syllable by syllable (score.syllabic) meets
        by its syllables' keys, with the scorer's credit."""
        if not syllabic(form.tokens, form.given, form.first):
            return []
        credit = typo_credit(self.config.fuzzy.sound_similarity, self.config)
        out: list[tuple[str, float, float]] = []
        for t, b in zip(form.tokens, form.weights, strict=True):
            found = self._syllables.get(syllable_key(t), ())
            if found:
                wq = self._weight_of(t, b)
                out += [(u, credit, wq * credit) for u in found if u != t]
        return out

    def _sensed_words(self, token: str, surface: str) -> tuple[str, ...]:
        """The listed tokens a query word meets as a Han word and one of its one-word
        senses (score._translated), sorted."""
        if token.startswith(CONCEPT) or not surface:
            return ()
        if is_han(surface[0]):
            # a sense and the -al and -ic adjectives of it (glosses.sense_forms)
            found = {f for k in senses(surface) for f in sense_forms(k)}
            return tuple(sorted([f for f in found if f in self.postings]))
        if surface.isascii():
            sensed = self._sensed
            return tuple(sorted({u for b in sense_bases(token) for u in sensed.get(b, ())}))
        return ()

    def _transcribed_words(self, token: str, surface: str) -> tuple[str, ...]:
        """:meth:`_transcriptions` for one word: the listed tokens found, sorted."""
        if token.startswith(CONCEPT) or not surface:
            return ()
        # the vowels of the reading and of the Latin word must be near (score._transcribed)
        if is_han(surface[0]):
            found = transcription_keys(surface)
            table = self._transcribed[False]
            return tuple(
                sorted(
                    {u for k in found for u, word in table.get(k, ()) if vowels_agree(token, word)}
                )
            )
        if surface.isascii():
            word = surface_word(surface)
            found = word_keys(word)
            table = self._transcribed[True]
            return tuple(
                sorted(
                    {
                        u
                        for k in found
                        for u, reading in table.get(k, ())
                        if vowels_agree(reading, word)
                    }
                )
            )
        return ()

    def loan_found(self, form: Form) -> tuple[str, ...]:
        """The loanword keys of a query reading that listed readings of the other kind are
        filed under (score._loanwords compares a lossy reading's kana or Hangul words with
        runs of words of a reading that is not lossy): a lossy reading's words' keys, or
        the keys of a Latin reading's runs of words, each run extended only while its key
        is the head of a filed key."""
        lossy = form.kind in LOSSY
        loans = self.loans[not lossy]
        if not loans or (lossy and all([src.isascii() for src in form.surfaces])):
            # a lossy reading has keys only for words read from kana or Hangul
            return ()
        memo_key = (form.tokens, form.surfaces, lossy)
        got = self._loans_found.get(memo_key)
        if got is not None:
            return got
        if lossy:
            got = tuple([k for k in loan_keys(form.tokens, form.surfaces, True) if k in loans])
        else:
            words = span_words_of(form.tokens, form.surfaces)
            found = run_keys(form.tokens, words, self._loan_heads.__contains__)
            got = tuple(dict.fromkeys([k for _, _, k in found if k in loans]))
        if len(self._loans_found) >= 65536:
            self._loans_found.clear()
        self._loans_found[memo_key] = got
        return got

    def _joined_lookup(
        self, proper: str, whole: str, lossy: bool, script: str = "", arab: str = ""
    ) -> tuple[str, tuple[str, ...]]:
        """The keys a form's proper-name part joined up is found under (cached): its
        consonant skeleton if listed, and the joined sound and spelling keys listed."""
        sk = skeleton(proper)
        if len(sk) < self.config.fuzzy.min_skeleton or sk not in self.skeletons:
            sk = ""
        joined = self.joined_sounds[lossy]
        # keys longer than every filed key by two or more are not worked out: a key's
        # deletions are one shorter than the key
        key = sound(proper)
        found = (
            [k for k in _sound_joined_keys(key) if k in joined]
            if len(key) <= self._joined_longest + 1
            else []
        )
        if whole and (len(whole) < 6 or len(whole) <= self._spelling_longest + 1):
            spellings = self._spellings[lossy]
            found += [
                "=" + k
                for k in (deletions(whole) if len(whole) >= 6 else (whole,))
                if k in spellings
            ]
        if script in ("", "arab") and (ka := _arabic_joined(arab)) and ka in joined:
            found.append(ka)
        got = (sk, tuple(found))
        if len(self._joined_found) < 131072:
            self._joined_found[(proper, whole, lossy, script + "\0" + arab)] = got
        return got

    def _spelt(self, form: Form, expanded: list[tuple[str, float, float]]) -> tuple[int, ...]:
        """Forms the scorer may pair with ``form`` through initials (score._initials): those
        with a run of words spelt by a word of the query, and those with a word that a run
        of the query's words spells; of them, only those holding a listed word the query's
        words were looked up as (the scorer pairs initials only beside another matched
        word, and every word the first passes match is looked up)."""
        tokens = form.tokens
        found: set[int] = set()
        for t in tokens:
            if not t.startswith(CONCEPT) and is_initialism(t):
                found.update(self._initials.get(t, ()))
        for k in initials_keys(tokens, form.weights, form.surfaces):
            found.update(self.postings.get(k, ()))
        if not found:
            return ()
        looked = {u for u, _, _ in expanded}
        sets = self._token_sets
        return tuple(sorted([fid for fid in found if not sets[fid].isdisjoint(looked)]))

    def _candidates(
        self,
        expanded: list[tuple[str, float, float]],
        tq: float,
        via_skeleton: tuple[int, ...] | None,
    ) -> tuple[int, ...]:
        """:meth:`candidates` from the looked-up words of a query form."""
        # per listed token, its share of the query weight and its similarities, in order
        contrib = {u: 0.0 + wqs for u, _, wqs in expanded}
        sims: dict[str, tuple[float, ...]]
        if len(contrib) == len(expanded):
            sims = {u: (su,) for u, su, _ in expanded}
        else:  # a listed word found for two query words: summed in order
            contrib = {}
            sims = {}
            for u, su, wqs in expanded:
                got = contrib.get(u)
                if got is None:
                    contrib[u] = 0.0 + wqs
                    sims[u] = (su,)
                else:
                    contrib[u] = got + wqs
                    sims[u] += (su,)
        floor = self.config.limits.prune_below
        need = floor * tq
        # A form may reach the floor only by holding a looked-up word that covers its floor
        # share and carries ``need`` of the query's weight, or by holding two looked-up
        # words (see _share_filtered); when no form does, no lookup is worth making.
        covering = self._covering
        covered = [u for u, c in contrib.items() if c >= need and u in covering]
        cooccur = self._cooccur
        looked = set(contrib)
        partners: list[tuple[str, frozenset[str]]] = []
        for u in contrib:
            others = cooccur.get(u)
            if others is not None and not others.isdisjoint(looked):
                partners.append((u, others & looked))
        if via_skeleton is None and not covered and not partners:
            return ()
        required = _required_set(contrib, need)
        if not required and via_skeleton is None:
            return ()
        # a form that can reach the floor holds at least one required word: the union of
        # their postings loses none (a rare query word the form lacks narrows nothing).
        # Those forms are the ones a required word covers on its own (``alone``), those
        # holding two looked-up words (``pairs``, see _share_filtered) and those a joined
        # or skeleton key found (``via``).
        alone = [u for u in covered if u in required]
        pairs = self._pair_forms(required, partners) if required else set()
        via = frozenset(via_skeleton) if via_skeleton else frozenset()
        if (
            sum([len(covering[u]) for u in alone]) + len(pairs) + len(via) > self._vector_above
            and len(found := self._found(required, covered, partners, via)) > self._vector_above
        ):
            ranked = self._bound_vector(found, expanded, tq, via_skeleton)
        else:
            ranked = self._bound_forms(pairs | via, expanded, contrib, sims, tq, via)
            ranked += self._alone_bounds(alone, contrib, sims, tq, pairs, via)
        ranked.sort()
        # every form that may reach the threshold is kept (its bound is at least the
        # threshold, or a joined or sound key found it, which the bound cannot see); the
        # cap applies only to the others, kept as near misses
        sure = -self.config.threshold
        kept = [fid for b, fid in ranked if b <= sure or fid in via]
        rest = [fid for b, fid in ranked if not (b <= sure or fid in via)]
        return tuple(kept + rest[: max(0, self.config.limits.max_candidates - len(kept))])

    def _found(
        self,
        required: set[str],
        covered: list[str],
        partners: list[tuple[str, frozenset[str]]],
        via: frozenset[int],
    ) -> set[int]:
        """Every form whose bound is worked out, as one set (its size decides whether the
        bounds are worth working out with numpy)."""
        found = self._share_filtered(required, covered, partners) if required else set()
        found.update(via)
        return found

    def _alone_bounds(
        self,
        alone: list[str],
        contrib: dict[str, float],
        sims: dict[str, tuple[float, ...]],
        tq: float,
        pairs: set[int],
        via: frozenset[int],
    ) -> list[tuple[float, int]]:
        """The ``(-bound, fid)`` of the forms that hold one looked-up word only, a required
        word covering their floor share (those not in ``pairs`` or ``via``), bound at or
        above the floor.

        Such a form's bound depends on the word, its share of the query and its
        similarities only: it is worked out once per word, share and similarities for all
        the forms the word covers (:meth:`_word_bounds`) and shared by every name that
        looks the word up with the same weight, as most names of a customer master do.
        """
        out: list[tuple[float, int]] = []
        cache = self._alone
        for u in alone:
            key = (u, contrib[u] / tq, sims[u])
            got = cache.get(key)
            if got is None:
                got = self._word_bounds(*key)
                if len(cache) < 262144:
                    cache[key] = got
            if pairs or via:
                out += [e for e in got if e[1] not in pairs and e[1] not in via]
            else:
                out += got
        return out

    def _word_bounds(
        self, u: str, a: float, sims: tuple[float, ...]
    ) -> tuple[tuple[float, int], ...]:
        """Per form the word ``u`` covers, its bound when ``u`` is the only looked-up word
        it holds (query share ``a``, similarities ``sims``), kept if at or above the floor:
        the sums of :meth:`_bound_forms` for one word, in the same order."""
        floor = self.config.limits.prune_below
        tw = self._token_weights
        totals = self._totals_list
        out: list[tuple[float, int]] = []
        for fid in self._covering[u]:
            w = tw[fid][u]
            hl = 0.0
            for su in sims:
                hl = hl + w * su
            b = hl / totals[fid]
            if b < floor:
                continue  # the bound is at most the listed share (see _bound)
            bound = _bound(a, b)
            if bound >= floor:
                out.append((-bound, fid))
        return tuple(out)

    def _bound_forms(
        self,
        found: set[int],
        expanded: list[tuple[str, float, float]],
        contrib: dict[str, float],
        sims: dict[str, tuple[float, ...]],
        tq: float,
        via: frozenset[int],
    ) -> list[tuple[float, int]]:
        """The score bound of each form of ``found`` (:func:`_bound`), as ``(-bound, fid)``,
        those below the floor left out unless a joined or skeleton key found them (``via``).

        A form's two sums run over the entries of ``expanded`` whose listed word it holds,
        in the order of ``expanded`` (float addition is not associative: the order is what
        makes the bound, and so the ranking, the same whatever path works it out). A form
        holding one looked-up word has that word's share of the query (``contrib``, summed
        in the same order) and its similarities (``sims``) times its weight in the form.
        """
        floor = self.config.limits.prune_below
        tw = self._token_weights
        totals = self._totals_list
        token_sets = self._token_sets
        looked = contrib.keys()
        at: dict[str, list[int]] | None = None  # per looked-up word, where it is in expanded
        ranked: list[tuple[float, int]] = []
        for fid in found:
            held = looked & token_sets[fid]
            if len(held) == 1:
                (u,) = held
                a = contrib[u] / tq
                w = tw[fid][u]
                hl = 0.0
                for su in sims[u]:
                    hl = hl + w * su
            elif held:
                weights_of = tw[fid]
                hq = hl = 0.0
                if at is None:
                    at = {}
                    for i, e in enumerate(expanded):
                        at.setdefault(e[0], []).append(i)
                for i in sorted([i for u in held for i in at[u]]):
                    u, su, wqs = expanded[i]
                    hq = hq + wqs
                    hl = hl + weights_of[u] * su
                a = hq / tq
            else:
                a = hl = 0.0
            b = hl / totals[fid]
            if b < floor and fid not in via:
                continue  # the bound is at most the listed share (see _bound)
            bound = _bound(a, b)
            if bound >= floor or fid in via:
                ranked.append((-bound, fid))
        return ranked

    def _pair_forms(
        self, required: set[str], partners: list[tuple[str, frozenset[str]]]
    ) -> set[int]:
        """The forms holding two looked-up words, one of them required, or both not and a
        third that is (``partners``: per looked-up word, the looked-up words it shares a
        form with)."""
        post_sets = self._post_sets
        token_sets = self._token_sets
        keep: set[int] = set()
        for u, others in partners:
            held = post_sets[u]
            for v in others:
                if v <= u:
                    continue  # each pair once
                both = held.intersection(post_sets[v])
                if u in required or v in required:
                    keep.update(both)
                else:
                    keep.update([f for f in both if not token_sets[f].isdisjoint(required)])
        return keep

    def _share_filtered(
        self,
        required: set[str],
        covered: list[str],
        partners: list[tuple[str, frozenset[str]]],
    ) -> set[int]:
        """:meth:`_listed_share_filter` of the union of the required words' postings, from
        the other side: the forms a covered word covers and the forms holding two looked-up
        words (``partners``: per looked-up word, the looked-up words it shares a form
        with), each kept if it holds a required word. The same set, without the union."""
        token_sets = self._token_sets
        keep = self._pair_forms(required, partners)
        for u in covered:
            cov = self._covering[u]
            if u in required:
                keep.update(cov)
            else:
                keep.update([f for f in cov if not token_sets[f].isdisjoint(required)])
        return keep

    def _may_pass(self, contrib: dict[str, float], need: float) -> bool:
        """Whether any listed form at all could pass :meth:`_listed_share_filter`.

        A form passes only by holding two looked-up words, or one that covers its floor
        share and carries ``need``; when no form does, no lookup is worth making.
        """
        covering = self._covering
        cooccur = self._cooccur
        for u, c in contrib.items():
            if c >= need and u in covering:
                return True
            others = cooccur.get(u)
            if others is not None and not others.isdisjoint(contrib):
                return True
        return False

    def _listed_share_filter(
        self, found: set[int], contrib: dict[str, float], need: float
    ) -> set[int]:
        """The forms of ``found`` that may reach the floor on both sides.

        A form holding one looked-up word only has that word's share of its weight (times
        the word's similarity) matched, and matches only that word's share of the query:
        it is kept only when the word alone covers the floor share of the form
        (``_covering``) and carries ``need`` of the query's weight. Forms holding two or
        more looked-up words are kept. Exact for the bound (forms found by skeleton are
        added back by the caller).
        """
        covering = self._covering
        post_sets = self._post_sets
        keep: set[int] = set()
        seen: set[int] = set()
        for u, c in contrib.items():
            if c >= need:
                cov = covering.get(u)
                if cov is not None:
                    keep.update(found.intersection(cov))
            holders = found.intersection(post_sets[u])
            keep.update(seen.intersection(holders))  # a second looked-up word
            seen.update(holders)
        return keep

    @staticmethod
    def _required(contrib: dict[str, float], need: float) -> list[str]:
        """Listed tokens of which a candidate must hold at least one to reach ``need``.

        Prefix filtering: with the tokens' contributions to the query share sorted
        heaviest first, a form holding none of the first k reaches at most the sum of
        the others; k is the least for which that sum falls short. Empty when even all
        of them fall short.
        """
        rest = sum(contrib.values())
        if rest < need:
            return []
        out: list[str] = []
        for neg, u in sorted([(-c, u) for u, c in contrib.items()]):
            if rest < need:
                break
            out.append(u)
            rest -= -neg
        return out if rest < need else []

    def _bound_vector(
        self,
        found: set[int],
        expanded: list[tuple[str, float, float]],
        tq: float,
        via_skeleton: tuple[int, ...] | None,
    ) -> list[tuple[float, int]]:
        ids = np.fromiter(found, dtype=np.intp, count=len(found))
        n = len(self.forms)
        hit_q = np.zeros(n)
        hit_l = np.zeros(n)
        for u, s, wqs in expanded:
            where = self._post_ids[u]
            hit_q[where] += wqs
            hit_l[where] += self._post_w[u] * s
        a = np.minimum(hit_q[ids] / tq, 1.0)
        b = np.minimum(hit_l[ids] / self._totals[ids], 1.0)
        bound = np.minimum(a, b) * np.sqrt(np.maximum(a, b))
        keep = bound >= self.config.limits.prune_below
        if via_skeleton is not None:
            keep |= np.isin(ids, np.asarray(via_skeleton, dtype=np.intp))
        return [(-float(x), int(f)) for x, f in zip(bound[keep], ids[keep], strict=True)]

    def _is_known(self, piece: str, extra: frozenset[str] = frozenset()) -> bool:
        """A piece of a glued word is a known word, also when it ends in the syllabic n
        that passport spelling writes m before m (Marim-mashinari) or in a katakana
        loanword's final vowel (sakitto for listed サーキット). ``extra``: the words of a
        name compared as if it were listed (:meth:`pair`)."""
        known = self._known
        for key in (latin_key(piece), loose(piece)):
            if key in known or key in extra:
                return True
        if piece.endswith("m"):
            key = latin_key(piece[:-1] + "n")
            if key in known or key in extra:
                return True
        key = latin_key(loanword(piece))
        return key in known or key in extra

    def glued(
        self, word: str, reading: bool = False, extra: frozenset[str] = frozenset()
    ) -> tuple[str, ...] | None:
        """``word`` cut into known words if it is a glued word (cached per index).

        A word as written is cut only when it is unknown; a romaji ``reading`` of a kana or
        kanji chunk is glued by construction and always tried (another name's reading may
        be a listed word: ヒタチコウキ is hitachikoki, Hitachi Koki is two words).
        """
        cache_key = (word, reading)
        if not extra and cache_key in self._breaks:
            return self._breaks[cache_key]
        key = latin_key(word)
        res = None
        if len(word) >= MIN_GLUED and (
            reading
            or (key not in self.postings and key not in extra and (key,) not in vocabulary().latin)
        ):
            res = break_word(word, lambda piece: self._is_known(piece, extra))
        if not extra and len(self._breaks) < 65536:
            self._breaks[cache_key] = res
        return res

    def unglued(self, a: Analysis, extra: frozenset[str] = frozenset()) -> Analysis | None:
        """The query with its glued words cut (a romaji reading), if any were cut.

        A name written wholly in Latin script is cut word by word; a Japanese name's romaji
        reading is cut where a chunk the Japanese reader could not split was read as one
        word (katakana: クボタセイヤク -> kubotaseiyaku -> kubota + seiyaku).
        """
        if not a.forms:
            return None
        if all(f.kind == "latin" for f in a.forms):
            words = latin_words(fold(a.name))
        else:
            romaji = [f for f in a.forms if f.kind == "romaji"]
            if not romaji:
                return None
            words = [t for t in romaji[0].tokens if not t.startswith(CONCEPT)]
        # shorter words are never cut
        reading = not all(f.kind == "latin" for f in a.forms)
        cuts = {
            w: pieces
            for w in words
            if len(w) >= MIN_GLUED and (pieces := self._cut(w, reading, extra))
        }
        if not cuts:
            return None
        if all(f.kind == "latin" for f in a.forms):
            out: list[str] = []
            for w in words:
                out.extend(cuts.get(w) or (w,))
            b = analyse(" ".join(out))
            return Analysis(b.name, tuple(replace(f, kind="romaji") for f in b.forms), b.legal)
        forms: list[Form] = []
        for f in a.forms:
            if f.kind != "romaji":
                continue
            toks: list[str] = []
            ws: list[float] = []
            srcs: list[str] = []
            for t, wt, src in zip(f.tokens, f.weights, f.surfaces, strict=True):
                pieces = cuts.get(t)
                if not pieces:
                    toks.append(t)
                    ws.append(wt)
                    srcs.append(src)
                    continue
                read = analyse(" ".join(pieces)).forms
                if not read:
                    continue
                toks.extend(read[0].tokens)
                ws.extend(read[0].weights)
                srcs.extend([src] * len(read[0].tokens))
            forms.append(Form("romaji", tuple(toks), tuple(ws), tuple(srcs), f.corrected))
        if not forms:
            return None
        return Analysis(a.name, (*forms, *homophone_forms(tuple(forms))), a.legal)

    def _cut(
        self, word: str, reading: bool, extra: frozenset[str] = frozenset()
    ) -> tuple[str, ...] | None:
        """A glued word cut into known words; a katakana reading whose last syllable lost
        its vowel (セイヤク -> seiyak) is cut with the vowel given back."""
        got = self.glued(word, reading, extra) or (
            self.glued(word + "u", reading, extra) if reading and word[-1:] in "kstbpmgz" else None
        )
        if got is not None or not reading:
            return got
        return _business_tail(word) or (
            _business_tail(word + "u") if word[-1:] in "kstbpmgz" else None
        )

    def query_forms(self, a: Analysis, extra: frozenset[str] = frozenset()) -> tuple[Form, ...]:
        """The readings a query is compared in: its forms, and its glued words cut."""
        b = self.unglued(a, extra)
        return a.forms if b is None else (*a.forms, *b.forms)

    def search(self, a: Analysis) -> list[Scored]:
        """The best reading pair of every candidate party (and corporate group).

        Candidates are found reading by reading (and with the query's glued words cut),
        and each candidate reading is scored against the query reading that found it.
        Every pair that full scoring could accept is among them (the scorer accepts only
        what the index's keys find, and a reading left out has a bound below the floor), so
        a party reported gets the score :meth:`pair` gives it.
        """
        return [h.scored(self.config) for h in self.search_hits(a)]

    def search_hits(self, a: Analysis) -> list[Hit]:
        """:meth:`search` without the explanations: the same reading pairs, in the same
        order, with the same scores (each pair's comparison is written by
        :meth:`Hit.scored`)."""
        han = han_only(a.name)
        hangul = hangul_only(a.name)
        ranked = self._ranked
        cfg = self.config
        best: dict[int, Hit] = {}
        for form in self.query_forms(a):
            found = self.loan_found(form)
            key = _ranked_key(form, found, self._arabic_readings or form.script == "arab")
            fids = ranked.get(key)
            if fids is None:
                fids = self._candidate_ids(form, found)
                if len(ranked) < 131072:
                    ranked[key] = fids
            if not fids:
                continue
            q = self.side(form, a.legal)
            # comparable(): two Han-only names are compared by their characters only
            both_han = han and form.kind not in LOSSY
            lossy_query = form.kind in LOSSY
            gloss_query = form.kind == "gloss"
            forms = self.forms
            sides = self._sides
            for fid in fids:
                entry = forms[fid]
                if han and entry.han_only and (not both_han or entry.form.kind in LOSSY):
                    continue
                if hangul and entry.hangul_only and (lossy_query or entry.form.kind in LOSSY):
                    continue
                if (gloss_query or entry.form.kind == "gloss") and not gloss_comparable(
                    form, entry.form
                ):
                    continue
                listed = sides[fid]
                score, exact = score_of(q, listed, cfg)
                cur = best.get(entry.party)
                if cur is None or (
                    score,
                    exact and direct(form, entry.form),
                    entry.note is None,
                ) > (
                    cur.score,
                    cur.exact and direct(cur.query_form, cur.entry.form),
                    cur.entry.note is None,
                ):
                    best[entry.party] = Hit(score, exact, entry, form, q, listed)
        return list(best.values())

    def pair(self, a: Analysis, listed_name: str) -> Scored | None:
        """The best reading of ``a`` against the best reading of ``listed_name``, scored as
        :meth:`search` scores a listed name: the score ``screen`` gives that pair."""
        b = self.analyses.get(listed_name) or analyse(listed_name)
        han_a, han_b = han_only(a.name), han_only(listed_name)
        hangul_a, hangul_b = hangul_only(a.name), hangul_only(listed_name)
        entries = [
            IndexedForm(-1, listed_name, f, b.legal, note, han_b, hangul_b)
            for f, note in self.readings(b)
        ]
        # the listed name's words are known words for cutting the query's glued readings,
        # as they are when the name is in the index
        extra = frozenset(t for e in entries for t in e.form.tokens if t.isascii() and len(t) >= 3)
        best: Scored | None = None
        for form in self.query_forms(a, extra):
            q = self.side(form, a.legal)
            for e in entries:
                if not comparable(form, e.form, han_a, e.han_only, hangul_a, e.hangul_only):
                    continue
                s = Scored(e, form, compare(q, self.side(e.form, e.legal), self.config))
                if best is None or rank(s) > rank(best):
                    best = s
        return best


#: the shortest head left before the business words a reading ends in, and the longest run
#: of business words looked for at its end (letters: four words of twelve), which keeps the
#: work linear in a reading's length
BUSINESS_TAIL_HEAD, BUSINESS_TAIL_MAX = 3, 48


@lru_cache(maxsize=65536)
def _business_tail(word: str) -> tuple[str, ...] | None:
    """A glued reading that ends in business words, cut before them, the head kept whatever
    it is (ゴヨウケンセツ, goyokensetsu: goyo + kensetsu; ダイエイフドウサン: daiei +
    fudosan): the longest run of business words at the end (of
    :data:`BUSINESS_TAIL_MAX` letters at most), a head of :data:`BUSINESS_TAIL_HEAD` letters
    or more left. None when the word does not end so."""

    def business(piece: str) -> bool:
        # a kana reading's last word lost its final vowel (tobutetsud: tetsudo, railway)
        if business_word(piece) is not None:
            return True
        restored = with_final_vowel(piece)
        return bool(restored) and business_word(restored) is not None

    for k in range(max(BUSINESS_TAIL_HEAD, len(word) - BUSINESS_TAIL_MAX), len(word) - 2):
        tail = word[k:]
        pieces = (tail,) if business(tail) else break_word(tail, business, min_piece=3)
        if pieces:
            return (word[:k], *pieces)
    return None


def _ranked_key(
    form: Form, loans: tuple[str, ...] = (), arabic: bool = True
) -> tuple[
    tuple[str, ...], tuple[float, ...], bool, tuple[str, ...], tuple[int, int], tuple[str, ...]
]:
    """What :meth:`ScreeningIndex._candidate_ids` depends on: a romaji reading and a Latin
    name with the same words look in different sound tables, a business word's surface
    finds listed words by its sound (Trade / Trading read as one concept), a "Surname,
    Given" name finds the names filed under its surname and first given name, the
    initials of its words find names by initialism (their initials decide which), and a
    reading of Cyrillic or Arabic script looks its words up by that script's keys; a
    reading's loanword keys depend on the script its words were read from (ミツビシ and 三菱
    both read mitsubishi): the keys it finds (``loans``, :meth:`ScreeningIndex.loan_found`)
    are part of the key."""
    concepts = tuple(
        [
            surface_word(s)
            for t, s in zip(form.tokens, form.surfaces, strict=True)
            if t.startswith(CONCEPT)
        ]
    )
    if form.script and form.kind in LOSSY:
        # a reading of Cyrillic or Arabic script also looks its words up by the keys of
        # its script (`_script_found`); told apart by a surface no word has
        concepts += ("\0" + form.script,)
    if arabic and form.surfaces != form.tokens:
        # plain words are looked up by their Arabic skeleton as written (`_candidate_ids`,
        # when ``arabic``): words written otherwise than their token reads are told apart
        concepts += tuple(
            [
                "\1" + w
                for t, w in zip(form.tokens, arabic_words(form.tokens, form.surfaces), strict=True)
                if w != t and not t.startswith(CONCEPT)
            ]
        )
    lossy = form.kind in LOSSY
    return (
        form.tokens,
        form.weights,
        lossy,
        (*concepts, "|", *loans),
        (form.given, form.first),
        word_initials(form.tokens, form.weights, form.surfaces),
    )


def _bound_weights(side: Side) -> tuple[float, ...]:
    """A listed reading's word weights for its score bound: its own, but in a gloss reading
    the last word of each translated Han word's phrase carries the weight of the phrase,
    since the scorer counts the phrase matched with it (score._gloss_phrases)."""
    if side.script != GLOSS:
        return side.weights
    out = list(side.weights)
    for i, j in gloss_phrases(side.surfaces):
        out[j - 1] = sum(side.weights[i:j])
    return tuple(out)


def _bound(a: float, b: float) -> float:
    """The bound on a listed form's score from the shares of the query's weight (``a``)
    and of the form's weight (``b``) its looked-up words can match, each at most 1: the
    smaller share times the square root of the larger (the scorer's coverage mean, with
    every looked-up word matched at its credit). Never above the smaller share."""
    if a > 1.0:
        a = 1.0
    if b > 1.0:
        b = 1.0
    bound: float = a * b**0.5 if a < b else b * a**0.5
    return bound


def _required_set(contrib: dict[str, float], need: float) -> set[str]:
    """The words :meth:`ScreeningIndex._required` gives, as a set, without sorting them all.

    Words of equal share are taken one after another, and taking any of them subtracts the
    same share: the running remainder is the same whichever is taken first, so shares are
    sorted (there are few distinct ones) and the words themselves only in the share at
    which the remainder falls short (where the original order, by word, decides which are
    in).
    """
    rest = sum(contrib.values())
    if rest < need:
        return set()
    by_share: dict[float, list[str]] = {}
    for u, c in contrib.items():
        got = by_share.get(c)
        if got is None:
            by_share[c] = [u]
        else:
            got.append(u)
    out: set[str] = set()
    for c in sorted(by_share, reverse=True):
        words = by_share[c]
        n = len(words)
        take = 0
        while take < n and not rest < need:
            rest -= c
            take += 1
        if take == n:
            out.update(words)
        else:
            out.update(sorted(words)[:take])
            break
    return out if rest < need else set()


def han_only(name: str) -> bool:
    """A name whose CJK part is written in Han characters only (no kana, no Hangul)."""
    if name.isascii():
        return False  # no CJK part (most names screened: decided without a scan)
    cjk = [c for c in name if ord(c) >= 0x2E80 and not 0xFF00 <= ord(c) <= 0xFFEF]
    return bool(cjk) and all(is_han(c) or not c.isalpha() for c in cjk)


def hangul_only(name: str) -> bool:
    """A name whose CJK part is written in Hangul only (no Han, no kana)."""
    if name.isascii():
        return False
    letters = [
        c for c in name if ord(c) >= 0x1100 and c.isalpha() and not 0xFF00 <= ord(c) <= 0xFFEF
    ]
    return bool(letters) and all(is_hangul(c) for c in letters)


def written_latin(form: Form) -> bool:
    """Whether a reading is a name written in Latin letters, as written (a CJK name of
    business words alone has a "latin" form too: 东京科学大学 is tokyo #science
    #university, and no translation is compared with it)."""
    return form.kind == "latin" and all([s.isascii() for s in form.surfaces])


def gloss_comparable(q: Form, listed: Form) -> bool:
    """Whether two readings, one of them a translation, may be compared: the other must be
    a name written in Latin letters."""
    return written_latin(listed if q.kind == "gloss" else q)


def comparable(
    q: Form,
    listed: Form,
    q_han: bool,
    listed_han: bool,
    q_hangul: bool = False,
    listed_hangul: bool = False,
) -> bool:
    """Whether two readings may be compared.

    Two names written in Han characters are compared by their characters, never by their
    readings: 山田太郎 and 山田太朗 read alike and are two names. Readings are what bring
    kana, Hangul and Latin spellings to a Han name. So are two names written in Hangul:
    the sounds of two Hangul names are their letters (동아화성 is not 동아에스티).
    """
    if q.kind == "gloss" or listed.kind == "gloss":
        return gloss_comparable(q, listed)
    if (q_han and listed_han) or (q_hangul and listed_hangul):
        return q.kind not in LOSSY and listed.kind not in LOSSY
    return True


#: readings of the query whose exact match is an exact hit (not a lossy reading)
_DIRECT = frozenset({"latin", "han"})


def direct(query: Form, listed: Form) -> bool:
    """Whether an exact match of these two readings is an exact hit: the query read as
    written (not a lossy reading), against a listed reading that is not a translation."""
    return query.kind in _DIRECT and listed.kind != "gloss"


def rank(s: Scored) -> tuple[float, bool, bool]:
    """How screening orders the readings of one listed party: score, exactness, directness."""
    c = s.comparison
    return (c.score, c.exact and direct(s.query_form, s.entry.form), s.entry.note is None)


def hit_rank(h: Hit) -> tuple[float, bool, bool]:
    """:func:`rank` of a hit (the same order)."""
    return (h.score, h.exact and direct(h.query_form, h.entry.form), h.entry.note is None)


__all__ = [
    "Hit",
    "IndexedForm",
    "Scored",
    "ScreeningIndex",
    "comparable",
    "direct",
    "gloss_comparable",
    "han_only",
    "written_latin",
    "hangul_only",
    "hit_rank",
    "rank",
]
