#pragma once

#include <QByteArrayList>
#include <QString>
#include <QTranslator>

namespace Bulkmail::Test {

// A translator that marks the texts it is asked for, whether or not the shipped translation has
// them yet: a text shown without going through tr() comes out unmarked. Marks every text of the
// given contexts ("Bulkmail::SendView"), or of every context when none is given, or only the
// given "context|source text" keys. The mark wraps the text: "[zz]%1" by default. Letters::Upper
// also upper-cases the text (never a placeholder: %n, %L1), so that a test can tell the window's
// words from the same English coming from elsewhere (core's text) as a translation would.
class MarkingTranslator final : public QTranslator
{
public:
    enum class Scope { Contexts, Keys };
    enum class Letters { Kept, Upper };

    explicit MarkingTranslator(QByteArrayList names = {},
                               Scope scope = Scope::Contexts,
                               QString mark = QStringLiteral("[zz]%1"),
                               Letters letters = Letters::Kept);

    [[nodiscard]] bool isEmpty() const override { return false; }
    [[nodiscard]] QString translate(const char *context,
                                    const char *sourceText,
                                    const char *disambiguation,
                                    int n) const override;

private:
    QByteArrayList m_names;
    Scope m_scope;
    QString m_mark;
    Letters m_letters;
};

} // namespace Bulkmail::Test
