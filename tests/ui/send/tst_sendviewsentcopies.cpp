// The copies in Sent as the window words them (issue 16): before a send the summary says where
// they go; after a real run against the scripted SMTP server and a private Dovecot the send view
// says how many were copied, and, when the mailbox refused, what was not copied and that it is
// kept for the next run, which then copies it.
#include "mainwindow/sendarea.h"
#include "models/enginenotewords.h"
#include "send/sendcontroller.h"
#include "send/sendview.h"

#include "markingtranslator.h"
#include "privatedovecot.h"
#include "runnertesthelpers.h"
#include "scriptedsmtpserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Bulkmail;
using namespace Bulkmail::Test;
using State = SendController::State;

class tst_SendViewSentCopies final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void copiesAreSaidInWords_data();
    void copiesAreSaidInWords();
    void problemsAreSaidInTheWindowsWords_data();
    void problemsAreSaidInTheWindowsWords();
    void howTheLastSessionEndedIsSaidInTheWindowsWords();
    void summarySaysWhereTheCopiesGo();
    void aRunSaysHowManyWereCopied();
    void aRefusedMailboxIsSaidAndTheNextRunCopies();

private:
    QTemporaryDir m_directory;
};

namespace {

constexpr int Recipients = 5;

CampaignPlan planFor(const ScriptedSmtpServer &smtp,
                     const PrivateDovecot &imap,
                     const QString &campaignPath)
{
    CampaignPlan plan = makePlan(Recipients, QStringLiteral("127.0.0.1"), smtp.serverPort());
    plan.campaign.filePath = campaignPath;
    plan.campaign.mailbox.username = imap.credentials().username;
    plan.campaign.mailbox.server = imap.endpoint();
    plan.campaign.mailbox.copyToSent = true;
    plan.mailboxPassword = imap.credentials().password;
    return plan;
}

QString runAndSay(SendController &controller, const SendView &view, const CampaignPlan &plan)
{
    controller.start(plan);
    if (!QTest::qWaitFor([&controller] { return controller.state() == State::Finished; }, 60'000))
        return QStringLiteral("(the run did not finish)");
    return view.statusText();
}

} // namespace

void tst_SendViewSentCopies::initTestCase()
{
    setTestLogLevel();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_directory.isValid());
}

void tst_SendViewSentCopies::copiesAreSaidInWords_data()
{
    QTest::addColumn<SentCopySummary>("copies");
    QTest::addColumn<QString>("expected");
    SentCopySummary copies;
    QTest::newRow("not asked for") << copies << QString();
    copies.enabled = true;
    copies.copied = 1036;
    copies.alreadyThere = 2;
    QTest::newRow("found by SPECIAL-USE before the name was known")
        << copies << QStringLiteral("Copies in Sent: 1,036 copied, 2 already there.");
    copies.mailbox = QStringLiteral("已发送");
    QTest::newRow("the folder's own name") << copies
                                           << QStringLiteral("Copies in 已发送: 1,036 copied, 2 "
                                                             "already there.");
    copies.mailbox = QStringLiteral("Sent");
    copies.failed = 3;
    copies.keptForLater = 3;
    copies.problem = QStringLiteral("the mailbox refused the password");
    QTest::newRow("all kept") << copies
                              << QStringLiteral("Copies in Sent: 1,036 copied, 2 already there. 3 "
                                                "not copied yet (the mailbox refused the "
                                                "password), kept for the next run.");
    copies.keptForLater = 1;
    QTest::newRow("some kept") << copies
                               << QStringLiteral("Copies in Sent: 1,036 copied, 2 already there. 3 "
                                                 "not copied (the mailbox refused the password); "
                                                 "1 of them kept for the next run.");
    copies.keptForLater = 0;
    copies.problem.clear();
    QTest::newRow("none kept, no reason")
        << copies
        << QStringLiteral("Copies in Sent: 1,036 copied, 2 already there. 3 not copied (no "
                          "reason was given).");
}

void tst_SendViewSentCopies::copiesAreSaidInWords()
{
    QFETCH(SentCopySummary, copies);
    QFETCH(QString, expected);
    QCOMPARE(SendView::sentCopiesText(copies), expected);
}

void tst_SendViewSentCopies::problemsAreSaidInTheWindowsWords_data()
{
    QTest::addColumn<ImapNote>("note");
    QTest::addColumn<QString>("english");
    using Code = ImapNote::Code;
    const QString server = QStringLiteral("imap.example.org:993");
    const QString answer = QStringLiteral("NO [OVERQUOTA] Mailbox is full");
    // The English is the log's and the journal's, word for word as before the codes.
    QTest::newRow("spool unreadable")
        << ImapNote::make(Code::SpoolUnreadable, {QStringLiteral("Permission denied")})
        << QStringLiteral("Permission denied");
    QTest::newRow("copy refused") << ImapNote::make(Code::CopyRefused, {answer})
                                  << QStringLiteral("The IMAP server refused the copy: NO "
                                                    "[OVERQUOTA] Mailbox is full");
    QTest::newRow("connection ended often")
        << ImapNote::make(Code::ConnectionEndedOften,
                          {QStringLiteral("3"), QStringLiteral("timeout")})
        << QStringLiteral("The IMAP connection ended 3 times while copying it (timeout)");
    QTest::newRow("folder not found")
        << ImapNote::make(Code::FolderNotFound, {QStringLiteral("Gesendet"), server})
        << QStringLiteral("The folder \"Gesendet\" was not found on imap.example.org:993.");
    QTest::newRow("no Sent folder")
        << ImapNote::make(Code::NoSentFolder, {server})
        << QStringLiteral("No Sent folder was found on imap.example.org:993: name one in the "
                          "account's settings.");
    QTest::newRow("folder name unusable")
        << ImapNote::make(Code::FolderNameUnusable)
        << QStringLiteral("The Sent folder's name cannot be used in a command.");
    QTest::newRow("folder not opened")
        << ImapNote::make(Code::FolderNotOpened, {QStringLiteral("Sent"), answer})
        << QStringLiteral("The Sent folder \"Sent\" cannot be opened: NO [OVERQUOTA] Mailbox is "
                          "full");
    QTest::newRow("server kept failing")
        << ImapNote::make(Code::ServerKeptFailing,
                          {server, QStringLiteral("4"), QStringLiteral("timeout")})
        << QStringLiteral("The IMAP server imap.example.org:993 kept failing (4 sessions in a "
                          "row): timeout");
    QTest::newRow("no access token")
        << ImapNote::make(Code::NoAccessToken,
                          {server, QStringLiteral("4"), QStringLiteral("network down")})
        << QStringLiteral("No OAuth2 access token could be had for the IMAP server "
                          "imap.example.org:993 (4 tries in a row): network down");
    QTest::newRow("password refused")
        << ImapNote::make(Code::PasswordRefused, {answer})
        << QStringLiteral("The IMAP server refused the username or password: NO [OVERQUOTA] "
                          "Mailbox is full");
    QTest::newRow("sign-in refused")
        << ImapNote::make(Code::SignInRefused, {QStringLiteral("XOAUTH2"), answer})
        << QStringLiteral("The IMAP server refused the sign-in with XOAUTH2: NO [OVERQUOTA] "
                          "Mailbox is full");
    QTest::newRow("password not accepted")
        << ImapNote::make(Code::PasswordNotAccepted, {server})
        << QStringLiteral("The IMAP server imap.example.org:993 does not accept a password on "
                          "this connection (LOGINDISABLED): choose TLS or STARTTLS.");
    QTest::newRow("LOGIN cannot carry it")
        << ImapNote::make(Code::LoginCannotCarry, {server})
        << QStringLiteral("The IMAP server imap.example.org:993 offers only LOGIN, which cannot "
                          "carry this username or password (non-ASCII characters).");
    QTest::newRow("certificate rejected")
        << ImapNote::make(Code::CertificateRejected, {QStringLiteral("The certificate is expired")})
        << QStringLiteral("The IMAP server's TLS certificate was rejected: The certificate is "
                          "expired. To trust a self-signed or private certificate, name its PEM "
                          "file.");
    QTest::newRow("no STARTTLS")
        << ImapNote::make(Code::NoStartTls, {server})
        << QStringLiteral("The IMAP server imap.example.org:993 does not offer STARTTLS, and this "
                          "account requires TLS: refusing to continue in plain text.");
    QTest::newRow("STARTTLS refused")
        << ImapNote::make(Code::StartTlsRefused, {server, answer})
        << QStringLiteral("The IMAP server imap.example.org:993 refused STARTTLS (NO [OVERQUOTA] "
                          "Mailbox is full), and this account requires TLS.");
    QTest::newRow("signed in before TLS")
        << ImapNote::make(Code::SignedInBeforeTls, {server})
        << QStringLiteral("imap.example.org:993 signed us in before TLS, and this account "
                          "requires TLS");
    // How a session ended.
    QTest::newRow("server closed")
        << ImapNote::make(Code::ServerClosed) << QStringLiteral("the server closed the connection");
    QTest::newRow("not IMAP") << ImapNote::make(Code::NotImap, {server, QStringLiteral("bad tag")})
                              << QStringLiteral("imap.example.org:993 sent something that is not "
                                                "IMAP (bad tag)");
    QTest::newRow("TLS handshake failed")
        << ImapNote::make(Code::TlsHandshakeFailed, {server, QStringLiteral("wrong version")})
        << QStringLiteral("The TLS handshake with imap.example.org:993 failed: wrong version");
    QTest::newRow("socket error") << ImapNote::make(Code::SocketError,
                                                    {server, QStringLiteral("Connection refused")})
                                  << QStringLiteral("imap.example.org:993: Connection refused");
    QTest::newRow("connect timed out")
        << ImapNote::make(Code::ConnectTimedOut, {server, QStringLiteral("30")})
        << QStringLiteral("could not connect to imap.example.org:993 within 30 s");
    QTest::newRow("no reply") << ImapNote::make(Code::NoReply, {server, QStringLiteral("45")})
                              << QStringLiteral("no reply from imap.example.org:993 within 45 s");
    QTest::newRow("unknown tag") << ImapNote::make(Code::UnknownTag, {server, QStringLiteral("A9")})
                                 << QStringLiteral("imap.example.org:993 answered a command that "
                                                   "was not sent (tag A9)");
    QTest::newRow("no greeting") << ImapNote::make(Code::NoGreeting, {server})
                                 << QStringLiteral("imap.example.org:993 did not greet as an IMAP "
                                                   "server does");
    QTest::newRow("greeting refused")
        << ImapNote::make(Code::GreetingRefused, {server, QStringLiteral("Too many connections")})
        << QStringLiteral("imap.example.org:993 refused the connection: Too many connections");
    QTest::newRow("unexpected continuation")
        << ImapNote::make(Code::UnexpectedContinuation, {server})
        << QStringLiteral("imap.example.org:993 asked for more with no command waiting for it");
    QTest::newRow("continuation past the command")
        << ImapNote::make(Code::ContinuationTooMany, {server})
        << QStringLiteral("imap.example.org:993 asked for more than the command has");
    QTest::newRow("no password") << ImapNote::make(Code::NoPassword,
                                                   {QStringLiteral("office@example.org")})
                                 << QStringLiteral(
                                        "no password for the mailbox office@example.org (set "
                                        "BULKMAIL_IMAP_PASSWORD, or the account's password)");
}

void tst_SendViewSentCopies::problemsAreSaidInTheWindowsWords()
{
    QFETCH(ImapNote, note);
    QFETCH(QString, english);
    QCOMPARE(note.english(), english);

    SentCopySummary copies;
    copies.enabled = true;
    copies.failed = 2;
    copies.keptForLater = 2;
    copies.problem = note.english();
    copies.problemNote = note;
    // Every text through tr() marked and upper-cased, as a translation differs from the English.
    const QString mark = QStringLiteral("[zz]");
    MarkingTranslator translator({},
                                 MarkingTranslator::Scope::Contexts,
                                 mark + QStringLiteral("%1"),
                                 MarkingTranslator::Letters::Upper);
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const QString text = SendView::sentCopiesText(copies);
    QCoreApplication::removeTranslator(&translator);

    // The sentence and the problem inside it are the window's words, never the log's English;
    // the arguments (the server's answer among them) as they came.
    QVERIFY2(text.count(mark) >= 3, qPrintable(text));
    if (!note.arguments.contains(english)) // the spool's error is the whole English
        QVERIFY2(!text.contains(english), qPrintable(text));
    for (const QString &argument : std::as_const(note.arguments))
        QVERIFY2(text.contains(argument), qPrintable(text));
}

void tst_SendViewSentCopies::howTheLastSessionEndedIsSaidInTheWindowsWords()
{
    using Code = ImapNote::Code;
    const QString server = QStringLiteral("imap.example.org:993");
    const ImapNote lastEnded = ImapNote::make(Code::NoReply, {server, QStringLiteral("45")});
    const QString lastEnglish = lastEnded.english();
    QCOMPARE(ImapNote::unpacked(lastEnded.packed(), 0).english(), lastEnglish);
    const QList<ImapNote> notes{
        ImapNote::make(Code::ConnectionEndedOften,
                       QStringList{QStringLiteral("3"), lastEnglish} + lastEnded.packed()),
        ImapNote::make(Code::ServerKeptFailing,
                       QStringList{server, QStringLiteral("4"), lastEnglish} + lastEnded.packed()),
    };
    const QString mark = QStringLiteral("[zz]");
    MarkingTranslator translator({},
                                 MarkingTranslator::Scope::Contexts,
                                 mark + QStringLiteral("%1"),
                                 MarkingTranslator::Letters::Upper);
    for (const ImapNote &note : notes) {
        // The log's and the journal's English as before: the last end's English inside.
        QVERIFY2(note.english().contains(u"(" + lastEnglish + u")")
                     || note.english().endsWith(u": " + lastEnglish),
                 qPrintable(note.english()));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const QString text = EngineNoteWords::sentCopyProblem(note, note.english());
        QCoreApplication::removeTranslator(&translator);
        // The window words how the last session ended from its code, not from its English.
        QVERIFY2(!text.contains(lastEnglish), qPrintable(text));
        QVERIFY2(text.contains(mark + QStringLiteral("THE MAILBOX SERVER ") + server
                               + QStringLiteral(" DID NOT ANSWER WITHIN 45 SECOND(S)")),
                 qPrintable(text));
    }
    // Without a note of its own (an older journal), the English as it came.
    const QString words = EngineNoteWords::sentCopyProblem(
        ImapNote::make(Code::ServerKeptFailing, {server, QStringLiteral("4"), lastEnglish}), {});
    QVERIFY2(words.endsWith(lastEnglish), qPrintable(words));
}

void tst_SendViewSentCopies::summarySaysWhereTheCopiesGo()
{
    Campaign campaign = makePlan(3, QStringLiteral("smtp.example.com"), 587).campaign;
    campaign.mailbox.server.host = QStringLiteral("imap.example.com");
    campaign.mailbox.copyToSent = true;
    SendArea area;
    QSignalSpy checked(&area, &SendArea::checkFinished);
    area.scheduleCheck(campaign);
    QVERIFY(checked.wait(30'000));
    const QString sentence = QStringLiteral("Copies go to the Sent folder of imap.example.com.");
    QVERIFY2(area.summaryText().contains(sentence), qPrintable(area.summaryText()));

    // A rehearsal copies nothing: it does not say so.
    area.setMode(SendMode::Rehearse);
    QVERIFY2(!area.summaryText().contains(sentence), qPrintable(area.summaryText()));
    area.setMode(SendMode::Deliver);

    // Copies asked for without a mailbox server would silently be none: it says so.
    campaign.mailbox.server.host.clear();
    area.scheduleCheck(campaign);
    QVERIFY(checked.wait(30'000));
    QVERIFY2(area.summaryText().contains(QStringLiteral("no mailbox (IMAP) server is given")),
             qPrintable(area.summaryText()));

    campaign.mailbox.copyToSent = false;
    area.scheduleCheck(campaign);
    QVERIFY(checked.wait(30'000));
    QVERIFY2(!area.summaryText().contains(QStringLiteral("Sent folder")),
             qPrintable(area.summaryText()));
}

void tst_SendViewSentCopies::aRunSaysHowManyWereCopied()
{
    ScriptedSmtpServer smtp;
    PrivateDovecot imap;
    QVERIFY(imap.start());
    SendController controller;
    SendView view(&controller);
    const QString status = runAndSay(
        controller, view, planFor(smtp, imap, m_directory.filePath(QStringLiteral("a.bulkmail"))));
    QVERIFY2(status.startsWith(QStringLiteral("Done")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("Copies in Sent: 5 copied, 0 already there.")),
             qPrintable(status));
    QVERIFY2(!status.contains(QStringLiteral("not copied")), qPrintable(status));
    QCOMPARE(imap.messagesIn(QStringLiteral("Sent")).size(), Recipients);
}

void tst_SendViewSentCopies::aRefusedMailboxIsSaidAndTheNextRunCopies()
{
    ScriptedSmtpServer smtp;
    PrivateDovecot imap;
    QVERIFY(imap.start());
    const QString path = m_directory.filePath(QStringLiteral("b.bulkmail"));
    SendController controller;
    SendView view(&controller);

    CampaignPlan wrong = planFor(smtp, imap, path);
    wrong.mailboxPassword = QStringLiteral("not the password");
    const QString first = runAndSay(controller, view, wrong);
    QVERIFY2(first.startsWith(QStringLiteral("Done")), qPrintable(first)); // sending went on
    QVERIFY2(first.contains(QStringLiteral("Copies in Sent: 0 copied, 0 already there. 5 not "
                                           "copied yet (")),
             qPrintable(first));
    QVERIFY2(first.contains(QStringLiteral("kept for the next run.")), qPrintable(first));
    // Why, in the window's words (core's English says "The IMAP server refused the username"),
    // with the server's own answer as it came.
    QVERIFY2(first.contains(QStringLiteral("(the mailbox server refused the user name or password: "
                                           "NO [AUTHENTICATIONFAILED]")),
             qPrintable(first));
    QVERIFY(imap.messagesIn(QStringLiteral("Sent")).isEmpty());

    // The next run sends nobody again and copies what was kept.
    const QString second = runAndSay(controller, view, planFor(smtp, imap, path));
    QVERIFY2(second.contains(QStringLiteral("Copies in Sent: 5 copied, 0 already there.")),
             qPrintable(second));
    QCOMPARE(imap.messagesIn(QStringLiteral("Sent")).size(), Recipients);
}

QTEST_MAIN(tst_SendViewSentCopies)
#include "tst_sendviewsentcopies.moc"
