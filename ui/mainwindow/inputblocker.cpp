#include "inputblocker.h"

#include <QCoreApplication>
#include <QEvent>

namespace Bulkmail {

namespace {

// What the user does to a window, as Qt delivers it to the widget: from the window system
// (spontaneous, as a window-modal dialog blocks it; a close() or an event the program sends goes
// through) or, for a shortcut, from the shortcut map, which only keys set off.
bool isUserInput(const QEvent &event)
{
    switch (event.type()) {
    case QEvent::ShortcutOverride:
    case QEvent::Shortcut:
        return true;
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::Wheel:
    case QEvent::ContextMenu:
    case QEvent::DragEnter:
    case QEvent::DragMove:
    case QEvent::Drop:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
    case QEvent::TabletPress:
    case QEvent::TabletRelease:
    case QEvent::InputMethod:
    case QEvent::Close:
        return event.spontaneous();
    default:
        return false;
    }
}

} // namespace

InputBlocker::InputBlocker(QWidget *window)
    : m_window(window)
{
    // On the application: a widget's own filters and handlers come after it.
    QCoreApplication::instance()->installEventFilter(this);
}

InputBlocker::~InputBlocker()
{
    QCoreApplication::instance()->removeEventFilter(this);
}

bool InputBlocker::belongsToWindow(const QObject *object) const
{
    // Widgets through their parents; an action (a shortcut's receiver) through its owner.
    for (; object != nullptr; object = object->parent()) {
        if (object == m_window)
            return true;
    }
    return false;
}

bool InputBlocker::eventFilter(QObject *watched, QEvent *event)
{
    if (m_window.isNull())
        return false;
    if (!isUserInput(*event) || !belongsToWindow(watched))
        return false;
    // Accepted, a ShortcutOverride keeps the shortcut map from triggering an action (the key
    // press that follows is swallowed too); ignored, a close event leaves the window open.
    if (event->type() == QEvent::Close)
        event->ignore();
    else
        event->accept();
    return true;
}

} // namespace Bulkmail
