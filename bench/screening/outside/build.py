"""Rebuild pairs.jsonl (outside evaluation pairs) from the files under raw/.

Standard library only; reads nothing outside this folder.  Every label is the source's:
a positive pair is two names one source gives for the same entry, a hard negative is two
names of two distinct entries of the same source chosen by a look-alike rule (README.md).

    python bench/screening/outside/build.py          # writes pairs.jsonl next to this file
    python bench/screening/outside/build.py --check  # rebuilds in memory, compares, prints counts
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"
OUT = HERE / "pairs.jsonl"

SAMPLE_SEED = (
    "dualuse-outside-2026"  # every sample: random.Random(f"{SAMPLE_SEED}:{source}:{what}")
)
HOLDOUT_SEED = 20260901  # holdout: random.Random(f"{HOLDOUT_SEED}:{group}").random() < 0.30
HOLDOUT_SHARE = 0.30

EDINET_REF = (
    "github:hogehogetakumi/edinet-value-screener:EdinetcodeDlInfo.csv"
    "@2a0c8c35abd47ac63c12febe6b68d3b50eb3182d"
)
OS_COMMIT = "f33cff233ff4393a8c71784cfe280275727b52ca"
CN_REF = f"github:opensanctions/opensanctions:datasets/cn/sanctions/sanctions.csv@{OS_COMMIT}"
EU_REF = (
    "github:opensanctions/opensanctions:datasets/eu/journal_sanctions/data/consolidated/{celex}.csv@"
    + OS_COMMIT
)
DART_REF = "github:InserToken/Candly-Server:CORPCODE.xml@1acba24c2002a0639c1250a8089c3e3322ddd235"
TWSE_REF = "github:damentsai/stock_analysis:t187ap03_L.csv@07059a7baf83b3dcb86a163a025def4c41808a38"
OFAC_REF = "OFAC SDN legacy CSV, mid-2021 (moov-io/watchman test data)"

# Words that say only what legal form a name has; dropped before token comparisons.
LEGAL = set(
    """co company companies corp corporation inc incorporated ltd limited llc plc gmbh ag sa spa bv
    nv kk kabushiki kaisha jsc ojsc pjsc cjsc ao oao zao ooo pao llp lp the of and pte pty sdn bhd
    fze fzco fzc est srl sas sarl sl doo ltda cv sapi sab ооо ао пао оао зао""".split()
)
LEGAL_PHRASES = re.compile(
    r"\b(?:s de rl de cv|sapi de cv|sab de cv|sa de cv|s de rl|"
    r"(?:open |closed |public |private )?joint stock company|limited liability company|"
    r"(?:публичное |открытое |закрытое |непубличное )?акционерное общество|"
    r"общество с ограниченной ответственностью)\b"
)

# --------------------------------------------------------------------------- helpers


def read_csv(name: str) -> list[dict[str, str]]:
    data = (RAW / name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def rng(source: str, what: str) -> random.Random:
    return random.Random(f"{SAMPLE_SEED}:{source}:{what}")


def char_classes(text: str) -> set[str]:
    out = set()
    for ch in text:
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            out.add("hang")
        elif 0x3041 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F:
            if ch != "・":  # the middle dot is punctuation, used in Chinese names too
                out.add("kana")
        elif (
            0x4E00 <= o <= 0x9FFF
            or 0x3400 <= o <= 0x4DBF
            or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x2FFFF
        ):
            out.add("han")
        elif 0x0400 <= o <= 0x052F:
            out.add("cyrl")
        elif 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFEFF:
            out.add("arab")
        elif ch.isalpha() and unicodedata.name(ch, "").find("LATIN") >= 0:
            out.add("latn")
    return out


def script_of(text: str, japanese: bool = False) -> str:
    """Script code of a name; ``japanese`` marks names the source gives as Japanese."""
    c = char_classes(text)
    if "hang" in c:
        return "hang"
    if "kana" in c:
        return "jpan" if "han" in c else "kana"
    if "han" in c:
        return "jpan" if japanese else "hani"
    for s in ("cyrl", "arab", "latn"):
        if s in c:
            return s
    return "zyyy"


def norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).lower()
    t = re.sub(r"[\s\u3000]+", " ", t)
    return t.strip()


# Cyrillic and Latin letters that look alike; sources mix them inside one word
# ('Joint Stock Сompany' with a Cyrillic С, 'Нарoдное' with a Latin o).
_CYR2LAT = str.maketrans("асеорхукмтвнійѕ", "aceopxykmtbhijs")
_LAT2CYR = str.maketrans("aceopxykmtbhijs", "асеорхукмтвнійѕ")


def _fold(word: str) -> str:
    cyr = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
    lat = sum(1 for ch in word if "a" <= ch <= "z")
    if cyr and lat:
        return word.translate(_CYR2LAT) if lat >= cyr else word.translate(_LAT2CYR)
    return word


def _words(text: str) -> list[str]:
    t = norm(text).replace(".", "")
    t = " ".join(_fold(w) for w in re.findall(r"[^\W_]+", t))
    t = LEGAL_PHRASES.sub(" ", t)
    return [x for x in t.split() if x not in LEGAL]


def core_tokens(text: str) -> frozenset[str]:
    return frozenset(_words(text))


def first_core(text: str) -> str:
    w = _words(text)
    return w[0] if w else ""


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def containment(a: str, b: str, person: bool, registry: bool = False) -> str | None:
    """Why a look-alike couple of distinct entries is skipped ('skip'), flagged, or kept (None).

    Skipped: persons whose name words contain the other's (a middle name added is most
    likely the same person); organisations where one name is a single word the other
    extends ('Anduril' / 'Anduril Industries'), or the other adds only a ', place' suffix.
    Flagged: other organisations whose name words contain the other's (parent / branch).
    In a company register (``registry``) every row is its own legal person: never skipped.
    """
    ta, tb = core_tokens(a), core_tokens(b)
    if not (ta <= tb or tb <= ta):
        return None
    na, nb = norm(a), norm(b)
    if not registry and (
        person or min(len(ta), len(tb)) == 1 or nb.startswith(na + ",") or na.startswith(nb + ",")
    ):
        return "skip"
    return "; one name's words contain the other's (possible parent/subsidiary or branch)"


def is_fullwidth_latin(text: str) -> bool:
    return any(0xFF21 <= ord(ch) <= 0xFF5A for ch in text)


class Pairs:
    def __init__(self) -> None:
        self.items: list[dict] = []
        self.seen: set[tuple] = set()

    def add(self, source, name1, name2, label, ref, group, note, s1, s2, kind=None):
        name1, name2 = name1.strip(), name2.strip()
        if not name1 or not name2 or name1 == name2:
            return False
        key = (source, name1, name2, label)
        rkey = (source, name2, name1, label)
        if key in self.seen or rkey in self.seen:
            return False
        self.seen.add(key)
        self.items.append(
            {
                "source": source,
                "name1": name1,
                "name2": name2,
                "label": label,
                "source_ref": ref,
                "scripts": f"{s1}-{s2}",
                "kind": kind or ("same_entity" if label else "hard_negative"),
                "note": note,
                "_group": group,
            }
        )
        return True


# --------------------------------------------------------------------------- EDINET (Japan FSA)

JP_LEGAL = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "（株）", "(株)")


def jp_stem(name: str) -> str:
    t = unicodedata.normalize("NFKC", name)
    for w in JP_LEGAL:
        t = t.replace(w, "")
    return re.sub(r"[\s\u3000・]+", "", t)


def build_edinet(p: Pairs) -> None:
    src = "edinet"
    rows = read_csv("edinet_codelist.csv.gz")
    dom = sorted(
        (
            r
            for r in rows
            if r["filer_type"] == "内国法人・組合" and r["name"] and r["name_en"] and r["name_kana"]
        ),
        key=lambda r: r["edinet_code"],
    )
    sample = rng(src, "domestic").sample(dom, 600)
    for r in sample:
        code = r["edinet_code"]
        ref = f"{EDINET_REF} EDINETコード {code}"
        g = f"{src}:{code}"
        sj = script_of(r["name"], japanese=True)
        sk = script_of(r["name_kana"], japanese=True)
        extra = (
            "; kanji-only Japanese name"
            if sj == "jpan"
            and "kana" not in char_classes(r["name"])
            and "latn" not in char_classes(r["name"])
            else ""
        )
        p.add(
            src,
            r["name"],
            r["name_en"],
            True,
            ref,
            g,
            "提出者名 vs 提出者名（英字）" + extra,
            sj,
            "latn",
        )
        p.add(
            src,
            r["name_kana"],
            r["name"],
            True,
            ref,
            g,
            "提出者名（ヨミ） vs 提出者名" + extra,
            sk,
            sj,
        )
        p.add(
            src,
            r["name_kana"],
            r["name_en"],
            True,
            ref,
            g,
            "提出者名（ヨミ） vs 提出者名（英字）",
            sk,
            "latn",
        )

    # foreign filers whose registered name is written in Latin letters: name vs katakana reading
    foreign = sorted(
        (
            r
            for r in rows
            if r["filer_type"].startswith("外国法人")
            and r["name_kana"]
            and char_classes(r["name"]) == {"latn"}
        ),
        key=lambda r: r["edinet_code"],
    )
    for r in rng(src, "foreign").sample(foreign, min(150, len(foreign))):
        code = r["edinet_code"]
        note = (
            "foreign filer: 提出者名 (Latin"
            + (", fullwidth" if is_fullwidth_latin(r["name"]) else "")
            + ") vs 提出者名（ヨミ）"
        )
        p.add(
            src,
            r["name"],
            r["name_kana"],
            True,
            f"{EDINET_REF} EDINETコード {code}",
            f"{src}:{code}",
            note,
            "latn",
            script_of(r["name_kana"], japanese=True),
        )

    # hard negatives: another domestic filer with the same first English word (legal forms
    # dropped) AND the same first two characters of the Japanese name (legal forms dropped)
    index: dict[tuple, list] = defaultdict(list)
    for r in dom:
        key = (first_core(r["name_en"]), jp_stem(r["name"])[:2])
        if len(key[0]) >= 2 and len(key[1]) == 2:
            index[key].append(r)
    pick = rng(src, "negatives")
    done: set[frozenset] = set()
    for a in sample:
        key = (first_core(a["name_en"]), jp_stem(a["name"])[:2])
        cands = [
            b
            for b in index.get(key, [])
            if b["edinet_code"] != a["edinet_code"]
            and norm(b["name_en"]) != norm(a["name_en"])
            and jp_stem(b["name"]) != jp_stem(a["name"])
        ]
        if not cands:
            continue
        b = pick.choice(cands)
        couple = frozenset((a["edinet_code"], b["edinet_code"]))
        flag = containment(a["name_en"], b["name_en"], False, registry=True)
        if couple in done or flag == "skip":
            continue
        done.add(couple)
        ref = f"{EDINET_REF} EDINETコード {a['edinet_code']} / {b['edinet_code']}"
        g = f"{src}:{a['edinet_code']}"
        note = (
            f"distinct filers sharing first English word '{key[0]}' and Japanese prefix '{key[1]}'"
            + (flag or "")
        )
        sa, sb = script_of(a["name"], True), script_of(b["name"], True)
        p.add(src, a["name"], b["name"], False, ref, g, note, sa, sb)
        p.add(src, a["name_en"], b["name_en"], False, ref, g, note, "latn", "latn")
        p.add(src, a["name"], b["name_en"], False, ref, g, note, sa, "latn")
        p.add(
            src, a["name_kana"], b["name"], False, ref, g, note, script_of(a["name_kana"], True), sb
        )


# ------------------------------------------------ OpenSanctions: China sanctions research data


def split_aliases(text: str) -> list[str]:
    return [x.strip() for x in text.split(";") if x.strip()]


def build_cn(p: Pairs) -> None:
    src = "os_cn_sanctions"
    ents: dict[str, dict] = {}
    for r in read_csv("os_cn_sanctions.csv"):
        key = norm(r["name"])
        e = ents.setdefault(
            key,
            {
                "name": r["name"].strip(),
                "type": r["type"],
                "zh": [],
                "alias": [],
                "lines": [],
                "country": r["country"],
            },
        )
        e["lines"].append(r["row"])
        zh = r["chinese_name"].strip()
        if zh and zh not in e["zh"]:
            e["zh"].append(zh)
        for a in split_aliases(r["alias"]):
            if a not in e["alias"]:
                e["alias"].append(a)
    for key, e in ents.items():
        ref = f"{CN_REF} data row {e['lines'][0]}" + (
            f" (also rows {','.join(e['lines'][1:])})" if len(e["lines"]) > 1 else ""
        )
        g = f"{src}:{key}"
        t = e["type"]
        s_name = script_of(e["name"])
        for zh in e["zh"]:
            p.add(
                src,
                e["name"],
                zh,
                True,
                ref,
                g,
                f"{t}: Name vs Chinese name",
                s_name,
                script_of(zh),
            )
        for a in e["alias"]:
            p.add(src, e["name"], a, True, ref, g, f"{t}: Name vs Alias", s_name, script_of(a))
            if e["zh"] and script_of(a) != script_of(e["zh"][0]):
                p.add(
                    src,
                    e["zh"][0],
                    a,
                    True,
                    ref,
                    g,
                    f"{t}: Chinese name vs Alias",
                    script_of(e["zh"][0]),
                    script_of(a),
                )

    # hard negatives: distinct entries (different Name, no shared Chinese name, not each
    # other's alias) of the same Type whose names have core-token Jaccard >= 0.5, or, for
    # organisations, the same first core word of >= 4 letters
    keys = sorted(ents)
    allnames = {
        k: ({core_tokens(x) for x in [ents[k]["name"], *ents[k]["alias"]]} - {frozenset()})
        | {frozenset([z]) for z in ents[k]["zh"]}
        for k in keys
    }
    couples = []
    for ka, kb in combinations(keys, 2):
        a, b = ents[ka], ents[kb]
        if a["type"] != b["type"] or allnames[ka] & allnames[kb]:
            continue
        ta, tb = core_tokens(a["name"]), core_tokens(b["name"])
        if not ta or not tb or ta == tb:
            continue
        j = jaccard(ta, tb)
        fa, fb = first_core(a["name"]), first_core(b["name"])
        if j >= 0.5:
            couples.append((ka, kb, f"token Jaccard {j:.2f}"))
        elif a["type"] != "Person" and fa == fb and len(fa) >= 4:
            couples.append((ka, kb, f"same first word '{fa}'"))
    kept = []
    for ka, kb, why in couples:
        flag = containment(ents[ka]["name"], ents[kb]["name"], ents[ka]["type"] == "Person")
        if flag != "skip":
            kept.append((ka, kb, why + (flag or "")))
    # at most 12 couples per first word, so one corporate family does not dominate
    fam: dict[str, list] = defaultdict(list)
    for c in kept:
        fam[first_core(ents[c[0]]["name"])].append(c)
    pick = rng(src, "negatives")
    couples = []
    for f in sorted(fam):
        cs = fam[f]
        couples.extend(cs if len(cs) <= 12 else pick.sample(cs, 12))
    couples.sort()
    for ka, kb, why in couples:
        a, b = ents[ka], ents[kb]
        ref = f"{CN_REF} data rows {a['lines'][0]} / {b['lines'][0]}"
        g = f"{src}:{ka}"
        note = f"{a['type']}: distinct entries, {why}"
        p.add(
            src,
            a["name"],
            b["name"],
            False,
            ref,
            g,
            note,
            script_of(a["name"]),
            script_of(b["name"]),
        )
        if a["zh"] and b["zh"] and a["zh"][0] != b["zh"][0]:
            p.add(
                src,
                a["zh"][0],
                b["zh"][0],
                False,
                ref,
                g,
                note,
                script_of(a["zh"][0]),
                script_of(b["zh"][0]),
            )
        if b["zh"]:
            p.add(
                src,
                a["name"],
                b["zh"][0],
                False,
                ref,
                g,
                note,
                script_of(a["name"]),
                script_of(b["zh"][0]),
            )


# ------------------------------------------------ OpenSanctions: EU Official Journal extracts

LABEL_RE = re.compile(r"^[A-Za-z ]{3,20}:$")


def eu_aliases(text: str) -> list[str]:
    out = []
    for part in text.split(";"):
        for piece in part.split(" / "):
            x = piece.strip().strip('“”"')
            if not x or LABEL_RE.match(x) or x.lower() == "text of image":
                continue
            m = re.match(r"^(.*\S)\s+\(([^()]+)\)$", x)
            if m:  # a trailing bracketed short form is a second name
                out.extend([m.group(1).strip(), m.group(2).strip()])
            elif x.startswith("(") and x.endswith(")"):
                out.append(x[1:-1].strip())
            else:
                out.append(x)
    # drop fragments that are nothing but a legal form (e.g. 'Публичное Акционерное')
    return [x for x in out if x and (core_tokens(x) or char_classes(x) & {"han", "hang", "kana"})]


def build_eu(p: Pairs) -> None:
    src = "eu_oj"
    recs = []
    for r in read_csv("eu_oj_names.csv.gz"):
        if r["schema"] in ("Vessel", "Asset"):
            continue
        if norm(r["name"]).replace("-", " ") == "so called":
            continue  # the name field holds only the words 'So called' (split in the source)
        aliases = eu_aliases(r["alias"])
        recs.append({**r, "aliases": aliases, "person": r["schema"] == "Person"})

    # positives: the primary name vs each alias in another script (one side Latin)
    by_script: dict[str, list] = defaultdict(list)
    for r in recs:
        cands = []
        sn = script_of(r["name"])
        for a in r["aliases"]:
            sa = script_of(a)
            if sa != sn and "latn" in (sa, sn) and sa != "zyyy" and sn != "zyyy":
                cands.append((a, sa))
        if cands:
            nl = sorted({sa if sa != "latn" else sn for _, sa in cands})
            bucket = nl[0] if len(nl) == 1 else "+".join(nl)
            if bucket == "cyrl":
                bucket = "cyrl-person" if r["person"] else "cyrl-entity"
            by_script[bucket].append((r, sn, cands))
    caps = {"cyrl-entity": 260, "cyrl-person": 170, "arab": 70}
    for bucket in sorted(by_script):
        items = by_script[bucket]
        if bucket in caps and len(items) > caps[bucket]:
            items = rng(src, f"pos:{bucket}").sample(items, caps[bucket])
        for r, sn, cands in items:
            ref = (
                EU_REF.format(celex=r["celex"])
                + f" data row {r['row']} (annex {r['annex']}, recordId {r['record_id'] or '-'})"
            )
            g = f"{src}:{r['celex']}:{r['row']}"
            for a, sa in cands[:3]:
                p.add(src, r["name"], a, True, ref, g, f"{r['schema']}: name vs alias", sn, sa)

    # hard negatives: two records of the same regulation and same kind (person / not person),
    # core-token Jaccard >= 0.5 on the primary names, no name in common, not both born on the
    # same recorded date
    by_celex: dict[str, list] = defaultdict(list)
    for r in recs:
        by_celex[r["celex"]].append(r)
    couples = []
    for celex in sorted(by_celex):
        rs = by_celex[celex]
        toks = [core_tokens(r["name"]) for r in rs]
        # every name and alias of a record, as core-token sets: a shared one means the
        # regulation may list the same entity twice (it does, across annexes)
        names = [{core_tokens(x) for x in [r["name"], *r["aliases"]]} - {frozenset()} for r in rs]
        inv: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(toks):
            for x in t:
                inv[x].append(i)
        seen = set()
        for idx in inv.values():
            if len(idx) > 300:
                continue
            for i, j in combinations(idx, 2):
                if (i, j) in seen:
                    continue
                seen.add((i, j))
                a, b = rs[i], rs[j]
                if a["person"] != b["person"] or toks[i] == toks[j] or names[i] & names[j]:
                    continue
                if a["birth_date"] and a["birth_date"] == b["birth_date"]:
                    continue
                jv = jaccard(toks[i], toks[j])
                if jv >= 0.5:
                    flag = containment(a["name"], b["name"], a["person"])
                    if flag is None:  # any containment: the same entity may be listed twice
                        couples.append((a, b, jv, ""))
    couples.sort(key=lambda c: (c[0]["celex"], int(c[0]["row"]), int(c[1]["row"])))
    pick = rng(src, "negatives")
    persons = [c for c in couples if c[0]["person"]]
    others = [c for c in couples if not c[0]["person"]]
    chosen = pick.sample(persons, min(150, len(persons))) + pick.sample(
        others, min(150, len(others))
    )
    chosen.sort(key=lambda c: (c[0]["celex"], int(c[0]["row"]), int(c[1]["row"])))
    for a, b, jv, flag in chosen:
        ref = EU_REF.format(celex=a["celex"]) + f" data rows {a['row']} / {b['row']}"
        g = f"{src}:{a['celex']}:{a['row']}"
        note = f"{a['schema']}/{b['schema']}: distinct records, token Jaccard {jv:.2f}{flag}"
        sa, sb = script_of(a["name"]), script_of(b["name"])
        p.add(src, a["name"], b["name"], False, ref, g, note, sa, sb)
        nla = [x for x in a["aliases"] if script_of(x) not in ("latn", "zyyy")]
        nlb = [x for x in b["aliases"] if script_of(x) not in ("latn", "zyyy")]
        if nla and sb == "latn":
            p.add(src, nla[0], b["name"], False, ref, g, note, script_of(nla[0]), sb)
        if nla and nlb and script_of(nla[0]) == script_of(nlb[0]):
            p.add(src, nla[0], nlb[0], False, ref, g, note, script_of(nla[0]), script_of(nlb[0]))


# --------------------------------------------------------------------------- DART (Korea FSS)

KO_LEGAL = ("주식회사", "(주)", "㈜", "유한회사", "(유)")


def ko_stem(name: str) -> str:
    t = unicodedata.normalize("NFKC", name)
    for w in KO_LEGAL:
        t = t.replace(w, "")
    return re.sub(r"\s+", "", t)


def build_dart(p: Pairs) -> None:
    src = "dart"
    rows = sorted(
        (r for r in read_csv("dart_corpcode.csv.gz") if r["corp_name"] and r["corp_eng_name"]),
        key=lambda r: r["corp_code"],
    )
    sample = rng(src, "sample").sample(rows, 400)
    for r in sample:
        ref = f"{DART_REF} corp_code {r['corp_code']}"
        note = "corp_name vs corp_eng_name" + (
            "; record last modified 2017 (may be stale)"
            if r["modify_date"].startswith("2017")
            else ""
        )
        p.add(
            src,
            r["corp_name"],
            r["corp_eng_name"],
            True,
            ref,
            f"{src}:{r['corp_code']}",
            note,
            script_of(r["corp_name"]),
            script_of(r["corp_eng_name"]),
        )
    index: dict[tuple, list] = defaultdict(list)
    for r in rows:
        key = (ko_stem(r["corp_name"])[:2], first_core(r["corp_eng_name"]))
        if len(key[0]) == 2 and len(key[1]) >= 2:
            index[key].append(r)
    pick = rng(src, "negatives")
    done: set[frozenset] = set()
    for a in sample:
        key = (ko_stem(a["corp_name"])[:2], first_core(a["corp_eng_name"]))
        cands = [
            b
            for b in index.get(key, [])
            if b["corp_code"] != a["corp_code"]
            and ko_stem(b["corp_name"]) != ko_stem(a["corp_name"])
            and norm(b["corp_eng_name"]) != norm(a["corp_eng_name"])
        ]
        if not cands:
            continue
        b = pick.choice(cands)
        couple = frozenset((a["corp_code"], b["corp_code"]))
        flag = containment(a["corp_eng_name"], b["corp_eng_name"], False, registry=True)
        if couple in done or flag == "skip":
            continue
        done.add(couple)
        ref = f"{DART_REF} corp_code {a['corp_code']} / {b['corp_code']}"
        g = f"{src}:{a['corp_code']}"
        note = (
            f"distinct companies sharing Korean prefix '{key[0]}' and first English word '{key[1]}'"
            + (flag or "")
        )
        sa, sb = script_of(a["corp_name"]), script_of(b["corp_name"])
        p.add(src, a["corp_name"], b["corp_name"], False, ref, g, note, sa, sb)
        p.add(src, a["corp_eng_name"], b["corp_eng_name"], False, ref, g, note, "latn", "latn")
        p.add(src, a["corp_name"], b["corp_eng_name"], False, ref, g, note, sa, "latn")


# --------------------------------------------------------------------------- TWSE / MOPS (Taiwan)

ACRONYM_RE = re.compile(r"^[A-Z0-9.&\-]{1,5}$")


def twse_en(r: dict) -> str:
    return unicodedata.normalize("NFC", r["en_short_name"]).replace("\u3000", " ").strip()


def build_twse(p: Pairs) -> None:
    src = "twse"
    rows = sorted(read_csv("twse_t187ap03_L.csv"), key=lambda r: r["code"])
    usable_en = [
        r for r in rows if twse_en(r) and not ACRONYM_RE.match(twse_en(r).replace(" ", ""))
    ]
    s_en = rng(src, "english").sample(usable_en, 200)
    s_short = rng(src, "short").sample(rows, 150)
    for r in s_en:
        ref = f"{TWSE_REF} 公司代號 {r['code']}"
        p.add(
            src,
            r["name"],
            twse_en(r),
            True,
            ref,
            f"{src}:{r['code']}",
            "公司名稱 (traditional Chinese) vs 英文簡稱 (English short name)",
            script_of(r["name"]),
            script_of(twse_en(r)),
        )
    for r in s_short:
        ref = f"{TWSE_REF} 公司代號 {r['code']}"
        p.add(
            src,
            r["name"],
            r["short_name"],
            True,
            ref,
            f"{src}:{r['code']}",
            "公司名稱 vs 公司簡稱 (Chinese short name)",
            script_of(r["name"]),
            script_of(r["short_name"]),
        )
    index: dict[str, list] = defaultdict(list)
    for r in rows:
        index[r["name"][:2]].append(r)
    pick = rng(src, "negatives")
    done: set[frozenset] = set()
    for a in rows:  # every listed company that has a namesake prefix, one partner each
        cands = [
            b for b in index[a["name"][:2]] if b["code"] != a["code"] and b["name"] != a["name"]
        ]
        if not cands:
            continue
        b = pick.choice(cands)
        couple = frozenset((a["code"], b["code"]))
        if couple in done:
            continue
        done.add(couple)
        ref = f"{TWSE_REF} 公司代號 {a['code']} / {b['code']}"
        g = f"{src}:{a['code']}"
        note = f"distinct listed companies, full names share first two characters '{a['name'][:2]}'"
        p.add(src, a["name"], b["name"], False, ref, g, note, "hani", "hani")
        en_b = twse_en(b)
        if en_b and not ACRONYM_RE.match(en_b.replace(" ", "")):
            p.add(src, a["name"], en_b, False, ref, g, note, "hani", script_of(en_b))


# --------------------------------------------------------------------------- OFAC SDN


def build_ofac(p: Pairs) -> None:
    src = "ofac_sdn"
    sdn = {
        r["ent_num"]: r
        for r in read_csv("ofac_sdn.csv.gz")
        if r["sdn_type"] in ("individual", "-0-")
    }
    alts: dict[str, list] = defaultdict(list)
    for a in read_csv("ofac_alt.csv.gz"):
        if a["ent_num"] in sdn:
            alts[a["ent_num"]].append(a)
    with_alias = sorted((k for k in sdn if alts.get(k)), key=int)
    for k in rng(src, "positives").sample(with_alias, 350):
        e = sdn[k]
        kind = "individual" if e["sdn_type"] == "individual" else "entity"
        for a in alts[k][:3]:
            ref = f"{OFAC_REF} ent_num {k}, alt_num {a['alt_num']}"
            p.add(
                src,
                e["name"],
                a["alt_name"],
                True,
                ref,
                f"{src}:{k}",
                f"{kind}: SDN_Name vs {a['alt_type']} ({e['program']})",
                script_of(e["name"]),
                script_of(a["alt_name"]),
            )
    # hard negatives: distinct ent_nums of the same type, core-token Jaccard >= 0.5, no
    # name or alias in common
    keys = sorted(sdn, key=int)
    toks = {k: core_tokens(sdn[k]["name"]) for k in keys}
    names = {
        k: {core_tokens(x) for x in [sdn[k]["name"], *(a["alt_name"] for a in alts.get(k, []))]}
        - {frozenset()}
        for k in keys
    }
    inv: dict[str, list] = defaultdict(list)
    for k in keys:
        for x in toks[k]:
            inv[x].append(k)
    couples = set()
    for idx in inv.values():
        if len(idx) > 300:
            continue
        for a, b in combinations(idx, 2):
            if (
                sdn[a]["sdn_type"] != sdn[b]["sdn_type"]
                or toks[a] == toks[b]
                or names[a] & names[b]
            ):
                continue
            if jaccard(toks[a], toks[b]) >= 0.5:
                if (
                    containment(sdn[a]["name"], sdn[b]["name"], sdn[a]["sdn_type"] == "individual")
                    != "skip"
                ):
                    couples.add((a, b))
    couples = sorted(couples, key=lambda c: (int(c[0]), int(c[1])))
    for a, b in sorted(
        rng(src, "negatives").sample(couples, min(400, len(couples))),
        key=lambda c: (int(c[0]), int(c[1])),
    ):
        kind = "individual" if sdn[a]["sdn_type"] == "individual" else "entity"
        jv = jaccard(toks[a], toks[b])
        flag = containment(sdn[a]["name"], sdn[b]["name"], kind == "individual") or ""
        p.add(
            src,
            sdn[a]["name"],
            sdn[b]["name"],
            False,
            f"{OFAC_REF} ent_num {a} / {b}",
            f"{src}:{a}",
            f"{kind}: distinct ent_nums, token Jaccard {jv:.2f}{flag}",
            "latn",
            "latn",
        )


# --------------------------------------------------------------------------- assemble

BUILDERS = (build_edinet, build_cn, build_eu, build_dart, build_twse, build_ofac)


def build() -> list[dict]:
    p = Pairs()
    for f in BUILDERS:
        f(p)
    # one draw per group from random.Random(f"{HOLDOUT_SEED}:{group}"): a group's side does
    # not move when other groups are added or dropped
    groups = sorted({it["_group"] for it in p.items})
    hold = {g: random.Random(f"{HOLDOUT_SEED}:{g}").random() < HOLDOUT_SHARE for g in groups}
    out = []
    for i, it in enumerate(p.items, start=1):
        rec = {
            "id": f"OS-{i:04d}",
            "name1": it["name1"],
            "name2": it["name2"],
            "label": it["label"],
            "source": it["source"],
            "source_ref": it["source_ref"],
            "scripts": it["scripts"],
            "kind": it["kind"],
            "holdout": hold[it["_group"]],
            "note": it["note"],
        }
        out.append(rec)
    return out


def render(items: list[dict]) -> str:
    return "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items)


def summary(items: list[dict]) -> str:
    lines = [f"pairs: {len(items)}"]
    for field in ("source", "scripts", "label", "kind", "holdout"):
        c = Counter(str(x[field]) for x in items)
        lines.append(f"{field}: " + ", ".join(f"{k}={v}" for k, v in sorted(c.items())))
    c = Counter((x["source"], x["label"], x["holdout"]) for x in items)
    lines.append(
        "source x label x holdout: "
        + ", ".join(f"{s}/{lab}/{h}={v}" for (s, lab, h), v in sorted(c.items()))
    )
    cross = sum(1 for x in items if len(set(x["scripts"].split("-"))) > 1)
    lines.append(f"cross-script pairs: {cross}")
    return "\n".join(lines)


if __name__ == "__main__":
    items = build()
    text = render(items)
    if "--check" in sys.argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(summary(items))
        print("pairs.jsonl matches rebuild:", same)
        sys.exit(0 if same else 1)
    OUT.write_text(text, encoding="utf-8")
    print(summary(items))
