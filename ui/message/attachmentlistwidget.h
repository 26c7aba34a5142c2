#pragma once

#include <QListWidget>
#include <QStringList>

namespace Bulkmail {

// The attachment list: it takes local files dropped from a file manager, and Delete removes the
// selected ones. It only reports what the user did; the editor owns the list of paths.
class AttachmentListWidget final : public QListWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentListWidget)

public:
    explicit AttachmentListWidget(QWidget *parent = nullptr);
    ~AttachmentListWidget() override;

    // The local files a drag carries (folders and remote URLs left out).
    [[nodiscard]] static QStringList localFiles(const QMimeData *mimeData);

Q_SIGNALS:
    void filesDropped(const QStringList &paths);
    void removeRequested();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace Bulkmail
