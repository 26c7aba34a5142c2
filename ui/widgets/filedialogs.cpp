#include "filedialogs.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace Bulkmail::FileDialogs {

namespace {

const QString SettingsKey = QStringLiteral("fileDialogs/lastFolder");

// QFileDialog::getOpenFileName or getSaveFileName, started where the user was.
using AskForFile = QString (*)(
    QWidget *, const QString &, const QString &, const QString &, QString *, QFileDialog::Options);

QString askForFile(AskForFile ask,
                   QWidget *parent,
                   const QString &caption,
                   const QString &start,
                   const QString &filter)
{
    const QString path = ask(parent, caption, startPath(start), filter, nullptr, {});
    rememberFolder(path);
    return path;
}

} // namespace

QString startFolder()
{
    const QString remembered = QSettings().value(SettingsKey).toString();
    if (!remembered.isEmpty() && QFileInfo(remembered).isDir())
        return remembered;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!documents.isEmpty() && QFileInfo(documents).isDir())
        return documents;
    return QDir::homePath();
}

QString startPath(const QString &start)
{
    if (start.isEmpty())
        return startFolder();
    if (QDir::isAbsolutePath(start))
        return start;
    return QDir(startFolder()).filePath(start);
}

void rememberFolder(const QString &chosenPath, Chosen chosen)
{
    if (chosenPath.isEmpty())
        return;
    const QFileInfo info(chosenPath);
    QSettings().setValue(SettingsKey,
                         chosen == Chosen::Folder ? info.absoluteFilePath() : info.absolutePath());
}

QString getOpenFileName(QWidget *parent,
                        const QString &caption,
                        const QString &start,
                        const QString &filter)
{
    return askForFile(&QFileDialog::getOpenFileName, parent, caption, start, filter);
}

QStringList getOpenFileNames(QWidget *parent,
                             const QString &caption,
                             const QString &start,
                             const QString &filter)
{
    const QStringList paths = QFileDialog::getOpenFileNames(parent,
                                                            caption,
                                                            startPath(start),
                                                            filter);
    if (!paths.isEmpty())
        rememberFolder(paths.first());
    return paths;
}

QString getSaveFileName(QWidget *parent,
                        const QString &caption,
                        const QString &start,
                        const QString &filter)
{
    return askForFile(&QFileDialog::getSaveFileName, parent, caption, start, filter);
}

QString getExistingDirectory(QWidget *parent, const QString &caption, const QString &start)
{
    const QString folder = QFileDialog::getExistingDirectory(parent, caption, startPath(start));
    rememberFolder(folder, Chosen::Folder);
    return folder;
}

} // namespace Bulkmail::FileDialogs
