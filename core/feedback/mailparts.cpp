#include "feedback/mailparts.h"

#include "compose/gmimesupport.h"

#include <QRegularExpression>
#include <QStringDecoder>

#include <uchardet/uchardet.h>

namespace Bulkmail {

namespace {

// GB2312 and GBK labels are routinely put on text that uses characters only GB18030 (their
// superset) has; decoding as GB18030 reads both correctly.
QByteArray decoderName(QByteArray charset)
{
    charset = charset.trimmed().toLower();
    if (charset == "gb2312" || charset == "gbk" || charset == "x-gbk" || charset == "cp936"
        || charset == "euc-cn" || charset == "x-euc-cn")
        return QByteArrayLiteral("GB18030");
    return charset;
}

std::optional<QString> decodeStrictly(const QByteArray &bytes, const QByteArray &charset)
{
    if (charset.isEmpty())
        return std::nullopt;
    QStringDecoder decoder(decoderName(charset).constData());
    if (!decoder.isValid())
        return std::nullopt;
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QByteArray guessedCharset(const QByteArray &bytes)
{
    std::unique_ptr<std::remove_pointer_t<uchardet_t>, void (*)(uchardet_t)> detector(
        uchardet_new(), uchardet_delete);
    if (uchardet_handle_data(detector.get(), bytes.constData(), size_t(bytes.size())) != 0)
        return {};
    uchardet_data_end(detector.get());
    return QByteArray(uchardet_get_charset(detector.get()));
}

// The declared charset first; text declaring none (or a wrong one) is UTF-8 when it validates as
// such, else what uchardet recognises (it needs more than a few words), else GB18030 (the
// Chinese providers are the ones that send unlabelled 8-bit text), else Latin-1 (which decodes
// any byte).
QString decodeText(const QByteArray &bytes, const QByteArray &declared)
{
    if (std::optional<QString> text = decodeStrictly(bytes, declared))
        return *text;
    if (g_utf8_validate(bytes.constData(), bytes.size(), nullptr))
        return QString::fromUtf8(bytes);
    if (std::optional<QString> text = decodeStrictly(bytes, guessedCharset(bytes)))
        return *text;
    if (std::optional<QString> text = decodeStrictly(bytes, QByteArrayLiteral("GB18030")))
        return *text;
    return QString::fromLatin1(bytes);
}

QString fromUtf8(const char *text)
{
    return text ? QString::fromUtf8(text) : QString();
}

QByteArray lowerMimeType(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (!type)
        return {};
    gchar *mimeType = g_mime_content_type_get_mime_type(type);
    QByteArray result = QByteArray(mimeType).toLower();
    g_free(mimeType);
    return result;
}

// The bytes of a leaf part, its transfer encoding (base64, quoted-printable) undone.
QByteArray decodedContent(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (!content)
        return {};
    GObjectPtr<GMimeStream> output(g_mime_stream_mem_new());
    if (g_mime_data_wrapper_write_to_stream(content, output.get()) < 0)
        return {};
    const GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(output.get()));
    return QByteArray(reinterpret_cast<const char *>(bytes->data), qsizetype(bytes->len));
}

// A rough plain-text view of HTML, enough to find addresses and reply codes in it.
QString htmlToText(QString html)
{
    static const QRegularExpression invisible(QStringLiteral(
                                                  "<(style|script|head)\\b.*?</\\1\\s*>"),
                                              QRegularExpression::CaseInsensitiveOption
                                                  | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression breaks(QStringLiteral("<(br|/p|/div|/tr|/li|/h\\d)\\b[^>]*>"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    html.remove(invisible);
    html.replace(breaks, QStringLiteral("\n"));
    html.remove(tags);
    html.replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    html.replace(QLatin1String("&lt;"), QLatin1String("<"));
    html.replace(QLatin1String("&gt;"), QLatin1String(">"));
    html.replace(QLatin1String("&quot;"), QLatin1String("\""));
    html.replace(QLatin1String("&#39;"), QLatin1String("'"));
    html.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return html;
}

QString messageIdInHeaderBlock(const QString &headers)
{
    static const QRegularExpression messageId(QStringLiteral("^Message-ID:\\s*(<[^>\\s]+>)"),
                                              QRegularExpression::CaseInsensitiveOption
                                                  | QRegularExpression::MultilineOption);
    // Unfolded (RFC 5322 §2.2.3), so that an id on the continuation line is found too.
    QString unfolded = headers;
    unfolded.replace(QRegularExpression(QStringLiteral("\r?\n[ \t]+")), QStringLiteral(" "));
    const QRegularExpressionMatch match = messageId.match(unfolded);
    return match.hasMatch() ? match.captured(1) : QString();
}

QStringList addressesOf(InternetAddressList *list)
{
    QStringList addresses;
    if (!list)
        return addresses;
    for (int i = 0; i < internet_address_list_length(list); ++i) {
        InternetAddress *address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(address))
            addresses.append(
                fromUtf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address))));
        else if (INTERNET_ADDRESS_IS_GROUP(address))
            addresses += addressesOf(
                internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)));
    }
    return addresses;
}

QStringList addressesInHeader(GMimeObject *object, GMimeParserOptions *options, const char *name)
{
    const char *value = g_mime_object_get_header(object, name);
    if (!value)
        return {};
    GObjectPtr<InternetAddressList> list(internet_address_list_parse(options, value));
    return addressesOf(list.get());
}

struct Walk
{
    MailParts &parts;
    QStringList htmlTexts;
    QByteArray *lastLeaf = nullptr; // the content read last, for a message cut short
    QString *lastText = nullptr;
};

void dropLastLine(QByteArray &bytes)
{
    bytes.truncate(std::max<qsizetype>(0, bytes.lastIndexOf('\n')));
}

void dropLastLine(QString &text)
{
    text.truncate(std::max<qsizetype>(0, text.lastIndexOf(u'\n')));
}

void collectMessageId(MailParts &parts, const QString &id)
{
    if (parts.originalMessageId.isEmpty())
        parts.originalMessageId = bracketedMessageId(id);
}

void walk(GMimeObject *object, Walk &state, int depth)
{
    // MIME nesting deeper than this is an attack or a loop, never a report.
    constexpr int MaximumDepth = 32;
    if (!object || depth > MaximumDepth)
        return;
    const QByteArray mimeType = lowerMimeType(object);
    const bool isDeliveryStatus = mimeType == "message/delivery-status"
                                  || mimeType == "message/global-delivery-status";
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i)
            walk(g_mime_multipart_get_part(multipart, i), state, depth + 1);
    } else if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *message = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (!message)
            return;
        if (isDeliveryStatus) {
            // Registered as a message type: its field groups come back as headers and body.
            if (std::optional<QByteArray> bytes = gmimeBytes(GMIME_OBJECT(message))) {
                state.parts.deliveryStatus.append(*bytes);
                state.lastLeaf = &state.parts.deliveryStatus.last();
                state.lastText = nullptr;
            }
            return;
        }
        // The returned original: its Message-ID, never its text (that is not the report's).
        collectMessageId(state.parts, fromUtf8(g_mime_message_get_message_id(message)));
    } else if (GMIME_IS_PART(object)) {
        GMimePart *part = GMIME_PART(object);
        const QByteArray content = decodedContent(part);
        state.lastLeaf = nullptr;
        state.lastText = nullptr;
        if (isDeliveryStatus) {
            state.parts.deliveryStatus.append(content);
            state.lastLeaf = &state.parts.deliveryStatus.last();
        } else if (mimeType == "text/rfc822-headers") {
            collectMessageId(state.parts,
                             messageIdInHeaderBlock(
                                 decodeText(content, QByteArrayLiteral("utf-8"))));
        } else if (mimeType == "text/plain" || mimeType == "text/html") {
            const QByteArray charset(g_mime_object_get_content_type_parameter(object, "charset"));
            const QString text = decodeText(content, charset);
            QStringList &texts = mimeType == "text/plain" ? state.parts.texts : state.htmlTexts;
            texts.append(mimeType == "text/plain" ? text : htmlToText(text));
            state.lastText = &texts.last();
        }
    }
}

GMimeParserOptions *parserOptions()
{
    static GMimeParserOptions *const options = [] {
        initializeGMime();
        GMimeParserOptions *created = g_mime_parser_options_new();
        // Raw 8-bit headers (Chinese webmail writes GBK subjects unencoded): UTF-8, then GB18030.
        static const char *fallback[] = {"utf-8", "gb18030", "iso-8859-1", nullptr};
        g_mime_parser_options_set_fallback_charsets(created, fallback);
        return created;
    }();
    return options;
}

} // namespace

QString bracketedMessageId(const QString &id)
{
    QString trimmed = id.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (!trimmed.startsWith(u'<'))
        trimmed.prepend(u'<');
    if (!trimmed.endsWith(u'>'))
        trimmed.append(u'>');
    return trimmed;
}

std::optional<MailParts> readMailParts(const QByteArray &raw)
{
    GMimeParserOptions *options = parserOptions();
    GObjectPtr<GMimeStream> stream(
        g_mime_stream_mem_new_with_buffer(raw.constData(), size_t(raw.size())));
    GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options));
    if (!message)
        return std::nullopt;
    GMimeObject *object = GMIME_OBJECT(message.get());

    MailParts parts;
    parts.subject = fromUtf8(g_mime_message_get_subject(message.get())).simplified();
    const QStringList from = addressesOf(g_mime_message_get_from(message.get()));
    parts.fromAddress = from.value(0);
    if (const char *returnPath = g_mime_object_get_header(object, "Return-Path")) {
        parts.returnPath = QString::fromUtf8(returnPath).trimmed();
        parts.returnPath.remove(u'<').remove(u'>');
    }
    for (const char *header : {"To", "Cc", "Delivered-To", "X-Original-To"})
        parts.toAddresses += addressesInHeader(object, options, header);
    parts.messageId = bracketedMessageId(fromUtf8(g_mime_message_get_message_id(message.get())));
    for (const char *header : {"In-Reply-To", "References"}) {
        const char *value = g_mime_object_get_header(object, header);
        if (!value)
            continue;
        GMimeReferences *references = g_mime_references_parse(options, value);
        if (!references)
            continue;
        for (int i = 0; i < g_mime_references_length(references); ++i) {
            const QString id = bracketedMessageId(
                fromUtf8(g_mime_references_get_message_id(references, i)));
            if (header[0] == 'I' && parts.inReplyTo.isEmpty())
                parts.inReplyTo = id;
            else if (header[0] == 'R')
                parts.references.append(id);
        }
        g_mime_references_free(references);
    }
    if (GDateTime *date = g_mime_message_get_date(message.get()))
        parts.date = QDateTime::fromSecsSinceEpoch(g_date_time_to_unix(date), Qt::UTC);
    if (const char *autoSubmitted = g_mime_object_get_header(object, "Auto-Submitted"))
        parts.autoSubmitted = QByteArray(autoSubmitted).trimmed().toLower();
    const QByteArray precedence = QByteArray(g_mime_object_get_header(object, "Precedence"))
                                      .trimmed()
                                      .toLower();
    parts.hasAutoReplyHeader = g_mime_object_get_header(object, "X-Autoreply")
                               || g_mime_object_get_header(object, "X-Autorespond")
                               || precedence == "auto_reply";

    GMimeObject *body = g_mime_message_get_mime_part(message.get());
    if (body) {
        parts.mimeType = lowerMimeType(body);
        parts.reportType = QByteArray(g_mime_object_get_content_type_parameter(body, "report-type"))
                               .toLower();
    }
    Walk state{parts, {}};
    walk(body, state, 0);
    // A message that stops mid-line was cut short (a broken download): the last line of the part
    // read last may hold half an address, which must not become a recipient.
    if (!raw.endsWith('\n')) {
        if (state.lastLeaf)
            dropLastLine(*state.lastLeaf);
        if (state.lastText)
            dropLastLine(*state.lastText);
    }
    // HTML counts only where a message has no plain text (Exchange's HTML-only reports).
    if (parts.texts.isEmpty())
        parts.texts = state.htmlTexts;
    for (const QString &text : std::as_const(parts.texts)) {
        parts.quotedMessageId = messageIdInHeaderBlock(text);
        if (!parts.quotedMessageId.isEmpty())
            break;
    }
    return parts;
}

} // namespace Bulkmail
