#include "sendstartflow.h"
#include "account/accounttext.h"
#include "checklistwords.h"

#include "resumestate.h"
#include "sendcontroller.h"
#include "sendview.h"

#include "widgets/sentences.h"

#include "account/passwordprompt.h"
#include "document/campaigndocument.h"
#include "models/recipienttablemodel.h"

#include "document/recipientlistmemory.h"
#include "oauth/oauth2tokensource.h"
#include "runner/rehearsalplan.h"
#include "sandbox/sandboxserver.h"

#include <QFutureWatcher>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace Bulkmail {

SendStartFlow::SendStartFlow(Window window,
                             CampaignDocument *document,
                             SendController *controller,
                             SendView *view,
                             SandboxServer *sandbox,
                             QObject *parent)
    : QObject(parent)
    , m_window(std::move(window))
    , m_document(document)
    , m_controller(controller)
    , m_view(view)
    , m_sandbox(sandbox)
{}

bool SendStartFlow::start(Scope scope, Confirmation confirmation)
{
    if (m_controller->isActive() || m_checking)
        return false;
    // Decided once, here: the plan, the confirmation and every word about the run follow it.
    const SendMode mode = m_view->isRehearsal() ? SendMode::Rehearse : SendMode::Deliver;
    const bool rehearsal = mode == SendMode::Rehearse;
    if (rehearsal && (!m_sandbox || !m_sandbox->isListening())) {
        QMessageBox::warning(m_window.widget,
                             tr("Rehearsal Not Available"),
                             tr("The built-in sandbox could not start, so a rehearsal is not "
                                "possible. The log says why."));
        return false;
    }
    // A real send is resumable only from a saved campaign: its journal lives beside the file.
    if (!rehearsal && (m_document->filePath().isEmpty() || m_document->isModified())) {
        Q_EMIT statusMessage(tr("Saving the campaign first, so that sending can resume after "
                                "an interruption without sending anyone twice."),
                             8000);
        if (!m_window.save())
            return false;
    }
    const Campaign campaign = m_document->campaign();
    // Which rows the plan's recipients are: the run's results are mapped back through these.
    const QList<quint64> recipientIds = m_document->recipientModel()->rowIds();
    if (!rehearsal && campaign.server.host.isEmpty()) {
        Q_EMIT accountPageWanted();
        QMessageBox::information(m_window.widget,
                                 tr("Start Sending"),
                                 tr("Choose the account to send through first, or rehearse in "
                                    "the sandbox."));
        return false;
    }
    // The checklist renders every message to size the campaign: with 50,000 recipients that is
    // half a second, so it runs off the GUI thread and the start goes on when it is done. The
    // Send tab shows now, at the click: a tab the user picks meanwhile stays.
    m_checking = true;
    Q_EMIT checkingStarted();
    auto *watcher = new QFutureWatcher<CampaignCheck>(this);
    connect(watcher,
            &QFutureWatcher<CampaignCheck>::finished,
            this,
            [this, watcher, campaign, recipientIds, scope, confirmation, mode] {
                watcher->deleteLater();
                m_checking = false;
                Q_EMIT checkingFinished();
                continueAfterCheck(
                    campaign, recipientIds, watcher->result(), scope, confirmation, mode);
            });
    watcher->setFuture(QtConcurrent::run([campaign] { return checkCampaignAndList(campaign); }));
    return true;
}

bool SendStartFlow::confirm(const Campaign &campaign,
                            const CampaignCheck &check,
                            SendMode mode) const
{
    const bool rehearsal = mode == SendMode::Rehearse;
    const QLocale locale;
    const int skipped = check.invalidCount + check.duplicateCount;
    QString text = rehearsal
                       ? tr("Rehearse “%1”: %2 messages go to the sandbox inside Bulkmail. "
                            "Nothing is delivered.")
                             .arg(m_document->displayName(), locale.toString(check.sendableCount))
                       : tr("Send “%1” to %2 recipients through %3?")
                             .arg(m_document->displayName(),
                                  locale.toString(check.sendableCount),
                                  campaign.server.username.isEmpty()
                                      ? campaign.server.displayAddress()
                                      : tr("%1 as %2")
                                            .arg(campaign.server.displayAddress(),
                                                 campaign.server.username));
    if (skipped > 0)
        text += sentenceSeparator()
                + tr("%Ln invalid or duplicate address(es) will be skipped.", nullptr, skipped);
    if (!check.warnings().isEmpty())
        text += sentenceSeparator()
                + tr("See the checklist for %n warning(s).",
                     nullptr,
                     static_cast<int>(check.warnings().size()));
    QMessageBox question(QMessageBox::Question,
                         rehearsal ? tr("Start Rehearsal") : tr("Start Sending"),
                         text,
                         QMessageBox::Cancel,
                         m_window.widget);
    QPushButton *go = question.addButton(rehearsal ? tr("&Rehearse") : tr("&Send"),
                                         QMessageBox::AcceptRole);
    question.setDefaultButton(go);
    question.exec();
    return question.clickedButton() == go;
}

void SendStartFlow::continueAfterCheck(const Campaign &campaign,
                                       const QList<quint64> &recipientIds,
                                       const CampaignCheck &check,
                                       Scope scope,
                                       Confirmation confirmation,
                                       SendMode mode)
{
    const bool rehearsal = mode == SendMode::Rehearse;
    if (!check.canBeSent()) {
        QStringList blockers;
        for (const CampaignCheckItem &item : check.blockers())
            blockers.append(QStringLiteral("• ") + ChecklistWords::sentence(item));
        QMessageBox::warning(m_window.widget,
                             tr("Cannot Send Yet"),
                             tr("Fix these first:\n\n%1").arg(blockers.join(u'\n')));
        return;
    }
    if (confirmation == Confirmation::Ask && !confirm(campaign, check, mode))
        return;
    // The personal files of the check just confirmed are what the send may attach: the runner
    // holds a recipient whose file differs from this record (issue 15).
    if (Result<void> recorded = recordPersonalAttachmentCheck(campaign, check); !recorded) {
        QMessageBox::warning(m_window.widget, tr("Start Sending"), recorded.error().message);
        return;
    }
    if (!rehearsal) {
        const QList<int> markSent = m_view->recipientsToMarkSent();
        if (Result<void> marked = markUnconfirmedAsSent(campaign, markSent); !marked) {
            QMessageBox::warning(m_window.widget, tr("Start Sending"), marked.error().message);
            return;
        }
        // The list the user sends to is the one they looked at: the next checklist compares
        // the recipients file against it.
        if (Result<void> remembered = RecipientListMemory().rememberLook(campaign); !remembered)
            Q_EMIT statusMessage(remembered.error().message, 10000);
    }
    QPointer<SendStartFlow> self(this);
    if (!rehearsal && campaign.auth == AuthMethod::OAuth2) {
        obtainTokenSource(
            campaign,
            [self, campaign, recipientIds, scope](std::shared_ptr<AccessTokenSource> tokens) {
                if (!self)
                    return;
                CampaignPlan plan = self->planFor(campaign, scope, QString(), SendMode::Deliver);
                plan.tokens = std::move(tokens);
                self->startPlan(plan, recipientIds, SendMode::Deliver);
            },
            // Signed in from the question: start again (the sign-in may have set the account's
            // address, which the confirmation then names).
            [self, scope, confirmation] {
                if (self)
                    self->start(scope, confirmation);
            });
        return;
    }
    if (rehearsal || campaign.server.username.isEmpty()) {
        startPlan(planFor(campaign, scope, rehearsal ? QStringLiteral("rehearsal") : QString(), mode),
                  recipientIds,
                  mode);
        return;
    }
    obtainPassword(campaign.server,
                   m_window.widget,
                   [self, campaign, recipientIds, scope](std::optional<QString> password) {
                       if (self && password)
                           self->startPlan(self->planFor(campaign,
                                                         scope,
                                                         *password,
                                                         SendMode::Deliver),
                                           recipientIds,
                                           SendMode::Deliver);
                   });
}

CampaignPlan SendStartFlow::planFor(const Campaign &campaign,
                                    Scope scope,
                                    const QString &password,
                                    SendMode mode) const
{
    CampaignPlan plan;
    plan.campaign = campaign;
    plan.password = password;
    plan.retryFailed = scope == Scope::RetryFailed;
    if (mode == SendMode::Rehearse)
        return rehearsalPlan(std::move(plan), m_sandbox ? m_sandbox->port() : 0);
    return plan;
}

void SendStartFlow::startPlan(const CampaignPlan &plan,
                              const QList<quint64> &recipientIds,
                              SendMode mode)
{
    // What was checked and confirmed is what is sent, row for row: a list edited (or another
    // campaign opened) while the start was being prepared is not sent as it was.
    RecipientTableModel *model = m_document->recipientModel();
    if (m_controller->isActive() || plan.campaign.filePath != m_document->filePath()
        || model->rowIds() != recipientIds || model->recipients() != plan.campaign.recipients) {
        QMessageBox::information(m_window.widget,
                                 tr("Start Sending"),
                                 tr("The recipient list changed while sending was being "
                                    "prepared. Start again to send the list as it is now."));
        return;
    }
    Q_EMIT starting(plan, mode);
    if (mode == SendMode::Rehearse)
        model->clearRehearsalResults();
    m_controller->start(plan, recipientIds, mode);
}

void SendStartFlow::obtainTokenSource(const Campaign &campaign,
                                      std::function<void(std::shared_ptr<AccessTokenSource>)> done,
                                      std::function<void()> afterSignIn)
{
    const QString title = tr("Start Sending");
    const QString provider = oauthProviderDisplayName(campaign.oauth.provider);
    if (campaign.server.username.isEmpty()) {
        offerSignIn(title,
                    tr("This account signs in with %1, and nobody has signed in to it yet.")
                        .arg(provider),
                    std::move(afterSignIn));
        return;
    }
    if (const auto problem = findOAuthSettingsProblem(campaign.oauth)) {
        Q_EMIT accountPageWanted();
        QMessageBox::warning(m_window.widget,
                             title,
                             tr("The account's sign-in settings are incomplete: %1")
                                 .arg(AccountText::oauthSettingsProblem(*problem)));
        return;
    }
    QPointer<SendStartFlow> self(this);
    const QString address = campaign.server.username;
    // The token source reads the refresh token from the keychain; the token itself never passes
    // through here, and never reaches the campaign file, the journal or QSettings.
    createOAuth2TokenSource(
        campaign.oauth,
        address,
        m_window.tokenStore(),
        [self,
         title,
         provider,
         address,
         done = std::move(done),
         afterSignIn = std::move(afterSignIn)](const PasswordStoreResult &keychain,
                                               std::shared_ptr<OAuth2TokenSource> source) {
            if (!self)
                return;
            if (source) {
                done(std::move(source));
                return;
            }
            if (keychain.status == PasswordStoreStatus::NotFound) {
                self->offerSignIn(title,
                                  tr("%1 is not signed in on this computer. Sign in with %2 "
                                     "first; sending can start after that.")
                                      .arg(address, provider),
                                  afterSignIn);
                return;
            }
            QMessageBox::warning(self->m_window.widget,
                                 title,
                                 tr("The sign-in of %1 could not be read: %2")
                                     .arg(address, keychain.message));
        });
}

void SendStartFlow::offerSignIn(const QString &title,
                                const QString &text,
                                std::function<void()> afterSignIn)
{
    auto *box = new QMessageBox(QMessageBox::Information,
                                title,
                                text,
                                QMessageBox::Cancel,
                                m_window.widget);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("signInOffer"));
    QPushButton *signIn = box->addButton(tr("&Sign In…"), QMessageBox::AcceptRole);
    box->setDefaultButton(signIn);
    connect(signIn, &QPushButton::clicked, this, [this, afterSignIn = std::move(afterSignIn)] {
        m_afterSignIn = afterSignIn;
        Q_EMIT signInWanted();
    });
    box->open();
}

bool SendStartFlow::continueAfterSignIn()
{
    std::function<void()> next = std::exchange(m_afterSignIn, {});
    if (!next)
        return false;
    // From the event loop: the account page finishes its own handling of the sign-in first.
    QTimer::singleShot(0, this, std::move(next));
    return true;
}

} // namespace Bulkmail
