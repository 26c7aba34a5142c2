#include "recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace Bulkmail {

namespace {

const QString SettingsKey = QStringLiteral("recentFiles");

} // namespace

RecentFiles::RecentFiles(QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_menu(menu)
{
    connect(m_menu, &QMenu::aboutToShow, this, &RecentFiles::rebuildMenu);
    rebuildMenu();
}

QStringList RecentFiles::files() const
{
    return QSettings().value(SettingsKey).toStringList();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > MaxFiles)
        list.removeLast();
    QSettings().setValue(SettingsKey, list);
    rebuildMenu();
}

void RecentFiles::rebuildMenu()
{
    m_menu->clear();
    int number = 0;
    for (const QString &path : files()) {
        if (!QFileInfo::exists(path))
            continue;
        ++number;
        // "&1 newsletter.bulkmail" gives keyboard users a mnemonic; the full path is the tip.
        const QString text = number < 10 ? QStringLiteral("&%1 %2").arg(number).arg(
                                 QFileInfo(path).fileName())
                                         : QFileInfo(path).fileName();
        QAction *action = m_menu->addAction(text);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT openRequested(path); });
    }
    if (number == 0)
        m_menu->addAction(tr("No recent campaigns"))->setEnabled(false);
    m_menu->setEnabled(true);
}

} // namespace Bulkmail
