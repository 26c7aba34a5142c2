#include "logging/redaction.h"

#include <QStandardPaths>
#include <QTest>

using namespace Bulkmail;

class TestRedaction final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void transcriptSwitch_data();
    void transcriptSwitch();
    void transcript_data();
    void transcript();
    void resetForgetsExchange();
    void redactSecrets_data();
    void redactSecrets();
};

void TestRedaction::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestRedaction::cleanup()
{
    qunsetenv("BULKMAIL_SMTP_TRANSCRIPT");
}

void TestRedaction::transcriptSwitch_data()
{
    QTest::addColumn<QByteArray>("value"); // null: unset
    QTest::addColumn<bool>("expected");

    QTest::newRow("unset") << QByteArray() << false;
    QTest::newRow("1") << QByteArray("1") << true;
    QTest::newRow("0") << QByteArray("0") << false;
    QTest::newRow("empty") << QByteArray("") << false;
    QTest::newRow("yes") << QByteArray("yes") << false;
}

void TestRedaction::transcriptSwitch()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, expected);
    if (value.isNull())
        qunsetenv("BULKMAIL_SMTP_TRANSCRIPT");
    else
        qputenv("BULKMAIL_SMTP_TRANSCRIPT", value);
    QCOMPARE(isTranscriptEnabled(), expected);
}

void TestRedaction::transcript_data()
{
    // Each line starts with "C: " (client) or "S: " (server); expected holds the redacted lines in
    // the same order, with the same prefixes. forbidden must not appear in any redacted line.
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("forbidden");

    // "\0alice\0hunter2" in base64
    const QString plainResponse = QStringLiteral("AGFsaWNlAGh1bnRlcjI=");
    QTest::newRow("AUTH PLAIN with initial response")
        << QStringList{QStringLiteral("C: EHLO client.example.org"),
                       QStringLiteral("S: 250-mx.example.org"),
                       QStringLiteral("S: 250 AUTH PLAIN LOGIN"),
                       QStringLiteral("C: AUTH PLAIN ") + plainResponse,
                       QStringLiteral("S: 235 2.7.0 Authentication successful"),
                       QStringLiteral("C: MAIL FROM:<alice@example.org>"),
                       QStringLiteral("S: 250 2.1.0 Ok")}
        << QStringList{QStringLiteral("C: EHLO client.example.org"),
                       QStringLiteral("S: 250-mx.example.org"),
                       QStringLiteral("S: 250 AUTH PLAIN LOGIN"),
                       QStringLiteral("C: AUTH PLAIN <redacted>"),
                       QStringLiteral("S: 235 2.7.0 Authentication successful"),
                       QStringLiteral("C: MAIL FROM:<alice@example.org>"),
                       QStringLiteral("S: 250 2.1.0 Ok")}
        << QStringList{plainResponse, QStringLiteral("hunter2")};

    QTest::newRow("AUTH PLAIN after an empty challenge")
        << QStringList{QStringLiteral("C: AUTH PLAIN"),
                       QStringLiteral("S: 334 "),
                       QStringLiteral("C: ") + plainResponse,
                       QStringLiteral("S: 235 2.7.0 Authentication successful"),
                       QStringLiteral("C: QUIT")}
        << QStringList{QStringLiteral("C: AUTH PLAIN"),
                       QStringLiteral("S: 334 <redacted>"),
                       QStringLiteral("C: <redacted>"),
                       QStringLiteral("S: 235 2.7.0 Authentication successful"),
                       QStringLiteral("C: QUIT")}
        << QStringList{plainResponse};

    // "alice" → YWxpY2U=, "hunter2" → aHVudGVyMg==
    QTest::newRow("AUTH LOGIN")
        << QStringList{QStringLiteral("C: AUTH LOGIN"),
                       QStringLiteral("S: 334 VXNlcm5hbWU6"),
                       QStringLiteral("C: YWxpY2U="),
                       QStringLiteral("S: 334 UGFzc3dvcmQ6"),
                       QStringLiteral("C: aHVudGVyMg=="),
                       QStringLiteral("S: 235 2.7.0 Authentication successful"),
                       QStringLiteral("C: MAIL FROM:<alice@example.org> SIZE=1200")}
        << QStringList{QStringLiteral("C: AUTH LOGIN"),
                       QStringLiteral("S: 334 <redacted>"),
                       QStringLiteral("C: <redacted>"),
                       QStringLiteral("S: 334 <redacted>"),
                       QStringLiteral("C: <redacted>"),
                       QStringLiteral("S: 235 2.7.0 Authentication successful"),
                       QStringLiteral("C: MAIL FROM:<alice@example.org> SIZE=1200")}
        << QStringList{QStringLiteral("YWxpY2U="), QStringLiteral("aHVudGVyMg==")};

    QTest::newRow("AUTH LOGIN with initial user name, rejected")
        << QStringList{QStringLiteral("C: AUTH LOGIN YWxpY2U="),
                       QStringLiteral("S: 334 UGFzc3dvcmQ6"),
                       QStringLiteral("C: aHVudGVyMg=="),
                       QStringLiteral("S: 535 5.7.8 Error: authentication failed"),
                       QStringLiteral("C: QUIT"),
                       QStringLiteral("S: 221 2.0.0 Bye")}
        << QStringList{QStringLiteral("C: AUTH LOGIN <redacted>"),
                       QStringLiteral("S: 334 <redacted>"),
                       QStringLiteral("C: <redacted>"),
                       QStringLiteral("S: 535 5.7.8 Error: authentication failed"),
                       QStringLiteral("C: QUIT"),
                       QStringLiteral("S: 221 2.0.0 Bye")}
        << QStringList{QStringLiteral("YWxpY2U="), QStringLiteral("aHVudGVyMg==")};

    // The XOAUTH2 error challenge carries JSON details; the client answers with an empty line.
    const QString token = QStringLiteral(
        "dXNlcj1hbGljZUBleGFtcGxlLm9yZwFhdXRoPUJlYXJlciB5YTI5AQE=");
    const QString errorChallenge = QStringLiteral(
        "eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS"
        "8ifQ==");
    QTest::newRow("AUTH XOAUTH2 failure")
        << QStringList{QStringLiteral("C: AUTH XOAUTH2 ") + token,
                       QStringLiteral("S: 334 ") + errorChallenge,
                       QStringLiteral("C: "),
                       QStringLiteral("S: 535-5.7.8 Username and Password not accepted."),
                       QStringLiteral("S: 535 5.7.8 https://support.example.com/ - gsmtp"),
                       QStringLiteral("C: QUIT")}
        << QStringList{QStringLiteral("C: AUTH XOAUTH2 <redacted>"),
                       QStringLiteral("S: 334 <redacted>"),
                       QStringLiteral("C: <redacted>"),
                       QStringLiteral("S: 535-5.7.8 Username and Password not accepted."),
                       QStringLiteral("S: 535 5.7.8 https://support.example.com/ - gsmtp"),
                       QStringLiteral("C: QUIT")}
        << QStringList{token, errorChallenge};

    // RFC 7628 §3.2.3: the OAUTHBEARER client answers the error challenge with %x01 ("AQ==").
    const QString bearer = QStringLiteral(
        "bixhPWFsaWNlQGV4YW1wbGUub3JnLAFhdXRoPUJlYXJlciB5YTI5LnNlY3JldAEB");
    QTest::newRow("AUTH OAUTHBEARER failure")
        << QStringList{QStringLiteral("C: AUTH OAUTHBEARER ") + bearer,
                       QStringLiteral("S: 334 ") + errorChallenge,
                       QStringLiteral("C: AQ=="),
                       QStringLiteral("S: 535 5.7.8 Authentication credentials invalid"),
                       QStringLiteral("C: QUIT")}
        << QStringList{QStringLiteral("C: AUTH OAUTHBEARER <redacted>"),
                       QStringLiteral("S: 334 <redacted>"),
                       QStringLiteral("C: <redacted>"),
                       QStringLiteral("S: 535 5.7.8 Authentication credentials invalid"),
                       QStringLiteral("C: QUIT")}
        << QStringList{bearer, errorChallenge, QStringLiteral("AQ==")};

    // A long token (Exchange Online) follows an empty 334 (RFC 4954 §4).
    QTest::newRow("AUTH XOAUTH2 after an empty challenge")
        << QStringList{QStringLiteral("C: AUTH XOAUTH2"),
                       QStringLiteral("S: 334 "),
                       QStringLiteral("C: ") + token,
                       QStringLiteral("S: 235 2.7.0 Authentication successful")}
        << QStringList{QStringLiteral("C: AUTH XOAUTH2"),
                       QStringLiteral("S: 334 <redacted>"),
                       QStringLiteral("C: <redacted>"),
                       QStringLiteral("S: 235 2.7.0 Authentication successful")}
        << QStringList{token};

    QTest::newRow("lower case verb, line endings, extra spaces")
        << QStringList{QStringLiteral("C: auth  plain   AGFsaWNlAGh1bnRlcjI=\r\n"),
                       QStringLiteral("S: 454 4.7.0 Temporary authentication failure\r\n"),
                       QStringLiteral("C: RSET\r\n")}
        << QStringList{QStringLiteral("C: auth  plain <redacted>"),
                       QStringLiteral("S: 454 4.7.0 Temporary authentication failure"),
                       QStringLiteral("C: RSET")}
        << QStringList{plainResponse};

    QTest::newRow("AUTH in other commands is not a command")
        << QStringList{QStringLiteral("C: EHLO auth.example.org"),
                       QStringLiteral("C: MAIL FROM:<auth@example.org> AUTH=<>"),
                       QStringLiteral("C: AUTHENTICATE x"),
                       QStringLiteral("S: 500 5.5.2 Error: command not recognized")}
        << QStringList{QStringLiteral("C: EHLO auth.example.org"),
                       QStringLiteral("C: MAIL FROM:<auth@example.org> AUTH=<>"),
                       QStringLiteral("C: AUTHENTICATE x"),
                       QStringLiteral("S: 500 5.5.2 Error: command not recognized")}
        << QStringList{};

    // Whatever came before, a 334 means the client's next line is a credential.
    QTest::newRow("334 after an unrelated reply")
        << QStringList{QStringLiteral("C: AUTH LOGIN"),
                       QStringLiteral("S: 250 2.0.0 late reply to an earlier command"),
                       QStringLiteral("S: 334 VXNlcm5hbWU6"),
                       QStringLiteral("C: YWxpY2U="),
                       QStringLiteral("S: 235 2.7.0 Authentication successful")}
        << QStringList{QStringLiteral("C: AUTH LOGIN"),
                       QStringLiteral("S: 250 2.0.0 late reply to an earlier command"),
                       QStringLiteral("S: 334 <redacted>"),
                       QStringLiteral("C: <redacted>"),
                       QStringLiteral("S: 235 2.7.0 Authentication successful")}
        << QStringList{QStringLiteral("YWxpY2U=")};

    QTest::newRow("client line between AUTH and the reply")
        << QStringList{QStringLiteral("C: AUTH CRAM-MD5"),
                       QStringLiteral("C: YWxpY2UgZGVhZGJlZWY="),
                       QStringLiteral("S: 235 2.7.0 Authentication successful")}
        << QStringList{QStringLiteral("C: AUTH CRAM-MD5"),
                       QStringLiteral("C: <redacted>"),
                       QStringLiteral("S: 235 2.7.0 Authentication successful")}
        << QStringList{QStringLiteral("YWxpY2UgZGVhZGJlZWY=")};
}

void TestRedaction::transcript()
{
    QFETCH(QStringList, lines);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, forbidden);

    TranscriptRedactor redactor;
    QStringList actual;
    for (const QString &line : std::as_const(lines)) {
        const QByteArray bytes = line.mid(3).toUtf8();
        if (line.startsWith(QLatin1String("C: ")))
            actual.append(QStringLiteral("C: ")
                          + QString::fromUtf8(redactor.redactClientLine(bytes)));
        else if (line.startsWith(QLatin1String("S: ")))
            actual.append(QStringLiteral("S: ")
                          + QString::fromUtf8(redactor.redactServerLine(bytes)));
        else
            QFAIL(qPrintable(QStringLiteral("bad test line: ") + line));
    }
    QCOMPARE(actual, expected);
    for (const QString &secret : std::as_const(forbidden)) {
        for (const QString &line : std::as_const(actual))
            QVERIFY2(!line.contains(secret), qPrintable(line));
    }
    QVERIFY(!redactor.isInAuthExchange());
}

void TestRedaction::resetForgetsExchange()
{
    TranscriptRedactor redactor;
    QCOMPARE(redactor.redactClientLine("AUTH LOGIN"), QByteArray("AUTH LOGIN"));
    QVERIFY(redactor.isInAuthExchange());
    QCOMPARE(redactor.redactClientLine("QUIT"), QByteArray("<redacted>"));
    redactor.reset();
    QVERIFY(!redactor.isInAuthExchange());
    QCOMPARE(redactor.redactClientLine("EHLO client.example.org"),
             QByteArray("EHLO client.example.org"));
}

void TestRedaction::redactSecrets_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain secret") << QStringLiteral("login failed for alice with hunter2")
                                  << QStringList{QStringLiteral("hunter2")}
                                  << QStringLiteral("login failed for alice with <redacted>");
    QTest::newRow("base64 form") << QStringLiteral("server echoed aHVudGVyMg== back")
                                 << QStringList{QStringLiteral("hunter2")}
                                 << QStringLiteral("server echoed <redacted> back");
    QTest::newRow("unpadded base64 form")
        << QStringLiteral("token aHVudGVyMg.") << QStringList{QStringLiteral("hunter2")}
        << QStringLiteral("token <redacted>.");
    QTest::newRow("every occurrence")
        << QStringLiteral("s3cret, s3cret and czNjcmV0") << QStringList{QStringLiteral("s3cret")}
        << QStringLiteral("<redacted>, <redacted> and <redacted>");
    QTest::newRow("several secrets")
        << QStringLiteral("user alice password hunter2")
        << QStringList{QStringLiteral("alice"), QStringLiteral("hunter2")}
        << QStringLiteral("user <redacted> password <redacted>");
    QTest::newRow("secret inside another secret")
        << QStringLiteral("pass=passw0rd")
        << QStringList{QStringLiteral("pass"), QStringLiteral("passw0rd")}
        << QStringLiteral("<redacted>=<redacted>");
    QTest::newRow("non-ASCII secret")
        << QStringLiteral("Kennwort Größe42 abgelehnt") << QStringList{QStringLiteral("Größe42")}
        << QStringLiteral("Kennwort <redacted> abgelehnt");
    QTest::newRow("empty secret ignored")
        << QStringLiteral("nothing to hide") << QStringList{QString()}
        << QStringLiteral("nothing to hide");
    QTest::newRow("no secrets") << QStringLiteral("nothing to hide") << QStringList{}
                                << QStringLiteral("nothing to hide");
    QTest::newRow("case sensitive")
        << QStringLiteral("Hunter2 is not hunter2") << QStringList{QStringLiteral("hunter2")}
        << QStringLiteral("Hunter2 is not <redacted>");
}

void TestRedaction::redactSecrets()
{
    QFETCH(QString, text);
    QFETCH(QStringList, secrets);
    QFETCH(QString, expected);
    QCOMPARE(Bulkmail::redactSecrets(text, secrets), expected);
}

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
