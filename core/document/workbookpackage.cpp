#include "workbookpackage.h"

#include <array>
#include <stdexcept>

#include <orcus/zip_archive.hpp>
#include <orcus/zip_archive_stream.hpp>

namespace Bulkmail {

namespace {

// CRC-32 (ISO 3309, as ZIP uses it), for the repacked archive.
quint32 crc32(QByteArrayView data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> entries{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 value = i;
            for (int bit = 0; bit < 8; ++bit)
                value = (value & 1) != 0 ? 0xEDB88320U ^ (value >> 1) : value >> 1;
            entries[i] = value;
        }
        return entries;
    }();
    quint32 crc = 0xFFFFFFFFU;
    for (const char byte : data)
        crc = table[(crc ^ static_cast<quint8>(byte)) & 0xFFU] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFU;
}

template<typename Integer>
void appendLittleEndian(QByteArray &out, Integer value)
{
    for (std::size_t i = 0; i < sizeof(Integer); ++i)
        out.append(char((value >> (8 * i)) & 0xFF));
}

// An uncompressed ZIP archive (APPNOTE 6.3.x §4.3: local headers, central directory, end record).
QByteArray storedZip(const std::vector<std::pair<QByteArray, QByteArray>> &entries)
{
    QByteArray out;
    QByteArray directory;
    constexpr quint16 Version = 20;
    constexpr quint16 Utf8Names = 0x0800;
    constexpr quint16 Date1980 = 0x21; // 1980-01-01: the timestamps do not matter here
    for (const auto &[name, data] : entries) {
        const auto offset = quint32(out.size());
        const quint32 crc = crc32(data);
        const auto size = quint32(data.size());
        appendLittleEndian<quint32>(out, 0x04034b50U);
        for (quint16 field : {Version, Utf8Names, quint16(0), quint16(0), Date1980})
            appendLittleEndian(out, field);
        for (quint32 field : {crc, size, size})
            appendLittleEndian(out, field);
        appendLittleEndian(out, quint16(name.size()));
        appendLittleEndian(out, quint16(0));
        out += name;
        out += data;

        appendLittleEndian<quint32>(directory, 0x02014b50U);
        for (quint16 field : {Version, Version, Utf8Names, quint16(0), quint16(0), Date1980})
            appendLittleEndian(directory, field);
        for (quint32 field : {crc, size, size})
            appendLittleEndian(directory, field);
        for (quint16 field :
             {quint16(name.size()), quint16(0), quint16(0), quint16(0), quint16(0)}) {
            appendLittleEndian(directory, field);
        }
        appendLittleEndian(directory, quint32(0));
        appendLittleEndian(directory, offset);
        directory += name;
    }
    const auto directoryOffset = quint32(out.size());
    out += directory;
    appendLittleEndian<quint32>(out, 0x06054b50U);
    for (quint16 field : {quint16(0), quint16(0), quint16(entries.size()), quint16(entries.size())})
        appendLittleEndian(out, field);
    appendLittleEndian(out, quint32(directory.size()));
    appendLittleEndian(out, directoryOffset);
    appendLittleEndian(out, quint16(0));
    return out;
}

quint32 littleEndian32(QByteArrayView bytes, qsizetype at)
{
    quint32 value = 0;
    for (int i = 3; i >= 0; --i)
        value = (value << 8) | static_cast<quint8>(bytes[at + i]);
    return value;
}

quint16 littleEndian16(QByteArrayView bytes, qsizetype at)
{
    return quint16(static_cast<quint8>(bytes[at]) | (static_cast<quint8>(bytes[at + 1]) << 8));
}

// Target="/xl/worksheets/sheet1.xml" → "worksheets/sheet1.xml" in "xl/_rels/workbook.xml.rels".
void makeTargetsRelative(const QByteArray &relsName, QByteArray &data)
{
    constexpr QByteArrayView AbsoluteTarget("Target=\"/");
    const qsizetype relsFolder = relsName.lastIndexOf("_rels/");
    const QByteArray base = relsName.first(std::max<qsizetype>(relsFolder, 0));
    const QByteArray up = QByteArray("../").repeated(base.count('/'));
    for (qsizetype at = data.indexOf(AbsoluteTarget); at >= 0;
         at = data.indexOf(AbsoluteTarget, at + 1)) {
        const qsizetype slash = at + AbsoluteTarget.size() - 1;
        const bool isUnderBase = QByteArrayView(data).sliced(slash + 1).startsWith(base);
        data.replace(slash, 1 + (isUnderBase ? base.size() : 0), isUnderBase ? QByteArray() : up);
    }
}

// <c r="A1" t="inlineStr"><is>...</is></c> → <c r="A1" t="s"><v>N</v></c>, with "<si>...</si>"
// appended to `strings` (an inline string and a shared one have the same content, CT_Rst).
bool moveInlineStrings(QByteArray &sheet, QByteArray &strings, qsizetype &count)
{
    constexpr QByteArrayView InlineType("t=\"inlineStr\"");
    if (!sheet.contains(InlineType))
        return false;
    QByteArray out;
    out.reserve(sheet.size());
    qsizetype position = 0;
    for (qsizetype at = sheet.indexOf(InlineType); at >= 0;
         at = sheet.indexOf(InlineType, position)) {
        const qsizetype open = sheet.indexOf("<is>", at);
        const qsizetype close = open < 0 ? -1 : sheet.indexOf("</is>", open);
        if (close < 0)
            break;
        out += QByteArrayView(sheet).sliced(position, at - position);
        out += "t=\"s\"";
        out += QByteArrayView(sheet).sliced(at + InlineType.size(), open - at - InlineType.size());
        out += "<v>" + QByteArray::number(count++) + "</v>";
        strings += "<si>";
        strings += QByteArrayView(sheet).sliced(open + 4, close - open - 4);
        strings += "</si>";
        position = close + 5;
    }
    out += QByteArrayView(sheet).sliced(position);
    sheet = std::move(out);
    return true;
}

// Whether every numeric character reference (&#65; &#x41;) names a character XML allows
// (XML 1.0 §2.2 and §4.1). liborcus 0.17 aborts the program on one that names none, such as
// &#26031995;, so a damaged file is refused before it gets there.
bool hasOnlyValidCharacterReferences(QByteArrayView xml)
{
    for (qsizetype at = xml.indexOf("&#"); at >= 0; at = xml.indexOf("&#", at + 2)) {
        qsizetype position = at + 2;
        const bool isHex = position < xml.size() && (xml[position] == 'x' || xml[position] == 'X');
        position += isHex ? 1 : 0;
        char32_t value = 0;
        qsizetype digits = 0;
        for (; position < xml.size() && xml[position] != ';'; ++position, ++digits) {
            const int digit = QChar::fromLatin1(xml[position]).digitValue();
            const char lower = char(xml[position] | 0x20);
            const int number = digit >= 0                              ? digit
                               : isHex && lower >= 'a' && lower <= 'f' ? lower - 'a' + 10
                                                                       : -1;
            if (number < 0 || digits >= 8)
                return false;
            value = value * (isHex ? 16 : 10) + char32_t(number);
        }
        const bool isCharacter = value == 0x9 || value == 0xA || value == 0xD
                                 || (value >= 0x20 && value <= 0xD7FF)
                                 || (value >= 0xE000 && value <= 0xFFFD)
                                 || (value >= 0x10000 && value <= 0x10FFFF);
        if (digits == 0 || position >= xml.size() || !isCharacter)
            return false;
    }
    return true;
}

} // namespace

// liborcus 0.17 ends what it unpacks with a NUL, which is no part of the entry.
QByteArray bytesOf(const std::vector<unsigned char> &buffer)
{
    auto size = qsizetype(buffer.size());
    if (size > 0 && buffer.back() == 0)
        --size;
    return QByteArray(reinterpret_cast<const char *>(buffer.data()), size);
}

// liborcus 0.17 trusts what a ZIP archive says: it allocates what an entry's header claims before
// inflating it (a damaged header claiming gigabytes exhausts the memory), checks no CRC, and its
// XML parser can read past the end of a damaged part. So the central directory (APPNOTE 6.3.x
// §4.3.12, §4.3.16) is read first: deflate cannot expand more than about 1,032 times, no workbook
// a recipient list fits in unpacks to gigabytes, and each part read is checked against its CRC
// (matchesDirectory()). A file damaged on the way (a cut download, flipped bits) is refused with
// words; a file crafted to pass these checks can still reach liborcus's own bugs.
Result<std::vector<ZipDirectoryEntry>> readZipDirectory(QByteArrayView bytes)
{
    constexpr qsizetype EndRecordSize = 22;
    constexpr qsizetype CentralHeaderSize = 46;
    constexpr qsizetype LocalHeaderSize = 30;
    constexpr quint64 MaximumTotal = quint64(2) * 1024 * 1024 * 1024;
    constexpr quint64 MaximumRatio = 1100;
    const auto damaged = [](const QString &why) {
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("the workbook cannot be read (%1); open it in the "
                                        "spreadsheet application and save it again")
                             .arg(why));
    };
    qsizetype end = -1;
    for (qsizetype at = bytes.size() - EndRecordSize;
         at >= 0 && at + 0xFFFF + EndRecordSize >= bytes.size();
         --at) {
        if (littleEndian32(bytes, at) == 0x06054b50U) {
            end = at;
            break;
        }
    }
    if (end < 0)
        return damaged(QStringLiteral("no ZIP directory"));
    const qsizetype entries = littleEndian16(bytes, end + 10);
    qsizetype at = littleEndian32(bytes, end + 16);
    quint64 total = 0;
    std::vector<ZipDirectoryEntry> directory;
    for (qsizetype entry = 0; entry < entries; ++entry) {
        if (at < 0 || at + CentralHeaderSize > bytes.size()
            || littleEndian32(bytes, at) != 0x02014b50U)
            return damaged(QStringLiteral("a damaged ZIP directory"));
        // The entry's local header repeats the sizes, and may be what the reader believes.
        const qsizetype local = littleEndian32(bytes, at + 42);
        if (local + LocalHeaderSize > bytes.size() || littleEndian32(bytes, local) != 0x04034b50U)
            return damaged(QStringLiteral("a damaged ZIP entry"));
        for (const auto &[compressedAt, sizeAt] :
             {std::pair{at + 20, at + 24}, std::pair{local + 18, local + 22}}) {
            const quint64 compressed = littleEndian32(bytes, compressedAt);
            const quint64 size = littleEndian32(bytes, sizeAt);
            if (size > compressed * MaximumRatio + 4096 || compressed > quint64(bytes.size()))
                return damaged(
                    QStringLiteral("an entry claims %1 bytes").arg(std::max(size, compressed)));
        }
        total += littleEndian32(bytes, at + 24);
        if (total > MaximumTotal)
            return damaged(QStringLiteral("it unpacks to more than 2 GB"));
        const qsizetype nameSize = littleEndian16(bytes, at + 28);
        if (at + CentralHeaderSize + nameSize > bytes.size())
            return damaged(QStringLiteral("a damaged ZIP directory"));
        directory.push_back({bytes.sliced(at + CentralHeaderSize, nameSize).toByteArray(),
                             littleEndian32(bytes, at + 16)});
        at += CentralHeaderSize + nameSize + littleEndian16(bytes, at + 30)
              + littleEndian16(bytes, at + 32);
    }
    return directory;
}

// Whether a part as read has the CRC-32 the directory gives for it.
bool matchesDirectory(const std::vector<ZipDirectoryEntry> &directory,
                      QByteArrayView name,
                      QByteArrayView data)
{
    return std::any_of(directory.cbegin(), directory.cend(), [&](const ZipDirectoryEntry &entry) {
        return entry.name == name && entry.crc == crc32(data);
    });
}

// Two things liborcus 0.17 cannot read, though openpyxl (and so pandas) writes them: relationship
// targets absolute in the package (Target="/xl/worksheets/sheet1.xml", ECMA-376 Part 2 §9.3),
// after which it finds no sheet at all, and inline strings (<c t="inlineStr">, Part 1 §18.3.1.53),
// which it drops. Such a workbook is repacked (uncompressed) with relative targets and its inline
// strings moved to the shared strings; any other workbook is read as it is.
QByteArray readableByOrcus(const QByteArray &bytes, const std::vector<ZipDirectoryEntry> &directory)
{
    orcus::zip_archive_stream_blob stream(reinterpret_cast<const uint8_t *>(bytes.constData()),
                                          std::size_t(bytes.size()));
    orcus::zip_archive archive(&stream);
    archive.load();
    std::vector<std::pair<QByteArray, QByteArray>> entries;
    std::vector<unsigned char> buffer;
    for (std::size_t i = 0; i < archive.get_file_entry_count(); ++i) {
        const std::string_view name = archive.get_file_entry_name(i);
        buffer.clear();
        if (!archive.read_file_entry(name, buffer))
            continue;
        QByteArray entryName(name.data(), qsizetype(name.size()));
        QByteArray data = bytesOf(buffer);
        if (!matchesDirectory(directory, entryName, data))
            throw std::invalid_argument(entryName.toStdString() + " is damaged (its CRC differs)");
        entries.emplace_back(std::move(entryName), std::move(data));
    }
    const auto entry = [&entries](QByteArrayView name) -> QByteArray * {
        for (auto &[entryName, data] : entries) {
            if (entryName == name)
                return &data;
        }
        return nullptr;
    };

    bool isChanged = false;
    for (auto &[name, data] : entries) {
        if ((name.endsWith(".xml") || name.endsWith(".rels"))
            && !hasOnlyValidCharacterReferences(data)) {
            throw std::invalid_argument(name.toStdString()
                                        + ": a character reference that names no character");
        }
        if (name.endsWith(".rels") && data.contains("Target=\"/")) {
            makeTargetsRelative(name, data);
            isChanged = true;
        }
    }
    QByteArray *sharedStrings = entry("xl/sharedStrings.xml");
    qsizetype count = sharedStrings ? sharedStrings->count("<si>") + sharedStrings->count("<si ")
                                    : 0;
    QByteArray movedStrings;
    for (auto &[name, data] : entries) {
        if (name.startsWith("xl/worksheets/") && name.endsWith(".xml"))
            isChanged = moveInlineStrings(data, movedStrings, count) || isChanged;
    }
    if (!movedStrings.isEmpty()) {
        if (sharedStrings) {
            const qsizetype end = sharedStrings->lastIndexOf("</sst>");
            sharedStrings->insert(end < 0 ? sharedStrings->size() : end, movedStrings);
        } else {
            entries
                .emplace_back("xl/sharedStrings.xml",
                              "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst "
                              "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                  + movedStrings + "</sst>");
            if (QByteArray *rels = entry("xl/_rels/workbook.xml.rels")) {
                rels->replace("</Relationships>",
                              "<Relationship Id=\"rIdBulkmailStrings\" "
                              "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                              "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                              "</Relationships>");
            }
            if (QByteArray *types = entry("[Content_Types].xml")) {
                types->replace("</Types>",
                               "<Override PartName=\"/xl/sharedStrings.xml\" "
                               "ContentType=\"application/vnd.openxmlformats-officedocument."
                               "spreadsheetml.sharedStrings+xml\"/></Types>");
            }
        }
    }
    return isChanged ? storedZip(entries) : bytes;
}

std::optional<QByteArray> readZipEntry(const QByteArray &bytes, std::string_view name)
{
    orcus::zip_archive_stream_blob stream(reinterpret_cast<const uint8_t *>(bytes.constData()),
                                          std::size_t(bytes.size()));
    orcus::zip_archive archive(&stream);
    archive.load();
    std::vector<unsigned char> buffer;
    if (!archive.read_file_entry(name, buffer))
        return std::nullopt;
    return bytesOf(buffer);
}

} // namespace Bulkmail
