#pragma once

#include <QStringList>
#include <QTextBrowser>
#include <QUrl>

namespace Bulkmail {

// Shows a message's HTML body without ever fetching anything from the network: loadResource()
// answers only data: URLs and the campaign's own attachments (by path or file name); anything
// else, http, https, ftp or a file that is not attached, loads as nothing. Links do not open.
// Loading remote images in a preview would tell their server that the message was looked at
// (tracking pixels) and stall the preview on slow hosts.
class PreviewBrowser final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewBrowser)

public:
    explicit PreviewBrowser(QWidget *parent = nullptr);
    ~PreviewBrowser() override;

    // The files the message carries: the only local files the preview may show.
    void setAttachments(const QStringList &paths);

    QVariant loadResource(int type, const QUrl &name) override;

    // The HTML loads an image, style sheet or background from another computer (src, background,
    // srcset, a <link> or a CSS url()).
    [[nodiscard]] static bool referencesRemoteContent(const QString &html);

private:
    [[nodiscard]] QString attachmentFor(const QUrl &url) const;

    QStringList m_attachments;
};

} // namespace Bulkmail
