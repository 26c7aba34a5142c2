// Unsubscribe requests: a message to our tagged List-Unsubscribe address, and replies to our
// messages that say "unsubscribe" / "退订"; never bounces, auto-replies, or replies that only
// mention the word, and never replies to messages that are not ours.

#include "feedback/unsubscriberequest.h"

#include <QFile>
#include <QtTest>

#include "bouncesamples.h"

using namespace Bulkmail;
using Bulkmail::Test::bounceSample;

namespace {

// Our messages are the ones with ids on example.org (what the composer writes: messageIdDomain).
UnsubscribeMatch ours()
{
    return {[](const QString &id) { return id.endsWith(QLatin1String("@example.org>")); }};
}

QByteArray reply(const QByteArray &subject, const QByteArray &body, const QByteArray &inReplyTo)
{
    return "From: Li Lei <li.lei@example.net>\r\nTo: news@example.org\r\nSubject: " + subject
           + "\r\nDate: Wed, 08 May 2024 09:30:00 +0000\r\nMessage-ID: <r@example.net>\r\n"
           + (inReplyTo.isEmpty() ? QByteArray() : "In-Reply-To: " + inReplyTo + "\r\n")
           + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body;
}

} // namespace

class TestUnsubscribeRequest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void taggedAddress();
    void replyInChinese();
    void replies_data();
    void replies();
    void notRequests_data();
    void notRequests();
};

void TestUnsubscribeRequest::taggedAddress()
{
    // Through the tagged address no Message-ID is needed, and any subject will do.
    const std::optional<UnsubscribeRequest> request = parseUnsubscribeRequest(
        bounceSample(QStringLiteral("unsubscribe-tagged-address.eml")));
    QVERIFY(request);
    QCOMPARE(request->address, QStringLiteral("li.lei@example.net"));
    QCOMPARE(request->token, QStringLiteral("c2Vjb25k"));
    QCOMPARE(request->messageId, QString());
    QCOMPARE(request->date, QDateTime(QDate(2024, 5, 8), QTime(8, 0), Qt::UTC));
}

void TestUnsubscribeRequest::replyInChinese()
{
    const QByteArray raw = bounceSample(QStringLiteral("unsubscribe-reply-tuiding.eml"));
    const std::optional<UnsubscribeRequest> request = parseUnsubscribeRequest(raw, ours());
    QVERIFY(request);
    QCOMPARE(request->address, QStringLiteral("wang.fang@example.cn"));
    QCOMPARE(request->messageId, QStringLiteral("<p0o9i8.lvxd4e.33@example.org>"));
    QCOMPARE(request->token, QString());
    // Without knowing our messages, a reply is no request.
    QVERIFY(!parseUnsubscribeRequest(raw));
}

void TestUnsubscribeRequest::replies_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("isRequest");
    const QByteArray ourId = "<k3j2h1.lvx9a0.5@example.org>";
    QTest::newRow("subject unsubscribe") << reply("Unsubscribe", "", ourId) << true;
    QTest::newRow("subject Re: 取消订阅")
        << reply("=?UTF-8?B?UmU6IOWPlua2iOiuoumYhQ==?=", "", ourId) << true;
    QTest::newRow("first line, quoted text below")
        << reply("Re: Spring newsletter",
                 "\r\nPlease unsubscribe me.\r\n\r\n> Dear Li Lei\r\n",
                 ourId)
        << true;
    QTest::newRow("word only in the quoted part")
        << reply("Re: Spring newsletter", "Thanks!\r\n> To unsubscribe, reply\r\n", ourId) << false;
    QTest::newRow("a reply to someone else's message")
        << reply("unsubscribe", "", "<other@elsewhere.example>") << false;
    QTest::newRow("no reference at all") << reply("unsubscribe", "", "") << false;
}

void TestUnsubscribeRequest::replies()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, isRequest);
    QCOMPARE(parseUnsubscribeRequest(raw, ours()).has_value(), isRequest);
}

void TestUnsubscribeRequest::notRequests_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("long first line mentioning the word")
        << "not-unsubscribe-reply-mentions-word.eml";
    QTest::newRow("an out-of-office reply") << "autoreply-outlook-out-of-office.eml";
    QTest::newRow("a bounce that answers our message") << "exchange-recipient-not-found.eml";
    QTest::newRow("a 退信 that answers our message") << "tencent-qq-tuixin.eml";
}

void TestUnsubscribeRequest::notRequests()
{
    QFETCH(QString, file);
    QVERIFY(!parseUnsubscribeRequest(bounceSample(file), ours()));
}

QTEST_GUILESS_MAIN(TestUnsubscribeRequest)
#include "tst_unsubscriberequest.moc"
