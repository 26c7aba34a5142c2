#pragma once

#include "campaign/campaign.h"
#include "common/result.h"
#include "document/recipientcsv.h"
#include "models/recipienttablemodel.h"

#include <QObject>
#include <QString>

class QUndoStack;

namespace Bulkmail {

class RecipientTableModel;

// The campaign being edited in the window: the `.bulkmail` file's contents, where the recipient
// list lives in a RecipientTableModel and every edit goes through one QUndoStack, so that undo
// covers the message, the account and the list alike and "modified" is the stack's clean state.
//
// Widgets show values and report edits (MessageEditor::messageEdited, ...); edit*() turns each
// into an undo command, merging consecutive edits with the same key so that typing a subject is
// one undo step, not one per letter.
class CampaignDocument final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CampaignDocument)

public:
    explicit CampaignDocument(QObject *parent = nullptr);
    ~CampaignDocument() override;

    // A new campaign: the defaults of the campaign file format, an empty list.
    [[nodiscard]] static Campaign blankCampaign();

    [[nodiscard]] QUndoStack *undoStack() const { return m_undoStack; }
    [[nodiscard]] RecipientTableModel *recipientModel() const { return m_recipients; }

    // The campaign as the user sees it now, recipients included.
    [[nodiscard]] Campaign campaign() const;
    // The campaign as it is written to disk. A list that came from a recipients file and was
    // edited here is saved inline (the CSV itself is never rewritten behind the user's back).
    [[nodiscard]] Campaign campaignForSaving() const;
    [[nodiscard]] bool recipientsMovedInline() const;

    [[nodiscard]] const QString &name() const { return m_campaign.name; }
    [[nodiscard]] const MessageTemplate &message() const { return m_campaign.message; }
    [[nodiscard]] const SmtpEndpoint &server() const { return m_campaign.server; }
    [[nodiscard]] const DeliverySettings &sending() const { return m_campaign.sending; }
    [[nodiscard]] AuthMethod auth() const { return m_campaign.auth; }
    [[nodiscard]] const OAuthSettings &oauth() const { return m_campaign.oauth; }
    [[nodiscard]] const MailboxSettings &mailbox() const { return m_campaign.mailbox; }
    [[nodiscard]] const QString &filePath() const { return m_campaign.filePath; }
    // The campaign's name, else the file's name, else "Untitled campaign".
    [[nodiscard]] QString displayName() const;
    [[nodiscard]] bool isModified() const;

    // Undoable edits.
    void editName(const QString &name);
    void editMessage(const MessageTemplate &message, const QString &editKey);
    // Keeps the sign-in method as it is.
    void editSettings(const SmtpEndpoint &server,
                      const DeliverySettings &sending,
                      const QString &editKey);
    // The whole account, sign-in method included (Campaign::auth and Campaign::oauth, which are
    // saved in the file; never a token).
    void editSettings(const SmtpEndpoint &server,
                      const DeliverySettings &sending,
                      const QString &editKey,
                      AuthMethod auth,
                      const OAuthSettings &oauth);
    // The account's mailbox (the copy to Sent). An edit with the same key as the settings edit
    // just before it merges with it (choosing a provider fills both servers: one undo step).
    void editMailbox(const MailboxSettings &mailbox, const QString &editKey);
    // Takes the rows of an import into the list as one undo step, with what the workbook showed
    // the user (hidden rows...): Campaign::importNotices gains `notices` under `fileName` (a
    // replacing import drops the earlier ones), so that the checklist keeps warning; undo takes
    // the rows and the notices back together.
    void importRecipients(const CsvImport &import,
                          ImportMode mode,
                          const QString &fileName,
                          const QList<WorkbookNotice> &notices);

    // Replaces everything with `campaign` and forgets the undo history. `modified` marks a
    // document that differs from its file (a recovered copy).
    void reset(const Campaign &campaign, bool modified = false);
    [[nodiscard]] Result<void> open(const QString &path);
    // Saves atomically to `path` and makes it the document's file.
    [[nodiscard]] Result<void> saveAs(const QString &path);

Q_SIGNALS:
    void nameChanged(const QString &name);
    void messageChanged(const Bulkmail::MessageTemplate &message);
    void settingsChanged(const Bulkmail::SmtpEndpoint &server,
                         const Bulkmail::DeliverySettings &sending,
                         Bulkmail::AuthMethod auth,
                         const Bulkmail::OAuthSettings &oauth);
    void mailboxChanged(const Bulkmail::MailboxSettings &mailbox);
    void filePathChanged(const QString &path);
    void modifiedChanged(bool modified);
    void reloaded();       // after reset(): every view shows a new campaign
    void contentChanged(); // any edit, undo or redo (for the autosave)

private:
    void applyName(const QString &name);
    void applyMessage(const MessageTemplate &message);
    void applySettings(const SmtpEndpoint &server,
                       const DeliverySettings &sending,
                       AuthMethod auth,
                       const OAuthSettings &oauth);
    void applyMailbox(const MailboxSettings &mailbox);
    void applyImportNotices(const QList<ImportNotice> &notices);
    void pushSettingsEdit(const QString &editKey,
                          const SmtpEndpoint &server,
                          const DeliverySettings &sending,
                          AuthMethod auth,
                          const OAuthSettings &oauth,
                          const MailboxSettings &mailbox);

    Campaign m_campaign; // everything but the recipients, which live in m_recipients
    // To tell whether the rows of a recipients file were edited (recipientsMovedInline()).
    QList<Recipient> m_recipientsAsLoaded;
    QStringList m_fieldsAsLoaded;
    bool m_recovered = false; // a recovered copy differs from its file until it is saved
    QUndoStack *m_undoStack = nullptr;
    RecipientTableModel *m_recipients = nullptr;
};

} // namespace Bulkmail
