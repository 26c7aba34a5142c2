#include "pdfprotection.h"

#include "composeproblem.h"

#include <QRandomGenerator>

// qpdf 11: PointerHolder is std::shared_ptr (qpdf/PointerHolder.hh asks callers to say so).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>

namespace Bulkmail {

bool isPdf(QByteArrayView head)
{
    return head.startsWith("%PDF-");
}

Result<QByteArray> protectPdf(const QByteArray &pdf, const QString &userPassword)
{
    if (userPassword.isEmpty())
        return tl::make_unexpected(
            ComposeProblem::error(ErrorCode::InvalidValue, ComposeProblem::Code::PdfPasswordEmpty));
    const QByteArray password = userPassword.toUtf8(); // R6 passwords are UTF-8 (SASLprep'd)
    QByteArray owner(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(owner.data()),
                                          owner.size() / 4);
    owner = owner.toHex();
    // qpdf reports errors as exceptions: they end here, as values (STYLE.md rule 12).
    try {
        QPDF document;
        document.setSuppressWarnings(true);
        document.processMemoryFile("attachment.pdf", pdf.constData(), size_t(pdf.size()));
        QPDFWriter writer(document);
        writer.setOutputMemory();
        // A fresh /ID per file: two recipients' files never share encryption parameters.
        writer.setStaticID(false);
        writer.setR6EncryptionParameters(password.constData(),
                                         owner.constData(),
                                         true,  // accessibility
                                         true,  // extract (copy text)
                                         true,  // assemble
                                         true,  // annotate and fill forms
                                         true,  // fill forms
                                         false, // modify other
                                         qpdf_r3p_full,
                                         true); // encrypt metadata
        writer.write();
        const std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
        return QByteArray(reinterpret_cast<const char *>(buffer->getBuffer()),
                          qsizetype(buffer->getSize()));
    } catch (const std::exception &error) {
        return tl::make_unexpected(ComposeProblem::error(ErrorCode::InvalidValue,
                                                         ComposeProblem::Code::PdfNotProtected,
                                                         {QString::fromLocal8Bit(error.what())}));
    }
}

} // namespace Bulkmail
