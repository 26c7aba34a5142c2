#pragma once

#include <QString>
#include <QTest>

// Verifies that a Result<T> holds a value, printing its error otherwise (STYLE.md rule 12). The
// expression is evaluated exactly once, so it may have side effects (an append, a save).
#define QVERIFY_RESULT(expression) \
    do { \
        const auto &bulkmailResult_ = (expression); \
        QVERIFY2(bulkmailResult_.has_value(), \
                 qPrintable(bulkmailResult_ ? QString() : bulkmailResult_.error().message)); \
    } while (false)
