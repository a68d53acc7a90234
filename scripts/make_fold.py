"""Regenerate nianbao/indexer/data/fold.tsv: traditional → simplified, one character each.

Source: OpenCC (Apache-2.0, the maintained converter the Chinese NLP field uses), its
``t2s`` configuration applied to every single character of the CJK blocks. Only pairs where
one character becomes exactly one other character are kept, so folding a text never
changes its length and offsets into the folded text are offsets into the published one.
Matching folds both the text and the query with this table (``indexer.fold``).

Usage::

    pip install opencc
    python scripts/make_fold.py > nianbao/indexer/data/fold.tsv
"""
import opencc

BLOCKS = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F)]


def main():
    converter = opencc.OpenCC("t2s")
    print("# traditional\tsimplified (OpenCC t2s, single characters; made by scripts/make_fold.py)")
    for lo, hi in BLOCKS:
        for code in range(lo, hi + 1):
            char = chr(code)
            folded = converter.convert(char)
            if len(folded) == 1 and folded != char:
                print(f"{char}\t{folded}")


if __name__ == "__main__":
    main()
