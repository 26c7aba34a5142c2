#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace Bulkmail {

struct SmtpReply;

// What the server announced in its EHLO reply (RFC 5321 §4.1.1.1 and the extension RFCs).
class SmtpCapabilities
{
public:
    [[nodiscard]] static SmtpCapabilities fromEhloReply(const SmtpReply &reply);

    [[nodiscard]] bool allowsPipelining() const { return m_pipelining; }  // RFC 2920
    [[nodiscard]] bool offersStartTls() const { return m_startTls; }      // RFC 3207
    [[nodiscard]] bool accepts8BitMime() const { return m_eightBitMime; } // RFC 6152
    [[nodiscard]] bool acceptsSmtpUtf8() const { return m_smtpUtf8; }     // RFC 6531
    [[nodiscard]] bool sendsEnhancedStatusCodes() const
    {
        return m_enhancedStatusCodes;
    } // RFC 2034
    [[nodiscard]] bool declaresSize() const { return m_declaresSize; }
    // RFC 1870: 0 means the server declared SIZE without a fixed limit.
    [[nodiscard]] qint64 sizeLimit() const { return m_sizeLimit; }
    [[nodiscard]] const QStringList &authMechanisms() const { return m_authMechanisms; }
    [[nodiscard]] bool offersAuthMechanism(QStringView mechanism) const;

private:
    bool m_pipelining = false;
    bool m_startTls = false;
    bool m_eightBitMime = false;
    bool m_smtpUtf8 = false;
    bool m_enhancedStatusCodes = false;
    bool m_declaresSize = false;
    qint64 m_sizeLimit = 0;
    QStringList m_authMechanisms;
};

} // namespace Bulkmail
