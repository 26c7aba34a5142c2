#pragma once

#include <QPointer>
#include <QWidget>

#include <initializer_list>

namespace Bulkmail {

// Keeps the keyboard focus while a job disables the controls that start jobs. A disabled widget
// loses the focus to the next one in the tab chain, wherever that is (or to nothing); instead,
// the focus waits on a `shelter` that stays enabled (the table the job changes), and goes back
// to the control when the job ends and the control is enabled again, unless the user has moved
// on meanwhile.
class FocusShelter final
{
public:
    explicit FocusShelter(QWidget *shelter);

    // Before `controls` are disabled: when one of them has the focus, the shelter takes it.
    void take(std::initializer_list<QWidget *> controls);
    // Once they are enabled again (or not).
    void giveBack();

private:
    QPointer<QWidget> m_shelter;
    QPointer<QWidget> m_control; // the control the shelter holds the focus for
};

} // namespace Bulkmail
