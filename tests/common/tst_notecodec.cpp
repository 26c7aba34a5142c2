#include "common/notecodec.h"
#include "compose/composeproblem.h"
#include "imap/imapnote.h"
#include "smtp/closenote.h"

#include <QTest>

using namespace Bulkmail;

// NoteCodec: the one way notes are packed into a QStringList (CloseNote, ImapNote,
// ComposeProblem), with the range check that keeps a number this version does not know (a
// damaged journal line, a newer version's) out of the enum.
class TestNoteCodec : public QObject
{
    Q_OBJECT

private:
    // Every code of a note packs and unpacks to itself, behind other arguments.
    template<typename Note>
    void roundTripEveryCode()
    {
        using Code = decltype(Note::code);
        const QStringList before{QStringLiteral("in front")};
        for (int value = static_cast<int>(Code::None) + 1; value <= static_cast<int>(Code::Last);
             ++value) {
            const Note note = Note::make(static_cast<Code>(value),
                                         {QStringLiteral("a"), QStringLiteral("b")});
            const Note back = Note::unpacked(before + note.packed(), 1);
            QCOMPARE(static_cast<int>(back.code), value);
            QCOMPARE(back.arguments, note.arguments);
        }
    }

    template<typename Note>
    void unknownNumbersUnpackAsUnknown()
    {
        using Code = decltype(Note::code);
        const QString pastLast = QString::number(static_cast<int>(Code::Last) + 1);
        for (const QString &number : {pastLast,
                                      QStringLiteral("-1"),
                                      QStringLiteral("-7"),
                                      QStringLiteral("x"),
                                      QStringLiteral("")}) {
            const QStringList packed{QStringLiteral("before"), number, QStringLiteral("arg")};
            const Note note = Note::unpacked(packed, 1);
            QCOMPARE(note.code, Code::Unknown);
            QVERIFY(!note.isEmpty());
            // Nothing is lost: packing it again gives back what it came from.
            QCOMPARE(note.packed(), packed.mid(1));
        }
        // Nothing packed there: an empty note, as before.
        QVERIFY(Note::unpacked({QStringLiteral("before")}, 1).isEmpty());
        QVERIFY(Note::unpacked({}, 0).isEmpty());
    }

private Q_SLOTS:
    void codecChecksTheRange()
    {
        using Codec = NoteCodec<CloseNote::Code>;
        QCOMPARE(Codec::code(0), CloseNote::Code::None);
        QCOMPARE(Codec::code(static_cast<int>(CloseNote::Code::Last)), CloseNote::Code::Last);
        QCOMPARE(Codec::code(static_cast<int>(CloseNote::Code::Last) + 1), CloseNote::Code::Unknown);
        QCOMPARE(Codec::code(-1), CloseNote::Code::Unknown);
        QCOMPARE(Codec::code(QStringView(u"12abc")), CloseNote::Code::Unknown);
        QCOMPARE(Codec::number(CloseNote::Code::Unknown), 0);
        // With a base, as Error::noteCode keeps the composer's codes apart from others'.
        using Based = NoteCodec<ComposeProblem::Code, 1000>;
        QCOMPARE(Based::number(ComposeProblem::Code::AddressNotValid),
                 1000 + static_cast<int>(ComposeProblem::Code::AddressNotValid));
        QCOMPARE(Based::code(Based::number(ComposeProblem::Code::Last)), ComposeProblem::Code::Last);
        QCOMPARE(Based::code(1000), ComposeProblem::Code::Unknown);
        QCOMPARE(Based::code(999), ComposeProblem::Code::Unknown);
        QCOMPARE(Based::code(static_cast<int>(ComposeProblem::Code::AddressNotValid)),
                 ComposeProblem::Code::Unknown);
        QCOMPARE(Based::code(0), ComposeProblem::Code::None);
    }

    // The stored numbers are part of the journal's format: the first and last stay where they
    // were (a code added in the middle would move the rest).
    void storedNumbersStayWhereTheyWere()
    {
        QCOMPARE(static_cast<int>(CloseNote::Code::None), 0);
        QCOMPARE(static_cast<int>(CloseNote::Code::Words), 1);
        QCOMPARE(static_cast<int>(CloseNote::Code::NoAccessToken), 33);
        QCOMPARE(CloseNote::Code::Last, CloseNote::Code::NoAccessToken);
        QCOMPARE(static_cast<int>(ImapNote::Code::ContinuationTooMany), 30);
        QCOMPARE(ImapNote::Code::Last, ImapNote::Code::ContinuationTooMany);
        QCOMPARE(static_cast<int>(ComposeProblem::Code::TemplateParserError), 23);
    }

    void closeNoteRoundTrip() { roundTripEveryCode<CloseNote>(); }
    void imapNoteRoundTrip() { roundTripEveryCode<ImapNote>(); }
    void closeNoteUnknownCode() { unknownNumbersUnpackAsUnknown<CloseNote>(); }
    void imapNoteUnknownCode() { unknownNumbersUnpackAsUnknown<ImapNote>(); }

    void unknownNotesHaveNoEnglish()
    {
        QVERIFY(CloseNote::unpacked({QStringLiteral("999")}).english().isEmpty());
        QVERIFY(CloseNote::unpacked({QStringLiteral("999")}).hasCode());
        QVERIFY(ImapNote::unpacked({QStringLiteral("999")}, 0).english().isEmpty());
    }

    // A composer's problem travels as its English, then its code and arguments
    // (DeliveryNote::NotComposed); every code comes back, with its setting.
    void composeProblemRoundTrip()
    {
        using Code = ComposeProblem::Code;
        for (int value = static_cast<int>(Code::None) + 1; value <= static_cast<int>(Code::Last);
             ++value) {
            const Code code = static_cast<Code>(value);
            const Error error = ComposeProblem::error(ErrorCode::InvalidValue,
                                                      code,
                                                      {QStringLiteral("message.from"),
                                                       QStringLiteral("b"),
                                                       QStringLiteral("c")});
            const QStringList packed = QStringList{error.message} + ComposeProblem::packed(error);
            const Error back = ComposeProblem::noteError(packed.at(0), packed, 1);
            QCOMPARE(ComposeProblem::codeOf(back), code);
            QCOMPARE(back.noteArguments, error.noteArguments);
            QCOMPARE(back.message, error.message);
            QCOMPARE(back.setting, error.setting);
            QCOMPARE(back.reason(), error.reason());
        }
    }

    void composeProblemUnknownCode()
    {
        for (const QString &number : {QStringLiteral("1999"),
                                      QStringLiteral("1000"),
                                      QStringLiteral("7"),
                                      QStringLiteral("-3")}) {
            const QStringList packed{QStringLiteral("some English"), number, QStringLiteral("a")};
            const Error error = ComposeProblem::noteError(packed.at(0), packed, 1);
            QCOMPARE(ComposeProblem::codeOf(error), ComposeProblem::Code::Unknown);
            QCOMPARE(error.message, QStringLiteral("some English"));
            QVERIFY(error.setting.isEmpty());
            // Passed on as it came.
            QCOMPARE(ComposeProblem::packed(error), packed.mid(1));
        }
        // No code at all: only the English says it.
        const Error plain = ComposeProblem::noteError(QStringLiteral("words"),
                                                      {QStringLiteral("words")},
                                                      1);
        QCOMPARE(ComposeProblem::codeOf(plain), ComposeProblem::Code::None);
        QVERIFY(ComposeProblem::packed(plain).isEmpty());
    }

    // The setting is in the error: a value that looks like a key cannot move it.
    void settingIsTheErrorsNotTheEnglishs_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("english");
        using Code = ComposeProblem::Code;
        QTest::newRow("From with a key in its value")
            << int(Code::AddressNotValid)
            << QStringList{QStringLiteral("message.from"), QStringLiteral("recipient.cc: x")}
            << QStringLiteral("message.from")
            << QStringLiteral("message.from: \"recipient.cc: x\" is not a valid email address");
        QTest::newRow("recipient's address")
            << int(Code::AddressUnreadable)
            << QStringList{QStringLiteral("recipient.email"), QStringLiteral("message.bcc: y")}
            << QStringLiteral("recipient.email")
            << QStringLiteral("recipient.email: message.bcc: y");
        QTest::newRow("unknown field in Cc")
            << int(Code::UnknownField)
            << QStringList{QStringLiteral("message.cc"), QStringLiteral("a")}
            << QStringLiteral("message.cc") << QStringLiteral("message.cc: unknown field \"a\"");
        QTest::newRow("header") << int(Code::HeaderNameInvalid)
                                << QStringList{QStringLiteral("message.from: X")}
                                << QStringLiteral("message.headers")
                                << QStringLiteral("message.headers: \"message.from: X\" is not a "
                                                  "valid header name");
        QTest::newRow("unsubscribe")
            << int(Code::UnsubscribeUriNotWeb) << QStringList{QStringLiteral("ftp://a")}
            << QStringLiteral("message.listUnsubscribe")
            << QStringLiteral("message.listUnsubscribe: \"ftp://a\" is not an http, https or "
                              "mailto URI");
        QTest::newRow("no setting: Message-ID domain")
            << int(Code::MessageIdDomainInvalid) << QStringList{QStringLiteral("message.from: a")}
            << QString()
            << QStringLiteral("messageIdDomain: \"message.from: a\" cannot be used in a "
                              "Message-ID");
        QTest::newRow("no setting: attachment")
            << int(Code::AttachmentMissing) << QStringList{QStringLiteral("message.from: a")}
            << QString() << QStringLiteral("attachment \"message.from: a\": no such file");
    }

    void settingIsTheErrorsNotTheEnglishs()
    {
        QFETCH(int, code);
        QFETCH(QStringList, arguments);
        QFETCH(QString, setting);
        QFETCH(QString, english);
        const Error error = ComposeProblem::error(ErrorCode::InvalidValue,
                                                  static_cast<ComposeProblem::Code>(code),
                                                  arguments);
        QCOMPARE(error.message, english); // word for word what the composer has always said
        QCOMPARE(error.setting, setting);
        QCOMPARE(error.reason(), setting.isEmpty() ? english : english.mid(setting.size() + 2));
    }

    void inSettingPutsTheKeyInFront()
    {
        const Error error = Error::inSetting(QStringLiteral("message.subject"),
                                             Error{ErrorCode::InvalidFormat,
                                                   QStringLiteral("message.text: oops")});
        QCOMPARE(error.message, QStringLiteral("message.subject: message.text: oops"));
        QCOMPARE(error.setting, QStringLiteral("message.subject"));
        QCOMPARE(error.reason(), QStringLiteral("message.text: oops"));
        QCOMPARE(Error{}.reason(), QString());
    }
};

QTEST_GUILESS_MAIN(TestNoteCodec)
#include "tst_notecodec.moc"
