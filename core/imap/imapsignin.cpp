#include "imapsignin.h"

#include "delivery/accesstokenlease.h"
#include "imapconnection.h"

#include <spdlog/spdlog.h>

namespace Bulkmail {

ImapSignIn::ImapSignIn(ImapCredentials credentials, QObject *parent)
    : QObject(parent)
    , m_credentials(std::move(credentials))
{}

ImapSignIn::~ImapSignIn() = default;

void ImapSignIn::setAccessTokenSource(AccessTokenSource *source, const Clock &clock)
{
    m_lease.reset();
    m_waiting = false;
    if (!source)
        return;
    m_lease = std::make_unique<AccessTokenLease>(*source, clock);
    connect(m_lease.get(), &AccessTokenLease::ready, this, [this] {
        if (std::exchange(m_waiting, false))
            Q_EMIT ready();
    });
    connect(m_lease.get(),
            &AccessTokenLease::failed,
            this,
            [this](const Error &error, bool needsSignIn) {
                // The SMTP side's requests are answered here too: only a session waiting for
                // its token gives up.
                if (!std::exchange(m_waiting, false))
                    return;
                if (needsSignIn) {
                    Q_EMIT failed(QStringLiteral("%1 must sign in again before the mailbox can "
                                                 "be used (%2)")
                                      .arg(m_credentials.username, error.message));
                    return;
                }
                Q_EMIT unavailable(QStringLiteral("no OAuth2 access token for the mailbox %1: %2")
                                       .arg(m_credentials.username, error.message));
            });
}

std::optional<ImapCredentials> ImapSignIn::credentialsForNewSession()
{
    if (!m_lease)
        return m_credentials;
    if (!m_lease->hasUsableToken()) {
        m_waiting = true;
        m_lease->request(); // renewed before it expires, or replaced after a refusal
        return std::nullopt;
    }
    const std::optional<AccessTokenLease::Grant> grant = m_lease->grant();
    if (!grant) {
        m_waiting = true;
        m_lease->request();
        return std::nullopt;
    }
    m_generation = grant->generation;
    ImapCredentials credentials;
    // The mailbox named in the settings (a shared one may differ), else the token's own.
    credentials.username = m_credentials.username.isEmpty() ? grant->token.username
                                                            : m_credentials.username;
    credentials.accessToken = grant->token.token;
    return credentials;
}

ImapSignIn::AfterClose ImapSignIn::sessionClosed(const ImapClosure &closure)
{
    if (!m_lease)
        return AfterClose::Continue;
    if (closure.wasReady) {
        m_lease->signedIn(m_generation); // a later refusal may be refreshed once again
        return AfterClose::Continue;
    }
    if (closure.reason != ImapCloseReason::AuthenticationFailed)
        return AfterClose::Continue;
    switch (m_lease->refused(m_generation)) {
    case AccessTokenLease::Refusal::AlreadyReplacing:
    case AccessTokenLease::Refusal::Refreshing:
        spdlog::warn("imap #{}: the server refused the OAuth2 access token ({}); signing in again "
                     "with a new one",
                     closure.connectionId,
                     closure.detail.toStdString());
        return AfterClose::SignInAgain;
    case AccessTokenLease::Refusal::Fatal:
        return AfterClose::GiveUp;
    }
    return AfterClose::GiveUp;
}

QString ImapSignIn::refusalText(const ImapClosure &closure) const
{
    return QStringLiteral("The IMAP server refused the OAuth2 access token of %1 again after it "
                          "was renewed (%2): sign in again, allowing the app to use the mailbox "
                          "(IMAP)")
        .arg(m_credentials.username, closure.detail);
}

} // namespace Bulkmail
