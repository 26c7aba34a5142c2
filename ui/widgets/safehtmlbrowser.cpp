#include "safehtmlbrowser.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace Bulkmail {

namespace {

// data:[<media type>][;base64],<data> (RFC 2397).
QVariant decodeDataUrl(const QUrl &url)
{
    const QByteArray encoded = url.toEncoded();
    const qsizetype comma = encoded.indexOf(',');
    if (comma < 0)
        return {};
    const QByteArray header = encoded.mid(5, comma - 5); // after "data:"
    const QByteArray data = QByteArray::fromPercentEncoding(encoded.mid(comma + 1));
    if (header.endsWith(";base64"))
        return QByteArray::fromBase64(data);
    return data;
}

// A URL that names another computer: any scheme but data:, cid: and file:, or "//host/...".
bool isRemote(const QString &reference)
{
    const QString trimmed = reference.trimmed();
    if (trimmed.startsWith(QLatin1String("//")))
        return true;
    const QUrl url(trimmed);
    const QString scheme = url.scheme().toLower();
    // A one-letter scheme is a Windows drive ("C:/...").
    return scheme.size() > 1 && scheme != QLatin1String("data") && scheme != QLatin1String("cid")
           && scheme != QLatin1String("file");
}

} // namespace

SafeHtmlBrowser::SafeHtmlBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
}

SafeHtmlBrowser::~SafeHtmlBrowser() = default;

void SafeHtmlBrowser::setAttachments(const QStringList &paths)
{
    m_attachments = paths;
}

void SafeHtmlBrowser::showHtml(const QString &html)
{
    m_blocked.clear();
    setHtml(html);
}

QString SafeHtmlBrowser::attachmentFor(const QUrl &url) const
{
    QString path;
    if (url.isLocalFile())
        path = url.toLocalFile();
    else if (url.scheme().isEmpty())
        path = url.path();
    else
        return {};
    if (path.isEmpty())
        return {};
    const QString fileName = QFileInfo(path).fileName();
    for (const QString &attachment : m_attachments) {
        if (attachment == path || QFileInfo(attachment).fileName() == fileName)
            return attachment;
    }
    return {};
}

QVariant SafeHtmlBrowser::loadResource(int type, const QUrl &name)
{
    Q_UNUSED(type)
    if (name.scheme().compare(QLatin1String("data"), Qt::CaseInsensitive) == 0)
        return decodeDataUrl(name);
    const QString attachment = attachmentFor(name);
    if (attachment.isEmpty()) {
        if (!m_blocked.contains(name))
            m_blocked.append(name);
        return {}; // never the network, never a file the message does not carry
    }
    QFile file(attachment);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool SafeHtmlBrowser::referencesRemoteContent(const QString &html)
{
    static const QRegularExpression attribute(
        QStringLiteral("\\b(?:src|background|srcset|poster|href)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|"
                       "([^\\s>]+))"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression cssUrl(
        QStringLiteral("url\\(\\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\\s]*))\\s*\\)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression linkTag(QStringLiteral("<link\\b[^>]*>"),
                                            QRegularExpression::CaseInsensitiveOption);
    auto value = [](const QRegularExpressionMatch &match) {
        for (int i = 1; i <= 3; ++i) {
            if (match.capturedStart(i) >= 0)
                return match.captured(i);
        }
        return QString();
    };
    // href only loads something in <link> (style sheets); in <a> it is a link, not content.
    auto iterator = attribute.globalMatch(html);
    while (iterator.hasNext()) {
        const QRegularExpressionMatch match = iterator.next();
        if (match.captured(0).startsWith(QLatin1String("href"), Qt::CaseInsensitive))
            continue;
        const QString reference = value(match);
        if (match.captured(0).startsWith(QLatin1String("srcset"), Qt::CaseInsensitive)) {
            for (const QString &candidate : reference.split(u',')) {
                if (isRemote(candidate.trimmed().section(u' ', 0, 0)))
                    return true;
            }
            continue;
        }
        if (isRemote(reference))
            return true;
    }
    auto links = linkTag.globalMatch(html);
    while (links.hasNext()) {
        const QString tag = links.next().captured(0);
        auto hrefs = attribute.globalMatch(tag);
        while (hrefs.hasNext()) {
            const QRegularExpressionMatch match = hrefs.next();
            if (match.captured(0).startsWith(QLatin1String("href"), Qt::CaseInsensitive)
                && isRemote(value(match)))
                return true;
        }
    }
    auto urls = cssUrl.globalMatch(html);
    while (urls.hasNext()) {
        if (isRemote(value(urls.next())))
            return true;
    }
    return false;
}

} // namespace Bulkmail
