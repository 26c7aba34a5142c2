#pragma once

#include <QString>
#include <QWidget>

class QLabel;

namespace Bulkmail {

// A short message under a field: an icon from the style and wrapped plain text. Hidden while its
// text is empty. The icon says what kind of message it is, so no colour is needed (dark
// palettes keep working).
class NoticeLabel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NoticeLabel)

public:
    enum class Kind { Warning, Information };
    Q_ENUM(Kind)

    explicit NoticeLabel(Kind kind = Kind::Warning, QWidget *parent = nullptr);
    ~NoticeLabel() override;

    void setText(const QString &text);
    [[nodiscard]] QString text() const;

private:
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
};

} // namespace Bulkmail
