// A genuine delivery report: a private Postfix (tests/support/privatepostfix.h) accepts a message
// for an unknown user of its virtual domain, its bounce(8) daemon writes the RFC 3464 report, and
// virtual(8) delivers that report into the kept mailbox of the sender. parseDeliveryReport() must
// read it as Postfix really writes it, not as a hand-made sample says it does.

#include "common/clock.h"
#include "feedback/campaignfeedback.h"
#include "feedback/deliveryreport.h"
#include "feedback/feedbackmessage.h"
#include "feedback/unsubscriberequest.h"
#include "genuinebounce.h"
#include "privatepostfix.h"
#include "testresult.h"

#include <QtTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;

namespace {

constexpr const char *Sender = "news@bulkmail.test";
constexpr const char *UnknownUser = "nobody-here@bulkmail.test";
constexpr const char *OriginalMessageId = "<r4nd0m.lvz9q1.2a@bulkmail.test>";

} // namespace

class TestPostfixBounce final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void postfixReportIsRead();
};

void TestPostfixBounce::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestPostfixBounce::postfixReportIsRead()
{
    PrivatePostfix postfix(bouncingPostfixOptions(Sender));
    QVERIFY(postfix.start());

    const QByteArray message = QByteArray("From: Newsletter <") + Sender + ">\r\n"
                               + "To: " + UnknownUser + "\r\n" + "Subject: Spring newsletter\r\n"
                               + "Message-ID: " + OriginalMessageId + "\r\n"
                               + "Date: Tue, 07 May 2024 09:30:55 +0000\r\n"
                               + "MIME-Version: 1.0\r\n"
                               + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                               + "Dear customer, ...\r\n";
    QVERIFY(submitWithSmtplib(postfix.port(), Sender, UnknownUser, message));

    QTRY_COMPARE_WITH_TIMEOUT(postfix.receivedMessages().size(), 1, 60'000);
    const ReceivedMessage bounce = postfix.receivedMessages().constFirst();
    QCOMPARE(bounce.recipients, QList<QByteArray>{Sender});
    QVERIFY2(bounce.data.contains("multipart/report"), bounce.data.constData());

    const std::optional<DeliveryReport> report = parseDeliveryReport(bounce.data);
    QVERIFY2(report, bounce.data.constData());
    QCOMPARE(report->format, ReportFormat::Rfc3464);
    QCOMPARE(report->reportingMta, PrivatePostfix::hostName());
    QCOMPARE(report->originalMessageId, QString::fromLatin1(OriginalMessageId));
    QCOMPARE(report->recipients.size(), 1);
    const BouncedRecipient &recipient = report->recipients.constFirst();
    QCOMPARE(recipient.recipient, QString::fromLatin1(UnknownUser));
    QCOMPARE(recipient.action, DeliveryAction::Failed);
    QCOMPARE(recipient.status, QStringLiteral("5.1.1"));
    QCOMPARE(recipient.severity(), BounceSeverity::Hard);
    QVERIFY2(recipient.diagnostic.contains(QStringLiteral("unknown user"), Qt::CaseInsensitive),
             qPrintable(recipient.diagnostic));
    QVERIFY(report->isHard());
    // virtual(8) found no such mailbox: "unknown user: \"nobody-here@bulkmail.test\"".
    // Postfix marks its report Auto-Submitted; it is a report all the same, and no request.
    QVERIFY(!isAutoReply(bounce.data));
    QVERIFY(!parseUnsubscribeRequest(bounce.data, {[](const QString &) { return true; }}));

    // Applied to a campaign's journal, the report leaves a bounced line that names the server
    // that refused the message: a reopened campaign's Bounces view shows it (issue 16).
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString journalPath = directory.filePath(QStringLiteral("news.bulkmail.journal"));
    Recipient unknown;
    unknown.email = QString::fromLatin1(UnknownUser);
    const QList<Recipient> recipients{unknown};
    {
        Result<std::unique_ptr<SendJournal>> journal = SendJournal::open(journalPath,
                                                                         recipients,
                                                                         SystemClock::instance());
        QVERIFY_RESULT(journal);
        JournalEntry sent;
        sent.kind = JournalEntry::Kind::Sent;
        sent.recipientIndex = 0;
        sent.email = recipients.constFirst().email;
        sent.code = 250;
        sent.messageId = QString::fromLatin1(OriginalMessageId);
        QVERIFY_RESULT((*journal)->append(sent));
        const Result<QList<JournalEntry>> written = readJournalEntries(journalPath);
        QVERIFY_RESULT(written);
        const MailboxFeedback feedback{QStringLiteral("INBOX"), 1, readFeedbackMessage(bounce.data)};
        const auto events = applyFeedback(feedback,
                                          CampaignMessageIds::fromJournal(*written),
                                          journal->get(),
                                          nullptr,
                                          QStringLiteral("Spring newsletter"),
                                          UnsubscribeHandling::AskFirst);
        QVERIFY_RESULT(events);
        QCOMPARE(events->size(), 1);
        QCOMPARE(events->constFirst().reportingServer, PrivatePostfix::hostName());
    }
    const Result<QList<JournalEntry>> entries = readJournalEntries(journalPath);
    QVERIFY_RESULT(entries);
    const QList<FeedbackEvent> reopened = bouncesFromJournal(*entries);
    QCOMPARE(reopened.size(), 1);
    QCOMPARE(reopened.constFirst().reportingServer, PrivatePostfix::hostName());
    QCOMPARE(reopened.constFirst().status, QStringLiteral("5.1.1"));
    QCOMPARE(reopened.constFirst().recipientIndex, 0);
}

QTEST_GUILESS_MAIN(TestPostfixBounce)
#include "tst_postfixbounce.moc"
