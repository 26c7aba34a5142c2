#pragma once

#include <QObject>
#include <QPointer>
#include <QWidget>

namespace Bulkmail {

// Swallows the user's input to a window while it lives: keys and shortcuts, clicks, the wheel,
// drops, context menus, and closing the window; the same for what the window owns (its menus,
// floating docks, its dialogs). What a window-modal dialog does, without anything on the screen:
// for the moment before such a dialog is worth showing, so that a job that ends within it shows
// no dialog that flashes up and away. Painting, timers and the rest go on.
class InputBlocker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InputBlocker)

public:
    explicit InputBlocker(QWidget *window);
    ~InputBlocker() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    [[nodiscard]] bool belongsToWindow(const QObject *object) const;

    QPointer<QWidget> m_window;
};

} // namespace Bulkmail
