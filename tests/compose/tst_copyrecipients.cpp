#include "campaign/campaigncheck.h"
#include "compose/copyrecipients.h"
#include "compose/mimecomposer.h"
#include "pythonmessageparser.h"
#include "testresult.h"

#include <QStandardPaths>
#include <QTest>

using namespace Bulkmail;

namespace {

const QStringList Fields{QStringLiteral("manager"), QStringLiteral("parent")};

Recipient employee(const QString &manager, const QString &parent = {})
{
    return Recipient{QStringLiteral("wang@example.org"), QStringLiteral("Wang"), {manager, parent}};
}

QStringList addresses(const QList<Mailbox> &mailboxes)
{
    QStringList result;
    for (const Mailbox &mailbox : mailboxes)
        result.append(mailbox.address);
    return result;
}

} // namespace

class TestCopyRecipients final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void fieldsAndFixedAddresses();
    void duplicatesWithinOneMessageAreRemoved();
    void invalidAddressesAreFlaggedNeverInjected_data();
    void invalidAddressesAreFlaggedNeverInjected();
    void unknownFieldIsAnError();
    void composerWritesCcAndNeverBcc();
    void checkFlagsInvalidCopiesPerRow();
};

void TestCopyRecipients::fieldsAndFixedAddresses()
{
    MessageTemplate message;
    message.cc = QStringLiteral("{{manager}}; \"Li, HR\" <hr@example.org>");
    message.bcc = QStringLiteral("archive@example.org");
    const auto copies = resolveCopyRecipients(message,
                                              Fields,
                                              employee(QStringLiteral("Boss <boss@example.org>")));
    QVERIFY_RESULT(copies);
    QCOMPARE(addresses(copies->cc),
             (QStringList{QStringLiteral("boss@example.org"), QStringLiteral("hr@example.org")}));
    QCOMPARE(copies->cc[0].displayName, QStringLiteral("Boss"));
    QCOMPARE(addresses(copies->bcc), QStringList{QStringLiteral("archive@example.org")});
    QVERIFY(copies->invalid.isEmpty());

    // An empty field gives no copy, and no complaint.
    const auto none = resolveCopyRecipients(message, Fields, employee(QString()));
    QVERIFY_RESULT(none);
    QCOMPARE(none->cc.size(), 1);
    QVERIFY(none->invalid.isEmpty());
}

void TestCopyRecipients::duplicatesWithinOneMessageAreRemoved()
{
    MessageTemplate message;
    message.cc = QStringLiteral("{{manager}}, WANG@example.org, {{parent}}");
    message.bcc = QStringLiteral("boss@example.org, archive@example.org");
    const auto copies = resolveCopyRecipients(message,
                                              Fields,
                                              employee(QStringLiteral("boss@example.org"),
                                                       QStringLiteral("Boss@Example.org")));
    QVERIFY_RESULT(copies);
    QCOMPARE(addresses(copies->cc), QStringList{QStringLiteral("boss@example.org")});
    QCOMPARE(addresses(copies->bcc), QStringList{QStringLiteral("archive@example.org")});
    QCOMPARE(copies->duplicates.size(), 3); // the recipient, the parent, the Bcc boss
}

void TestCopyRecipients::invalidAddressesAreFlaggedNeverInjected_data()
{
    QTest::addColumn<QString>("manager");
    QTest::newRow("no at sign") << QStringLiteral("boss.example.org");
    QTest::newRow("header injection with CRLF")
        << QStringLiteral("boss@example.org\r\nBcc: spy@evil.example");
    QTest::newRow("bare LF") << QStringLiteral("boss@example.org\nX-Evil: 1");
    QTest::newRow("space inside") << QStringLiteral("boss @example.org");
}

void TestCopyRecipients::invalidAddressesAreFlaggedNeverInjected()
{
    QFETCH(QString, manager);
    MessageTemplate message;
    message.from = QStringLiteral("hr@example.org");
    message.cc = QStringLiteral("{{manager}}");
    const Recipient recipient = employee(manager);
    const auto copies = resolveCopyRecipients(message, Fields, recipient);
    QVERIFY_RESULT(copies);
    QVERIFY(copies->cc.isEmpty());
    QCOMPARE(copies->invalid.size(), 1); // flagged, not silently dropped

    const auto composer = MimeComposer::create(message, MimeContext{});
    QVERIFY_RESULT(composer);
    const RenderedMessage content{QStringLiteral("s"), QStringLiteral("t"), QString()};
    const auto composed = composer->compose(content,
                                            recipient,
                                            1,
                                            {},
                                            MessageExtras{{}, copies->cc, copies->bcc});
    QVERIFY_RESULT(composed);
    QVERIFY(!composed->content.contains("spy@evil.example"));
    QVERIFY(!composed->content.contains("X-Evil"));
    QVERIFY(composed->copies.isEmpty());
}

void TestCopyRecipients::unknownFieldIsAnError()
{
    MessageTemplate message;
    message.bcc = QStringLiteral("{{supervisor}}");
    const auto copies = resolveCopyRecipients(message, Fields, employee(QString()));
    QVERIFY(!copies);
    QVERIFY(copies.error().message.contains(QLatin1String("message.bcc")));
    QVERIFY(copies.error().message.contains(QLatin1String("supervisor")));
}

void TestCopyRecipients::composerWritesCcAndNeverBcc()
{
    MessageTemplate message;
    message.from = QStringLiteral("hr@example.org");
    message.cc = QStringLiteral("{{manager}}, {{parent}}");
    message.bcc = QStringLiteral("archive@example.org");
    const Recipient recipient = employee(QStringLiteral("王经理 <manager@example.org>"),
                                         QStringLiteral("parent@bücher.example"));
    const auto copies = resolveCopyRecipients(message, Fields, recipient);
    QVERIFY_RESULT(copies);
    const auto composer = MimeComposer::create(message, MimeContext{});
    QVERIFY_RESULT(composer);
    const RenderedMessage content{QStringLiteral("Payslip"), QStringLiteral("Attached."), QString()};
    const auto composed = composer->compose(content,
                                            recipient,
                                            1,
                                            {},
                                            MessageExtras{{}, copies->cc, copies->bcc});
    QVERIFY_RESULT(composed);
    QCOMPARE(composed->recipient, QByteArray("wang@example.org"));
    QCOMPARE(composed->copies,
             (QList<QByteArray>{"manager@example.org",
                                "parent@xn--bcher-kva.example",
                                "archive@example.org"}));
    QVERIFY(!composed->content.contains("archive@example.org")); // Bcc: envelope only

    const Test::ParsedMessage parsed = Test::parseWithPython(composed->content);
    QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    QVERIFY2(parsed.defects.isEmpty(), qPrintable(parsed.defects.join(u',')));
    const auto cc = parsed.addresses.value(QStringLiteral("cc"));
    QCOMPARE(cc.size(), 2);
    QCOMPARE(cc[0],
             (QPair<QString, QString>{QStringLiteral("王经理"),
                                      QStringLiteral("manager@example.org")}));
    QCOMPARE(cc[1].second, QStringLiteral("parent@xn--bcher-kva.example"));
    QCOMPARE(parsed.count(u"Bcc"), 0);
    QCOMPARE(parsed.toAddresses(), QStringList{QStringLiteral("wang@example.org")});
}

void TestCopyRecipients::checkFlagsInvalidCopiesPerRow()
{
    Campaign campaign;
    campaign.server.host = QStringLiteral("smtp.example.org");
    campaign.server.port = 587;
    campaign.message.from = QStringLiteral("hr@example.org");
    campaign.message.subject = QStringLiteral("Payslip");
    campaign.recipientFields = Fields;
    campaign.recipients = {employee(QStringLiteral("boss@example.org")),
                           Recipient{QStringLiteral("li@example.org"),
                                     QStringLiteral("Li"),
                                     {QStringLiteral(
                                         "boss@example.org\r\nBcc: spy@evil.example")}}};
    campaign.message.cc = QStringLiteral("{{manager}}");
    CampaignCheck check = checkCampaign(campaign);
    QVERIFY(check.canBeSent());
    QCOMPARE(check.copyCount, 1);
    const QList<CampaignCheckItem> warnings = check.warnings();
    const auto flagged = std::find_if(warnings.cbegin(), warnings.cend(), [](const auto &item) {
        return item.text.contains(QLatin1String("Cc/Bcc"));
    });
    QVERIFY(flagged != warnings.cend());
    QCOMPARE(flagged->recipientIndex, 1);

    campaign.message.bcc = QStringLiteral("{{supervisor}}");
    check = checkCampaign(campaign);
    QVERIFY(!check.canBeSent());
}

QTEST_GUILESS_MAIN(TestCopyRecipients)
#include "tst_copyrecipients.moc"
