#pragma once

#include "common/result.h"

#include <memory>
#include <optional>
#include <vector>

#include <QByteArray>
#include <QByteArrayView>

namespace orcus {
class zip_archive;
class zip_archive_stream_blob;
} // namespace orcus

namespace Bulkmail {

// The ZIP package of an .xlsx or .ods (internal to the workbook readers): its parts unpacked by
// liborcus's ZIP reader, once each, after checking what liborcus 0.17 trusts and should not
// (sizes, CRCs, character references).

struct ZipDirectoryEntry
{
    QByteArray name;
    quint32 crc = 0;
};

// The entries of the central directory, refused (ErrorCode::InvalidFormat, "the workbook cannot
// be read (...)") when the archive is damaged or claims sizes no workbook has.
[[nodiscard]] Result<std::vector<ZipDirectoryEntry>> readZipDirectory(QByteArrayView bytes);

class WorkbookPackage final
{
public:
    // `bytes` must outlive the package. Fails as readZipDirectory() does.
    [[nodiscard]] static Result<std::unique_ptr<WorkbookPackage>> open(const QByteArray &bytes);
    // A second reader of the same bytes, for another thread: one package must not be read from
    // two threads at once (liborcus's archive keeps a read position).
    [[nodiscard]] Result<std::unique_ptr<WorkbookPackage>> reopen() const;
    ~WorkbookPackage();
    WorkbookPackage(const WorkbookPackage &) = delete;
    WorkbookPackage &operator=(const WorkbookPackage &) = delete;

    [[nodiscard]] bool contains(QByteArrayView name) const;
    // The part unpacked, or empty when the package has no such part. Throws
    // std::invalid_argument for a damaged part (its CRC differs, or an XML part holds a character
    // reference that names no character) and what liborcus throws for a damaged archive.
    [[nodiscard]] std::optional<QByteArray> part(QByteArrayView name) const;

private:
    WorkbookPackage() = default;

    const QByteArray *m_bytes = nullptr;
    std::vector<ZipDirectoryEntry> m_directory;
    std::unique_ptr<orcus::zip_archive_stream_blob> m_stream;
    std::unique_ptr<orcus::zip_archive> m_archive;
};

// The error every damaged workbook reads as.
[[nodiscard]] Error damagedWorkbookError(const QString &why);

} // namespace Bulkmail
