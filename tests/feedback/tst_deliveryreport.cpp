// Delivery reports from the formats in tests/data/bounces/ (see its README for where each shape
// comes from), auto-replies and other mail that must not count, text in GB18030, and
// robustness against garbage and truncated reports.

#include "feedback/deliveryreport.h"
#include "feedback/unsubscriberequest.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

#include "bouncesamples.h"

using namespace Bulkmail;
using Bulkmail::Test::bounceSample;

class TestDeliveryReport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samples_data();
    void samples();
    void rfc3464KeepsEveryRecipient();
    void plainTextKeepsEachRecipientsReason();
    void statusContradictingTheActionYields();
    void notReports_data();
    void notReports();
    void chineseReportsAreDecoded();
    void autoReplyDetection();
    void json();
    void garbageNeverMakesAReport();
    void truncatedReportsNeverMisreport();
};

void TestDeliveryReport::samples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("recipient");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("hard");
    QTest::addColumn<QString>("diagnosticContains");
    QTest::addColumn<QString>("originalMessageId");

    QTest::newRow("RFC 3464 (Exim), text/rfc822-headers")
        << "rfc3464-exim-two-recipients.eml"
        << "rfc3464"
        << "li.lei@example.net"
        << "5.1.1"
        << "failed" << true << "Recipient address rejected: User unknown"
        << "<k3j2h1.lvx9a0.5@example.org>";
    QTest::newRow("Exchange / Office 365 plain text")
        << "exchange-recipient-not-found.eml"
        << "exchange"
        << "anna.schmidt@contoso.com"
        << "5.1.10"
        << "failed" << true << "RESOLVER.ADR.RecipientNotFound"
        << "<q8w7e6.lvxa1b.9@example.org>";
    QTest::newRow("Gmail Address not found")
        << "gmail-address-not-found.eml"
        << "gmail"
        << "no.such.person@gmail.com"
        << "5.1.1"
        << "failed" << true << "The email account that you tried to reach does not exist"
        << "<z1x2c3.lvxb2c.17@example.org>";
    QTest::newRow("qmail, original quoted inline") << "qmail-user-unknown.eml"
                                                   << "qmail"
                                                   << "zhang.wei@example.com"
                                                   << "5.1.1"
                                                   << "failed" << true << "User unknown"
                                                   << "<m5n6b7.lvxc3d.21@example.org>";
    QTest::newRow("QQ 退信, GB18030 labelled gb2312, base64")
        << "tencent-qq-tuixin.eml"
        << "tencent"
        << "wangfang_test@qq.com"
        << "5.1.1"
        << "failed" << true << "收件人邮箱地址不存在"
        << "<p0o9i8.lvxd4e.33@example.org>";
    QTest::newRow("163 系统退信, unlabelled GBK") << "netease-163-tuixin.eml"
                                                  << "netease"
                                                  << "liu.yang2024@163.com"
                                                  << "5.1.1"
                                                  << "failed" << true << "550 User not found"
                                                  << "";
    QTest::newRow("Aliyun, mailbox full (soft)") << "aliyun-mailbox-full.eml"
                                                 << "aliyun"
                                                 << "chen.jing@aliyun.com"
                                                 << "4.2.2"
                                                 << "failed" << false << "收件人邮箱空间已满"
                                                 << "<a7s8d9.lvxe5f.40@example.org>";
}

void TestDeliveryReport::samples()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(QString, recipient);
    QFETCH(QString, status);
    QFETCH(QString, action);
    QFETCH(bool, hard);
    QFETCH(QString, diagnosticContains);
    QFETCH(QString, originalMessageId);

    const std::optional<DeliveryReport> report = parseDeliveryReport(bounceSample(file));
    QVERIFY(report);
    QCOMPARE(reportFormatName(report->format), format);
    QVERIFY(!report->recipients.isEmpty());
    const BouncedRecipient &first = report->recipients.first();
    QCOMPARE(first.recipient, recipient);
    QCOMPARE(first.status, status);
    QCOMPARE(deliveryActionName(first.action), action);
    QCOMPARE(first.severity() == BounceSeverity::Hard, hard);
    QVERIFY2(first.diagnostic.contains(diagnosticContains), qPrintable(first.diagnostic));
    QCOMPARE(report->originalMessageId, originalMessageId);
    if (format != u"rfc3464")
        QCOMPARE(report->recipients.size(), 1); // never our own address, nor the reporter's
}

void TestDeliveryReport::rfc3464KeepsEveryRecipient()
{
    const std::optional<DeliveryReport> report = parseDeliveryReport(
        bounceSample(QStringLiteral("rfc3464-exim-two-recipients.eml")));
    QVERIFY(report);
    QCOMPARE(report->reportingMta, QStringLiteral("mx.example.net"));
    QCOMPARE(report->recipients.size(), 2);
    const BouncedRecipient &failed = report->recipients.at(0);
    // A folded Diagnostic-Code is unfolded, its "smtp;" type dropped.
    QCOMPARE(failed.diagnostic,
             QStringLiteral("550 5.1.1 <li.lei@example.net>: Recipient address rejected: User "
                            "unknown"));
    QCOMPARE(failed.remoteMta, QStringLiteral("mx.example.net"));
    const BouncedRecipient &delayed = report->recipients.at(1);
    QCOMPARE(delayed.recipient, QStringLiteral("han.meimei@example.net"));
    QCOMPARE(delayed.action, DeliveryAction::Delayed);
    QCOMPARE(delayed.status, QStringLiteral("4.2.2"));
    QCOMPARE(delayed.severity(), BounceSeverity::Soft);
    QVERIFY(report->isHard());
    QCOMPARE(report->subject, QStringLiteral("Mail delivery failed: returning message to sender"));
    QCOMPARE(report->date, QDateTime(QDate(2024, 5, 7), QTime(9, 31), Qt::UTC));
}

void TestDeliveryReport::plainTextKeepsEachRecipientsReason()
{
    // qmail: one paragraph per recipient; each reason belongs to its own paragraph, not to the
    // first code in the report. The sender (To) is never taken for a recipient.
    const QByteArray raw = "From: MAILER-DAEMON@mail.example.com\r\n"
                           "To: news@example.org\r\n"
                           "Subject: failure notice\r\n\r\n"
                           "Hi. This is the qmail-send program at mail.example.com.\r\n"
                           "I'm afraid I wasn't able to deliver your message to the following "
                           "addresses.\r\n\r\n"
                           "<first@example.com>:\r\n"
                           "Remote host said: 552 5.2.2 Mailbox full\r\n"
                           "Giving up on 192.0.2.44.\r\n\r\n"
                           "<second@example.com>:\r\n"
                           "Sorry, I couldn't find any host named example.com. (#5.1.2)\r\n\r\n"
                           "<news@example.org>:\r\n"
                           "Remote host said: 550 5.1.1 our own address, quoted\r\n";
    const std::optional<DeliveryReport> report = parseDeliveryReport(raw);
    QVERIFY(report);
    QCOMPARE(report->format, ReportFormat::Qmail);
    QCOMPARE(report->recipients.size(), 2);
    QCOMPARE(report->recipients[0].recipient, QStringLiteral("first@example.com"));
    QCOMPARE(report->recipients[0].status, QStringLiteral("5.2.2"));
    QCOMPARE(report->recipients[1].recipient, QStringLiteral("second@example.com"));
    QCOMPARE(report->recipients[1].status, QStringLiteral("5.1.2"));
    QVERIFY(report->recipients[1].diagnostic.contains(QStringLiteral("couldn't find any host")));
}

void TestDeliveryReport::statusContradictingTheActionYields()
{
    // Found by fuzz_deliveryreport: "Action: delayed" with "Status: 2.2.2" must not make a soft
    // bounce with a success status; the action decides the class.
    const QByteArray raw = "From: MAILER-DAEMON@mx.example.net\r\n"
                           "Subject: Delivery report\r\n"
                           "Content-Type: multipart/report; report-type=delivery-status; "
                           "boundary=b\r\n\r\n"
                           "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
                           "Reporting-MTA: dns; mx.example.net\r\n\r\n"
                           "Final-Recipient: rfc822; a@example.net\r\n"
                           "Action: delayed\r\nStatus: 2.2.2\r\n\r\n"
                           "Final-Recipient: rfc822; b@example.net\r\n"
                           "Action: failed\r\nStatus: 2.0.0\r\n\r\n"
                           "--b--\r\n";
    const std::optional<DeliveryReport> report = parseDeliveryReport(raw);
    QVERIFY(report);
    QCOMPARE(report->recipients.size(), 2);
    QCOMPARE(report->recipients[0].status, QStringLiteral("4.0.0"));
    QCOMPARE(report->recipients[1].status, QStringLiteral("5.0.0"));
}

void TestDeliveryReport::notReports_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("Outlook out of office, with a 550 in its words")
        << "autoreply-outlook-out-of-office.eml";
    QTest::newRow("自动回复 in GB18030") << "autoreply-chinese-gb18030.eml";
    QTest::newRow("a DSN saying delivered") << "not-bounce-success-dsn.eml";
    QTest::newRow("a person's reply quoting an address and a code")
        << "not-bounce-ordinary-reply.eml";
    QTest::newRow("an unsubscribe request") << "unsubscribe-reply-tuiding.eml";
    QTest::newRow("a read receipt (RFC 8098) quoting a failure-like text")
        << "not-bounce-read-receipt.eml";
}

void TestDeliveryReport::notReports()
{
    QFETCH(QString, file);
    QVERIFY(!parseDeliveryReport(bounceSample(file)));
}

void TestDeliveryReport::chineseReportsAreDecoded()
{
    // The subject is an RFC 2047 word in GB18030; the body GB18030 labelled gb2312 (QQ), or GBK
    // with no label at all (163).
    const std::optional<DeliveryReport> qq = parseDeliveryReport(
        bounceSample(QStringLiteral("tencent-qq-tuixin.eml")));
    QVERIFY(qq);
    QCOMPARE(qq->subject, QStringLiteral("退信：春季通讯"));
    const std::optional<DeliveryReport> netease = parseDeliveryReport(
        bounceSample(QStringLiteral("netease-163-tuixin.eml")));
    QVERIFY(netease);
    QCOMPARE(netease->subject, QStringLiteral("系统退信"));
    QCOMPARE(netease->recipients.first().diagnostic,
             QStringLiteral("退信原因：550 User not found: liu.yang2024@163.com"));
}

void TestDeliveryReport::autoReplyDetection()
{
    QVERIFY(isAutoReply(bounceSample(QStringLiteral("autoreply-outlook-out-of-office.eml"))));
    QVERIFY(isAutoReply(bounceSample(QStringLiteral("autoreply-chinese-gb18030.eml"))));
    // MTAs mark bounces Auto-Submitted too; a report is not an auto-reply.
    QVERIFY(!isAutoReply(bounceSample(QStringLiteral("rfc3464-exim-two-recipients.eml"))));
    QVERIFY(!isAutoReply(bounceSample(QStringLiteral("not-bounce-ordinary-reply.eml"))));
}

void TestDeliveryReport::json()
{
    const std::optional<DeliveryReport> report = parseDeliveryReport(
        bounceSample(QStringLiteral("aliyun-mailbox-full.eml")));
    QVERIFY(report);
    const QJsonObject object = QJsonDocument::fromJson(deliveryReportJson(*report)).object();
    QCOMPARE(object.value(u"format").toString(), QStringLiteral("aliyun"));
    QCOMPARE(object.value(u"hard").toBool(true), false);
    QCOMPARE(object.value(u"date").toString(), QStringLiteral("2024-05-07T09:45:00Z"));
    const QJsonObject recipient = object.value(u"recipients").toArray().at(0).toObject();
    QCOMPARE(recipient.value(u"recipient").toString(), QStringLiteral("chen.jing@aliyun.com"));
    QCOMPARE(recipient.value(u"severity").toString(), QStringLiteral("soft"));
    QCOMPARE(recipient.value(u"status").toString(), QStringLiteral("4.2.2"));
}

void TestDeliveryReport::garbageNeverMakesAReport()
{
    // Seeded, so that a failure replays; the seed is printed with it.
    const quint32 seed = 16;
    QRandomGenerator random(seed);
    const QByteArray report = bounceSample(QStringLiteral("rfc3464-exim-two-recipients.eml"));
    for (int round = 0; round < 400; ++round) {
        QByteArray bytes(random.bounded(1, 4096), Qt::Uninitialized);
        for (char &byte : bytes)
            byte = char(random.bounded(256));
        if (round % 4 == 1) // garbage after a plausible header block
            bytes.prepend("From: MAILER-DAEMON@x.example\r\nSubject: Undeliverable\r\n\r\n");
        if (round % 4 == 2) // a report's bytes shuffled line by line
        {
            QList<QByteArray> lines = report.split('\n');
            for (qsizetype i = lines.size() - 1; i > 0; --i)
                lines.swapItemsAt(i, random.bounded(int(i + 1)));
            bytes = lines.join('\n');
            // Shuffled, the delivery-status fields may still line up; only garbage must fail.
            [[maybe_unused]] const auto shuffled = parseDeliveryReport(bytes);
            continue;
        }
        const std::optional<DeliveryReport> parsed = parseDeliveryReport(bytes);
        QVERIFY2(!parsed, qPrintable(QStringLiteral("seed %1 round %2").arg(seed).arg(round)));
        QVERIFY2(!parseUnsubscribeRequest(bytes, {[](const QString &) { return true; }}),
                 qPrintable(QStringLiteral("seed %1 round %2").arg(seed).arg(round)));
    }
}

void TestDeliveryReport::truncatedReportsNeverMisreport()
{
    // A report cut short anywhere never crashes, and what it still yields is never wrong: the
    // recipients found are ones the whole report names.
    const QStringList files = QDir(QStringLiteral(BULKMAIL_BOUNCES_DIR))
                                  .entryList({QStringLiteral("*.eml")}, QDir::Files);
    QVERIFY(files.size() >= 10);
    for (const QString &file : files) {
        const QByteArray whole = bounceSample(file);
        const std::optional<DeliveryReport> full = parseDeliveryReport(whole);
        for (qsizetype length = 0; length < whole.size(); length += 7) {
            const std::optional<DeliveryReport> cut = parseDeliveryReport(whole.first(length));
            if (!cut)
                continue;
            QVERIFY2(full, qPrintable(file + QStringLiteral(" cut at %1").arg(length)));
            for (const BouncedRecipient &recipient : cut->recipients) {
                const auto same = std::find_if(full->recipients.cbegin(),
                                               full->recipients.cend(),
                                               [&](const BouncedRecipient &other) {
                                                   return other.recipient == recipient.recipient;
                                               });
                QVERIFY2(
                    same != full->recipients.cend(),
                    qPrintable(
                        file
                        + QStringLiteral(" cut at %1: %2").arg(length).arg(recipient.recipient)));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestDeliveryReport)
#include "tst_deliveryreport.moc"
