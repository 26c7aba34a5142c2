#include "workbookpackage.h"

#include <cstring>
#include <stdexcept>

#include <orcus/zip_archive.hpp>
#include <orcus/zip_archive_stream.hpp>
#include <zlib.h>

namespace Bulkmail {

namespace {

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

// Whether every numeric character reference (&#65; &#x41;) names a character XML allows
// (XML 1.0 §2.2 and §4.1). liborcus 0.17 aborts the program on one that names none, such as
// &#26031995;, so a damaged file is refused before it gets there.
bool hasOnlyValidCharacterReferences(QByteArrayView xml)
{
    const char *const begin = xml.data();
    const char *const end = begin + xml.size();
    for (const char *ampersand = begin; ampersand < end; ++ampersand) {
        ampersand = static_cast<const char *>(
            std::memchr(ampersand, '&', std::size_t(end - ampersand)));
        if (!ampersand)
            break;
        const qsizetype at = ampersand - begin;
        if (at + 1 >= xml.size() || xml[at + 1] != '#')
            continue;
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

Error damagedWorkbookError(const QString &why)
{
    return {ErrorCode::InvalidFormat,
            QStringLiteral("the workbook cannot be read (%1); open it in the spreadsheet "
                           "application and save it again")
                .arg(why)};
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
        return tl::make_unexpected(damagedWorkbookError(why));
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

Result<std::unique_ptr<WorkbookPackage>> WorkbookPackage::open(const QByteArray &bytes)
{
    auto directory = readZipDirectory(bytes);
    if (!directory)
        return tl::make_unexpected(directory.error());
    std::unique_ptr<WorkbookPackage> package(new WorkbookPackage);
    package->m_bytes = &bytes;
    package->m_directory = std::move(*directory);
    try {
        package->m_stream = std::make_unique<orcus::zip_archive_stream_blob>(
            reinterpret_cast<const uint8_t *>(bytes.constData()), std::size_t(bytes.size()));
        package->m_archive = std::make_unique<orcus::zip_archive>(package->m_stream.get());
        package->m_archive->load();
    } catch (const std::exception &error) {
        return tl::make_unexpected(damagedWorkbookError(QString::fromUtf8(error.what())));
    }
    return package;
}

Result<std::unique_ptr<WorkbookPackage>> WorkbookPackage::reopen() const
{
    return open(*m_bytes);
}

WorkbookPackage::~WorkbookPackage() = default;

bool WorkbookPackage::contains(QByteArrayView name) const
{
    return std::any_of(m_directory.cbegin(), m_directory.cend(), [name](const auto &entry) {
        return entry.name == name;
    });
}

// Each part is unpacked once and checked against the CRC-32 the directory gives for it (zlib's
// crc32(), the one ZIP uses); an XML part is checked for character references liborcus 0.17
// would abort the program on.
std::optional<QByteArray> WorkbookPackage::part(QByteArrayView name) const
{
    const auto entry = std::find_if(m_directory.cbegin(),
                                    m_directory.cend(),
                                    [name](const auto &each) { return each.name == name; });
    if (entry == m_directory.cend())
        return std::nullopt;
    std::vector<unsigned char> buffer;
    if (!m_archive->read_file_entry(std::string_view(name.data(), std::size_t(name.size())),
                                    buffer)) {
        return std::nullopt;
    }
    // liborcus 0.17 ends what it unpacks with a NUL, which is no part of the entry.
    std::size_t size = buffer.size();
    if (size > 0 && buffer.back() == 0)
        --size;
    const std::string printableName(name.data(), std::size_t(name.size()));
    std::size_t crc = crc32(0L, Z_NULL, 0);
    for (std::size_t done = 0; done < size;) {
        const auto chunk = uInt(std::min<std::size_t>(size - done, 1U << 30));
        crc = crc32(crc, buffer.data() + done, chunk);
        done += chunk;
    }
    if (quint32(crc) != entry->crc)
        throw std::invalid_argument(printableName + " is damaged (its CRC differs)");
    QByteArray data(reinterpret_cast<const char *>(buffer.data()), qsizetype(size));
    if ((name.endsWith(".xml") || name.endsWith(".rels"))
        && !hasOnlyValidCharacterReferences(data)) {
        throw std::invalid_argument(printableName
                                    + ": a character reference that names no character");
    }
    return data;
}

} // namespace Bulkmail
