#!/usr/bin/python3
"""Writes the workbooks that tst_recipientworkbook reads, with the spreadsheet libraries Debian
ships: openpyxl (.xlsx), odfpy (.ods) and xlwt (.xls, BIFF8).

    /usr/bin/python3 make_workbooks.py OUTPUT_DIR
    /usr/bin/python3 make_workbooks.py OUTPUT_DIR --big [ROWS]   (the benchmark's lists)

openpyxl and odfpy never compute formulas, so the cached value a spreadsheet application would
have stored with each formula is written here by hand (Excel and LibreOffice always store one).
"""
import argparse
import datetime
import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

TITLE = "2026年11月 工资条名单"
HEADER = ["工号", "姓名", "邮箱", "入职日期", "Start", "工资", "合计"]
ROWS = [
    # id (number, "00000"), name, email, date, date, salary (0.00), the formula's stored result
    (123, "王小明", "wang@example.org", datetime.date(2026, 12, 6), 1234.5, 2469),
    ("00456", "李雷", "li@example.org", datetime.date(2025, 1, 31), 88, 176),
    (7, "Hidden Row", "hidden@example.org", datetime.date(2024, 2, 29), 1, 2),
    (42, "Zoë Müller", "zoe@example.org", datetime.date(2023, 7, 4), 0.5, 1),
]


def write_xlsx(path: Path):
    book = openpyxl.Workbook()
    empty = book.active
    empty.title = "Empty"  # the first sheet holds nothing: the default skips it

    secret = book.create_sheet("Secret")
    secret.sheet_state = "hidden"
    secret.append(["email"])
    secret.append(["secret@example.org"])

    sheet = book.create_sheet("员工")
    sheet.append([TITLE])
    sheet.merge_cells("A1:G1")  # a merged title row above the header: not a header
    sheet.append(HEADER)
    cached = {}
    for index, (number, name, email, date, salary, total) in enumerate(ROWS):
        row = index + 3
        sheet.cell(row, 1, number)
        if isinstance(number, int):
            sheet.cell(row, 1).number_format = "00000"
        else:
            sheet.cell(row, 1).number_format = "@"
        sheet.cell(row, 2, name)
        sheet.cell(row, 3, email)
        sheet.cell(row, 4, date).number_format = 'yyyy"年"m"月"d"日"'
        sheet.cell(row, 5, date).number_format = "dd/mm/yyyy"
        sheet.cell(row, 6, salary).number_format = "0.00"
        sheet.cell(row, 7, f"=F{row}*2").number_format = "0.00"
        cached[f"G{row}"] = total
    sheet.row_dimensions[5].hidden = True
    # Formatted but empty cells far away: Excel keeps them, the import must not see columns or rows.
    sheet["K40"].fill = PatternFill("solid", fgColor="FFFF00")
    sheet["B41"].number_format = "0.00"

    merged = book.create_sheet("Merged")
    merged.append(["email", "联系方式", None, "city"])
    merged.merge_cells("B1:C1")
    merged.append(["a@example.org", "010-1234", "139", "北京"])
    book.save(path)
    add_cached_values(path, sheet_file="xl/worksheets/sheet3.xml", values=cached)


def add_cached_values(path: Path, sheet_file: str, values: dict):
    """Stores the result of each formula the way Excel does: <c r="G3"><f>F3*2</f><v>2469</v>."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members[sheet_file].decode("utf-8")
    for reference, value in values.items():
        pattern = re.compile(r'(<c r="%s"[^>]*>)<f>([^<]*)</f>(<v\s*/>|<v></v>)?' % reference)
        xml, count = pattern.subn(lambda m: f"{m.group(1)}<f>{m.group(2)}</f><v>{value}</v>", xml)
        assert count == 1, (reference, xml[:2000])
    members[sheet_file] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def as_excel_writes_it(source: Path, target: Path, each_distinct_once: bool = False):
    """The same workbook as Excel, WPS and LibreOffice store it: every string in the shared
    strings part (xl/sharedStrings.xml) and relationship targets relative to their part, where
    openpyxl writes inline strings and package-absolute targets. Excel stores each distinct
    string once (`each_distinct_once`); without it every cell has a shared string of its own,
    the most a list's shared strings can hold (the tests' files, whose parts must be big)."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    strings = []
    index_of = {}
    cells = 0

    def share(match):
        nonlocal cells
        cells += 1
        text = match.group(3)
        if not each_distinct_once or text not in index_of:
            index_of[text] = len(strings)
            strings.append(text)
        return f'<c{match.group(1)}t="s"{match.group(2)}><v>{index_of[text]}</v></c>'

    for name in list(members):
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            xml = members[name].decode("utf-8")
            xml = re.sub(r'<c([^>]*?)t="inlineStr"([^>]*)><is>(.*?)</is></c>', share, xml)
            members[name] = xml.encode("utf-8")
        elif name.endswith(".rels"):
            base = name[: name.rfind("_rels/")]
            xml = members[name].decode("utf-8").replace(f'Target="/{base}', 'Target="')
            members[name] = xml.replace('Target="/', 'Target="').encode("utf-8")
    members["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{cells}" uniqueCount="{len(strings)}">'
        + "".join(f"<si>{text}</si>" for text in strings) + "</sst>").encode("utf-8")
    rels = members["xl/_rels/workbook.xml.rels"].decode("utf-8")
    members["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    ).encode("utf-8")
    types = members["[Content_Types].xml"].decode("utf-8")
    members["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ).encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def write_ods(path: Path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableColumnProperties, TableProperties, TableRowProperties
    from odf.number import DateStyle, Day, Month, NumberStyle, Number, Text as NumberText, Year
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    zeros = NumberStyle(name="N5")
    zeros.addElement(Number(decimalplaces="0", minintegerdigits="5"))
    two = NumberStyle(name="N2")
    two.addElement(Number(decimalplaces="2", minintegerdigits="1"))
    chinese = DateStyle(name="D1")
    chinese.addElement(Year(style="long"))
    chinese.addElement(NumberText(text="年"))
    chinese.addElement(Month())
    chinese.addElement(NumberText(text="月"))
    chinese.addElement(Day())
    chinese.addElement(NumberText(text="日"))
    european = DateStyle(name="D2")
    european.addElement(Day(style="long"))
    european.addElement(NumberText(text="/"))
    european.addElement(Month(style="long"))
    european.addElement(NumberText(text="/"))
    european.addElement(Year(style="long"))
    for style in (zeros, two, chinese, european):
        document.automaticstyles.addElement(style)

    def cell_style(name, data_style):
        style = Style(name=name, family="table-cell", datastylename=data_style)
        document.automaticstyles.addElement(style)
        return style

    zeros_cell = cell_style("ce1", zeros)
    two_cell = cell_style("ce2", two)
    chinese_cell = cell_style("ce3", chinese)
    european_cell = cell_style("ce4", european)
    hidden_table = Style(name="ta_hidden", family="table")
    hidden_table.addElement(TableProperties(display="false"))
    document.automaticstyles.addElement(hidden_table)

    def text(value, **attributes):
        cell = TableCell(valuetype="string", **attributes)
        cell.addElement(P(text=value))
        return cell

    def number(value, style, shown, **attributes):
        cell = TableCell(valuetype="float", value=str(value), stylename=style, **attributes)
        cell.addElement(P(text=shown))
        return cell

    def date(value, style, shown):
        cell = TableCell(valuetype="date", datevalue=value.isoformat(), stylename=style)
        cell.addElement(P(text=shown))
        return cell

    empty = Table(name="Empty")
    empty.addElement(TableRow())
    document.spreadsheet.addElement(empty)

    secret = Table(name="Secret", stylename=hidden_table)
    for value in ("email", "secret@example.org"):
        row = TableRow()
        row.addElement(text(value))
        secret.addElement(row)
    document.spreadsheet.addElement(secret)

    sheet = Table(name="员工")
    sheet.addElement(TableColumn(numbercolumnsrepeated="7"))
    title = TableRow()
    title.addElement(text(TITLE, numbercolumnsspanned="7"))
    for _ in range(6):
        title.addElement(CoveredTableCell())
    sheet.addElement(title)
    header = TableRow()
    for value in HEADER:
        header.addElement(text(value))
    sheet.addElement(header)
    for index, (identifier, name, email, day, salary, total) in enumerate(ROWS):
        row_number = index + 3
        attributes = {}
        if row_number == 5:
            hidden_row = Style(name="ro_hidden", family="table-row")
            hidden_row.addElement(TableRowProperties(rowheight="0.45cm"))
            document.automaticstyles.addElement(hidden_row)
            attributes = {"visibility": "collapse"}
        row = TableRow(**attributes)
        if isinstance(identifier, int):
            row.addElement(number(identifier, zeros_cell, f"{identifier:05d}"))
        else:
            row.addElement(text(identifier))
        row.addElement(text(name))
        row.addElement(text(email))
        row.addElement(date(day, chinese_cell, f"{day.year}年{day.month}月{day.day}日"))
        row.addElement(date(day, european_cell, day.strftime("%d/%m/%Y")))
        row.addElement(number(salary, two_cell, f"{salary:.2f}"))
        formula = number(total, two_cell, f"{total:.2f}", formula=f"of:=[.F{row_number}]*2")
        row.addElement(formula)
        sheet.addElement(row)
    document.spreadsheet.addElement(sheet)

    merged = Table(name="Merged")
    row = TableRow()
    row.addElement(text("email"))
    row.addElement(text("联系方式", numbercolumnsspanned="2"))
    row.addElement(CoveredTableCell())
    row.addElement(text("city"))
    merged.addElement(row)
    row = TableRow()
    for value in ("a@example.org", "010-1234", "139", "北京"):
        row.addElement(text(value))
    merged.addElement(row)
    document.spreadsheet.addElement(merged)
    document.save(str(path))


def write_xls(path: Path):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    book.add_sheet("Empty")
    sheet = book.add_sheet("员工")
    sheet.write(0, 0, TITLE)
    for column, value in enumerate(HEADER[:6]):
        sheet.write(1, column, value)
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for index, (identifier, name, email, day, salary, _total) in enumerate(ROWS):
        row = index + 2
        sheet.write(row, 0, identifier if isinstance(identifier, str) else f"{identifier:05d}")
        sheet.write(row, 1, name)
        sheet.write(row, 2, email)
        sheet.write(row, 3, day, date_style)
        sheet.write(row, 4, day, date_style)
        sheet.write(row, 5, salary)
    book.save(str(path))


def write_malformed_xlsx(path: Path):
    """A value right of the last named column: the row is refused with its number."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["email", "name"])
    sheet.append(["a@example.org", "A"])
    sheet.append(["b@example.org", "B", None, "stray"])
    book.save(path)


def write_custom_header_xlsx(path: Path):
    """A title above a header whose address column has a name the import does not know."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Q4 mailing"])
    sheet.append(["Mail Addr", "Who"])
    sheet.append(["a@example.org", "A"])
    book.save(path)


def write_excel_details_xlsx(path: Path):
    """What Excel and other writers produce and openpyxl 3.0 cannot: rich-text shared strings with
    a phonetic reading (<rPh>, not part of the text), a namespace prefix on every element (x:),
    the 1904 date system, a boolean, an error value, a cell without its reference, and an entity."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    members = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/></Types>',
        "_rels/.rels":
            f'<Relationships xmlns="{package}"><Relationship Id="rId1" Type="{relationships}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<x:workbook xmlns:x="{main}" xmlns:r="{relationships}"><x:workbookPr date1904="1"/>'
            '<x:sheets><x:sheet name="名单" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
        "xl/_rels/workbook.xml.rels":
            f'<Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{relationships}/worksheet" Target="worksheets/s1.xml"/>'
            f'<Relationship Id="rId2" Type="{relationships}/sharedStrings" Target="strings.xml"/>'
            f'<Relationship Id="rId3" Type="{relationships}/styles" Target="styles.xml"/>'
            '</Relationships>',
        "xl/strings.xml":
            f'<x:sst xmlns:x="{main}"><x:si><x:t>email</x:t></x:si><x:si><x:t>name</x:t></x:si>'
            '<x:si><x:r><x:t>王</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>小明</x:t></x:r>'
            '<x:rPh sb="0" eb="1"><x:t>ワン</x:t></x:rPh></x:si></x:sst>',
        "xl/styles.xml":
            f'<x:styleSheet xmlns:x="{main}"><x:numFmts count="1"><x:numFmt numFmtId="164" '
            'formatCode="yyyy-mm-dd"/></x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0"/>'
            '<x:xf numFmtId="164"/></x:cellXfs></x:styleSheet>',
        "xl/worksheets/s1.xml":
            f'<x:worksheet xmlns:x="{main}"><x:sheetData>'
            '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>'
            '<x:c r="C1" t="inlineStr"><x:is><x:t>note</x:t></x:is></x:c>'
            '<x:c r="D1" t="inlineStr"><x:is><x:t>flag</x:t></x:is></x:c>'
            '<x:c r="E1" t="inlineStr"><x:is><x:t>when</x:t></x:is></x:c>'
            '<x:c r="F1" t="inlineStr"><x:is><x:t>check</x:t></x:is></x:c></x:row>'
            '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>wang@example.org</x:t></x:is></x:c>'
            '<x:c r="B2" t="s"><x:v>2</x:v></x:c>'
            '<x:c r="C2" t="str"><x:f>"x &amp; "&amp;"y"</x:f><x:v>x &amp; y</x:v></x:c>'
            '<x:c r="D2" t="b"><x:v>1</x:v></x:c><x:c r="E2" s="1"><x:v>0</x:v></x:c>'
            '<x:c r="F2" t="e"><x:f>NA()</x:f><x:v>#N/A</x:v></x:c></x:row>'
            '<x:row><x:c t="inlineStr"><x:is><x:t>li@example.org</x:t></x:is></x:c><x:c/>'
            '<x:c t="inlineStr"><x:is><x:t>third</x:t></x:is></x:c></x:row>'
            '</x:sheetData></x:worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data.encode("utf-8"))


def write_late_shared_strings_xlsx(path: Path):
    """Shared strings in the places where filling them in after the sheet is parsed could go
    wrong: an empty one and one whose index is out of range at the end of a row, a row that holds
    nothing else, and a row whose number comes twice (the second replaces the first)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    strings = ["email", "name", "", "a@example.org", "A", "x@example.org", "B-note"]

    def shared(reference, index):
        return f'<c r="{reference}" t="s"><v>{index}</v></c>'

    def inline(reference, text):
        return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'

    rows = [
        (1, shared("A1", 0) + shared("B1", 1) + inline("C1", "note") + shared("D1", 2)),
        (2, shared("A2", 3) + shared("B2", 4) + shared("C2", 2) + shared("D2", 99)),
        (4, shared("A4", 5) + shared("B4", 5)),
        (4, inline("A4", "b@example.org") + shared("C4", 6)),
        (5, shared("C5", 2)),
    ]
    members = {
        "_rels/.rels":
            f'<Relationships xmlns="{package}"><Relationship Id="rId1" Type="{relationships}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<workbook xmlns="{main}" xmlns:r="{relationships}">'
            '<sheets><sheet name="Late" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            f'<Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{relationships}/worksheet" Target="worksheets/s1.xml"/>'
            f'<Relationship Id="rId2" Type="{relationships}/sharedStrings" Target="strings.xml"/>'
            '</Relationships>',
        "xl/strings.xml":
            f'<sst xmlns="{main}">' + "".join(f"<si><t>{text}</t></si>" for text in strings)
            + "</sst>",
        "xl/worksheets/s1.xml":
            f'<worksheet xmlns="{main}"><sheetData>'
            + "".join(f'<row r="{number}">{cells}</row>' for number, cells in rows)
            + "</sheetData></worksheet>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data.encode("utf-8"))


def write_cut_part(source: Path, target: Path, part: str, marker: bytes, ending: bytes = b""):
    """`source` with one part cut inside its last `marker` (an element's name), then `ending`,
    stored with a correct CRC: the ZIP is sound and the damage shows only when that part is
    checked (without an ending: the part ends before its last element does) or parsed (with the
    root's end tag as ending: a malformed element); the shared strings are read on another thread
    than the sheets."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members[part] = members[part][: members[part].rindex(marker) + 2] + ending
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def write_big_xlsx(path: Path, rows: int):
    """A write-only (streamed) workbook of `rows` recipients, for the benchmark."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Recipients")
    sheet.append(["email", "name", "company", "city", "plan"])
    for index in range(rows):
        sheet.append([f"user{index}@example.org", f"User {index}", f"Company {index % 500}",
                      ["Beijing", "Shanghai", "Berlin", "Paris"][index % 4], f"P{index % 7}"])
    book.save(path)


def write_big_csv(path: Path, rows: int):
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("email,name,company,city,plan\r\n")
        for index in range(rows):
            out.write(f"user{index}@example.org,User {index},Company {index % 500},"
                      f"{['Beijing', 'Shanghai', 'Berlin', 'Paris'][index % 4]},P{index % 7}\r\n")


if __name__ == "__main__":
    # argparse, so that "--help" says how to call this rather than name a folder to write into.
    parser = argparse.ArgumentParser(
        description="Writes the workbooks the tests and the workbook benchmark read.")
    parser.add_argument("output", type=Path, help="the folder to write into")
    parser.add_argument("--big", nargs="?", type=int, const=100000, metavar="ROWS",
                        help="write the benchmark's list of ROWS rows (default 100000) instead")
    arguments = parser.parse_args()
    output = arguments.output
    output.mkdir(parents=True, exist_ok=True)
    if arguments.big is not None:
        count = arguments.big
        write_big_xlsx(output / "big.xlsx", count)
        as_excel_writes_it(output / "big.xlsx", output / "big-excel.xlsx", each_distinct_once=True)
        as_excel_writes_it(output / "big.xlsx", output / "big-excel-unshared.xlsx")
        write_big_csv(output / "big.csv", count)
    else:
        write_xlsx(output / "people.xlsx")
        as_excel_writes_it(output / "people.xlsx", output / "people-excel.xlsx")
        write_ods(output / "people.ods")
        write_xls(output / "people.xls")
        write_malformed_xlsx(output / "malformed.xlsx")
        write_custom_header_xlsx(output / "custom-header.xlsx")
        write_excel_details_xlsx(output / "excel-details.xlsx")
        write_late_shared_strings_xlsx(output / "late-shared-strings.xlsx")
        # Parts of more than 1 MB, read in chunks as they unpack, by several threads.
        write_big_xlsx(output / "many.xlsx", 10000)
        as_excel_writes_it(output / "many.xlsx", output / "many-excel.xlsx")
        write_cut_part(output / "people-excel.xlsx", output / "cut-strings.xlsx",
                       "xl/sharedStrings.xml", b"<si>")
        write_cut_part(output / "people-excel.xlsx", output / "cut-sheet.xlsx",
                       "xl/worksheets/sheet3.xml", b"<row")
        write_cut_part(output / "people-excel.xlsx", output / "malformed-strings.xlsx",
                       "xl/sharedStrings.xml", b"<si>", b"</sst>")
        write_cut_part(output / "people-excel.xlsx", output / "malformed-sheet.xlsx",
                       "xl/worksheets/sheet3.xml", b"<row", b"</sheetData></worksheet>")
