#include "sharedaccounttokens.h"

#include <utility>

#include <QCryptographicHash>
#include <QHash>
#include <QMutexLocker>

namespace Bulkmail {

namespace {

// A refresh still unanswered this long after its own request timeout is taken as abandoned.
constexpr std::chrono::seconds AbandonMargin{5};

QByteArray fingerprint(const QString &refreshToken)
{
    return QCryptographicHash::hash(refreshToken.toUtf8(), QCryptographicHash::Sha256);
}

struct Registry
{
    QMutex mutex;
    QHash<QString, std::weak_ptr<SharedAccountTokens>> records;
};

Registry &registry()
{
    static Registry instance;
    return instance;
}

} // namespace

std::shared_ptr<SharedAccountTokens> SharedAccountTokens::forAccount(const QString &key,
                                                                     const QString &refreshToken)
{
    Registry &shared = registry();
    const QMutexLocker locker(&shared.mutex);
    if (std::shared_ptr<SharedAccountTokens> record = shared.records.value(key).lock()) {
        record->adopt(refreshToken);
        return record;
    }
    shared.records.removeIf([](const auto &entry) { return entry.value().expired(); });
    std::shared_ptr<SharedAccountTokens> record(new SharedAccountTokens(refreshToken));
    // No thread of its own: it receives no events, only emits, and the last source to let go of
    // it, in whatever thread, deletes it.
    record->moveToThread(nullptr);
    shared.records.insert(key, record);
    return record;
}

SharedAccountTokens::SharedAccountTokens(QString refreshToken)
    : m_refreshToken(std::move(refreshToken))
{}

SharedAccountTokens::~SharedAccountTokens() = default;

void SharedAccountTokens::adopt(const QString &refreshToken)
{
    const QMutexLocker locker(&m_mutex);
    if (refreshToken.isEmpty() || refreshToken == m_refreshToken
        || m_spentRefreshTokens.contains(fingerprint(refreshToken)))
        return;
    m_refreshToken = refreshToken;
    m_refusedRefreshToken.clear();
}

SharedAccountTokens::Claim SharedAccountTokens::claim(
    const std::function<bool(const AccessToken &)> &isFresh,
    const QString &refused,
    std::chrono::milliseconds refreshTimeout)
{
    const QMutexLocker locker(&m_mutex);
    Claim claim;
    // The server refused the shared token to this caller: nobody else gets it from now on.
    if (!refused.isEmpty() && m_accessToken.token == refused)
        m_accessToken = {};
    if (!m_accessToken.token.isEmpty() && isFresh(m_accessToken)) {
        claim.kind = Claim::Kind::UseToken;
        claim.token = m_accessToken;
        return claim;
    }
    if (m_refreshing && !m_refreshDeadline.hasExpired()) {
        claim.kind = Claim::Kind::Wait;
        claim.generation = m_generation;
        return claim;
    }
    if (!m_refusedRefreshToken.isEmpty() && m_refusedRefreshToken == fingerprint(m_refreshToken)) {
        claim.kind = Claim::Kind::SignInRequired;
        claim.error = m_refusal;
        return claim;
    }
    m_refreshing = true;
    m_refreshDeadline.setRemainingTime(refreshTimeout + AbandonMargin);
    ++m_generation;
    claim.kind = Claim::Kind::Refresh;
    claim.refreshToken = m_refreshToken;
    claim.generation = m_generation;
    return claim;
}

SharedAccountTokens::Outcome SharedAccountTokens::outcome() const
{
    const QMutexLocker locker(&m_mutex);
    return m_outcome;
}

bool SharedAccountTokens::finishRefresh(quint64 generation,
                                        const AccessToken &token,
                                        const QString &issuedRefreshToken)
{
    bool rotated = false;
    {
        const QMutexLocker locker(&m_mutex);
        rotated = !issuedRefreshToken.isEmpty() && issuedRefreshToken != m_refreshToken;
        if (rotated) {
            m_spentRefreshTokens.insert(fingerprint(m_refreshToken));
            m_refreshToken = issuedRefreshToken;
            m_refusedRefreshToken.clear();
        }
        m_accessToken = token;
    }
    finish(generation, {Outcome::Kind::Token, token, Error{}, false});
    return rotated;
}

void SharedAccountTokens::failRefresh(quint64 generation, const Error &error, bool signInRequired)
{
    if (signInRequired) {
        const QMutexLocker locker(&m_mutex);
        if (generation == m_generation) {
            m_refusedRefreshToken = fingerprint(m_refreshToken);
            m_refusal = error;
        }
    }
    finish(generation, {Outcome::Kind::Failed, AccessToken{}, error, signInRequired});
}

void SharedAccountTokens::abandonRefresh(quint64 generation)
{
    finish(generation, {Outcome::Kind::Abandoned, AccessToken{}, Error{}, false});
}

void SharedAccountTokens::finish(quint64 generation, Outcome outcome)
{
    {
        const QMutexLocker locker(&m_mutex);
        if (generation != m_generation)
            return; // a later refresh replaced this one; its own answer ends it
        m_refreshing = false;
        outcome.generation = generation;
        m_outcome = std::move(outcome);
    }
    // Outside the lock: a receiver in this thread may claim at once.
    Q_EMIT refreshFinished();
}

void SharedAccountTokens::offer(const AccessToken &token)
{
    const QMutexLocker locker(&m_mutex);
    if (!token.token.isEmpty() && m_accessToken.token.isEmpty())
        m_accessToken = token;
}

} // namespace Bulkmail
