#include "replyclassifier.h"

#include <initializer_list>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace Bulkmail {

namespace {

// Gives the explanations a translation context without making the classifier a QObject.
class ReplyClassifierText
{
    Q_DECLARE_TR_FUNCTIONS(Bulkmail::ReplyClassifier)
};

bool containsAny(const QString &text, std::initializer_list<QLatin1String> phrases)
{
    for (const QLatin1String phrase : phrases) {
        if (text.contains(phrase, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// RFC 3463 §3.3: X.2.X is about the recipient's mailbox (full, disabled, receiving too fast), so
// such a reply is never about our pace or our quota.
bool isAboutMailbox(const EnhancedStatus &status)
{
    return status.isValid() && status.subject == 2;
}

bool isEnhanced(const EnhancedStatus &status, int subject, int detail)
{
    return status.isValid() && status.subject == subject && status.detail == detail;
}

// The account may not send more for now (hours, usually until a rolling day has passed).
bool isQuotaExhaustedReply(const SmtpReply &reply)
{
    if (!reply.isTransientFailure() && !reply.isPermanentFailure())
        return false;
    const QString text = reply.text();
    // Unambiguous provider texts, whatever the enhanced code (Office 365 sends 5.2.0 here).
    if (containsAny(text,
                    {QLatin1String("sending quota"),           // Gmail 550 5.4.5
                     QLatin1String("SubmissionQuotaExceeded"), // Office 365 554 5.2.0
                     QLatin1String("daily message quota"),     // Amazon SES 454
                     QLatin1String("relay quota"),
                     QLatin1String("24-hour sending limit"),
                     QLatin1String("24 hour sending limit")})) {
        return true;
    }
    // "550 5.4.5 Daily SMTP relay limit exceeded", "550 5.1.90 ... your daily limit for message
    // recipients"; but not "452 4.2.2 ... over quota", which is the recipient's full mailbox.
    return !isAboutMailbox(reply.enhancedStatus()) && text.contains(u"daily", Qt::CaseInsensitive)
           && containsAny(text, {QLatin1String("quota"), QLatin1String("limit")});
}

// Too many connections (or connection attempts) at once: the pool should shrink.
bool isConnectionLimitReply(const SmtpReply &reply)
{
    const QString text = reply.text();
    // Tencent answers connection floods with a 5xx that is only a rate limit.
    if (reply.isPermanentFailure())
        return text.contains(u"connection frequency limited", Qt::CaseInsensitive);
    if (!reply.isTransientFailure())
        return false;
    // Exchange's "432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded" is one busy
    // mailbox, not our connections (unlike "STOREDRV.ClientSubmit; sender thread limit").
    if (text.contains(u"recipient thread limit", Qt::CaseInsensitive))
        return false;
    if (containsAny(text,
                    {QLatin1String("too many connections"),
                     QLatin1String("too many concurrent"),
                     QLatin1String("too many simultaneous"),
                     QLatin1String("concurrent connection"),
                     QLatin1String("connection limit"),
                     QLatin1String("connections limit"),
                     QLatin1String("maximum number of connections"),
                     QLatin1String("thread limit"),
                     QLatin1String("connection frequency limited"),
                     QLatin1String("HL:ICC")})) { // 163.com: too many concurrent connections
        return true;
    }
    // RFC 3463 X.3.2 "system not accepting network messages" is also a plain shutdown, so only
    // with words about limits.
    return isEnhanced(reply.enhancedStatus(), 3, 2)
           && containsAny(text,
                          {QLatin1String("limit"),
                           QLatin1String("too many"),
                           QLatin1String("concurrent")});
}

// Office 365 refuses TLS 1.0/1.1 with a 421: a new connection would get the same.
// "421 4.7.0 Too many messages on this connection", "421 too many messages in this session": the
// server caps messages per connection. Not throttling: the next message goes on a new connection
// at once, with no pause and no lower rate.
bool isPerConnectionMessageLimit(const SmtpReply &reply)
{
    const QString text = reply.text();
    return reply.isTransientFailure()
           && containsAny(text, {QLatin1String("messages"), QLatin1String("mails")})
           && containsAny(text,
                          {QLatin1String("per connection"),
                           QLatin1String("on this connection"),
                           QLatin1String("in this connection"),
                           QLatin1String("per session"),
                           QLatin1String("in this session"),
                           QLatin1String("on this session")});
}

bool isTlsVersionRefused(const SmtpReply &reply)
{
    return reply.isTransientFailure() && isEnhanced(reply.enhancedStatus(), 7, 66);
}

// "530 5.7.0 Must issue a STARTTLS command first": a configuration error, not a recipient's.
bool asksForStartTls(const SmtpReply &reply)
{
    return reply.isPermanentFailure()
           && (reply.code == 538 || reply.text().contains(u"STARTTLS", Qt::CaseInsensitive));
}

// A 5xx to MAIL FROM that refuses our sender: every message of the campaign would fail alike.
bool refusesSender(const SmtpReply &reply)
{
    const EnhancedStatus status = reply.enhancedStatus();
    return isEnhanced(status, 1, 7) || isEnhanced(status, 1, 8) || isEnhanced(status, 7, 60)
           || containsAny(reply.text(),
                          {QLatin1String("sender address rejected"),
                           QLatin1String("permissions to send as")});
}

// "451 4.7.1 Service unavailable - try again later" (Postfix when a milter or content filter is
// down), "451 4.3.0 ... temporarily unavailable": the server as a whole, not this message.
bool isServiceUnavailableReply(const SmtpReply &reply, SmtpStage stage)
{
    const bool messageStage = stage == SmtpStage::MailFrom || stage == SmtpStage::Data
                              || stage == SmtpStage::FinalDot;
    return messageStage && reply.isTransientFailure() && reply.code != 421
           && containsAny(reply.text(),
                          {QLatin1String("service unavailable"),
                           QLatin1String("service not available"),
                           QLatin1String("service temporarily unavailable"),
                           QLatin1String("milter"),
                           QLatin1String("content filter")});
}

bool requiresAuthentication(const SmtpReply &reply)
{
    return reply.code == 530
           || reply.text().contains(u"authentication required", Qt::CaseInsensitive);
}

bool isExpectedPositive(int code, SmtpStage stage)
{
    switch (stage) {
    case SmtpStage::Greeting:
    case SmtpStage::StartTls:
        return code == 220;
    case SmtpStage::Ehlo:
    case SmtpStage::Helo:
    case SmtpStage::FinalDot:
        return code >= 200 && code <= 299; // RFC 5321 §4.2.1: 2yz is a completion
    case SmtpStage::MailFrom:
    case SmtpStage::Rset:
    case SmtpStage::Noop:
        return code == 250;
    case SmtpStage::RcptTo:
        return code == 250 || code == 251; // 251: not local, will forward (RFC 5321 §3.4)
    case SmtpStage::Data:
        return code == 354;
    case SmtpStage::Auth:
        return code == 235 || code == 334; // 334: continue the exchange (RFC 4954 §4)
    case SmtpStage::Quit:
        return code == 221;
    }
    return false;
}

// "421 4.7.0" or "550" when the server sent no enhanced code.
QString codeLabel(const SmtpReply &reply)
{
    const EnhancedStatus status = reply.enhancedStatus();
    return status.isValid() ? QString::number(reply.code) + u' ' + status.toString()
                            : QString::number(reply.code);
}

Classification make(ReplyVerdict verdict, const char *explanation, const SmtpReply &reply)
{
    return {verdict, ReplyClassifierText::tr(explanation).arg(codeLabel(reply))};
}

Classification classifyFailure(const SmtpReply &reply, SmtpStage stage)
{
    using V = ReplyVerdict;
    const bool permanent = reply.isPermanentFailure();

    if (isTlsVersionRefused(reply)) {
        return make(V::Fatal,
                    QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                      "the server requires a newer TLS version (%1)"),
                    reply);
    }
    if (isQuotaExhaustedReply(reply)) {
        return make(V::QuotaExhausted,
                    QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                      "the account's sending quota is used up; sending is paused "
                                      "(%1)"),
                    reply);
    }
    if (isConnectionLimitReply(reply)) {
        return make(V::ConnectionLimit,
                    QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                      "the server allows fewer connections at once (%1)"),
                    reply);
    }
    if (isPerConnectionMessageLimit(reply)) {
        return make(V::ConnectionLost,
                    QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                      "the server takes only so many messages on one connection; "
                                      "continuing on a new one (%1)"),
                    reply);
    }
    const ThrottlingStrength throttling = throttlingStrength(reply);
    // At RCPT TO a reply names one recipient: only unmistakable rate words make it ours (a
    // greylisting "451 4.7.1 <rcpt>: Recipient address rejected: try again later" is not).
    const bool recipientStage = stage == SmtpStage::RcptTo && reply.code != 421;
    if (isServiceUnavailableReply(reply, stage) && throttling != ThrottlingStrength::Explicit) {
        return make(V::ServiceUnavailable,
                    QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                      "the server cannot take mail now (its mail service is "
                                      "unavailable); sending pauses and tries again later (%1)"),
                    reply);
    }
    if (throttling == ThrottlingStrength::Explicit
        || (throttling == ThrottlingStrength::Implied && !recipientStage)) {
        return make(V::Throttled,
                    QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                      "the server is limiting how fast we send (%1)"),
                    reply);
    }
    if (reply.code == 421) { // RFC 5321 §3.8: the server is closing the channel
        return make(V::ConnectionLost,
                    QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                      "the server closed the connection (%1)"),
                    reply);
    }
    if (stage != SmtpStage::StartTls && asksForStartTls(reply)) {
        return make(V::Fatal,
                    QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                      "the server requires an encrypted connection (%1)"),
                    reply);
    }

    switch (stage) {
    case SmtpStage::Greeting:
        if (permanent) {
            return make(V::Fatal,
                        QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                          "the server refused the connection (%1)"),
                        reply);
        }
        break;
    case SmtpStage::Ehlo:
    case SmtpStage::Helo:
        if (permanent) {
            return make(V::Fatal,
                        QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                          "the server refused our greeting (EHLO/HELO) (%1)"),
                        reply);
        }
        break;
    case SmtpStage::StartTls:
        if (permanent) {
            return make(V::Fatal,
                        QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                          "the server refused to start encryption (STARTTLS) "
                                          "(%1)"),
                        reply);
        }
        break;
    case SmtpStage::Auth:
        // RFC 4954 §6: 432 4.7.12 "a password transition is needed" needs the user too.
        if (permanent || reply.code == 432) {
            if (reply.code == 534) {
                return make(V::AuthenticationFailed,
                            QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                              "the server wants an app password or another "
                                              "sign-in method (%1)"),
                            reply);
            }
            if (reply.code == 504) {
                return make(V::AuthenticationFailed,
                            QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                              "the server does not support this sign-in method "
                                              "(%1)"),
                            reply);
            }
            return make(V::AuthenticationFailed,
                        QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                          "the server did not accept the user name or password "
                                          "(%1)"),
                        reply);
        }
        break;
    case SmtpStage::MailFrom:
        if (permanent && requiresAuthentication(reply)) {
            return make(V::AuthenticationFailed,
                        QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                          "the server requires signing in before sending (%1)"),
                        reply);
        }
        if (permanent && refusesSender(reply)) {
            return make(V::Fatal,
                        QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                          "the server refuses our sender address (%1)"),
                        reply);
        }
        [[fallthrough]];
    case SmtpStage::RcptTo:
    case SmtpStage::Data:
    case SmtpStage::FinalDot:
        if (permanent) {
            return make(V::RecipientPermanent,
                        stage == SmtpStage::RcptTo
                            ? QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                                "the server rejected this recipient (%1)")
                            : QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                                "the server rejected this message (%1)"),
                        reply);
        }
        return make(V::RecipientTemporary,
                    QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                      "the server could not take this message now; it will be "
                                      "retried later (%1)"),
                    reply);
    case SmtpStage::Rset:
    case SmtpStage::Noop:
    case SmtpStage::Quit:
        break;
    }
    return make(V::ConnectionLost,
                QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                  "the connection failed; a new one will be tried (%1)"),
                reply);
}

} // namespace

Classification classifyReply(const SmtpReply &reply, SmtpStage stage)
{
    if (reply.code < 200 || reply.code > 599) {
        return {ReplyVerdict::ProtocolError,
                ReplyClassifierText::tr("the server sent an invalid reply code %1 to %2")
                    .arg(reply.code)
                    .arg(stageName(stage))};
    }
    if (reply.isPositive()) {
        if (isExpectedPositive(reply.code, stage))
            return make(ReplyVerdict::Success,
                        QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier", "accepted (%1)"),
                        reply);
        return {ReplyVerdict::ProtocolError,
                ReplyClassifierText::tr("the server sent an unexpected reply %1 to %2")
                    .arg(codeLabel(reply), stageName(stage))};
    }
    return classifyFailure(reply, stage);
}

bool isThrottlingReply(const SmtpReply &reply)
{
    return throttlingStrength(reply) != ThrottlingStrength::None;
}

ThrottlingStrength throttlingStrength(const SmtpReply &reply)
{
    using T = ThrottlingStrength;
    if (isQuotaExhaustedReply(reply) || isPerConnectionMessageLimit(reply))
        return T::None;
    if (isConnectionLimitReply(reply))
        return T::Explicit;
    const QString text = reply.text();
    // Tencent (QQ, Exmail) rejects senders that are too fast with "550 Ip frequency limited".
    if (reply.isPermanentFailure())
        return text.contains(u"frequency limited", Qt::CaseInsensitive) ? T::Explicit : T::None;
    if (!reply.isTransientFailure())
        return T::None;
    const EnhancedStatus status = reply.enhancedStatus();
    if (isAboutMailbox(status) || isEnhanced(status, 5, 3)) // one mailbox; too many recipients
        return T::None;
    if (containsAny(text,
                    {QLatin1String("rate limit"),
                     QLatin1String("ratelimit"),
                     QLatin1String("rate-limit"),
                     QLatin1String("throttl"),
                     QLatin1String("slow down"),
                     QLatin1String("too many messages"),
                     QLatin1String("too much mail"), // Postfix anvil: messages per client
                     QLatin1String("too many recipients from"), // Postfix anvil: recipients
                     QLatin1String("too many mails"),
                     QLatin1String("too many emails"),
                     QLatin1String("too many login"),
                     QLatin1String("too many auth"),
                     QLatin1String("too many requests"),
                     QLatin1String("too fast"),
                     QLatin1String("sending rate"),
                     QLatin1String("message rate"),
                     QLatin1String("unusual rate"),
                     QLatin1String("frequency limited"),
                     QLatin1String("server busy"),
                     QLatin1String("server is busy"),
                     QLatin1String("HL:IFC"),     // 163.com: too much mail in a short time
                     QLatin1String("MI:SFQ")})) { // 163.com: over the 15-minute sending quota
        return T::Explicit;
    }
    // Weaker words count only where the code already points at policy: 421 or 4.7.x.
    const bool policyCode = reply.code == 421 || (status.isValid() && status.subject == 7);
    const bool weakWords = containsAny(text,
                                       {QLatin1String("try again later"),
                                        QLatin1String("try later"),
                                        QLatin1String("come back later"),
                                        QLatin1String("retry later"),
                                        QLatin1String("busy"),
                                        QLatin1String("too many"),
                                        QLatin1String("limit"),
                                        QLatin1String("deferred"),
                                        QLatin1String("volume")});
    return policyCode && weakWords ? T::Implied : T::None;
}

std::optional<OAuthErrorChallenge> OAuthErrorChallenge::fromBase64(QByteArrayView challenge)
{
    const auto decoded = QByteArray::fromBase64Encoding(challenge.toByteArray().trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    // Google sends the status as a string ("401"); accept a number too.
    const QJsonValue status = object.value(QLatin1String("status"));
    OAuthErrorChallenge result;
    result.status = status.isDouble() ? QString::number(status.toInt()) : status.toString();
    result.schemes = object.value(QLatin1String("schemes")).toString();
    result.scope = object.value(QLatin1String("scope")).toString();
    if (result.status.isEmpty())
        return std::nullopt;
    return result;
}

OAuthFailure classifyOAuthFailure(const SmtpReply &reply,
                                  const std::optional<OAuthErrorChallenge> &challenge)
{
    using V = ReplyVerdict;
    if (!reply.isPermanentFailure() && reply.code != 432)
        return {classifyReply(reply, SmtpStage::Auth), false};

    const QString text = reply.text();
    // "(535 5.7.8; the server said: status 401)"
    QString label = codeLabel(reply);
    if (challenge)
        label += QStringLiteral("; status %1").arg(challenge->status);
    auto failure = [&](const char *explanation, bool isTokenRefused, const QString &scope = {}) {
        QString words = ReplyClassifierText::tr(explanation);
        const QString named = scope.isEmpty() ? QStringLiteral("?") : scope;
        words = words.contains(QLatin1String("%2")) ? words.arg(label, named) : words.arg(label);
        return OAuthFailure{{V::AuthenticationFailed, words}, isTokenRefused};
    };

    // Microsoft 365 (Exchange Online): SMTP AUTH is a per-tenant and per-mailbox switch, and
    // security defaults block it; a new token changes none of these.
    if (text.contains(u"SmtpClientAuthentication", Qt::CaseInsensitive)
        || text.contains(u"smtp_auth_disabled", Qt::CaseInsensitive)) {
        return failure(QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                         "sending with SMTP AUTH is turned off for this mailbox or "
                                         "organisation; an administrator must turn on "
                                         "\"Authenticated SMTP\" for it (%1)"),
                       false);
    }
    if (text.contains(u"security defaults", Qt::CaseInsensitive)) {
        return failure(QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                         "the organisation's security defaults block SMTP sign-in "
                                         "for this account; an administrator must allow it (%1)"),
                       false);
    }
    if (text.contains(u"did not meet the criteria", Qt::CaseInsensitive)) {
        return failure(QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                         "the server does not allow SMTP sign-in for this mailbox "
                                         "(Authenticated SMTP may be turned off for it) (%1)"),
                       false);
    }
    if (reply.code == 504) {
        return failure(QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                         "the server does not support OAuth2 sign-in with this "
                                         "method (%1)"),
                       false);
    }
    if (reply.code == 534) {
        return failure(QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                         "the provider wants this account to sign in through its "
                                         "web page first (%1)"),
                       false);
    }
    if (challenge) {
        const QString status = challenge->status.toLower();
        if (status == u"403" || status == u"insufficient_scope") {
            return failure(QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                             "the access token lacks the permission to send mail; "
                                             "sign in again and allow sending (the server wants "
                                             "the scope \"%2\") (%1)"),
                           false,
                           challenge->scope);
        }
        if (status == u"400" || status == u"invalid_request") {
            // Google answers 400 to a token issued for another account or another scope.
            return failure(QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                             "the access token does not fit this mailbox: it was "
                                             "issued for another account or without the scope "
                                             "\"%2\"; sign in again with this mailbox (%1)"),
                           false,
                           challenge->scope);
        }
    }
    // Status 401 / invalid_token, or a bare 535 (Exchange Online answers an expired token with
    // "535 5.7.3 Authentication unsuccessful" and no challenge).
    return failure(QT_TRANSLATE_NOOP("Bulkmail::ReplyClassifier",
                                     "the server refused the access token: it has expired or was "
                                     "revoked (%1)"),
                   true);
}

bool shouldFallBackToHelo(const SmtpReply &ehloReply)
{
    const int code = ehloReply.code;
    return code == 500 || code == 501 || code == 502 || code == 504;
}

QLatin1String stageName(SmtpStage stage)
{
    switch (stage) {
    case SmtpStage::Greeting:
        return QLatin1String("the greeting");
    case SmtpStage::Ehlo:
        return QLatin1String("EHLO");
    case SmtpStage::Helo:
        return QLatin1String("HELO");
    case SmtpStage::StartTls:
        return QLatin1String("STARTTLS");
    case SmtpStage::Auth:
        return QLatin1String("AUTH");
    case SmtpStage::MailFrom:
        return QLatin1String("MAIL FROM");
    case SmtpStage::RcptTo:
        return QLatin1String("RCPT TO");
    case SmtpStage::Data:
        return QLatin1String("DATA");
    case SmtpStage::FinalDot:
        return QLatin1String("the end of the message data");
    case SmtpStage::Rset:
        return QLatin1String("RSET");
    case SmtpStage::Noop:
        return QLatin1String("NOOP");
    case SmtpStage::Quit:
        return QLatin1String("QUIT");
    }
    return QLatin1String("an unknown command");
}

QLatin1String verdictName(ReplyVerdict verdict)
{
    switch (verdict) {
    case ReplyVerdict::Success:
        return QLatin1String("Success");
    case ReplyVerdict::RecipientTemporary:
        return QLatin1String("RecipientTemporary");
    case ReplyVerdict::RecipientPermanent:
        return QLatin1String("RecipientPermanent");
    case ReplyVerdict::Throttled:
        return QLatin1String("Throttled");
    case ReplyVerdict::ConnectionLimit:
        return QLatin1String("ConnectionLimit");
    case ReplyVerdict::QuotaExhausted:
        return QLatin1String("QuotaExhausted");
    case ReplyVerdict::ServiceUnavailable:
        return QLatin1String("ServiceUnavailable");
    case ReplyVerdict::ConnectionLost:
        return QLatin1String("ConnectionLost");
    case ReplyVerdict::AuthenticationFailed:
        return QLatin1String("AuthenticationFailed");
    case ReplyVerdict::Fatal:
        return QLatin1String("Fatal");
    case ReplyVerdict::ProtocolError:
        return QLatin1String("ProtocolError");
    }
    return QLatin1String("Unknown");
}

} // namespace Bulkmail
