#!/usr/bin/env bash
# Writes the seed corpora under fuzz/corpus/<target>/ from the lines of tests/fixtures and the
# shipped dictionaries. The corpora are not committed; run this once before fuzzing.
set -euo pipefail
cd "$(dirname "$0")"
fixtures=../tests/fixtures
for t in check_bytes check_str fix dictionary dictionary_build jsonl docx odt pdf markup; do
    mkdir -p "corpus/$t"
done

# Documents made by LibreOffice (tests/fixtures/office).
cp "$fixtures"/office/*.docx corpus/docx/
cp "$fixtures"/office/*.odt corpus/odt/
cp "$fixtures"/office/*.pdf corpus/pdf/

# One file per fixture sentence (the last tab-separated field of each non-comment line).
for f in "$fixtures"/*/*.txt; do
    stem=$(basename "$(dirname "$f")")-$(basename "$f" .txt)
    n=0
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in '' | '#'*) continue ;; esac
        n=$((n + 1))
        sentence=${line##*$'\t'}
        printf '%s' "$sentence" > "corpus/check_bytes/$stem-$n"
        printf '%s' "$sentence" > "corpus/fix/$stem-$n"
        # check_str: four bytes choose the date, then the text.
        printf '2026%s' "$sentence" > "corpus/check_str/$stem-$n"
        escaped=$(printf '%s' "$sentence" | sed 's/\\/\\\\/g; s/"/\\"/g')
        printf '{"id":"%s","date":"2022-05-01","text":"%s"}\n{"id":"b","text":"%s"}\n' \
            "$n" "$escaped" "$escaped" > "corpus/jsonl/$stem-$n"
    done < "$f"
done

# Dictionaries: every shipped file, and each in slices of 40 lines.
find ../dictionaries -name '*.tsv' | while read -r d; do
    stem=$(echo "${d#../dictionaries/}" | tr / -)
    cp "$d" "corpus/dictionary/$stem"
    split -l 40 -d -a 3 "$d" "corpus/dictionary/$stem-part"
done
# A slice after the first loses its `!family` line: give every slice its file's directives.
for part in corpus/dictionary/*-part*; do
    case "$part" in *-part000) continue ;; esac
    whole=corpus/dictionary/${part##*/}
    whole=${whole%-part*}
    { grep '^!' "$whole" | head -4; cat "$part"; } > "$part.tmp" && mv "$part.tmp" "$part"
done
cp corpus/dictionary/* corpus/dictionary_build/

# Markup: a page and a note with the constructs the reader skips and the cuts avoid.
printf '<html><head><title>通知</title><style>\np{}\n</style></head><body>\n<p>请认真布署。</p><!-- sanshen-disable-next-line typo -->\n<p>再接再励</p><script>\nvar a = "</p>";\n</script><p title="按装">图</p><!-- sanshen-disable -->\n<div>布署</div>\n<!-- sanshen-enable --></body></html>\n' > corpus/markup/page
printf '# 通知\n\n请认真布署。\n\n```\n布署\n```\n\n`布署` 与 [文件](https://example.org/布署)\n<!-- sanshen-disable-next-line -->\n再接再励\n' > corpus/markup/note
for t in check_bytes check_str fix dictionary dictionary_build jsonl markup; do
    echo "corpus/$t: $(ls "corpus/$t" | wc -l) files"
done
