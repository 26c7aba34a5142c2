#pragma once

#include "imap/imapconnection.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace Bulkmail::Test {

// A private instance of Dovecot's IMAP server (Debian's dovecot-imapd), the mailbox server the
// IMAP client is tested against: its own dovecot.conf in a temporary directory, imap on
// 127.0.0.1 on a free port, one user from a passwd-file, Maildirs under the directory. It runs
// in the foreground (dovecot -F) under a small guard shell that stops it by PID when stop() asks
// or when this process ends without asking (crash, ctest timeout). Needs root (Dovecot drops
// to its own users, "dovecot" and "dovenull", which the package creates).
struct PrivateDovecotOptions
{
    enum class Tls {
        None,     // ssl = no: plain text only
        StartTls, // STARTTLS offered, and signing in only after it (disable_plaintext_auth)
        Implicit, // imaps: TLS from the first byte
    };
    Tls tls = Tls::None;
    bool selfSignedCertificate = false; // selfsigned.pem instead of server.pem (CA: ca.pem)
    QString username = QStringLiteral("user@example.test");
    QString password = QStringLiteral("correct horse");
    // Advertise LITERAL- (RFC 7888) instead of LITERAL+: literals over 4096 bytes must wait for
    // the server's "+" (imap_literal_minus).
    bool literalMinus = false;
    // The Sent folder's name and whether it carries the \Sent special-use flag (RFC 6154).
    QString sentName = QStringLiteral("Sent");
    bool sentIsSpecialUse = true;
    // OAuth2 (XOAUTH2, OAUTHBEARER) besides the password: Dovecot's passdb oauth2 asks this
    // introspection endpoint (RFC 7662, POST; tests/support/oauth_server.py's /introspect)
    // whether a token is active and whose it is. Empty: passwords only.
    QString oauth2IntrospectionUrl{};
    QStringList extraConf{}; // more dovecot.conf lines, last
};

class PrivateDovecot final
{
public:
    explicit PrivateDovecot(PrivateDovecotOptions options = {});
    ~PrivateDovecot(); // stop()
    Q_DISABLE_COPY_MOVE(PrivateDovecot)

    // Writes the configuration, picks a free port, starts Dovecot and waits for its greeting
    // (retrying with another port if one was taken). False + qWarning with Dovecot's log on
    // failure.
    [[nodiscard]] bool start();
    void stop();

    [[nodiscard]] quint16 port() const { return m_port; }
    // Where the client connects: "localhost" (a name on the test certificate), port(), the TLS
    // of the options, the test CA trusted by file.
    [[nodiscard]] ImapEndpoint endpoint() const;
    [[nodiscard]] ImapCredentials credentials() const;

    // Disconnects the user's sessions as an administrator would (doveadm kick): the server
    // closes them mid-session. True when doveadm says it kicked someone.
    [[nodiscard]] bool kickUser() const;

    // APPENDs `content` to `mailbox` as the user (with the password), as mail arriving would.
    [[nodiscard]] bool append(const QString &mailbox, const QByteArray &content) const;
    // The messages in a mailbox of the user (Maildir cur/ and new/), as stored, in no order.
    [[nodiscard]] QList<QByteArray> messagesIn(const QString &mailbox) const;
    // Dovecot's log (log_path), and the lines containing `text`.
    [[nodiscard]] QList<QByteArray> logLinesContaining(const QByteArray &text) const;
    // Sign-ins Dovecot refused with `mechanism` ("XOAUTH2"), from its log.
    [[nodiscard]] int refusedSignIns(const QByteArray &mechanism) const;

private:
    [[nodiscard]] QString configuration(quint16 port) const;
    [[nodiscard]] bool waitForGreeting(quint16 port) const;

    PrivateDovecotOptions m_options;
    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<QProcess> m_guard;
    quint16 m_port = 0;
};

} // namespace Bulkmail::Test
