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
};

template<typename T = void>
using Result = tl::expected<T, Error>;

[[nodiscard]] inline tl::unexpected<Error> makeError(ErrorCode code, QString message)
{
    return tl::unexpected<Error>(Error{code, std::move(message)});
}

} // namespace Bulkmail
