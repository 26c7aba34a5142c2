#include "recipientvalidation.h"

#include <QCoreApplication>
#include <QHash>

#include "campaign/emailaddress.h"

namespace Bulkmail {

// The texts are English unless the application installed a translator (the desktop app does;
// bulkmail-cli prints them as they are).
QString describeRecipientRow(const QList<Recipient> &recipients, int index)
{
    const int line = recipients[index].sourceLine;
    return line > 0
               ? QCoreApplication::translate("RecipientValidation", "line %1").arg(line)
               : QCoreApplication::translate("RecipientValidation", "recipient %1").arg(index + 1);
}

namespace {

bool isAscii(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
}

} // namespace

QList<RecipientIssue> validateRecipients(const QList<Recipient> &recipients)
{
    QList<RecipientIssue> issues;
    // Keys: the address with its domain folded (exact), and wholly folded (probable).
    QHash<QString, int> exact;
    QHash<QString, int> folded;
    exact.reserve(recipients.size());
    folded.reserve(recipients.size());
    for (int index = 0; index < recipients.size(); ++index) {
        const QString &email = recipients[index].email;
        if (!isValidEmailAddress(email)) {
            issues.append(
                {index,
                 RecipientIssue::Kind::InvalidAddress,
                 -1,
                 email.isEmpty()
                     ? QCoreApplication::translate("RecipientValidation", "%1: no email address")
                           .arg(describeRecipientRow(recipients, index))
                     : QCoreApplication::translate("RecipientValidation",
                                                   "%1: \"%2\" is not a valid email "
                                                   "address")
                           .arg(describeRecipientRow(recipients, index), email)});
            continue;
        }
        const qsizetype at = email.lastIndexOf(u'@');
        const QStringView local = QStringView(email).first(at);
        QString domain = email.sliced(at + 1);
        if (!isAscii(domain)) {
            const QString ascii = addressWithAsciiDomain(email);
            domain = ascii.sliced(ascii.lastIndexOf(u'@') + 1);
        }
        const QString exactKey = local + u'@' + domain.toLower();
        const QString foldedKey = local.toString().toLower() + u'@' + domain.toLower();

        if (const auto first = exact.constFind(exactKey); first != exact.cend()) {
            issues.append({index,
                           RecipientIssue::Kind::Duplicate,
                           first.value(),
                           QCoreApplication::translate("RecipientValidation",
                                                       "%1: \"%2\" duplicates %3; it receives "
                                                       "one message")
                               .arg(describeRecipientRow(recipients, index),
                                    email,
                                    describeRecipientRow(recipients, first.value()))});
            continue;
        }
        exact.insert(exactKey, index);
        if (const auto first = folded.constFind(foldedKey); first != folded.cend()) {
            issues.append({index,
                           RecipientIssue::Kind::ProbableDuplicate,
                           first.value(),
                           QCoreApplication::translate("RecipientValidation",
                                                       "%1: \"%2\" is probably the same mailbox "
                                                       "as \"%3\" on %4 (the addresses differ "
                                                       "only in case)")
                               .arg(describeRecipientRow(recipients, index),
                                    email,
                                    recipients[first.value()].email,
                                    describeRecipientRow(recipients, first.value()))});
            continue;
        }
        folded.insert(foldedKey, index);
    }
    return issues;
}

QSet<int> duplicatesToSkip(const QList<RecipientIssue> &issues, ProbableDuplicates probable)
{
    QSet<int> skipped;
    for (const RecipientIssue &issue : issues) {
        if (issue.kind == RecipientIssue::Kind::Duplicate
            || (issue.kind == RecipientIssue::Kind::ProbableDuplicate
                && probable == ProbableDuplicates::SendOnce)) {
            skipped.insert(issue.index);
        }
    }
    return skipped;
}

QSet<int> duplicatesToSkip(const QList<RecipientIssue> &issues, DuplicatePolicy policy)
{
    return policy == DuplicatePolicy::SendEach ? QSet<int>() : duplicatesToSkip(issues);
}

} // namespace Bulkmail
