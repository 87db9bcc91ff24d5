"""A party name read into comparable forms: words, concepts and legal forms, per script.

``analyse("三菱重工航空エンジン株式会社")`` sets aside the legal form 株式会社 (kept in
``legal``), reads 重工 / 航空 / エンジン as the concepts heavy_industries / aero / engine, and
keeps the proper-name chunk 三菱 three ways: as folded Han (三菱), as romaji (mitsubishi)
and as pinyin (sanling). Each way is a :class:`Form`; two names match when some form of one
lines up with some form of the other. Latin names give one form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Literal, NamedTuple

from dualuse.screening.config import DEFAULT_CONFIG
from dualuse.screening.glosses import gloss_segments
from dualuse.screening.homoglyphs import unmixed
from dualuse.screening.korean import person_syllables
from dualuse.screening.romaji import loanword, pinyin, romaji_words, wade_giles
from dualuse.screening.text import (
    LATIN_WORD,
    fold,
    is_han,
    is_hangul,
    is_kana,
    latin_words,
    loose,
    runs,
)
from dualuse.screening.translit import (
    cognate_key,
    cyrillic_language,
    has_letter_read_here,
    needs_reading,
    reading_script,
)
from dualuse.screening.translit import latin as translit_latin
from dualuse.screening.vocab import (
    Entry,
    business_word,
    cjk_key,
    corrected,
    latin_key,
    vocabulary,
)

FormKind = Literal["latin", "han", "romaji", "pinyin", "translit", "gloss"]
#: readings that lose information (homophones, romanisation): never an exact match, and
#: compared with the coarse sound key as well (:func:`dualuse.screening.text.sound`). A
#: gloss (a translation) is not among them: its words are English words, compared as a
#: Latin name's are; it is never an exact match either (:func:`dualuse.screening.index.direct`)
LOSSY: frozenset[str] = frozenset({"romaji", "pinyin", "translit"})
CONCEPT = "#"  # prefix of concept tokens
#: the script of a gloss form (:func:`_gloss_forms`): its words are compared one by one,
#: never joined up, since the words between its glossed words are readings of other text
GLOSS = "gloss"
#: the script of a Hangul name read syllable by syllable (:mod:`dualuse.screening.korean`)
HANGUL_SYLLABLES = "hang"
#: the script of the glued pinyin reading of a foreign name written in Han characters with
#: dots between its parts (洛克希德·马丁, luokexidemading): a transcription of several words
FOREIGN_NAME = "named"


@dataclass(frozen=True, slots=True)
class LegalForm:
    """A legal-form designation found in a name (株式会社, K.K., GmbH)."""

    cls: str
    surface: str
    jurisdictions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, init=False)
class Form:
    """One reading of a name: tokens with their weights and the text each came from."""

    kind: FormKind
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    surfaces: tuple[str, ...]
    corrected: int = 0  # business words read through a typo (never an exact match)
    #: a personal name written "Surname, Given names": the position of its first given-name
    #: token, and of the first after the honorifics (Dr., Mr.) that open the given names;
    #: 0 for any other name (see :func:`person_parts`)
    given: int = 0
    first: int = 0
    #: "cyrl" or "arab": a reading of a Cyrillic or Arabic-script name (its words are
    #: compared with the keys of :func:`dualuse.screening.score.script_alike` too);
    #: :data:`GLOSS` for a translation
    script: str = ""

    def __init__(
        self,
        kind: FormKind,
        tokens: tuple[str, ...],
        weights: tuple[float, ...],
        surfaces: tuple[str, ...],
        corrected: int = 0,
        given: int = 0,
        first: int = 0,
        script: str = "",
    ) -> None:
        # the slots' own setters: several times faster than the generated frozen
        # ``__init__`` (object.__setattr__ by name), and a name makes several forms
        _form_kind(self, kind)
        _form_tokens(self, tokens)
        _form_weights(self, weights)
        _form_surfaces(self, surfaces)
        _form_corrected(self, corrected)
        _form_given(self, given)
        _form_first(self, first)
        _form_script(self, script)

    @property
    def total(self) -> float:
        return sum(self.weights)


(
    _form_kind,
    _form_tokens,
    _form_weights,
    _form_surfaces,
    _form_corrected,
    _form_given,
    _form_first,
    _form_script,
) = (
    Form.__dict__[f].__set__
    for f in ("kind", "tokens", "weights", "surfaces", "corrected", "given", "first", "script")
)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the screener knows about a name."""

    name: str
    forms: tuple[Form, ...]
    legal: tuple[LegalForm, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.forms


class _Piece(NamedTuple):
    """A word or chunk before forms are made: a table entry, a Latin word, or a CJK chunk.

    A named tuple rather than a frozen dataclass: a name makes several, and a tuple is
    built several times faster."""

    surface: str
    entry: Entry | None = None
    word: str | None = None  # normalised Latin word
    chunk: str | None = None  # CJK chunk of no table entry (a proper name)
    corrected: bool = False  # a typo of a business word, read as that word


def _weight(entry: Entry | None) -> float:
    w = DEFAULT_CONFIG.weights
    if entry is None:
        return w.name
    if entry.kind == "concept":
        return entry.weight
    return w.stop if entry.kind == "stop" else w.place


_PAREN_LEGAL = re.compile(r"\((株|有|同|名|資|주)\)")


@cache
def _cjk_sizes() -> dict[str, tuple[int, ...]]:
    """Per first character, the lengths of the CJK table words that start with it, longest
    first."""
    sizes: dict[str, set[int]] = {}
    for k in vocabulary().cjk:
        if k:
            sizes.setdefault(k[0], set()).add(len(k))
    return {c: tuple(sorted(v, reverse=True)) for c, v in sizes.items()}


def _segment_cjk(text: str) -> list[_Piece]:
    """Greedy longest match of table words; the rest forms proper-name chunks."""
    vocab = vocabulary()
    table = vocab.cjk
    sizes_of = _cjk_sizes()
    max_cjk = vocab.max_cjk
    key = (
        cjk_key(text)
        if not text.endswith("ー")
        else cjk_key(text) + "ー" * (len(text) - len(text.rstrip("ー")))
    )
    out: list[_Piece] = []
    start = 0  # where the proper-name chunk before the next table word begins
    i, n = 0, len(text)
    nk = len(key)
    while i < n:
        longest = min(max_cjk, n - i)
        entry: Entry | None = None
        size = 0
        if i + longest <= nk:
            # only the lengths of table words starting with this character can match
            for size in sizes_of.get(key[i], ()):
                if size <= longest:
                    entry = table.get(key[i : i + size])
                    if entry is not None:
                        break
        else:
            # a probe running past the end of the key is shorter than its size: always tried
            sizes = sizes_of.get(key[i], ()) if i < nk else ()
            for size in range(longest, 0, -1):
                if size not in sizes and i + size <= nk:
                    continue
                entry = table.get(key[i : i + size])
                if entry is not None:
                    break
        if entry is None:
            i += 1
            continue
        chunk = text[start:i].strip("ー")
        if chunk:
            out.append(_Piece(chunk, chunk=chunk))
        end = i + size
        while end < n and text[end] == "ー":
            end += 1
        out.append(_Piece(text[i:end], entry=entry))
        i = start = end
    chunk = text[start:].strip("ー")
    if chunk:
        out.append(_Piece(chunk, chunk=chunk))
    return out


@lru_cache(maxsize=65536)
def _fix(word: str) -> str | None:
    """The business-word key a misspelt word stands for, as written or as keyed."""
    return corrected(word) or corrected(loose(word)) or corrected(latin_key(word))


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, str]:
    """A normalised Latin word's table key and the key it stands for if it is a typo of a
    business word (else the key itself)."""
    k = latin_key(word)
    return k, k if (k,) in vocabulary().latin else (_fix(word) or k)


class _Word(NamedTuple):
    """What :func:`_segment_latin` needs of one word, worked out once per word."""

    key: str
    alt: str  # the key it stands for if a typo of a business word, else ``key``
    longest: int  # the longest table phrase (in words) that may start at this word
    alone: _Piece  # the word's piece when no phrase of two words or more starts here


@lru_cache(maxsize=65536)
def _word(word: str) -> _Word:
    """The table keys of one word and its piece read on its own (pure; cached per word)."""
    vocab = vocabulary()
    key, alt = _word_keys(word)
    heads = vocab.latin_heads
    longest = max(heads.get(key, 0), heads.get(alt, 0), 1)
    entry = vocab.latin.get((key,))
    if entry is not None:
        return _Word(key, alt, longest, _Piece(word, entry=entry))
    if alt != key:
        entry = vocab.latin.get((alt,))
        if entry is not None and entry.kind == "concept":
            return _Word(key, alt, longest, _Piece(word, entry=entry, corrected=True))
    return _Word(key, alt, longest, _Piece(word, word=key))


@cache
def _phrase_pairs() -> frozenset[tuple[str, str]]:
    """The first two keys of every table phrase of two words or more."""
    return frozenset((k[0], k[1]) for k in vocabulary().latin if len(k) > 1)


def _segment_latin(words: list[str]) -> list[_Piece]:
    """Greedy longest match of table phrases (up to four words) over normalised words.

    A phrase with a misspelt business word ("Heavy Industires") is read as that phrase,
    flagged as corrected; so is a single misspelt business word. Each word's own reading
    is cached (:func:`_word`); a longer phrase is looked for only where the word and the
    next one begin a table phrase.
    """
    if "no" in words or "No" in words or "NO" in words:
        # "No. 32", "No 5": the number is the word (Korean writes 제32호, Chinese 第32)
        words = [
            w
            for k, w in enumerate(words)
            if not (w.casefold() == "no" and k + 1 < len(words) and words[k + 1].isdigit())
        ]
    infos = [_word(w) for w in words]
    n = len(infos)
    pairs = _phrase_pairs()
    out: list[_Piece] = []
    i = 0
    while i < n:
        info = infos[i]
        if info.longest > 1 and i + 1 < n:
            nxt = infos[i + 1]
            if (info.key, nxt.key) in pairs or (info.alt, nxt.alt) in pairs:
                found = _phrase_at(infos, words, i)
                if found is not None:
                    out.append(found[0])
                    i += found[1]
                    continue
        out.append(info.alone)
        i += 1
    return out


def _phrase_at(infos: list[_Word], words: list[str], i: int) -> tuple[_Piece, int] | None:
    """The longest table phrase of two words or more starting at word ``i``, if any."""
    table = vocabulary().latin
    for size in range(min(infos[i].longest, len(infos) - i), 1, -1):
        span = tuple([x.key for x in infos[i : i + size]])
        entry = table.get(span)
        fixed = False
        if entry is None:
            alt_span = tuple([x.alt for x in infos[i : i + size]])
            if alt_span != span:
                entry = table.get(alt_span)
                fixed = entry is not None
                if entry is not None and entry.kind != "concept":
                    entry = None
        if entry is not None:
            return _Piece(" ".join(words[i : i + size]), entry=entry, corrected=fixed), size
    return None


_CYRILLIC = re.compile("[\u0400-\u052f]")

#: the conjunctions and prepositions of Russian, Belarusian and Ukrainian organisation
#: names, as the screener reads them (и, і and, та and, в in, на on, по and па for or on,
#: для for, с with, при at, под under, о about; Wade, A Comprehensive Russian Grammar,
#: and the Belarusian and Ukrainian equivalents): joining words, as "and", "of", "for";
#: and имени (им.), "named after", which brings in an honorific name (Завод имени Горького)
_CYRILLIC_STOPS = frozenset(
    {"i", "ta", "v", "vo", "na", "po", "pa", "dlya", "s", "so", "pri", "imeni", "im"}
)


@cache
def _cognate_concepts() -> dict[str, Entry]:
    """The one-word business words of the tables by their cognate stem
    (:func:`~dualuse.screening.translit.cognate_key`; stems of five letters or more, the
    first entry kept)."""
    out: dict[str, Entry] = {}
    for key, entry in vocabulary().latin.items():
        if entry.kind == "concept" and len(key) == 1 and key[0].isalpha():
            stem = cognate_key(key[0])
            if len(stem) >= 5:
                out.setdefault(stem, entry)
    return out


def _cyrillic_piece(p: _Piece) -> _Piece:
    """A word of a Cyrillic name read as what it is in Russian: a joining word (и, по),
    or the business word it is a declined cognate of (Институт institute, Технологии
    technologies, Электроника electronics) rather than a typo of one."""
    if p.entry is not None and not p.corrected:
        return p
    word = p.surface
    if word in _CYRILLIC_STOPS:
        return _Piece(word, entry=_stop_entry())
    if len(word) >= 5 and " " not in word:
        entry = _cognate_concepts().get(cognate_key(word))
        if entry is not None:
            return _Piece(word, entry=entry)
    return p


#: Russian abbreviations of the business phrases that name organisations (НИИ is
#: научно-исследовательский институт, КБ конструкторское бюро, НТЦ научно-технический центр;
#: Большой словарь сокращений русского языка), as the phrase's words, each a business word of
#: the tables or, where the tables have none, the English word its translations use; an
#: abbreviation of two phrases has both, the first read in the name's written-out form and
#: the second in a form of its own (ОКБ: опытное, experimental, and особое, special,
#: конструкторское бюро). ПО (производственное объединение) is left out: it is also the
#: joining word по.
_CYRILLIC_ABBREVIATIONS: dict[str, tuple[tuple[str, ...], ...]] = {
    "nii": (("nauchno issledovatelskiy", "institute"),),
    "kb": (("design bureau",),),
    "okb": (("experimental design bureau",), ("special design bureau",)),
    "tskb": (("central design bureau",),),
    "skb": (("special design bureau",),),
    "npo": (("nauchno proizvodstvennoye obyedineniye",),),
    "npp": (("nauchno proizvodstvennoye", "predpriyatiye"),),
    "ntts": (("scientific", "technical", "center"),),
}
#: the most phrases one abbreviation stands for
_ABBREVIATION_READINGS = max(len(v) for v in _CYRILLIC_ABBREVIATIONS.values())


def _cyrillic_abbreviation(p: _Piece, reading: int = 0) -> tuple[_Piece, ...]:
    """A word of a Cyrillic name that abbreviates a business phrase, as the words of its
    phrase number ``reading`` (:data:`_CYRILLIC_ABBREVIATIONS`), written out, so that their
    initials are those of the English the phrase translates to (НТЦ: scientific technical
    center, STC); an abbreviation with fewer phrases, and any other piece, as it is. Only
    pieces of a name read from Cyrillic are asked (:func:`analyse`)."""
    phrases = _CYRILLIC_ABBREVIATIONS.get(p.surface) if p.entry is None else None
    if phrases is None or reading >= len(phrases):
        return (p,)
    # each phrase read as any Latin text is, so that a table phrase is its business word
    return tuple([q for phrase in phrases[reading] for q in _segment_latin(latin_words(phrase))])


#: a one-letter Cyrillic word with a dot: an initial (И. И. Орлова)
_CYRILLIC_INITIAL = re.compile(r"(?<![^\W\d_])[\u0400-\u04ff]\.")


def _initial_among_initials(pieces: list[_Piece], i: int) -> bool:
    """Whether the one-letter word ``pieces[i]`` stands beside another one-letter word, in a
    name that writes initials with a dot: the initials of a person (И. И. Орлова, В. И.
    Ленина), whose И, В and С are not the joining words и, в and с (Гефест и Т)."""
    if len(pieces[i].surface) != 1:
        return False
    return any(
        0 <= j < len(pieces) and len(pieces[j].surface) == 1 and pieces[j].surface.isalpha()
        for j in (i - 1, i + 1)
    )


@cache
def _stop_entry() -> Entry:
    return Entry("stop", "and")


def _is_legal(p: _Piece) -> bool:
    return p.entry is not None and p.entry.kind == "legal"


@lru_cache(maxsize=4096)
def _legal_form(entry: Entry, surface: str) -> LegalForm:
    """The (immutable, so shared) legal form a table entry read from ``surface`` gives."""
    return LegalForm(entry.value, surface, entry.jurisdictions)


def _split_legal(pieces: list[_Piece]) -> tuple[list[_Piece], list[LegalForm]]:
    """Set aside legal forms: at either end of the name, and elsewhere unless very short.

    A two-letter Latin form in the middle ("co", "sa", "ag") stays a word, since it may be
    part of the name; a name that would be left with no words keeps them all.
    """
    flags = [p.entry is not None and p.entry.kind == "legal" for p in pieces]
    if True not in flags:
        return pieces, []
    legal: list[LegalForm] = []
    lo, hi = 0, len(pieces)
    # the ends first (the last piece, then the first), never the last piece left
    while hi - lo > 1 and flags[hi - 1]:
        hi -= 1
        legal.append(_legal_of(pieces[hi]))
    while hi - lo > 1 and flags[lo]:
        legal.append(_legal_of(pieces[lo]))
        lo += 1
    keep = pieces[lo:hi]
    rest: list[_Piece] = []
    rest_legal = 0
    for p, is_legal in zip(keep, flags[lo:hi], strict=True):
        if is_legal and (len(p.surface) >= 3 or any(ord(c) > 0x2E7F for c in p.surface)):
            legal.append(_legal_of(p))
        else:
            rest.append(p)
            rest_legal += is_legal
    if rest_legal == len(rest):
        return keep, legal if rest else []
    if not rest_legal:
        return rest, legal
    return [p if not _is_legal(p) else _Piece(p.surface, word=p.surface) for p in rest], legal


def _legal_of(p: _Piece) -> LegalForm:
    assert p.entry is not None
    return _legal_form(p.entry, p.surface)


@lru_cache(maxsize=65536)
def _org_types(text: str) -> str:
    """Latin and Cyrillic legal-form phrases rewritten in rigour's compare forms.

    rigour's organisation-type database covers the company types of every jurisdiction
    ("Limited Liability Company" -> llc, "Sendirian Berhad" -> sdn bhd, "Aktiengesellschaft"
    -> ag, ООО -> ooo); the legal-form table then reads those compare forms. CJK text is
    left as it is (its forms are in the table).
    """
    from rigour.names import replace_org_types_compare

    # a letter in ASCII or in a script read in Latin letters (translit); the same test as
    # ``any(c.isalpha() and (c.isascii() or needs_reading(c)) for c in text)``, without a
    # call per character
    if _ASCII_LETTER.search(text) is None and not has_letter_read_here(text):
        return text
    if _IN.search(text) is None:
        return str(replace_org_types_compare(text))
    # rigour reads the word "in" as "inc" (Human Rights in China, PAK In Su): the parts
    # around it are read one by one
    return " in ".join([str(replace_org_types_compare(p)) for p in _IN.split(text)])


_ASCII_LETTER = re.compile("[A-Za-z]")
#: the word "in", on its own
_IN = re.compile(r"(?<![^\W_])in(?![^\W_])")


#: a katakana letter (names that may spell Latin initials in kana)
_KANA = re.compile("[\u30a0-\u30ff]")

#: the ordinal marks of Korean numbered names (하나31호스팩, KB제32호스팩): 제 before a number,
#: 호 after one
_HANGUL_ORDINAL = re.compile(r"제(?=[0-9])|(?<=[0-9])호")


#: an English possessive 's at the end of a word (YUKE'S, McDonald's, LORD'S): one word
#: with its s, as the name is also written without the apostrophe, not a word "s"
_POSSESSIVE = re.compile(r"(?<=[a-z])['’]s\b")


def _pieces(name: str) -> tuple[list[_Piece], list[LegalForm]]:
    text = _org_types(fold(name))
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub("s", text)
    if text.isascii():
        # one Latin run of ASCII words, read directly (what `runs` and `latin_words` give)
        return _split_legal(_segment_latin(LATIN_WORD.findall(text)))
    pre: list[LegalForm] = []
    if "(" in text:
        vocab = vocabulary()
        for m in _PAREN_LEGAL.finditer(text):
            entry = vocab.cjk.get(m.group(0))
            if entry is not None:
                pre.append(LegalForm(entry.value, m.group(0), entry.jurisdictions))
        text = _PAREN_LEGAL.sub(" ", text)
    if "제" in text or "호" in text:
        # 제7호, 31호: Korean's "No. 7", "No. 31" around a number; the number is the word
        text = _HANGUL_ORDINAL.sub(" ", text)
    pieces: list[_Piece] = []
    lang = cyrillic_language(text)
    dotted = _CYRILLIC_INITIAL.search(text) is not None
    for run in runs(text):
        if run.script == "latin":
            got = _segment_latin(latin_words(run.text, lang))
            if _CYRILLIC.search(run.text) is not None:
                got = [
                    p if dotted and _initial_among_initials(got, i) else _cyrillic_piece(p)
                    for i, p in enumerate(got)
                ]
            pieces.extend(got)
        else:
            pieces.extend(_segment_cjk(run.text))
    kept, legal = _split_legal(pieces)
    return kept, pre + legal


def _token(p: _Piece) -> str:
    if p.entry is not None:
        if p.entry.kind == "concept":
            return CONCEPT + p.entry.value
        return latin_key(p.entry.value) if p.entry.value.isascii() else cjk_key(p.entry.value)
    return p.word or ""


_ENTRY_TOKENS: dict[int, tuple[Entry, str, float]] = {}


def _entry_token(entry: Entry) -> tuple[str, float]:
    """A table entry's token and weight (as :func:`_token` and :func:`_weight`; cached
    per entry object, since the tables live as long as the process)."""
    got = _ENTRY_TOKENS.get(id(entry))
    if got is None or got[0] is not entry:
        got = _ENTRY_TOKENS[id(entry)] = (entry, _token(_Piece("", entry=entry)), _weight(entry))
    return got[1], got[2]


def _piece_token(p: _Piece) -> tuple[str, float]:
    """The token and weight of a word or table entry (not a proper-name chunk)."""
    if p.entry is None:
        return p.word or "", DEFAULT_CONFIG.weights.name
    return _entry_token(p.entry)


_Readings = tuple[
    tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]
]


@lru_cache(maxsize=65536)
def _readings(chunk: str) -> _Readings:
    """A proper-name chunk as folded Han, as romaji words, as pinyin, for Hangul and other
    scripts in Latin letters, and in Wade-Giles (cached)."""
    han = tuple(x for x in (cjk_key(chunk),) if x)
    if needs_reading(chunk):
        # a lone vowel sign or jamo may read as nothing: no empty word
        return (han, (), (), tuple(x for x in (latin_key(translit_latin(chunk)),) if x), ())
    rom = romaji_words(chunk)
    if all(is_kana(c) for c in chunk):
        # romaji is not English: no plural to take off (アイピーエス is aipies, not aipy)
        rom = tuple(loose(loanword(x)) for x in rom)
    # pinyin reads Han characters only: a chunk mixing kana (東芝テック) has none, else
    # 東芝テック and 東芝 would read alike
    all_han = all(is_han(c) for c in chunk)
    pin = (pinyin(chunk),) if all_han else ()
    # Taiwan's names are romanised in Wade-Giles (建國 Chien Kuo, 信 Hsin): a second reading
    # of the characters, lossy as pinyin is
    wg = (wade_giles(chunk),) if all_han else ()
    return (
        tuple(x for x in han if x),
        tuple(x for x in rom if x),
        tuple(x for x in pin if x),
        (),
        tuple(x for x in wg if x),
    )


@lru_cache(maxsize=65536)
def _kana_business(chunk: str) -> Entry | None:
    """The business word a kana chunk reads as, whole (ギンコウ ginko: bank; ケンセツ
    kensetsu: construction), when a table word cut the chunk from a glued kana name
    (ミナミニッポンギンコウ: ミナミ, ニッポン, ギンコウ); None for any other chunk. Its romaji
    is looked up as a Latin word is, also with the final u the reading drops (ツ tsu of
    インサツ insatsu; not a final o, which would read ジーイエット, jiietto once the long vowel
    is written plain, as ジェット, jet)."""
    if not all(is_kana(c) for c in chunk):
        return None
    words = _readings(chunk)[1]
    if len(words) != 1:
        return None
    return business_word(words[0]) or business_word(words[0] + "u")


#: the forms of a name with proper-name chunks, in the order of :func:`_readings` (the
#: Wade-Giles reading is a second pinyin-like form)
_CHUNK_KINDS: tuple[FormKind, ...] = ("han", "romaji", "pinyin", "translit", "pinyin")


def _latin_form(pieces: list[_Piece]) -> tuple[Form, ...]:
    """The one form of a name without CJK proper-name chunks (as :func:`_make_forms`)."""
    toks: list[str] = []
    ws: list[float] = []
    srcs: list[str] = []
    fixes = 0
    for p in pieces:
        tok, w = _piece_token(p)
        fixes += p.corrected
        if tok:
            toks.append(tok)
            ws.append(w)
            srcs.append(p.surface)
    if not toks:
        return ()
    return (Form("latin", tuple(toks), tuple(ws), tuple(srcs), fixes),)


def _make_forms(pieces: list[_Piece]) -> tuple[Form, ...]:
    if not any(p.chunk for p in pieces):
        return _latin_form(pieces)
    fixes = sum(p.corrected for p in pieces)
    name_weight = DEFAULT_CONFIG.weights.name
    # per kind (han, romaji, pinyin, translit, Wade-Giles): tokens, weights and the text
    # each came from
    toks: tuple[list[str], ...] = ([], [], [], [], [])
    ws: tuple[list[float], ...] = ([], [], [], [], [])
    srcs: tuple[list[str], ...] = ([], [], [], [], [])
    # which readings some chunk has (han, romaji, pinyin, translit, Wade-Giles)
    read = [False, False, False, False, False]
    for p in pieces:
        if p.chunk is None:
            tok, w = _piece_token(p)
            if tok:
                for k in (0, 1, 2, 3, 4):
                    toks[k].append(tok)
                    ws[k].append(w)
                    srcs[k].append(p.surface)
            continue
        for k, reading in enumerate(_readings(p.chunk)):
            if reading:
                read[k] = True
            if k == 1 and (entry := _kana_business(p.chunk)) is not None:
                tok, w = _entry_token(entry)
                toks[k].append(tok)
                ws[k].append(w)
                srcs[k].append(p.chunk)
                continue
            for x in reading:
                toks[k].append(x)
                ws[k].append(name_weight)
                srcs[k].append(p.chunk)
    forms: list[Form] = []
    for k, kind in enumerate(_CHUNK_KINDS):
        toks_t = tuple(toks[k])
        if not toks_t or any(f.tokens == toks_t for f in forms):
            continue
        if k and not read[k]:
            continue  # no chunk has this reading: the form would only repeat the others
        forms.append(Form(kind, toks_t, tuple(ws[k]), tuple(srcs[k]), fixes))
    return tuple(forms)


def _gloss_forms(pieces: list[_Piece]) -> tuple[Form, ...]:
    """The name with its Han words translated (:mod:`dualuse.screening.glosses`): 東武鉄道
    read as tobu railway, 香港民主委员会 as hong kong democracy committee. The text between
    glossed words keeps its romaji reading in one form and its pinyin in another (a Han
    name may be Japanese or Chinese); a form is made only when some word was glossed, and
    only where every piece has the reading. These forms are compared with Latin names
    only (:func:`dualuse.screening.index.comparable`): two names written in Han characters
    are compared by their characters, and a translation is no spelling of a reading."""
    if not any(p.chunk and gloss_segments(p.chunk) for p in pieces):
        return ()
    name_weight = DEFAULT_CONFIG.weights.name
    out: list[Form] = []
    for k in (1, 2):  # romaji, pinyin (the order of _readings)
        toks: list[str] = []
        ws: list[float] = []
        srcs: list[str] = []
        whole = True
        for p in pieces:
            if p.chunk is None:
                tok, w = _piece_token(p)
                if tok:
                    toks.append(tok)
                    ws.append(w)
                    srcs.append(p.surface)
                continue
            for surface, gloss in gloss_segments(p.chunk) or ((p.chunk, None),):
                if gloss is None:
                    reading = _readings(surface)[k]
                    if not reading and any(c.isalnum() for c in surface):
                        whole = False
                    toks.extend(reading)
                    ws.extend([name_weight] * len(reading))
                    srcs.extend([surface] * len(reading))
                    continue
                tail = 1.0  # the first word of the gloss in full, the others less
                for g in _segment_latin(latin_words(fold(gloss))):
                    if g.entry is not None and g.entry.kind == "legal":
                        continue
                    tok, w = _piece_token(g)
                    if tok:
                        toks.append(tok)
                        ws.append(w * tail)
                        srcs.append(surface)
                        tail = DEFAULT_CONFIG.weights.gloss_tail
        if whole and toks and all(f.tokens != tuple(toks) for f in out):
            out.append(Form("gloss", tuple(toks), tuple(ws), tuple(srcs), script=GLOSS))
    return tuple(out)


#: a dot or dash between two Han characters: how Chinese writes the parts of a foreign name
#: (洛克希德·马丁 Lockheed Martin, 约翰·普维斯 John Purvis)
_NAME_DOT = re.compile(
    "(?<=[\u3400-\u9fff\uf900-\ufaff])[\u00b7\u2022\u2027\u2014\u2015\u30fb\uff65]"
    "(?=[\u3400-\u9fff\uf900-\ufaff])"
)


#: the names of the Latin letters as Korean writes them (케이 K, 엘지 LG, 에이치 H); 앤 is
#: the "and" of initials (씨앤에스 C&S)
_HANGUL_LETTERS: dict[str, str] = {
    "에이": "a", "비": "b", "씨": "c", "시": "c", "디": "d", "이": "e", "에프": "f", "지": "g",
    "쥐": "g", "에이치": "h", "에치": "h", "아이": "i", "제이": "j", "케이": "k", "엘": "l",
    "엠": "m", "엔": "n", "오": "o", "피": "p", "큐": "q", "알": "r", "에스": "s", "티": "t",
    "유": "u", "브이": "v", "더블유": "w", "엑스": "x", "와이": "y", "제트": "z", "앤": "&",
}  # fmt: skip

#: the names of the Latin letters as Japanese writes them in katakana (エス S, ジー G,
#: ダブリュー W), with the spellings in common use side by side (エー / エイ A, ディー /
#: デー D, ケー / ケイ K, ヴィー / ブイ V): the letter names of English as the Cabinet
#: notice on loanwords (外来語の表記, 1991) writes English sounds, as company names spell
#: their initials (エスビーエス for SBS, ジーエムオー for GMO); アンド is the "and" of initials
#: (ティーアンドケイ T&K), as 앤 is in Hangul
_KANA_LETTERS: dict[str, str] = {
    "エー": "a", "エイ": "a", "ビー": "b", "シー": "c", "ディー": "d", "デー": "d",
    "ディ": "d", "イー": "e", "エフ": "f", "ジー": "g", "エイチ": "h", "エッチ": "h",
    "アイ": "i", "ジェー": "j", "ジェイ": "j", "ケー": "k", "ケイ": "k", "エル": "l",
    "エム": "m", "エヌ": "n", "オー": "o", "ピー": "p", "キュー": "q", "アール": "r",
    "エス": "s", "ティー": "t", "テー": "t", "ティ": "t", "ユー": "u", "ブイ": "v",
    "ヴィー": "v", "ダブリュー": "w", "ダブリュ": "w", "エックス": "x", "ワイ": "y",
    "ゼット": "z", "ゼッド": "z", "アンド": "&",
}  # fmt: skip
_LETTER_LONGEST = max(len(k) for k in (*_HANGUL_LETTERS, *_KANA_LETTERS))
#: what cannot begin a kana word: a small kana or the long-vowel mark belongs to the
#: syllable before it, so a cut before one splits a syllable
_NO_START = frozenset("ーァィゥェォャュョッヮ")


def _letter(piece: str, at_end: bool) -> str | None:
    """The Latin letter a kana or Hangul letter name spells; at the end of a chunk, whose
    long-vowel mark the segmenter strips (ジーエムオ for ジーエムオー), also without it."""
    got = _HANGUL_LETTERS.get(piece) or _KANA_LETTERS.get(piece)
    if got is None and at_end:
        got = _KANA_LETTERS.get(piece + "ー")
    return got


def _spelt(chunk: str) -> list[tuple[str, ...] | None]:
    """Per prefix length of ``chunk``, the fewest letter names that spell that prefix (None
    where none do), by dynamic programming from the start."""
    n = len(chunk)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        head = best[i]
        if head is None:
            continue
        for size in range(1, min(_LETTER_LONGEST, n - i) + 1):
            letter = _letter(chunk[i : i + size], i + size == n)
            if letter is None:
                continue
            got = (*head, letter)
            cur = best[i + size]
            if cur is None or len(got) < len(cur):
                best[i + size] = got
    return best


def _as_words(letters: tuple[str, ...]) -> tuple[str, ...]:
    """Spelt letters as words: run together, cut at an "and" (C&S -> c, s); () for fewer
    than two letters."""
    if sum(x != "&" for x in letters) < 2:
        return ()
    return tuple(w for w in "".join(letters).split("&") if w)


def _sure_letters(text: str, letters: tuple[str, ...], hangul: bool) -> bool:
    """Whether text that spells Latin letters (``letters``, the fewest letter names that
    spell it) is read as them beside a word in the same chunk: two letters or more, not
    ending in an "and". In Hangul, whose letter names are mostly single common syllables
    (이, 오, 비, 지, 티) and so as often a Korean word, only when sure: two letters joined by
    앤 (and: 에프앤씨 F&C, 디앤비 D&B), or letters whose names all have two syllables or more
    (에스제이 SJ; 케이티 is not)."""
    if letters[-1] == "&" or not _as_words(letters):
        return False
    if not hangul:
        return True
    if letters[0] == "&":
        return False
    return "&" in letters or len(text) >= 2 * len(letters)


@lru_cache(maxsize=65536)
def spelt_initials(chunk: str) -> tuple[tuple[str, ...], str]:
    """A kana or Hangul chunk that begins by spelling Latin letters by their names: the
    words of those letters and the rest of the chunk (케이티 -> (kt,), ""; ジーエムオーインター
    ネット -> (gmo,), インターネット); ((), chunk) for any other chunk.

    The whole chunk is read as letters when it can be, in the fewest letter names; else, in
    kana, the longest head of two letters or more that leaves a word of two characters or
    more, which must not begin inside a syllable. Letter names are short common syllables (이,
    오, アイ): a single one is never read as a letter, and a head is only a reading of the
    name beside its others.
    """
    n = len(chunk)
    if n < 2 or not all(is_hangul(c) or is_kana(c) for c in chunk):
        return (), chunk
    best = _spelt(chunk)
    whole = best[n]
    if whole is not None:
        words = _as_words(whole)
        if words:
            return words, ""
    # a head of Hangul letter names only when it is sure to be letters (:func:`_sure_letters`)
    hangul = not is_kana(chunk[0])
    for end in range(n - 2, 1, -1):
        head = best[end]
        if head is None or (not hangul and chunk[end] in _NO_START):
            continue
        if _sure_letters(chunk[:end], head, hangul):
            return _as_words(head), chunk[end:]
    return (), chunk


#: the most characters a tail of spelt letters may have: eight letter names of the longest
#: spelling (ダブリュー, five characters)
SPELT_TAIL_MOST = 40


@lru_cache(maxsize=65536)
def spelt_tail(chunk: str) -> tuple[str, tuple[str, ...]]:
    """A kana or Hangul chunk that ends by spelling Latin letters by their names, after a
    head of two characters or more: the head and the words of those letters (ローランドディー
    ジー -> ローランド, (dg,); コーセーアールイー -> コーセー, (re,); 윤성에프앤씨 -> 윤성, (f, c));
    (chunk, ()) for any other chunk; a Hangul tail only when it is sure to be letters
    (:func:`_sure_letters`).

    The longest such tail of two letters or more is taken, in the fewest letter names, and
    it must not begin inside a syllable. As with :func:`spelt_initials`, a single letter
    name is never read as a letter, and the tail is only a reading beside the others. Only
    the last :data:`SPELT_TAIL_MOST` characters are looked at, so that the work stays linear
    in the chunk's length.
    """
    n = len(chunk)
    hangul = all(is_hangul(c) for c in chunk)
    if n < 4 or not (hangul or all(is_kana(c) for c in chunk)):
        return chunk, ()
    for start in range(max(2, n - SPELT_TAIL_MOST), n - 1):
        if not hangul and chunk[start] in _NO_START:
            continue
        letters = _spelt(chunk[start:])[-1]
        if letters is not None and _sure_letters(chunk[start:], letters, hangul):
            return chunk[:start], _as_words(letters)
    return chunk, ()


#: Latin initials spelt in katakana letter names with a middle dot or a full stop after
#: each letter (エス・ディー・エス SDS, ディー．ジー． DG, as NFKC folds them): two letter
#: names or more, not inside a longer kana word
_LETTER_NAMES = "|".join(sorted(map(re.escape, _KANA_LETTERS), key=len, reverse=True))
_DOTTED_LETTERS = re.compile(
    rf"(?<![\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff])(?:{_LETTER_NAMES})"
    rf"(?:[・.](?:{_LETTER_NAMES}))+\.?"
)


def _dots_dropped(text: str) -> str:
    """A folded name with the dots between spelt letters dropped (エス・ディー・エス ->
    エスディーエス), so that the letters make one chunk that :func:`spelt_initials` reads."""
    if "・" not in text and "." not in text:
        return text
    return _DOTTED_LETTERS.sub(lambda m: m.group(0).replace("・", "").replace(".", ""), text)


def hangul_initials(chunk: str) -> tuple[str, ...]:
    """A Hangul or kana chunk that spells Latin letters by their names, as the words of
    those letters (케이티 -> kt, 씨앤에스 -> c s, 에이치와이티씨 -> hytc, エスビーエス -> sbs);
    () for any other chunk. The whole chunk must read as two letters or more, in the
    fewest letter names."""
    words, rest = spelt_initials(chunk)
    return () if rest else words


def _initials_form(pieces: list[_Piece]) -> list[_Piece] | None:
    """The pieces with each kana or Hangul chunk that spells letters (wholly or at its
    head) read as those letters and the rest of the chunk (None when no chunk does).

    Spelt letters that make a legal form (エルエルシー LLC, ピーティーイー PTE) are set aside
    as a Latin name's would be."""
    out: list[_Piece] = []
    found = False
    for p in pieces:
        words, rest = spelt_initials(p.chunk) if p.chunk is not None else ((), "")
        head = ""
        if not words and p.chunk is not None:
            head, words = spelt_tail(p.chunk)
            rest = ""
        if words:
            found = True
            if head:
                out.append(_Piece(head, chunk=head))
            for w in words:
                alone = _word(w).alone
                out.append(_Piece(p.chunk or "", entry=alone.entry, word=alone.word))
            if rest:
                out.append(_Piece(rest, chunk=rest))
        else:
            out.append(p)
    return _split_legal(out)[0] if found else None


def _plain_tokens(text: str) -> tuple[str, ...] | None:
    """The tokens of a part of a name when it reads as proper-name words alone (no
    business word, no legal form), else None."""
    a = analyse(text)
    if a.legal or not a.forms:
        return None
    tokens = a.forms[0].tokens
    if a.forms[0].kind != "latin" or any(t.startswith(CONCEPT) for t in tokens):
        return None
    return tokens


#: religious and customary titles that open the given names of Muslim, South Asian and
#: West African names as sanctions lists write them (AL-AJMI, Sheikh Shafi; HAMZA, Maulana
#: Ameer), beside the English ones rigour removes (Dr., Doctor, Mr.): not a name
HONORIFICS = frozenset(
    {"sheikh", "sheik", "shaykh", "shaikh", "maulana", "mawlana", "maulawi", "mawlawi",
     "maulvi", "mullah", "mulla", "haji", "hajji", "alhaji", "mufti", "qari"}
)  # fmt: skip


@lru_cache(maxsize=65536)
def person_parts(name: str, tokens: tuple[str, ...]) -> tuple[int, int]:
    """Where the given names start in a personal name written "Surname, Given names", as
    sanctions lists write them (BATIRASHVILI, Tarkhan Tayumurazovich), and where the first
    given name starts after the honorifics that may open them (rigour's list of person
    prefixes: Dr., Mr., Doctor); (0, 0) for any other name.

    A name is read so when it has one comma with proper-name words on both sides (no
    business word, legal form or number: "GRUPO CONTROL 2004, C.A." is a company), given
    names that start with a word rather than an initial, and tokens that are those of the
    two parts in turn. Which words are surnames is what the list says;
    the comparison of two such names (:mod:`dualuse.screening.score`) may then tell a given
    name left out from one that differs."""
    from rigour.names import remove_person_prefixes

    surname, given = name.split(",")
    sur = _plain_tokens(surname)
    giv = _plain_tokens(given)
    if not sur or not giv or sur + giv != tokens or any(t.isdigit() for t in tokens):
        return 0, 0
    bare = _plain_tokens(remove_person_prefixes(given.strip()))
    while bare and len(bare) > 1 and bare[0] in HONORIFICS:
        bare = bare[1:]
    if not bare or len(bare[0]) < 2 or giv[len(giv) - len(bare) :] != bare:
        # initials alone (C.A., a legal form the tables do not know) are no given name
        return 0, 0
    return len(sur), len(tokens) - len(bare)


#: a capital inside a Latin word: after a small letter (DigitalChosun), or the last of a
#: run of capitals before a small letter (ADTechnology)
_CAMEL = re.compile("(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


#: a quoted part with no quote inside: the innermost of nested quotes (АО «НИИ «Феррит-Домен»
#: gives Феррит-Домен); guillemets, curly and straight double quotes, curly single quotes
_QUOTED = re.compile('[«“„‘"]([^«»“”„‘’"]+)[»”“’"]')


def _weigh_core(name: str, forms: tuple[Form, ...]) -> tuple[Form, ...]:
    """The forms with the words outside the name's quoted core weighed down
    (``weights.outside_quotes``), when the core holds some of the words and not all."""
    factor = DEFAULT_CONFIG.weights.outside_quotes
    core = {t for m in _QUOTED.finditer(name) for f in analyse(m.group(1)).forms for t in f.tokens}
    out: list[Form] = []
    for f in forms:
        inside = [t in core for t in f.tokens]
        if factor >= 1.0 or all(inside) or not any(inside):
            out.append(f)
            continue
        weights = tuple(w if i else w * factor for w, i in zip(f.weights, inside, strict=True))
        out.append(replace(f, weights=weights))
    return tuple(out)


#: a patronymic as BGN/PCGN reads Russian, Ukrainian and Belarusian ones (Ivanovich,
#: Sergeyevna, Petrovych, Ivanivna, Ivanavich, Ivanawna)
_PATRONYMIC = re.compile("(?:ov|ev|av|iv)(?:ich|ych|na|wna)$")


#: an apostrophe between two Cyrillic letters
_CYRILLIC_APOSTROPHE = re.compile("(?<=[\u0400-\u04ff])['’ʼ](?=[\u0400-\u04ff])")


def is_patronymic(token: str) -> bool:
    """Whether a word reads as an East Slavic patronymic (:data:`_PATRONYMIC`)."""
    return _PATRONYMIC.search(token) is not None


#: the reading script of a Cyrillic person's name (see :func:`analyse`)
PERSON_CYRILLIC = "cyrl-person"


def _shared_reading(surface: str, reading: str) -> bool:
    """Whether a business word's surface is ``reading`` romanised or written in kana (its
    romaji holds the reading, the final vowel the reader drops allowed) or in Hangul (its
    romanisation is the reading: 조선, joseon)."""
    if surface.isascii():
        return any(latin_key(w) == reading for w in latin_words(fold(surface)))
    if all(is_hangul(c) for c in surface):
        return latin_key("".join(_readings(surface)[3])) == reading
    if any(is_han(c) for c in surface) or not any(is_kana(c) for c in surface):
        return False
    return reading.rstrip("u") in "".join(_readings(surface)[1])


def homophone_forms(forms: tuple[Form, ...]) -> tuple[Form, ...]:
    """The forms again with a business word that a shared reading stands for read as the
    other words of that reading (kagaku, カガク: science, also chemical); () when no form
    holds one. A word written in Han characters (化学, 科学) or in English is what it says."""
    shared = vocabulary().shared
    if not shared:
        return ()
    out: list[Form] = []
    seen = {f.tokens for f in forms}
    for f in forms:
        for reading, entries in shared.items():
            first = CONCEPT + entries[0].value
            at = [
                i
                for i, (t, src) in enumerate(zip(f.tokens, f.surfaces, strict=True))
                if t == first and _shared_reading(src, reading)
            ]
            if not at:
                continue
            for other in entries[1:]:
                tok, w = _entry_token(other)
                toks, ws = list(f.tokens), list(f.weights)
                for i in at:
                    toks[i], ws[i] = tok, w
                if tuple(toks) not in seen:
                    seen.add(tuple(toks))
                    out.append(replace(f, tokens=tuple(toks), weights=tuple(ws)))
    return tuple(out)


@lru_cache(maxsize=4096)
def is_left_out(token: str, surface: str) -> bool:
    """Whether a word is a business word that a company's own English name often leaves
    out, keeping only its legal form (``left_out`` in business_words.yaml: the 商事 of
    三菱商事, Mitsubishi Corporation): its concept's spelling as written (商事), or a
    reading of it (shoji, sangsa) romanised or written in kana or Hangul (see
    :func:`_shared_reading`)."""
    if not token.startswith(CONCEPT):
        return False
    spellings = vocabulary().left_out.get(token[len(CONCEPT) :])
    if not spellings:
        return False
    key = cjk_key(surface)
    return any(_shared_reading(surface, s) if s.isascii() else key == cjk_key(s) for s in spellings)


@lru_cache(maxsize=65536)
def analyse(name: str) -> Analysis:
    """Read a name into its forms and legal forms (pure; cached)."""
    if not name.isascii() and _CYRILLIC_APOSTROPHE.search(name) is not None:
        # the apostrophe of Ukrainian and Belarusian is a letter of its word (Юр'евіч), not
        # a break between two words
        return replace(analyse(_CYRILLIC_APOSTROPHE.sub("", name)), name=name)
    if not name.isascii() and (one := unmixed(name)) != name:
        # Latin and Cyrillic look-alikes in one word (Алekcандрович, Сompany), or a Latin
        # word of look-alikes between Cyrillic ones: read in one script
        return replace(analyse(one), name=name)
    pieces, legal = _pieces(name)
    forms = _make_forms(pieces)
    if not name.isascii():
        seen = {f.tokens for f in forms}
        forms += tuple(f for f in _gloss_forms(pieces) if f.tokens not in seen)
        if reading_script(name) == "cyrl":
            # a Russian abbreviation (НИИ) also written out, beside the abbreviation as
            # written, which a Latin spelling may keep (NII Gidrosvyazi)
            for reading in range(_ABBREVIATION_READINGS):
                expanded = [q for p in pieces for q in _cyrillic_abbreviation(p, reading)]
                if expanded != pieces:
                    seen = {f.tokens for f in forms}
                    forms += tuple(f for f in _make_forms(expanded) if f.tokens not in seen)
    if not name.isascii() and _NAME_DOT.search(name) is not None:
        # a foreign name written in Han characters, its parts joined by a dot: its sounds
        # run on across the dot, so the parts read as one word too (luokexidemading for
        # Lockheed Martin), as the Latin name's words are joined up when compared whole
        seen = {f.tokens for f in forms}
        glued = _make_forms(_pieces(_NAME_DOT.sub("", name))[0])
        forms += tuple(
            replace(f, script=FOREIGN_NAME)
            for f in glued
            if f.kind == "pinyin" and f.tokens not in seen
        )
    if forms and needs_reading(name) and all(f.kind == "latin" for f in forms):
        # a Cyrillic, Greek or Arabic name read in Latin letters: a lossy reading
        script = reading_script(name)
        if script == "cyrl" and any(_PATRONYMIC.search(t) for f in forms for t in f.tokens):
            # a person's name: surnames decline as place adjectives do (Sokolov,
            # Sokolovskiy), so its words meet by their spellings only, not as cognates
            script = PERSON_CYRILLIC
        forms = tuple(replace(f, kind="translit", script=script) for f in forms)
    if needs_reading(name) or _KANA.search(name) is not None:
        folded = fold(name)
        dropped = _dots_dropped(folded)
        spelt = _initials_form(pieces if dropped == folded else _pieces(dropped)[0])
        if spelt is not None:
            # a Korean or Japanese name that spells Latin initials (케이티 for KT, ジーエム
            # オー for GMO): read as the letters, a lossy reading as any other of Hangul or
            # kana (never its Han form, which would make the spelling an exact match)
            seen = {f.tokens for f in forms}
            forms += tuple(
                replace(f, kind="translit") if f.kind == "latin" else f
                for f in _make_forms(spelt)
                if f.tokens not in seen and f.kind != "han"
            )
    if _CAMEL.search(name) is not None:
        # words run together and told apart by their capitals (DongKookPharmaceuticalCo.,
        # ADTechnology, DigitalChosun): the words cut at the capitals too
        seen = {f.tokens for f in forms}
        cut = _make_forms(_pieces(_CAMEL.sub(" ", name))[0])
        forms += tuple(f for f in cut if f.tokens not in seen)
    if forms and forms[0].kind == "latin" and name.count(",") == 1 and not legal:
        given, first = person_parts(name, forms[0].tokens)
        if given:
            # the honorifics that open the given names weigh as joining words do
            stop = DEFAULT_CONFIG.weights.stop
            weights = tuple(
                stop if given <= k < first else w for k, w in enumerate(forms[0].weights)
            )
            forms = (replace(forms[0], given=given, first=first, weights=weights), *forms[1:])
    if _QUOTED.search(name) is not None:
        forms = _weigh_core(name, forms)
    if any(p.corrected for p in pieces):
        # a word read as a misspelt business word may be a proper word (Genshi is not
        # Denshi): the literal reading is kept beside the corrected one
        literal: list[_Piece] = []
        for p in pieces:
            if p.corrected:
                literal.extend(_Piece(w, word=latin_key(w)) for w in p.surface.split())
            else:
                literal.append(p)
        seen = {f.tokens for f in forms}
        forms += tuple(f for f in _make_forms(literal) if f.tokens not in seen)
    if not legal and (person := person_syllables(name)) is not None:
        # a short Hangul name may be a person's, its syllables written apart in Latin
        # letters in one of several romanisations (서상국 SO Sang-kuk): read syllable by
        # syllable too, compared by the keys of :func:`korean.syllable_key`; not a name
        # holding a business word (대신증권: 증권, securities), which is a company's
        surfaces, words = person
        if all([not t.startswith(CONCEPT) for f in forms for t in f.tokens]):
            weights = (DEFAULT_CONFIG.weights.name,) * len(words)
            forms += (Form("translit", words, weights, surfaces, script=HANGUL_SYLLABLES),)
    forms += homophone_forms(forms)
    return Analysis(name=name, forms=forms, legal=tuple(legal))


__all__ = [
    "CONCEPT",
    "FOREIGN_NAME",
    "GLOSS",
    "HANGUL_SYLLABLES",
    "LOSSY",
    "Analysis",
    "Form",
    "FormKind",
    "LegalForm",
    "analyse",
    "homophone_forms",
    "is_left_out",
    "is_patronymic",
    "person_parts",
]
