#pragma once

#include "campaign/campaign.h"
#include "campaign/campaigncheck.h"
#include "models/sendmode.h"
#include "runner/campaignrunner.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QWidget;

namespace Bulkmail {

class AccessTokenSource;
class CampaignDocument;
class SandboxServer;
class SendController;
class SendView;
class TokenStore;

// What happens between the user's "Start" and the first message: the checklist (off the GUI
// thread), the confirmation, the journal's marks, the password or the OAuth2 token, the plan (the
// sandbox's when rehearsing), and a last look that the list is still the one that was checked.
// Each step goes on from the previous one's answer, often later (a dialog, the keychain, the
// checklist), and the flow keeps what it needs between them; the window only starts it and
// reacts to what it asks for (a page to show, a message, a sign-in) and to `starting()`.
class SendStartFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendStartFlow)

public:
    // Which recipients a run sends to.
    enum class Scope { Unsent, RetryFailed };
    Q_ENUM(Scope)
    // Whether the user confirms what will be sent (how many recipients, through which account);
    // tests skip it.
    enum class Confirmation { Ask, Skip };
    Q_ENUM(Confirmation)

    // What the flow needs of the window it runs in.
    struct Window
    {
        QWidget *widget = nullptr; // the parent of the questions the flow asks
        // Saves the document (asking for a file if it has none); false when cancelled or failed.
        std::function<bool()> save;
        // The keychain's OAuth2 tokens (made on first use by the account page).
        std::function<TokenStore *()> tokenStore;
    };

    SendStartFlow(Window window,
                  CampaignDocument *document,
                  SendController *controller,
                  SendView *view,
                  SandboxServer *sandbox,
                  QObject *parent = nullptr);

    // Starts sending the document, or rehearsing it in the sandbox (as the send view is set).
    // Returns false when something stands in the way at once (shown to the user); the checklist
    // then runs in the background, and a blocker it finds is shown when it is done.
    bool start(Scope scope, Confirmation confirmation);
    // The checklist before a start is running.
    [[nodiscard]] bool isChecking() const { return m_checking; }

    // OAuth2: the signed-in account's token source from the keychain, then `done` with it. When
    // nobody is signed in, says so and offers to sign in (and `done` is never called); should the
    // user take the offer and sign in, `afterSignIn` runs (e.g. the start goes on).
    void obtainTokenSource(const Campaign &campaign,
                           std::function<void(std::shared_ptr<AccessTokenSource>)> done,
                           std::function<void()> afterSignIn = {});
    // The account page reports a sign-in: what waited for it goes on (from the event loop).
    // False when nothing waited for it.
    bool continueAfterSignIn();
    // The sign-in failed or was given up: what waited for it is forgotten.
    void forgetSignIn() { m_afterSignIn = {}; }

Q_SIGNALS:
    // The checklist runs (the window shows the send area and says so) / has finished.
    void checkingStarted();
    void checkingFinished();
    // Something on the account page must change first: the window shows it.
    void accountPageWanted();
    // The user took the offer to sign in: the window shows the account page and signs in there.
    void signInWanted();
    void statusMessage(const QString &text, int timeoutMs);
    // The run of `plan` is about to start (the controller's start() follows at once).
    void starting(const Bulkmail::CampaignPlan &plan, Bulkmail::SendMode mode);

private:
    // After the checklist: confirm, mark decisions, get the password or token, go.
    void continueAfterCheck(const Campaign &campaign,
                            const QList<quint64> &recipientIds,
                            const CampaignCheck &check,
                            Scope scope,
                            Confirmation confirmation,
                            SendMode mode);
    [[nodiscard]] bool confirm(const Campaign &campaign,
                               const CampaignCheck &check,
                               SendMode mode) const;
    // The campaign as a run sends it: to the sandbox when rehearsing.
    [[nodiscard]] CampaignPlan planFor(const Campaign &campaign,
                                       Scope scope,
                                       const QString &password,
                                       SendMode mode) const;
    // `recipientIds`: the rows the plan's recipients were taken from (RecipientTableModel).
    void startPlan(const CampaignPlan &plan, const QList<quint64> &recipientIds, SendMode mode);
    void offerSignIn(const QString &title,
                     const QString &text,
                     std::function<void()> afterSignIn = {});

    Window m_window;
    CampaignDocument *m_document;
    SendController *m_controller;
    SendView *m_view;
    QPointer<SandboxServer> m_sandbox;
    bool m_checking = false;
    // What the user was doing when asked to sign in (starting to send): it goes on once the
    // sign-in succeeds, and is forgotten when it fails or is cancelled.
    std::function<void()> m_afterSignIn;
};

} // namespace Bulkmail
