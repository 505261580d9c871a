#!/bin/sh
# Regenerates the lo_* fixtures with LibreOffice (soffice 7.4, Debian 12's
# libreoffice-calc): corpus .xlsx files and long_strings.csv converted to
# .xls (BIFF8, "MS Excel 97") and .ods. Not run by the tests.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus="$here/../../../../../shared/corpus/xlsx-calamine"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$here/long_strings.csv" <<'PY'
import random, sys
random.seed(17)
words = ["以旧换新", "设备更新", "济南市", "历下区", "商务局", "汽车", "家电", "补贴", "Trade-in", "renewal", "数值", "备注, 含逗号", '引号"在内']
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("编号,名称,金额\n")
    for i in range(1200):
        name = "".join(random.choice(words) for _ in range(random.randint(1, 12)))
        amount = random.randint(0, 10**6) / 100
        f.write(f'{i+1},"{name.replace(chr(34), chr(34)*2)} {i}",{amount:g}\n' if amount.is_integer() else f'{i+1},"{name.replace(chr(34), chr(34)*2)} {i}",{amount}\n')
PY
office() { soffice "-env:UserInstallation=file://$work/profile" --headless "$@" >/dev/null; }
for name in issues date picture merged_range errors any_sheets rph encoded_entities richtext-after-plain; do
    cp "$corpus/$name.xlsx" "$work/"
done
office --convert-to xls --outdir "$work/xls" "$work"/*.xlsx
office --convert-to ods --outdir "$work/ods" "$work"/issues.xlsx "$work"/date.xlsx "$work"/picture.xlsx \
    "$work"/merged_range.xlsx "$work"/errors.xlsx "$work"/any_sheets.xlsx
office --infilter=CSV:44,34,76,1 --convert-to xls --outdir "$work/xls" "$here/long_strings.csv"
office --infilter=CSV:44,34,76,1 --convert-to ods --outdir "$work/ods" "$here/long_strings.csv"
office --infilter=CSV:44,34,76,1 --convert-to ods --outdir "$work/ods" "$here/whitespace.csv"
for file in "$work"/xls/*.xls "$work"/ods/*.ods; do cp "$file" "$here/lo_$(basename "$file")"; done
