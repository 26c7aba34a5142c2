#pragma once

#include "passwordstore.h"

#include <QHash>

namespace Bulkmail {

// A PasswordStore that keeps passwords in memory only, for tests and for the command line (which
// gets its password from the environment). It reports asynchronously, as the keychain does, and
// can pretend that no keychain exists.
class MemoryPasswordStore final : public PasswordStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryPasswordStore)

public:
    enum class Availability { Available, Unavailable };
    Q_ENUM(Availability)

    explicit MemoryPasswordStore(Availability availability = Availability::Available,
                                 QObject *parent = nullptr);

    void readPassword(const QString &account, Callback done) override;
    void writePassword(const QString &account, const QString &password, Callback done) override;
    void deletePassword(const QString &account, Callback done) override;

    [[nodiscard]] bool contains(const QString &account) const
    {
        return m_passwords.contains(account);
    }
    [[nodiscard]] QString storedPassword(const QString &account) const
    {
        return m_passwords.value(account);
    }
    [[nodiscard]] int writeCount() const { return m_writeCount; }
    [[nodiscard]] int readCount() const { return m_readCount; }

private:
    void report(Callback done, PasswordStoreResult result);

    Availability m_availability;
    QHash<QString, QString> m_passwords;
    int m_writeCount = 0;
    int m_readCount = 0;
};

} // namespace Bulkmail
