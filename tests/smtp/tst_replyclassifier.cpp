#include "smtp/replyclassifier.h"

#include <QTest>

using namespace Bulkmail;

Q_DECLARE_METATYPE(Bulkmail::SmtpStage)
Q_DECLARE_METATYPE(Bulkmail::ReplyVerdict)

namespace {

// "421 4.7.0 text" with lines separated by '\n', as SmtpReplyParser would hand them over.
SmtpReply reply(int code, const QString &text)
{
    SmtpReply result;
    result.code = code;
    for (const QString &line : text.split(u'\n'))
        result.lines.append(line.toUtf8());
    return result;
}

} // namespace

class TestReplyClassifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data();
    void classify();
    void explanationNamesTheCode();
    void explanationForUnexpectedReplyNamesTheStage();
    void fallBackToHelo_data();
    void fallBackToHelo();
    void namesCoverEveryValue();
};

void TestReplyClassifier::classify_data()
{
    QTest::addColumn<SmtpStage>("stage");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    QTest::addColumn<ReplyVerdict>("expected");

    using S = SmtpStage;
    using V = ReplyVerdict;
    auto row = [](const char *name, S stage, int code, const char *text, V verdict) {
        QTest::newRow(name) << stage << code << QString::fromUtf8(text) << verdict;
    };

    // The expected positive reply for each stage.
    row("greeting 220", S::Greeting, 220, "smtp.gmail.com ESMTP a1sm123 - gsmtp", V::Success);
    row("EHLO 250 multi-line",
        S::Ehlo,
        250,
        "smtp.office365.com Hello [203.0.113.5]\nSIZE 157286400\nPIPELINING\nAUTH LOGIN XOAUTH2",
        V::Success);
    row("HELO 250", S::Helo, 250, "mx.example.org", V::Success);
    row("STARTTLS 220", S::StartTls, 220, "2.0.0 SMTP server ready", V::Success);
    row("AUTH 334 continuation", S::Auth, 334, "VXNlcm5hbWU6", V::Success);
    row("AUTH 235 accepted", S::Auth, 235, "2.7.0 Accepted", V::Success);
    row("MAIL 250", S::MailFrom, 250, "2.1.0 OK a1sm123 - gsmtp", V::Success);
    row("RCPT 250", S::RcptTo, 250, "2.1.5 OK a1sm123 - gsmtp", V::Success);
    row("RCPT 251 will forward",
        S::RcptTo,
        251,
        "User not local; will forward to <b@example.org>",
        V::Success);
    row("DATA 354", S::Data, 354, "Go ahead a1sm123 - gsmtp", V::Success);
    row("dot 250 queued", S::FinalDot, 250, "2.0.0 Ok: queued as 4Xy1Z2abc", V::Success);
    row("RSET 250", S::Rset, 250, "2.0.0 Ok", V::Success);
    row("NOOP 250", S::Noop, 250, "2.0.0 OK a1sm123 - gsmtp", V::Success);
    row("QUIT 221", S::Quit, 221, "2.0.0 closing connection a1sm123 - gsmtp", V::Success);

    // A cap on messages per connection is not throttling: rotate at once, no pause.
    row("421 too many messages on this connection",
        S::MailFrom,
        421,
        "4.7.0 Too many messages on this connection",
        V::ConnectionLost);
    row("421 too many messages in this session (dot)",
        S::FinalDot,
        421,
        "4.7.0 Error: too many messages in this session, closing",
        V::ConnectionLost);
    row("421 message rate still throttling",
        S::MailFrom,
        421,
        "4.7.0 Too many messages, slow down",
        V::Throttled);

    // A positive code the stage does not expect.
    row("354 to MAIL FROM", S::MailFrom, 354, "Go ahead", V::ProtocolError);
    row("250 to DATA", S::Data, 250, "2.0.0 Ok", V::ProtocolError);
    row("334 to EHLO", S::Ehlo, 334, "VXNlcm5hbWU6", V::ProtocolError);
    row("235 to RCPT TO", S::RcptTo, 235, "2.7.0 Accepted", V::ProtocolError);
    row("250 to the greeting", S::Greeting, 250, "hello", V::ProtocolError);
    row("220 to QUIT", S::Quit, 220, "ready", V::ProtocolError);
    row("354 to the final dot", S::FinalDot, 354, "Go ahead", V::ProtocolError);
    // RFC 5321 §4.2.1: any 2yz to the final dot completes the message. Taking 251 for an error
    // once resent one message without end.
    row("dot 251 accepted", S::FinalDot, 251, "2.0.0 Ok, will forward", V::Success);
    row("dot 252 accepted", S::FinalDot, 252, "2.1.5 Cannot verify, accepted", V::Success);
    row("dot 200 accepted", S::FinalDot, 200, "ok", V::Success);
    row("code 0", S::MailFrom, 0, "", V::ProtocolError);

    // "Slow down": the recipient stays queued.
    row("Office 365 451 4.7.500 server busy",
        S::RcptTo,
        451,
        "4.7.500 Server busy. Please try again later from [203.0.113.5]. (S77719) "
        "[AM0PR01MB1234.eurprd01.prod.exchangelabs.com]",
        V::Throttled);
    row("Office 365 451 4.7.0 temporary server error on AUTH",
        S::Auth,
        451,
        "4.7.0 Temporary server error. Please try again later. PRX4 "
        "[AM5PR0701CA0008.eurprd07.prod.outlook.com]",
        V::Throttled);
    row("Gmail 421 4.7.0 try again later",
        S::Ehlo,
        421,
        "4.7.0 Try again later, closing connection. (EHLO) a1sm123 - gsmtp",
        V::Throttled);
    row("Gmail 454 4.7.0 too many login attempts",
        S::Auth,
        454,
        "4.7.0 Too many login attempts, please try again later. "
        "4-20020a056000154400b00203812ca383sm10857871wry.78 - gsmtp",
        V::Throttled);
    row("Gmail 421 4.7.28 unusual rate",
        S::MailFrom,
        421,
        "4.7.28 [203.0.113.42] Our system has detected an unusual rate of\n"
        "4.7.28 unsolicited mail originating from your IP address. To protect our\n"
        "4.7.28 users from spam, mail sent from your IP address has been temporarily\n"
        "4.7.28 rate limited. Please visit\n"
        "4.7.28 https://support.google.com/mail/?p=UnsolicitedRateLimitError to\n"
        "4.7.28 review our Bulk Email Senders Guidelines. a1sm123 - gsmtp",
        V::Throttled);
    row("Amazon SES 454 maximum sending rate",
        S::MailFrom,
        454,
        "Throttling failure: Maximum sending rate exceeded.",
        V::Throttled);
    row("Yahoo 421 4.7.0 TSS04 deferred",
        S::RcptTo,
        421,
        "4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume "
        "or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
        V::Throttled);
    row("rspamd 451 4.7.1 ratelimit",
        S::MailFrom,
        451,
        "4.7.1 Ratelimit \"user\" exceeded",
        V::Throttled);
    row("163.com 451 MI:SFQ fifteen-minute quota",
        S::MailFrom,
        451,
        "MI:SFQ 163 smtp9,DcCowABH2x1kV please see "
        "http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5&hostid=smtp9",
        V::Throttled);
    row("163.com 421 HL:IFC too much mail",
        S::Greeting,
        421,
        "HL:IFC 163 smtp9,DcCowABH2x1kV please see "
        "http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5&hostid=smtp9",
        V::Throttled);
    row("QQ 550 Ip frequency limited", S::MailFrom, 550, "Ip frequency limited", V::Throttled);
    row("policyd 450 4.7.1 sender rate limit",
        S::RcptTo,
        450,
        "4.7.1 <list@example.org>: Sender address rejected: Rate limit exceeded",
        V::Throttled);

    // Postfix's own anvil limits (smtpd_client_message_rate_limit, ..._recipient_rate_limit).
    row("Postfix anvil 450 4.7.1 too much mail",
        S::MailFrom,
        450,
        "4.7.1 Error: too much mail from 127.0.0.1",
        V::Throttled);
    row("Postfix anvil 450 4.7.1 too many recipients",
        S::RcptTo,
        450,
        "4.7.1 Error: too many recipients from 127.0.0.1",
        V::Throttled);

    // Greylisting concerns one recipient: it never slows the campaign, even in 4.7.1 words.
    row("Postfix greylisting 451 4.7.1 try again later at RCPT",
        S::RcptTo,
        451,
        "4.7.1 <user0007@example.com>: Recipient address rejected: try again later",
        V::RecipientTemporary);
    row("421 try again later at RCPT is still the server's",
        S::RcptTo,
        421,
        "4.7.0 Try again later, closing connection",
        V::Throttled);

    // The server's mail service as a whole is down (a milter or content filter): the site.
    row("Postfix milter tempfail at MAIL",
        S::MailFrom,
        451,
        "4.7.1 Service unavailable - try again later",
        V::ServiceUnavailable);
    row("Postfix milter tempfail at the dot",
        S::FinalDot,
        451,
        "4.7.1 Service unavailable - try again later",
        V::ServiceUnavailable);
    row("content filter unavailable at the dot",
        S::FinalDot,
        451,
        "4.3.0 Error: content filter unavailable",
        V::ServiceUnavailable);
    row("service unavailable at RCPT is the recipient's",
        S::RcptTo,
        451,
        "4.3.0 <b@example.org>: Recipient address rejected: service unavailable",
        V::RecipientTemporary);

    // Too many connections: throttling, and the pool shrinks.
    row("Office 365 432 4.3.2 sender thread limit",
        S::FinalDot,
        432,
        "4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded "
        "[Hostname=AM0PR01MB1234.eurprd01.prod.exchangelabs.com]",
        V::ConnectionLimit);
    row("Office 365 432 4.3.2 concurrent connections",
        S::Auth,
        432,
        "4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending "
        "for more information. [Hostname=BN8PR12MB3587.namprd12.prod.outlook.com]",
        V::ConnectionLimit);
    row("Postfix anvil 421 too many connections",
        S::Greeting,
        421,
        "4.7.0 mail.example.org Error: too many connections from 203.0.113.5",
        V::ConnectionLimit);
    row("163.com 421 HL:ICC concurrent connections",
        S::Greeting,
        421,
        "HL:ICC 163 smtp9,DcCowABH2x1kV please see "
        "http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5&hostid=smtp9",
        V::ConnectionLimit);
    row("QQ 550 Connection frequency limited",
        S::Greeting,
        550,
        "Connection frequency limited",
        V::ConnectionLimit);

    // The account's quota is used up: pause the campaign, fail nobody.
    row("Gmail 550 5.4.5 daily user sending quota",
        S::MailFrom,
        550,
        "5.4.5 Daily user sending quota exceeded. a1sm123 - gsmtp",
        V::QuotaExhausted);
    row("Gmail 550 5.4.5 daily user sending quota at the dot",
        S::FinalDot,
        550,
        "5.4.5 Daily user sending quota exceeded. s124sm6149838wme.29 - gsmtp",
        V::QuotaExhausted);
    row("Gmail 550 5.4.5 SMTP relay limit",
        S::RcptTo,
        550,
        "5.4.5 Daily SMTP relay limit exceeded for user. For more information on SMTP relay "
        "sending limits please visit\n5.4.5 https://support.google.com/a/answer/166852",
        V::QuotaExhausted);
    row("Office 365 554 5.2.0 SubmissionQuotaExceeded",
        S::FinalDot,
        554,
        "5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to "
        "process message due to a permanent exception with message",
        V::QuotaExhausted);
    row("Amazon SES 454 daily message quota",
        S::MailFrom,
        454,
        "Throttling failure: Daily message quota exceeded.",
        V::QuotaExhausted);
    row("GoDaddy 550 24-hour sending limit",
        S::RcptTo,
        550,
        "User me@example.com has exceeded its 24-hour sending limit. Messages to 25 recipients "
        "out of 25 allowed have been sent. Relay quota will reset in 1.5 hours.",
        V::QuotaExhausted);
    row("552 relay quota",
        S::FinalDot,
        552,
        "C13ypH3DXQO9CC140p6S9y Message would take you over your relay quota of 500 Current "
        "quota used: 487",
        V::QuotaExhausted);

    // Temporary for this recipient: retried later with back-off.
    row("Gmail 450 4.2.1 recipient receiving too fast",
        S::RcptTo,
        450,
        "4.2.1 The user you are trying to contact is receiving mail at a rate that\n"
        "4.2.1 prevents additional messages from being delivered. Please resend your\n"
        "4.2.1 message at a later time. If the user is able to receive mail at that\n"
        "4.2.1 time, your message will be delivered. a1sm123 - gsmtp",
        V::RecipientTemporary);
    row("452 4.5.3 too many recipients",
        S::RcptTo,
        452,
        "4.5.3 Too many recipients",
        V::RecipientTemporary);
    row("Gmail 452 4.2.2 mailbox over quota",
        S::RcptTo,
        452,
        "4.2.2 The email account that you tried to reach is over quota. a1sm123 - gsmtp",
        V::RecipientTemporary);
    row("postgrey 450 4.2.0 greylisted",
        S::RcptTo,
        450,
        "4.2.0 <b@example.org>: Recipient address rejected: Greylisted, see "
        "http://postgrey.schweikert.ch/help/example.org.html",
        V::RecipientTemporary);
    row("Gmail 451 4.3.0 temporarily rejected",
        S::FinalDot,
        451,
        "4.3.0 Mail server temporarily rejected message. a1sm123 - gsmtp",
        V::RecipientTemporary);
    row("Exchange 432 4.3.2 recipient thread limit",
        S::RcptTo,
        432,
        "4.3.2 STOREDRV.Deliver; recipient thread limit exceeded",
        V::RecipientTemporary);
    row("Postfix 450 4.7.1 hostname not found",
        S::RcptTo,
        450,
        "4.7.1 Client host rejected: cannot find your hostname, [203.0.113.5]",
        V::RecipientTemporary);
    row("163.com 451 RP:CEL",
        S::RcptTo,
        451,
        "RP:CEL 163 smtp9,DcCowABH2x1kV please see "
        "http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5&hostid=smtp9",
        V::RecipientTemporary);
    row("MAIL FROM 451 local error",
        S::MailFrom,
        451,
        "4.3.0 Error: queue file write error",
        V::RecipientTemporary);
    row("DATA 451", S::Data, 451, "4.3.0 Temporary lookup failure", V::RecipientTemporary);

    // Failed for good for this recipient; the campaign goes on.
    row("Gmail 550 5.1.1 no such user",
        S::RcptTo,
        550,
        "5.1.1 The email account that you tried to reach does not exist. Please try\n"
        "5.1.1 double-checking the recipient's email address for typos or\n"
        "5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser a1sm123 - "
        "gsmtp",
        V::RecipientPermanent);
    row("552 5.2.2 recipient mailbox full",
        S::RcptTo,
        552,
        "5.2.2 Quota exceeded (mailbox for user is full)",
        V::RecipientPermanent);
    row("Gmail 552 5.3.4 message too big",
        S::FinalDot,
        552,
        "5.3.4 Your message exceeded Google's message size limits. a1sm123 - gsmtp",
        V::RecipientPermanent);
    row("Outlook 550 5.7.708 traffic not accepted",
        S::RcptTo,
        550,
        "5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more "
        "information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(7230)",
        V::RecipientPermanent);
    row("Outlook 550 5.7.515 authentication level",
        S::RcptTo,
        550,
        "5.7.515 Access denied, sending domain example.com doesn't meet the required "
        "authentication level.",
        V::RecipientPermanent);
    row("QQ 550 Mail content denied",
        S::FinalDot,
        550,
        "Mail content denied. "
        "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000726",
        V::RecipientPermanent);
    row("163.com 554 DT:SPM",
        S::FinalDot,
        554,
        "DT:SPM 163 smtp10,DsCowAAnIHxkV please see "
        "http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.5&hostid=smtp10",
        V::RecipientPermanent);
    row("DATA 554 no valid recipients",
        S::Data,
        554,
        "5.5.1 Error: no valid recipients",
        V::RecipientPermanent);
    row("MAIL FROM 552 message size",
        S::MailFrom,
        552,
        "5.3.4 Message size exceeds fixed limit",
        V::RecipientPermanent);

    // The campaign stops with a clear error.
    row("greeting 554 blocked",
        S::Greeting,
        554,
        "5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org",
        V::Fatal);
    row("EHLO 550 refused", S::Ehlo, 550, "5.7.1 Access denied", V::Fatal);
    row("HELO 501 refused", S::Helo, 501, "5.5.2 Syntax: HELO hostname", V::Fatal);
    row("STARTTLS 502 not supported", S::StartTls, 502, "5.5.1 STARTTLS not supported", V::Fatal);
    row("Office 365 421 4.7.66 TLS 1.0 refused",
        S::Ehlo,
        421,
        "4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to "
        "support TLS 1.2. Visit https://aka.ms/smtp_auth_tls. "
        "[SA9P221CA0019.NAMP221.PROD.OUTLOOK.COM]",
        V::Fatal);
    row("Gmail 530 5.7.0 STARTTLS first",
        S::MailFrom,
        530,
        "5.7.0 Must issue a STARTTLS command first. a1sm123 - gsmtp",
        V::Fatal);
    row("AUTH 538 encryption required",
        S::Auth,
        538,
        "5.7.11 Encryption required for requested authentication mechanism",
        V::Fatal);
    row("Office 365 550 5.7.60 send as denied",
        S::MailFrom,
        550,
        "5.7.60 SMTP; Client does not have permissions to send as this sender",
        V::Fatal);
    row("Postfix 553 5.7.1 sender not owned",
        S::MailFrom,
        553,
        "5.7.1 <news@example.org>: Sender address rejected: not owned by user alice@example.org",
        V::Fatal);
    row("553 5.1.8 sender domain not found",
        S::MailFrom,
        553,
        "5.1.8 <news@nonexistent.example>: Sender address rejected: Domain not found",
        V::Fatal);

    // Credentials refused: exactly one login attempt.
    row("Gmail 535 5.7.8 bad credentials",
        S::Auth,
        535,
        "5.7.8 Username and Password not accepted. For more information, go to\n"
        "5.7.8 https://support.google.com/mail/?p=BadCredentials d4sm5441686pgf.9 - gsmtp",
        V::AuthenticationFailed);
    row("Office 365 535 5.7.3",
        S::Auth,
        535,
        "5.7.3 Authentication unsuccessful [DB6P18901CA0015.EURP189.PROD.OUTLOOK.COM]",
        V::AuthenticationFailed);
    row("Office 365 535 5.7.139 SMTP AUTH disabled",
        S::Auth,
        535,
        "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
        "Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.",
        V::AuthenticationFailed);
    row("Gmail 534 5.7.9 app password",
        S::Auth,
        534,
        "5.7.9 Application-specific password required. Learn more at\n"
        "5.7.9 https://support.google.com/mail/?p=InvalidSecondFactor a1sm123 - gsmtp",
        V::AuthenticationFailed);
    row("AUTH 504 mechanism",
        S::Auth,
        504,
        "5.7.4 Unrecognized authentication type",
        V::AuthenticationFailed);
    row("Postfix 535 without enhanced code",
        S::Auth,
        535,
        "Error: authentication failed",
        V::AuthenticationFailed);
    row("QQ 535 authorization code",
        S::Auth,
        535,
        "Login Fail. Please enter your authorization code to login. More information in "
        "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=28&&no=1001256",
        V::AuthenticationFailed);
    row("AUTH 432 4.7.12 password transition",
        S::Auth,
        432,
        "4.7.12 A password transition is needed",
        V::AuthenticationFailed);
    row("Gmail 530 5.7.0 authentication required at MAIL",
        S::MailFrom,
        530,
        "5.7.0 Authentication Required. Learn more at\n"
        "5.7.0  https://support.google.com/mail/?p=WantAuthError a1sm123 - gsmtp",
        V::AuthenticationFailed);

    // The connection is gone or unusable: retry on a new one.
    row("Postfix 421 4.4.2 timeout",
        S::MailFrom,
        421,
        "4.4.2 mail.example.org Error: timeout exceeded",
        V::ConnectionLost);
    row("421 service not available at greeting",
        S::Greeting,
        421,
        "Service not available, closing transmission channel",
        V::ConnectionLost);
    row("Exchange 421 4.3.2 shutting down",
        S::RcptTo,
        421,
        "4.3.2 Service not available, closing transmission channel",
        V::ConnectionLost);
    row("STARTTLS 454 TLS not available",
        S::StartTls,
        454,
        "4.7.0 TLS not available due to local problem",
        V::ConnectionLost);
    row("AUTH 454 temporary failure",
        S::Auth,
        454,
        "4.7.0 Temporary authentication failure: Connection lost to authentication server",
        V::ConnectionLost);
    row("RSET 500", S::Rset, 500, "5.5.2 Error: bad syntax", V::ConnectionLost);
    row("NOOP 421", S::Noop, 421, "4.4.2 Error: timeout exceeded", V::ConnectionLost);
    row("QUIT 500", S::Quit, 500, "5.5.1 Unrecognized command", V::ConnectionLost);
    row("greeting 450", S::Greeting, 450, "Server not ready", V::ConnectionLost);
}

void TestReplyClassifier::classify()
{
    QFETCH(SmtpStage, stage);
    QFETCH(int, code);
    QFETCH(QString, text);
    QFETCH(ReplyVerdict, expected);

    const SmtpReply serverReply = reply(code, text);
    const Classification result = classifyReply(serverReply, stage);
    QCOMPARE(QString(verdictName(result.verdict)), QString(verdictName(expected)));
    QVERIFY(!result.explanation.isEmpty());

    // isThrottlingReply() agrees with the verdict, whatever the stage, except for weak words
    // ("try again later" in 4.7.x), which slow the campaign only where they are the server's.
    const bool throttling = expected == ReplyVerdict::Throttled
                            || expected == ReplyVerdict::ConnectionLimit;
    const bool implied = throttlingStrength(serverReply) == ThrottlingStrength::Implied;
    if (expected != ReplyVerdict::Success && expected != ReplyVerdict::ProtocolError && !implied)
        QCOMPARE(isThrottlingReply(serverReply), throttling);
    if (throttling)
        QVERIFY(isThrottlingReply(serverReply));
}

void TestReplyClassifier::explanationNamesTheCode()
{
    const Classification throttled = classifyReply(
        reply(421, QStringLiteral("4.7.0 Try again later, closing connection.")),
        SmtpStage::MailFrom);
    QCOMPARE(throttled.explanation,
             QStringLiteral("the server is limiting how fast we send (421 4.7.0)"));

    const Classification rejected = classifyReply(reply(550, QStringLiteral("no such user")),
                                                  SmtpStage::RcptTo);
    QCOMPARE(rejected.explanation, QStringLiteral("the server rejected this recipient (550)"));

    const Classification quota = classifyReply(
        reply(550, QStringLiteral("5.4.5 Daily user sending quota exceeded.")), SmtpStage::MailFrom);
    QCOMPARE(quota.explanation,
             QStringLiteral(
                 "the account's sending quota is used up; sending is paused (550 5.4.5)"));

    const Classification appPassword = classifyReply(
        reply(534, QStringLiteral("5.7.9 Application-specific password required.")),
        SmtpStage::Auth);
    QCOMPARE(appPassword.explanation,
             QStringLiteral(
                 "the server wants an app password or another sign-in method (534 5.7.9)"));
}

void TestReplyClassifier::explanationForUnexpectedReplyNamesTheStage()
{
    const Classification result = classifyReply(reply(354, QStringLiteral("Go ahead")),
                                                SmtpStage::MailFrom);
    QCOMPARE(result.verdict, ReplyVerdict::ProtocolError);
    QCOMPARE(result.explanation,
             QStringLiteral("the server sent an unexpected reply 354 to MAIL FROM"));
}

void TestReplyClassifier::fallBackToHelo_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("expected");

    QTest::newRow("500 command unrecognized") << 500 << true;
    QTest::newRow("501 syntax") << 501 << true;
    QTest::newRow("502 not implemented") << 502 << true;
    QTest::newRow("504 parameter not implemented") << 504 << true;
    QTest::newRow("550 policy refusal") << 550 << false;
    QTest::newRow("554 refused") << 554 << false;
    QTest::newRow("421 closing") << 421 << false;
    QTest::newRow("250 success") << 250 << false;
}

void TestReplyClassifier::fallBackToHelo()
{
    QFETCH(int, code);
    QFETCH(bool, expected);
    QCOMPARE(shouldFallBackToHelo(reply(code, QStringLiteral("Error"))), expected);
}

void TestReplyClassifier::namesCoverEveryValue()
{
    for (int stage = static_cast<int>(SmtpStage::Greeting);
         stage <= static_cast<int>(SmtpStage::Quit);
         ++stage)
        QVERIFY(stageName(static_cast<SmtpStage>(stage)) != QLatin1String("an unknown command"));
    for (int verdict = static_cast<int>(ReplyVerdict::Success);
         verdict <= static_cast<int>(ReplyVerdict::ProtocolError);
         ++verdict) {
        QVERIFY(verdictName(static_cast<ReplyVerdict>(verdict)) != QLatin1String("Unknown"));
    }
    QCOMPARE(stageName(SmtpStage::RcptTo), QLatin1String("RCPT TO"));
    QCOMPARE(verdictName(ReplyVerdict::QuotaExhausted), QLatin1String("QuotaExhausted"));
}

QTEST_GUILESS_MAIN(TestReplyClassifier)
#include "tst_replyclassifier.moc"
