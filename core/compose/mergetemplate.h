#pragma once

#include "campaign/campaign.h"
#include "common/result.h"

#include <memory>

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Bulkmail {

// How a template writes the values of `{{field}}` tags. Html escapes & < > " ' (as &amp; &lt;
// &gt; &quot; &#39;: numeric for the apostrophe, which HTML 4 mail readers do not know as
// &apos;). `{{{field}}}` and `{{& field}}` are never escaped, not even in HTML: writing them is
// the user's explicit choice to insert markup from the recipient list.
enum class Escaping { None, Html };

// The merge values of one recipient: `email`, `name` and every extra field of the list by its
// name (Campaign::recipientFields). An empty value counts as missing: `{{#field}}` does not
// render, `{{^field}}` does. When an extra field is called `email` or `name`, the recipient's own
// address and name win. Values are text, never templates: `{{` in a value stays as it is.
class MergeValues final
{
public:
    MergeValues(const QStringList &fieldNames, const Recipient &recipient);
    ~MergeValues();
    MergeValues(MergeValues &&) noexcept;
    MergeValues &operator=(MergeValues &&) noexcept;
    MergeValues(const MergeValues &) = delete;
    MergeValues &operator=(const MergeValues &) = delete;

    // The value of a field; empty when the recipient has none.
    [[nodiscard]] QString value(const QString &fieldName) const;

private:
    friend class MergeTemplate;
    friend struct MergeValuesAccess; // lets MessageRenderer and checkTemplates keep only used fields
    struct Impl;
    explicit MergeValues(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// One parsed Mustache template (kainjow mustache): parse once, render for every recipient.
//
// Supported: variables `{{field}}` (escaped as chosen), `{{{field}}}` and `{{& field}}` (never
// escaped), sections `{{#field}}...{{/field}}` (rendered once when the value is not empty; `{{.}}`
// inside is the value), inverted sections `{{^field}}...{{/field}}` (rendered when it is empty),
// comments `{{! ...}}` and delimiter changes `{{=<% %>=}}`. Standalone section tags remove their
// line, as the Mustache spec says. Field names are case-sensitive.
// Rejected when parsing (ErrorCode::InvalidFormat): partials `{{> name}}` (they would turn a
// field's value into a template) and names with a dot (Mustache reads `{{a.b}}` as a nested
// field, and merge values are flat). Lambdas do not exist because values are only text.
//
// Copies share the parsed template. render() only reads it, so several threads may render the
// same template at once.
class MergeTemplate final
{
public:
    // Errors name the problem and where it is, in characters of `text` counted from 1, e.g.
    // `Unclosed section "name" at line 2, column 7` or `Partial "footer" at line 1, column 1:
    // partials are not supported`.
    [[nodiscard]] static Result<MergeTemplate> parse(const QString &text, Escaping escaping);

    // Every variable and section name used, in order of first appearance, each once; not `.`.
    [[nodiscard]] QStringList fieldNames() const;

    [[nodiscard]] QString render(const MergeValues &values) const;

    // The fields whose empty value render() would write for these values, in order of first
    // appearance, each once. A section's own name never counts (it is a condition), and the
    // contents of a section count only when the section renders: with
    // `{{#name}}Dear {{name}}{{/name}}{{^name}}Dear customer{{/name}}` nothing is ever missing.
    [[nodiscard]] QStringList missingFields(const MergeValues &values) const;

private:
    struct Impl;
    explicit MergeTemplate(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> m_impl;
};

struct RenderedMessage
{
    QString subject;
    QString text;
    QString html; // empty when the campaign has no HTML body
};

// The three templates of a campaign, parsed once. The subject and the text body are not
// escaped, the HTML body is. CR and LF in a value reach the subject unchanged: the composer
// replaces them (it owns header safety); the renderer itself adds none.
class MessageRenderer final
{
public:
    // Fails when a template does not parse; the message names the part, e.g.
    // `message.subject: Unclosed section "name" at line 1, column 7`.
    [[nodiscard]] static Result<MessageRenderer> create(const MessageTemplate &messageTemplate,
                                                        const QStringList &recipientFields);

    [[nodiscard]] RenderedMessage render(const Recipient &recipient) const;

private:
    struct Impl;
    explicit MessageRenderer(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> m_impl;
};

// What is wrong with a campaign's templates before sending.
// One problem of TemplateCheck::errors, for whoever words it: which part, and what.
struct TemplateProblem
{
    enum class Part { Subject, Text, Html };
    enum class Kind {
        Syntax,       // detail: the parser's reason
        UnknownField, // detail: the field's name; suggestion: the nearest known field or ""
    };
    Part part = Part::Text;
    Kind kind = Kind::Syntax;
    QString detail;
    QString suggestion;
    // Syntax: the parser's error, with its code and arguments (ComposeProblem) for the window.
    Error error{};
};

struct TemplateCheck
{
    // Templates that do not parse ("message.text: Unclosed section ...") and fields that no
    // column has ("message.subject: {{Name}}: no such field; did you mean {{name}}?"), in the
    // order subject, text, html.
    QList<Error> errors;
    QList<TemplateProblem> problems; // the same, one for each error
    // Names used by a template that are neither email, name nor a recipient field; each once.
    QStringList unknownFields;
    // Row index in Campaign::recipients → the known fields that would render empty for that
    // recipient (see MergeTemplate::missingFields: fields used only inside their own
    // `{{#field}}` or `{{^field}}` section are optional and never listed; a field inside another
    // section is listed only for the recipients for whom that section renders). Rows with
    // nothing missing are left out; unknown fields are never listed here.
    QList<QPair<int, QStringList>> recipientsMissingFields;
};

[[nodiscard]] TemplateCheck checkTemplates(const Campaign &campaign);

} // namespace Bulkmail
