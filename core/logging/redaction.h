#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// The SMTP protocol transcript (C:/S: lines) is logged only when BULKMAIL_SMTP_TRANSCRIPT=1.
[[nodiscard]] bool isTranscriptEnabled();

// Redacts credentials from the SMTP transcript (STYLE.md rule 11). Feed it every line the client
// sends and every line the server sends, in order; it returns the text to log, without the line
// ending.
//
// - "AUTH <mechanism> <initial response>" becomes "AUTH <mechanism> <redacted>" (RFC 4954 §4).
// - From AUTH until the server's final reply (anything but 334: 235, 4xx, 5xx) every client line
//   is "<redacted>" and every 334 challenge is "334 <redacted>": LOGIN challenges only say
//   "Username:", but XOAUTH2 error challenges carry details, and the client's answers are the
//   credentials themselves.
class TranscriptRedactor final
{
public:
    [[nodiscard]] QByteArray redactClientLine(QByteArrayView line);
    [[nodiscard]] QByteArray redactServerLine(QByteArrayView line);
    [[nodiscard]] bool isInAuthExchange() const { return m_isInAuthExchange; }
    // A new connection: forget any exchange in progress.
    void reset() { m_isInAuthExchange = false; }

private:
    bool m_isInAuthExchange = false;
};

// Replaces each non-empty secret, and its base64 form, by "<redacted>": a last line of defence for
// error texts that might echo a credential.
[[nodiscard]] QString redactSecrets(QString text, const QStringList &secrets);

} // namespace Bulkmail
