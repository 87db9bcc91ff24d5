"""Sound matches must agree in the vowels too, and Cyrillic readings in their spelling.

The sound key of a reading of kana, Hangul or Han characters keeps a name's consonants and
folds what those scripts lose (voicing, l and r, m and n). Two names a deletion apart in such
a key, or of one short key, are often unrelated: 加藤精機 read as pinyin (jiatengjingji,
key stnsns) and a listed person's name (stnsns after a deletion) are not one name. The
names here are real: customer-style names and listed names that an earlier version matched
(the pairs on the left of each negative) and transcriptions that must still match.
"""

from __future__ import annotations

import pytest

from dualuse.screening import match_names
from dualuse.screening.score import SOUND_VOWELS_MIN, same_sound


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("橋松精機", "JANG JA SAN CHONG NYON HO"),  # ksnsns and snsnsn, a deletion apart
        ("Vantor", "朴英泰"),  # one key (pnt), other vowels
        ("小橋精機", "THE KAZAKH JAMA'AT"),
        # two readings of other scripts never meet by the sound key
        ("サクサ株式会社", "シークス株式会社"),
        ("코스맥스", "萧美琴"),
        # a Han name read glued against a listed person's several words run together
        ("加藤精機", "JAVED, Haji Nasir"),
        ("前谷精機", "KIM, Kang Jin"),
        # a reading of two words against three, and a Cyrillic reading against more words
        ("松本精機", "NASR, Muhammad Sayyah"),
        ("NARA MOLD AND DIE CO., LTD.", "ООО Миранда Медиа"),
    ],
)
def test_a_shared_consonant_key_alone_is_no_match(a: str, b: str) -> None:
    res = match_names(a, b)
    assert not res.match, res.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("박정천", "PAK Jong-chon"),
        ("ファミリー", "Family"),
        ("格鲁曼", "Grumman"),
        ("코스맥스", "Cosmax"),
        # a foreign name written with dots between its parts is one of several words
        ("洛克希德·马丁公司", "Lockheed Martin Corporation"),
        ("乔纳森·斯迪沃斯", "Jonathan Stivers"),
    ],
)
def test_transcriptions_still_match_by_sound(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation


def test_a_sound_match_needs_the_vowels_near() -> None:
    assert SOUND_VOWELS_MIN == pytest.approx(0.6)
    assert same_sound("famiri", "family")
    # 橋松精機 in pinyin and a listed name joined up: keys a deletion apart, vowels not
    assert not same_sound("qiaosongjingji", "jangjasanchongnyonho")
    assert not same_sound("vantor", "puyingtai")  # pnt and pnt: another name


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # quoted pairs of the outside set (EDINET, OpenDART): the reading sounds the s of
        # the word as written (Caros, keyed caro)
        ("캐로스", "CAROS CO., LTD.", True),
        ("株式会社ハローズ", "HALOWS CO.,LTD.", True),
        # a synthetic customer name against an SDN name: the reading does not end in an s
        # sound, so the s kept as written lends it nothing
        ("中吉精機", "SINSMS PTE. LTD.", False),
    ],
)
def test_a_word_as_written_meets_a_reading_by_sound_only_if_it_sounds_the_s(
    a: str, b: str, same: bool
) -> None:
    res = match_names(a, b)
    assert res.match is same, res.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # synthetic customer names of the throughput benchmark against listed names (OFAC
        # SDN, MOFCOM) that an earlier version matched: two Latin names are not compared by
        # the consonant skeleton of their words joined up, which is for katakana readings
        ("Suzuki Tools", "SOKTAR"),
        ("Kyowa East Tools", "CASTOR"),
        ("Shin Textiles", "Sun Tectro Co., Ltd."),
        ("CYBERLUX CORPORATION", "KHAYBARCO"),
        # a word read from Han characters other than those of transcriptions is not met by
        # the coarse sound key (zhonggui and thaingui share one, snk)
        ("THAINGUI LTD", "中櫃"),
        ("CYBERLUX CORPORATION", "急速飞行公司"),
        ("HUNJIN TRADING CO.", "银中贸易"),
    ],
)
def test_chance_sound_and_skeleton_matches_are_not_hits(a: str, b: str) -> None:
    res = match_names(a, b)
    assert not res.match, res.explanation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # quoted from MOFCOM's listings: transcriptions without a mark of transcription,
        # in the characters the transcription tables use, still meet by sound
        ("Fortunio Co., Ltd.", "福图尼奥株式会社"),
        ("Kharon", "卡隆"),
        # a katakana reading against a Latin name still meets by the skeleton (the
        # skeleton credit's own example)
        ("Nacalai Tesque", "ナカライテスク"),
    ],
)
def test_transcriptions_still_meet_by_sound(a: str, b: str) -> None:
    res = match_names(a, b)
    assert res.match, res.explanation
