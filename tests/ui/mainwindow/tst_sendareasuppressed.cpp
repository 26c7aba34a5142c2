// The summary above the checklist says who a send will leave out because the account's
// suppression list holds them, and why, before anything is sent: read from the real list (SQLite
// in the user's data folder) by the background check, as the window does it.
#include "feedback/suppressionlist.h"
#include "mainwindow/sendarea.h"

#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Bulkmail;

class tst_SendAreaSuppressed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void summarySaysWhoIsSkippedAndWhy();
    void aRehearsalSaysNothingOfIt();
};

namespace {

Campaign campaignOfFour()
{
    Campaign campaign;
    campaign.server.host = QStringLiteral("smtp.example.org");
    campaign.server.username = QStringLiteral("news@example.org");
    campaign.message.from = QStringLiteral("News <news@example.org>");
    campaign.message.subject = QStringLiteral("Hello");
    campaign.message.text = QStringLiteral("Hello {{name}}");
    for (const char *address :
         {"wang@example.com", "li@example.com", "zhao@example.com", "chen@example.com"})
        campaign.recipients.append({QString::fromLatin1(address), QString()});
    return campaign;
}

QString checkedSummary(SendArea &area, const Campaign &campaign)
{
    QSignalSpy finished(&area, &SendArea::checkFinished);
    area.scheduleCheck(campaign);
    if (!finished.wait(10'000))
        return {};
    return area.summaryText();
}

} // namespace

void tst_SendAreaSuppressed::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const Campaign campaign = campaignOfFour();
    auto list = SuppressionList::openForAccount(campaign.server.host, campaign.server.username);
    QVERIFY2(list, qPrintable(list ? QString() : list.error().message));
    const auto add = [&](const char *address, SuppressionReason reason) {
        SuppressionEntry entry;
        entry.address = QString::fromLatin1(address);
        entry.reason = reason;
        entry.detail = QStringLiteral("test");
        entry.date = QDateTime::currentDateTimeUtc();
        return (*list)->add(entry).has_value();
    };
    QVERIFY(add("LI@example.com", SuppressionReason::HardBounce));
    QVERIFY(add("zhao@example.com", SuppressionReason::HardBounce));
    QVERIFY(add("chen@example.com", SuppressionReason::Unsubscribe));
    QVERIFY(add("nobody-of-this-list@example.com", SuppressionReason::Manual));
}

void tst_SendAreaSuppressed::summarySaysWhoIsSkippedAndWhy()
{
    SendArea area;
    const QString summary = checkedSummary(area, campaignOfFour());
    // (Untranslated here: the English plural forms come with the app's translation.)
    QVERIFY2(summary.startsWith(QLatin1String("1 recipient(s) will receive this message")),
             qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("3 address(es) on the account's suppression list will "
                                            "be skipped (2 bounced for good, 1 unsubscribed).")),
             qPrintable(summary));
    QCOMPARE(area.lastCheck().suppressedCount, 3);
}

void tst_SendAreaSuppressed::aRehearsalSaysNothingOfIt()
{
    SendArea area;
    area.setMode(SendMode::Rehearse);
    const QString summary = checkedSummary(area, campaignOfFour());
    QVERIFY(!summary.isEmpty());
    QVERIFY2(!summary.contains(QLatin1String("suppression")), qPrintable(summary));
}

QTEST_MAIN(tst_SendAreaSuppressed)
#include "tst_sendareasuppressed.moc"
