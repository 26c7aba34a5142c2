#include "realservers.h"

#include "testcertificates.h"

#include <csignal>
#include <utility>

#include <sys/prctl.h>
#include <unistd.h>

#include <QDeadlineTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtDebug>

namespace Bulkmail::Test {

namespace {

constexpr int StartTimeoutMs = 15'000;
constexpr int StopTimeoutMs = 5'000;
constexpr int SinkStartAttempts = 5;
const char *const SinkHostName = "bulkmail-smtp-sink";
// Prepended by smtp-sink (-S, which understands C escapes) to every dumped transaction.
const char *const SinkDumpMarker = "=====BULKMAIL-SMTP-SINK-TRANSACTION=====";
// Runs smtp-sink "$@" and ends it on SIGTERM or when stdin reaches EOF (the test process is gone);
// exits with the sink's status. A background job's stdin is /dev/null in sh, hence fd 3.
const char *const SinkGuardScript = R"sh(
exec 3<&0
/usr/sbin/smtp-sink "$@" </dev/null 3<&- &
sink=$!
(cat >/dev/null <&3; kill "$sink" 2>/dev/null) >/dev/null 2>&1 &
watcher=$!
exec 3<&-
trap 'kill "$sink" 2>/dev/null' TERM INT HUP
wait "$sink"
status=$?
if kill -0 "$sink" 2>/dev/null; then wait "$sink"; status=$?; fi
kill "$watcher" 2>/dev/null
exit "$status"
)sh";

QString localHost()
{
    return QStringLiteral("127.0.0.1");
}

// If the test process dies without running destructors (crash, ctest timeout), the server must
// not outlive it: the kernel sends the child SIGTERM when its parent dies (Linux prctl(2)).
void endWithParent(QProcess *process)
{
    process->setChildProcessModifier(
        [] { ::prctl(PR_SET_PDEATHSIG, static_cast<unsigned long>(SIGTERM)); });
}

void stopProcess(QProcess *process)
{
    if (process == nullptr || process->state() == QProcess::NotRunning) {
        return;
    }
    process->terminate();
    if (!process->waitForFinished(StopTimeoutMs)) {
        process->kill();
        process->waitForFinished(StopTimeoutMs);
    }
}

// "<a@example.org> SIZE=12" -> "a@example.org"; "<>" -> "".
QByteArray pathFromArguments(const QByteArray &arguments)
{
    const qsizetype open = arguments.indexOf('<');
    const qsizetype close = open < 0 ? -1 : arguments.indexOf('>', open);
    if (open < 0 || close < 0) {
        return arguments.trimmed().split(' ').value(0);
    }
    return arguments.mid(open + 1, close - open - 1);
}

// Complete lines only: a line without its '\n' is still being written by the server.
QList<QByteArray> completeLines(const QByteArray &contents)
{
    QList<QByteArray> lines = contents.split('\n');
    lines.removeLast(); // the part after the last '\n': empty or incomplete
    return lines;
}

} // namespace

QString systemPython()
{
    return QStringLiteral("/usr/bin/python3");
}

quint16 freeLocalPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        qWarning("cannot find a free port: %s", qPrintable(probe.errorString()));
        return 0;
    }
    return probe.serverPort();
}

// ---------------------------------------------------------------------------------------------
// AiosmtpdServer

struct AiosmtpdServer::Record
{
    QList<ReceivedMessage> messages;
    int connections = 0;
    int disconnections = 0;
    int authAttempts = 0;
    int successfulLogins = 0;
    QList<AuthEvent> authEvents;
};

AiosmtpdServer::AiosmtpdServer(AiosmtpdOptions options)
    : m_options(std::move(options))
    , m_directory(std::make_unique<QTemporaryDir>())
    , m_process(std::make_unique<QProcess>())
{}

AiosmtpdServer::~AiosmtpdServer()
{
    stopProcess(m_process.get());
}

bool AiosmtpdServer::start()
{
    Q_ASSERT(m_process->state() == QProcess::NotRunning);
    if (!m_directory->isValid()) {
        qWarning("AiosmtpdServer: cannot create a temporary directory: %s",
                 qPrintable(m_directory->errorString()));
        return false;
    }
    QFile record(recordPath());
    if (!record.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        qWarning("AiosmtpdServer: cannot create %s", qPrintable(recordPath()));
        return false;
    }
    record.close();

    QStringList arguments{QStringLiteral(BULKMAIL_TEST_SUPPORT_DIR "/aiosmtpd_server.py"),
                          QStringLiteral("--record"),
                          recordPath(),
                          QStringLiteral("--tls")};
    switch (m_options.tls) {
    case AiosmtpdOptions::Tls::None:
        arguments << QStringLiteral("none");
        break;
    case AiosmtpdOptions::Tls::StartTls:
        arguments << QStringLiteral("starttls");
        break;
    case AiosmtpdOptions::Tls::Implicit:
        arguments << QStringLiteral("implicit");
        break;
    }
    QString certificate = QStringLiteral("server");
    if (m_options.certificate == AiosmtpdOptions::Certificate::SelfSigned)
        certificate = QStringLiteral("selfsigned");
    else if (m_options.certificate == AiosmtpdOptions::Certificate::OtherHostName)
        certificate = QStringLiteral("otherhost");
    const QString pem = certificate + QStringLiteral(".pem");
    const QString key = certificate + QStringLiteral(".key");
    arguments << QStringLiteral("--cert") << testCertificatePath(pem) << QStringLiteral("--key")
              << testCertificatePath(key);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!m_options.username.isEmpty()) {
        arguments << QStringLiteral("--auth-user") << m_options.username;
        // Through the environment rather than argv, so the password never shows in `ps`.
        environment.insert(QStringLiteral("AIOSMTPD_AUTH_PASSWORD"), m_options.password);
    }
    if (!m_options.oauthTokensFile.isEmpty())
        arguments << QStringLiteral("--oauth-tokens") << m_options.oauthTokensFile;
    if (!m_options.onlyAuthMechanism.isEmpty()
        && (!m_options.username.isEmpty() || !m_options.oauthTokensFile.isEmpty()))
        arguments << QStringLiteral("--auth-only") << m_options.onlyAuthMechanism;
    environment.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    m_process->setProcessEnvironment(environment);
    endWithParent(m_process.get());
    m_process->setProgram(systemPython());
    m_process->setArguments(arguments);
    m_process->start(QIODevice::ReadOnly);

    const QDeadlineTimer deadline(StartTimeoutMs);
    if (!m_process->waitForStarted(StartTimeoutMs)) {
        qWarning("AiosmtpdServer: cannot start %s: %s",
                 qPrintable(systemPython()),
                 qPrintable(m_process->errorString()));
        return false;
    }
    while (!m_process->canReadLine()) {
        if (m_process->state() != QProcess::Running
            || !m_process->waitForReadyRead(int(deadline.remainingTime()))) {
            break;
        }
    }
    const QByteArray line = m_process->canReadLine() ? m_process->readLine().trimmed()
                                                     : QByteArray();
    bool isNumber = false;
    const uint port = line.startsWith("READY ") ? line.mid(6).toUInt(&isNumber) : 0;
    if (!isNumber || port == 0 || port > 65535) {
        qWarning("AiosmtpdServer: no READY line within %d ms (got \"%s\"). stderr:\n%s",
                 StartTimeoutMs,
                 line.constData(),
                 m_process->readAllStandardError().constData());
        stopProcess(m_process.get());
        return false;
    }
    m_port = quint16(port);
    return true;
}

QString AiosmtpdServer::host() const
{
    return localHost();
}

quint16 AiosmtpdServer::port() const
{
    return m_port;
}

QString AiosmtpdServer::caCertificatePath() const
{
    return testCertificatePath(u"ca.pem");
}

QString AiosmtpdServer::recordPath() const
{
    return m_directory->filePath(QStringLiteral("record.jsonl"));
}

AiosmtpdServer::Record AiosmtpdServer::readRecord() const
{
    Record result;
    QFile file(recordPath());
    if (!file.open(QIODevice::ReadOnly)) {
        return result;
    }
    const QList<QByteArray> lines = completeLines(file.readAll());
    for (const QByteArray &line : lines) {
        QJsonParseError error{};
        const QJsonObject event = QJsonDocument::fromJson(line, &error).object();
        if (error.error != QJsonParseError::NoError) {
            qWarning("AiosmtpdServer: unreadable record line: %s", line.constData());
            continue;
        }
        const QString kind = event.value(QLatin1String("event")).toString();
        if (kind == QLatin1String("connect")) {
            ++result.connections;
        } else if (kind == QLatin1String("disconnect")) {
            ++result.disconnections;
        } else if (kind == QLatin1String("auth")) {
            ++result.authAttempts;
            if (event.value(QLatin1String("success")).toBool()) {
                ++result.successfulLogins;
            }
            AuthEvent auth;
            auth.connection = event.value(QLatin1String("connection")).toInt();
            auth.mechanism = event.value(QLatin1String("mechanism")).toString();
            auth.success = event.value(QLatin1String("success")).toBool();
            auth.user = event.value(QLatin1String("user")).toString();
            auth.failure = event.value(QLatin1String("failure")).toString();
            auth.challengeAnswer = event.value(QLatin1String("challenge_answer")).toString();
            result.authEvents.append(auth);
        } else if (kind == QLatin1String("message")) {
            ReceivedMessage message;
            message.connection = event.value(QLatin1String("connection")).toInt();
            message.indexInConnection = event.value(QLatin1String("index_in_connection")).toInt();
            message.mailFrom = event.value(QLatin1String("mail_from")).toString().toUtf8();
            const QJsonArray recipients = event.value(QLatin1String("rcpt_tos")).toArray();
            for (const QJsonValue &recipient : recipients) {
                message.recipients.append(recipient.toString().toUtf8());
            }
            // data_base64 holds the exact bytes; "data" is lossy for non-UTF-8 content.
            const QJsonValue exact = event.value(QLatin1String("data_base64"));
            message.data = exact.isString()
                               ? QByteArray::fromBase64(exact.toString().toLatin1())
                               : event.value(QLatin1String("data")).toString().toUtf8();
            result.messages.append(message);
        }
    }
    return result;
}

QList<ReceivedMessage> AiosmtpdServer::receivedMessages() const
{
    return readRecord().messages;
}

int AiosmtpdServer::connectionCount() const
{
    return readRecord().connections;
}

int AiosmtpdServer::disconnectionCount() const
{
    return readRecord().disconnections;
}

int AiosmtpdServer::authAttempts() const
{
    return readRecord().authAttempts;
}

int AiosmtpdServer::successfulLogins() const
{
    return readRecord().successfulLogins;
}

QList<AuthEvent> AiosmtpdServer::authEvents() const
{
    return readRecord().authEvents;
}

// ---------------------------------------------------------------------------------------------
// SmtpSinkServer

SmtpSinkServer::SmtpSinkServer(SmtpSinkOptions options)
    : m_options(std::move(options))
    , m_directory(std::make_unique<QTemporaryDir>())
    , m_process(std::make_unique<QProcess>())
{}

SmtpSinkServer::~SmtpSinkServer()
{
    stopProcess();
}

void SmtpSinkServer::stopProcess()
{
    Bulkmail::Test::stopProcess(m_process.get());
}

bool SmtpSinkServer::start()
{
    Q_ASSERT(m_process->state() == QProcess::NotRunning);
    if (!m_directory->isValid()) {
        qWarning("SmtpSinkServer: cannot create a temporary directory: %s",
                 qPrintable(m_directory->errorString()));
        return false;
    }
    // As root, smtp-sink drops to "nobody" before it writes any dump file.
    if (!QFile::setPermissions(m_directory->path(), QFile::Permissions(0x7777))) {
        qWarning("SmtpSinkServer: cannot open %s to the smtp-sink user",
                 qPrintable(m_directory->path()));
        return false;
    }

    QString failure;
    for (int attempt = 1; attempt <= SinkStartAttempts; ++attempt) {
        // smtp-sink cannot pick a port itself. If another process takes this one in between,
        // smtp-sink exits and we retry.
        const quint16 port = freeLocalPort();
        if (port == 0)
            return false;
        if (startOnce(port, &failure)) {
            m_port = port;
            return true;
        }
        stopProcess();
    }
    qWarning("SmtpSinkServer: smtp-sink did not start after %d attempts. Last failure: %s",
             SinkStartAttempts,
             qPrintable(failure));
    return false;
}

bool SmtpSinkServer::startOnce(quint16 port, QString *failure)
{
    QStringList arguments;
    if (::geteuid() == 0) {
        arguments << QStringLiteral("-u") << QStringLiteral("nobody"); // required as root
    }
    arguments << QStringLiteral("-c") << QStringLiteral("-h") << QLatin1String(SinkHostName);
    if (m_options.capture == SmtpSinkOptions::Capture::DumpMessages) {
        QFile::remove(dumpPath());
        arguments << QStringLiteral("-D") << dumpPath() << QStringLiteral("-S")
                  << QLatin1String(SinkDumpMarker) + QLatin1String("\\n");
    }
    arguments << m_options.extraArguments;
    arguments << localHost() + u':' + QString::number(port) << QStringLiteral("64");

    m_counterOutput.clear();
    m_latest = {};
    m_baseline = {};
    // Linux clears the parent-death signal when smtp-sink switches to "nobody" (-u, as root), so
    // a small shell guard owns the sink: it gets the signal, and it also ends the sink when the
    // pipe to our stdin closes, however this process ended.
    endWithParent(m_process.get());
    m_process->setProgram(QStringLiteral("/bin/sh"));
    m_process->setArguments(QStringList{QStringLiteral("-c"),
                                        QLatin1String(SinkGuardScript),
                                        QStringLiteral("smtp-sink-guard")}
                            + arguments);
    m_process->start(QIODevice::ReadWrite); // ReadWrite: the guard watches our end of stdin
    if (!m_process->waitForStarted(StartTimeoutMs)) {
        *failure = QStringLiteral("cannot start smtp-sink: ") + m_process->errorString();
        return false;
    }

    // smtp-sink prints nothing when it is listening, so probe: connect until it accepts, wait
    // for its greeting, QUIT. Between refused attempts, wait on the process itself, so a sink
    // that exits (port taken, bad option) ends the wait at once.
    const QDeadlineTimer deadline(StartTimeoutMs);
    QTcpSocket socket;
    for (;;) {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(int(deadline.remainingTime()))) {
            break;
        }
        socket.abort();
        if (m_process->state() != QProcess::Running || m_process->waitForFinished(20)
            || deadline.hasExpired()) {
            *failure = QStringLiteral("smtp-sink on port %1 never accepted a connection. "
                                      "stderr: %2")
                           .arg(port)
                           .arg(QString::fromLocal8Bit(m_process->readAllStandardError()));
            return false;
        }
    }
    while (!socket.canReadLine() && socket.waitForReadyRead(int(deadline.remainingTime()))) {
    }
    const QByteArray greeting = socket.readLine();
    if (!greeting.startsWith("220 ") || !greeting.contains(SinkHostName)) {
        // With options such as "-Q CONNECT" the greeting is a refusal; that is still our sink
        // as long as the process lives. A different greeting from a dead sink is someone else.
        if (greeting.isEmpty() || m_process->state() != QProcess::Running) {
            *failure = QStringLiteral("port %1: unexpected greeting \"%2\"")
                           .arg(port)
                           .arg(QString::fromLatin1(greeting.trimmed()));
            return false;
        }
    }
    socket.write("QUIT\r\n");
    socket.waitForBytesWritten(int(deadline.remainingTime()));
    socket.waitForReadyRead(int(deadline.remainingTime()));
    socket.disconnectFromHost();
    if (socket.state() != QAbstractSocket::UnconnectedState) {
        socket.waitForDisconnected(int(deadline.remainingTime()));
    }

    // The probe is a session the tests did not make: wait until the sink has counted it and
    // subtract it from then on.
    while (currentCounters().sessions < 1) {
        if (m_process->state() != QProcess::Running
            || !m_process->waitForReadyRead(int(deadline.remainingTime()))) {
            *failure = QStringLiteral("smtp-sink never counted the probe session. stderr: %1")
                           .arg(QString::fromLocal8Bit(m_process->readAllStandardError()));
            return false;
        }
    }
    m_baseline = currentCounters();
    return true;
}

SmtpSinkServer::Counters SmtpSinkServer::currentCounters() const
{
    // -c writes "sess=N quit=N mesg=N\r" each time a counter changes; the last complete record
    // holds the current totals.
    m_counterOutput += m_process->readAllStandardOutput();
    const qsizetype end = m_counterOutput.lastIndexOf('\r');
    if (end < 0) {
        return m_latest;
    }
    const qsizetype begin = m_counterOutput.lastIndexOf('\r', end - 1) + 1;
    const QList<QByteArray> fields = m_counterOutput.mid(begin, end - begin).split(' ');
    for (const QByteArray &field : fields) {
        const qsizetype equals = field.indexOf('=');
        const QByteArray name = field.left(equals);
        const int value = field.mid(equals + 1).toInt();
        if (name == "sess") {
            m_latest.sessions = value;
        } else if (name == "quit") {
            m_latest.quits = value;
        } else if (name == "mesg") {
            m_latest.messages = value;
        }
    }
    m_counterOutput.remove(0, end + 1);
    return m_latest;
}

QString SmtpSinkServer::host() const
{
    return localHost();
}

quint16 SmtpSinkServer::port() const
{
    return m_port;
}

int SmtpSinkServer::messageCount() const
{
    return currentCounters().messages - m_baseline.messages;
}

int SmtpSinkServer::sessionCount() const
{
    return currentCounters().sessions - m_baseline.sessions;
}

int SmtpSinkServer::quitCount() const
{
    return currentCounters().quits - m_baseline.quits;
}

QString SmtpSinkServer::dumpPath() const
{
    return m_directory->filePath(QStringLiteral("transactions.dump"));
}

QList<ReceivedMessage> SmtpSinkServer::receivedMessages() const
{
    QList<ReceivedMessage> messages;
    QFile file(dumpPath());
    if (!file.open(QIODevice::ReadOnly)) {
        return messages;
    }
    // Each transaction: marker line, smtp-sink's X-* headers, a three-line Received header
    // (continuations start with a tab), the message as received, and one empty line.
    const QByteArray marker = QByteArray(SinkDumpMarker) + '\n';
    const QByteArray separator = '\n' + marker;
    const QByteArray contents = file.readAll();
    qsizetype position = contents.startsWith(marker) ? marker.size() : -1;
    while (position >= 0) {
        const qsizetype next = contents.indexOf(separator, position);
        const qsizetype end = next < 0 ? contents.size() : next + 1;
        const QList<QByteArray> lines = completeLines(contents.mid(position, end - position));
        position = next < 0 ? -1 : next + 1 + marker.size();

        ReceivedMessage message;
        qsizetype index = 0;
        for (; index < lines.size(); ++index) {
            const QByteArray &line = lines.at(index);
            if (line.startsWith("X-Mail-Args: ")) {
                message.mailFrom = pathFromArguments(line.mid(13));
            } else if (line.startsWith("X-Rcpt-Args: ")) {
                message.recipients.append(pathFromArguments(line.mid(13)));
            } else if (line.startsWith("Received: ")) {
                ++index;
                while (index < lines.size() && lines.at(index).startsWith('\t')) {
                    ++index;
                }
                break;
            }
        }
        // Everything after the Received header, minus the empty line smtp-sink appends.
        for (qsizetype body = index; body + 1 < lines.size(); ++body) {
            message.data += lines.at(body) + '\n';
        }
        messages.append(message);
    }
    return messages;
}

} // namespace Bulkmail::Test
