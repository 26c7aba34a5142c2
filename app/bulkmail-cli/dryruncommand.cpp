#include "dryruncommand.h"

#include "campaign/campaigncheck.h"
#include "campaign/emailaddress.h"
#include "checkcommand.h"
#include "compose/mergetemplate.h"
#include "compose/mimecomposer.h"
#include "document/campaignfile.h"
#include "sendcommand.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <cstdio>

namespace Bulkmail {

namespace {

constexpr int RowDigits = 5;
constexpr qsizetype MaxAddressLength = 100;

void printError(const QString &message)
{
    std::fprintf(stderr, "bulkmail-cli: %s\n", qUtf8Printable(message));
}

void printLine(const QString &line)
{
    std::fputs(qUtf8Printable(line + u'\n'), stdout);
}

// Makes `directory` ready: created when missing, emptied of an earlier dry run's messages,
// refused when it holds anything else. Returns how many earlier messages were removed.
Result<int> prepareOutputDirectory(const QString &directory)
{
    const QFileInfo info(directory);
    if (info.exists() && !info.isDir())
        return makeError(ErrorCode::Io, QStringLiteral("\"%1\" is not a folder").arg(directory));
    if (!QDir().mkpath(directory)) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot create the folder \"%1\"").arg(directory));
    }
    static const QRegularExpression earlierMessage(
        QStringLiteral("^\\d{%1}-.*\\.eml$").arg(RowDigits));
    const QDir dir(directory);
    const QFileInfoList entries = dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System
                                                        | QDir::NoDotAndDotDot,
                                                    QDir::Name);
    // Check everything before deleting anything: a refusal changes nothing.
    for (const QFileInfo &entry : entries) {
        if (!entry.isFile() || entry.isSymLink()
            || !earlierMessage.match(entry.fileName()).hasMatch()) {
            return makeError(ErrorCode::Io,
                             QStringLiteral("the folder \"%1\" already holds \"%2\", which is not "
                                            "a message of an earlier dry run: choose an empty or "
                                            "new folder")
                                 .arg(directory, entry.fileName()));
        }
    }
    for (const QFileInfo &entry : entries) {
        if (!QFile::remove(entry.filePath())) {
            return makeError(ErrorCode::Io,
                             QStringLiteral("cannot remove \"%1\" of an earlier dry run")
                                 .arg(entry.filePath()));
        }
    }
    return int(entries.size());
}

Result<void> writeMessage(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.flush()
        || !file.commit()) {
        return makeError(ErrorCode::Io,
                         QStringLiteral("cannot write \"%1\": %2").arg(path, file.errorString()));
    }
    return {};
}

} // namespace

QString fileNameSafeAddress(const QString &address)
{
    QString safe = isValidEmailAddress(address) ? addressWithAsciiDomain(address) : address;
    for (QChar &c : safe) {
        const char16_t u = c.unicode();
        const bool kept = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z')
                          || (u >= u'0' && u <= u'9') || u == u'.' || u == u'_' || u == u'+'
                          || u == u'-' || u == u'@';
        if (!kept)
            c = u'_';
    }
    if (safe.startsWith(u'.'))
        safe[0] = u'_';
    safe.truncate(MaxAddressLength);
    return safe.isEmpty() ? QStringLiteral("recipient") : safe;
}

int runDryRunCommand(const DryRunOptions &options)
{
    const Result<Campaign> loaded = loadCampaign(options.campaignPath);
    if (!loaded) {
        printError(options.campaignPath + QStringLiteral(": ") + loaded.error().message);
        return ExitFatal;
    }
    const Campaign &campaign = *loaded;

    // A dry run renders what a send would send: a campaign that cannot be sent renders nothing.
    const CampaignCheck check = checkCampaign(campaign);
    if (!check.canBeSent()) {
        printError(QStringLiteral("the campaign cannot be sent, so nothing was written:"));
        for (const CampaignCheckItem &item : check.blockers())
            std::fprintf(stderr, "  error: %s\n", qUtf8Printable(item.text));
        std::fprintf(stderr,
                     "Run \"bulkmail-cli check %s\" for the whole report.\n",
                     qUtf8Printable(options.campaignPath));
        return ExitFatal;
    }

    auto renderer = MessageRenderer::create(campaign.message, campaign.recipientFields);
    if (!renderer) {
        printError(renderer.error().message);
        return ExitFatal;
    }
    AttachmentCache attachments;
    if (Result<void> read = attachments.load(campaign.message.attachments); !read) {
        printError(read.error().message);
        return ExitFatal;
    }

    const Result<int> removed = prepareOutputDirectory(options.outputDirectory);
    if (!removed) {
        printError(removed.error().message);
        return ExitFatal;
    }
    const QDir output(options.outputDirectory);
    if (*removed > 0) {
        printLine(QStringLiteral("Removed %1 message file(s) of an earlier dry run from %2")
                      .arg(*removed)
                      .arg(QDir::toNativeSeparators(output.absolutePath())));
    }

    // The same recipients a send leaves out: invalid addresses and duplicates.
    QSet<int> skipped = check.skippedRecipients;
    for (const RecipientIssue &issue : check.recipientIssues) {
        if (issue.kind == RecipientIssue::Kind::InvalidAddress)
            skipped.insert(issue.index);
        QString note;
        if (issue.kind == RecipientIssue::Kind::InvalidAddress)
            note = QStringLiteral("; nothing is sent to it");
        else if (issue.kind == RecipientIssue::Kind::ProbableDuplicate)
            note = QStringLiteral("; it receives one message");
        printLine(QStringLiteral("skipped: ") + issue.message + note);
    }

    const Result<Mailbox> from = parseMailbox(campaign.message.from);
    MimeContext context;
    context.messageIdDomain = from ? from->address.section(u'@', -1).toUtf8() : QByteArray();
    context.attachments = &attachments;

    // As CampaignRunner composes: 7-bit bodies (MimeOptions' default), and a UTF-8 address only
    // where one needs it, since a send leaves the refusal of those to a server without SMTPUTF8.
    MimeOptions mimeOptions;
    mimeOptions.allowSmtpUtf8 = true;
    const Result<MimeComposer> composer = MimeComposer::create(campaign.message,
                                                               context,
                                                               mimeOptions);
    const QDateTime date = QDateTime::currentDateTimeUtc();

    int written = 0;
    int failed = 0;
    qint64 bytes = 0;
    for (int index = 0; index < campaign.recipients.size(); ++index) {
        if (skipped.contains(index))
            continue;
        const Recipient &recipient = campaign.recipients.at(index);
        const RenderedMessage rendered = renderer->render(recipient);
        // When what every message shares is wrong, each message fails with it.
        const Result<OutgoingMessage> message = composer ? composer->compose(rendered,
                                                                             recipient,
                                                                             quint64(index),
                                                                             date)
                                                         : Result<OutgoingMessage>(
                                                             tl::make_unexpected(composer.error()));
        if (!message) {
            ++failed;
            printLine(
                QStringLiteral("failed: recipient %1 (%2): the message cannot be composed: %3")
                    .arg(index + 1)
                    .arg(recipient.email, message.error().message));
            continue;
        }
        const QString fileName = QStringLiteral("%1-%2.eml")
                                     .arg(index + 1, RowDigits, 10, QLatin1Char('0'))
                                     .arg(fileNameSafeAddress(recipient.email));
        if (Result<void> saved = writeMessage(output.filePath(fileName), message->content); !saved) {
            printError(saved.error().message);
            return ExitFatal;
        }
        ++written;
        bytes += message->content.size();
    }

    printLine(QStringLiteral("Dry run: %1 message(s) written to %2 (%3), nothing was sent; "
                             "%4 invalid and %5 duplicate recipient(s) skipped; %6 could not be "
                             "composed")
                  .arg(written)
                  .arg(QDir::toNativeSeparators(output.absolutePath()), formatByteSize(bytes))
                  .arg(check.invalidCount)
                  .arg(check.duplicateCount)
                  .arg(failed));
    return failed > 0 ? ExitSomeFailed : ExitAllSent;
}

} // namespace Bulkmail
