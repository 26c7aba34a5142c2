#include "privatedovecot.h"

#include "imap/mailboxname.h"
#include "realservers.h"
#include "testcertificates.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace Bulkmail::Test {

namespace {

constexpr int StartAttempts = 5;
constexpr int StartTimeoutMs = 20'000;
constexpr int StopTimeoutMs = 10'000;

// Runs Dovecot in the foreground and stops it by PID when a line arrives on stdin or stdin
// closes (however this process ends). Ignores the signals a dying test's process group gets.
const char *const GuardScript = R"sh(
trap '' HUP INT TERM
/usr/sbin/dovecot -F -c "$1" &
pid=$!
read -r word
kill "$pid" 2>/dev/null
wait "$pid"
)sh";

} // namespace

PrivateDovecot::PrivateDovecot(PrivateDovecotOptions options)
    : m_options(std::move(options))
    , m_directory(std::make_unique<QTemporaryDir>())
{}

PrivateDovecot::~PrivateDovecot()
{
    stop();
}

QString PrivateDovecot::configuration(quint16 port) const
{
    const QString dir = m_directory->path();
    QStringList conf{
        QStringLiteral("protocols = imap"),
        QStringLiteral("listen = 127.0.0.1"),
        QStringLiteral("base_dir = %1/run").arg(dir),
        QStringLiteral("state_dir = %1/state").arg(dir),
        QStringLiteral("instance_name = bulkmail-test-%1").arg(port),
        QStringLiteral("log_path = %1/dovecot.log").arg(dir),
        QStringLiteral("auth_verbose = yes"),
        QStringLiteral("default_internal_user = dovecot"),
        QStringLiteral("default_internal_group = dovecot"),
        QStringLiteral("default_login_user = dovenull"),
        QStringLiteral("passdb {\n  driver = passwd-file\n  mechanisms = plain login\n"
                       "  args = scheme=PLAIN %1/users\n}")
            .arg(dir),
        QStringLiteral("userdb {\n  driver = static\n  args = uid=65534 gid=65534 "
                       "home=%1/mail/%u\n}")
            .arg(dir),
        QStringLiteral("mail_location = maildir:~/Maildir"),
        QStringLiteral("imap_literal_minus = %1")
            .arg(m_options.literalMinus ? QStringLiteral("yes") : QStringLiteral("no")),
        QStringLiteral("namespace inbox {\n  inbox = yes\n  separator = /\n"
                       "  mailbox \"%1\" {\n%2    auto = create\n  }\n}")
            .arg(m_options.sentName,
                 m_options.sentIsSpecialUse ? QStringLiteral("    special_use = \\Sent\n")
                                            : QString()),
        QStringLiteral("service anvil {\n  chroot =\n}"),
    };
    if (m_options.oauth2IntrospectionUrl.isEmpty()) {
        conf << QStringLiteral("auth_mechanisms = plain login");
    } else {
        conf << QStringLiteral("auth_mechanisms = plain login xoauth2 oauthbearer")
             << QStringLiteral("passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n"
                               "  args = %1/oauth2.conf.ext\n}")
                    .arg(dir);
    }
    const bool tls = m_options.tls != PrivateDovecotOptions::Tls::None;
    if (tls) {
        const QString certificate = m_options.selfSignedCertificate ? QStringLiteral("selfsigned")
                                                                    : QStringLiteral("server");
        conf << QStringLiteral("ssl = yes")
             << QStringLiteral("ssl_cert = <%1")
                    .arg(testCertificatePath(QString(certificate + u".pem")))
             << QStringLiteral("ssl_key = <%1")
                    .arg(testCertificatePath(QString(certificate + u".key")))
             << QStringLiteral("disable_plaintext_auth = yes");
    } else {
        conf << QStringLiteral("ssl = no") << QStringLiteral("disable_plaintext_auth = no");
    }
    const bool implicit = m_options.tls == PrivateDovecotOptions::Tls::Implicit;
    conf << QStringLiteral("service imap-login {\n  chroot =\n"
                           "  inet_listener imap {\n    port = %1\n  }\n"
                           "  inet_listener imaps {\n    port = %2\n%3  }\n}")
                .arg(implicit ? 0 : port)
                .arg(implicit ? port : 0)
                .arg(implicit ? QStringLiteral("    ssl = yes\n") : QString());
    conf << m_options.extraConf;
    return conf.join(u'\n') + u'\n';
}

bool PrivateDovecot::start()
{
    if (!m_directory->isValid()) {
        qWarning("PrivateDovecot: no temporary directory");
        return false;
    }
    const QString dir = m_directory->path();
    // Dovecot's own users must reach the sockets and the mail under the directory.
    QFile::setPermissions(dir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadOther | QFileDevice::ExeOther
                              | QFileDevice::ReadGroup | QFileDevice::ExeGroup);
    QDir(dir).mkpath(QStringLiteral("state"));
    QDir(dir).mkpath(QStringLiteral("mail"));
    QFile::setPermissions(dir + QStringLiteral("/mail"), QFileDevice::Permissions(0x7777));
    QFile users(dir + QStringLiteral("/users"));
    if (!users.open(QIODevice::WriteOnly)) {
        qWarning("PrivateDovecot: cannot write the users file");
        return false;
    }
    users.write(
        (m_options.username + QStringLiteral(":{PLAIN}") + m_options.password + u'\n').toUtf8());
    users.close();
    if (!m_options.oauth2IntrospectionUrl.isEmpty()) {
        // The username is the one the token was issued for (RFC 7662 §2.2 "username").
        QFile oauth2(dir + QStringLiteral("/oauth2.conf.ext"));
        if (!oauth2.open(QIODevice::WriteOnly)) {
            qWarning("PrivateDovecot: cannot write oauth2.conf.ext");
            return false;
        }
        oauth2.write(QStringLiteral("introspection_mode = post\n"
                                    "introspection_url = %1\n"
                                    "username_attribute = username\n"
                                    "active_attribute = active\n"
                                    "active_value = true\n")
                         .arg(m_options.oauth2IntrospectionUrl)
                         .toUtf8());
    }

    for (int attempt = 0; attempt < StartAttempts; ++attempt) {
        const quint16 port = freeLocalPort();
        if (port == 0)
            return false;
        QFile conf(dir + QStringLiteral("/dovecot.conf"));
        if (!conf.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        conf.write(configuration(port).toUtf8());
        conf.close();

        m_guard = std::make_unique<QProcess>();
        m_guard->setProgram(QStringLiteral("/bin/sh"));
        m_guard->setArguments({QStringLiteral("-c"),
                               QLatin1String(GuardScript),
                               QStringLiteral("dovecot-guard"),
                               conf.fileName()});
        m_guard->setProcessChannelMode(QProcess::MergedChannels);
        m_guard->start();
        if (!m_guard->waitForStarted(StopTimeoutMs)) {
            qWarning("PrivateDovecot: cannot start: %s", qPrintable(m_guard->errorString()));
            return false;
        }
        if (waitForGreeting(port)) {
            m_port = port;
            return true;
        }
        const QByteArray output = m_guard->readAll();
        stop();
        qWarning("PrivateDovecot: no greeting on port %u (attempt %d): %s",
                 unsigned(port),
                 attempt + 1,
                 output.constData());
    }
    return false;
}

bool PrivateDovecot::waitForGreeting(quint16 port) const
{
    const QDeadlineTimer deadline(StartTimeoutMs);
    while (!deadline.hasExpired()) {
        if (m_guard->state() == QProcess::NotRunning)
            return false;
        QTcpSocket probe;
        probe.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (probe.waitForConnected(1000)) {
            if (m_options.tls == PrivateDovecotOptions::Tls::Implicit)
                return true; // the greeting comes after a handshake; listening is enough
            if (probe.waitForReadyRead(5000) && probe.readAll().startsWith("* OK"))
                return true;
        }
        QThread::msleep(50);
    }
    return false;
}

void PrivateDovecot::stop()
{
    if (!m_guard)
        return;
    if (m_guard->state() != QProcess::NotRunning) {
        m_guard->write("stop\n");
        m_guard->closeWriteChannel();
        if (!m_guard->waitForFinished(StopTimeoutMs)) {
            m_guard->kill();
            m_guard->waitForFinished(StopTimeoutMs);
        }
    }
    m_guard.reset();
    m_port = 0;
}

bool PrivateDovecot::kickUser() const
{
    QProcess doveadm;
    doveadm.setProcessChannelMode(QProcess::MergedChannels);
    doveadm.start(QStringLiteral("/usr/bin/doveadm"),
                  {QStringLiteral("-c"),
                   m_directory->path() + QStringLiteral("/dovecot.conf"),
                   QStringLiteral("kick"),
                   m_options.username});
    if (!doveadm.waitForFinished(StopTimeoutMs))
        return false;
    const QByteArray output = doveadm.readAll();
    return doveadm.exitCode() == 0 && output.contains(m_options.username.toUtf8());
}

ImapEndpoint PrivateDovecot::endpoint() const
{
    ImapEndpoint endpoint;
    endpoint.host = QStringLiteral("localhost");
    endpoint.port = m_port;
    switch (m_options.tls) {
    case PrivateDovecotOptions::Tls::None:
        endpoint.security = SecurityMode::None;
        break;
    case PrivateDovecotOptions::Tls::StartTls:
        endpoint.security = SecurityMode::StartTls;
        break;
    case PrivateDovecotOptions::Tls::Implicit:
        endpoint.security = SecurityMode::ImplicitTls;
        break;
    }
    endpoint.trustCertificateFile = testCertificatePath(u"ca.pem");
    return endpoint;
}

ImapCredentials PrivateDovecot::credentials() const
{
    return ImapCredentials{m_options.username, m_options.password, {}};
}

QList<QByteArray> PrivateDovecot::messagesIn(const QString &mailbox) const
{
    // Dovecot's Maildir++ layout: INBOX is Maildir/ itself, "Sent" is Maildir/.Sent/.
    QString base = m_directory->path() + QStringLiteral("/mail/") + m_options.username
                   + QStringLiteral("/Maildir/");
    if (mailbox.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) != 0)
        base += u'.' + QString::fromLatin1(encodeMailboxName(mailbox)) + u'/';
    QList<QByteArray> messages;
    for (const QString &sub : {QStringLiteral("cur"), QStringLiteral("new")}) {
        const QDir folder(base + sub);
        for (const QString &name : folder.entryList(QDir::Files)) {
            QFile file(folder.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                messages.append(file.readAll());
        }
    }
    return messages;
}

bool PrivateDovecot::append(const QString &mailbox, const QByteArray &content) const
{
    const std::optional<QByteArray> name = imapQuoted(encodeMailboxName(mailbox));
    if (!name)
        return false;
    ImapConnection connection(99, endpoint(), credentials());
    std::optional<ImapCommandResult> result;
    connection.run(
        "APPEND " + *name, [&result](const ImapCommandResult &r) { result = r; }, content);
    connection.open();
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, StartTimeoutMs)) {
        qWarning("PrivateDovecot: no answer to APPEND");
        return false;
    }
    if (!result->isOk())
        qWarning("PrivateDovecot: APPEND: %s", qPrintable(result->describe()));
    return result->isOk();
}

int PrivateDovecot::refusedSignIns(const QByteArray &mechanism) const
{
    // imap-login's line per refused session: "... (auth failed, 1 attempts ...): user=<...>,
    // method=XOAUTH2, ..."
    const QByteArray method = QByteArray("method=" + mechanism + ',');
    int count = 0;
    for (const QByteArray &line : logLinesContaining("auth failed")) {
        if (line.contains(method))
            ++count;
    }
    return count;
}

QList<QByteArray> PrivateDovecot::logLinesContaining(const QByteArray &text) const
{
    QFile log(m_directory->path() + QStringLiteral("/dovecot.log"));
    QList<QByteArray> lines;
    if (!log.open(QIODevice::ReadOnly))
        return lines;
    for (const QByteArray &line : log.readAll().split('\n')) {
        if (line.contains(text))
            lines.append(line);
    }
    return lines;
}

} // namespace Bulkmail::Test
