// planSend() with the account's suppression list: a suppressed row that would be sent is left
// out with the list's reason, never silently; rows the list or the journal settled otherwise
// (invalid, duplicate, already sent) keep their disposition; nothing is suppressed when the
// caller passes no list (send anyway).

#include "runner/sendplan.h"

#include <QTest>

using namespace Bulkmail;

class TestSendPlan final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void suppressedRowsAreLeftOutAndSaid();
};

void TestSendPlan::suppressedRowsAreLeftOutAndSaid()
{
    Campaign campaign;
    for (const char *email : {"ann@example.org",
                              "not an address",
                              "bob@example.org",
                              "ann@example.org", // a duplicate of row 0
                              "cy@example.org"})
        campaign.recipients.append(Recipient{QString::fromLatin1(email), QString()});
    JournalState journal;
    JournalRecipientState sent;
    sent.status = JournalRecipientState::Status::Sent;
    journal.recipients.insert(2, sent);

    const SuppressionEntry bounced{QStringLiteral("ann@example.org"),
                                   SuppressionReason::HardBounce,
                                   QStringLiteral("550 5.1.1 User unknown"),
                                   QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC),
                                   QStringLiteral("Spring")};
    QMap<qsizetype, SuppressionEntry> suppressed;
    for (const qsizetype row : {0, 1, 2, 3, 4})
        suppressed.insert(row, bounced);

    const SendPlan plan = planSend(campaign, journal, false, suppressed);
    using Disposition = RecipientPlan::Disposition;
    QCOMPARE(plan.recipients.at(0).disposition, Disposition::Suppressed);
    QCOMPARE(plan.recipients.at(0).reason,
             QStringLiteral("suppressed: hard-bounce since 2026-12-01 (550 5.1.1 User unknown)"));
    QCOMPARE(plan.recipients.at(0).suppression, std::optional<SuppressionEntry>(bounced));
    QCOMPARE(plan.recipients.at(1).disposition, Disposition::Invalid);
    QCOMPARE(plan.recipients.at(2).disposition, Disposition::PreviouslySent);
    QCOMPARE(plan.recipients.at(3).disposition, Disposition::Duplicate);
    QCOMPARE(plan.recipients.at(4).disposition, Disposition::Suppressed);
    QCOMPARE(plan.suppressed, 2);
    // Each reason is also a code with its arguments, for the window to word; the English the
    // journal and the CLI carry is made from them.
    QCOMPARE(plan.recipients.at(0).note, DeliveryNote::Suppressed);
    QCOMPARE(plan.recipients.at(0).noteArguments,
             (QStringList{QStringLiteral("hard-bounce"),
                          QStringLiteral("2026-12-01"),
                          QStringLiteral("550 5.1.1 User unknown")}));
    QCOMPARE(plan.recipients.at(1).note, DeliveryNote::InvalidAddress);
    QCOMPARE(plan.recipients.at(1).reason, QStringLiteral("invalid address: nothing was sent"));
    QCOMPARE(plan.recipients.at(2).note, DeliveryNote::None);
    QCOMPARE(plan.recipients.at(3).note, DeliveryNote::DuplicateOf);
    QCOMPARE(plan.recipients.at(3).noteArguments,
             (QStringList{QStringLiteral("0"), QStringLiteral("1")}));
    QCOMPARE(plan.recipients.at(3).reason,
             QStringLiteral("same address as recipient 1, which gets the message: not sent twice"));
    for (const RecipientPlan &entry : plan.recipients)
        QCOMPARE(entry.reason, englishDeliveryNote(entry.note, entry.noteArguments));

    // No list given (send anyway): nothing is suppressed.
    const SendPlan anyway = planSend(campaign, journal, false);
    QCOMPARE(anyway.recipients.at(0).disposition, Disposition::Send);
    QCOMPARE(anyway.recipients.at(4).disposition, Disposition::Send);
    QCOMPARE(anyway.suppressed, 0);
    // Without a journal, bob (sent before) would be sent: he is suppressed too.
    QCOMPARE(planSend(campaign, std::nullopt, false, suppressed).suppressed, 3);
}

QTEST_GUILESS_MAIN(TestSendPlan)
#include "tst_sendplan.moc"
