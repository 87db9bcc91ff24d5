"""Chinese transcriptions of foreign names, read back to the consonants they stand for.

Chinese writes a Western name with characters chosen for their sound (Davies 戴维斯, Gallagher
加拉格尔, Wahid 瓦希德), by the tables of the transcription standards (Xinhua's 英语姓名译名
手册; GB/T 17693.1, English place names in Chinese characters). Read in pinyin, such a name
drifts from the Latin one in ways the coarse sound key (:func:`dualuse.screening.text.sound`)
does not undo:

* pinyin j, q and x stand for the hard g and k as well as for j, ch, s and sh (加 jia for
  "ga", 吉 ji for "gi", 基 ji for "ki", 希 xi for "hi" or "shi", 西 xi for "si");
* w stands for v as well as w (维 wei for "vi", 瓦 wa for "va");
* a nasal final stands for a consonant of its own (恩 en for a final n, 姆 mu for m), and 尔 er
  for an r that English may not sound (Gallagher: the Latin word is keyed with its r too).

Only a run that looks like a transcription is read so (:func:`looks_transcribed`): every
character one the tables use, one of them a mark of transcription. The coarse key of a
two-character Chinese name (中環, zhonghuan) would otherwise meet any Latin word of its
consonants (Hyosung).

:func:`keys` gives the sound keys a transcription may stand for, syllable by syllable, in
the alphabet of :func:`~dualuse.screening.text.sound` (voicing merged, l and r one, m and n
one, vowels, h, w and y left out); a Latin word whose sound key is one of them is the word
transcribed. The syllable's vowel is left to the caller (:func:`transcribes`).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from dualuse.screening.han import fold_han
from dualuse.screening.text import is_han, sound, sound_rhotic

#: a pinyin initial -> the consonants of the sound key it may stand for in a transcription
_INITIALS: dict[str, tuple[str, ...]] = {
    "b": ("p",), "p": ("p",), "m": ("n",), "f": ("p",),
    "d": ("t",), "t": ("t",), "n": ("n",), "l": ("r",),
    "g": ("k",), "k": ("k",), "h": ("",),
    "j": ("s", "k"), "q": ("k", "s"), "x": ("s", ""),
    "zh": ("s",), "ch": ("s",), "sh": ("s",), "r": ("r",),
    "z": ("s",), "c": ("s",), "s": ("s",),
    "y": ("",), "w": ("", "p"), "": ("",),
}  # fmt: skip
#: syllables that transcribe a bare r or l (尔 er: Gallagher, Turkel)
_R_SYLLABLES = frozenset({"er"})
#: the commonest characters of the transcription tables for English names (Xinhua's
#: English name transcription table, as GB/T 17693.1 also writes English sounds), in
#: simplified form; a selection, not the whole tables: a run of Han characters is read as
#: a transcription only if every character is one of these ...
TRANSCRIPTION_CHARS = frozenset(
    "阿埃艾爱安昂奥巴拜班邦鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁杜多厄恩尔法凡范菲费"
    "芬丰冯弗福夫富盖甘冈高戈格根贡古圭哈海汉豪赫黑亨洪胡惠霍吉基加贾杰金卡凯坎康考柯科克"
    "肯孔库夸奎昆拉莱赖兰朗劳勒雷蕾里利莉丽林琳隆卢鲁路伦罗洛马玛迈麦曼梅门蒙米敏明莫默姆"
    "穆纳娜奈南内尼妮涅宁纽努诺欧帕潘庞佩彭皮普齐奇恰乔切钦琼丘萨塞桑瑟森沙尚舍什史斯松苏"
    "索塔泰坦汤唐特滕提廷通图托瓦万威韦维魏温文沃乌伍西希锡夏谢辛休雅亚扬耶伊因英尤约泽扎"
    "詹兹茨芒丝"
)
#: ... and one of these, which names and words of Chinese or Japanese rarely hold but
#: transcriptions often do (the s, r, d, t, k, m and n said without a vowel, v, f, z, ts)
TRANSCRIPTION_MARKS = frozenset("斯尔德特克姆恩维弗兹茨勒娜妮蒂迪莉琳蕾瑟赫杰詹琼霍丝")
#: the most keys worked out for one name (the alternatives multiply per syllable)
MAX_KEYS = 64
#: the fewest Han characters and key consonants read as a transcription: a single character
#: or a key of one consonant says too little
MIN_CHARS, MIN_KEY = 2, 2
#: from this many characters, a key needs a consonant more than :data:`MIN_KEY`
LONG_RUN = 4


def _syllable(char: str) -> tuple[str, str]:
    from pypinyin import Style, pinyin

    initial = pinyin(char, style=Style.INITIALS, strict=False)[0][0]
    final = pinyin(char, style=Style.FINALS, strict=False)[0][0]
    return initial, final


@lru_cache(maxsize=65536)
def syllable_keys(char: str) -> tuple[str, ...]:
    """The sound-key consonants one Han character may stand for in a transcription."""
    initial, final = _syllable(char)
    if initial + final in _R_SYLLABLES:
        return ("r",)
    heads = _INITIALS.get(initial)
    if heads is None:
        return ()
    tail = "n" if final.endswith(("n", "ng")) else ""
    return tuple(dict.fromkeys(h + tail for h in heads))


@lru_cache(maxsize=65536)
def looks_transcribed(text: str) -> bool:
    """Whether a run of Han characters reads as a transcription of a foreign name: every
    character one the tables use (:func:`transcription_chars`), one of them a mark of
    transcription (:data:`TRANSCRIPTION_MARKS`), traditional forms folded (戴維斯)."""
    return transcription_chars(text) and any(c in TRANSCRIPTION_MARKS for c in fold_han(text))


@lru_cache(maxsize=65536)
def transcription_chars(text: str) -> bool:
    """Whether every character of a run of Han characters is one the transcription tables
    use (:data:`TRANSCRIPTION_CHARS`, traditional forms folded), marked or not: a run that
    may be a transcription (福图尼奥 Fortunio, 卡隆 Kharon), as a Chinese or Japanese name
    of other characters (中櫃, 川崎汽船) is not."""
    return all(is_han(c) for c in text) and all(c in TRANSCRIPTION_CHARS for c in fold_han(text))


def _collapse(key: str) -> str:
    out: list[str] = []
    for c in key:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=65536)
def keys(text: str) -> frozenset[str]:
    """The sound keys a run of Han characters may stand for as a transcription (empty for
    fewer than :data:`MIN_CHARS` characters, a character outside the pinyin tables, or more
    than :data:`MAX_KEYS` alternatives)."""
    if len(text) < MIN_CHARS or not looks_transcribed(text):
        return frozenset()
    text = fold_han(text)
    parts = [syllable_keys(c) for c in text]
    if any(not p for p in parts):
        return frozenset()
    count = 1
    for p in parts:
        count *= len(p)
    if count > MAX_KEYS:
        return frozenset()
    out = {_collapse("".join(combo)) for combo in product(*parts)}
    # a long run whose key has few consonants is mostly vowels: many words have them
    # (艾维奥克斯 read ks is ARCS and GSI as much as Aveox, pks)
    least = MIN_KEY if len(text) < LONG_RUN else MIN_KEY + 1
    return frozenset(k for k in out if len(k) >= least)


#: English spellings a transcription follows by ear, not by letter: ch said k before a
#: consonant (Christopher 克里斯托弗), a silent gh (Loughton 劳顿), th said t (Thompson 汤普森)
_SPOKEN_AS = (("chr", "kr"), ("gh", ""), ("th", "t"))


@lru_cache(maxsize=65536)
def word_keys(word: str) -> frozenset[str]:
    """The sound keys of a Latin word as spelt and as a transcription may hear it."""
    if not word.isascii() or not word.isalpha() or not any(c in "aeiouy" for c in word):
        return frozenset()
    spellings = [word, *(word.replace(a, b) for a, b in _SPOKEN_AS if a in word)]
    out = {k for w in spellings for k in (sound(w), sound_rhotic(w))}
    return frozenset(k for k in out if len(k) >= MIN_KEY)


def transcribes(text: str, word: str) -> bool:
    """Whether a run of Han characters may be a transcription of a Latin word: a sound key
    of the word (:func:`word_keys`) is one the characters may stand for (:func:`keys`)."""
    ours = word_keys(word)
    return bool(ours) and not ours.isdisjoint(keys(text))


__all__ = [
    "keys",
    "looks_transcribed",
    "syllable_keys",
    "transcribes",
    "transcription_chars",
    "word_keys",
]
