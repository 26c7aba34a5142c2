#include "campaigndocument.h"

#include "document/campaignfile.h"

#include <QFileInfo>
#include <QUndoCommand>
#include <QUndoStack>

#include <functional>
#include <utility>

namespace Bulkmail {

namespace {

// One edit of one part of the document (its name, its message, its settings). Consecutive edits
// with the same key merge, so that typing a subject or spinning a rate is a single undo step.
template<typename Value>
class ValueEditCommand final : public QUndoCommand
{
public:
    using Apply = std::function<void(const Value &)>;

    ValueEditCommand(const QString &text, QString key, Value before, Value after, Apply apply)
        : QUndoCommand(text)
        , m_key(std::move(key))
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_apply(std::move(apply))
    {}

    void redo() override { m_apply(m_after); }
    void undo() override { m_apply(m_before); }
    [[nodiscard]] int id() const override { return 0x62756c6b; } // "bulk": same id for all edits

    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = dynamic_cast<const ValueEditCommand *>(other);
        if (next == nullptr || next->m_key != m_key)
            return false;
        m_after = next->m_after;
        return true;
    }

private:
    QString m_key;
    Value m_before;
    Value m_after;
    Apply m_apply;
};

// The account: where to connect, how to sign in (never a secret), how fast to send, and its
// mailbox. One value, so that choosing a provider (which fills the SMTP and the IMAP server,
// edited by two widgets under one key) merges into one undo step.
struct Settings
{
    SmtpEndpoint server;
    DeliverySettings sending;
    AuthMethod auth = AuthMethod::Password;
    OAuthSettings oauth{};
    MailboxSettings mailbox{};
};

QString editText(const QString &editKey)
{
    // The Edit menu reads "Undo <text>".
    if (editKey == QLatin1String("subject"))
        return CampaignDocument::tr("Edit Subject");
    if (editKey == QLatin1String("text"))
        return CampaignDocument::tr("Edit Message Text");
    if (editKey == QLatin1String("html"))
        return CampaignDocument::tr("Edit HTML Message");
    if (editKey == QLatin1String("from"))
        return CampaignDocument::tr("Edit Sender");
    if (editKey == QLatin1String("replyTo"))
        return CampaignDocument::tr("Edit Reply-To");
    if (editKey == QLatin1String("attachments"))
        return CampaignDocument::tr("Change Attachments");
    if (editKey == QLatin1String("cc"))
        return CampaignDocument::tr("Edit Cc");
    if (editKey == QLatin1String("bcc"))
        return CampaignDocument::tr("Edit Bcc");
    if (editKey == QLatin1String("personalAttachments"))
        return CampaignDocument::tr("Change Personal Files");
    if (editKey == QLatin1String("server.auth"))
        return CampaignDocument::tr("Change Sign-In Method");
    if (editKey == QLatin1String("server.signIn"))
        return CampaignDocument::tr("Sign In");
    if (editKey == QLatin1String("mailbox.copyToSent"))
        return CampaignDocument::tr("Change Copies in Sent");
    if (editKey.startsWith(QLatin1String("mailbox.")))
        return CampaignDocument::tr("Change Mailbox Setting");
    return CampaignDocument::tr("Change Setting");
}

} // namespace

CampaignDocument::CampaignDocument(QObject *parent)
    : QObject(parent)
    , m_campaign(blankCampaign())
    , m_undoStack(new QUndoStack(this))
    , m_recipients(new RecipientTableModel(this))
{
    m_recipients->setUndoStack(m_undoStack);
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) {
        Q_EMIT modifiedChanged(!clean || m_recovered);
    });
    connect(m_undoStack, &QUndoStack::indexChanged, this, &CampaignDocument::contentChanged);
}

CampaignDocument::~CampaignDocument() = default;

Campaign CampaignDocument::blankCampaign()
{
    Campaign campaign;
    campaign.server.host = QString();
    return campaign;
}

Campaign CampaignDocument::campaign() const
{
    Campaign campaign = m_campaign;
    campaign.recipients = m_recipients->recipients();
    campaign.recipientFields = m_recipients->fieldNames();
    // What an import found about its rows means nothing once they are all gone (undo brings
    // both back).
    if (m_recipients->recipientCount() == 0)
        campaign.importNotices.clear();
    return campaign;
}

bool CampaignDocument::recipientsMovedInline() const
{
    if (m_campaign.recipientsFile.isEmpty())
        return false;
    if (m_recipients->recipientCount() != m_recipientsAsLoaded.size())
        return true;
    for (int row = 0; row < m_recipientsAsLoaded.size(); ++row) {
        if (!(m_recipients->recipientAt(row) == m_recipientsAsLoaded.at(row)))
            return true;
    }
    return m_recipients->fieldNames() != m_fieldsAsLoaded;
}

Campaign CampaignDocument::campaignForSaving() const
{
    Campaign campaign = this->campaign();
    if (recipientsMovedInline()) {
        campaign.recipientsFile.clear();
        campaign.recipientsSheet.clear();
    }
    return campaign;
}

QString CampaignDocument::displayName() const
{
    if (!m_campaign.name.trimmed().isEmpty())
        return m_campaign.name.trimmed();
    if (!m_campaign.filePath.isEmpty())
        return QFileInfo(m_campaign.filePath).completeBaseName();
    return tr("Untitled campaign");
}

bool CampaignDocument::isModified() const
{
    return m_recovered || !m_undoStack->isClean();
}

void CampaignDocument::editName(const QString &name)
{
    if (name == m_campaign.name)
        return;
    m_undoStack->push(
        new ValueEditCommand<QString>(tr("Rename Campaign"),
                                      QStringLiteral("name"),
                                      m_campaign.name,
                                      name,
                                      [this](const QString &value) { applyName(value); }));
}

void CampaignDocument::editMessage(const MessageTemplate &message, const QString &editKey)
{
    if (message == m_campaign.message)
        return;
    m_undoStack->push(new ValueEditCommand<MessageTemplate>(editText(editKey),
                                                            QStringLiteral("message.") + editKey,
                                                            m_campaign.message,
                                                            message,
                                                            [this](const MessageTemplate &value) {
                                                                applyMessage(value);
                                                            }));
}

void CampaignDocument::editSettings(const SmtpEndpoint &server,
                                    const DeliverySettings &sending,
                                    const QString &editKey)
{
    editSettings(server, sending, editKey, m_campaign.auth, m_campaign.oauth);
}

void CampaignDocument::editSettings(const SmtpEndpoint &server,
                                    const DeliverySettings &sending,
                                    const QString &editKey,
                                    AuthMethod auth,
                                    const OAuthSettings &oauth)
{
    pushSettingsEdit(editKey, server, sending, auth, oauth, m_campaign.mailbox);
}

void CampaignDocument::editMailbox(const MailboxSettings &mailbox, const QString &editKey)
{
    pushSettingsEdit(
        editKey, m_campaign.server, m_campaign.sending, m_campaign.auth, m_campaign.oauth, mailbox);
}

void CampaignDocument::pushSettingsEdit(const QString &editKey,
                                        const SmtpEndpoint &server,
                                        const DeliverySettings &sending,
                                        AuthMethod auth,
                                        const OAuthSettings &oauth,
                                        const MailboxSettings &mailbox)
{
    m_undoStack->push(new ValueEditCommand<Settings>(editText(editKey),
                                                     QStringLiteral("settings.") + editKey,
                                                     Settings{m_campaign.server,
                                                              m_campaign.sending,
                                                              m_campaign.auth,
                                                              m_campaign.oauth,
                                                              m_campaign.mailbox},
                                                     Settings{server, sending, auth, oauth, mailbox},
                                                     [this](const Settings &value) {
                                                         applySettings(value.server,
                                                                       value.sending,
                                                                       value.auth,
                                                                       value.oauth);
                                                         applyMailbox(value.mailbox);
                                                     }));
}

void CampaignDocument::importRecipients(const CsvImport &import,
                                        ImportMode mode,
                                        const QString &fileName,
                                        const QList<WorkbookNotice> &notices)
{
    if (m_recipients->isReadOnly())
        return;
    QList<ImportNotice> after;
    if (mode == ImportMode::Append)
        after = m_campaign.importNotices;
    for (const WorkbookNotice &notice : notices)
        after.append({fileName, notice});
    if (after == m_campaign.importNotices) {
        m_recipients->importRecipients(import, mode, fileName);
        return;
    }
    const int count = static_cast<int>(import.recipients.size());
    m_undoStack->beginMacro(RecipientTableModel::importUndoText(count, fileName));
    m_recipients->importRecipients(import, mode, fileName);
    m_undoStack->push(
        new ValueEditCommand<QList<ImportNotice>>(QString(),
                                                  QStringLiteral("importNotices"),
                                                  m_campaign.importNotices,
                                                  after,
                                                  [this](const QList<ImportNotice> &value) {
                                                      applyImportNotices(value);
                                                  }));
    m_undoStack->endMacro();
}

void CampaignDocument::reset(const Campaign &campaign, bool modified)
{
    m_undoStack->clear();
    m_campaign = campaign;
    m_campaign.recipients.clear();
    m_recipientsAsLoaded = campaign.recipients;
    m_fieldsAsLoaded = campaign.recipientFields;
    m_recipients->setRecipients(campaign.recipientFields, campaign.recipients);
    m_recovered = modified;
    Q_EMIT reloaded();
    Q_EMIT nameChanged(m_campaign.name);
    Q_EMIT messageChanged(m_campaign.message);
    Q_EMIT settingsChanged(m_campaign.server, m_campaign.sending, m_campaign.auth, m_campaign.oauth);
    Q_EMIT mailboxChanged(m_campaign.mailbox);
    Q_EMIT filePathChanged(m_campaign.filePath);
    Q_EMIT modifiedChanged(isModified());
}

Result<void> CampaignDocument::open(const QString &path)
{
    Result<Campaign> loaded = loadCampaign(path);
    if (!loaded)
        return tl::make_unexpected(loaded.error());
    reset(*loaded);
    return {};
}

Result<void> CampaignDocument::saveAs(const QString &path)
{
    const Campaign toSave = campaignForSaving();
    if (Result<void> saved = saveCampaign(toSave, path); !saved)
        return saved;
    const QString absolutePath = QFileInfo(path).absoluteFilePath();
    const bool pathChanged = absolutePath != m_campaign.filePath;
    m_campaign.filePath = absolutePath;
    m_campaign.recipientsFile = toSave.recipientsFile;
    m_campaign.recipientsSheet = toSave.recipientsSheet;
    m_recipientsAsLoaded = toSave.recipients;
    m_fieldsAsLoaded = toSave.recipientFields;
    const bool wasModified = isModified();
    m_recovered = false;
    m_undoStack->setClean();
    if (pathChanged)
        Q_EMIT filePathChanged(absolutePath);
    if (wasModified)
        Q_EMIT modifiedChanged(false);
    return {};
}

void CampaignDocument::applyName(const QString &name)
{
    m_campaign.name = name;
    Q_EMIT nameChanged(name);
}

void CampaignDocument::applyMessage(const MessageTemplate &message)
{
    m_campaign.message = message;
    Q_EMIT messageChanged(message);
}

void CampaignDocument::applySettings(const SmtpEndpoint &server,
                                     const DeliverySettings &sending,
                                     AuthMethod auth,
                                     const OAuthSettings &oauth)
{
    m_campaign.server = server;
    m_campaign.sending = sending;
    m_campaign.auth = auth;
    m_campaign.oauth = oauth;
    Q_EMIT settingsChanged(server, sending, auth, oauth);
}

void CampaignDocument::applyImportNotices(const QList<ImportNotice> &notices)
{
    m_campaign.importNotices = notices;
}

void CampaignDocument::applyMailbox(const MailboxSettings &mailbox)
{
    m_campaign.mailbox = mailbox;
    Q_EMIT mailboxChanged(mailbox);
}

} // namespace Bulkmail
