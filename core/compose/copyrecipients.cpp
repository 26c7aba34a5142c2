#include "copyrecipients.h"

#include "composeproblem.h"

#include <QRegularExpression>
#include <QSet>

namespace Bulkmail {

namespace {

// Splits at commas and semicolons outside quoted display names and angle brackets
// ("\"Li, HR\" <hr@example.org>" is one mailbox).
QStringList splitMailboxes(const QString &text)
{
    QStringList pieces;
    QString current;
    bool inQuotes = false;
    bool inBrackets = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar character = text[i];
        if (inQuotes && character == u'\\' && i + 1 < text.size()) {
            current += character;
            current += text[++i];
            continue;
        }
        if (character == u'"' && !inBrackets)
            inQuotes = !inQuotes;
        else if (character == u'<' && !inQuotes)
            inBrackets = true;
        else if (character == u'>' && !inQuotes)
            inBrackets = false;
        if ((character == u',' || character == u';') && !inQuotes && !inBrackets) {
            pieces.append(current);
            current.clear();
            continue;
        }
        current += character;
    }
    pieces.append(current);
    return pieces;
}

const QRegularExpression &fieldReference()
{
    static const QRegularExpression reference(QStringLiteral(R"(\{\{\s*([^{}]+?)\s*\}\})"));
    return reference;
}

} // namespace

QString firstUnknownField(const QString &text, const QStringList &recipientFields)
{
    QRegularExpressionMatchIterator it = fieldReference().globalMatch(text);
    while (it.hasNext()) {
        const QString field = it.next().captured(1);
        if (field != QLatin1String("email") && field != QLatin1String("name")
            && !recipientFields.contains(field))
            return field;
    }
    return {};
}

Result<QString> mergeRecipientFields(const QString &text,
                                     const QStringList &recipientFields,
                                     const Recipient &recipient,
                                     const QString &what)
{
    QString merged;
    qsizetype position = 0;
    QRegularExpressionMatchIterator it = fieldReference().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        merged += QStringView(text).mid(position, match.capturedStart() - position);
        const QString field = match.captured(1);
        if (field == QLatin1String("email")) {
            merged += recipient.email;
        } else if (field == QLatin1String("name")) {
            merged += recipient.name;
        } else if (const qsizetype index = recipientFields.indexOf(field); index >= 0) {
            merged += recipient.fields.value(index);
        } else {
            return tl::make_unexpected(ComposeProblem::error(ErrorCode::InvalidValue,
                                                             ComposeProblem::Code::UnknownField,
                                                             {what, field}));
        }
        position = match.capturedEnd();
    }
    merged += QStringView(text).mid(position);
    return merged;
}

Result<CopyRecipients> resolveCopyRecipients(const MessageTemplate &message,
                                             const QStringList &recipientFields,
                                             const Recipient &recipient)
{
    CopyRecipients copies;
    QSet<QString> seen{recipient.email.trimmed().toLower()};
    for (const auto &[text, target, what] :
         {std::tuple{&message.cc, &copies.cc, QLatin1String("cc")},
          std::tuple{&message.bcc, &copies.bcc, QLatin1String("bcc")}}) {
        if (text->trimmed().isEmpty())
            continue;
        const Result<QString> merged = mergeRecipientFields(*text,
                                                            recipientFields,
                                                            recipient,
                                                            QStringLiteral("message.") + what);
        if (!merged)
            return tl::make_unexpected(merged.error());
        for (const QString &piece : splitMailboxes(*merged)) {
            // Trimmed of spaces only: a CR or LF stays and makes the piece invalid.
            QString trimmed = piece;
            while (trimmed.startsWith(u' ') || trimmed.startsWith(u'\t'))
                trimmed.remove(0, 1);
            while (trimmed.endsWith(u' ') || trimmed.endsWith(u'\t'))
                trimmed.chop(1);
            if (trimmed.isEmpty())
                continue;
            const Result<Mailbox> mailbox = parseMailbox(trimmed);
            if (!mailbox || !isValidEmailAddress(mailbox->address)) {
                copies.invalid.append(trimmed);
                continue;
            }
            const QString key = mailbox->address.toLower();
            if (seen.contains(key)) {
                copies.duplicates.append(mailbox->address);
                continue;
            }
            seen.insert(key);
            target->append(*mailbox);
        }
    }
    return copies;
}

} // namespace Bulkmail
