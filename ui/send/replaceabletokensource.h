#pragma once

#include "oauth/accesstokensource.h"

#include <memory>

namespace Bulkmail {

// The token source the window hands to a run: it forwards the tokens of another source (the
// signed-in account's OAuth2TokenSource) and lets a new sign-in replace that source while the run
// waits for it. A revoked refresh token cannot be revived: after the user signs in again, the run
// needs a source with the new refresh token, and CampaignRunner keeps the one it was given.
//
// The current source is a QObject child of this one, so that it follows it into the engine thread
// when CampaignRunner::start() moves it there, and back again.
class ReplaceableTokenSource final : public AccessTokenSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplaceableTokenSource)

public:
    // `source` lives in the calling thread and has no parent.
    explicit ReplaceableTokenSource(std::shared_ptr<AccessTokenSource> source,
                                    QObject *parent = nullptr);
    ~ReplaceableTokenSource() override;

    void requestToken(bool forceRefresh) override;

    // Thread-safe from the thread `source` lives in (the GUI thread): moves `source` into this
    // object's thread and swaps it in there, queued, so that a CampaignRunner::resume() called
    // afterwards from the same thread already finds it. `source` has no parent.
    void replaceSource(std::shared_ptr<AccessTokenSource> source);

    [[nodiscard]] int replacementCount() const { return m_replacements; }

private:
    void adopt(std::shared_ptr<AccessTokenSource> source);
    void release();

    std::shared_ptr<AccessTokenSource> m_source;
    int m_replacements = 0;
};

} // namespace Bulkmail
