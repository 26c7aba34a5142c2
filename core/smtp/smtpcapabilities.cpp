#include "smtpcapabilities.h"

#include "smtpreply.h"

namespace Bulkmail {

SmtpCapabilities SmtpCapabilities::fromEhloReply(const SmtpReply &reply)
{
    SmtpCapabilities caps;
    // The first line is the server's greeting name; each further line is one extension.
    for (qsizetype i = 1; i < reply.lines.size(); ++i) {
        const QList<QByteArray> words = reply.lines.at(i).simplified().split(' ');
        const QByteArray keyword = words.first().toUpper();
        if (keyword == "PIPELINING") {
            caps.m_pipelining = true;
        } else if (keyword == "STARTTLS") {
            caps.m_startTls = true;
        } else if (keyword == "8BITMIME") {
            caps.m_eightBitMime = true;
        } else if (keyword == "SMTPUTF8") {
            caps.m_smtpUtf8 = true;
        } else if (keyword == "ENHANCEDSTATUSCODES") {
            caps.m_enhancedStatusCodes = true;
        } else if (keyword == "SIZE") {
            caps.m_declaresSize = true;
            if (words.size() > 1)
                caps.m_sizeLimit = words.at(1).toLongLong();
        } else if (keyword == "AUTH" || keyword.startsWith("AUTH=")) {
            // "AUTH=LOGIN PLAIN" is the pre-RFC 4954 form some servers still send.
            QList<QByteArray> mechanisms = words.mid(1);
            if (keyword.startsWith("AUTH="))
                mechanisms.prepend(keyword.mid(5));
            for (const QByteArray &mechanism : std::as_const(mechanisms)) {
                const QString name = QString::fromLatin1(mechanism.toUpper());
                if (!name.isEmpty() && !caps.m_authMechanisms.contains(name))
                    caps.m_authMechanisms.append(name);
            }
        }
    }
    return caps;
}

bool SmtpCapabilities::offersAuthMechanism(QStringView mechanism) const
{
    return m_authMechanisms.contains(mechanism.toString(), Qt::CaseInsensitive);
}

} // namespace Bulkmail
