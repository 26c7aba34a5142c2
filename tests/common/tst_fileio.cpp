#include "common/fileio.h"
#include "common/fileproblem.h"
#include "compose/composeproblem.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using Code = FileProblem::Code;

// readWholeFile() and writeFileAtomically() say why a file failed as a code with the path and
// the system's reason (FileProblem), for the window to word, and keep their English word for
// word for the log and the CLI.
class TestFileIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aFileThatCannotBeOpenedCarriesItsPathAndReason()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("gone.csv"));
        const Result<QByteArray> read = readWholeFile(path);
        QVERIFY(!read);
        const Error &error = read.error();
        QCOMPARE(error.code, ErrorCode::Io);
        QCOMPARE(FileProblem::codeOf(error), Code::CannotOpen);
        QCOMPARE(error.noteArguments.value(0), path);
        const QString reason = error.noteArguments.value(1);
        QVERIFY(!reason.isEmpty());
        QCOMPARE(error.message, QStringLiteral("cannot open \"%1\": %2").arg(path, reason));
        // The composer's codes are not ours, and ours not the composer's.
        QCOMPARE(ComposeProblem::codeOf(error), ComposeProblem::Code::Unknown);
    }

    void aFileThatCannotBeWrittenCarriesItsPathAndReason()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("no-such-folder/list.csv"));
        const Result<void> written = writeFileAtomically(path, "x");
        QVERIFY(!written);
        QCOMPARE(FileProblem::codeOf(written.error()), Code::CannotWrite);
        QCOMPARE(written.error().noteArguments.value(0), path);
        QCOMPARE(written.error().message,
                 QStringLiteral("cannot write \"%1\": %2")
                     .arg(path, written.error().noteArguments.value(1)));
        QVERIFY(!QFile::exists(path));
    }

    void aReadFileHasNoProblem()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("list.csv"));
        QVERIFY(writeFileAtomically(path, "email\n"));
        const Result<QByteArray> read = readWholeFile(path);
        QVERIFY(read);
        QCOMPARE(*read, QByteArray("email\n"));
    }

    void everyCodeHasItsEnglishAndKeepsItsNumber()
    {
        for (int value = int(Code::None) + 1; value <= int(Code::Last); ++value) {
            const auto code = static_cast<Code>(value);
            const Error error = FileProblem::error(code,
                                                   QStringLiteral("/a/b.csv"),
                                                   QStringLiteral("Permission denied"));
            QCOMPARE(FileProblem::codeOf(error), code);
            QVERIFY2(error.message.contains(u"\"/a/b.csv\""), qPrintable(error.message));
            QVERIFY(error.message != FileProblem::english(Code::None, error.noteArguments));
        }
    }

    void anotherProducersCodeIsNoneAndANewerOneUnknown()
    {
        // The composer's numbers (1000 on) are its own: no file problem, not an unknown one.
        const Error composed = ComposeProblem::error(ErrorCode::Io,
                                                     ComposeProblem::Code::AttachmentMissing,
                                                     {QStringLiteral("a.pdf")});
        QCOMPARE(FileProblem::codeOf(composed), Code::None);
        QCOMPARE(FileProblem::codeOf(Error{}), Code::None);
        // A number of our range this version does not know (a newer version's).
        Error newer = FileProblem::error(Code::CannotOpen, QStringLiteral("a"), QStringLiteral("b"));
        newer.noteCode += 100;
        QCOMPARE(FileProblem::codeOf(newer), Code::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestFileIo)
#include "tst_fileio.moc"
