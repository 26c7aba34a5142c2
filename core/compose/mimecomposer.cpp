#include "mimecomposer.h"

#include "campaign/emailaddress.h"
#include "compose/composeproblem.h"
#include "compose/gmimesupport.h"
#include "compose/mimetextpart.h"
#include "compose/unsubscribemail.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMimeDatabase>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

namespace Bulkmail {

// GLib types stay in this file: the entry holds the base64 text of one attachment in a
// GByteArray that every message's GMimeStreamMem reads without owning or copying it.
struct AttachmentCache::Entry
{
    QString path;
    QString fileName;
    QByteArray mimeType;
    GByteArray *base64 = nullptr; // lines of 76 characters ending in LF; GMime writes CRLF

    Entry() = default;
    Entry(const Entry &) = delete;
    Entry &operator=(const Entry &) = delete;
    ~Entry()
    {
        if (base64)
            g_byte_array_unref(base64);
    }
};

namespace {

constexpr qsizetype MaxHeaderLineLength = 78;  // RFC 5322 §2.1.1 SHOULD
constexpr qsizetype MaxLineOctets = 998;       // RFC 5322 §2.1.1 MUST
constexpr qsizetype MaxEncodedWordLength = 75; // RFC 2047 §2
constexpr qsizetype Base64LineLength = 76;     // RFC 2045 §6.8
// A word longer than this cannot be folded onto a line of its own after "Subject: ", so such a
// header goes out as encoded words, which split anywhere.
constexpr qsizetype MaxUnfoldableWord = 60;

// Builds one header field folded at token boundaries (RFC 5322 §2.2.3): every token is preceded by
// one space, or by CRLF SP when it would push the line past 78 characters.
class HeaderFolder
{
public:
    explicit HeaderFolder(QByteArrayView name)
        : m_text(name.toByteArray() + ':')
        , m_lineLength(m_text.size())
    {}

    void append(const QByteArray &token)
    {
        if (!token.isEmpty() && m_lineLength > 0
            && m_lineLength + 1 + token.size() > MaxHeaderLineLength) {
            m_text += "\r\n";
            m_lineLength = 0;
        }
        m_text += ' ' + token;
        m_lineLength += 1 + token.size();
    }

    // Appends to the last token without a space ("," between mailboxes, RFC 5322 §3.4).
    void appendToLastToken(char character)
    {
        m_text += character;
        ++m_lineLength;
    }

    // Room for a token after a space on the current line.
    [[nodiscard]] qsizetype room() const { return MaxHeaderLineLength - m_lineLength - 1; }

    [[nodiscard]] QByteArray finish() const { return m_text + "\r\n"; }

private:
    QByteArray m_text;
    qsizetype m_lineLength = 0;
};

// Control characters (CR and LF above all) in a header value would start a new header line:
// replace them with spaces instead of dropping them, so the text stays readable (STYLE.md rule 14).
QString sanitizeHeaderText(const QString &text)
{
    QString result = text;
    for (QChar &character : result) {
        const char16_t code = character.unicode();
        if (code < 0x20 || (code >= 0x7F && code <= 0x9F) || code == 0x2028 || code == 0x2029)
            character = u' ';
    }
    return result;
}

// Escapes CR and LF so that an error message quoting user input stays on one log line.
QString printable(const QString &text)
{
    QString result = text;
    result.replace(u'\r', QLatin1String("\\r")).replace(u'\n', QLatin1String("\\n"));
    return result;
}

bool isNonAscii(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() >= 0x80; });
}

bool needsEncodedWords(const QString &text)
{
    for (const QChar character : text) {
        if (character.unicode() < 0x20 || character.unicode() > 0x7E)
            return true;
    }
    // Text that looks like an encoded word would be decoded by the reader (RFC 2047 §5).
    if (text.contains(QLatin1String("=?")))
        return true;
    const QStringList words = text.split(u' ');
    return std::any_of(words.cbegin(), words.cend(), [](const QString &word) {
        return word.size() > MaxUnfoldableWord;
    });
}

// The next RFC 2047 "B" encoded word of `text` from `position`, at most `budget` characters
// (whole characters only: §5 forbids splitting a multi-octet character between words).
QByteArray nextEncodedWord(const QString &text, qsizetype &position, qsizetype budget)
{
    static const QByteArray prefix = "=?UTF-8?B?";
    static const QByteArray suffix = "?=";
    constexpr qsizetype overhead = 12; // prefix and suffix
    QByteArray octets;
    while (position < text.size()) {
        const qsizetype length = text[position].isHighSurrogate() && position + 1 < text.size() ? 2
                                                                                                : 1;
        const QByteArray character = QStringView(text).mid(position, length).toUtf8();
        const qsizetype encodedLength = overhead + (octets.size() + character.size() + 2) / 3 * 4;
        if (encodedLength > budget && !octets.isEmpty())
            break;
        octets += character;
        position += length;
    }
    return prefix + octets.toBase64() + suffix;
}

// RFC 2047 "B" encoded words, each at most 75 characters. The space between two adjacent
// encoded words is ignored when decoding (§6.2), so spaces in the text travel inside the words.
// (GMime 3.2's own header encoder writes longer words and lines: measured, so not used here.)
void appendEncodedWords(HeaderFolder &folder, const QString &text)
{
    constexpr qsizetype smallestUsefulWord = 20; // one 4-octet character
    qsizetype position = 0;
    while (position < text.size()) {
        const qsizetype room = folder.room();
        const qsizetype budget = room >= smallestUsefulWord ? std::min(MaxEncodedWordLength, room)
                                                            : MaxEncodedWordLength;
        folder.append(nextEncodedWord(text, position, budget));
    }
}

// An unstructured field such as Subject (RFC 5322 §3.2.5); the text is already sanitised.
void appendUnstructured(HeaderFolder &folder, const QString &text)
{
    if (needsEncodedWords(text)) {
        appendEncodedWords(folder, text);
        return;
    }
    for (const QString &word : text.split(u' '))
        folder.append(word.toLatin1());
}

// RFC 5322 §3.2.3 specials: a display name containing one must be a quoted string.
bool hasSpecials(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar character) {
        return QStringView(u"()<>[]:;@\\,.\"").contains(character);
    });
}

// `address` is valid (no CR, LF or space) with an ASCII domain; a non-ASCII local part goes out
// as UTF-8 (RFC 6532 §3.2), allowed only with SMTPUTF8.
void appendMailbox(HeaderFolder &folder, const QString &displayName, const QString &address)
{
    const QString name = sanitizeHeaderText(displayName).trimmed();
    const QByteArray addressOctets = address.toUtf8();
    if (name.isEmpty()) {
        folder.append(addressOctets);
        return;
    }
    if (needsEncodedWords(name)) {
        appendEncodedWords(folder, name);
    } else if (hasSpecials(name)) {
        QString quotedName = name;
        quotedName.replace(u'\\', QLatin1String("\\\\")).replace(u'"', QLatin1String("\\\""));
        folder.append('"' + quotedName.toLatin1() + '"');
    } else {
        for (const QString &word : name.split(u' '))
            folder.append(word.toLatin1());
    }
    folder.append('<' + addressOctets + '>');
}

QByteArray formatDateUncached(const QDateTime &dateTime)
{
    const int offset = dateTime.offsetFromUtc();
    const int absoluteMinutes = std::abs(offset) / 60;
    const QString zone = QStringLiteral("%1%2%3")
                             .arg(QLatin1Char(offset < 0 ? '-' : '+'))
                             .arg(absoluteMinutes / 60, 2, 10, QChar(u'0'))
                             .arg(absoluteMinutes % 60, 2, 10, QChar(u'0'));
    return (QLocale::c().toString(dateTime, u"ddd, dd MMM yyyy hh:mm:ss") + u' ' + zone).toLatin1();
}

// Formatting costs more than the rest of the header; a campaign sends many messages a second,
// and the text only changes with the second (or the zone offset).
QByteArray formatDate(const QDateTime &dateTime)
{
    thread_local qint64 cachedSecond = std::numeric_limits<qint64>::min();
    thread_local int cachedOffset = 0;
    thread_local QByteArray cachedText;
    const qint64 second = dateTime.toSecsSinceEpoch();
    const int offset = dateTime.offsetFromUtc();
    if (second != cachedSecond || offset != cachedOffset) {
        cachedText = formatDateUncached(dateTime);
        cachedSecond = second;
        cachedOffset = offset;
    }
    return cachedText;
}

// RFC 5322 §3.6.4: unique by a 64-bit random number, the time and the runner's handle. The random
// part has a fixed width (13 base-36 digits hold 2^64), so that the journal lines naming a
// message's Message-ID are as long in every run.
QByteArray makeMessageId(const QByteArray &domain, const QDateTime &date, quint64 handle)
{
    constexpr qsizetype RandomDigits = 13;
    const quint64 random = QRandomGenerator::system()->generate64();
    return '<' + QByteArray::number(random, 36).rightJustified(RandomDigits, '0') + '.'
           + QByteArray::number(date.toMSecsSinceEpoch(), 36) + '.' + QByteArray::number(handle, 36)
           + '@' + domain + '>';
}

bool isValidMessageIdDomain(const QByteArray &domain)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^[A-Za-z0-9.\-]+$|^\[[!-Z^-~]*\]$)"));
    return pattern.match(QString::fromLatin1(domain)).hasMatch();
}

// RFC 5322 §3.6.8 field name: printable ASCII except colon; short enough to leave room for text.
bool isValidHeaderName(const QString &name)
{
    if (name.isEmpty() || name.size() > MaxHeaderLineLength - 2)
        return false;
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return c.unicode() >= 0x21 && c.unicode() <= 0x7E && c != u':';
    });
}

// Fields the composer writes itself, fields that would add recipients or routes, and MIME fields.
bool isReservedHeaderName(const QString &name)
{
    static const QStringList reserved = {
        QStringLiteral("from"),
        QStringLiteral("sender"),
        QStringLiteral("to"),
        QStringLiteral("cc"),
        QStringLiteral("bcc"),
        QStringLiteral("reply-to"),
        QStringLiteral("subject"),
        QStringLiteral("date"),
        QStringLiteral("message-id"),
        QStringLiteral("mime-version"),
        QStringLiteral("return-path"),
        QStringLiteral("received"),
        QStringLiteral("list-unsubscribe"),
        QStringLiteral("list-unsubscribe-post"),
    };
    const QString lower = name.toLower();
    return reserved.contains(lower) || lower.startsWith(QLatin1String("content-"))
           || lower.startsWith(QLatin1String("resent-"));
}

struct UnsubscribeUris
{
    QList<QByteArray> uris; // encoded, without angle brackets
    bool hasHttps = false;
};

// RFC 2369 §2: a comma-separated list of URIs in angle brackets. Only http(s) and mailto are
// accepted; whitespace or control characters inside a URI are rejected, never passed through.
Result<UnsubscribeUris> parseUnsubscribeUris(const QString &text)
{
    UnsubscribeUris result;
    for (QString piece : text.split(u',')) {
        piece = piece.trimmed();
        if (piece.startsWith(u'<') && piece.endsWith(u'>'))
            piece = piece.mid(1, piece.size() - 2);
        if (piece.isEmpty())
            continue;
        const auto fail = [&](ComposeProblem::Code why) {
            return tl::make_unexpected(
                ComposeProblem::error(ErrorCode::InvalidValue, why, {printable(piece)}));
        };
        const bool hasSpaceOrControl = std::any_of(piece.cbegin(), piece.cend(), [](QChar c) {
            return c.unicode() <= 0x20 || (c.unicode() >= 0x7F && c.unicode() <= 0x9F) || c == u'<'
                   || c == u'>';
        });
        if (hasSpaceOrControl)
            return fail(ComposeProblem::Code::UnsubscribeUriHasSpace);
        const QUrl url(piece, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid()
            || (scheme != QLatin1String("https") && scheme != QLatin1String("http")
                && scheme != QLatin1String("mailto"))) {
            return fail(ComposeProblem::Code::UnsubscribeUriNotWeb);
        }
        QByteArray encoded = url.toEncoded();
        encoded.replace(',', "%2C");
        result.hasHttps = result.hasHttps || scheme == QLatin1String("https");
        result.uris.append(encoded);
    }
    return result;
}

QString normalisedFileName(const QString &fileName)
{
    QString result = fileName;
    for (QChar &character : result) {
        const char16_t code = character.unicode();
        if (code < 0x20 || (code >= 0x7F && code <= 0x9F) || code == 0x2028 || code == 0x2029
            || code == u'/' || code == u'\\')
            character = u'_';
    }
    return result.isEmpty() ? QStringLiteral("attachment") : result;
}

QString guessMimeType(const QString &fileName, const QByteArray &data)
{
    static const QMimeDatabase database;
    const QMimeType type = database.mimeTypeForFileNameAndData(fileName, data);
    return type.isValid() ? type.name() : QStringLiteral("application/octet-stream");
}

// type "/" subtype, both RFC 2045 tokens.
bool isValidMimeType(const QString &mimeType)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+/[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+$)"));
    return pattern.match(mimeType).hasMatch();
}

// Base64 in lines of 76 characters (RFC 2045 §6.8): fed in chunks of whole 57-octet groups, so
// a file is encoded as it is read and never held unencoded.
class Base64LineWriter
{
public:
    static constexpr qsizetype GroupOctets = Base64LineLength / 4 * 3; // 57

    explicit Base64LineWriter(qint64 expectedOctets)
        : m_lines(g_byte_array_sized_new(
            guint((expectedOctets + 2) / 3 * 4 + expectedOctets / GroupOctets + 2)))
    {}

    // Every call but the last must pass a multiple of GroupOctets.
    void append(QByteArrayView octets)
    {
        const QByteArray base64 = QByteArray::fromRawData(octets.data(), octets.size()).toBase64();
        for (qsizetype start = 0; start < base64.size(); start += Base64LineLength) {
            const qsizetype length = std::min(Base64LineLength, base64.size() - start);
            g_byte_array_append(m_lines,
                                reinterpret_cast<const guint8 *>(base64.constData() + start),
                                guint(length));
            g_byte_array_append(m_lines, reinterpret_cast<const guint8 *>("\n"), 1);
        }
    }

    [[nodiscard]] GByteArray *take() { return std::exchange(m_lines, nullptr); }

    ~Base64LineWriter()
    {
        if (m_lines)
            g_byte_array_unref(m_lines);
    }
    Base64LineWriter(const Base64LineWriter &) = delete;
    Base64LineWriter &operator=(const Base64LineWriter &) = delete;

private:
    GByteArray *m_lines;
};

std::shared_ptr<AttachmentCache::Entry> makeEmptyEntry(const QString &path,
                                                       const QString &fileName,
                                                       const QByteArray &head,
                                                       const QString &mimeType)
{
    auto entry = std::make_shared<AttachmentCache::Entry>();
    entry->path = path;
    entry->fileName = normalisedFileName(fileName);
    const QString type = mimeType.isEmpty() ? guessMimeType(entry->fileName, head) : mimeType;
    entry->mimeType = isValidMimeType(type) ? type.toLatin1().toLower()
                                            : QByteArray("application/octet-stream");
    return entry;
}

std::shared_ptr<const AttachmentCache::Entry> makeEntry(const QString &path,
                                                        const QString &fileName,
                                                        const QByteArray &data,
                                                        const QString &mimeType)
{
    auto entry = makeEmptyEntry(path, fileName, data, mimeType);
    Base64LineWriter writer(data.size());
    writer.append(data);
    entry->base64 = writer.take();
    return entry;
}

// Reads the file in chunks, encoding each and hashing it (SHA-256) as it goes: what `read`
// reports is exactly what went into the entry.
Result<std::shared_ptr<const AttachmentCache::Entry>> readEntry(const QString &path,
                                                                AttachedFile *read = nullptr)
{
    // 4,096 base64 lines: large enough to read fast, small enough never to matter in memory.
    constexpr qsizetype ChunkOctets = Base64LineWriter::GroupOctets * 4096;
    const auto fail = [&](const QString &why) {
        return tl::make_unexpected(ComposeProblem::error(ErrorCode::Io,
                                                         ComposeProblem::Code::AttachmentUnreadable,
                                                         {printable(path), why}));
    };
    const auto problem = [&](ComposeProblem::Code code) {
        return tl::make_unexpected(ComposeProblem::error(ErrorCode::Io, code, {printable(path)}));
    };
    const QFileInfo info(path);
    if (!info.exists())
        return problem(ComposeProblem::Code::AttachmentMissing);
    if (!info.isFile())
        return problem(ComposeProblem::Code::AttachmentNotAFile);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    Base64LineWriter writer(file.size());
    std::shared_ptr<AttachmentCache::Entry> entry;
    QByteArray chunk(ChunkOctets, Qt::Uninitialized);
    qint64 total = 0;
    while (true) {
        // Fill a whole chunk (a short read mid-file would break the 57-octet grouping).
        qsizetype filled = 0;
        while (filled < ChunkOctets) {
            const qint64 got = file.read(chunk.data() + filled, ChunkOctets - filled);
            if (got < 0)
                return fail(file.errorString());
            if (got == 0)
                break;
            filled += got;
        }
        const QByteArrayView piece(chunk.constData(), filled);
        if (!entry)
            entry = makeEmptyEntry(path, info.fileName(), piece.toByteArray(), {});
        if (filled == 0)
            break;
        hash.addData(piece);
        writer.append(piece);
        total += filled;
        if (filled < ChunkOctets)
            break;
    }
    entry->base64 = writer.take();
    if (read)
        *read = AttachedFile{entry->fileName, total, hash.result().toHex()};
    return std::shared_ptr<const AttachmentCache::Entry>(std::move(entry));
}

// The attachment's already-encoded base64 goes out as it is: GMime copies a stream whose encoding
// matches the part's instead of decoding and re-encoding it.
GObjectPtr<GMimePart> makeAttachmentPart(const AttachmentCache::Entry &entry)
{
    const qsizetype slash = entry.mimeType.indexOf('/');
    GObjectPtr<GMimePart> part(g_mime_part_new_with_type(entry.mimeType.left(slash).constData(),
                                                         entry.mimeType.mid(slash + 1).constData()));
    g_mime_part_set_filename(part.get(), entry.fileName.toUtf8().constData());
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_byte_array(entry.base64));
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream.get()), FALSE);
    GObjectPtr<GMimeDataWrapper> wrapper(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_BASE64));
    g_mime_part_set_content(part.get(), wrapper.get());
    g_mime_part_set_content_encoding(part.get(), GMIME_CONTENT_ENCODING_BASE64);
    // GMime writes both parameters per RFC 2231 (filename*=UTF-8''...), which is right for the
    // Content-Disposition filename (RFC 2183). Outlook and Foxmail read the Content-Type "name"
    // as RFC 2047 encoded words instead, so a non-ASCII name is written their way there, folded
    // inside the quoted string (RFC 5322 §3.2.4 allows folding white space in it). Set last:
    // GMime keeps a raw value until the content type changes.
    if (isNonAscii(entry.fileName)) {
        // "\tname=\"" before the first word and "\"" after the last: 68 keeps every line at 78.
        constexpr qsizetype WordBudget = MaxHeaderLineLength - 10;
        QByteArray raw = ' ' + entry.mimeType + ";\n\tname=\"";
        qsizetype position = 0;
        while (position < entry.fileName.size()) {
            if (position > 0)
                raw += "\n ";
            raw += nextEncodedWord(entry.fileName, position, WordBudget);
        }
        raw += "\"\n";
        GMimeHeader *header = g_mime_header_list_get_header(g_mime_object_get_header_list(
                                                                GMIME_OBJECT(part.get())),
                                                            "Content-Type");
        if (header)
            g_mime_header_set_raw_value(header, raw.constData());
    }
    return part;
}

Result<QString> checkedAddress(const QString &field,
                               const QString &address,
                               const MimeOptions &options,
                               bool &needsSmtpUtf8)
{
    const QString ascii = addressWithAsciiDomain(address);
    if (isNonAscii(ascii)) {
        if (!options.allowSmtpUtf8) {
            return tl::make_unexpected(
                ComposeProblem::error(ErrorCode::InvalidAddress,
                                      ComposeProblem::Code::AddressNeedsSmtpUtf8,
                                      {field, printable(address)}));
        }
        needsSmtpUtf8 = true;
    }
    return ascii;
}

bool hasOverlongLine(const QByteArray &content)
{
    qsizetype start = 0;
    while (start < content.size()) {
        qsizetype end = content.indexOf('\n', start);
        if (end < 0)
            end = content.size();
        if (end - start - 1 > MaxLineOctets)
            return true;
        start = end + 1;
    }
    return false;
}

} // namespace

AttachmentCache::AttachmentCache() = default;
AttachmentCache::~AttachmentCache() = default;
AttachmentCache::AttachmentCache(const AttachmentCache &) = default;
AttachmentCache &AttachmentCache::operator=(const AttachmentCache &) = default;
AttachmentCache::AttachmentCache(AttachmentCache &&) noexcept = default;
AttachmentCache &AttachmentCache::operator=(AttachmentCache &&) noexcept = default;

Result<void> AttachmentCache::load(const QStringList &paths)
{
    for (const QString &path : paths) {
        if (contains(path))
            continue;
        if (auto added = add(path); !added)
            return added;
    }
    return {};
}

Result<void> AttachmentCache::add(const QString &path)
{
    auto entry = readEntry(path);
    if (!entry)
        return tl::make_unexpected(entry.error());
    m_entries.insert(path, std::move(*entry));
    return {};
}

void AttachmentCache::addData(const QString &path,
                              const QString &fileName,
                              const QByteArray &data,
                              const QString &mimeType)
{
    m_entries.insert(path, makeEntry(path, fileName, data, mimeType));
}

bool AttachmentCache::contains(const QString &path) const
{
    return m_entries.contains(path);
}

QString AttachmentCache::mimeType(const QString &path) const
{
    const auto found = m_entries.constFind(path);
    return found == m_entries.cend() ? QString() : QString::fromLatin1((*found)->mimeType);
}

std::shared_ptr<const AttachmentCache::Entry> AttachmentCache::entry(const QString &path) const
{
    return m_entries.value(path);
}

namespace {

// RFC 2369 §2: the URIs in angle brackets, comma-separated, folded between them; RFC 8058 §3.1:
// List-Unsubscribe-Post only when there is an HTTPS URI to POST to (a mailto: alone has none).
QByteArray listUnsubscribeHeaders(const UnsubscribeUris &unsubscribe)
{
    if (unsubscribe.uris.isEmpty())
        return {};
    HeaderFolder unsubscribeHeader("List-Unsubscribe");
    for (qsizetype i = 0; i < unsubscribe.uris.size(); ++i) {
        const bool isLast = i + 1 == unsubscribe.uris.size();
        unsubscribeHeader.append('<' + unsubscribe.uris[i] + (isLast ? ">" : ">,"));
    }
    QByteArray headers = unsubscribeHeader.finish();
    if (unsubscribe.hasHttps)
        headers += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
    return headers;
}

} // namespace

// What every message of a campaign shares, checked and encoded once.
struct MimeComposer::Shared
{
    MimeOptions options;
    QByteArray envelopeFrom;         // the sender's address with an ASCII domain, UTF-8
    QByteArray fromHeader;           // "From: ...\r\n"
    QByteArray replyToHeader;        // "Reply-To: ...\r\n" or empty
    UnsubscribeUris unsubscribeUris; // message.listUnsubscribe, encoded
    std::optional<UnsubscribeMailto> unsubscribeMail; // adds a mailto: per message
    QByteArray unsubscribeHeaders; // List-Unsubscribe(-Post) when the same in every message
    QByteArray trailingHeaders;    // the custom headers, MIME-Version
    QByteArray messageIdDomain;
    bool senderNeedsSmtpUtf8 = false;
    std::vector<std::shared_ptr<const AttachmentCache::Entry>> attachments;
};

MimeComposer::MimeComposer(std::shared_ptr<const Shared> shared)
    : m_shared(std::move(shared))
{}

Result<MimeComposer> MimeComposer::create(const MessageTemplate &headersAndAttachments,
                                          const MimeContext &context,
                                          const MimeOptions &options)
{
    const MessageTemplate &message = headersAndAttachments;
    auto shared = std::make_shared<Shared>();
    shared->options = options;

    // Addresses: parsed and validated, so no CR, LF or bracket ever reaches a header.
    const auto from = parseMailbox(message.from);
    if (!from) {
        return tl::make_unexpected(ComposeProblem::error(ErrorCode::InvalidAddress,
                                                         ComposeProblem::Code::AddressUnreadable,
                                                         {QStringLiteral("message.from"),
                                                          printable(from.error().message)}));
    }
    const auto fromAddress = checkedAddress(QStringLiteral("message.from"),
                                            from->address,
                                            options,
                                            shared->senderNeedsSmtpUtf8);
    if (!fromAddress)
        return tl::make_unexpected(fromAddress.error());
    shared->envelopeFrom = fromAddress->toUtf8();
    HeaderFolder fromHeader("From");
    appendMailbox(fromHeader, from->displayName, *fromAddress);
    shared->fromHeader = fromHeader.finish();

    if (!message.replyTo.trimmed().isEmpty()) {
        auto parsed = parseMailbox(message.replyTo);
        if (!parsed) {
            return tl::make_unexpected(ComposeProblem::error(ErrorCode::InvalidAddress,
                                                             ComposeProblem::Code::AddressUnreadable,
                                                             {QStringLiteral("message.replyTo"),
                                                              printable(parsed.error().message)}));
        }
        const auto address = checkedAddress(QStringLiteral("message.replyTo"),
                                            parsed->address,
                                            options,
                                            shared->senderNeedsSmtpUtf8);
        if (!address)
            return tl::make_unexpected(address.error());
        HeaderFolder replyToHeader("Reply-To");
        appendMailbox(replyToHeader, parsed->displayName, *address);
        shared->replyToHeader = replyToHeader.finish();
    }

    shared->messageIdDomain = context.messageIdDomain.isEmpty()
                                  ? fromAddress->mid(fromAddress->lastIndexOf(u'@') + 1).toUtf8()
                                  : context.messageIdDomain;
    if (!isValidMessageIdDomain(shared->messageIdDomain)) {
        return tl::make_unexpected(
            ComposeProblem::error(ErrorCode::InvalidValue,
                                  ComposeProblem::Code::MessageIdDomainInvalid,
                                  {printable(QString::fromUtf8(shared->messageIdDomain))}));
    }

    auto unsubscribe = parseUnsubscribeUris(message.listUnsubscribe);
    if (!unsubscribe)
        return tl::make_unexpected(unsubscribe.error());
    shared->unsubscribeUris = std::move(*unsubscribe);
    if (message.unsubscribeByMail.isEnabled) {
        auto mailto = UnsubscribeMailto::create(message.unsubscribeByMail, *fromAddress);
        if (!mailto)
            return tl::make_unexpected(mailto.error());
        shared->unsubscribeMail = std::move(*mailto);
    } else {
        shared->unsubscribeHeaders = listUnsubscribeHeaders(shared->unsubscribeUris);
    }

    for (const auto &[name, value] : message.headers) {
        if (!isValidHeaderName(name)) {
            return tl::make_unexpected(ComposeProblem::error(ErrorCode::InvalidValue,
                                                             ComposeProblem::Code::HeaderNameInvalid,
                                                             {printable(name)}));
        }
        if (isReservedHeaderName(name)) {
            return tl::make_unexpected(ComposeProblem::error(ErrorCode::InvalidValue,
                                                             ComposeProblem::Code::HeaderNotSettable,
                                                             {name}));
        }
        HeaderFolder customHeader(name.toLatin1());
        appendUnstructured(customHeader, sanitizeHeaderText(value).trimmed());
        shared->trailingHeaders += customHeader.finish();
    }
    if (hasOverlongLine(shared->fromHeader) || hasOverlongLine(shared->replyToHeader)
        || hasOverlongLine(shared->unsubscribeHeaders)
        || hasOverlongLine(shared->trailingHeaders)) {
        return tl::make_unexpected(ComposeProblem::error(ErrorCode::InvalidValue,
                                                         ComposeProblem::Code::HeaderLineTooLong,
                                                         {QString::number(MaxLineOctets)}));
    }
    shared->trailingHeaders += "MIME-Version: 1.0\r\n";

    // Attachments: from the cache when it has them, else read now (once per composer).
    shared->attachments.reserve(size_t(message.attachments.size()));
    for (const QString &path : message.attachments) {
        auto entry = context.attachments ? context.attachments->entry(path) : nullptr;
        if (!entry) {
            auto read = readEntry(path);
            if (!read)
                return tl::make_unexpected(read.error());
            entry = std::move(*read);
        }
        shared->attachments.push_back(std::move(entry));
    }
    return MimeComposer(std::move(shared));
}

Result<ReadAttachment> readAttachmentFile(const QString &path)
{
    ReadAttachment result;
    auto entry = readEntry(path, &result.file);
    if (!entry)
        return tl::make_unexpected(entry.error());
    result.entry = std::move(*entry);
    return result;
}

ReadAttachment attachmentFromData(const QString &fileName, const QByteArray &data)
{
    ReadAttachment result;
    result.entry = makeEntry(fileName, fileName, data, {});
    result.file = AttachedFile{
        result.entry->fileName,
        data.size(),
        QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex(),
    };
    return result;
}

Result<OutgoingMessage> MimeComposer::compose(const RenderedMessage &content,
                                              const Recipient &recipient,
                                              quint64 messageHandle,
                                              const QDateTime &date,
                                              const MessageExtras &extras) const
{
    const std::vector<ReadAttachment> &personal = extras.attachments;
    const Shared &shared = *m_shared;
    bool needsSmtpUtf8 = shared.senderNeedsSmtpUtf8;

    // Checked as it is, untrimmed: a CR, LF or space anywhere makes it invalid.
    if (!isValidEmailAddress(recipient.email)) {
        return tl::make_unexpected(
            ComposeProblem::error(ErrorCode::InvalidAddress,
                                  ComposeProblem::Code::AddressNotValid,
                                  {QStringLiteral("recipient.email"), printable(recipient.email)}));
    }
    const auto toAddress = checkedAddress(QStringLiteral("recipient.email"),
                                          recipient.email,
                                          shared.options,
                                          needsSmtpUtf8);
    if (!toAddress)
        return tl::make_unexpected(toAddress.error());

    // The header, written here (GMime 3.2 folds encoded words past 75 and lines past 78).
    const QDateTime dateOrNow = date.isValid() ? date : QDateTime::currentDateTime();
    QByteArray header;
    header.reserve(1024);
    HeaderFolder dateHeader("Date");
    dateHeader.append(formatDate(dateOrNow));
    header += dateHeader.finish();
    header += shared.fromHeader;

    HeaderFolder toHeader("To");
    appendMailbox(toHeader, recipient.name, *toAddress);
    header += toHeader.finish();

    QList<QByteArray> copies;
    for (const auto &[mailboxes, field] :
         {std::pair{&extras.cc, QStringLiteral("recipient.cc")},
          std::pair{&extras.bcc, QStringLiteral("recipient.bcc")}}) {
        for (const Mailbox &mailbox : *mailboxes) {
            if (!isValidEmailAddress(mailbox.address)) {
                return tl::make_unexpected(
                    ComposeProblem::error(ErrorCode::InvalidAddress,
                                          ComposeProblem::Code::AddressNotValid,
                                          {field, printable(mailbox.address)}));
            }
            const auto address = checkedAddress(field,
                                                mailbox.address,
                                                shared.options,
                                                needsSmtpUtf8);
            if (!address)
                return tl::make_unexpected(address.error());
            copies.append(address->toUtf8());
        }
    }
    if (!extras.cc.isEmpty()) {
        // RFC 5322 §3.6.3; Bcc gets no header at all, so no recipient learns of it.
        HeaderFolder ccHeader("Cc");
        for (qsizetype i = 0; i < extras.cc.size(); ++i) {
            if (i > 0)
                ccHeader.appendToLastToken(',');
            appendMailbox(ccHeader, extras.cc[i].displayName, QString::fromUtf8(copies[i]));
        }
        header += ccHeader.finish();
    }
    header += shared.replyToHeader;

    HeaderFolder subjectHeader("Subject");
    appendUnstructured(subjectHeader, sanitizeHeaderText(content.subject).trimmed());
    header += subjectHeader.finish();

    QByteArray messageId = makeMessageId(shared.messageIdDomain, dateOrNow, messageHandle);
    HeaderFolder messageIdHeader("Message-ID");
    messageIdHeader.append(messageId);
    header += messageIdHeader.finish();
    if (shared.unsubscribeMail) {
        // The token is this message's Message-ID (compose/unsubscribemail.h says why).
        UnsubscribeUris uris = shared.unsubscribeUris;
        uris.uris.append(shared.unsubscribeMail->uriFor(messageId));
        header += listUnsubscribeHeaders(uris);
    } else {
        header += shared.unsubscribeHeaders;
    }
    if (hasOverlongLine(header)) {
        return tl::make_unexpected(ComposeProblem::error(ErrorCode::InvalidValue,
                                                         ComposeProblem::Code::HeaderLineTooLong,
                                                         {QString::number(MaxLineOctets)}));
    }
    header += shared.trailingHeaders;

    // The MIME entity: one text part is written directly when it needs no encoding (see
    // identityTextPart), everything else by GMime.
    bool uses8Bit = false;
    const bool allow8Bit = shared.options.allow8BitMime;
    const auto prepare = [&](const QString &text) {
        TextBody body = prepareTextBody(text, allow8Bit);
        uses8Bit = uses8Bit || body.encoding == TextTransferEncoding::EightBit;
        return body;
    };
    const bool hasText = !content.text.isEmpty() || content.html.isEmpty();
    QByteArray entity;
    const bool hasAttachments = !shared.attachments.empty() || !personal.empty();
    if (!hasAttachments && (content.html.isEmpty() || !hasText)) {
        const char *subtype = hasText ? "plain" : "html";
        const TextBody body = prepare(hasText ? content.text : content.html);
        std::optional<QByteArray> direct = identityTextPart(subtype, body);
        entity = direct ? std::move(*direct) : textPartWithGMime(subtype, body);
    } else {
        const TextBody textBody = hasText ? prepare(content.text) : TextBody{};
        const TextBody htmlBody = content.html.isEmpty() ? TextBody{} : prepare(content.html);
        GObjectPtr<GMimeObject> body;
        GObjectPtr<GMimePart> textPart = hasText ? makeGMimeTextPart("plain", textBody) : nullptr;
        if (content.html.isEmpty()) {
            body.reset(GMIME_OBJECT(textPart.release()));
        } else {
            GObjectPtr<GMimePart> htmlPart = makeGMimeTextPart("html", htmlBody);
            if (!textPart) {
                body.reset(GMIME_OBJECT(htmlPart.release()));
            } else {
                GMimeMultipart *alternative = g_mime_multipart_new_with_subtype("alternative");
                g_mime_multipart_add(alternative, GMIME_OBJECT(textPart.get())); // RFC 2046 §5.1.4
                g_mime_multipart_add(alternative, GMIME_OBJECT(htmlPart.get()));
                body.reset(GMIME_OBJECT(alternative));
            }
        }
        if (hasAttachments) {
            GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
            g_mime_multipart_add(mixed, body.get());
            for (const auto &entry : shared.attachments)
                g_mime_multipart_add(mixed, GMIME_OBJECT(makeAttachmentPart(*entry).get()));
            for (const ReadAttachment &attachment : personal) {
                g_mime_multipart_add(mixed,
                                     GMIME_OBJECT(makeAttachmentPart(*attachment.entry).get()));
            }
            body.reset(GMIME_OBJECT(mixed));
        }
        std::optional<QByteArray> written = gmimeBytes(body.get());
        if (!written)
            return tl::make_unexpected(
                ComposeProblem::error(ErrorCode::Io, ComposeProblem::Code::NotWritten));
        entity = std::move(*written);
    }

    OutgoingMessage result;
    result.id = messageHandle;
    result.messageId = std::move(messageId);
    result.envelopeFrom = shared.envelopeFrom;
    result.recipient = toAddress->toUtf8();
    result.copies = std::move(copies);
    result.content.reserve(header.size() + entity.size() + 2);
    result.content += header;
    result.content += entity;
    if (!result.content.endsWith("\r\n"))
        result.content += "\r\n";
    // RFC 6531 §3.4: SMTPUTF8 implies 8BITMIME, and the UTF-8 address is an 8-bit octet.
    result.requiresSmtpUtf8 = needsSmtpUtf8;
    result.requires8BitMime = uses8Bit || needsSmtpUtf8;
    return result;
}

Result<OutgoingMessage> composeMime(const MessageTemplate &headersAndAttachments,
                                    const RenderedMessage &content,
                                    const Recipient &recipient,
                                    const MimeContext &context,
                                    const MimeOptions &options)
{
    const auto composer = MimeComposer::create(headersAndAttachments, context, options);
    if (!composer)
        return tl::make_unexpected(composer.error());
    return composer->compose(content, recipient, context.messageHandle, context.date);
}

} // namespace Bulkmail
