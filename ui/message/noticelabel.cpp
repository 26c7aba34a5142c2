#include "noticelabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

namespace Bulkmail {

NoticeLabel::NoticeLabel(Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
{
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    const QStyle::StandardPixmap pixmap = kind == Kind::Warning ? QStyle::SP_MessageBoxWarning
                                                                : QStyle::SP_MessageBoxInformation;
    m_icon->setPixmap(style()->standardIcon(pixmap, nullptr, this).pixmap(iconSize, iconSize));
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    setHidden(true);
}

NoticeLabel::~NoticeLabel() = default;

void NoticeLabel::setText(const QString &text)
{
    if (m_text->text() == text)
        return;
    m_text->setText(text);
    setAccessibleName(text);
    setHidden(text.isEmpty());
}

QString NoticeLabel::text() const
{
    return m_text->text();
}

} // namespace Bulkmail
