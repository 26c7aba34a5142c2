#include "campaigncheck.h"

#include "campaign/emailaddress.h"
#include "compose/composeproblem.h"
#include "compose/copyrecipients.h"
#include "compose/mimecomposer.h"
#include "delivery/deliverynote.h"

#include <algorithm>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

namespace Bulkmail {

namespace {

using Severity = CampaignCheckItem::Severity;
using Topic = CampaignCheckItem::Topic;
using Code = CampaignCheckItem::Code;
using Field = CampaignCheckItem::Field;

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

Field templateField(TemplateProblem::Part part)
{
    switch (part) {
    case TemplateProblem::Part::Subject:
        return Field::Subject;
    case TemplateProblem::Part::Text:
        return Field::Text;
    case TemplateProblem::Part::Html:
        return Field::Html;
    }
    return Field::None;
}

// A reason in English (for the CLI), then its code and that code's arguments when the error has
// one (Error::noteCode: ComposeProblem, FileProblem), for the window to say it in the user's words.
QStringList reasonArguments(const QString &reason, const Error &error)
{
    QStringList arguments{reason};
    if (error.noteCode != 0)
        arguments << QString::number(error.noteCode) << error.noteArguments;
    return arguments;
}

// The composer and the Cc/Bcc resolution say which setting failed (Error::setting, its key in
// the campaign file: "message.from", "recipient.cc"): the setting becomes the item's field and
// the rest of the English its reason, so that nobody shows the file's names to the user. A
// setting without a field here keeps the whole English.
std::pair<Field, QString> settingProblem(const Error &error)
{
    static const std::pair<QLatin1String, Field> settings[] = {
        {QLatin1String("message.from"), Field::From},
        {QLatin1String("message.replyTo"), Field::ReplyTo},
        {QLatin1String("message.subject"), Field::Subject},
        {QLatin1String("message.text"), Field::Text},
        {QLatin1String("message.html"), Field::Html},
        {QLatin1String("message.cc"), Field::Cc},
        {QLatin1String("message.bcc"), Field::Bcc},
        {QLatin1String("message.attachments"), Field::Attachments},
        // No field of their own in the window: the reason alone, without the file's key.
        {QLatin1String("message.headers"), Field::None},
        {QLatin1String("message.listUnsubscribe"), Field::None},
        {QLatin1String("message.unsubscribeByMail.mailbox"), Field::None},
        {QLatin1String("recipient."), Field::Recipients},
    };
    if (error.setting.isEmpty())
        return {Field::None, error.message};
    for (const auto &[name, field] : settings) {
        if (name.endsWith(u'.') ? error.setting.startsWith(name) : error.setting == name)
            return {field, error.reason()};
    }
    return {Field::None, error.message};
}

// Whether the composer's problem is this recipient's alone (their address, their copies).
bool isRecipientsProblem(const Error &error)
{
    return error.setting.startsWith(QLatin1String("recipient."));
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
    // Words the item in English (checkItemText()) and adds it.
    void add(CampaignCheckItem item)
    {
        const QList<Recipient> &recipients = m_campaign.recipients;
        const QString row = item.recipientIndex >= 0
                                ? describeRecipientRow(recipients, item.recipientIndex)
                                : QString();
        const bool hasOtherRow = item.code == Code::Duplicate
                                 || item.code == Code::ProbableDuplicate
                                 || item.code == Code::DuplicateSentToEach;
        const QString otherRow = hasOtherRow
                                     ? describeRecipientRow(recipients, int(item.numbers.value(0)))
                                     : QString();
        item.text = checkItemText(item, row, otherRow);
        m_check.items.append(std::move(item));
    }

    // An item about one row: its address comes first among the arguments.
    void addForRow(Severity severity,
                   Topic topic,
                   Code code,
                   Field field,
                   int index,
                   const QStringList &arguments = {},
                   const QList<qint64> &numbers = {})
    {
        add({.severity = severity,
             .topic = topic,
             .recipientIndex = index,
             .code = code,
             .field = field,
             .arguments = QStringList{m_campaign.recipients.at(index).email} + arguments,
             .numbers = numbers});
    }

    void checkSender()
    {
        const MessageTemplate &message = m_campaign.message;
        if (!parseMailbox(message.from)) {
            if (message.from.trimmed().isEmpty())
                add({.severity = Severity::Blocker,
                     .topic = Topic::Sender,
                     .code = Code::SenderMissing,
                     .field = Field::From});
            else
                add({.severity = Severity::Blocker,
                     .topic = Topic::Sender,
                     .code = Code::SenderInvalid,
                     .field = Field::From,
                     .arguments = {message.from}});
        }
        // A non-ASCII local part needs SMTPUTF8 (RFC 6531) of the server, for every message: most
        // office servers do not offer it, and the send then stops at the first message.
        if (const Result<Mailbox> from = parseMailbox(message.from); from) {
            const QString local = from->address.section(u'@', 0, -2);
            const bool ascii = std::all_of(local.cbegin(), local.cend(), [](QChar c) {
                return c.unicode() < 0x80;
            });
            if (!ascii) {
                add({.severity = Severity::Warning,
                     .topic = Topic::Sender,
                     .code = Code::SenderNeedsSmtpUtf8,
                     .field = Field::From,
                     .arguments = {from->address}});
            }
        }
        if (!message.replyTo.isEmpty() && !parseMailbox(message.replyTo)) {
            add({.severity = Severity::Blocker,
                 .topic = Topic::Sender,
                 .code = Code::ReplyToInvalid,
                 .field = Field::ReplyTo,
                 .arguments = {message.replyTo}});
        }
    }

    void checkServer()
    {
        const SmtpEndpoint &server = m_campaign.server;
        if (server.host.trimmed().isEmpty())
            add({.severity = Severity::Blocker,
                 .topic = Topic::Server,
                 .code = Code::ServerMissing,
                 .field = Field::ServerHost});
        if (server.security == SecurityMode::None && !server.username.isEmpty()) {
            add({.severity = Severity::Warning,
                 .topic = Topic::Server,
                 .code = Code::PasswordUnencrypted,
                 .field = Field::Security,
                 .arguments = {server.username}});
        }
        if (server.verification == CertificateVerification::InsecureSkipAll) {
            add({.severity = Severity::Warning,
                 .topic = Topic::Server,
                 .code = Code::CertificatesNotChecked,
                 .field = Field::Security});
        }
        if (!server.trustCertificateFile.isEmpty()) {
            QFile file(server.trustCertificateFile);
            if (!file.open(QIODevice::ReadOnly)) {
                add({.severity = Severity::Blocker,
                     .topic = Topic::Server,
                     .code = Code::TrustCertificateUnreadable,
                     .field = Field::TrustCertificate,
                     .arguments = {server.trustCertificateFile, file.errorString()}});
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
                addForRow(Severity::Warning,
                          Topic::Recipients,
                          Code::RecipientInvalid,
                          Field::Recipients,
                          issue.index);
                continue;
            }
            ++m_check.duplicateCount;
            const Code code = sendsEachRow ? Code::DuplicateSentToEach
                              : issue.kind == RecipientIssue::Kind::Duplicate
                                  ? Code::Duplicate
                                  : Code::ProbableDuplicate;
            addForRow(Severity::Warning,
                      Topic::Recipients,
                      code,
                      Field::Recipients,
                      issue.index,
                      {m_campaign.recipients.at(issue.duplicateOf).email},
                      {issue.duplicateOf});
        }
        for (int index = 0; index < m_check.recipientCount; ++index) {
            if (!m_invalid.contains(index) && !m_check.skippedRecipients.contains(index))
                m_sendable.append(index);
        }
        m_check.sendableCount = int(m_sendable.size());
        for (const int index : std::as_const(m_sendable)) {
            if (hasNonAsciiLocalPart(m_campaign.recipients.at(index).email)) {
                addForRow(Severity::Warning,
                          Topic::Recipients,
                          Code::RecipientNeedsSmtpUtf8,
                          Field::Recipients,
                          index);
            }
        }
        if (m_check.recipientCount == 0) {
            add({.severity = Severity::Blocker,
                 .topic = Topic::Recipients,
                 .code = Code::NoRecipients,
                 .field = Field::Recipients});
        } else if (m_check.sendableCount == 0) {
            add({.severity = Severity::Blocker,
                 .topic = Topic::Recipients,
                 .code = Code::NoSendableRecipient,
                 .field = Field::Recipients});
        }
    }

    void checkTemplates()
    {
        const MessageTemplate &message = m_campaign.message;
        m_check.templates = Bulkmail::checkTemplates(m_campaign);
        for (const TemplateProblem &problem : std::as_const(m_check.templates.problems)) {
            const bool isSyntax = problem.kind == TemplateProblem::Kind::Syntax;
            add({.severity = Severity::Blocker,
                 .topic = Topic::Template,
                 .code = isSyntax ? Code::TemplateSyntax : Code::UnknownTemplateField,
                 .field = templateField(problem.part),
                 .arguments = isSyntax ? reasonArguments(problem.detail, problem.error)
                                       : QStringList{problem.detail, problem.suggestion}});
        }
        if (message.subject.trimmed().isEmpty())
            add({.severity = Severity::Warning,
                 .topic = Topic::Template,
                 .code = Code::SubjectEmpty,
                 .field = Field::Subject});
        if (message.text.trimmed().isEmpty() && message.html.trimmed().isEmpty())
            add({.severity = Severity::Warning,
                 .topic = Topic::Template,
                 .code = Code::BodyEmpty,
                 .field = Field::Text});
        for (const auto &[index, fields] :
             std::as_const(m_check.templates.recipientsMissingFields)) {
            if (m_invalid.contains(index) || m_check.skippedRecipients.contains(index))
                continue;
            addForRow(Severity::Warning,
                      Topic::Template,
                      Code::FieldsWouldBeEmpty,
                      Field::Recipients,
                      index,
                      fields);
        }
    }

    void checkAttachments()
    {
        for (const QString &path : m_campaign.message.attachments) {
            AttachmentCheck attachment{path};
            const QFileInfo info(path);
            QFile file(path);
            Code code = Code::AttachmentUnreadable;
            if (!info.exists()) {
                code = Code::AttachmentMissing;
                attachment.problem = QStringLiteral("no such file");
            } else if (info.isDir()) {
                code = Code::AttachmentIsFolder;
                attachment.problem = QStringLiteral("is a folder, not a file");
            } else if (!file.open(QIODevice::ReadOnly)) {
                attachment.problem = file.errorString();
            } else {
                attachment.size = info.size();
                m_check.attachmentBytes += attachment.size;
                if (Result<void> added = m_cache.add(path); !added) {
                    // The composer's reason names the file again; its system reason is the
                    // one this item needs.
                    const Error &error = added.error();
                    const bool unreadable = ComposeProblem::codeOf(error)
                                            == ComposeProblem::Code::AttachmentUnreadable;
                    attachment.problem = unreadable ? error.noteArguments.value(1) : error.message;
                }
            }
            if (!attachment.problem.isEmpty()) {
                attachment.size = -1;
                add({.severity = Severity::Blocker,
                     .topic = Topic::Attachments,
                     .code = code,
                     .field = Field::Attachments,
                     .arguments = code == Code::AttachmentUnreadable
                                      ? QStringList{path, attachment.problem}
                                      : QStringList{path}});
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
                const auto [field, reason] = settingProblem(copies.error());
                add({.severity = Severity::Blocker,
                     .topic = Topic::Recipients,
                     .code = Code::CopiesUnusable,
                     .field = field == Field::Bcc ? Field::Bcc : Field::Cc,
                     .arguments = reasonArguments(reason, copies.error())});
                return;
            }
            m_check.copyCount += int(copies->cc.size() + copies->bcc.size());
            for (const QString &invalid : copies->invalid) {
                addForRow(Severity::Warning,
                          Topic::Recipients,
                          Code::CopyAddressInvalid,
                          Field::Recipients,
                          index,
                          {invalid});
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
        const auto blocker = [this](Code code, const QStringList &arguments = {}) {
            add({.severity = Severity::Blocker,
                 .topic = Topic::Attachments,
                 .code = code,
                 .field = Field::PersonalAttachments,
                 .arguments = arguments});
        };
        if (m_campaign.filePath.isEmpty())
            blocker(Code::PersonalNeedsSavedCampaign);
        personal.resolution = resolvePersonalAttachments(m_campaign);
        const AttachmentResolution &resolution = personal.resolution;
        if (!resolution.error.isEmpty()) {
            blocker(Code::PersonalUnusable,
                    QStringList{resolution.error} + resolution.errorArguments);
            return;
        }

        AttachmentRecord previous;
        if (!m_campaign.filePath.isEmpty()) {
            auto loaded = AttachmentRecord::load(AttachmentRecord::pathFor(m_campaign.filePath));
            if (loaded)
                previous = std::move(*loaded);
            else
                add({.severity = Severity::Warning,
                     .topic = Topic::Attachments,
                     .code = Code::PersonalRecordUnreadable,
                     .field = Field::PersonalAttachments,
                     .arguments = reasonArguments(loaded.error().message, loaded.error())});
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
                addForRow(holds ? Severity::Warning : Severity::Blocker,
                          Topic::Attachments,
                          Code::PersonalUnresolved,
                          Field::PersonalAttachments,
                          index,
                          files.blockArguments(settings.rules));
                continue;
            }
            if (!settings.pdfPasswordTemplate.isEmpty()) {
                const Result<QString> password = mergeRecipientFields(
                    settings.pdfPasswordTemplate,
                    m_campaign.recipientFields,
                    m_campaign.recipients.at(index),
                    QStringLiteral("personalAttachments.protectPdfWith"));
                if (!password) {
                    blocker(Code::PdfPasswordUnusable,
                            reasonArguments(password.error().message, password.error()));
                    return;
                }
                // Only whether it is empty: the password itself is never shown or kept.
                if (password->trimmed().isEmpty()) {
                    personal.unresolved.append(index);
                    ++personal.missingCount;
                    addForRow(holds ? Severity::Warning : Severity::Blocker,
                              Topic::Attachments,
                              Code::PdfPasswordEmpty,
                              Field::PersonalAttachments,
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
                        addForRow(Severity::Blocker,
                                  Topic::Attachments,
                                  Code::PersonalFileUnreadable,
                                  Field::PersonalAttachments,
                                  index,
                                  reasonArguments(fingerprint.error().message, fingerprint.error()));
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
            add({.severity = Severity::Warning,
                 .topic = Topic::Attachments,
                 .code = Code::PersonalFilesUnmatched,
                 .field = Field::PersonalAttachments,
                 .arguments = examples,
                 .numbers = {resolution.unmatchedFiles.size()}});
        }
        for (const QString &change : std::as_const(personal.changedSinceLastCheck)) {
            add({.severity = Severity::Warning,
                 .topic = Topic::Attachments,
                 .code = Code::PersonalFileChanged,
                 .field = Field::PersonalAttachments,
                 .arguments = {change}});
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
            add({.severity = Severity::Warning,
                 .topic = Topic::Size,
                 .code = Code::MessagesTooLarge,
                 .field = Field::Attachments,
                 .numbers = {largest, m_check.attachmentBytes}});
        }
    }

    // MimeComposer's problem with the whole message: which setting, and why.
    void addNotComposed(const Error &error)
    {
        const auto [field, reason] = settingProblem(error);
        add({.severity = Severity::Blocker,
             .topic = Topic::Template,
             .code = Code::MessageNotComposed,
             .field = field,
             .arguments = reasonArguments(reason, error)});
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
            addNotComposed(composer.error());
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
                if (isRecipientsProblem(message.error())) {
                    addForRow(Severity::Warning,
                              Topic::Recipients,
                              Code::RecipientNotComposed,
                              Field::Recipients,
                              index,
                              reasonArguments(settingProblem(message.error()).second,
                                              message.error()));
                    continue;
                }
                addNotComposed(message.error());
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

QString checkItemText(const CampaignCheckItem &item, const QString &row, const QString &otherRow)
{
    const QStringList &arguments = item.arguments;
    const auto argument = [&arguments](int index) { return arguments.value(index); };
    const auto number = [&item](int index) { return item.numbers.value(index); };
    // "line 12 (ann@example.org)": the row as the list counts it, with its address.
    const QString rowWithAddress = argument(0).isEmpty()
                                       ? row
                                       : QStringLiteral("%1 (%2)").arg(row, argument(0));
    const bool held = item.severity == Severity::Warning;
    const auto partName = [&item] {
        switch (item.field) {
        case Field::Subject:
            return QStringLiteral("The subject");
        case Field::Html:
            return QStringLiteral("The HTML body");
        default:
            return QStringLiteral("The message text");
        }
    };
    switch (item.code) {
    case Code::Other:
        return item.text;
    case Code::SenderMissing:
        return QStringLiteral("The From address is empty: enter the sender's address");
    case Code::SenderInvalid:
        return QStringLiteral("The From address \"%1\" is not a valid address").arg(argument(0));
    case Code::SenderNeedsSmtpUtf8:
        return QStringLiteral("The From address \"%1\" has non-ASCII characters before the @; "
                              "only a server that offers SMTPUTF8 accepts it, and sending stops "
                              "at the first message if yours does not")
            .arg(argument(0));
    case Code::ReplyToInvalid:
        return QStringLiteral("The Reply-To address \"%1\" is not a valid address").arg(argument(0));
    case Code::ServerMissing:
        return QStringLiteral("No outgoing mail server is given");
    case Code::PasswordUnencrypted:
        return QStringLiteral("The connection is not encrypted: the password for \"%1\" crosses "
                              "the network unencrypted")
            .arg(argument(0));
    case Code::CertificatesNotChecked:
        return QStringLiteral("Server certificates are not checked: anyone in between can read "
                              "the messages and the password");
    case Code::TrustCertificateUnreadable:
        return QStringLiteral("The extra trusted certificate \"%1\" cannot be read: %2")
            .arg(argument(0), argument(1));
    case Code::NoRecipients:
        return QStringLiteral("The campaign has no recipients");
    case Code::NoSendableRecipient:
        return QStringLiteral("No recipient has a valid address that is not a duplicate");
    case Code::RecipientInvalid:
        return argument(0).isEmpty()
                   ? QStringLiteral("%1: no email address; it is skipped").arg(row)
                   : QStringLiteral("%1: \"%2\" is not a valid email address; it is skipped")
                         .arg(row, argument(0));
    case Code::Duplicate:
        return QStringLiteral("%1: \"%2\" duplicates %3; it receives one message")
            .arg(row, argument(0), otherRow);
    case Code::ProbableDuplicate:
        return QStringLiteral("%1: \"%2\" is probably the same mailbox as \"%3\" on %4 (the "
                              "addresses differ only in case); it receives one message")
            .arg(row, argument(0), argument(1), otherRow);
    case Code::DuplicateSentToEach:
        return QStringLiteral("%1: \"%2\" is the same mailbox as %3; every row gets its own "
                              "message, as the campaign's duplicates setting says")
            .arg(row, argument(0), otherRow);
    case Code::RecipientNeedsSmtpUtf8:
        return QStringLiteral("%1: the part before the @ is not ASCII: it can be sent only "
                              "through a server that offers SMTPUTF8 (RFC 6531)")
            .arg(rowWithAddress);
    case Code::CopyAddressInvalid:
        return QStringLiteral("%1: the Cc/Bcc address \"%2\" is not valid (the message goes "
                              "without it)")
            .arg(rowWithAddress, argument(1));
    case Code::CopiesUnusable:
        return QStringLiteral("Cc/Bcc cannot be used: %1").arg(argument(0));
    case Code::RecipientNotComposed:
        return QStringLiteral("%1: the message cannot be composed: %2")
            .arg(rowWithAddress, argument(1));
    case Code::RecipientListChanged:
        return QStringLiteral("The list changed since you last looked: %1 new, %2 removed")
            .arg(number(0))
            .arg(number(1));
    case Code::TemplateSyntax:
        return QStringLiteral("%1 has a template error: %2").arg(partName(), argument(0));
    case Code::UnknownTemplateField:
        return argument(1).isEmpty()
                   ? QStringLiteral("%1 uses {{%2}}, which no column has")
                         .arg(partName(), argument(0))
                   : QStringLiteral("%1 uses {{%2}}, which no column has; did you mean {{%3}}?")
                         .arg(partName(), argument(0), argument(1));
    case Code::SubjectEmpty:
        return QStringLiteral("The subject is empty");
    case Code::BodyEmpty:
        return QStringLiteral("The message has no text");
    case Code::FieldsWouldBeEmpty: {
        QStringList tags;
        for (const QString &field : arguments.mid(1))
            tags.append(QStringLiteral("{{%1}}").arg(field));
        return QStringLiteral("%1: %2 would be empty")
            .arg(rowWithAddress, tags.join(QLatin1String(", ")));
    }
    case Code::MessageNotComposed:
        return QStringLiteral("The message cannot be composed: %1").arg(argument(0));
    case Code::AttachmentMissing:
        return QStringLiteral("The attachment \"%1\" does not exist").arg(argument(0));
    case Code::AttachmentIsFolder:
        return QStringLiteral("The attachment \"%1\" is a folder, not a file").arg(argument(0));
    case Code::AttachmentUnreadable:
        return QStringLiteral("The attachment \"%1\" cannot be read: %2")
            .arg(argument(0), argument(1));
    case Code::PersonalNeedsSavedCampaign:
        return QStringLiteral("Personal attachments: save the campaign first (what the check "
                              "finds is kept beside it)");
    case Code::PersonalUnusable:
        return QStringLiteral("Personal attachments cannot be used: %1").arg(argument(0));
    case Code::PersonalRecordUnreadable:
        return QStringLiteral("The record of the last check of personal attachments cannot be "
                              "read: %1")
            .arg(argument(0));
    case Code::PersonalUnresolved:
        return (held ? QStringLiteral("%1: %2 (will be held)") : QStringLiteral("%1: %2"))
            .arg(rowWithAddress,
                 englishDeliveryNote(DeliveryNote::PersonalFilesBlocked, arguments.mid(1)));
    case Code::PdfPasswordUnusable:
        return QStringLiteral("The PDF password cannot be made: %1").arg(argument(0));
    case Code::PdfPasswordEmpty:
        return (held ? QStringLiteral("%1: the field that gives the PDF its password is empty "
                                      "(will be held)")
                     : QStringLiteral("%1: the field that gives the PDF its password is empty"))
            .arg(rowWithAddress);
    case Code::PersonalFileUnreadable:
        return QStringLiteral("%1: personal attachment: %2").arg(rowWithAddress, argument(1));
    case Code::PersonalFilesUnmatched:
        return QStringLiteral("Personal attachments: %1 %2 in the folder match no recipient: %3")
            .arg(number(0))
            .arg(number(0) == 1 ? QStringLiteral("file") : QStringLiteral("files"),
                 arguments.join(QLatin1String(", ")));
    case Code::PersonalFileChanged:
        return QStringLiteral("Personal attachment %1").arg(argument(0));
    case Code::MessagesTooLarge:
        return QStringLiteral("Messages are up to %1 each (attachments: %2 on disk, a third more "
                              "once encoded): many providers refuse messages above 20-25 MB")
            .arg(formatBytes(number(0)), formatBytes(number(1)));
    }
    return item.text;
}

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
