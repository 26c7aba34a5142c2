#pragma once

#include "smtp/smtpendpoint.h"

#include <QObject>
#include <QString>

#include <functional>

namespace QKeychain {
class Job;
}

namespace Bulkmail {

enum class PasswordStoreStatus {
    Success,     // read: the password is in `password`; write/delete: done
    NotFound,    // nothing is stored under that account (read only; deleting nothing succeeds)
    Unavailable, // no keychain on this computer (no Secret Service, no KWallet, no session bus)
    Failed,      // a keychain exists but refused (locked, access denied...): see `message`
};

struct PasswordStoreResult
{
    PasswordStoreStatus status = PasswordStoreStatus::Failed;
    QString password; // read + Success only
    QString message;  // plain words for the user when status is not Success; never the password
    [[nodiscard]] bool isSuccess() const { return status == PasswordStoreStatus::Success; }
};

// The SMTP password in the desktop's keychain, through QtKeychain (Secret Service on Linux, the
// Keychain on macOS, the Credential Manager on Windows), under the service "Bulkmail" and one key
// per account, "smtp:<username>@<host>:<port>".
//
// Every call is asynchronous and reports once through `done`, from the event loop, never before
// the call returns. There is no insecure fallback: when no keychain is available the password is
// not stored anywhere (QtKeychain's setInsecureFallback would write it in clear to QSettings).
// Passwords are never logged. Destroying the store drops the callbacks of unfinished jobs.
//
// The methods are virtual so that tests and the command line can use MemoryPasswordStore.
class PasswordStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PasswordStore)

public:
    using Callback = std::function<void(const PasswordStoreResult &)>;

    static constexpr char ServiceName[] = "Bulkmail";

    explicit PasswordStore(QObject *parent = nullptr);
    ~PasswordStore() override;

    // "smtp:<username>@<host>:<port>", the host in lower case. Empty when the endpoint has no
    // username (nothing to remember then).
    [[nodiscard]] static QString accountKey(const SmtpEndpoint &endpoint);

    virtual void readPassword(const QString &account, Callback done);
    virtual void writePassword(const QString &account, const QString &password, Callback done);
    virtual void deletePassword(const QString &account, Callback done);

    // How a finished QtKeychain job's error (QKeychain::Error as int, and its text) is reported:
    // NotFound, Unavailable (no keychain on this computer) or Failed; Success for NoError.
    [[nodiscard]] static PasswordStoreStatus statusForKeychainError(int keychainError,
                                                                    const QString &errorText);

    // The plain-words message for an unavailable keychain (shared with MemoryPasswordStore).
    [[nodiscard]] static QString unavailableMessage();

private:
    void startJob(QKeychain::Job *job, Callback done);
};

} // namespace Bulkmail
