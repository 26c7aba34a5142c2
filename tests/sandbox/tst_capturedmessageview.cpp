#include "compose/mimecomposer.h"
#include "sandbox/capturedmessageview.h"
#include "testresult.h"

#include <QTest>
#include <QTimeZone>

using namespace Bulkmail;

namespace {

// A PDF-looking attachment with every octet value, so that base64 round trips are tested.
QByteArray attachmentBytes()
{
    QByteArray bytes("%PDF-1.4\n");
    for (int i = 0; i < 3000; ++i)
        bytes.append(char(i % 256));
    return bytes;
}

const QString attachmentPath = QStringLiteral("/campaign/Übersicht 2024.pdf");

// A composed message the way the engine sends it: text and HTML with an attachment, a non-ASCII
// subject, sender name and recipient name.
QByteArray composedMessage(const MimeOptions &options)
{
    MessageTemplate message;
    message.from = QStringLiteral("Zoë Müller <zoe@example.com>");
    message.replyTo = QStringLiteral("help@example.com");
    message.attachments = {attachmentPath};
    message.headers = {{QStringLiteral("X-Campaign"), QStringLiteral("spring")}};
    RenderedMessage content;
    content.subject = QStringLiteral("Grüße, Łukasz: 你好 and a long subject that needs folding "
                                     "over more than one line");
    content.text = QStringLiteral("Dear Łukasz,\n\nyour total is 42 €.\n");
    content.html = QStringLiteral("<p>Dear <b>Łukasz</b>,</p>\n<p>your total is 42 &euro;.</p>\n");
    const Recipient recipient{QStringLiteral("lukasz@example.org"), QStringLiteral("Łukasz Żółw")};
    AttachmentCache cache;
    cache.addData(attachmentPath,
                  QStringLiteral("Übersicht 2024.pdf"),
                  attachmentBytes(),
                  QStringLiteral("application/pdf"));
    MimeContext context;
    context.date = QDateTime(QDate(2024, 3, 5), QTime(14, 30, 15), Qt::OffsetFromUTC, 2 * 3600);
    context.attachments = &cache;
    const Result<OutgoingMessage> composed = composeMime(message,
                                                         content,
                                                         recipient,
                                                         context,
                                                         options);
    return composed ? composed->content : QByteArray();
}

QString headerValue(const MessageView &view, const QString &name)
{
    for (const auto &[headerName, value] : view.headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace

class TestCapturedMessageView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void composedMessageRoundTrips_data();
    void composedMessageRoundTrips();
    void textOnlyMessage();
    void legacyCharsetsAndEncodings();
    void emptyDataIsAnError();
};

void TestCapturedMessageView::composedMessageRoundTrips_data()
{
    QTest::addColumn<bool>("allow8Bit");
    QTest::newRow("7-bit server: quoted-printable or base64") << false;
    QTest::newRow("8BITMIME server: 8bit bodies") << true;
}

void TestCapturedMessageView::composedMessageRoundTrips()
{
    QFETCH(bool, allow8Bit);
    MimeOptions options;
    options.allow8BitMime = allow8Bit;
    const QByteArray data = composedMessage(options);
    QVERIFY(!data.isEmpty());
    // Proof that the headers really were encoded, so the decoding below is exercised.
    QVERIFY(data.contains("Subject: =?UTF-8?"));
    QVERIFY(!data.left(data.indexOf("\r\n\r\n")).contains("Łukasz"));

    const Result<MessageView> view = viewCapturedMessage(data);
    QVERIFY_RESULT(view);
    QCOMPARE(view->from, QStringLiteral("Zoë Müller <zoe@example.com>"));
    QCOMPARE(view->to, QStringLiteral("Łukasz Żółw <lukasz@example.org>"));
    QCOMPARE(view->replyTo, QStringLiteral("help@example.com"));
    QCOMPARE(view->subject,
             QStringLiteral("Grüße, Łukasz: 你好 and a long subject that needs folding over more "
                            "than one line"));
    QCOMPARE(view->date, QDateTime(QDate(2024, 3, 5), QTime(12, 30, 15), Qt::UTC));
    QCOMPARE(view->date.offsetFromUtc(), 2 * 3600);
    QCOMPARE(view->text, QStringLiteral("Dear Łukasz,\n\nyour total is 42 €.\n"));
    QCOMPARE(view->html,
             QStringLiteral("<p>Dear <b>Łukasz</b>,</p>\n<p>your total is 42 &euro;.</p>\n"));
    QCOMPARE(view->attachments.size(), 1);
    QCOMPARE(view->attachments.first().fileName, QStringLiteral("Übersicht 2024.pdf"));
    QCOMPARE(view->attachments.first().mimeType, QStringLiteral("application/pdf"));
    QCOMPARE(view->attachments.first().size, attachmentBytes().size());

    // Every header, in order, decoded.
    QStringList names;
    for (const auto &header : view->headers)
        names.append(header.first);
    QCOMPARE(names.mid(0, 6),
             (QStringList{QStringLiteral("Date"),
                          QStringLiteral("From"),
                          QStringLiteral("To"),
                          QStringLiteral("Reply-To"),
                          QStringLiteral("Subject"),
                          QStringLiteral("Message-ID")}));
    QVERIFY(names.contains(QStringLiteral("MIME-Version")));
    QCOMPARE(headerValue(*view, QStringLiteral("Subject")), view->subject);
    QCOMPARE(headerValue(*view, QStringLiteral("X-Campaign")), QStringLiteral("spring"));
    QVERIFY2(headerValue(*view, QStringLiteral("To")).contains(QStringLiteral("Łukasz Żółw")),
             qPrintable(headerValue(*view, QStringLiteral("To"))));
    QVERIFY(headerValue(*view, QStringLiteral("Content-Type"))
                .startsWith(QLatin1String("multipart/mixed")));
}

void TestCapturedMessageView::textOnlyMessage()
{
    MessageTemplate message;
    message.from = QStringLiteral("sender@example.com");
    RenderedMessage content;
    content.subject = QStringLiteral("Plain");
    content.text = QStringLiteral("Just text.\n");
    const Recipient recipient{QStringLiteral("ann@example.org"), {}};
    const Result<OutgoingMessage> composed = composeMime(message, content, recipient, {});
    QVERIFY_RESULT(composed);
    const Result<MessageView> view = viewCapturedMessage(composed->content);
    QVERIFY_RESULT(view);
    QCOMPARE(view->from, QStringLiteral("sender@example.com"));
    QCOMPARE(view->to, QStringLiteral("ann@example.org"));
    QCOMPARE(view->replyTo, QString());
    QCOMPARE(view->subject, QStringLiteral("Plain"));
    QCOMPARE(view->text, QStringLiteral("Just text.\n"));
    QCOMPARE(view->html, QString());
    QVERIFY(view->attachments.isEmpty());
    QVERIFY(view->date.isValid());
}

// Messages from other mail programs: ISO-8859-1 quoted-printable, windows-1252 base64, RFC 2047
// Q words in ISO-8859-2, an RFC 2231 file name, and a nested multipart.
void TestCapturedMessageView::legacyCharsetsAndEncodings()
{
    const QByteArray data
        = "From: =?ISO-8859-2?Q?Pawe=B3?= <pawel@example.pl>\r\n"
          "To: a@example.org, \"Doe, Jane\" <jane@example.org>\r\n"
          "Subject: =?ISO-8859-1?Q?Caf=E9?= =?ISO-8859-1?Q?_cr=E8me?=\r\n"
          "Date: Tue, 5 Mar 2024 09:00:00 -0500\r\n"
          "MIME-Version: 1.0\r\n"
          "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
          "\r\n"
          "--outer\r\n"
          "Content-Type: multipart/alternative; boundary=\"inner\"\r\n"
          "\r\n"
          "--inner\r\n"
          "Content-Type: text/plain; charset=ISO-8859-1\r\n"
          "Content-Transfer-Encoding: quoted-printable\r\n"
          "\r\n"
          "Gr=FC=DFe aus K=F6ln, a soft=\r\n"
          " break.\r\n"
          "--inner\r\n"
          "Content-Type: text/html; charset=windows-1252\r\n"
          "Content-Transfer-Encoding: base64\r\n"
          "\r\n"
          + QByteArray("<p>\x80 5</p>").toBase64()
          + "\r\n"
            "--inner--\r\n"
            "--outer\r\n"
            "Content-Type: text/csv\r\n"
            "Content-Disposition: attachment; filename*=UTF-8''%C3%BCbersicht.csv\r\n"
            "\r\n"
            "a,b\r\n"
            "--outer--\r\n";
    const Result<MessageView> view = viewCapturedMessage(data);
    QVERIFY_RESULT(view);
    QCOMPARE(view->from, QStringLiteral("Paweł <pawel@example.pl>"));
    QCOMPARE(view->to, QStringLiteral("a@example.org, \"Doe, Jane\" <jane@example.org>"));
    QCOMPARE(view->subject, QStringLiteral("Café crème"));
    QCOMPARE(view->date, QDateTime(QDate(2024, 3, 5), QTime(14, 0), Qt::UTC));
    QCOMPARE(view->date.offsetFromUtc(), -5 * 3600);
    // The CRLF before a boundary belongs to the boundary (RFC 2046 §5.1.1).
    QCOMPARE(view->text, QStringLiteral("Grüße aus Köln, a soft break."));
    QCOMPARE(view->html, QStringLiteral("<p>€ 5</p>"));
    QCOMPARE(view->attachments.size(), 1);
    QCOMPARE(view->attachments.first().fileName, QStringLiteral("übersicht.csv"));
    QCOMPARE(view->attachments.first().mimeType, QStringLiteral("text/csv"));
    QCOMPARE(view->attachments.first().size, 3); // "a,b": the last CRLF is the boundary's
    QCOMPARE(headerValue(*view, QStringLiteral("Subject")), QStringLiteral("Café crème"));
    QCOMPARE(view->headers.size(), 6);
    QCOMPARE(view->headers.at(5).first, QStringLiteral("Content-Type"));
    QCOMPARE(view->headers.at(5).second, QStringLiteral("multipart/mixed; boundary=\"outer\""));
}

void TestCapturedMessageView::emptyDataIsAnError()
{
    const Result<MessageView> view = viewCapturedMessage(QByteArray("\r\n"));
    QVERIFY(!view);
    QCOMPARE(view.error().code, ErrorCode::InvalidFormat);
}

QTEST_GUILESS_MAIN(TestCapturedMessageView)
#include "tst_capturedmessageview.moc"
