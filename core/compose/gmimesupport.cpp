#include "compose/gmimesupport.h"

#include <mutex>

namespace Bulkmail {

void initializeGMime()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

GMimeFormatOptions *gmimeFormatOptions()
{
    static GMimeFormatOptions *const options = [] {
        initializeGMime();
        GMimeFormatOptions *created = g_mime_format_options_new();
        g_mime_format_options_set_newline_format(created, GMIME_NEWLINE_FORMAT_DOS);
        g_mime_format_options_set_param_encoding_method(created,
                                                        GMIME_PARAM_ENCODING_METHOD_RFC2231);
        return created;
    }();
    return options;
}

GObjectPtr<GMimePart> makeGMimeTextPart(const char *subtype, const TextBody &body)
{
    initializeGMime();
    GMimeContentEncoding encoding = GMIME_CONTENT_ENCODING_7BIT;
    switch (body.encoding) {
    case TextTransferEncoding::SevenBit:
        break;
    case TextTransferEncoding::EightBit:
        encoding = GMIME_CONTENT_ENCODING_8BIT;
        break;
    case TextTransferEncoding::QuotedPrintable:
        encoding = GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE;
        break;
    case TextTransferEncoding::Base64:
        encoding = GMIME_CONTENT_ENCODING_BASE64;
        break;
    }
    GObjectPtr<GMimePart> part(g_mime_part_new_with_type("text", subtype));
    g_mime_object_set_content_type_parameter(GMIME_OBJECT(part.get()), "charset", "utf-8");
    GObjectPtr<GMimeStream> stream(
        g_mime_stream_mem_new_with_buffer(body.octets.constData(), size_t(body.octets.size())));
    GObjectPtr<GMimeDataWrapper> wrapper(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(part.get(), wrapper.get());
    g_mime_part_set_content_encoding(part.get(), encoding);
    return part;
}

std::optional<QByteArray> gmimeBytes(GMimeObject *object)
{
    GObjectPtr<GMimeStream> output(g_mime_stream_mem_new());
    if (g_mime_object_write_to_stream(object, gmimeFormatOptions(), output.get()) < 0)
        return std::nullopt;
    const GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(output.get()));
    return QByteArray(reinterpret_cast<const char *>(bytes->data), qsizetype(bytes->len));
}

} // namespace Bulkmail
