#!/usr/bin/env python3
"""Writes the CSV fixtures of tests/document/tst_recipientcsv.cpp, byte for byte as the named
programs export them. The files are committed; rerun this only to change them:
    python3 tests/data/csv/generate.py
Line numbers asserted by the tests depend on these exact contents."""

import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def crlf(lines):
    return "".join(line + "\r\n" for line in lines)


# Excel "CSV UTF-8 (Comma delimited)" on a German/French Windows: BOM, ';' (the list separator of
# those locales), CRLF; quotes only where needed.
write("excel_utf8_bom_semicolon.csv", b"\xef\xbb\xbf" + crlf([
    "E-mail Address;Name;Company;City",
    "anna.mueller@example.de;Anna Müller;Müller & Söhne GmbH;Köln",
    "jean.dupont@example.fr;Jean Dupont;\"Dupont; Fils\";Paris",
    "zoe@example.org;\"Zoë \"\"Z\"\" Martin\";;",
    "lars@example.se;Lars Ørsted;Ørsted AB;Malmö",
]).encode("utf-8"))

# Google Sheets "Download > Comma-separated values": UTF-8 without BOM, ',', CRLF, no final
# empty line difference; names with emoji (outside the BMP) and mixed scripts.
write("google_sheets.csv", crlf([
    "Email,Full name,Company,Plan",
    "ana@example.com,Ana 🌸 Silva,Flores Ltda,pro",
    "kenji@example.jp,山田 健二,\"Yamada, Inc.\",free",
    "omar@example.net,Omar 👨‍👩‍👧 Haddad,,team",
    "mia@example.org,Mia 😀,Mia's Café,",
]).encode("utf-8"))

# Tab-separated, LF line ends (a Unix tool or "Save as Text (Tab delimited)" on a Mac).
write("tab_separated.tsv", "".join(line + "\n" for line in [
    "email\tname\tcity",
    "tom@example.org\tTom Baker\tLondon",
    "eva@example.org\tEva, the second\tWien",
    "raj@example.org\tRaj Patel\t",
]).encode("utf-8"))

# Excel "Unicode Text (*.txt)": UTF-16LE with BOM, tab-separated, CRLF.
write("excel_unicode_text_utf16le.txt", "\ufeff".encode("utf-16-le") + crlf([
    "Email\tName\tDepartment",
    "li.wei@example.cn\t李伟\t销售部",
    "sofia@example.es\tSofía Núñez\tVentas",
    "\"quoted@example.org\"\t\"Tab\there\"\tIT",
]).encode("utf-16-le"))

# Excel "CSV (Comma delimited)" on Chinese Windows: GB18030/GBK (code page 936), no BOM, CRLF.
surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
given = ["芳", "伟", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
         "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华"]
cities = ["北京", "上海", "广州", "深圳", "杭州"]
rows = ["邮箱,姓名,公司,城市"]
for i, (s, g) in enumerate(zip(surnames, given)):
    rows.append(f"user{i + 1:02d}@example.cn,{s}{g},{cities[i % 5]}科技有限公司,{cities[i % 5]}")
write("gb18030_chinese.csv", crlf(rows).encode("gb18030"))

# RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quoted fields. A record
# with a line break starts on one line and ends on a later one.
write("quoted_fields.csv", crlf([
    "email,name,address,note",
    "a@example.org,\"Doe, Jane\",\"1 Main St\r\nSpringfield\",\"She said \"\"hi\"\"\"",
    "b@example.org,Bob,\"line one\r\nline two\r\nline three\",plain",
    "c@example.org,\"\",,\"\"\"quoted\"\" only\"",
    "",
    "d@example.org,Dee,\"trailing, comma\",",
]).encode("utf-8"))

# A quote opened on line 3 and never closed: everything after it would be one value.
write("malformed_unterminated_quote.csv", crlf([
    "email,name",
    "a@example.org,Alice",
    "b@example.org,\"Bob",
    "c@example.org,Carol",
]).encode("utf-8"))

# Line 4 has an unquoted comma inside the name: one value too many.
write("too_many_fields.csv", crlf([
    "email,name,city",
    "a@example.org,Alice,Oslo",
    "b@example.org,Bob,Bergen",
    "c@example.org,Smith, Carol,Tromsø",
    "d@example.org,Dan,Bodø",
]).encode("utf-8"))

write("empty.csv", b"")
write("header_only.csv", crlf(["email,name"]).encode("utf-8"))

# Invalid addresses (kept and flagged) and duplicates (domain case-insensitive; local-part case
# differences are probable duplicates).
write("duplicates_invalid.csv", crlf([
    "email,name",
    "alice@example.org,Alice",
    "not-an-address,Broken",
    "bob@example.org,Bob",
    "alice@EXAMPLE.org,Alice again",
    ",No address",
    "Bob@example.org,Bob capitalised",
    "carol@example.org,Carol",
    "alice@example.org,Alice third",
    "dave@@example.org,Dave",
]).encode("utf-8"))
