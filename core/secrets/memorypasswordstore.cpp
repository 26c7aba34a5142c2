#include "memorypasswordstore.h"

#include <QCoreApplication>

namespace Bulkmail {

MemoryPasswordStore::MemoryPasswordStore(Availability availability, QObject *parent)
    : PasswordStore(parent)
    , m_availability(availability)
{}

void MemoryPasswordStore::report(Callback done, PasswordStoreResult result)
{
    if (m_availability == Availability::Unavailable) {
        result.status = PasswordStoreStatus::Unavailable;
        result.password.clear();
        result.message = PasswordStore::unavailableMessage();
    }
    // Asynchronous like the keychain: callers must not rely on an answer before returning.
    QMetaObject::invokeMethod(
        this,
        [done = std::move(done), result = std::move(result)] {
            if (done)
                done(result);
        },
        Qt::QueuedConnection);
}

void MemoryPasswordStore::readPassword(const QString &account, Callback done)
{
    ++m_readCount;
    PasswordStoreResult result;
    if (m_availability == Availability::Available && m_passwords.contains(account)) {
        result.status = PasswordStoreStatus::Success;
        result.password = m_passwords.value(account);
    } else {
        result.status = PasswordStoreStatus::NotFound;
        result.message = QCoreApplication::translate(
            "Bulkmail::PasswordStore",
            "No password is stored in the keychain for this account yet.");
    }
    report(std::move(done), std::move(result));
}

void MemoryPasswordStore::writePassword(const QString &account,
                                        const QString &password,
                                        Callback done)
{
    ++m_writeCount;
    if (m_availability == Availability::Available)
        m_passwords.insert(account, password);
    report(std::move(done), {PasswordStoreStatus::Success, {}, {}});
}

void MemoryPasswordStore::deletePassword(const QString &account, Callback done)
{
    if (m_availability == Availability::Available)
        m_passwords.remove(account);
    report(std::move(done), {PasswordStoreStatus::Success, {}, {}});
}

} // namespace Bulkmail
