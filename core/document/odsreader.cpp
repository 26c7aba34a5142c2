#include "document/workbookreader.h"

#include <QXmlStreamReader>

namespace Bulkmail {

namespace {

constexpr QLatin1String TableNamespace("urn:oasis:names:tc:opendocument:xmlns:table:1.0");
constexpr QLatin1String TextNamespace("urn:oasis:names:tc:opendocument:xmlns:text:1.0");
constexpr QLatin1String OfficeNamespace("urn:oasis:names:tc:opendocument:xmlns:office:1.0");
constexpr QLatin1String StyleNamespace("urn:oasis:names:tc:opendocument:xmlns:style:1.0");
// A spreadsheet has at most this many columns (LibreOffice: 16,384) and rows (1,048,576): a
// repeat count beyond them is the "rest of the sheet" filler that files end with.
constexpr qsizetype MaxColumns = 16384;
constexpr qsizetype MaxRows = 1048576;

bool is(const QXmlStreamReader &xml, QLatin1String namespaceUri, QLatin1String name)
{
    return xml.namespaceUri() == namespaceUri && xml.name() == name;
}

qsizetype repeatCount(const QXmlStreamReader &xml, QLatin1String attribute, qsizetype limit)
{
    bool isNumber = false;
    const qsizetype count = xml.attributes().value(TableNamespace, attribute).toLongLong(&isNumber);
    return isNumber && count > 0 ? std::min(count, limit) : 1;
}

// The text of a cell, read up to its end element: the paragraphs as the spreadsheet displayed
// them when it saved the file. Comments (office:annotation) are not part of it.
QString readCellText(QXmlStreamReader &xml, bool &hasParagraph)
{
    QString text;
    int paragraphDepth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement()) {
            if (is(xml, TableNamespace, QLatin1String("table-cell"))
                || is(xml, TableNamespace, QLatin1String("covered-table-cell"))) {
                break;
            }
            if (is(xml, TextNamespace, QLatin1String("p")))
                --paragraphDepth;
        } else if (xml.isStartElement()) {
            if (is(xml, OfficeNamespace, QLatin1String("annotation"))) {
                xml.skipCurrentElement();
            } else if (is(xml, TextNamespace, QLatin1String("p"))) {
                if (hasParagraph)
                    text += u'\n';
                hasParagraph = true;
                ++paragraphDepth;
            } else if (is(xml, TextNamespace, QLatin1String("s"))) {
                bool isNumber = false;
                const int count = xml.attributes()
                                      .value(TextNamespace, QLatin1String("c"))
                                      .toInt(&isNumber);
                text += QString(isNumber ? std::clamp(count, 1, 1000) : 1, u' ');
            } else if (is(xml, TextNamespace, QLatin1String("tab"))) {
                text += u'\t';
            } else if (is(xml, TextNamespace, QLatin1String("line-break"))) {
                text += u'\n';
            }
        } else if (xml.isCharacters() && paragraphDepth > 0) {
            text += xml.text();
        }
    }
    return text;
}

// A cell without a paragraph (some generators write none) still has its value attributes.
QString valueAttribute(const QXmlStreamAttributes &attributes)
{
    for (const char *name : {"string-value", "value", "date-value", "time-value", "boolean-value"}) {
        const auto value = attributes.value(OfficeNamespace, QLatin1String(name));
        if (!value.isEmpty())
            return value.toString();
    }
    return {};
}

} // namespace

// content.xml of an OpenDocument spreadsheet (OpenDocument 1.2 Part 1 §9.1): tables, rows with
// their repeat counts and visibility, cells with their spans. Covered cells keep their column.
Result<std::vector<WorkbookSheet>> readOdsContent(const QByteArray &content)
{
    std::vector<WorkbookSheet> sheets;
    QStringList hiddenTableStyles;
    QString styleName;
    qsizetype row = 0;
    QXmlStreamReader xml(content);
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (is(xml, StyleNamespace, QLatin1String("style"))) {
            styleName = xml.attributes().value(StyleNamespace, QLatin1String("name")).toString();
        } else if (is(xml, StyleNamespace, QLatin1String("table-properties"))) {
            if (xml.attributes().value(TableNamespace, QLatin1String("display")) == u"false")
                hiddenTableStyles.append(styleName);
        } else if (is(xml, TableNamespace, QLatin1String("table"))) {
            WorkbookSheet sheet;
            sheet.name = xml.attributes().value(TableNamespace, QLatin1String("name")).toString();
            sheet.isHidden = hiddenTableStyles.contains(
                xml.attributes().value(TableNamespace, QLatin1String("style-name")).toString());
            sheets.push_back(std::move(sheet));
            row = 0;
        } else if (is(xml, TableNamespace, QLatin1String("table-row")) && !sheets.empty()) {
            WorkbookSheet &sheet = sheets.back();
            const qsizetype rows = repeatCount(xml, QLatin1String("number-rows-repeated"), MaxRows);
            const auto visibility = xml.attributes().value(TableNamespace,
                                                           QLatin1String("visibility"));
            const bool isHidden = visibility == u"collapse" || visibility == u"filter";
            QStringList cells;
            qsizetype column = 0;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isEndElement() && is(xml, TableNamespace, QLatin1String("table-row")))
                    break;
                if (!xml.isStartElement())
                    continue;
                const bool isCell = is(xml, TableNamespace, QLatin1String("table-cell"));
                if (!isCell && !is(xml, TableNamespace, QLatin1String("covered-table-cell")))
                    continue;
                const QXmlStreamAttributes attributes = xml.attributes();
                const qsizetype columns = repeatCount(xml,
                                                      QLatin1String("number-columns-repeated"),
                                                      MaxColumns);
                const qsizetype spannedColumns = repeatCount(xml,
                                                             QLatin1String(
                                                                 "number-columns-spanned"),
                                                             MaxColumns);
                const qsizetype spannedRows = repeatCount(xml,
                                                          QLatin1String("number-rows-spanned"),
                                                          MaxRows);
                if (isCell && (spannedColumns > 1 || spannedRows > 1)) {
                    sheet.mergedCells.append({int(row),
                                              int(column),
                                              int(row + spannedRows - 1),
                                              int(column + spannedColumns - 1)});
                }
                bool hasParagraph = false;
                QString text = readCellText(xml, hasParagraph);
                if (!hasParagraph)
                    text = valueAttribute(attributes);
                if (!text.isEmpty()) {
                    while (cells.size() < column)
                        cells.append(QString());
                    for (qsizetype i = 0; i < columns && cells.size() < MaxColumns; ++i)
                        cells.append(text);
                }
                column += columns;
            }
            if (!cells.isEmpty()) {
                if (std::size_t(row + rows) > sheet.rows.size())
                    sheet.rows.resize(std::size_t(row + rows));
                for (qsizetype i = 0; i < rows; ++i) {
                    sheet.rows[std::size_t(row + i)] = cells;
                    if (isHidden)
                        sheet.hiddenRows.append(int(row + i));
                }
            }
            row += rows;
        }
    }
    if (xml.hasError()) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("the workbook cannot be read (content.xml, line %1: %2); "
                                        "open it in the spreadsheet application and save it "
                                        "again")
                             .arg(xml.lineNumber())
                             .arg(xml.errorString()));
    }
    return sheets;
}

} // namespace Bulkmail
