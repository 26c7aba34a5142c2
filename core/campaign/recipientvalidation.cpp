#include "recipientvalidation.h"

#include <QCoreApplication>

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

AddressKeys addressKeys(const QString &email)
{
    AddressKeys keys;
    keys.isValid = isValidEmailAddress(email);
    if (!keys.isValid)
        return keys;
    const qsizetype at = email.lastIndexOf(u'@');
    const QStringView local = QStringView(email).first(at);
    QString domain = email.sliced(at + 1);
    if (!isAscii(domain)) {
        const QString ascii = addressWithAsciiDomain(email);
        domain = ascii.sliced(ascii.lastIndexOf(u'@') + 1);
    }
    const QString lowerDomain = domain.toLower();
    keys.exact = local + u'@' + lowerDomain;
    if (keys.exact == email)
        keys.exact = email; // share the address's string
    keys.folded = local.toString().toLower() + u'@' + lowerDomain;
    if (keys.folded == keys.exact)
        keys.folded = keys.exact;
    return keys;
}

DuplicateFinder::DuplicateFinder(qsizetype expectedRows)
{
    m_exact.reserve(expectedRows);
    m_folded.reserve(expectedRows);
}

std::optional<DuplicateMatch> DuplicateFinder::add(const AddressKeys &keys, int index)
{
    Q_ASSERT(keys.isValid);
    if (const auto first = m_exact.constFind(keys.exact); first != m_exact.cend())
        return DuplicateMatch{RecipientIssue::Kind::Duplicate, first.value()};
    m_exact.insert(keys.exact, index);
    if (const auto first = m_folded.constFind(keys.folded); first != m_folded.cend())
        return DuplicateMatch{RecipientIssue::Kind::ProbableDuplicate, first.value()};
    m_folded.insert(keys.folded, index);
    return std::nullopt;
}

QList<RecipientIssue> validateRecipients(const QList<Recipient> &recipients)
{
    QList<RecipientIssue> issues;
    DuplicateFinder finder(recipients.size());
    for (int index = 0; index < recipients.size(); ++index) {
        const QString &email = recipients[index].email;
        const AddressKeys keys = addressKeys(email);
        if (!keys.isValid) {
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
        const std::optional<DuplicateMatch> match = finder.add(keys, index);
        if (!match)
            continue;
        const int first = match->duplicateOf;
        issues.append({index,
                       match->kind,
                       first,
                       match->kind == RecipientIssue::Kind::Duplicate
                           ? QCoreApplication::translate("RecipientValidation",
                                                         "%1: \"%2\" duplicates %3; it receives "
                                                         "one message")
                                 .arg(describeRecipientRow(recipients, index),
                                      email,
                                      describeRecipientRow(recipients, first))
                           : QCoreApplication::translate("RecipientValidation",
                                                         "%1: \"%2\" is probably the same mailbox "
                                                         "as \"%3\" on %4 (the addresses differ "
                                                         "only in case)")
                                 .arg(describeRecipientRow(recipients, index),
                                      email,
                                      recipients[first].email,
                                      describeRecipientRow(recipients, first))});
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
