#include "markingtranslator.h"

#include <utility>

namespace Bulkmail::Test {

namespace {

// Upper case, except the placeholders Qt fills in afterwards (%n, %Ln, %1, %L1).
QString upperCased(const QString &text)
{
    QString result = text;
    for (qsizetype i = 0; i < result.size(); ++i) {
        const bool isPlaceholder = (i > 0 && result.at(i - 1) == u'%')
                                   || (i > 1 && result.at(i - 2) == u'%'
                                       && result.at(i - 1) == u'L');
        if (!isPlaceholder)
            result[i] = result.at(i).toUpper();
    }
    return result;
}

} // namespace

MarkingTranslator::MarkingTranslator(QByteArrayList names,
                                     Scope scope,
                                     QString mark,
                                     Letters letters)
    : m_names(std::move(names))
    , m_scope(scope)
    , m_mark(std::move(mark))
    , m_letters(letters)
{}

QString MarkingTranslator::translate(const char *context,
                                     const char *sourceText,
                                     const char * /*disambiguation*/,
                                     int /*n*/) const
{
    const QByteArray name = m_scope == Scope::Keys ? QByteArray(context) + '|' + sourceText
                                                   : QByteArray(context);
    if (!m_names.isEmpty() && !m_names.contains(name))
        return {};
    const QString text = QString::fromUtf8(sourceText);
    return m_mark.arg(m_letters == Letters::Upper ? upperCased(text) : text);
}

} // namespace Bulkmail::Test
