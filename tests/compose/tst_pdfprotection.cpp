#include "compose/pdfprotection.h"
#include "testpdf.h"
#include "testresult.h"

#include <QTest>

// qpdf 11: PointerHolder is std::shared_ptr (qpdf/PointerHolder.hh asks callers to say so).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>

#include <exception>

using namespace Bulkmail;

namespace {

// Opens `pdf` with qpdf (an independent reader: the library itself, not our wrapper).
struct Opened
{
    bool ok = false;
    bool encrypted = false;
    int revision = 0;
    int pages = 0;
};
Opened openWith(const QByteArray &pdf, const char *password)
{
    Opened result;
    try {
        QPDF document;
        document.setSuppressWarnings(true);
        document.processMemoryFile("test.pdf", pdf.constData(), size_t(pdf.size()), password);
        result.encrypted = document.isEncrypted();
        int revision = 0;
        int permissions = 0;
        document.isEncrypted(revision, permissions);
        result.revision = revision;
        result.pages = int(document.getAllPages().size());
        result.ok = true;
    } catch (const std::exception &) {
        result.ok = false;
    }
    return result;
}

} // namespace

class TestPdfProtection final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encryptsWithTheRecipientsPassword();
    void eachFileGetsItsOwnEncryption();
    void refusesWhatItCannotProtect();
};

void TestPdfProtection::encryptsWithTheRecipientsPassword()
{
    const QByteArray plain = Test::minimalPdf("payslip E001");
    QVERIFY(isPdf(plain));
    const auto protectedPdf = protectPdf(plain, QStringLiteral("19800101"));
    QVERIFY_RESULT(protectedPdf);
    QVERIFY(isPdf(*protectedPdf));
    QVERIFY(!protectedPdf->contains("payslip E001")); // nothing readable without the password

    const Opened withPassword = openWith(*protectedPdf, "19800101");
    QVERIFY(withPassword.ok);
    QVERIFY(withPassword.encrypted);
    QCOMPARE(withPassword.revision, 6); // AES-256 (ISO 32000-2)
    QVERIFY(openWith(*protectedPdf, "19800101").ok);
    QCOMPARE(withPassword.pages, 1);
    QVERIFY(!openWith(*protectedPdf, "wrong").ok);
    QVERIFY(!openWith(*protectedPdf, "").ok);

    // A non-ASCII password (a name) works as UTF-8.
    const auto chinese = protectPdf(plain, QStringLiteral("王小明"));
    QVERIFY_RESULT(chinese);
    QVERIFY(openWith(*chinese, "王小明").ok);
}

void TestPdfProtection::eachFileGetsItsOwnEncryption()
{
    const auto first = protectPdf(Test::minimalPdf("payslip E001"), QStringLiteral("same"));
    const auto second = protectPdf(Test::minimalPdf("payslip E001"), QStringLiteral("same"));
    QVERIFY_RESULT(first);
    QVERIFY_RESULT(second);
    QVERIFY(*first != *second);
}

void TestPdfProtection::refusesWhatItCannotProtect()
{
    QVERIFY(!protectPdf(Test::minimalPdf("payslip E001"), QString()));
    const auto garbage = protectPdf("not a pdf at all", QStringLiteral("x"));
    QVERIFY(!garbage);
    QVERIFY(!isPdf("PK\x03\x04"));
}

QTEST_GUILESS_MAIN(TestPdfProtection)
#include "tst_pdfprotection.moc"
