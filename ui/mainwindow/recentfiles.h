#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace Bulkmail {

// The "Open Recent" list: the last files opened or saved, newest first, kept in QSettings and
// shown as a menu. Files that no longer exist are left out of the menu, not forgotten, so that a
// disconnected network drive does not erase the list.
class RecentFiles final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentFiles)

public:
    static constexpr int MaxFiles = 8;

    explicit RecentFiles(QMenu *menu, QObject *parent = nullptr);

    void add(const QString &path);
    [[nodiscard]] QStringList files() const;

Q_SIGNALS:
    void openRequested(const QString &path);

private:
    void rebuildMenu();

    QMenu *m_menu;
};

} // namespace Bulkmail
