#pragma once

#include "common/clock.h"
#include "common/result.h"
#include "oauth/accesstokensource.h"

#include <QObject>

#include <chrono>
#include <optional>

namespace Bulkmail {

// The pool's OAuth2 access token: which one new connections sign in with, when to ask the source
// for another, and what a refusal by the server means. Tokens are counted (generations), so that
// a refusal of a token already being replaced is not taken for a second refusal, and only one
// forced refresh follows a refusal: a token refused again after it is as fatal as a wrong
// password. No sockets here; the pool opens connections when ready() says a token is there.
class AccessTokenLease final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessTokenLease)

public:
    // A connection opens only with an access token valid at least this long.
    static constexpr std::chrono::seconds Margin{60};

    // `source` must outlive the lease and live in its thread.
    AccessTokenLease(AccessTokenSource &source, const Clock &clock, QObject *parent = nullptr);
    ~AccessTokenLease() override;

    // A token a new connection may sign in with now: not expired, and valid at least Margin
    // (a token just received is used even if it is short-lived; asking again would only loop).
    [[nodiscard]] bool hasUsableToken() const;
    // Asks the source for a token unless a request is under way (a forced refresh after a
    // refusal). The answer comes as ready() or failed().
    void request();
    // The token for a connection about to open, and its generation (to pass to refused() and
    // signedIn() later). Nothing when there is none.
    struct Grant
    {
        AccessToken token;
        int generation = 0;
    };
    [[nodiscard]] std::optional<Grant> grant();

    enum class Refusal {
        AlreadyReplacing, // an older token, or one being replaced: not a second refusal
        Refreshing,       // the first refusal since the last good sign-in: a fresh token comes
        Fatal,            // refused again after a forced refresh
    };
    // The server refused the token of `generation` (ConnectionClosure::accessTokenRefused).
    Refusal refused(int generation);
    // A connection signed in with the token of `generation`: a later refusal may be refreshed
    // once again.
    void signedIn(int generation);

    [[nodiscard]] int requests() const { return m_requests; }

Q_SIGNALS:
    void ready(const Bulkmail::AccessToken &token);
    // See AccessTokenSource::tokenFailed. With needsSignIn the current token is dropped: nothing
    // more opens until the user has signed in and request() is called again.
    void failed(const Bulkmail::Error &error, bool needsSignIn);

private:
    void onTokenReady(const AccessToken &token);
    void onTokenFailed(const Error &error, bool needsSignIn);

    AccessTokenSource &m_source;
    const Clock &m_clock;
    std::optional<AccessToken> m_token;
    int m_generation = 0; // counts the tokens received
    int m_requests = 0;
    bool m_requested = false;             // a request is under way
    bool m_isFresh = false;               // just received, not yet used by a connection
    bool m_forceRefreshNext = false;      // the server refused the current token
    bool m_requestIsForced = false;       // the request under way is a forced refresh
    bool m_refreshedAfterRefusal = false; // the one forced refresh since the last good sign-in
};

} // namespace Bulkmail
