#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QString>

namespace Bulkmail {

// Core's errors in the user's words: core reports a code with its arguments where it has one
// (Error::noteCode: FileProblem, ComposeProblem) and keeps the English in Error::message for the
// log and the CLI; the window says it from the code. An error without a code is shown as it came.
class ErrorWords final
{
    Q_DECLARE_TR_FUNCTIONS(ErrorWords)

public:
    // A file problem's reason is the system's as QFile gave it, already in the user's language:
    // Qt translates its own ("Permission denied") when it makes them, the system its.
    [[nodiscard]] static QString of(const Error &error);
};

} // namespace Bulkmail
