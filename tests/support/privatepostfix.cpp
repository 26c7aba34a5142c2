#include "privatepostfix.h"

#include "testcertificates.h"

#include <csignal>
#include <utility>

#include <sys/types.h>
#include <unistd.h>

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QtDebug>

namespace Bulkmail::Test {

namespace {

constexpr int StartTimeoutMs = 30'000;
constexpr int StopTimeoutMs = 10'000;
constexpr int StartAttempts = 5;
const char *const PostfixProgram = "/usr/sbin/postfix";
const char *const SaslPasswdProgram = "/usr/sbin/saslpasswd2";
const char *const HostName = "postfix.bulkmail.test";
const char *const SaslRealm = "bulkmail.test";
const char *const DiscardText = "discarded by the Bulkmail test Postfix";
const char *const MaildirName = "inbox/"; // under virtual_mailbox_base; "/": a Maildir

// Stops the instance when this process ends without stop() (crash, ctest timeout): the guard
// waits for EOF on its stdin (our end of the pipe closes however we end) or for the word
// "stopped" (stop() did the work). It ignores the signals a dying test's process group gets.
const char *const GuardScript = R"sh(
trap '' HUP INT TERM
read -r word
if [ "$word" != stopped ]; then
    /usr/sbin/postfix -c "$1" stop >/dev/null 2>&1 || /usr/sbin/postfix -c "$1" abort >/dev/null 2>&1
    rm -rf "$2"
fi
)sh";

// Postfix's own services, none chrooted; smtpd is added on the test's port.
const char *const MasterCf = R"cf(pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
virtual   unix  -       n       n       -       -       virtual
)cf";

// Postfix re-reads a configuration file or table modified within the last second until it is
// older (dict_load_file(), 300 ms steps), so files written just now are dated in the past.
bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(contents) != contents.size() || !file.flush()
        || !file.setFileTime(QDateTime::currentDateTime().addSecs(-60),
                             QFileDevice::FileModificationTime)) {
        qWarning("PrivatePostfix: cannot write %s: %s",
                 qPrintable(path),
                 qPrintable(file.errorString()));
        return false;
    }
    return true;
}

bool setOwner(const QString &path, const char *user)
{
    QProcess chown;
    chown.start(QStringLiteral("/bin/chown"), {QLatin1String(user), path});
    if (!chown.waitForFinished(StopTimeoutMs) || chown.exitStatus() != QProcess::NormalExit
        || chown.exitCode() != 0) {
        qWarning("PrivatePostfix: chown %s %s failed: %s",
                 user,
                 qPrintable(path),
                 chown.readAllStandardError().constData());
        return false;
    }
    return true;
}

// Session id of a process from /proc/PID/stat ("pid (comm) state ppid pgrp session ..."); the
// command may contain spaces and parentheses, so count fields after the last ')'.
qint64 sessionOf(const QString &pid)
{
    QFile stat(QStringLiteral("/proc/") + pid + QStringLiteral("/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray contents = stat.readAll();
    const qsizetype close = contents.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = contents.mid(close + 2).split(' ');
    // fields: state ppid pgrp session ...; a zombie has already ended for our purpose.
    if (fields.size() < 4 || fields.at(0) == "Z")
        return -1;
    return fields.at(3).toLongLong();
}

QList<qint64> processesInSession(qint64 sessionId)
{
    QList<qint64> result;
    if (sessionId <= 0)
        return result;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool isNumber = false;
        const qint64 pid = entry.toLongLong(&isNumber);
        if (isNumber && sessionOf(entry) == sessionId)
            result.append(pid);
    }
    return result;
}

QByteArray angleAddress(const QByteArray &line, const QByteArray &field)
{
    const qsizetype start = line.indexOf(field);
    if (start < 0)
        return {};
    const qsizetype open = start + field.size();
    const qsizetype close = line.indexOf('>', open);
    return close < 0 ? QByteArray() : line.mid(open, close - open);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// PostfixSession

int PostfixSession::succeeded(const QByteArray &command) const
{
    return commands.value(command).succeeded;
}

int PostfixSession::attempted(const QByteArray &command) const
{
    return commands.value(command).attempted;
}

QByteArray PostfixSession::summary() const
{
    const qsizetype start = line.indexOf("] ", line.indexOf("disconnect from "));
    return start < 0 ? QByteArray() : line.mid(start + 2).trimmed();
}

std::optional<PostfixSession> PostfixSession::parse(const QByteArray &logLine)
{
    // "... postfix-bulkmail/smtpd[1234]: disconnect from localhost[127.0.0.1] ehlo=2 ... "
    static const QRegularExpression pattern(QStringLiteral(
        R"(/smtpd\[(\d+)\]: disconnect from \S+\[[^\]]*\]((?: \w+=\d+(?:/\d+)?)*)\s*$)"));
    const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(logLine));
    if (!match.hasMatch())
        return std::nullopt;
    PostfixSession session;
    session.pid = match.captured(1).toInt();
    session.line = logLine;
    const QStringList counts = match.captured(2).split(u' ', Qt::SkipEmptyParts);
    for (const QString &count : counts) {
        const qsizetype equals = count.indexOf(u'=');
        const QStringView value = QStringView(count).mid(equals + 1);
        const qsizetype slash = value.indexOf(u'/');
        Count parsed;
        parsed.succeeded = value.left(slash < 0 ? value.size() : slash).toInt();
        parsed.attempted = slash < 0 ? parsed.succeeded : value.mid(slash + 1).toInt();
        session.commands.insert(count.left(equals).toLatin1(), parsed);
    }
    return session;
}

// ---------------------------------------------------------------------------------------------
// PrivatePostfix

PrivatePostfix::PrivatePostfix(PrivatePostfixOptions options)
    : m_options(std::move(options))
    , m_directory(std::make_unique<QTemporaryDir>())
{}

PrivatePostfix::~PrivatePostfix()
{
    stop();
}

QString PrivatePostfix::host() const
{
    return QStringLiteral("127.0.0.1");
}

quint16 PrivatePostfix::port() const
{
    return m_port;
}

QString PrivatePostfix::caCertificatePath() const
{
    return testCertificatePath(u"ca.pem");
}

SmtpEndpoint PrivatePostfix::endpoint(SecurityMode security, const QString &username) const
{
    SmtpEndpoint endpoint;
    endpoint.host = QStringLiteral("localhost"); // a name the test certificate carries
    endpoint.port = m_port;
    endpoint.security = security;
    endpoint.username = username;
    endpoint.trustCertificateFile = caCertificatePath();
    endpoint.heloName = QStringLiteral("client.example.test");
    return endpoint;
}

QString PrivatePostfix::hostName()
{
    return QLatin1String(HostName);
}

QString PrivatePostfix::directory() const
{
    return m_directory->path();
}

QString PrivatePostfix::configDirectory() const
{
    return m_directory->filePath(QStringLiteral("etc"));
}

QString PrivatePostfix::logPath() const
{
    return m_directory->filePath(QStringLiteral("maillog"));
}

bool PrivatePostfix::writeConfiguration(quint16 port)
{
    const QString dir = directory();
    const QString etc = configDirectory();
    const PrivatePostfixOptions &o = m_options;
    const bool hasAuth = !o.username.isEmpty();

    QStringList main{
        QStringLiteral("compatibility_level = 3.6"),
        QStringLiteral("queue_directory = ") + dir + QStringLiteral("/queue"),
        QStringLiteral("data_directory = ") + dir + QStringLiteral("/data"),
        QStringLiteral("mail_owner = postfix"),
        QStringLiteral("setgid_group = postdrop"),
        QStringLiteral("myhostname = ") + QLatin1String(HostName),
        QStringLiteral("mydomain = ") + QLatin1String(SaslRealm),
        QStringLiteral("myorigin = $myhostname"),
        QStringLiteral("mydestination ="),
        QStringLiteral("relay_domains ="),
        QStringLiteral("local_recipient_maps ="),
        QStringLiteral("alias_maps ="),
        QStringLiteral("alias_database ="),
        QStringLiteral("inet_interfaces = 127.0.0.1"),
        QStringLiteral("inet_protocols = ipv4"),
        // With requireAuth nothing is trusted by address (a network no client comes from).
        QStringLiteral("mynetworks = ")
            + (o.requireAuth ? QStringLiteral("192.0.2.1/32") : QStringLiteral("127.0.0.0/8")),
        QStringLiteral("default_transport = discard:") + QLatin1String(DiscardText),
        QStringLiteral("local_transport = discard:") + QLatin1String(DiscardText),
        QStringLiteral("maillog_file = ") + logPath(),
        QStringLiteral("maillog_file_prefixes = ") + dir,
        QStringLiteral("syslog_name = postfix-bulkmail"),
        QStringLiteral("smtpd_banner = $myhostname ESMTP Postfix (Bulkmail test)"),
        QStringLiteral("smtpd_relay_restrictions = permit_sasl_authenticated, permit_mynetworks, "
                       "reject_unauth_destination"),
        QStringLiteral("smtpd_recipient_restrictions = check_recipient_access texthash:") + etc
            + QStringLiteral("/recipient_access"),
        QStringLiteral("smtpd_client_event_limit_exceptions ="),
        QStringLiteral("anvil_rate_time_unit = %1s").arg(o.anvilRateTimeUnitSeconds),
        QStringLiteral("smtpd_client_message_rate_limit = %1").arg(o.messageRateLimit),
        QStringLiteral("smtpd_client_recipient_rate_limit = %1").arg(o.recipientRateLimit),
        QStringLiteral("smtpd_client_connection_rate_limit = %1").arg(o.connectionRateLimit),
        QStringLiteral("smtpd_client_connection_count_limit = %1").arg(o.connectionCountLimit),
        QStringLiteral("smtpd_forbid_unauth_pipelining = ")
            + (o.forbidUnauthPipelining ? QStringLiteral("yes") : QStringLiteral("no")),
    };
    if (o.offerStartTls || o.requireTls) {
        main << QStringLiteral("smtpd_tls_cert_file = ") + testCertificatePath(u"server.pem")
             << QStringLiteral("smtpd_tls_key_file = ") + testCertificatePath(u"server.key")
             << QStringLiteral("smtpd_tls_security_level = ")
                    + (o.requireTls ? QStringLiteral("encrypt") : QStringLiteral("may"))
             << QStringLiteral("smtpd_tls_auth_only = yes");
    }
    if (hasAuth) {
        main << QStringLiteral("smtpd_sasl_auth_enable = yes")
             << QStringLiteral("smtpd_sasl_type = cyrus")
             << QStringLiteral("smtpd_sasl_path = smtpd")
             << QStringLiteral("cyrus_sasl_config_path = ") + etc + QStringLiteral("/sasl")
             << QStringLiteral("smtpd_sasl_local_domain = ") + QLatin1String(SaslRealm);
    }
    if (o.keepMessages) {
        // Every domain is a virtual mailbox domain (a static table matches any key), and every
        // address is delivered into one Maildir (the trailing slash), owned by nobody; virtual(8)
        // refuses regexp substitution here, so one Maildir it is, and Delivered-To tells whose.
        main << QStringLiteral("virtual_mailbox_domains = static:all")
             << QStringLiteral("virtual_mailbox_base = ") + dir + QStringLiteral("/mail")
             << QStringLiteral("virtual_mailbox_maps = static:") + QLatin1String(MaildirName)
             << QStringLiteral("virtual_uid_maps = static:65534")
             << QStringLiteral("virtual_gid_maps = static:65534");
    }
    main << o.extraMainCf;
    for (auto it = m_overrides.cbegin(); it != m_overrides.cend(); ++it)
        main << it.key() + QStringLiteral(" = ") + it.value();

    QByteArray access;
    for (auto it = o.recipientActions.cbegin(); it != o.recipientActions.cend(); ++it)
        access += it.key().toUtf8() + ' ' + it.value().toUtf8() + '\n';

    const QByteArray master = "127.0.0.1:" + QByteArray::number(port) + " inet n - n - - smtpd\n"
                              + MasterCf;
    if (!QDir().mkpath(etc + QStringLiteral("/sasl"))
        || !writeFile(etc + QStringLiteral("/main.cf"), main.join(u'\n').toUtf8() + '\n')
        || !writeFile(etc + QStringLiteral("/master.cf"), master)
        || !writeFile(etc + QStringLiteral("/recipient_access"), access)) {
        return false;
    }
    if (o.keepMessages
        && (!QDir().mkpath(dir + QStringLiteral("/mail"))
            || !setOwner(dir + QStringLiteral("/mail"), "nobody"))) {
        return false;
    }
    if (!hasAuth)
        return true;

    const QString sasldb = etc + QStringLiteral("/sasl/sasldb");
    const QByteArray smtpdConf = "pwcheck_method: auxprop\nauxprop_plugin: sasldb\n"
                                 "mech_list: PLAIN LOGIN\nsasldb_path: "
                                 + sasldb.toUtf8() + '\n';
    if (!writeFile(etc + QStringLiteral("/sasl/smtpd.conf"), smtpdConf))
        return false;
    QFile::remove(sasldb);
    QProcess saslpasswd;
    // -p reads the password from stdin, so it never shows in `ps`.
    saslpasswd.start(QLatin1String(SaslPasswdProgram),
                     {QStringLiteral("-f"),
                      sasldb,
                      QStringLiteral("-p"),
                      QStringLiteral("-c"),
                      QStringLiteral("-u"),
                      QLatin1String(SaslRealm),
                      o.username});
    saslpasswd.write(o.password.toUtf8());
    saslpasswd.closeWriteChannel();
    if (!saslpasswd.waitForFinished(StopTimeoutMs)
        || saslpasswd.exitStatus() != QProcess::NormalExit || saslpasswd.exitCode() != 0) {
        qWarning("PrivatePostfix: %s failed (install sasl2-bin): %s",
                 SaslPasswdProgram,
                 saslpasswd.readAllStandardError().constData());
        return false;
    }
    // smtpd reads the database as the postfix user.
    return setOwner(sasldb, "postfix");
}

bool PrivatePostfix::runPostfix(const QStringList &arguments, QString *output) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QLatin1String(PostfixProgram),
                  QStringList{QStringLiteral("-c"), configDirectory()} + arguments);
    const bool finished = process.waitForFinished(StartTimeoutMs);
    if (output != nullptr)
        *output = QString::fromLocal8Bit(process.readAll());
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool PrivatePostfix::start()
{
    Q_ASSERT(!isRunning());
    if (!m_directory->isValid()) {
        qWarning("PrivatePostfix: cannot create a temporary directory: %s",
                 qPrintable(m_directory->errorString()));
        return false;
    }
    if (::geteuid() != 0) {
        qWarning("PrivatePostfix: Postfix starts as root only");
        return false;
    }
    // The postfix user must reach the sasldb and its data directory inside.
    const QString data = m_directory->filePath(QStringLiteral("data"));
    if (!QFile::setPermissions(directory(),
                               QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                   | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther
                                   | QFile::ExeOther)
        || !QDir().mkpath(data) || !setOwner(data, "postfix")
        || !QDir().mkpath(m_directory->filePath(QStringLiteral("queue")))) {
        qWarning("PrivatePostfix: cannot prepare %s", qPrintable(directory()));
        return false;
    }

    QString failure;
    for (int attempt = 1; attempt <= StartAttempts; ++attempt) {
        // If another process takes the port in between, the master fails to bind, `postfix
        // start` fails, and we try another.
        const quint16 port = freeLocalPort();
        if (port == 0)
            return false;
        if (startOnce(port, &failure))
            return true;
        stop();
    }
    qWarning("PrivatePostfix: did not start after %d attempts. Last failure: %s\n%s",
             StartAttempts,
             qPrintable(failure),
             qPrintable(diagnostics()));
    return false;
}

bool PrivatePostfix::startOnce(quint16 port, QString *failure)
{
    if (!writeConfiguration(port)) {
        *failure = QStringLiteral("cannot write the configuration");
        return false;
    }
    QString output;
    // `postfix start` first checks the whole installation (a `find` over Postfix's own files,
    // seconds on a busy machine); a fresh private queue needs only its directories, so create
    // them and ask for a quick start.
    if (!runPostfix({QStringLiteral("post-install"), QStringLiteral("create-missing")}, &output)
        || !writeFile(m_directory->filePath(QStringLiteral("queue/quick-start")), {})) {
        *failure = QStringLiteral("cannot create the queue directories: %1").arg(output);
        return false;
    }
    // `postfix start` runs `master -w`, which returns once the master is ready (its listening
    // sockets bound) or has failed (e.g. the port is taken).
    const bool started = runPostfix({QStringLiteral("start")}, &output);
    m_sessionId = masterPid();
    if (m_sessionId > 0)
        startGuard();
    if (!started || m_sessionId <= 0) {
        *failure = QStringLiteral("postfix start on port %1 failed: %2").arg(port).arg(output);
        return false;
    }
    // The master has bound 127.0.0.1:port before `master -w` reports success: it is ours.
    m_port = port;
    return true;
}

void PrivatePostfix::startGuard()
{
    m_guard = std::make_unique<QProcess>();
    m_guard->setProgram(QStringLiteral("/bin/sh"));
    m_guard->setArguments({QStringLiteral("-c"),
                           QLatin1String(GuardScript),
                           QStringLiteral("postfix-guard"),
                           configDirectory(),
                           directory()});
    m_guard->setStandardOutputFile(QProcess::nullDevice());
    m_guard->setStandardErrorFile(QProcess::nullDevice());
    m_guard->start(QIODevice::WriteOnly);
    if (!m_guard->waitForStarted(StopTimeoutMs))
        qWarning("PrivatePostfix: cannot start the guard: %s", qPrintable(m_guard->errorString()));
}

void PrivatePostfix::stopGuard()
{
    if (!m_guard)
        return;
    if (m_guard->state() != QProcess::NotRunning) {
        m_guard->write("stopped\n");
        m_guard->closeWriteChannel();
        if (!m_guard->waitForFinished(StopTimeoutMs)) {
            m_guard->kill();
            m_guard->waitForFinished(StopTimeoutMs);
        }
    }
    m_guard.reset();
}

bool PrivatePostfix::stop()
{
    if (m_sessionId <= 0) {
        stopGuard();
        return true;
    }
    // What `postfix stop` does (SIGTERM to the master, which ends its children), without its
    // one-second polling steps.
    if (const qint64 master = masterPid(); master > 0)
        ::kill(static_cast<pid_t>(master), SIGTERM);
    const bool clean = waitForProcessesToEnd(m_sessionId);
    stopGuard();
    m_sessionId = 0;
    return clean;
}

bool PrivatePostfix::waitForProcessesToEnd(qint64 sessionId)
{
    // The master ends its children when it stops (they are in its process group); anything
    // still alive after the deadline is killed by PID.
    const QDeadlineTimer deadline(StopTimeoutMs);
    QList<qint64> left = processesInSession(sessionId);
    while (!left.isEmpty() && !deadline.hasExpired()) {
        QThread::msleep(20); // nothing to wait on: the processes are not our children
        left = processesInSession(sessionId);
    }
    if (left.isEmpty())
        return true;
    qWarning("PrivatePostfix: %lld process(es) outlived postfix stop; killing them",
             static_cast<long long>(left.size()));
    for (const qint64 pid : std::as_const(left))
        ::kill(static_cast<pid_t>(pid), SIGKILL);
    return false;
}

bool PrivatePostfix::isRunning() const
{
    return masterPid() > 0;
}

qint64 PrivatePostfix::masterPid() const
{
    QFile file(m_directory->filePath(QStringLiteral("queue/pid/master.pid")));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const qint64 pid = file.readAll().trimmed().toLongLong();
    // A stale file from a stopped master: the PID must still lead its own session.
    return pid > 0 && sessionOf(QString::number(pid)) == pid ? pid : 0;
}

QList<qint64> PrivatePostfix::processIds() const
{
    return processesInSession(m_sessionId > 0 ? m_sessionId : masterPid());
}

bool PrivatePostfix::reconfigure(const QMap<QString, QString> &parameters)
{
    // A restart rather than `postfix reload`: after a reload, an smtpd of the old generation may
    // still take the next connection with the old values.
    Q_ASSERT(isRunning());
    for (auto it = parameters.cbegin(); it != parameters.cend(); ++it)
        m_overrides.insert(it.key(), it.value());
    if (!stop()) {
        qWarning("PrivatePostfix: processes outlived the stop before reconfiguring");
    }
    QString failure;
    if (!startOnce(m_port, &failure)) {
        qWarning("PrivatePostfix: restart with the new configuration failed: %s\n%s",
                 qPrintable(failure),
                 qPrintable(diagnostics()));
        return false;
    }
    return true;
}

QList<QByteArray> PrivatePostfix::logLines() const
{
    QFile file(logPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    lines.removeLast(); // empty, or a line postlogd is still writing
    return lines;
}

QList<QByteArray> PrivatePostfix::logLinesContaining(const QByteArray &text) const
{
    QList<QByteArray> result;
    const QList<QByteArray> lines = logLines();
    for (const QByteArray &line : lines) {
        if (line.contains(text))
            result.append(line);
    }
    return result;
}

QList<PostfixSession> PrivatePostfix::sessions() const
{
    QList<PostfixSession> result;
    const QList<QByteArray> lines = logLinesContaining("]: disconnect from ");
    for (const QByteArray &line : lines) {
        if (std::optional<PostfixSession> session = PostfixSession::parse(line))
            result.append(std::move(*session));
    }
    return result;
}

QList<QByteArray> PrivatePostfix::pipeliningViolations() const
{
    return logLinesContaining("improper command pipelining");
}

QList<QByteArray> PrivatePostfix::rateLimitRefusals() const
{
    QList<QByteArray> result;
    const QList<QByteArray> lines = logLinesContaining(" limit exceeded: ");
    for (const QByteArray &line : lines) {
        if (line.contains("/smtpd["))
            result.append(line);
    }
    return result;
}

QList<QByteArray> PrivatePostfix::deliveredRecipients() const
{
    QList<QByteArray> result;
    const QList<QByteArray> lines = logLinesContaining(", status=sent (");
    for (const QByteArray &line : lines) {
        if (line.contains("/discard[") || line.contains("/virtual["))
            result.append(angleAddress(line, " to=<"));
    }
    return result;
}

QList<ReceivedMessage> PrivatePostfix::receivedMessages() const
{
    // "Return-Path: <sender>" and "Delivered-To: recipient", which virtual(8) puts on top.
    auto header = [](const QByteArray &data, const QByteArray &name) {
        const QList<QByteArray> lines = data.left(data.indexOf("\n\n")).split('\n');
        for (const QByteArray &line : lines) {
            if (!line.startsWith(name))
                continue;
            const QByteArray value = line.mid(name.size()).trimmed();
            return value.startsWith('<') && value.endsWith('>') ? value.mid(1, value.size() - 2)
                                                                : value;
        }
        return QByteArray();
    };
    QList<ReceivedMessage> result;
    // Maildir file names start with the delivery time in seconds.
    const QDir fresh(m_directory->filePath(QStringLiteral("mail/") + QLatin1String(MaildirName)
                                           + QStringLiteral("new")));
    const QStringList files = fresh.entryList(QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile file(fresh.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        ReceivedMessage message;
        message.data = file.readAll();
        message.mailFrom = header(message.data, "Return-Path: ");
        message.recipients = {header(message.data, "Delivered-To: ")};
        result.append(message);
    }
    std::stable_sort(result.begin(), result.end(), [](const auto &a, const auto &b) {
        return a.recipients.constFirst() < b.recipients.constFirst();
    });
    return result;
}

QList<QByteArray> PrivatePostfix::rejectedRecipients() const
{
    QList<QByteArray> result;
    const QList<QByteArray> lines = logLinesContaining("reject: RCPT from ");
    for (const QByteArray &line : lines)
        result.append(angleAddress(line, " to=<"));
    return result;
}

QString PrivatePostfix::diagnostics() const
{
    QFile log(logPath());
    const QByteArray contents = log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
    return QStringLiteral("Postfix log %1:\n%2").arg(logPath(), QString::fromLocal8Bit(contents));
}

} // namespace Bulkmail::Test
