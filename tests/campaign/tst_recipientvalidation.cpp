#include "campaign/recipientvalidation.h"
#include "document/recipientcsv.h"
#include "testresult.h"

#include <QStandardPaths>
#include <QTest>

using namespace Bulkmail;

// Prints the error of a failed Result instead of a bare "false".
using Kind = RecipientIssue::Kind;
Q_DECLARE_METATYPE(Bulkmail::RecipientIssue)

namespace {

QList<Recipient> inlineRecipients(std::initializer_list<const char *> emails)
{
    QList<Recipient> recipients;
    for (const char *email : emails)
        recipients.append(Recipient{QString::fromUtf8(email), QString()});
    return recipients;
}

// Field by field, so that a failure prints the values.
void compareIssues(const QList<RecipientIssue> &actual, const QList<RecipientIssue> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual[i].index, expected[i].index);
        QCOMPARE(actual[i].kind, expected[i].kind);
        QCOMPARE(actual[i].duplicateOf, expected[i].duplicateOf);
        QCOMPARE(actual[i].message, expected[i].message);
    }
}

} // namespace

class TestRecipientValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void csvFixtureIssuesNameLines();
    void kinds_data();
    void kinds();
    void duplicatesToSkipFollowsThePolicy();
    void validListHasNoIssues();
    void addressKeys_data();
    void addressKeys();
    void finderNamesTheFirstRow();
};

void TestRecipientValidation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestRecipientValidation::csvFixtureIssuesNameLines()
{
    const auto import = importRecipientsCsv(
        QStringLiteral(BULKMAIL_TEST_DATA_DIR "/csv/duplicates_invalid.csv"));
    QVERIFY_RESULT(import);
    QCOMPARE(import->recipients.size(), 9);
    const QList<RecipientIssue> expected{
        {1,
         Kind::InvalidAddress,
         -1,
         QStringLiteral("line 3: \"not-an-address\" is not a valid email address")},
        {3,
         Kind::Duplicate,
         0,
         QStringLiteral(
             "line 5: \"alice@EXAMPLE.org\" duplicates line 2; it receives one message")},
        {4, Kind::InvalidAddress, -1, QStringLiteral("line 6: no email address")},
        {5,
         Kind::ProbableDuplicate,
         2,
         QStringLiteral("line 7: \"Bob@example.org\" is probably the same mailbox as "
                        "\"bob@example.org\" on line 4 (the addresses differ only in case)")},
        {7,
         Kind::Duplicate,
         0,
         QStringLiteral(
             "line 9: \"alice@example.org\" duplicates line 2; it receives one message")},
        {8,
         Kind::InvalidAddress,
         -1,
         QStringLiteral("line 10: \"dave@@example.org\" is not a valid email address")},
    };
    compareIssues(validateRecipients(import->recipients), expected);
    // By default the two duplicates and the probable one receive nothing: one message each.
    QCOMPARE(duplicatesToSkip(validateRecipients(import->recipients)), (QSet<int>{3, 5, 7}));
}

void TestRecipientValidation::kinds_data()
{
    QTest::addColumn<QList<Recipient>>("recipients");
    QTest::addColumn<QList<RecipientIssue>>("issues");

    QTest::newRow("domain case is ignored")
        << inlineRecipients({"x@Example.ORG", "x@example.org"})
        << QList<RecipientIssue>{
               {1,
                Kind::Duplicate,
                0,
                QStringLiteral("recipient 2: \"x@example.org\" duplicates recipient 1; it receives "
                               "one message")}};
    QTest::newRow("local-part case is a probable duplicate")
        << inlineRecipients({"John.Smith@example.org", "john.smith@example.org"})
        << QList<RecipientIssue>{
               {1,
                Kind::ProbableDuplicate,
                0,
                QStringLiteral("recipient 2: \"john.smith@example.org\" is probably the same "
                               "mailbox as \"John.Smith@example.org\" on recipient 1 (the "
                               "addresses differ only in case)")}};
    QTest::newRow("an exact repeat of a probable duplicate points at it")
        << inlineRecipients({"Ann@example.org", "ann@example.org", "ann@EXAMPLE.org"})
        << QList<RecipientIssue>{
               {1,
                Kind::ProbableDuplicate,
                0,
                QStringLiteral("recipient 2: \"ann@example.org\" is probably the same mailbox as "
                               "\"Ann@example.org\" on recipient 1 (the addresses differ only in "
                               "case)")},
               {2,
                Kind::Duplicate,
                1,
                QStringLiteral("recipient 3: \"ann@EXAMPLE.org\" duplicates recipient 2; it "
                               "receives one message")}};
    QTest::newRow("internationalised domain equals its ASCII form")
        << inlineRecipients({"info@bücher.example", "info@xn--bcher-kva.example"})
        << QList<RecipientIssue>{
               {1,
                Kind::Duplicate,
                0,
                QStringLiteral("recipient 2: \"info@xn--bcher-kva.example\" duplicates recipient "
                               "1; it receives one message")}};
    QTest::newRow("invalid addresses are not duplicates of each other")
        << inlineRecipients({"broken", "broken", ""})
        << QList<RecipientIssue>{
               {0,
                Kind::InvalidAddress,
                -1,
                QStringLiteral("recipient 1: \"broken\" is not a valid email address")},
               {1,
                Kind::InvalidAddress,
                -1,
                QStringLiteral("recipient 2: \"broken\" is not a valid email address")},
               {2, Kind::InvalidAddress, -1, QStringLiteral("recipient 3: no email address")}};
    QTest::newRow("different local parts are distinct")
        << inlineRecipients({"a@example.org", "b@example.org", "a@example.net"})
        << QList<RecipientIssue>{};
}

void TestRecipientValidation::kinds()
{
    QFETCH(QList<Recipient>, recipients);
    QFETCH(QList<RecipientIssue>, issues);
    compareIssues(validateRecipients(recipients), issues);
}

void TestRecipientValidation::duplicatesToSkipFollowsThePolicy()
{
    const QList<Recipient> recipients = inlineRecipients(
        {"a@example.org", "A@example.org", "a@EXAMPLE.org", "bad", "b@example.org"});
    const QList<RecipientIssue> issues = validateRecipients(recipients);
    QCOMPARE(issues.size(), 3);
    QCOMPARE(duplicatesToSkip(issues), (QSet<int>{1, 2}));
    QCOMPARE(duplicatesToSkip(issues, ProbableDuplicates::SendEachCase), (QSet<int>{2}));
}

void TestRecipientValidation::validListHasNoIssues()
{
    QList<Recipient> recipients;
    for (int i = 0; i < 1000; ++i)
        recipients.append(Recipient{QStringLiteral("user%1@example.org").arg(i), QString()});
    QVERIFY(validateRecipients(recipients).isEmpty());
    QVERIFY(duplicatesToSkip({}).isEmpty());
}

// The keys the list and the recipient table compare: the domain folded (exact), everything folded
// (probable), an internationalised domain in its ASCII form.
void TestRecipientValidation::addressKeys_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("exact");
    QTest::addColumn<QString>("folded");

    QTest::newRow("already folded")
        << QStringLiteral("ada@example.org") << true << QStringLiteral("ada@example.org")
        << QStringLiteral("ada@example.org");
    QTest::newRow("domain in capitals")
        << QStringLiteral("ada@Example.ORG") << true << QStringLiteral("ada@example.org")
        << QStringLiteral("ada@example.org");
    QTest::newRow("local part in capitals")
        << QStringLiteral("Ada@example.org") << true << QStringLiteral("Ada@example.org")
        << QStringLiteral("ada@example.org");
    QTest::newRow("internationalised domain") << QStringLiteral("ada@Bücher.example") << true
                                              << QStringLiteral("ada@xn--bcher-kva.example")
                                              << QStringLiteral("ada@xn--bcher-kva.example");
    QTest::newRow("invalid") << QStringLiteral("ada.example.org") << false << QString()
                             << QString();
}

void TestRecipientValidation::addressKeys()
{
    QFETCH(QString, email);
    QFETCH(bool, valid);
    QFETCH(QString, exact);
    QFETCH(QString, folded);
    const AddressKeys keys = Bulkmail::addressKeys(email);
    QCOMPARE(keys.isValid, valid);
    QCOMPARE(keys.exact, exact);
    QCOMPARE(keys.folded, folded);
    // A key equal to the address is the address's own string: a long list keeps no copies.
    if (keys.exact == email)
        QCOMPARE(keys.exact.constData(), email.constData());
    if (valid && keys.folded == keys.exact)
        QCOMPARE(keys.folded.constData(), keys.exact.constData());
}

void TestRecipientValidation::finderNamesTheFirstRow()
{
    DuplicateFinder finder;
    const QStringList list{QStringLiteral("ada@example.org"),
                           QStringLiteral("Ada@example.org"),
                           QStringLiteral("ada@EXAMPLE.org")};
    QVERIFY(!finder.add(Bulkmail::addressKeys(list[0]), 0));
    const auto probable = finder.add(Bulkmail::addressKeys(list[1]), 1);
    QVERIFY(probable);
    QCOMPARE(probable->kind, RecipientIssue::Kind::ProbableDuplicate);
    QCOMPARE(probable->duplicateOf, 0);
    const auto exact = finder.add(Bulkmail::addressKeys(list[2]), 2);
    QVERIFY(exact);
    QCOMPARE(exact->kind, RecipientIssue::Kind::Duplicate);
    QCOMPARE(exact->duplicateOf, 0);
    // A probable duplicate owns its exact spelling: a later row spelt the same duplicates it.
    const auto again = finder.add(Bulkmail::addressKeys(list[1]), 3);
    QVERIFY(again);
    QCOMPARE(again->kind, RecipientIssue::Kind::Duplicate);
    QCOMPARE(again->duplicateOf, 1);
}

QTEST_GUILESS_MAIN(TestRecipientValidation)
#include "tst_recipientvalidation.moc"
