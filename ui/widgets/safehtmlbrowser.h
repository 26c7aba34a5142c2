#pragma once

#include <QList>
#include <QStringList>
#include <QTextBrowser>
#include <QUrl>

namespace Bulkmail {

// Shows a message's HTML body (the message preview, the sandbox outbox) without ever fetching
// anything from the network: loadResource() answers only data: URLs and the files named by
// setAttachments() (by path or file name); anything else, http, https, ftp or a file that is not
// attached, loads as nothing and is remembered in blockedResources(). Links do not open. Loading
// remote images would tell their server that the message was looked at (tracking pixels) and
// stall the view on slow hosts.
class SafeHtmlBrowser final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafeHtmlBrowser)

public:
    explicit SafeHtmlBrowser(QWidget *parent = nullptr);
    ~SafeHtmlBrowser() override;

    // The files the message carries: the only local files it may show. None by default.
    void setAttachments(const QStringList &paths);

    // Shows `html` and forgets the resources blocked for the previous one.
    void showHtml(const QString &html);

    QVariant loadResource(int type, const QUrl &name) override;

    // The references the shown HTML asked for and did not get.
    [[nodiscard]] const QList<QUrl> &blockedResources() const { return m_blocked; }

    // The HTML loads an image, style sheet or background from another computer (src, background,
    // srcset, a <link> or a CSS url()).
    [[nodiscard]] static bool referencesRemoteContent(const QString &html);

private:
    [[nodiscard]] QString attachmentFor(const QUrl &url) const;

    QStringList m_attachments;
    QList<QUrl> m_blocked;
};

} // namespace Bulkmail
