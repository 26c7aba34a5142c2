#pragma once

#include "common/result.h"

#include <vector>

#include <QByteArray>
#include <QByteArrayView>

namespace Bulkmail {

// The ZIP package of an .xlsx or .ods before liborcus reads it (internal to workbookreader.cpp):
// what liborcus 0.17 trusts and should not (sizes, CRCs, character references), and what it
// cannot read although common writers produce it (absolute part names, inline strings).

struct ZipDirectoryEntry
{
    QByteArray name;
    quint32 crc = 0;
};

// The entries of the central directory, refused (ErrorCode::InvalidFormat, "the workbook cannot
// be read (...)") when the archive is damaged or claims sizes no workbook has.
[[nodiscard]] Result<std::vector<ZipDirectoryEntry>> readZipDirectory(QByteArrayView bytes);

// Whether a part as unpacked has the CRC-32 the directory gives for it.
[[nodiscard]] bool matchesDirectory(const std::vector<ZipDirectoryEntry> &directory,
                                    QByteArrayView name,
                                    QByteArrayView data);

// The workbook as liborcus can read it: `bytes` itself, or a repacked copy. Throws
// std::invalid_argument (a damaged part) and what liborcus throws for a damaged archive.
[[nodiscard]] QByteArray readableByOrcus(const QByteArray &bytes,
                                         const std::vector<ZipDirectoryEntry> &directory);

// What liborcus unpacked, without the NUL it appends.
[[nodiscard]] QByteArray bytesOf(const std::vector<unsigned char> &buffer);

} // namespace Bulkmail
