#pragma once

#include "common/result.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <QByteArray>
#include <QByteArrayView>

struct z_stream_s;

namespace Bulkmail {

// The ZIP package of an .xlsx or .ods (internal to the workbook readers): its parts unpacked by
// libdeflate, once each, checked against their CRC and for what would make liborcus 0.17's XML
// parser abort the program (checkXmlPart()).

struct ZipDirectoryEntry
{
    QByteArray name;
    quint32 crc = 0;
    quint16 method = 0; // 0 stored, 8 deflated
    quint32 compressedSize = 0;
    quint32 size = 0;
    qsizetype dataOffset = 0; // where the stored or deflated bytes begin
};

// The entries of the central directory, refused (ErrorCode::InvalidFormat, "the workbook cannot
// be read (...)") when the archive is damaged or claims sizes no workbook has.
[[nodiscard]] Result<std::vector<ZipDirectoryEntry>> readZipDirectory(QByteArrayView bytes);

// A part unpacked a piece at a time, for a big part read as it unpacks (xmlchunks.h): a piece
// the size of a processor's cache is unpacked into memory the reader already uses, where
// unpacking a 20 MB sheet whole into fresh memory spent most of its time in the kernel's page
// faults (bench/README.md). zlib, which can stop and go on, where libdeflate cannot. Not
// thread-safe.
class PartStream final
{
public:
    // Plain bytes, nothing to unpack or check (tests: a part's XML). `bytes` must outlive it.
    [[nodiscard]] static std::unique_ptr<PartStream> plain(QByteArrayView bytes);
    ~PartStream();
    PartStream(const PartStream &) = delete;
    PartStream &operator=(const PartStream &) = delete;

    // Unpacks up to `room` more bytes into `out` and says how many; 0 only at the part's end,
    // once it has unpacked to exactly its size and its CRC is checked. Throws
    // std::invalid_argument for a damaged part, as WorkbookPackage::part() does.
    [[nodiscard]] qsizetype read(char *out, qsizetype room);
    // What the part unpacks to, as the directory gives it.
    [[nodiscard]] qsizetype size() const { return m_size; }

private:
    friend class WorkbookPackage;
    PartStream() = default;
    void fail(const char *why) const;

    std::string m_name;
    QByteArrayView m_input; // deflated, or stored (m_inflater null)
    std::unique_ptr<z_stream_s> m_inflater;
    bool m_checksCrc = false;
    quint32 m_crc = 0;         // what the directory gives
    quint32 m_unpackedCrc = 0; // of what was unpacked so far
    qsizetype m_size = 0;      // what the directory gives
    qsizetype m_unpacked = 0;
    qsizetype m_stored = 0; // of a stored part: how much was copied
    bool m_ended = false;
    bool m_isUnreadable = false; // packed in a way no workbook is, or stored with sizes that differ
};

class WorkbookPackage final
{
public:
    // `bytes` must outlive the package. Fails as readZipDirectory() does.
    [[nodiscard]] static Result<std::unique_ptr<WorkbookPackage>> open(const QByteArray &bytes);
    ~WorkbookPackage();
    WorkbookPackage(const WorkbookPackage &) = delete;
    WorkbookPackage &operator=(const WorkbookPackage &) = delete;

    [[nodiscard]] bool contains(QByteArrayView name) const;
    // The part unpacked, or empty when the package has no such part. Throws
    // std::invalid_argument for a damaged part (it does not unpack to its size, its CRC differs,
    // or an XML part holds a character reference that names no character). Safe to call from
    // several threads at once.
    [[nodiscard]] std::optional<QByteArray> part(QByteArrayView name) const;
    // The part to be unpacked a piece at a time (PartStream), or null when the package has no
    // such part. The XML checks part() makes are left to the reader, a piece at a time.
    [[nodiscard]] std::unique_ptr<PartStream> stream(QByteArrayView name) const;

private:
    WorkbookPackage() = default;
    [[nodiscard]] const ZipDirectoryEntry *entry(QByteArrayView name) const;

    QByteArrayView m_bytes;
    std::vector<ZipDirectoryEntry> m_directory;
};

// Throws std::invalid_argument, naming the part `name`, when `xml` holds a character reference
// that names no character or ends before its last element does: both make liborcus 0.17's XML
// parser abort the program. WorkbookPackage::part() checks every XML part it gives.
void checkXmlPart(const std::string &name, QByteArrayView xml);

// The error every damaged workbook reads as.
[[nodiscard]] Error damagedWorkbookError(const QString &why);

} // namespace Bulkmail
