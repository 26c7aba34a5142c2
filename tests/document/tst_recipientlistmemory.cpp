#include "document/recipientlistmemory.h"

#include "testresult.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;

namespace {

Recipient fromFile(const char *email, int line)
{
    Recipient recipient;
    recipient.email = QString::fromUtf8(email);
    recipient.sourceLine = line;
    return recipient;
}

Campaign campaignWith(const QList<Recipient> &recipients)
{
    Campaign campaign;
    campaign.filePath = QStringLiteral("/campaigns/payroll.bulkmail");
    campaign.recipientsFile = QStringLiteral("/campaigns/people.xlsx");
    campaign.recipients = recipients;
    return campaign;
}

} // namespace

class TestRecipientListMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void neverLookedAtSaysNothing();
    void changeCountsNewAndRemovedAddresses();
    void campaignsAreRememberedApart();
    void checkShowsTheChangeFirstAmongRecipients();

private:
    QTemporaryDir m_directory;
};

void TestRecipientListMemory::initTestCase()
{
    QVERIFY(m_directory.isValid());
}

void TestRecipientListMemory::neverLookedAtSaysNothing()
{
    const RecipientListMemory memory(m_directory.filePath(QStringLiteral("never")));
    const Campaign campaign = campaignWith({fromFile("a@example.org", 2)});
    QVERIFY(!memory.changeSinceLastLook(campaign));
    Campaign inline_ = campaign;
    inline_.recipientsFile.clear();
    QVERIFY_RESULT(memory.rememberLook(inline_));
    QVERIFY(!memory.changeSinceLastLook(inline_)); // no recipients file, nothing to compare
}

void TestRecipientListMemory::changeCountsNewAndRemovedAddresses()
{
    const RecipientListMemory memory(m_directory.filePath(QStringLiteral("change")));
    const Campaign before = campaignWith({fromFile("wang@example.org", 3),
                                          fromFile("li@example.org", 4),
                                          fromFile("old@example.org", 5)});
    QVERIFY_RESULT(memory.rememberLook(before));
    const auto same = memory.changeSinceLastLook(before);
    QVERIFY(same);
    QVERIFY(same->isEmpty());

    // Case, spaces and inline rows (line 0) do not count; a repeated new address counts once.
    Recipient typedByHand = fromFile("hand@example.org", 0);
    const Campaign after = campaignWith({fromFile(" WANG@example.org", 3),
                                         fromFile("li@example.org", 4),
                                         fromFile("new1@example.org", 5),
                                         fromFile("new2@example.org", 6),
                                         fromFile("new3@example.org", 7),
                                         fromFile("new3@example.org", 8),
                                         typedByHand});
    const auto change = memory.changeSinceLastLook(after);
    QVERIFY(change);
    QCOMPARE(change->added,
             QStringList({QStringLiteral("new1@example.org"),
                          QStringLiteral("new2@example.org"),
                          QStringLiteral("new3@example.org")}));
    QCOMPARE(change->removed, QStringList{QStringLiteral("old@example.org")});
    QCOMPARE(change->describe(),
             QStringLiteral("the list changed since you last looked: 3 new, 1 removed"));

    QVERIFY_RESULT(memory.rememberLook(after));
    QVERIFY(memory.changeSinceLastLook(after)->isEmpty());
}

void TestRecipientListMemory::campaignsAreRememberedApart()
{
    const RecipientListMemory memory(m_directory.filePath(QStringLiteral("apart")));
    Campaign first = campaignWith({fromFile("a@example.org", 2)});
    Campaign second = first;
    second.filePath = QStringLiteral("/campaigns/other.bulkmail");
    QVERIFY_RESULT(memory.rememberLook(first));
    QVERIFY(!memory.changeSinceLastLook(second));
}

void TestRecipientListMemory::checkShowsTheChangeFirstAmongRecipients()
{
    CampaignCheck check;
    check.items.append({CampaignCheckItem::Severity::Warning,
                        CampaignCheckItem::Topic::Server,
                        QStringLiteral("server"),
                        -1});
    check.items.append({CampaignCheckItem::Severity::Warning,
                        CampaignCheckItem::Topic::Recipients,
                        QStringLiteral("row 3: invalid"),
                        0});
    addRecipientListChange(check, std::nullopt);
    addRecipientListChange(check, RecipientListChange{});
    QCOMPARE(check.items.size(), 2);

    addRecipientListChange(check, RecipientListChange{{QStringLiteral("n@example.org")}, {}});
    QCOMPARE(check.items.size(), 3);
    QCOMPARE(check.items[1].text,
             QStringLiteral("The list changed since you last looked: 1 new, 0 removed"));
    QCOMPARE(check.items[1].code, CampaignCheckItem::Code::RecipientListChanged);
    QCOMPARE(check.items[1].numbers, (QList<qint64>{1, 0}));
    QCOMPARE(check.items[1].topic, CampaignCheckItem::Topic::Recipients);
    QCOMPARE(check.items[1].severity, CampaignCheckItem::Severity::Warning);
}

QTEST_GUILESS_MAIN(TestRecipientListMemory)
#include "tst_recipientlistmemory.moc"
