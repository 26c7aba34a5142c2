#include "campaigncheck.h"

#include "campaign/emailaddress.h"
#include "compose/copyrecipients.h"
#include "compose/mimecomposer.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

namespace Bulkmail {

namespace {

using Severity = CampaignCheckItem::Severity;
using Topic = CampaignCheckItem::Topic;

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// The texts are English unless the application installed a translator (the desktop app does;
// bulkmail-cli prints them as they are).
QString describeRow(const Campaign &campaign, int index)
{
    const QString row = describeRecipientRow(campaign.recipients, index);
    const QString &email = campaign.recipients.at(index).email;
    return email.isEmpty()
               ? row
               : QCoreApplication::translate("CampaignCheck", "%1 (%2)").arg(row, email);
}

bool hasNonAsciiLocalPart(const QString &address)
{
    const QStringView local = QStringView(address).first(
        std::max<qsizetype>(address.lastIndexOf(u'@'), 0));
    return std::any_of(local.begin(), local.end(), [](QChar c) { return c.unicode() >= 0x80; });
}

qint64 renderedBytes(const RenderedMessage &message, const Recipient &recipient)
{
    return message.subject.toUtf8().size() + message.text.toUtf8().size()
           + message.html.toUtf8().size() + recipient.email.toUtf8().size()
           + recipient.name.toUtf8().size();
}

// What `bytes` of a file become in a message: base64 (4 for 3, RFC 2045 §6.8) in lines of 76
// with CRLF, plus the part's headers and boundary.
qint64 encodedAttachmentBytes(qint64 bytes)
{
    if (bytes <= 0)
        return 0;
    constexpr qint64 PartOverhead = 400;
    const qint64 base64 = (bytes + 2) / 3 * 4;
    return base64 + (base64 + 75) / 76 * 2 + PartOverhead;
}

// As CampaignRunner composes: 7-bit bodies for any server, and a UTF-8 address only where one
// needs it (the connection refuses it where the server lacks SMTPUTF8).
MimeOptions sendOptions()
{
    MimeOptions options;
    options.allowSmtpUtf8 = true;
    return options;
}

class Checker final
{
public:
    Checker(const Campaign &campaign, CampaignCheck &check)
        : m_campaign(campaign)
        , m_check(check)
    {}

    void run()
    {
        checkSender();
        checkServer();
        checkRecipients();
        checkTemplates();
        checkCopies();
        checkAttachments();
        checkPersonalAttachments();
        checkSize();
    }

private:
    void add(Severity severity, Topic topic, const QString &text, int recipientIndex = -1)
    {
        m_check.items.append(CampaignCheckItem{severity, topic, text, recipientIndex});
    }

    void checkSender()
    {
        const MessageTemplate &message = m_campaign.message;
        if (!parseMailbox(message.from)) {
            add(Severity::Blocker,
                Topic::Sender,
                message.from.trimmed().isEmpty()
                    ? QCoreApplication::translate("CampaignCheck", "message.from: no sender address")
                    : QCoreApplication::translate("CampaignCheck",
                                                  "message.from: \"%1\" is not a valid address")
                          .arg(message.from));
        }
        // A non-ASCII local part needs SMTPUTF8 (RFC 6531) of the server, for every message: most
        // office servers do not offer it, and the send then stops at the first message.
        if (const Result<Mailbox> from = parseMailbox(message.from); from) {
            const QString local = from->address.section(u'@', 0, -2);
            const bool ascii = std::all_of(local.cbegin(), local.cend(), [](QChar c) {
                return c.unicode() < 0x80;
            });
            if (!ascii) {
                add(Severity::Warning,
                    Topic::Sender,
                    QCoreApplication::translate(
                        "CampaignCheck",
                        "message.from: \"%1\" has non-ASCII characters before the @; only a "
                        "server that offers SMTPUTF8 accepts it, and sending stops at the first "
                        "message if yours does not")
                        .arg(from->address));
            }
        }
        if (!message.replyTo.isEmpty() && !parseMailbox(message.replyTo)) {
            add(Severity::Blocker,
                Topic::Sender,
                QCoreApplication::translate("CampaignCheck",
                                            "message.replyTo: \"%1\" is not a valid address")
                    .arg(message.replyTo));
        }
    }

    void checkServer()
    {
        const SmtpEndpoint &server = m_campaign.server;
        if (server.host.trimmed().isEmpty())
            add(Severity::Blocker,
                Topic::Server,
                QCoreApplication::translate("CampaignCheck", "server.host: no server given"));
        if (server.security == SecurityMode::None && !server.username.isEmpty()) {
            add(Severity::Warning,
                Topic::Server,
                QCoreApplication::translate(
                    "CampaignCheck",
                    "server.security is \"none\": the password for \"%1\" crosses the "
                    "network unencrypted")
                    .arg(server.username));
        }
        if (server.verification == CertificateVerification::InsecureSkipAll) {
            add(Severity::Warning,
                Topic::Server,
                QCoreApplication::translate(
                    "CampaignCheck",
                    "server certificates are not checked: anyone in between can read "
                    "the messages and the password"));
        }
        if (!server.trustCertificateFile.isEmpty()) {
            QFile file(server.trustCertificateFile);
            if (!file.open(QIODevice::ReadOnly)) {
                add(Severity::Blocker,
                    Topic::Server,
                    QCoreApplication::translate("CampaignCheck",
                                                "server.trustCertificate: cannot read \"%1\": %2")
                        .arg(server.trustCertificateFile, file.errorString()));
            }
        }
    }

    void checkRecipients()
    {
        m_check.recipientCount = int(m_campaign.recipients.size());
        m_check.recipientIssues = validateRecipients(m_campaign.recipients);
        m_check.skippedRecipients = duplicatesToSkip(m_check.recipientIssues,
                                                     m_campaign.sending.duplicates);
        const bool sendsEachRow = m_campaign.sending.duplicates == DuplicatePolicy::SendEach;
        for (const RecipientIssue &issue : std::as_const(m_check.recipientIssues)) {
            if (issue.kind == RecipientIssue::Kind::InvalidAddress) {
                m_invalid.insert(issue.index);
                ++m_check.invalidCount;
                add(Severity::Warning,
                    Topic::Recipients,
                    QCoreApplication::translate("CampaignCheck", "%1; it is skipped")
                        .arg(issue.message),
                    issue.index);
                continue;
            }
            ++m_check.duplicateCount;
            add(Severity::Warning,
                Topic::Recipients,
                describeDuplicate(issue, sendsEachRow),
                issue.index);
        }
        for (int index = 0; index < m_check.recipientCount; ++index) {
            if (!m_invalid.contains(index) && !m_check.skippedRecipients.contains(index))
                m_sendable.append(index);
        }
        m_check.sendableCount = int(m_sendable.size());
        for (const int index : std::as_const(m_sendable)) {
            if (hasNonAsciiLocalPart(m_campaign.recipients.at(index).email)) {
                add(Severity::Warning,
                    Topic::Recipients,
                    QCoreApplication::translate(
                        "CampaignCheck",
                        "%1: the part before the @ is not ASCII: it can be sent only "
                        "through a server that offers SMTPUTF8 (RFC 6531)")
                        .arg(describeRow(m_campaign, index)),
                    index);
            }
        }
        if (m_check.recipientCount == 0) {
            add(Severity::Blocker,
                Topic::Recipients,
                QCoreApplication::translate("CampaignCheck", "the campaign has no recipients"));
        } else if (m_check.sendableCount == 0) {
            add(Severity::Blocker,
                Topic::Recipients,
                QCoreApplication::translate(
                    "CampaignCheck", "no recipient has a valid address that is not a duplicate"));
        }
    }

    // What a send does with a duplicate row. The validation's own text of an exact duplicate
    // already says "it receives one message".
    QString describeDuplicate(const RecipientIssue &issue, bool sendsEachRow) const
    {
        if (sendsEachRow && issue.kind == RecipientIssue::Kind::Duplicate) {
            return QCoreApplication::translate("CampaignCheck",
                                               "%1: \"%2\" duplicates %3; every row gets its own "
                                               "message (sending.duplicates \"each\")")
                .arg(describeRecipientRow(m_campaign.recipients, issue.index),
                     m_campaign.recipients.at(issue.index).email,
                     describeRecipientRow(m_campaign.recipients, issue.duplicateOf));
        }
        if (sendsEachRow) {
            return QCoreApplication::translate("CampaignCheck",
                                               "%1; every row gets its own message "
                                               "(sending.duplicates \"each\")")
                .arg(issue.message);
        }
        if (issue.kind == RecipientIssue::Kind::Duplicate)
            return issue.message;
        return QCoreApplication::translate("CampaignCheck", "%1; it receives one message")
            .arg(issue.message);
    }

    void checkTemplates()
    {
        const MessageTemplate &message = m_campaign.message;
        m_check.templates = Bulkmail::checkTemplates(m_campaign);
        for (const Error &error : std::as_const(m_check.templates.errors))
            add(Severity::Blocker, Topic::Template, error.message);
        if (message.subject.trimmed().isEmpty())
            add(Severity::Warning,
                Topic::Template,
                QCoreApplication::translate("CampaignCheck", "message.subject is empty"));
        if (message.text.trimmed().isEmpty() && message.html.trimmed().isEmpty())
            add(Severity::Warning,
                Topic::Template,
                QCoreApplication::translate("CampaignCheck", "the message has no body"));
        for (const auto &[index, fields] :
             std::as_const(m_check.templates.recipientsMissingFields)) {
            if (m_invalid.contains(index) || m_check.skippedRecipients.contains(index))
                continue;
            QStringList tags;
            for (const QString &field : fields)
                tags.append(QStringLiteral("{{%1}}").arg(field));
            add(Severity::Warning,
                Topic::Template,
                QCoreApplication::translate("CampaignCheck", "%1: %2 would be empty")
                    .arg(describeRow(m_campaign, index), tags.join(QLatin1String(", "))),
                index);
        }
    }

    void checkAttachments()
    {
        for (const QString &path : m_campaign.message.attachments) {
            AttachmentCheck attachment{path};
            const QFileInfo info(path);
            QFile file(path);
            if (!info.exists()) {
                attachment.problem = QCoreApplication::translate("CampaignCheck", "no such file");
            } else if (info.isDir()) {
                attachment.problem = QCoreApplication::translate("CampaignCheck",
                                                                 "is a folder, not a file");
            } else if (!file.open(QIODevice::ReadOnly)) {
                attachment.problem = QCoreApplication::translate("CampaignCheck",
                                                                 "cannot be read: %1")
                                         .arg(file.errorString());
            } else {
                attachment.size = info.size();
                m_check.attachmentBytes += attachment.size;
                if (Result<void> added = m_cache.add(path); !added)
                    attachment.problem = added.error().message;
            }
            if (!attachment.problem.isEmpty()) {
                attachment.size = -1;
                add(Severity::Blocker,
                    Topic::Attachments,
                    QCoreApplication::translate("CampaignCheck", "attachment \"%1\": %2")
                        .arg(path, attachment.problem));
            }
            m_check.attachments.append(attachment);
        }
    }

    // Cc and Bcc per recipient: an unknown field would fail every message; an invalid address
    // is flagged on its row (the message then goes without that copy, and the send reports it).
    void checkCopies()
    {
        const MessageTemplate &message = m_campaign.message;
        if (message.cc.trimmed().isEmpty() && message.bcc.trimmed().isEmpty())
            return;
        for (const int index : std::as_const(m_sendable)) {
            const Result<CopyRecipients> copies = resolveCopyRecipients(message,
                                                                        m_campaign.recipientFields,
                                                                        m_campaign.recipients.at(
                                                                            index));
            if (!copies) {
                add(Severity::Blocker, Topic::Recipients, copies.error().message);
                return;
            }
            m_check.copyCount += int(copies->cc.size() + copies->bcc.size());
            for (const QString &invalid : copies->invalid) {
                add(Severity::Warning,
                    Topic::Recipients,
                    QCoreApplication::translate("CampaignCheck",
                                                "%1: Cc/Bcc \"%2\" is not a valid address (the "
                                                "message goes without it)")
                        .arg(describeRow(m_campaign, index), invalid),
                    index);
            }
        }
    }

    void checkPersonalAttachments()
    {
        const PersonalAttachmentSettings &settings = m_campaign.message.personalAttachments;
        PersonalAttachmentCheck &personal = m_check.personal;
        if (!settings.isEnabled())
            return;
        personal.isEnabled = true;
        const auto blocker = [this](const QString &text, int index = -1) {
            add(Severity::Blocker, Topic::Attachments, text, index);
        };
        if (m_campaign.filePath.isEmpty()) {
            blocker(QCoreApplication::translate("CampaignCheck",
                                                "personal attachments: save the campaign first "
                                                "(what the check finds is kept beside it)"));
        }
        personal.resolution = resolvePersonalAttachments(m_campaign);
        const AttachmentResolution &resolution = personal.resolution;
        if (!resolution.error.isEmpty()) {
            blocker(resolution.error);
            return;
        }

        AttachmentRecord previous;
        if (!m_campaign.filePath.isEmpty()) {
            auto loaded = AttachmentRecord::load(AttachmentRecord::pathFor(m_campaign.filePath));
            if (loaded)
                previous = std::move(*loaded);
            else
                add(Severity::Warning, Topic::Attachments, loaded.error().message);
        }
        personal.lastCheckedAt = previous.checkedAt;
        const bool holds = settings.whenUnresolved
                           == PersonalAttachmentSettings::WhenUnresolved::Hold;
        for (const int index : std::as_const(m_sendable)) {
            const RecipientAttachments &files = resolution.recipients[size_t(index)];
            if (files.isBlocked()) {
                personal.unresolved.append(index);
                const bool isAmbiguous = std::any_of(files.problems.cbegin(),
                                                     files.problems.cend(),
                                                     [](const AttachmentProblem &problem) {
                                                         return problem.kind
                                                                == AttachmentProblem::Kind::Ambiguous;
                                                     });
                ++(isAmbiguous ? personal.ambiguousCount : personal.missingCount);
                const QString reason = files.blockReason(settings.rules);
                add(holds ? Severity::Warning : Severity::Blocker,
                    Topic::Attachments,
                    holds ? QCoreApplication::translate("CampaignCheck", "%1: %2 (will be held)")
                                .arg(describeRow(m_campaign, index), reason)
                          : QCoreApplication::translate("CampaignCheck", "%1: %2")
                                .arg(describeRow(m_campaign, index), reason),
                    index);
                continue;
            }
            if (!settings.pdfPasswordTemplate.isEmpty()) {
                const Result<QString> password = mergeRecipientFields(
                    settings.pdfPasswordTemplate,
                    m_campaign.recipientFields,
                    m_campaign.recipients.at(index),
                    QStringLiteral("personalAttachments.protectPdfWith"));
                if (!password) {
                    blocker(password.error().message);
                    return;
                }
                // Only whether it is empty: the password itself is never shown or kept.
                if (password->trimmed().isEmpty()) {
                    personal.unresolved.append(index);
                    ++personal.missingCount;
                    add(holds ? Severity::Warning : Severity::Blocker,
                        Topic::Attachments,
                        QCoreApplication::translate("CampaignCheck",
                                                    "%1: the field that gives the PDF its "
                                                    "password is empty%2")
                            .arg(describeRow(m_campaign, index),
                                 holds ? QCoreApplication::translate("CampaignCheck",
                                                                     " (will be held)")
                                       : QString()),
                        index);
                    continue;
                }
            }
            ++personal.matchedCount;
            qint64 bytes = 0;
            for (const QString &name : files.fileNames) {
                if (!personal.fingerprints.contains(name)) {
                    const auto recorded = previous.files.constFind(name);
                    const FileFingerprint *before = recorded == previous.files.cend() ? nullptr
                                                                                      : &*recorded;
                    const auto fingerprint = fingerprintFile(resolution.pathOf(name), before);
                    if (!fingerprint) {
                        blocker(QCoreApplication::translate("CampaignCheck",
                                                            "personal attachment %1")
                                    .arg(fingerprint.error().message),
                                index);
                        continue;
                    }
                    if (before) {
                        const QString change = describeChange(*before, *fingerprint);
                        if (!change.isEmpty())
                            personal.changedSinceLastCheck.append(change);
                    }
                    personal.fingerprints.insert(name, *fingerprint);
                }
                bytes += personal.fingerprints.value(name).size;
            }
            personal.bytesByRecipient.insert(index, bytes);
            personal.largestRecipientBytes = std::max(personal.largestRecipientBytes, bytes);
        }
        if (!resolution.unmatchedFiles.isEmpty()) {
            constexpr int Examples = 5;
            QStringList examples = resolution.unmatchedFiles.mid(0, Examples);
            if (resolution.unmatchedFiles.size() > Examples)
                examples.append(QStringLiteral("…"));
            add(Severity::Warning,
                Topic::Attachments,
                QCoreApplication::translate("CampaignCheck",
                                            "personal attachments: %n file(s) in the folder "
                                            "match no recipient: %1",
                                            nullptr,
                                            int(resolution.unmatchedFiles.size()))
                    .arg(examples.join(QLatin1String(", "))));
        }
        for (const QString &change : std::as_const(personal.changedSinceLastCheck)) {
            add(Severity::Warning,
                Topic::Attachments,
                QCoreApplication::translate("CampaignCheck", "personal attachment %1").arg(change));
        }
    }

    void checkSize()
    {
        estimateSizes();
        const qint64 largest = m_check.largestMessageBytes > 0
                                   ? m_check.largestMessageBytes
                                   : (m_check.attachmentBytes
                                      + m_check.personal.largestRecipientBytes)
                                         * 4 / 3;
        if (largest > LargeMessageBytes) {
            add(Severity::Warning,
                Topic::Size,
                QCoreApplication::translate(
                    "CampaignCheck",
                    "messages are up to %1 each (attachments: %2 on disk, a third more "
                    "once encoded): many providers refuse messages above 20-25 MB")
                    .arg(formatBytes(largest), formatBytes(m_check.attachmentBytes)));
        }
    }

    // One message composed for real, the others estimated by the size of their merged text:
    // composing every message would encode every attachment once per recipient.
    void estimateSizes()
    {
        const Result<Mailbox> from = parseMailbox(m_campaign.message.from);
        if (!from)
            return; // already a blocker, and every message would fail on it
        if (!m_campaign.message.replyTo.isEmpty() && !parseMailbox(m_campaign.message.replyTo))
            return; // likewise: one mistake, reported once
        auto renderer = MessageRenderer::create(m_campaign.message, m_campaign.recipientFields);
        if (!renderer)
            return; // a template error, already a blocker
        MessageTemplate headers = m_campaign.message;
        // Without the unreadable attachments (already blockers), so the size is still known.
        headers.attachments.clear();
        for (const AttachmentCheck &attachment : std::as_const(m_check.attachments)) {
            if (attachment.problem.isEmpty())
                headers.attachments.append(attachment.path);
        }
        MimeContext context;
        context.messageIdDomain = from->address.section(u'@', -1).toUtf8();
        context.attachments = &m_cache;
        const Result<MimeComposer> composer = MimeComposer::create(headers, context, sendOptions());
        if (!composer) {
            add(Severity::Blocker,
                Topic::Template,
                QCoreApplication::translate("CampaignCheck", "the message cannot be composed: %1")
                    .arg(composer.error().message));
            return;
        }
        const QDateTime date = QDateTime::currentDateTimeUtc();

        int sample = -1;
        qint64 sampleText = 0;
        for (const int index : std::as_const(m_sendable)) {
            const Recipient &recipient = m_campaign.recipients.at(index);
            const RenderedMessage rendered = renderer->render(recipient);
            const Result<OutgoingMessage> message = composer->compose(rendered,
                                                                      recipient,
                                                                      quint64(index),
                                                                      date);
            if (!message) {
                // A problem of this recipient alone; anything else concerns every message.
                if (message.error().message.startsWith(QLatin1String("recipient."))) {
                    add(Severity::Warning,
                        Topic::Recipients,
                        QCoreApplication::translate("CampaignCheck",
                                                    "%1: the message cannot be composed: %2")
                            .arg(describeRow(m_campaign, index), message.error().message),
                        index);
                    continue;
                }
                add(Severity::Blocker,
                    Topic::Template,
                    QCoreApplication::translate("CampaignCheck",
                                                "the message cannot be composed: %1")
                        .arg(message.error().message));
                return;
            }
            sample = index;
            sampleText = renderedBytes(rendered, recipient);
            m_check.sampleMessageBytes = message->content.size();
            break;
        }
        if (sample < 0)
            return;
        for (const int index : std::as_const(m_sendable)) {
            const Recipient &recipient = m_campaign.recipients.at(index);
            const qint64 size = (index == sample
                                     ? m_check.sampleMessageBytes
                                     : m_check.sampleMessageBytes
                                           + renderedBytes(renderer->render(recipient), recipient)
                                           - sampleText)
                                + encodedAttachmentBytes(
                                    m_check.personal.bytesByRecipient.value(index));
            m_check.largestMessageBytes = std::max(m_check.largestMessageBytes, size);
            m_check.estimatedTotalBytes += size;
        }
    }

    const Campaign &m_campaign;
    CampaignCheck &m_check;
    QSet<int> m_invalid;
    QList<int> m_sendable;
    AttachmentCache m_cache;
};

QList<CampaignCheckItem> itemsOf(const QList<CampaignCheckItem> &items, Severity severity)
{
    QList<CampaignCheckItem> matching;
    std::copy_if(items.cbegin(),
                 items.cend(),
                 std::back_inserter(matching),
                 [severity](const CampaignCheckItem &item) { return item.severity == severity; });
    return matching;
}

} // namespace

bool CampaignCheck::canBeSent() const
{
    return std::none_of(items.cbegin(), items.cend(), [](const CampaignCheckItem &item) {
        return item.severity == Severity::Blocker;
    });
}

QList<CampaignCheckItem> CampaignCheck::blockers() const
{
    return itemsOf(items, Severity::Blocker);
}

QList<CampaignCheckItem> CampaignCheck::warnings() const
{
    return itemsOf(items, Severity::Warning);
}

Result<void> recordPersonalAttachmentCheck(const Campaign &campaign, const CampaignCheck &check)
{
    if (!check.personal.isEnabled || campaign.filePath.isEmpty())
        return {};
    AttachmentRecord record;
    record.checkedAt = QDateTime::currentDateTimeUtc();
    record.folder = check.personal.resolution.folder;
    record.files = check.personal.fingerprints;
    return record.save(AttachmentRecord::pathFor(campaign.filePath));
}

CampaignCheck checkCampaign(const Campaign &campaign)
{
    CampaignCheck check;
    Checker(campaign, check).run();
    // Sender, server, recipients, templates, attachments, size: the order of the report.
    std::stable_sort(check.items.begin(),
                     check.items.end(),
                     [](const CampaignCheckItem &a, const CampaignCheckItem &b) {
                         return a.topic < b.topic;
                     });
    return check;
}

} // namespace Bulkmail
