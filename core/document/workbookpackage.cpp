#include "workbookpackage.h"

#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

#include <libdeflate.h>
#define ZLIB_CONST // next_in points to const bytes
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

// Whether the part ends, but for white space, with the end of a tag or of a comment or processing
// instruction after its root: liborcus 0.17's parser can read past the end of a part cut short
// inside a text or an attribute and abort the program (sax_parser's has_char() assertion), so a
// part cut short (a writer's bug, a file made by hand) is refused before it gets there.
bool endsAfterMarkup(QByteArrayView xml)
{
    qsizetype end = xml.size();
    while (end > 0
           && (xml[end - 1] == ' ' || xml[end - 1] == '\t' || xml[end - 1] == '\r'
               || xml[end - 1] == '\n')) {
        --end;
    }
    if (end < 2 || xml[end - 1] != '>')
        return false;
    if (xml[end - 2] == '/' || xml[end - 2] == '?' || (end >= 3 && xml.sliced(end - 3, 3) == "-->"))
        return true; // an empty element, a processing instruction, a comment
    const qsizetype tag = xml.first(end).lastIndexOf('<');
    return tag >= 0 && tag + 1 < end && xml[tag + 1] == '/';
}

} // namespace

void checkXmlPart(const std::string &name, QByteArrayView xml)
{
    if (!hasOnlyValidCharacterReferences(xml))
        throw std::invalid_argument(name + ": a character reference that names no character");
    if (!endsAfterMarkup(xml))
        throw std::invalid_argument(name + " ends before its last element does");
}

Error damagedWorkbookError(const QString &why)
{
    return {ErrorCode::InvalidFormat,
            QStringLiteral("the workbook cannot be read (%1); open it in the spreadsheet "
                           "application and save it again")
                .arg(why)};
}

// The central directory (APPNOTE 6.3.x §4.3.12, §4.3.16) is read first and nothing it claims is
// trusted beyond reason: deflate cannot expand more than about 1,032 times, no workbook a
// recipient list fits in unpacks to gigabytes, and each part read unpacks to exactly its size and
// is checked against its CRC (WorkbookPackage::part()), because liborcus 0.17's XML parser can
// read past the end of a damaged part. A file damaged on the way (a cut download, flipped bits)
// is refused with words; a file crafted to pass these checks can still reach liborcus's own bugs.
// (liborcus's own ZIP reader, which this replaced, checked no CRC and allocated what a header
// claimed.)
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
        // The sizes of the central directory hold even when the local header defers them to a
        // data descriptor (§4.3.9).
        const quint32 compressedSize = littleEndian32(bytes, at + 20);
        const qsizetype dataOffset = local + LocalHeaderSize + littleEndian16(bytes, local + 26)
                                     + littleEndian16(bytes, local + 28);
        if (dataOffset + qsizetype(compressedSize) > bytes.size())
            return damaged(QStringLiteral("a ZIP entry is cut short"));
        directory.push_back({bytes.sliced(at + CentralHeaderSize, nameSize).toByteArray(),
                             littleEndian32(bytes, at + 16),
                             littleEndian16(bytes, at + 10),
                             compressedSize,
                             littleEndian32(bytes, at + 24),
                             dataOffset});
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
    package->m_bytes = bytes;
    package->m_directory = std::move(*directory);
    return package;
}

WorkbookPackage::~WorkbookPackage() = default;

bool WorkbookPackage::contains(QByteArrayView name) const
{
    return std::any_of(m_directory.cbegin(), m_directory.cend(), [name](const auto &entry) {
        return entry.name == name;
    });
}

namespace {

// Inflates `compressed` (raw deflate, §4.4.5 method 8) into exactly `size` bytes at `out`;
// throws std::invalid_argument with `name` for a damaged stream. libdeflate rather than zlib:
// the part is in memory whole and its size known, which is the case libdeflate is made for, and
// it unpacks a 31 MB sheet in 0.09 G instructions where zlib's inflate took 0.24 G
// (bench/README.md).
void inflateInto(QByteArrayView compressed, char *out, qsizetype size, const std::string &name)
{
    const std::unique_ptr<libdeflate_decompressor, decltype(&libdeflate_free_decompressor)>
        decompressor(libdeflate_alloc_decompressor(), &libdeflate_free_decompressor);
    if (!decompressor)
        throw std::bad_alloc();
    switch (libdeflate_deflate_decompress(decompressor.get(),
                                          compressed.data(),
                                          std::size_t(compressed.size()),
                                          out,
                                          std::size_t(size),
                                          nullptr)) {
    case LIBDEFLATE_SUCCESS:
        return;
    case LIBDEFLATE_SHORT_OUTPUT:
        throw std::invalid_argument(name + " unpacks to less than its size");
    case LIBDEFLATE_INSUFFICIENT_SPACE:
        throw std::invalid_argument(name + " unpacks to more than its size");
    default:
        throw std::invalid_argument(name + " is damaged (not deflate)");
    }
}

} // namespace

// Each part is unpacked once, into a buffer of the size the directory gives, and checked against
// its CRC-32 before anything reads it (libdeflate's CRC, which uses the processor's carry-less
// multiplication where there is one: 0.008 G instructions for that sheet, where zlib's took
// 0.12 G on a thread of its own). An XML part is then checked as checkXmlPart() says.
const ZipDirectoryEntry *WorkbookPackage::entry(QByteArrayView name) const
{
    const auto found = std::find_if(m_directory.cbegin(),
                                    m_directory.cend(),
                                    [name](const auto &each) { return each.name == name; });
    return found == m_directory.cend() ? nullptr : &*found;
}

std::optional<QByteArray> WorkbookPackage::part(QByteArrayView name) const
{
    const ZipDirectoryEntry *const entry = this->entry(name);
    if (!entry)
        return std::nullopt;
    const std::string printableName(name.data(), std::size_t(name.size()));
    const QByteArrayView compressed = m_bytes.sliced(entry->dataOffset, entry->compressedSize);
    const auto size = qsizetype(entry->size);
    QByteArray data(size, Qt::Uninitialized);
    if (entry->method == 0) { // stored
        if (compressed.size() != size)
            throw std::invalid_argument(printableName + " is damaged (its sizes differ)");
        std::memcpy(data.data(), compressed.data(), std::size_t(size));
    } else if (entry->method == 8) {
        inflateInto(compressed, data.data(), size, printableName);
    } else {
        throw std::invalid_argument(printableName + " is packed in a way no workbook is (method "
                                    + std::to_string(entry->method) + ")");
    }
    if (libdeflate_crc32(0, data.constData(), std::size_t(size)) != entry->crc)
        throw std::invalid_argument(printableName + " is damaged (its CRC differs)");
    if (name.endsWith(".xml") || name.endsWith(".rels"))
        checkXmlPart(printableName, data);
    return data;
}

std::unique_ptr<PartStream> WorkbookPackage::stream(QByteArrayView name) const
{
    const ZipDirectoryEntry *const entry = this->entry(name);
    if (!entry)
        return nullptr;
    std::unique_ptr<PartStream> stream(new PartStream);
    stream->m_name.assign(name.data(), std::size_t(name.size()));
    stream->m_input = m_bytes.sliced(entry->dataOffset, entry->compressedSize);
    stream->m_size = qsizetype(entry->size);
    stream->m_crc = entry->crc;
    stream->m_checksCrc = true;
    if (entry->method == 8) {
        stream->m_inflater = std::make_unique<z_stream>();
        if (inflateInit2(stream->m_inflater.get(), -MAX_WBITS) != Z_OK) { // raw deflate
            stream->m_inflater.reset();
            throw std::bad_alloc();
        }
        stream->m_inflater->next_in = reinterpret_cast<const Bytef *>(stream->m_input.data());
        stream->m_inflater->avail_in = uInt(stream->m_input.size()); // at most 4 GB (ZIP32)
    } else if (entry->method != 0 || stream->m_input.size() != stream->m_size) {
        // Refused at the first read, so that the reader reads the part whole for its error.
        stream->m_isUnreadable = true;
    }
    return stream;
}

std::unique_ptr<PartStream> PartStream::plain(QByteArrayView bytes)
{
    std::unique_ptr<PartStream> stream(new PartStream);
    stream->m_name = "the part";
    stream->m_input = bytes;
    stream->m_size = bytes.size();
    return stream;
}

PartStream::~PartStream()
{
    if (m_inflater)
        inflateEnd(m_inflater.get());
}

void PartStream::fail(const char *why) const
{
    throw std::invalid_argument(m_name + ' ' + why);
}

qsizetype PartStream::read(char *out, qsizetype room)
{
    if (m_isUnreadable)
        fail("cannot be read a piece at a time");
    if (m_ended || room <= 0)
        return 0;
    // One byte more than the part has room for shows a part that unpacks to more.
    room = std::min(room, m_size - m_unpacked + 1);
    qsizetype produced = 0;
    if (!m_inflater) {
        produced = std::min(room, m_input.size() - m_stored);
        std::memcpy(out, m_input.data() + m_stored, std::size_t(produced));
        m_stored += produced;
    } else {
        z_stream &inflater = *m_inflater;
        inflater.next_out = reinterpret_cast<Bytef *>(out);
        inflater.avail_out = uInt(std::min<qsizetype>(room, std::numeric_limits<uInt>::max()));
        const int status = inflate(&inflater, Z_NO_FLUSH);
        produced = qsizetype(reinterpret_cast<char *>(inflater.next_out) - out);
        if (status == Z_BUF_ERROR && inflater.avail_in == 0)
            fail("unpacks to less than its size"); // the deflated bytes end before the stream does
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
            fail("is damaged (not deflate)");
        m_ended = status == Z_STREAM_END; // checked below, once what it gave is counted
    }
    m_unpacked += produced;
    if (m_unpacked > m_size)
        fail("unpacks to more than its size");
    if (m_checksCrc)
        m_unpackedCrc = libdeflate_crc32(m_unpackedCrc, out, std::size_t(produced));
    if (!m_inflater && m_stored == m_input.size())
        m_ended = true;
    if (m_ended) {
        if (m_unpacked < m_size)
            fail("unpacks to less than its size");
        if (m_checksCrc && m_unpackedCrc != m_crc)
            fail("is damaged (its CRC differs)");
    }
    if (produced == 0 && !m_ended)
        fail("is damaged (not deflate)"); // no progress: never loop on a stream that stalls
    return produced;
}

} // namespace Bulkmail
