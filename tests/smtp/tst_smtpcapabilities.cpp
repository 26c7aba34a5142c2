// SmtpCapabilities::fromEhloReply(): the EHLO keywords of RFC 5321 §4.1.1.1 and the extensions.

#include "smtp/smtpcapabilities.h"

#include "smtp/smtpreply.h"

#include <QStandardPaths>
#include <QTest>

using namespace Bulkmail;

namespace {

SmtpReply ehlo(const QList<QByteArray> &keywords)
{
    SmtpReply reply;
    reply.code = 250;
    reply.lines = QList<QByteArray>{"mail.example.test greets you"} + keywords;
    return reply;
}

} // namespace

class TestSmtpCapabilities : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void parse_data();
    void parse();
    void greetingLineIsNotAKeyword();
};

void TestSmtpCapabilities::parse_data()
{
    QTest::addColumn<QList<QByteArray>>("keywords");
    QTest::addColumn<bool>("pipelining");
    QTest::addColumn<bool>("startTls");
    QTest::addColumn<bool>("eightBitMime");
    QTest::addColumn<bool>("smtpUtf8");
    QTest::addColumn<bool>("declaresSize");
    QTest::addColumn<qint64>("sizeLimit");
    QTest::addColumn<QStringList>("auth");

    QTest::newRow("nothing") << QList<QByteArray>() << false << false << false << false << false
                             << qint64(0) << QStringList();
    QTest::newRow("postfix-like") << QList<QByteArray>{"PIPELINING",
                                                       "SIZE 10240000",
                                                       "VRFY",
                                                       "ETRN",
                                                       "STARTTLS",
                                                       "ENHANCEDSTATUSCODES",
                                                       "8BITMIME",
                                                       "DSN",
                                                       "SMTPUTF8",
                                                       "CHUNKING"}
                                  << true << true << true << true << true << qint64(10240000)
                                  << QStringList();
    QTest::newRow("lower case and extra spaces")
        << QList<QByteArray>{"pipelining", "size   500 ", "auth  plain   login"} << true << false
        << false << false << true << qint64(500)
        << QStringList{QStringLiteral("PLAIN"), QStringLiteral("LOGIN")};
    QTest::newRow("SIZE without a limit") << QList<QByteArray>{"SIZE"} << false << false << false
                                          << false << true << qint64(0) << QStringList();
    QTest::newRow("AUTH and the old AUTH= form, no duplicates")
        << QList<QByteArray>{"AUTH LOGIN PLAIN XOAUTH2", "AUTH=LOGIN PLAIN"} << false << false
        << false << false << false << qint64(0)
        << QStringList{QStringLiteral("LOGIN"), QStringLiteral("PLAIN"), QStringLiteral("XOAUTH2")};
    QTest::newRow("only the old AUTH= form")
        << QList<QByteArray>{"AUTH=LOGIN"} << false << false << false << false << false << qint64(0)
        << QStringList{QStringLiteral("LOGIN")};
    QTest::newRow("keywords that merely start alike")
        << QList<QByteArray>{"PIPELININGX", "STARTTLSX", "AUTHX PLAIN", "SIZEX 5"} << false << false
        << false << false << false << qint64(0) << QStringList();
    QTest::newRow("empty keyword line") << QList<QByteArray>{"", "PIPELINING"} << true << false
                                        << false << false << false << qint64(0) << QStringList();
}

void TestSmtpCapabilities::parse()
{
    QFETCH(QList<QByteArray>, keywords);
    QFETCH(bool, pipelining);
    QFETCH(bool, startTls);
    QFETCH(bool, eightBitMime);
    QFETCH(bool, smtpUtf8);
    QFETCH(bool, declaresSize);
    QFETCH(qint64, sizeLimit);
    QFETCH(QStringList, auth);

    const SmtpCapabilities caps = SmtpCapabilities::fromEhloReply(ehlo(keywords));
    QCOMPARE(caps.allowsPipelining(), pipelining);
    QCOMPARE(caps.offersStartTls(), startTls);
    QCOMPARE(caps.accepts8BitMime(), eightBitMime);
    QCOMPARE(caps.acceptsSmtpUtf8(), smtpUtf8);
    QCOMPARE(caps.declaresSize(), declaresSize);
    QCOMPARE(caps.sizeLimit(), sizeLimit);
    QCOMPARE(caps.authMechanisms(), auth);
    for (const QString &mechanism : std::as_const(auth)) {
        QVERIFY(caps.offersAuthMechanism(mechanism));
        QVERIFY(caps.offersAuthMechanism(mechanism.toLower()));
    }
    QVERIFY(!caps.offersAuthMechanism(u"CRAM-MD5"));
}

void TestSmtpCapabilities::greetingLineIsNotAKeyword()
{
    SmtpReply reply;
    reply.code = 250;
    reply.lines = {"PIPELINING"}; // a one-line EHLO reply: only the server's name
    const SmtpCapabilities caps = SmtpCapabilities::fromEhloReply(reply);
    QVERIFY(!caps.allowsPipelining());
    QVERIFY(caps.authMechanisms().isEmpty());
}

QTEST_GUILESS_MAIN(TestSmtpCapabilities)
#include "tst_smtpcapabilities.moc"
