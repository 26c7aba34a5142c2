// mergeImportedRecipients(): the rows of a CSV merged into a campaign, as `bulkmail-cli
// import-csv` and the desktop app's import do it. Pure logic: no file, no process.

#include "document/recipientmerge.h"

#include <QTest>

using namespace Bulkmail;

Q_DECLARE_METATYPE(Bulkmail::Recipient)

namespace {

Recipient inlineRecipient(const QString &email, const QString &name, const QStringList &fields = {})
{
    return {email, name, fields, 0};
}

Recipient csvRow(int line, const QString &email, const QString &name, const QStringList &fields = {})
{
    return {email, name, fields, line};
}

// "email | name | field, field | line" for readable failures.
QStringList describe(const QList<Recipient> &recipients)
{
    QStringList lines;
    for (const Recipient &recipient : recipients) {
        lines.append(
            QStringLiteral("%1 | %2 | %3 | %4")
                .arg(recipient.email, recipient.name, recipient.fields.join(QLatin1String(", ")))
                .arg(recipient.sourceLine));
    }
    return lines;
}

// "line: email: note" (": note" only when there is one).
QStringList describe(const QList<RecipientMerge::Row> &rows)
{
    QStringList lines;
    for (const RecipientMerge::Row &row : rows) {
        lines.append(QStringLiteral("%1: %2").arg(row.line).arg(row.email)
                     + (row.note.isEmpty() ? QString() : QStringLiteral(": ") + row.note));
    }
    return lines;
}

} // namespace

class TestRecipientMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void merge_data();
    void merge();
    void nothingChangesWhenAllRowsArePresent();
};

void TestRecipientMerge::merge_data()
{
    QTest::addColumn<QStringList>("campaignFields");
    QTest::addColumn<QList<Recipient>>("existing");
    QTest::addColumn<QStringList>("importFields");
    QTest::addColumn<QList<Recipient>>("imported");
    QTest::addColumn<QStringList>("expectedFields");
    QTest::addColumn<QStringList>("expectedNewFields");
    QTest::addColumn<QStringList>("expectedRecipients");
    QTest::addColumn<QStringList>("expectedAdded");
    QTest::addColumn<QStringList>("expectedFlagged");
    QTest::addColumn<QStringList>("expectedSkipped");

    const QString ann = QStringLiteral("ann@example.org");
    const QString bob = QStringLiteral("bob@example.org");

    QTest::newRow("new fields appended")
        << QStringList{QStringLiteral("City")}
        << QList<Recipient>{inlineRecipient(ann, QStringLiteral("Ann"), {QStringLiteral("Paris")})}
        << QStringList{QStringLiteral("Company"), QStringLiteral("Plan")}
        << QList<Recipient>{csvRow(2,
                                   bob,
                                   QStringLiteral("Bob"),
                                   {QStringLiteral("ACME"), QStringLiteral("pro")})}
        << QStringList{QStringLiteral("City"), QStringLiteral("Company"), QStringLiteral("Plan")}
        << QStringList{QStringLiteral("Company"), QStringLiteral("Plan")}
        << QStringList{QStringLiteral("ann@example.org | Ann | Paris | 0"),
                       QStringLiteral("bob@example.org | Bob | , ACME, pro | 0")}
        << QStringList{QStringLiteral("2: bob@example.org")} << QStringList() << QStringList();

    // The CSV has the campaign's fields in another order, and lacks one: values follow the
    // campaign's columns, and trailing empty values are dropped.
    QTest::newRow("existing fields matched by name")
        << QStringList{QStringLiteral("Plan"), QStringLiteral("City"), QStringLiteral("Team")}
        << QList<Recipient>{} << QStringList{QStringLiteral("City"), QStringLiteral("Plan")}
        << QList<Recipient>{csvRow(2,
                                   ann,
                                   QStringLiteral("Ann"),
                                   {QStringLiteral("Lyon"), QStringLiteral("gold")}),
                            csvRow(3,
                                   bob,
                                   QStringLiteral("Bob"),
                                   {QString(), QStringLiteral("team")})}
        << QStringList{QStringLiteral("Plan"), QStringLiteral("City"), QStringLiteral("Team")}
        << QStringList()
        << QStringList{QStringLiteral("ann@example.org | Ann | gold, Lyon | 0"),
                       QStringLiteral("bob@example.org | Bob | team | 0")}
        << QStringList{QStringLiteral("2: ann@example.org"), QStringLiteral("3: bob@example.org")}
        << QStringList() << QStringList();

    // RFC 5321 §2.4: the domain is case-insensitive, so this is the same mailbox.
    QTest::newRow("row already present, domain in other case, skipped")
        << QStringList()
        << QList<Recipient>{inlineRecipient(QStringLiteral("kenji@EXAMPLE.jp"),
                                            QStringLiteral("Kenji"))}
        << QStringList()
        << QList<Recipient>{csvRow(2, ann, QStringLiteral("Ann")),
                            csvRow(3, QStringLiteral("kenji@example.jp"), QStringLiteral("K."))}
        << QStringList() << QStringList()
        << QStringList{QStringLiteral("kenji@EXAMPLE.jp | Kenji |  | 0"),
                       QStringLiteral("ann@example.org | Ann |  | 0")}
        << QStringList{QStringLiteral("2: ann@example.org")} << QStringList()
        << QStringList{QStringLiteral("3: kenji@example.jp: already in the campaign as "
                                      "\"kenji@EXAMPLE.jp\" (recipient 1 of the campaign)")};

    // The local part is case-sensitive by RFC 5321: added, but flagged as probably the same.
    QTest::newRow("local part in other case added and flagged")
        << QStringList()
        << QList<Recipient>{inlineRecipient(QStringLiteral("Bob@example.org"),
                                            QStringLiteral("Bob"))}
        << QStringList() << QList<Recipient>{csvRow(4, bob, QStringLiteral("Bob"))} << QStringList()
        << QStringList()
        << QStringList{QStringLiteral("Bob@example.org | Bob |  | 0"),
                       QStringLiteral("bob@example.org | Bob |  | 0")}
        << QStringList{QStringLiteral("4: bob@example.org")}
        << QStringList{QStringLiteral("4: bob@example.org: probably the same mailbox as "
                                      "\"Bob@example.org\" (recipient 1 of the campaign) (differs "
                                      "only in case); it receives one message")}
        << QStringList();

    QTest::newRow("invalid rows kept and flagged")
        << QStringList() << QList<Recipient>{inlineRecipient(ann, QStringLiteral("Ann"))}
        << QStringList()
        << QList<Recipient>{csvRow(2, QStringLiteral("not-an-address"), QStringLiteral("Broken")),
                            csvRow(3, QString(), QStringLiteral("Empty")),
                            csvRow(4, QStringLiteral("dave@@example.org"), QStringLiteral("Dave"))}
        << QStringList() << QStringList()
        << QStringList{QStringLiteral("ann@example.org | Ann |  | 0"),
                       QStringLiteral("not-an-address | Broken |  | 0"),
                       QStringLiteral(" | Empty |  | 0"),
                       QStringLiteral("dave@@example.org | Dave |  | 0")}
        << QStringList{QStringLiteral("2: not-an-address"),
                       QStringLiteral("3: "),
                       QStringLiteral("4: dave@@example.org")}
        << QStringList{QStringLiteral("2: not-an-address: not a valid email address"),
                       QStringLiteral("3: : no email address"),
                       QStringLiteral("4: dave@@example.org: not a valid email address")}
        << QStringList();

    // An invalid address has no mailbox to compare: the same text and name is the same row.
    QTest::newRow("invalid row already present skipped by text and name")
        << QStringList()
        << QList<Recipient>{inlineRecipient(QStringLiteral("not-an-address"),
                                            QStringLiteral("Broken"))}
        << QStringList()
        << QList<Recipient>{csvRow(2, QStringLiteral("not-an-address"), QStringLiteral("Broken")),
                            csvRow(3, QStringLiteral("not-an-address"), QStringLiteral("Other"))}
        << QStringList() << QStringList()
        << QStringList{QStringLiteral("not-an-address | Broken |  | 0"),
                       QStringLiteral("not-an-address | Other |  | 0")}
        << QStringList{QStringLiteral("3: not-an-address")}
        << QStringList{QStringLiteral("3: not-an-address: not a valid email address")}
        << QStringList{
               QStringLiteral("2: not-an-address: already in the campaign with the same name")};

    // Checked against the campaign as it was: a CSV repeating its own row keeps both, flagged,
    // as a recipients file keeps them (a send gives them one message).
    QTest::newRow("row repeated within the CSV added and flagged")
        << QStringList() << QList<Recipient>{} << QStringList()
        << QList<Recipient>{csvRow(2, ann, QStringLiteral("Ann")),
                            csvRow(3, QStringLiteral("ann@EXAMPLE.org"), QStringLiteral("Ann 2"))}
        << QStringList() << QStringList()
        << QStringList{QStringLiteral("ann@example.org | Ann |  | 0"),
                       QStringLiteral("ann@EXAMPLE.org | Ann 2 |  | 0")}
        << QStringList{QStringLiteral("2: ann@example.org"), QStringLiteral("3: ann@EXAMPLE.org")}
        << QStringList{QStringLiteral("3: ann@EXAMPLE.org: duplicates line 2 of this file; it "
                                      "receives one message")}
        << QStringList();
}

void TestRecipientMerge::merge()
{
    QFETCH(QStringList, campaignFields);
    QFETCH(QList<Recipient>, existing);
    QFETCH(QStringList, importFields);
    QFETCH(QList<Recipient>, imported);
    QFETCH(QStringList, expectedFields);
    QFETCH(QStringList, expectedNewFields);
    QFETCH(QStringList, expectedRecipients);
    QFETCH(QStringList, expectedAdded);
    QFETCH(QStringList, expectedFlagged);
    QFETCH(QStringList, expectedSkipped);

    Campaign campaign;
    campaign.recipientFields = campaignFields;
    campaign.recipients = existing;
    CsvImport import;
    import.fieldNames = importFields;
    import.recipients = imported;

    const RecipientMerge merge = mergeImportedRecipients(campaign, import);

    QCOMPARE(campaign.recipientFields, expectedFields);
    QCOMPARE(merge.newFields, expectedNewFields);
    QCOMPARE(describe(campaign.recipients), expectedRecipients);
    QCOMPARE(describe(merge.added), expectedAdded);
    QCOMPARE(describe(merge.flagged), expectedFlagged);
    QCOMPARE(describe(merge.skipped), expectedSkipped);
    // Every row is accounted for exactly once: added or skipped.
    QCOMPARE(merge.added.size() + merge.skipped.size(), imported.size());
}

void TestRecipientMerge::nothingChangesWhenAllRowsArePresent()
{
    Campaign campaign;
    campaign.recipientFields = {QStringLiteral("Plan")};
    campaign.recipients = {inlineRecipient(QStringLiteral("ann@example.org"),
                                           QStringLiteral("Ann"),
                                           {QStringLiteral("gold")}),
                           inlineRecipient(QStringLiteral("not-an-address"),
                                           QStringLiteral("Broken"))};
    const Campaign before = campaign;

    // Every row is already there, and the CSV brings a column the campaign lacks: with no row
    // added, the campaign does not gain the field either.
    CsvImport import;
    import.fieldNames = {QStringLiteral("Company"), QStringLiteral("Plan")};
    import.recipients = {csvRow(2,
                                QStringLiteral("ann@EXAMPLE.org"),
                                QStringLiteral("Ann"),
                                {QStringLiteral("ACME"), QStringLiteral("silver")}),
                         csvRow(3, QStringLiteral("not-an-address"), QStringLiteral("Broken"))};

    const RecipientMerge merge = mergeImportedRecipients(campaign, import);

    QCOMPARE(campaign.recipients, before.recipients);
    QCOMPARE(campaign.recipientFields, before.recipientFields);
    QVERIFY(merge.added.isEmpty());
    QVERIFY(merge.flagged.isEmpty());
    QVERIFY(merge.newFields.isEmpty());
    QCOMPARE(describe(merge.skipped),
             (QStringList{QStringLiteral("2: ann@EXAMPLE.org: already in the campaign as "
                                         "\"ann@example.org\" (recipient 1 of the campaign)"),
                          QStringLiteral("3: not-an-address: already in the campaign with the "
                                         "same name")}));
}

QTEST_GUILESS_MAIN(TestRecipientMerge)
#include "tst_recipientmerge.moc"
