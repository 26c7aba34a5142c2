#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace Bulkmail {

// The app's file dialogs, the QFileDialog static functions with one difference: they open where
// the user last chose a file or folder (remembered in QSettings across runs), else in Documents,
// never in the process's working directory (which is wherever the app was started from).
//
// `start` as in QFileDialog: empty opens the remembered folder; a bare file name ("recipients.csv")
// is suggested in it; an absolute path (a campaign's own folder) is used as given.
namespace FileDialogs {

// The folder a dialog opens in: the last one chosen if it still exists, else Documents, else home.
[[nodiscard]] QString startFolder();
// Where a dialog given `start` opens (see above).
[[nodiscard]] QString startPath(const QString &start);
enum class Chosen { File, Folder };
// Remembers the folder of a chosen file (or the chosen folder) for the next dialog.
void rememberFolder(const QString &chosenPath, Chosen chosen = Chosen::File);

[[nodiscard]] QString getOpenFileName(QWidget *parent,
                                      const QString &caption,
                                      const QString &start = {},
                                      const QString &filter = {});
[[nodiscard]] QStringList getOpenFileNames(QWidget *parent,
                                           const QString &caption,
                                           const QString &start = {},
                                           const QString &filter = {});
[[nodiscard]] QString getSaveFileName(QWidget *parent,
                                      const QString &caption,
                                      const QString &start = {},
                                      const QString &filter = {});
[[nodiscard]] QString getExistingDirectory(QWidget *parent,
                                           const QString &caption,
                                           const QString &start = {});

} // namespace FileDialogs

} // namespace Bulkmail
