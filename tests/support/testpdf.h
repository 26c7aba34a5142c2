#pragma once

#include <QByteArray>
#include <QList>

namespace Bulkmail::Test {

// A minimal valid PDF (one empty A4 page, a correct cross-reference table), written at test time
// so that suites use real PDFs without binary fixtures; `marker` goes into a comment, so each
// file's bytes (and size) are its own.
inline QByteArray minimalPdf(const QByteArray &marker)
{
    QByteArray body = "%PDF-1.4\n% " + marker + "\n";
    QList<qsizetype> offsets;
    const QList<QByteArray> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    };
    for (qsizetype i = 0; i < objects.size(); ++i) {
        offsets.append(body.size());
        body += QByteArray::number(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const qsizetype xref = body.size();
    body += "xref\n0 4\n0000000000 65535 f \n";
    for (const qsizetype offset : offsets)
        body += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    body += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + QByteArray::number(xref)
            + "\n%%EOF\n";
    return body;
}

} // namespace Bulkmail::Test
