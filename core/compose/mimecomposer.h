#pragma once

#include "campaign/campaign.h"
#include "campaign/emailaddress.h"
#include "common/result.h"
#include "compose/mergetemplate.h" // RenderedMessage: the merged subject, text and HTML
#include "smtp/outgoingmessage.h"

#include <memory>
#include <vector>

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// What the server offers (its EHLO keywords), so the composer uses them only then.
struct MimeOptions
{
    bool allow8BitMime = false; // RFC 6152: bodies may go out as 8bit instead of QP or base64
    bool allowSmtpUtf8 = false; // RFC 6531: addresses may have a non-ASCII local part
};

class AttachmentCache;

// What the composer needs besides the template, the content and the recipient.
struct MimeContext
{
    QDateTime date;             // the Date header; invalid: the current time
    QByteArray messageIdDomain; // right side of the Message-ID; empty: the From address's domain
    quint64 messageHandle = 0;  // copied into OutgoingMessage::id and mixed into the Message-ID
    // Attachments read and encoded once per campaign; not owned, must outlive the call. Paths it
    // does not hold (or all of them, when null) are read from disk by every call.
    const AttachmentCache *attachments = nullptr;
};

// The files of a campaign, each read once and kept base64-encoded, so that composing 10,000
// messages neither reads nor encodes an attachment 10,000 times. Fill it before composing; its
// const methods may then be used from any number of threads at once (nothing changes any more).
// Copies share the encoded data.
class AttachmentCache final
{
public:
    struct Entry;

    AttachmentCache();
    ~AttachmentCache();
    AttachmentCache(const AttachmentCache &);
    AttachmentCache &operator=(const AttachmentCache &);
    AttachmentCache(AttachmentCache &&) noexcept;
    AttachmentCache &operator=(AttachmentCache &&) noexcept;

    // Reads every file (ErrorCode::Io naming the first unreadable one; the cache keeps the files
    // read before it).
    [[nodiscard]] Result<void> load(const QStringList &paths);
    // Reads one file; its MIME type comes from QMimeDatabase (name, then content), its name in
    // the message is the file name without the directory.
    [[nodiscard]] Result<void> add(const QString &path);
    // Preloaded data under `path` (the key MessageTemplate::attachments uses). An empty
    // `mimeType` is guessed from `fileName` and the data.
    void addData(const QString &path,
                 const QString &fileName,
                 const QByteArray &data,
                 const QString &mimeType = {});

    [[nodiscard]] bool contains(const QString &path) const;
    [[nodiscard]] qsizetype size() const { return m_entries.size(); }
    // The MIME type the cache chose for `path`; empty if it holds no such file.
    [[nodiscard]] QString mimeType(const QString &path) const;
    // Internal: the prepared entry, or null.
    [[nodiscard]] std::shared_ptr<const Entry> entry(const QString &path) const;

private:
    QHash<QString, std::shared_ptr<const Entry>> m_entries;
};

// One file read for one message (a personal attachment): encoded as it was read, in chunks (the
// file is never held unencoded), with the size and SHA-256 of the very bytes encoded.
struct ReadAttachment
{
    std::shared_ptr<const AttachmentCache::Entry> entry;
    AttachedFile file;
};
[[nodiscard]] Result<ReadAttachment> readAttachmentFile(const QString &path);
// Bytes prepared in memory (a protected PDF) under `fileName`, with their size and SHA-256.
[[nodiscard]] ReadAttachment attachmentFromData(const QString &fileName, const QByteArray &data);

// What one recipient's message has beyond the template: its own files and its copies.
struct MessageExtras
{
    std::vector<ReadAttachment> attachments; // attached after the shared ones
    QList<Mailbox> cc;                       // a Cc header and envelope recipients
    QList<Mailbox> bcc;                      // envelope recipients only: never in a header
};

// Builds one personalised RFC 5322 / MIME message with GMime (CRLF line endings):
// `text/plain`, or `multipart/alternative` (text, then HTML) when there is HTML, inside
// `multipart/mixed` when there are attachments (base64; the file name per RFC 2231 in the
// Content-Disposition's `filename*=UTF-8''...`, and as an RFC 2047 encoded word in the
// Content-Type's `name=`, which Outlook and Foxmail read).
//
// `headersAndAttachments` supplies From, Reply-To, attachments, custom headers and
// List-Unsubscribe (its subject, text and HTML are ignored: `content` has the merged ones).
// Headers: Date, From, To (the recipient alone), optional Cc (MimeComposer only), optional Reply-To, Subject, Message-ID (unique,
// with `context.messageIdDomain` or the sender's domain), MIME-Version, optional List-Unsubscribe
// (with List-Unsubscribe-Post: List-Unsubscribe=One-Click when it has an https URI, RFC 8058),
// then the custom headers in order.
//
// Header injection is impossible: addresses with CR, LF or other invalid characters fail with
// ErrorCode::InvalidAddress naming the field ("message.from", "message.replyTo",
// "recipient.email"); CR, LF and other control characters in the subject, display names and
// custom header values become spaces before encoding; invalid or reserved custom header names
// (From, To, Cc, Bcc, Content-Type, ...) and List-Unsubscribe URIs that are not http(s) or mailto
// fail with ErrorCode::InvalidValue. Non-ASCII text in headers becomes RFC 2047 encoded words of
// at most 75 characters, folded at 78.
//
// Bodies: 7bit when ASCII; otherwise 8bit only if `options.allow8BitMime` (then
// `requires8BitMime` is set); otherwise quoted-printable or base64, whichever is shorter. No line
// exceeds 998 octets; encoded lines are at most 76. Domains become A-labels; a non-ASCII local
// part needs `options.allowSmtpUtf8` (ErrorCode::InvalidAddress otherwise) and then sets
// `requiresSmtpUtf8` and `requires8BitMime` (the address appears as UTF-8 in the header, RFC 6532).
// An attachment that cannot be read fails with ErrorCode::Io naming the file.
[[nodiscard]] Result<OutgoingMessage> composeMime(const MessageTemplate &headersAndAttachments,
                                                  const RenderedMessage &content,
                                                  const Recipient &recipient,
                                                  const MimeContext &context,
                                                  const MimeOptions &options = {});

// composeMime() for the many messages of one campaign: what they share (the sender, Reply-To,
// List-Unsubscribe, custom headers, attachments) is checked and encoded once by create(), which
// fails as composeMime() would for any recipient. compose() does the rest per recipient and
// gives the same message composeMime() gives for the same date and handle. Copies share the
// prepared parts; compose() only reads them, so several threads may compose at once.
class MimeComposer final
{
public:
    [[nodiscard]] static Result<MimeComposer> create(const MessageTemplate &headersAndAttachments,
                                                     const MimeContext &context,
                                                     const MimeOptions &options = {});

    // `date` invalid: the current time. The copies' addresses are checked as the recipient's
    // (ErrorCode::InvalidAddress naming "recipient.cc" or "recipient.bcc") and go into
    // OutgoingMessage::copies, Cc first.
    [[nodiscard]] Result<OutgoingMessage> compose(const RenderedMessage &content,
                                                  const Recipient &recipient,
                                                  quint64 messageHandle,
                                                  const QDateTime &date = {},
                                                  const MessageExtras &extras = {}) const;

private:
    struct Shared;
    explicit MimeComposer(std::shared_ptr<const Shared> shared);
    std::shared_ptr<const Shared> m_shared;
};

} // namespace Bulkmail
