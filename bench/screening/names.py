"""A synthetic customer master for throughput runs (deterministic; labelled synthetic).

Names are drawn from a fixed vocabulary of company-name words in Latin script, Japanese
and Chinese (business words, surnames, places) plus the evaluation queries, so that a run
sees the mix a Japanese or Chinese exporter's master holds. Every name is distinct, so no
cache sees a name twice. :func:`long_name` makes the very long names of the long-name runs
(``bench/screening_bench.py --long-names``) and of ``tests/screening/test_long_names.py``.
"""

from __future__ import annotations

import random

LATIN = (
    "Acme Alpha Apex Asahi Blue Coast Daiichi Delta East Echo Fuji Global Green Hikari Hokuto "
    "Kanto Kita Koyo Kyowa Marine Meiji Minami Nakamura Nippon Nishi Ocean Orient Pacific "
    "Sakura Sanwa Seiko Shin Star Sun Taiyo Tokai Tosa Toyo Union United Yamato Yokohama "
    "Sato Suzuki Takahashi Tanaka Watanabe Ito Kobayashi Kato Yoshida Yamada Sasaki Matsumoto"
).split()
BUSINESS = (
    "Trading Electric Industries Engineering Systems Logistics Chemical Foods Textiles Steel "
    "Machinery Motors Precision Optical Pharma Materials Shipping Construction Electronics "
    "Software Solutions Metals Plastics Paper Energy Instruments Tools Services"
).split()
LEGAL = ["Co., Ltd.", "K.K.", "Corporation", "Inc.", "Ltd.", "GmbH", "", "Kabushiki Kaisha"]
JA_NAME = list(
    "山田中村小林高橋佐藤鈴木渡辺伊藤加藤吉田松本井上木村清水森池田橋本石川前田藤田後藤岡田長谷川"
)
JA_BIZ = [
    "電機",
    "商事",
    "工業",
    "化学",
    "製作所",
    "物産",
    "精機",
    "産業",
    "建設",
    "運輸",
    "エンジニアリング",
    "システムズ",
    "テクノロジー",
    "食品",
]
ZH_BIZ = ["电子", "贸易", "机械", "科技", "化工", "实业", "物流", "材料", "精密", "光电"]
ZH_NAME = list("华中东南北新宏达恒泰盛昌兴鑫金银天海明远")


def customer_names(n: int, seed: int = 20260224, extra: list[str] | None = None) -> list[str]:
    rng = random.Random(seed)
    out: dict[str, None] = {}
    for q in extra or []:
        out.setdefault(q, None)
    while len(out) < n:
        r = rng.random()
        if r < 0.6:
            words = rng.sample(LATIN, rng.randint(1, 2)) + rng.sample(BUSINESS, rng.randint(1, 2))
            name = " ".join(words) + " " + rng.choice(LEGAL)
        elif r < 0.85:
            name = "".join(rng.sample(JA_NAME, 2)) + "".join(rng.sample(JA_BIZ, rng.randint(1, 2)))
            name = rng.choice(["株式会社", ""]) + name + rng.choice(["株式会社", "", "(株)"])
        else:
            name = "".join(rng.sample(ZH_NAME, 2)) + "".join(rng.sample(ZH_BIZ, rng.randint(1, 2)))
            name += rng.choice(["有限公司", "股份有限公司", "集团"])
        out.setdefault(name.strip(), None)
    return list(out)[:n]


#: the kinds of :func:`long_name`
LONG_NAME_KINDS = ("han", "token", "words", "cjk", "kana", "hangul", "cyrillic", "mixed")


def long_name(kind: str, n: int = 1_000_000, seed: int = 1) -> str:
    """A name of ``n`` characters: one Han character repeated, one Latin word, many distinct
    Latin words, CJK characters, katakana, Hangul words, Cyrillic words, mixed scripts."""
    rng = random.Random(seed)
    if kind == "han":
        # one character repeated: a single run of Han (no word breaks) and a single reading
        return "名" * n
    if kind == "token":
        # glued romaji syllables: one word, and the worst case for cutting glued words
        syllables = ["mitsu", "bishi", "ju", "ko", "gyo", "ka", "bu", "shi", "ki", "sha"]
        parts: list[str] = []
        size = 0
        while size < n:
            parts.append(rng.choice(syllables))
            size += len(parts[-1])
        return "".join(parts)[:n]
    if kind == "words":
        return _words(rng, "abcdefghijklmnopqrstuvwxyz", n, 3, 12)
    if kind == "cjk":
        return "".join(rng.choice("三菱重工業株式会社東京航空山田中村発動機") for _ in range(n))
    if kind == "kana":
        return "".join(rng.choice("ミツビシジュウコウギョウカブシキガイシャ") for _ in range(n))
    if kind == "hangul":
        return _words(rng, "한화에어로스페이스삼성테크윈중공업주식회사현대", n, 2, 6)
    if kind == "cyrillic":
        return _words(rng, "абвгдежзиклмнопрстуфхцчшыэюя", n, 3, 12)
    if kind == "mixed":
        parts = ["三菱", "Mitsubishi ", "ミツビシ", "Ростех ", "한화", "重工", "Heavy ", "(株)"]
        return "".join(rng.choice(parts) for _ in range(n // 3))[:n]
    raise ValueError(kind)


def _words(rng: random.Random, letters: str, n: int, shortest: int, longest: int) -> str:
    """``n`` characters of random words of ``letters``, separated by spaces."""
    out: list[str] = []
    size = 0
    while size <= n:  # the words joined are size - 1 long
        word = "".join(rng.choice(letters) for _ in range(rng.randint(shortest, longest)))
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:n]
