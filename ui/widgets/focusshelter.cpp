#include "focusshelter.h"

#include <utility>

namespace Bulkmail {

FocusShelter::FocusShelter(QWidget *shelter)
    : m_shelter(shelter)
{}

void FocusShelter::take(std::initializer_list<QWidget *> controls)
{
    if (m_shelter.isNull())
        return;
    QWidget *focused = m_shelter->window()->focusWidget();
    for (QWidget *control : controls) {
        if (control == focused && control->isEnabled()) {
            m_control = control;
            m_shelter->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
}

void FocusShelter::giveBack()
{
    QPointer<QWidget> control = std::exchange(m_control, nullptr);
    if (control.isNull() || m_shelter.isNull() || !control->isEnabled())
        return;
    if (m_shelter->window()->focusWidget() == m_shelter)
        control->setFocus(Qt::OtherFocusReason);
}

} // namespace Bulkmail
