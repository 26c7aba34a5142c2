#pragma once

#include <QString>
#include <QStringList>

#include <tl/expected.hpp>

namespace Bulkmail {

// Why an operation failed, where callers branch on the cause (STYLE.md rule 12).
enum class ErrorCode {
    Io,
    InvalidFormat, // a file is not what it claims (bad JSON, unknown version, unknown field)
    InvalidValue,  // a field has a value out of range or of the wrong type
    InvalidAddress,
    CsvMalformedRow,
    Tls,
    Authentication,
    Protocol,
    Connection,
    Cancelled,
};

struct Error
{
    ErrorCode code = ErrorCode::InvalidValue;
    QString message;
    // The producer's own code for the window to word, with its arguments (message is their
    // English); 0 when only the message says it. See ComposeProblem.
    int noteCode = 0;
    QStringList noteArguments{};
    // The campaign setting the problem is in, by its key in the campaign file ("message.from",
    // "recipient.cc", "message.subject"); empty when none. The message then starts with the key
    // and ": " (inSetting() puts them there), and reason() is the rest: nobody has to find the
    // setting by searching the English, where a user's value could look like a key.
    QString setting{};

    // `error` said of `setting`: "<setting>: <its message>".
    [[nodiscard]] static Error inSetting(const QString &setting, Error error)
    {
        error.message = setting + QLatin1String(": ") + error.message;
        error.setting = setting;
        return error;
    }
    // The message without the setting's key in front of it (the message when it has none).
    [[nodiscard]] QString reason() const
    {
        return setting.isEmpty() ? message : message.mid(setting.size() + 2);
    }
};

template<typename T = void>
using Result = tl::expected<T, Error>;

[[nodiscard]] inline tl::unexpected<Error> makeError(ErrorCode code, QString message)
{
    return tl::unexpected<Error>(Error{code, std::move(message)});
}

} // namespace Bulkmail
