#include "compose/mergetemplate.h"

#include "compose/composeproblem.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <QRegularExpression>

#include <mustache.hpp>

namespace Bulkmail {

namespace Mustache = kainjow::mustache;

namespace {

const QString EmailFieldName = QStringLiteral("email");
const QString NameFieldName = QStringLiteral("name");

// One tag that matters for merging, in template order. Comments and delimiter changes are left
// out; a section's end is kept so that a skipped section can be jumped over.
struct Tag
{
    enum class Kind { Variable, Section, InvertedSection, SectionEnd };
    Kind kind = Kind::Variable;
    std::string key; // UTF-8, as kainjow looks it up
    QString name;
    std::size_t sectionEnd = 0; // Section and InvertedSection: index of their SectionEnd
};

// A field of the recipient list that some template uses.
struct FieldBinding
{
    static constexpr int Email = -1;
    static constexpr int Name = -2;
    std::string key;
    int index = 0; // into Recipient::fields, or Email or Name
};

// kainjow's own trim(): std::isspace in the "C" locale.
bool isAsciiSpace(char character)
{
    return character == ' ' || character == '\t' || character == '\n' || character == '\v'
           || character == '\f' || character == '\r';
}

std::string trimmed(std::string_view text)
{
    while (!text.empty() && isAsciiSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isAsciiSpace(text.back()))
        text.remove_suffix(1);
    return std::string(text);
}

// kainjow counts positions in UTF-8 octets; users count lines and characters.
// Where `offset` (octets) is in `utf8`, as "line" and "column" (from 1, in characters).
QStringList positionOf(const std::string &utf8, std::size_t offset)
{
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < offset && i < utf8.size(); ++i) {
        const auto octet = static_cast<unsigned char>(utf8[i]);
        if (octet == '\n' || (octet == '\r' && (i + 1 == utf8.size() || utf8[i + 1] != '\n'))) {
            ++line;
            column = 1;
        } else if (octet != '\r' && (octet & 0xC0) != 0x80) {
            ++column; // the first octet of a character
        }
    }
    return {QString::number(line), QString::number(column)};
}

Error templateError(ComposeProblem::Code code, const QStringList &arguments)
{
    return ComposeProblem::error(ErrorCode::InvalidFormat, code, arguments);
}

// kainjow's parse errors as codes with the position in lines and columns. kainjow (Debian's
// kainjow-mustache 4.1) says exactly four things of a template it cannot parse (mustache.hpp,
// parser::parse): "Unclosed tag at N", "Invalid set delimiter tag at N", "Unopened section
// \"x\" at N" and "Unclosed section \"x\" at N", N an offset in octets. Anything else comes as its
// own words (TemplateParserError).
Error kainjowError(const std::string &message, const std::string &input)
{
    using Code = ComposeProblem::Code;
    static const QRegularExpression known(QStringLiteral(
        R"re(^(Unclosed tag|Invalid set delimiter tag|Unopened section "(.*)"|Unclosed section "(.*)") at (\d+)$)re"));
    const QString text = QString::fromStdString(message);
    const QRegularExpressionMatch match = known.match(text);
    if (!match.hasMatch())
        return templateError(Code::TemplateParserError, {text});
    const QStringList position = positionOf(input, match.captured(4).toULongLong());
    const QString what = match.captured(1);
    if (what == u"Unclosed tag")
        return templateError(Code::TemplateUnclosedTag, position);
    if (what == u"Invalid set delimiter tag")
        return templateError(Code::TemplateBadDelimiters, position);
    if (what.startsWith(u"Unopened"))
        return templateError(Code::TemplateUnopenedSection,
                             QStringList{match.captured(2)} + position);
    return templateError(Code::TemplateUnclosedSection, QStringList{match.captured(3)} + position);
}

// Walks the tags the way kainjow's parser does (same delimiters, same triple-mustache rule, same
// trimming), after kainjow has accepted the template. kainjow keeps its own tree private, and
// the names, partials and section extents are needed here.
Result<std::vector<Tag>> scanTags(const std::string &input)
{
    std::string begin = "{{";
    std::string end = "}}";
    const std::string tripleEnd = "}}}";
    bool isBrace = true;
    std::vector<Tag> tags;
    std::vector<std::size_t> openSections;
    std::size_t position = 0;
    while ((position = input.find(begin, position)) != std::string::npos) {
        const std::size_t tagStart = position;
        std::size_t contentsStart = tagStart + begin.size();
        const bool isTriple = isBrace && contentsStart < input.size()
                              && input[contentsStart] == '{';
        if (isTriple)
            ++contentsStart;
        const std::string &tagEnd = isTriple ? tripleEnd : end;
        const std::size_t contentsEnd = input.find(tagEnd, contentsStart);
        if (contentsEnd == std::string::npos) {
            return tl::make_unexpected(templateError(ComposeProblem::Code::TemplateUnclosedTag,
                                                     positionOf(input, tagStart)));
        }
        position = contentsEnd + tagEnd.size();
        const std::string contents = trimmed(
            std::string_view(input).substr(contentsStart, contentsEnd - contentsStart));
        if (contents.empty())
            continue;

        if (contents.front() == '=') { // {{=<% %>=}}, validated by kainjow
            const std::string delimiters = trimmed(
                std::string_view(contents).substr(1, contents.size() - 2));
            const std::size_t space = delimiters.find(' ');
            begin = delimiters.substr(0, space);
            end = delimiters.substr(delimiters.find_first_not_of(' ', space));
            isBrace = begin == "{{" && end == "}}";
            continue;
        }

        Tag tag;
        char sigil = isTriple ? '&' : contents.front();
        switch (sigil) {
        case '#':
            tag.kind = Tag::Kind::Section;
            break;
        case '^':
            tag.kind = Tag::Kind::InvertedSection;
            break;
        case '/':
            tag.kind = Tag::Kind::SectionEnd;
            break;
        case '&':
        case '>':
        case '!':
            break;
        default:
            sigil = 0;
            break;
        }
        if (sigil == '!')
            continue;
        tag.key = isTriple || sigil == 0 ? contents : trimmed(std::string_view(contents).substr(1));
        tag.name = QString::fromStdString(tag.key);
        if (sigil == '>') {
            // kainjow would render a field's value as a template here: never let data run code.
            return tl::make_unexpected(
                templateError(ComposeProblem::Code::TemplatePartial,
                              QStringList{tag.name} + positionOf(input, tagStart)));
        }
        if (tag.key != "." && tag.key.find('.') != std::string::npos) {
            return tl::make_unexpected(
                templateError(ComposeProblem::Code::TemplateDottedName,
                              QStringList{tag.name} + positionOf(input, tagStart)));
        }
        if (tag.kind == Tag::Kind::SectionEnd) {
            if (!openSections.empty()) { // kainjow checked that the names match
                tags[openSections.back()].sectionEnd = tags.size();
                openSections.pop_back();
            }
        } else if (tag.kind != Tag::Kind::Variable) {
            openSections.push_back(tags.size());
        }
        tags.push_back(std::move(tag));
    }
    return tags;
}

// The entity HTML escaping writes for a character, or null when it stays as it is. Numeric for
// the apostrophe: &apos; is HTML 5 and XHTML, and older mail readers show it as is.
const char *htmlEntity(char16_t character)
{
    switch (character) {
    case u'&':
        return "&amp;";
    case u'<':
        return "&lt;";
    case u'>':
        return "&gt;";
    case u'"':
        return "&quot;";
    case u'\'':
        return "&#39;";
    default:
        return nullptr;
    }
}

// kainjow's escape, on UTF-8 (the escaped characters are all ASCII).
std::string escapeHtml(const std::string &text)
{
    std::string escaped;
    escaped.reserve(text.size() + text.size() / 8);
    for (const char character : text) {
        if (const char *entity = htmlEntity(static_cast<unsigned char>(character)))
            escaped += entity;
        else
            escaped += character;
    }
    return escaped;
}

// Optimal string alignment distance: an edit, or swapping two neighbours, costs 1.
qsizetype editDistance(const QString &left, const QString &right)
{
    const qsizetype columns = right.size() + 1;
    std::vector<qsizetype> previous2(columns);
    std::vector<qsizetype> previous(columns);
    std::vector<qsizetype> current(columns);
    for (qsizetype j = 0; j < columns; ++j)
        previous[j] = j;
    for (qsizetype i = 1; i <= left.size(); ++i) {
        current[0] = i;
        for (qsizetype j = 1; j < columns; ++j) {
            const qsizetype cost = left[i - 1] == right[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && left[i - 1] == right[j - 2] && left[i - 2] == right[j - 1])
                current[j] = std::min(current[j], previous2[j - 2] + 1);
        }
        std::swap(previous2, previous);
        std::swap(previous, current);
    }
    return previous[columns - 1];
}

// The known field a mistyped name most likely meant: the same name in another case, else the
// closest one within one edit (names of up to four characters) or two edits.
QString nearestField(const QString &name, const QStringList &knownFields)
{
    for (const QString &known : knownFields) {
        if (known.compare(name, Qt::CaseInsensitive) == 0)
            return known;
    }
    const QString lowerName = name.toLower();
    QString nearest;
    qsizetype nearestDistance = name.size() <= 4 ? 2 : 3;
    for (const QString &known : knownFields) {
        const qsizetype distance = editDistance(lowerName, known.toLower());
        if (distance < nearestDistance) {
            nearest = known;
            nearestDistance = distance;
        }
    }
    return nearest;
}

// Binds each used name to where a recipient keeps its value; names no column has are left out
// (they render empty). The first of two equally named columns wins.
std::vector<FieldBinding> bindFields(const QStringList &usedNames,
                                     const QStringList &recipientFields)
{
    std::vector<FieldBinding> bindings;
    for (const QString &name : usedNames) {
        int index = recipientFields.indexOf(name);
        if (name == EmailFieldName)
            index = FieldBinding::Email;
        else if (name == NameFieldName)
            index = FieldBinding::Name;
        else if (index < 0)
            continue;
        bindings.push_back(FieldBinding{name.toStdString(), index});
    }
    return bindings;
}

// A template of text and `{{field}}`, `{{{field}}}` or `{{& field}}` tags only, the shape of
// nearly every mail merge, rendered by joining pieces: kainjow walks its tree through a
// std::function call per piece and converts every value to and from UTF-8, which cost more than
// composing the MIME message. Anything else (sections, comments, delimiter changes, `{{.}}`)
// stays with kainjow. tst_mergetemplate checks that both give the same text.
struct PlainTemplate
{
    struct Piece
    {
        QString text;    // literal text, when binding is NoBinding
        int binding = 0; // index into MessageRenderer's bindings, or NoBinding / UnknownField
        bool escape = false;
    };
    static constexpr int NoBinding = -1;
    static constexpr int UnknownField = -2; // renders empty, as kainjow renders a missing value
    std::vector<Piece> pieces;
    qsizetype sizeHint = 0;
};

// kainjow trims tag contents with std::isspace in the "C" locale: ASCII white space only.
QStringView asciiTrimmed(QStringView text)
{
    const auto isSpace = [](QChar c) {
        return c == u' ' || c == u'\t' || c == u'\n' || c == u'\v' || c == u'\f' || c == u'\r';
    };
    while (!text.isEmpty() && isSpace(text.front()))
        text = text.mid(1);
    while (!text.isEmpty() && isSpace(text.back()))
        text.chop(1);
    return text;
}

// The plain form of a template kainjow has already accepted, or nothing when it needs kainjow.
std::optional<PlainTemplate> plainTemplate(const QString &text,
                                           Escaping escaping,
                                           const std::vector<FieldBinding> &bindings)
{
    PlainTemplate plain;
    plain.sizeHint = text.size() + text.size() / 2;
    qsizetype position = 0;
    const auto appendText = [&plain](QStringView literal) {
        if (!literal.isEmpty())
            plain.pieces.push_back({literal.toString(), PlainTemplate::NoBinding, false});
    };
    while (position < text.size()) {
        const qsizetype tagStart = text.indexOf(QLatin1String("{{"), position);
        if (tagStart < 0)
            break;
        appendText(QStringView(text).mid(position, tagStart - position));
        qsizetype contentsStart = tagStart + 2;
        const bool isTriple = contentsStart < text.size() && text[contentsStart] == u'{';
        if (isTriple)
            ++contentsStart;
        const QLatin1String tagEnd(isTriple ? "}}}" : "}}");
        const qsizetype contentsEnd = text.indexOf(tagEnd, contentsStart);
        if (contentsEnd < 0)
            return std::nullopt;
        QStringView name = asciiTrimmed(
            QStringView(text).mid(contentsStart, contentsEnd - contentsStart));
        bool escape = !isTriple && escaping == Escaping::Html;
        if (!isTriple && name.startsWith(u'&')) {
            name = asciiTrimmed(name.mid(1));
            escape = false;
        }
        if (name.isEmpty() || name == u"." || QStringView(u"#^/!>=&{").contains(name.front()))
            return std::nullopt;
        const std::string key = name.toString().toStdString();
        const auto found = std::find_if(bindings.cbegin(), bindings.cend(), [&key](const auto &b) {
            return b.key == key;
        });
        plain.pieces.push_back({QString(),
                                found == bindings.cend() ? PlainTemplate::UnknownField
                                                         : int(found - bindings.cbegin()),
                                escape});
        position = contentsEnd + tagEnd.size();
    }
    appendText(QStringView(text).mid(position));
    return plain;
}

void appendEscapedHtml(QString &out, const QString &value)
{
    for (const QChar character : value) {
        if (const char *entity = htmlEntity(character.unicode()))
            out += QLatin1String(entity);
        else
            out += character;
    }
}

const QString &boundValue(const FieldBinding &binding, const Recipient &recipient)
{
    static const QString empty;
    switch (binding.index) {
    case FieldBinding::Email:
        return recipient.email;
    case FieldBinding::Name:
        return recipient.name;
    default:
        return binding.index < recipient.fields.size() ? recipient.fields[binding.index] : empty;
    }
}

QString renderPlain(const PlainTemplate &plain,
                    const std::vector<FieldBinding> &bindings,
                    const Recipient &recipient)
{
    QString out;
    out.reserve(plain.sizeHint);
    for (const PlainTemplate::Piece &piece : plain.pieces) {
        if (piece.binding == PlainTemplate::NoBinding) {
            out += piece.text;
        } else if (piece.binding != PlainTemplate::UnknownField) {
            const QString &value = boundValue(bindings[size_t(piece.binding)], recipient);
            if (piece.escape)
                appendEscapedHtml(out, value);
            else
                out += value;
        }
    }
    return out;
}

void appendUnique(QStringList &list, const QStringList &names)
{
    for (const QString &name : names) {
        if (!list.contains(name))
            list.append(name);
    }
}

} // namespace

// ---- MergeValues ----------------------------------------------------------------------------

struct MergeValues::Impl
{
    Mustache::data object{Mustache::data::type::object};

    // Empty values stay out: kainjow treats any string as true, and a missing one as false.
    void set(const std::string &key, const QString &value)
    {
        if (!value.isEmpty() && object.get(key) == nullptr)
            object.set(key, Mustache::data(value.toStdString()));
    }
};

struct MergeValuesAccess
{
    static MergeValues make(const std::vector<FieldBinding> &bindings, const Recipient &recipient)
    {
        auto impl = std::make_unique<MergeValues::Impl>();
        for (const FieldBinding &binding : bindings) {
            switch (binding.index) {
            case FieldBinding::Email:
                impl->set(binding.key, recipient.email);
                break;
            case FieldBinding::Name:
                impl->set(binding.key, recipient.name);
                break;
            default:
                impl->set(binding.key, recipient.fields.value(binding.index));
                break;
            }
        }
        return MergeValues(std::move(impl));
    }
};

MergeValues::MergeValues(const QStringList &fieldNames, const Recipient &recipient)
    : MergeValues(std::make_unique<Impl>())
{
    m_impl->set(EmailFieldName.toStdString(), recipient.email);
    m_impl->set(NameFieldName.toStdString(), recipient.name);
    for (qsizetype i = 0; i < fieldNames.size() && i < recipient.fields.size(); ++i) {
        const QString &name = fieldNames[i];
        if (name != EmailFieldName && name != NameFieldName)
            m_impl->set(name.toStdString(), recipient.fields[i]);
    }
}

MergeValues::MergeValues(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{}

MergeValues::~MergeValues() = default;
MergeValues::MergeValues(MergeValues &&) noexcept = default;
MergeValues &MergeValues::operator=(MergeValues &&) noexcept = default;

QString MergeValues::value(const QString &fieldName) const
{
    const Mustache::data *data = m_impl->object.get(fieldName.toStdString());
    return data != nullptr && data->is_string() ? QString::fromStdString(data->string_value())
                                                : QString();
}

// ---- MergeTemplate --------------------------------------------------------------------------

struct MergeTemplate::Impl
{
    explicit Impl(const std::string &text)
        : engine(text)
    {}

    // kainjow's render() is not const, but it writes to the template only for partials and
    // lambdas, which never get this far.
    mutable Mustache::mustache engine;
    std::vector<Tag> tags;
    QStringList fieldNames;
    std::size_t sizeHint = 0;
};

MergeTemplate::MergeTemplate(std::shared_ptr<const Impl> impl)
    : m_impl(std::move(impl))
{}

Result<MergeTemplate> MergeTemplate::parse(const QString &text, Escaping escaping)
{
    const std::string input = text.toStdString();
    try {
        auto impl = std::make_shared<Impl>(input);
        if (!impl->engine.is_valid()) {
            return tl::make_unexpected(kainjowError(impl->engine.error_message(), input));
        }
        auto tags = scanTags(input);
        if (!tags)
            return tl::make_unexpected(tags.error());
        impl->tags = std::move(*tags);
        for (const Tag &tag : impl->tags) {
            if (tag.kind != Tag::Kind::SectionEnd && !tag.key.empty() && tag.key != "."
                && !impl->fieldNames.contains(tag.name)) {
                impl->fieldNames.append(tag.name);
            }
        }
        if (escaping == Escaping::Html)
            impl->engine.set_custom_escape(escapeHtml);
        else
            impl->engine.set_custom_escape([](const std::string &value) { return value; });
        impl->sizeHint = input.size() + input.size() / 2;
        return MergeTemplate(std::move(impl));
    } catch (const std::exception &exception) { // kainjow uses std::string::at() and streams
        return makeError(ErrorCode::InvalidFormat,
                         QStringLiteral("Template cannot be parsed: %1")
                             .arg(QString::fromLocal8Bit(exception.what())));
    }
}

QStringList MergeTemplate::fieldNames() const
{
    return m_impl->fieldNames;
}

QString MergeTemplate::render(const MergeValues &values) const
{
    std::string output;
    output.reserve(m_impl->sizeHint);
    m_impl->engine.render(values.m_impl->object,
                          [&output](const std::string &part) { output += part; });
    return QString::fromStdString(output);
}

QStringList MergeTemplate::missingFields(const MergeValues &values) const
{
    const Mustache::data &object = values.m_impl->object;
    const auto has = [&object](const Tag &tag) {
        return tag.key == "." || object.get(tag.key) != nullptr;
    };
    QStringList missing;
    const std::vector<Tag> &tags = m_impl->tags;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        const Tag &tag = tags[i];
        switch (tag.kind) {
        case Tag::Kind::Variable:
            if (!has(tag) && !missing.contains(tag.name))
                missing.append(tag.name);
            break;
        case Tag::Kind::Section:
            if (!has(tag))
                i = tag.sectionEnd;
            break;
        case Tag::Kind::InvertedSection:
            if (has(tag))
                i = tag.sectionEnd;
            break;
        case Tag::Kind::SectionEnd:
            break;
        }
    }
    return missing;
}

// ---- MessageRenderer ------------------------------------------------------------------------

struct MessageRenderer::Impl
{
    MergeTemplate subject;
    MergeTemplate text;
    std::optional<MergeTemplate> html;
    std::vector<FieldBinding> usedFields; // only these go into the merge values
    // The same templates in plain form where they have one (see PlainTemplate).
    std::optional<PlainTemplate> plainSubject;
    std::optional<PlainTemplate> plainText;
    std::optional<PlainTemplate> plainHtml;
};

MessageRenderer::MessageRenderer(std::shared_ptr<const Impl> impl)
    : m_impl(std::move(impl))
{}

Result<MessageRenderer> MessageRenderer::create(const MessageTemplate &messageTemplate,
                                                const QStringList &recipientFields)
{
    const auto parsePart = [](const QString &text, Escaping escaping, const char *part) {
        // Keeps the code and arguments for the window, and names the part (Error::setting).
        return MergeTemplate::parse(text, escaping).map_error([part](const Error &error) {
            return Error::inSetting(QLatin1String(part), error);
        });
    };
    auto subject = parsePart(messageTemplate.subject, Escaping::None, "message.subject");
    if (!subject)
        return tl::make_unexpected(subject.error());
    auto text = parsePart(messageTemplate.text, Escaping::None, "message.text");
    if (!text)
        return tl::make_unexpected(text.error());
    std::optional<MergeTemplate> html;
    if (!messageTemplate.html.isEmpty()) {
        auto parsedHtml = parsePart(messageTemplate.html, Escaping::Html, "message.html");
        if (!parsedHtml)
            return tl::make_unexpected(parsedHtml.error());
        html = std::move(*parsedHtml);
    }

    QStringList usedNames = subject->fieldNames();
    appendUnique(usedNames, text->fieldNames());
    if (html)
        appendUnique(usedNames, html->fieldNames());
    auto impl = std::make_shared<Impl>(Impl{std::move(*subject),
                                            std::move(*text),
                                            std::move(html),
                                            bindFields(usedNames, recipientFields),
                                            {},
                                            {},
                                            {}});
    impl->plainSubject = plainTemplate(messageTemplate.subject, Escaping::None, impl->usedFields);
    impl->plainText = plainTemplate(messageTemplate.text, Escaping::None, impl->usedFields);
    if (impl->html)
        impl->plainHtml = plainTemplate(messageTemplate.html, Escaping::Html, impl->usedFields);
    return MessageRenderer(std::move(impl));
}

RenderedMessage MessageRenderer::render(const Recipient &recipient) const
{
    const Impl &impl = *m_impl;
    std::optional<MergeValues> values; // only for a template that needs kainjow
    const auto renderPart = [&](const MergeTemplate &part,
                                const std::optional<PlainTemplate> &plain) {
        if (plain)
            return renderPlain(*plain, impl.usedFields, recipient);
        if (!values)
            values = MergeValuesAccess::make(impl.usedFields, recipient);
        return part.render(*values);
    };
    RenderedMessage message;
    message.subject = renderPart(impl.subject, impl.plainSubject);
    message.text = renderPart(impl.text, impl.plainText);
    if (impl.html)
        message.html = renderPart(*impl.html, impl.plainHtml);
    return message;
}

// ---- checkTemplates -------------------------------------------------------------------------

TemplateCheck checkTemplates(const Campaign &campaign)
{
    struct Part
    {
        const char *name;
        const QString &text;
        Escaping escaping;
        TemplateProblem::Part part;
    };
    const MessageTemplate &message = campaign.message;
    const Part parts[] = {
        {"message.subject", message.subject, Escaping::None, TemplateProblem::Part::Subject},
        {"message.text", message.text, Escaping::None, TemplateProblem::Part::Text},
        {"message.html", message.html, Escaping::Html, TemplateProblem::Part::Html}};

    QStringList knownFields{EmailFieldName, NameFieldName};
    appendUnique(knownFields, campaign.recipientFields);

    TemplateCheck check;
    std::vector<MergeTemplate> templates;
    QStringList usedKnownFields;
    for (const Part &part : parts) {
        const QString prefix = QLatin1String(part.name) + QLatin1String(": ");
        auto parsed = MergeTemplate::parse(part.text, part.escaping);
        if (!parsed) {
            check.errors.append(Error{parsed.error().code, prefix + parsed.error().message});
            check.problems.append({part.part,
                                   TemplateProblem::Kind::Syntax,
                                   parsed.error().message,
                                   {},
                                   parsed.error()});
            continue;
        }
        for (const QString &name : parsed->fieldNames()) {
            if (knownFields.contains(name)) {
                appendUnique(usedKnownFields, {name});
                continue;
            }
            if (check.unknownFields.contains(name))
                continue;
            check.unknownFields.append(name);
            QString problem = QStringLiteral("{{%1}}: no such field").arg(name);
            const QString nearest = nearestField(name, knownFields);
            if (!nearest.isEmpty())
                problem += QStringLiteral("; did you mean {{%1}}?").arg(nearest);
            check.errors.append(Error{ErrorCode::InvalidValue, prefix + problem});
            check.problems.append({part.part, TemplateProblem::Kind::UnknownField, name, nearest});
        }
        templates.push_back(std::move(*parsed));
    }

    const std::vector<FieldBinding> bindings = bindFields(usedKnownFields, campaign.recipientFields);
    for (qsizetype row = 0; row < campaign.recipients.size(); ++row) {
        const MergeValues values = MergeValuesAccess::make(bindings, campaign.recipients[row]);
        QStringList missing;
        for (const MergeTemplate &mergeTemplate : templates) {
            for (const QString &name : mergeTemplate.missingFields(values)) {
                if (!check.unknownFields.contains(name) && !missing.contains(name))
                    missing.append(name);
            }
        }
        if (!missing.isEmpty())
            check.recipientsMissingFields.append(qMakePair(int(row), missing));
    }
    return check;
}

} // namespace Bulkmail
