#!/usr/bin/env bash
# Makes the LibreOffice fixtures of tests/fixtures/office/ from notice.fodt (the notice of
# examples/notice.txt laid out with a split run, a table, a footnote and a header):
# notice.docx, notice.odt, notice.pdf and notice-truetype.pdf, reach.docx from reach.fodt
# (headers, footers, fields, tabs and notes for `--write`), and scanned.pdf (page
# 1 as an image only, no text layer). Needs soffice (libreoffice-writer), pdftoppm
# (poppler-utils) and the fonts (fonts-noto-cjk, fonts-wqy-microhei).
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures/office"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work" # LibreOffice writes its profile there
for to in docx odt; do
  soffice --headless --convert-to "$to" --outdir . notice.fodt >/dev/null
done
# reach.fodt: header, footer, field, tab, footnote and endnote, for `--write`.
soffice --headless --convert-to docx --outdir . reach.fodt >/dev/null
# The PDFs are made from the .docx, as offices make theirs: one with the OpenType (CFF) Noto
# CJK fonts, one with a TrueType font (WenQuanYi Micro Hei), both embedded as subsets whose
# codes only a ToUnicode map turns back into characters.
soffice --headless --convert-to pdf --outdir . notice.docx >/dev/null
sed 's/Noto S[a-z]* CJK SC/WenQuanYi Micro Hei/g' notice.fodt >"$work/notice-truetype.fodt"
soffice --headless --convert-to docx --outdir "$work" "$work/notice-truetype.fodt" >/dev/null
soffice --headless --convert-to pdf --outdir . "$work/notice-truetype.docx" >/dev/null
pdftoppm -r 60 -f 1 -l 1 -png notice.pdf "$work/page"
# The page image in a document of its own, as a scanner's PDF would hold it.
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text><text:p><draw:frame svg:width="16cm" svg:height="22.6cm" text:anchor-type="as-char"><draw:image><office:binary-data>'
  base64 -w 0 "$work/page-1.png"
  echo '</office:binary-data></draw:image></draw:frame></text:p></office:text></office:body></office:document>'
} >"$work/scanned.fodt"
soffice --headless --convert-to pdf --outdir "$work" "$work/scanned.fodt" >/dev/null
mv "$work/scanned.pdf" scanned.pdf
ls -l notice.docx notice.odt notice.pdf notice-truetype.pdf reach.docx scanned.pdf
