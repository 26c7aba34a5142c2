#include "document/spreadsheetnumberformat.h"
#include "document/workbookpackage.h"
#include "document/workbookreader.h"
#include "document/xlsxsharedstrings.h"
#include "document/xlsxsheetreader.h"
#include "document/xlsxtext.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <exception>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <orcus/sax_parser.hpp>

namespace Bulkmail {

// An .xlsx read part by part with liborcus's SAX parser (orcus::sax_parser), not through its
// spreadsheet document model (orcus_xlsx): the model tokenises every name, resolves namespaces and
// calls an interface per cell, which cost six times a CSV import of the same list (bench/README.md);
// the parts of SpreadsheetML a recipient list needs are few (ECMA-376 Part 1 §18). Element and
// attribute names are matched by local name, so that prefixed writers (<x:c>) and Strict OOXML,
// which differ only in namespace, read alike.
//
// This file walks the package: its relationships, the workbook, the styles. The shared strings
// are read in xlsxsharedstrings.cpp and each sheet in xlsxsheetreader.cpp, with the text
// helpers of xlsxtext.h.

using namespace Xlsx;

namespace {

template<typename Integer>
std::optional<Integer> toInteger(std::string_view text)
{
    Integer value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

// A part's name from a relationship's target (ECMA-376 Part 2 §9.3): relative to the folder of
// the part that has the relationship ("worksheets/sheet1.xml" from xl/workbook.xml), or absolute
// in the package ("/xl/worksheets/sheet1.xml", as openpyxl writes it).
QByteArray resolveTarget(const QByteArray &sourceFolder, QByteArray target)
{
    if (target.startsWith('/'))
        return target.sliced(1);
    QList<QByteArray> parts = sourceFolder.isEmpty() ? QList<QByteArray>()
                                                     : sourceFolder.split('/');
    for (const QByteArray &segment : target.split('/')) {
        if (segment == "..") {
            if (!parts.isEmpty())
                parts.removeLast();
        } else if (!segment.isEmpty() && segment != ".") {
            parts.append(segment);
        }
    }
    return parts.join('/');
}

// --- _rels/*.rels: Id → (Type, Target) -------------------------------------------------------

struct Relationship
{
    QByteArray id;
    QByteArray type;
    QByteArray target;
};

class RelationshipsHandler final : public orcus::sax_handler
{
public:
    void attribute(const orcus::sax::parser_attribute &attribute)
    {
        const QByteArray value(attribute.value.data(), qsizetype(attribute.value.size()));
        if (attribute.name == "Id")
            m_current.id = value;
        else if (attribute.name == "Type")
            m_current.type = value;
        else if (attribute.name == "Target")
            m_current.target = value;
    }
    void start_element(const orcus::sax::parser_element &element)
    {
        if (element.name == "Relationship")
            relationships.push_back(m_current);
        m_current = {};
    }

    std::vector<Relationship> relationships;

private:
    Relationship m_current;
};

std::vector<Relationship> readRelationships(const WorkbookPackage &package, const QByteArray &part)
{
    const qsizetype slash = part.lastIndexOf('/');
    const QByteArray relsName = (slash < 0 ? QByteArray() : part.first(slash + 1)) + "_rels/"
                                + part.sliced(slash + 1) + ".rels";
    RelationshipsHandler handler;
    if (const auto xml = package.part(relsName))
        parseXml(*xml, handler);
    return handler.relationships;
}

// --- xl/workbook.xml: the sheets in order, their visibility, the date system ------------------

struct SheetEntry
{
    QString name;
    bool isHidden = false;
    QByteArray relationshipId;
};

class WorkbookHandler final : public orcus::sax_handler
{
public:
    void attribute(const orcus::sax::parser_attribute &attribute)
    {
        if (attribute.name == "name")
            m_name = fromUtf8(attribute.value);
        else if (attribute.name == "state")
            m_isHidden = attribute.value == "hidden" || attribute.value == "veryHidden";
        else if (attribute.name == "id" && !attribute.ns.empty())
            m_id = QByteArray(attribute.value.data(), qsizetype(attribute.value.size()));
        else if (attribute.name == "date1904")
            m_date1904 = isTrue(attribute.value);
    }
    void start_element(const orcus::sax::parser_element &element)
    {
        if (element.name == "sheet")
            sheets.push_back({m_name, m_isHidden, m_id});
        else if (element.name == "workbookPr" && m_date1904)
            dateSystem = SpreadsheetNumberFormat::DateSystem::Mac1904;
        m_name.clear();
        m_isHidden = false;
        m_id.clear();
        m_date1904 = false;
    }

    std::vector<SheetEntry> sheets;
    SpreadsheetNumberFormat::DateSystem dateSystem = SpreadsheetNumberFormat::DateSystem::Windows1900;

private:
    QString m_name;
    bool m_isHidden = false;
    QByteArray m_id;
    bool m_date1904 = false;
};

// --- xl/styles.xml: only number formats matter (fonts and fills change how a cell looks, not
// its text): <numFmts><numFmt numFmtId formatCode/> and <cellXfs><xf numFmtId/> ----------------

class StylesHandler final : public orcus::sax_handler
{
public:
    void attribute(const orcus::sax::parser_attribute &attribute)
    {
        if (attribute.name == "numFmtId")
            m_identifier = toInteger<int>(attribute.value).value_or(0);
        else if (attribute.name == "formatCode")
            m_code = fromUtf8(attribute.value);
    }
    void start_element(const orcus::sax::parser_element &element)
    {
        if (element.name == "numFmts")
            m_inNumberFormats = true;
        else if (element.name == "cellXfs")
            m_inCellFormats = true;
        else if (element.name == "numFmt" && m_inNumberFormats)
            codes.insert(m_identifier, m_code);
        else if (element.name == "xf" && m_inCellFormats)
            cellFormats.push_back(m_identifier);
        m_identifier = 0;
        m_code.clear();
    }
    void end_element(const orcus::sax::parser_element &element)
    {
        if (element.name == "numFmts")
            m_inNumberFormats = false;
        else if (element.name == "cellXfs")
            m_inCellFormats = false;
    }

    QHash<int, QString> codes;    // custom number formats by numFmtId
    std::vector<int> cellFormats; // cell format (the s of a cell) → numFmtId

private:
    int m_identifier = 0;
    QString m_code;
    bool m_inNumberFormats = false;
    bool m_inCellFormats = false;
};

QByteArray relationshipTarget(const std::vector<Relationship> &relationships,
                              const QByteArray &folder,
                              QByteArrayView typeSuffix,
                              const QByteArray &fallback)
{
    for (const Relationship &relationship : relationships) {
        if (relationship.type.endsWith(typeSuffix))
            return resolveTarget(folder, relationship.target);
    }
    return fallback;
}

} // namespace

Result<std::vector<WorkbookSheet>> readXlsxPackage(const WorkbookPackage &package,
                                                   const XlsxPartReading &how)
{
    try {
        // The workbook part: named by the package's relationships (§9.3), usually xl/workbook.xml.
        const QByteArray workbookPart = relationshipTarget(readRelationships(package, {}),
                                                           {},
                                                           "/officeDocument",
                                                           "xl/workbook.xml");
        const auto workbookXml = package.part(workbookPart);
        if (!workbookXml)
            return tl::make_unexpected(damagedWorkbookError(QStringLiteral("no workbook part")));
        WorkbookHandler workbook;
        parseXml(*workbookXml, workbook);

        const qsizetype slash = workbookPart.lastIndexOf('/');
        const QByteArray folder = slash < 0 ? QByteArray() : workbookPart.first(slash);
        const std::vector<Relationship> relationships = readRelationships(package, workbookPart);

        StylesHandler styles;
        if (const auto xml = package.part(
                relationshipTarget(relationships, folder, "/styles", folder + "/styles.xml"))) {
            parseXml(*xml, styles);
        }
        NumberFormats formats(std::move(styles.codes),
                              std::move(styles.cellFormats),
                              workbook.dateSystem);

        SharedStringsReader sharedStrings(package,
                                          relationshipTarget(relationships,
                                                             folder,
                                                             "/sharedStrings",
                                                             folder + "/sharedStrings.xml"),
                                          how);

        std::vector<WorkbookSheet> sheets;
        std::vector<SharedStringCells> sharedStringCells(workbook.sheets.size());
        sheets.reserve(workbook.sheets.size());
        for (const SheetEntry &entry : workbook.sheets) {
            SharedStringCells &cells = sharedStringCells[sheets.size()];
            WorkbookSheet sheet;
            sheet.name = entry.name;
            sheet.isHidden = entry.isHidden;
            const auto relationship = std::find_if(relationships.cbegin(),
                                                   relationships.cend(),
                                                   [&entry](const Relationship &each) {
                                                       return each.id == entry.relationshipId;
                                                   });
            // A chart sheet has no cells; a sheet whose part is missing reads as empty.
            if (relationship != relationships.cend() && relationship->type.endsWith("/worksheet")) {
                const QByteArray part = resolveTarget(folder, relationship->target);
                if (const auto stream = package.stream(part)) {
                    const auto whole = [&package, &part] { return *package.part(part); };
                    readSheet(*stream, whole, sheet, cells, formats, how);
                }
            }
            sheets.push_back(std::move(sheet));
        }
        const SharedStringTable strings = sharedStrings.strings();
        for (std::size_t i = 0; i < sheets.size(); ++i)
            resolveSharedStrings(sheets[i], sharedStringCells[i], strings);
        return sheets;
    } catch (const std::exception &error) {
        return tl::make_unexpected(damagedWorkbookError(QString::fromUtf8(error.what())));
    }
}

Result<XlsxWorksheetReading> readXlsxWorksheet(const QByteArray &xml,
                                               const std::vector<QString> &sharedStrings,
                                               const XlsxPartReading &how)
{
    try {
        XlsxWorksheetReading reading;
        NumberFormats formats({}, {}, SpreadsheetNumberFormat::DateSystem::Windows1900);
        SharedStringCells cells;
        const auto stream = PartStream::plain(xml);
        const auto whole = [&xml] {
            checkXmlPart("the worksheet", xml);
            return xml;
        };
        reading.chunks = readSheet(*stream, whole, reading.sheet, cells, formats, how);
        resolveSharedStrings(reading.sheet, cells, SharedStringTable(sharedStrings));
        return reading;
    } catch (const std::exception &error) {
        return tl::make_unexpected(damagedWorkbookError(QString::fromUtf8(error.what())));
    }
}

Result<XlsxSharedStringsReading> readXlsxSharedStrings(const QByteArray &xml,
                                                       const XlsxPartReading &how)
{
    try {
        const std::atomic<bool> cancelled = false;
        XlsxSharedStringsReading reading;
        const auto stream = PartStream::plain(xml);
        const auto whole = [&xml] {
            checkXmlPart("the shared strings", xml);
            return xml;
        };
        reading.strings = readSharedStrings(*stream, whole, cancelled, how, &reading.chunks)
                              .toVector();
        return reading;
    } catch (const std::exception &error) {
        return tl::make_unexpected(damagedWorkbookError(QString::fromUtf8(error.what())));
    }
}

} // namespace Bulkmail
