"""A synthetic customer master for throughput runs (deterministic; labelled synthetic).

Names are drawn from a fixed vocabulary of company-name words in Latin script, Japanese
and Chinese (business words, surnames, places) plus the evaluation queries, so that a run
sees the mix a Japanese or Chinese exporter's master holds. Every name is distinct, so no
cache sees a name twice.
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
