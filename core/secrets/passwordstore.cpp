#include "passwordstore.h"

#include <QCoreApplication>
#include <QThread>

#include <qt6keychain/keychain.h>

#include <spdlog/spdlog.h>

namespace Bulkmail {

namespace {

// QtKeychain 0.13 on Linux never reports NoBackendAvailable when the Secret Service or the whole
// session bus is missing: every job ends with OtherError and a D-Bus text such as "The name
// org.freedesktop.secrets was not provided by any .service files" (DEPENDENCIES.md). Those texts
// mean "no keychain here", not "the keychain refused".
bool meansNoKeychain(QKeychain::Error error, const QString &text)
{
    if (error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented)
        return true;
    if (error != QKeychain::OtherError)
        return false;
    static const char *const markers[] = {
        "org.freedesktop.secrets",
        "not provided by any .service files",
        "ServiceUnknown",
        "D-Bus",
        "DBus",
        "dbus",
        "session bus",
        "Could not connect", // libsecret when DBUS_SESSION_BUS_ADDRESS leads nowhere
        "kwalletd",
        "No keychain service available",
    };
    for (const char *marker : markers) {
        if (text.contains(QLatin1String(marker), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// A translation context for the texts below without making this a QObject (lupdate reads
// PasswordStoreText::tr() under "Bulkmail::PasswordStore", as the window looks them up).
class PasswordStoreText
{
    Q_DECLARE_TR_FUNCTIONS(Bulkmail::PasswordStore)
};

PasswordStoreResult resultOf(QKeychain::Job &job)
{
    PasswordStoreResult result;
    const QKeychain::Error error = job.error();
    if (error == QKeychain::NoError) {
        result.status = PasswordStoreStatus::Success;
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(&job))
            result.password = read->textData();
        return result;
    }
    if (error == QKeychain::EntryNotFound) {
        if (qobject_cast<QKeychain::DeletePasswordJob *>(&job)) {
            result.status = PasswordStoreStatus::Success; // nothing to delete is what was wanted
            return result;
        }
        result.status = PasswordStoreStatus::NotFound;
        result.message = PasswordStoreText::tr(
            "No password is stored in the keychain for this account yet.");
        return result;
    }
    if (meansNoKeychain(error, job.errorString())) {
        result.status = PasswordStoreStatus::Unavailable;
        result.message = PasswordStore::unavailableMessage();
        return result;
    }
    result.status = PasswordStoreStatus::Failed;
    switch (error) {
    case QKeychain::AccessDeniedByUser:
        result.message = PasswordStoreText::tr("Access to the keychain was refused.");
        break;
    case QKeychain::AccessDenied:
        result.message = PasswordStoreText::tr("The keychain refused access (it may be locked): %1")
                             .arg(job.errorString());
        break;
    case QKeychain::CouldNotDeleteEntry:
        result.message = PasswordStoreText::tr("The keychain could not delete the password: %1")
                             .arg(job.errorString());
        break;
    default:
        result.message = PasswordStoreText::tr("The keychain reported an error: %1")
                             .arg(job.errorString());
        break;
    }
    return result;
}

// A job outlives the store that started it: QtKeychain's libsecret backend keeps a raw pointer to
// the job until the keychain answers, so a job deleted with its store (a window closed while a
// password is being read) is a use-after-free when the answer comes. A job deletes itself once it
// has finished (setAutoDelete); until then it belongs to the application, which deletes what is
// left only at its end, when no answer can come any more. The store's callback goes with the
// store: the connection's context is the store.
QObject *jobOwner()
{
    QCoreApplication *application = QCoreApplication::instance();
    return application != nullptr && application->thread() == QThread::currentThread() ? application
                                                                                       : nullptr;
}

} // namespace

PasswordStore::PasswordStore(QObject *parent)
    : QObject(parent)
{}

PasswordStore::~PasswordStore() = default;

QString PasswordStore::accountKey(const SmtpEndpoint &endpoint)
{
    if (endpoint.username.isEmpty())
        return {};
    return QStringLiteral("smtp:%1@%2:%3")
        .arg(endpoint.username, endpoint.host.trimmed().toLower())
        .arg(endpoint.port);
}

PasswordStoreStatus PasswordStore::statusForKeychainError(int keychainError,
                                                          const QString &errorText)
{
    const auto error = static_cast<QKeychain::Error>(keychainError);
    if (error == QKeychain::NoError)
        return PasswordStoreStatus::Success;
    if (error == QKeychain::EntryNotFound)
        return PasswordStoreStatus::NotFound;
    if (meansNoKeychain(error, errorText))
        return PasswordStoreStatus::Unavailable;
    return PasswordStoreStatus::Failed;
}

QString PasswordStore::unavailableMessage()
{
    return PasswordStoreText::tr(
        "No keychain is available on this computer (no Secret Service such as GNOME "
        "Keyring or KWallet is running), so the password cannot be remembered. It will be "
        "asked each time, and it is never written to disk.");
}

void PasswordStore::readPassword(const QString &account, Callback done)
{
    auto *job = new QKeychain::ReadPasswordJob(QLatin1String(ServiceName), jobOwner());
    job->setKey(account);
    startJob(job, std::move(done));
}

void PasswordStore::writePassword(const QString &account, const QString &password, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(QLatin1String(ServiceName), jobOwner());
    job->setKey(account);
    job->setTextData(password);
    startJob(job, std::move(done));
}

void PasswordStore::deletePassword(const QString &account, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(QLatin1String(ServiceName), jobOwner());
    job->setKey(account);
    startJob(job, std::move(done));
}

void PasswordStore::startJob(QKeychain::Job *job, Callback done)
{
    // Never: job->setInsecureFallback(true). The default (false) is what we rely on.
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
        const PasswordStoreResult result = resultOf(*finished);
        if (!result.isSuccess() && result.status != PasswordStoreStatus::NotFound) {
            // The key names the account, never the password.
            spdlog::info("Keychain job failed. Key: \"{}\". Error: \"{}\" ({}).",
                         finished->key().toStdString(),
                         finished->errorString().toStdString(),
                         static_cast<int>(finished->error()));
        }
        if (done)
            done(result);
    });
    job->start();
}

} // namespace Bulkmail
