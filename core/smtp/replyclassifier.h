#pragma once

#include "smtp/smtpreply.h"

#include <QByteArrayView>
#include <QLatin1String>
#include <QString>

#include <optional>

namespace Bulkmail {

// The command a reply answers (RFC 5321 §4.3.2 lists the codes each may get).
enum class SmtpStage {
    Greeting, // the 220 banner
    Ehlo,
    Helo,
    StartTls,
    Auth, // any AUTH step, including the 334 continuations
    MailFrom,
    RcptTo,
    Data,     // the DATA command (354 expected)
    FinalDot, // the end of the message data, "." (250 expected)
    Rset,
    Noop,
    Quit,
};

// What the engine does with a reply. Exactly one classification point decides this for every
// reply (STYLE.md rule 14); the session and the pool only act on the verdict.
enum class ReplyVerdict {
    Success,              // the expected positive reply for the stage (334 continues AUTH)
    RecipientTemporary,   // 4xx on MAIL/RCPT/DATA/dot: retry this recipient later with back-off
                          // (retrypolicy.h); the connection is kept
    RecipientPermanent,   // 5xx on MAIL/RCPT/DATA/dot: this recipient failed for good; the
                          // connection is kept and the campaign goes on
    Throttled,            // "slow down": the recipient stays queued and never fails for it; call
                          // RateLimiter::onThrottled(). A 421 also closes the connection.
    ConnectionLimit,      // too many connections at once: throttling too, and the pool should
                          // shrink by one; the recipient stays queued
    QuotaExhausted,       // the account's daily or sending quota is used up: pause the campaign;
                          // recipients are not failed
    ServiceUnavailable,   // the server as a whole cannot take mail now (a content filter or
                          // milter is down, "451 4.7.1 Service unavailable - try again later"):
                          // the campaign pauses and backs off; nobody is charged an attempt
    ConnectionLost,       // the server is closing or refusing this connection (421 without a
                          // throttling meaning, a failed RSET/NOOP...): retry on a new one; the
                          // recipient is not charged an attempt
    AuthenticationFailed, // credentials refused: fatal, and never a second login attempt
    Fatal,                // the campaign cannot go on with this server or configuration: a
                          // refused greeting, EHLO and HELO refused, STARTTLS refused, TLS too
                          // old, our sender address refused
    ProtocolError,        // a code that makes no sense for the stage (354 to MAIL FROM): discard
                          // the connection; the recipient is retried on another one
};

struct Classification
{
    ReplyVerdict verdict = ReplyVerdict::ProtocolError;
    // Plain words for the user, translated, with the code: "the server is limiting how fast we
    // send (421 4.7.0)". The server's own text is in SmtpReply::text().
    QString explanation;
};

// Classifies `reply` to the command of `stage`. Rules, in order:
//  1. A positive code is Success only when the stage expects it (220 greeting and STARTTLS;
//     250 EHLO/HELO/MAIL/RSET/NOOP; 250 or 251 RCPT; any 2xx to the final dot, which RFC 5321
//     §4.2.1 makes a completion; 354 DATA; 235 or 334 AUTH; 221 QUIT); any other positive code
//     is a ProtocolError.
//  2. Whatever the stage, provider texts that mean a used-up sending quota give QuotaExhausted
//     (Gmail 550 5.4.5, Office 365 SubmissionQuotaExceededException, Amazon SES "Daily message
//     quota exceeded"), too-many-connections texts give ConnectionLimit (4.3.2 thread/connection
//     limits, 163.com HL:ICC), and isThrottlingReply() gives Throttled, except that at RCPT TO
//     only unmistakable rate words count (a greylisting "451 4.7.1 <rcpt>: Recipient address
//     rejected: try again later" concerns that recipient alone), and that at MAIL, DATA and the
//     dot a 4xx saying the service is unavailable (a milter or content filter tempfail) is
//     ServiceUnavailable.
//  3. A 421 that is none of those is ConnectionLost (RFC 5321 §3.8), except Office 365's
//     "421 4.7.66 TLS 1.0 and 1.1 are not supported", which is Fatal.
//  4. Otherwise by stage: MAIL/RCPT/DATA/dot 4xx → RecipientTemporary, 5xx → RecipientPermanent
//     (but a 5xx to MAIL FROM that refuses our sender address, 5.1.7/5.1.8/5.7.60 or "sender
//     address rejected", is Fatal, since every message would fail the same way, and "530
//     authentication required" there is AuthenticationFailed); AUTH 5xx → AuthenticationFailed;
//     greeting, EHLO, HELO, STARTTLS 5xx → Fatal; any 5xx that asks for STARTTLS first → Fatal;
//     other 4xx and failures to RSET/NOOP/QUIT → ConnectionLost.
// A 5xx to EHLO is Fatal only after HELO was tried too: see shouldFallBackToHelo().
[[nodiscard]] Classification classifyReply(const SmtpReply &reply, SmtpStage stage);

// True when the server asks us to slow down: 4xx with enhanced 4.7.x or code 421 whose text says
// rate/limit/too many/throttl/slow down/busy/try again later/deferred; any 4xx whose text is
// unmistakably about sending rate ("rate limit", "throttl", "too many messages", "too many login
// attempts", "sending rate"...); Tencent's 5xx "frequency limited"; and the ConnectionLimit texts.
// Never for replies about one mailbox (x.2.x, like Gmail's "450 4.2.1 ... receiving mail at a
// rate that prevents additional messages") nor "452 4.5.3 Too many recipients": those are the
// recipient's or the message's, not our pace. Never for a used-up quota (QuotaExhausted).
[[nodiscard]] bool isThrottlingReply(const SmtpReply &reply);

// How sure isThrottlingReply() is: Explicit for rate words ("rate limit", "too much mail from",
// "server busy", connection limits), Implied for weaker words ("try again later", "busy") that
// count only with 421 or an enhanced 4.7.x code.
enum class ThrottlingStrength { None, Implied, Explicit };
[[nodiscard]] ThrottlingStrength throttlingStrength(const SmtpReply &reply);

// True when a failed EHLO should be retried as HELO on the same connection before giving up
// (RFC 5321 §4.1.4: old servers answer 500/502 "command not recognized"): 500, 501, 502, 504.
[[nodiscard]] bool shouldFallBackToHelo(const SmtpReply &ehloReply);

// The error challenge of a failed XOAUTH2 or OAUTHBEARER exchange: base64 JSON such as
// {"status":"401","schemes":"Bearer","scope":"https://mail.google.com/"}. RFC 7628 §3.2.2 puts an
// RFC 6750 §3.1 error code in "status" ("invalid_token", "insufficient_scope"); Google's XOAUTH2
// puts an HTTP status there ("401", "400", "403").
struct OAuthErrorChallenge
{
    QString status;
    QString schemes;
    QString scope; // the scope the server wants the token to carry

    // Nothing when the text is not base64 JSON with at least a "status".
    [[nodiscard]] static std::optional<OAuthErrorChallenge> fromBase64(QByteArrayView challenge);
};

// How an XOAUTH2 or OAUTHBEARER sign-in failed.
struct OAuthFailure
{
    Classification classification;
    // A fresh access token may help: the server refused this token (expired or revoked), not the
    // account, the scope or SMTP AUTH as such. The engine then refreshes once and signs in again.
    bool isTokenRefused = false;
};

// Classifies the final reply of a failed XOAUTH2/OAUTHBEARER exchange (anything but 235 and 334),
// with the error challenge the server sent before it, if any. Plain words for: an expired or
// revoked token (status 401 / invalid_token; Microsoft's bare "535 5.7.3 Authentication
// unsuccessful"), a token without the needed scope (403 / insufficient_scope, with the scope the
// server wants), a token for another mailbox (Google's 400), SMTP AUTH turned off for the mailbox
// or the organisation (Microsoft "5.7.139 ... SmtpClientAuthentication is disabled", "security
// defaults", "did not meet the criteria"), a provider that wants a browser sign-in first (534).
// Verdict AuthenticationFailed for 5xx and 432; other 4xx and 421 as classifyReply() says.
[[nodiscard]] OAuthFailure classifyOAuthFailure(const SmtpReply &reply,
                                                const std::optional<OAuthErrorChallenge> &challenge);

// "MAIL FROM", "RCPT TO", ... for logs and explanations.
[[nodiscard]] QLatin1String stageName(SmtpStage stage);
// "Success", "RecipientTemporary", ... as in the enum, for logs and test output.
[[nodiscard]] QLatin1String verdictName(ReplyVerdict verdict);

} // namespace Bulkmail
