#pragma once

// GMime helpers shared by the composer's files. GLib types stay out of the public headers: include
// this from .cpp files only.

#include "compose/mimetextpart.h"

#include <memory>
#include <optional>

#include <gmime/gmime.h>

namespace Bulkmail {

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

// g_mime_init() once per process, before the first GMime call.
void initializeGMime();
// CRLF line ends, RFC 2231 parameters. Shared read-only.
[[nodiscard]] GMimeFormatOptions *gmimeFormatOptions();

// A text/<subtype>; charset=utf-8 part holding a copy of `body`.
[[nodiscard]] GObjectPtr<GMimePart> makeGMimeTextPart(const char *subtype, const TextBody &body);

// The object as GMime writes it (CRLF line ends); nothing when GMime fails.
[[nodiscard]] std::optional<QByteArray> gmimeBytes(GMimeObject *object);

} // namespace Bulkmail
