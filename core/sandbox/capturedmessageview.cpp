#include "capturedmessageview.h"

#include <algorithm>
#include <memory>
#include <mutex>

#include <gmime/gmime.h>

namespace Bulkmail {

namespace {

struct GObjectDeleter
{
    void operator()(gpointer object) const
    {
        if (object)
            g_object_unref(object);
    }
};
template<typename T>
using GObjectPtr = std::unique_ptr<T, GObjectDeleter>;

// Takes ownership of a g_malloc'ed UTF-8 string.
QString takeUtf8(char *text)
{
    const QString result = QString::fromUtf8(text);
    g_free(text);
    return result;
}

// GMime hands out bodies with the line ends they travelled with (CRLF, RFC 5322 §2.1).
QString withLfLineEnds(QString text)
{
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    return text;
}

// g_mime_init() counts its callers, so calling it here as well as in the composer is safe.
void initGMime()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

QString addresses(InternetAddressList *list)
{
    if (!list || internet_address_list_length(list) == 0)
        return {};
    return takeUtf8(internet_address_list_to_string(list, nullptr, FALSE));
}

QDateTime toQDateTime(GDateTime *date)
{
    if (!date)
        return {};
    const qint64 seconds = g_date_time_to_unix(date);
    const auto offsetSeconds = static_cast<int>(g_date_time_get_utc_offset(date)
                                                / G_TIME_SPAN_SECOND);
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::OffsetFromUTC, offsetSeconds);
}

QByteArray decodedContent(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (!content)
        return {};
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new());
    if (g_mime_data_wrapper_write_to_stream(content, stream.get()) < 0)
        return {};
    const GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
    return QByteArray(reinterpret_cast<const char *>(bytes->data), qsizetype(bytes->len));
}

QString mimeTypeOf(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (!type)
        return QStringLiteral("text/plain"); // RFC 2045 §5.2 default
    return takeUtf8(g_mime_content_type_get_mime_type(type)).toLower();
}

// Depth first over the MIME tree: the first readable text and HTML bodies, everything else listed
// as an attachment.
void collectParts(GMimeObject *object, MessageView &view)
{
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        const int count = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < count; ++i)
            collectParts(g_mime_multipart_get_part(multipart, i), view);
        return;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
        // A forwarded message (message/rfc822): a mail program shows it as an attachment.
        GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new());
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        qint64 size = 0;
        QString name;
        if (inner) {
            size = g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, stream.get());
            name = QString::fromUtf8(g_mime_message_get_subject(inner));
        }
        view.attachments.append({name, mimeTypeOf(object), std::max<qint64>(size, 0)});
        return;
    }
    if (!GMIME_IS_PART(object))
        return;
    GMimePart *part = GMIME_PART(object);
    const QString mimeType = mimeTypeOf(object);
    const char *fileName = g_mime_part_get_filename(part);
    const bool isAttachment = g_mime_part_is_attachment(part) || (fileName && *fileName);
    if (!isAttachment && GMIME_IS_TEXT_PART(object)) {
        QString *body = nullptr;
        if (mimeType == QLatin1String("text/plain") && view.text.isEmpty())
            body = &view.text;
        else if (mimeType == QLatin1String("text/html") && view.html.isEmpty())
            body = &view.html;
        if (body) {
            // Decodes the transfer encoding and converts from the part's charset to UTF-8.
            *body = withLfLineEnds(takeUtf8(g_mime_text_part_get_text(GMIME_TEXT_PART(object))));
            return;
        }
    }
    view.attachments.append(
        {QString::fromUtf8(fileName), mimeType, qint64(decodedContent(part).size())});
}

// Every header of the message's own header section in order, unfolded (RFC 5322 §2.2.3) and
// decoded (RFC 2047). Read here rather than from GMime's lists, which keep the Content-* fields
// apart from the others and so lose their order.
QList<QPair<QString, QString>> decodedHeaders(const QByteArray &data)
{
    QList<QPair<QString, QString>> headers;
    qsizetype position = 0;
    QByteArray name;
    QByteArray value;
    const auto finishField = [&] {
        if (!name.isEmpty()) {
            char *decoded = g_mime_utils_header_decode_text(nullptr, value.trimmed().constData());
            headers.append({QString::fromUtf8(name.trimmed()), takeUtf8(decoded).trimmed()});
        }
        name.clear();
        value.clear();
    };
    while (position < data.size()) {
        qsizetype end = data.indexOf('\n', position);
        if (end < 0)
            end = data.size();
        QByteArray line = data.mid(position, end - position);
        position = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            break; // the end of the header section
        if (line.startsWith(' ') || line.startsWith('\t')) {
            value += line; // a continuation: unfolding removes only the line break
            continue;
        }
        finishField();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue; // not a header field; mail programs skip it too
        name = line.left(colon);
        value = line.mid(colon + 1);
    }
    finishField();
    return headers;
}

} // namespace

Result<MessageView> viewCapturedMessage(const QByteArray &data)
{
    if (data.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidFormat, QStringLiteral("The message is empty"));
    initGMime();
    GObjectPtr<GMimeStream> stream(
        g_mime_stream_mem_new_with_buffer(data.constData(), size_t(data.size())));
    GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
    if (!message)
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("The captured data is not a readable message"));

    MessageView view;
    view.from = addresses(g_mime_message_get_from(message.get()));
    view.to = addresses(g_mime_message_get_to(message.get()));
    view.replyTo = addresses(g_mime_message_get_reply_to(message.get()));
    view.subject = QString::fromUtf8(g_mime_message_get_subject(message.get()));
    view.date = toQDateTime(g_mime_message_get_date(message.get()));

    view.headers = decodedHeaders(data);

    if (GMimeObject *body = g_mime_message_get_mime_part(message.get()))
        collectParts(body, view);
    return view;
}

} // namespace Bulkmail
