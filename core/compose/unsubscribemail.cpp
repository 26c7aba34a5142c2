#include "compose/unsubscribemail.h"

#include "compose/composeproblem.h"

#include "campaign/emailaddress.h"

#include <QRegularExpression>
#include <QUrl>

namespace Bulkmail {

namespace {

const QByteArray SubjectWord = QByteArrayLiteral("unsubscribe");
const QString PlusTag = QStringLiteral("+unsubscribe");

// RFC 6068 §2: besides the unreserved characters, these may stand unencoded in an addr-spec or
// an hfvalue; everything else (space, '%', '/', '?', '#', '<', '>', ',', non-ASCII) is
// percent-encoded UTF-8.
const QByteArray UnencodedInMailto = QByteArrayLiteral("!$'*+=&;:@");

} // namespace

QString unsubscribeMailAddress(const UnsubscribeMailSettings &settings, const QString &senderAddress)
{
    QString address = settings.mailbox.trimmed().isEmpty() ? senderAddress.trimmed()
                                                           : settings.mailbox.trimmed();
    if (settings.address == UnsubscribeMailSettings::Address::PlusAddressed) {
        const qsizetype at = address.lastIndexOf(u'@');
        if (at > 0 && !address.left(at).endsWith(PlusTag, Qt::CaseInsensitive))
            address.insert(at, PlusTag);
    }
    return address;
}

Result<UnsubscribeMailto> UnsubscribeMailto::create(const UnsubscribeMailSettings &settings,
                                                    const QString &senderAddress)
{
    const QString address = unsubscribeMailAddress(settings, senderAddress);
    const qsizetype at = address.lastIndexOf(u'@');
    const QByteArray asciiDomain = at > 0 ? QUrl::toAce(address.mid(at + 1)) : QByteArray();
    if (!isValidEmailAddress(address) || asciiDomain.isEmpty()) {
        QString shown = address; // an error message must not carry a line break either
        for (QChar &c : shown) {
            if (c.unicode() < 0x20 || c.unicode() == 0x7F)
                c = u'?';
        }
        return tl::make_unexpected(
            ComposeProblem::error(ErrorCode::InvalidAddress,
                                  ComposeProblem::Code::AddressNotValid,
                                  {QStringLiteral("message.unsubscribeByMail.mailbox"), shown}));
    }
    UnsubscribeMailto mailto;
    mailto.m_address = address;
    mailto.m_prefix = "mailto:" + address.left(at).toUtf8().toPercentEncoding(UnencodedInMailto)
                      + '@' + asciiDomain + "?subject=" + SubjectWord + "%20";
    return mailto;
}

QByteArray UnsubscribeMailto::uriFor(const QByteArray &messageId) const
{
    QByteArray token = messageId.trimmed();
    if (token.startsWith('<') && token.endsWith('>'))
        token = token.mid(1, token.size() - 2);
    return m_prefix + token.toPercentEncoding(UnencodedInMailto);
}

QString messageIdInUnsubscribeSubject(const QString &subject)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^\s*unsubscribe\s+<?([^\s<>@]+@[^\s<>@]+?)>?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(subject);
    return match.hasMatch() ? u'<' + match.captured(1) + u'>' : QString();
}

} // namespace Bulkmail
