#pragma once

#include "common/result.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <QByteArray>
#include <QByteArrayView>

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

private:
    WorkbookPackage() = default;

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
