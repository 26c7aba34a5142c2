#!/usr/bin/python3
"""Writes the workbook that take-screenshots.sh shows in the import dialog: a list as office staff
keep one in Excel or WPS, written by a real spreadsheet library (Debian's python3-openpyxl).

    make-staff-workbook.py OUTPUT.xlsx

A merged title row above the header, employee IDs kept as numbers shown with leading zeros, a
date column in a Chinese date format, one address that is not an address, and a hidden sheet.
"""
import datetime
import sys

from openpyxl import Workbook


def main(path: str) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "2026年11月"
    sheet.append(["2026年11月工资条 · Payslips, November 2026"])
    sheet.merge_cells("A1:E1")
    sheet.append(["工号", "姓名", "邮箱", "部门", "入职日期"])
    rows = [
        (123, "李雷", "li.lei@example.com", "销售", datetime.date(2019, 3, 1)),
        (456, "韩梅梅", "han.meimei@example.com", "财务", datetime.date(2021, 7, 15)),
        (1789, "Anna Schmidt", "anna.schmidt@example.org", "Design", datetime.date(2023, 1, 9)),
        (2050, "王芳", "wang.fang@example.com", "Support", datetime.date(2024, 11, 4)),
        (3007, "Broken Row", "not-an-address", "Support", datetime.date(2025, 6, 30)),
    ]
    for employee_id, name, email, team, joined in rows:
        sheet.append([employee_id, name, email, team, joined])
        row = sheet.max_row
        sheet.cell(row, 1).number_format = "00000"
        sheet.cell(row, 5).number_format = 'yyyy"年"m"月"d"日"'
    hidden = book.create_sheet("工资明细")
    hidden.append(["工号", "月薪"])
    hidden.append([123, 12000])
    hidden.sheet_state = "hidden"
    book.save(path)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make-staff-workbook.py OUTPUT.xlsx")
    main(sys.argv[1])
