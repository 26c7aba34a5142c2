#include "compose/mergetemplate.h"
#include "testresult.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Bulkmail;

Q_DECLARE_METATYPE(Bulkmail::Escaping)

namespace {

const QStringList ExtraFields{QStringLiteral("city"),
                              QStringLiteral("code"),
                              QStringLiteral("城市")};

// email, name, then the extra fields in the order of ExtraFields.
Recipient makeRecipient(const QStringList &values)
{
    Recipient recipient;
    recipient.email = values.value(0);
    recipient.name = values.value(1);
    recipient.fields = values.mid(2);
    return recipient;
}

QStringList messages(const QList<Error> &errors)
{
    QStringList result;
    for (const Error &error : errors)
        result.append(error.message);
    return result;
}

// "row: field, field" per listed recipient, so a table row can spell out the expectation.
QStringList describeMissing(const QList<QPair<int, QStringList>> &missing)
{
    QStringList result;
    for (const auto &[row, fields] : missing)
        result.append(QString::number(row) + QLatin1String(": ") + fields.join(QLatin1String(", ")));
    return result;
}

} // namespace

class TestMergeTemplate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void render_data();
    void render();
    void parseErrors_data();
    void parseErrors();
    void fieldNames_data();
    void fieldNames();
    void mergeValues();
    void messageRenderer();
    void messageRendererWithoutHtml();
    void messageRendererMatchesKainjow();
    void messageRendererNamesThePart_data();
    void messageRendererNamesThePart();
    void checkTemplates_data();
    void checkTemplates();
};

void TestMergeTemplate::render_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Escaping>("escaping");
    QTest::addColumn<QStringList>("values"); // email, name, city, code, 城市
    QTest::addColumn<QString>("expected");

    const QStringList ann{QStringLiteral("ann@example.org"),
                          QStringLiteral("Ann"),
                          QStringLiteral("Oslo"),
                          QStringLiteral("X1")};
    const QStringList nameless{QStringLiteral("bob@example.org"), QString(), QStringLiteral("Rome")};
    const QString greeting = QStringLiteral(
        "{{#name}}Dear {{name}}{{/name}}{{^name}}Dear customer{{/name}},");
    const QStringList markup{QStringLiteral("a@example.org"), QStringLiteral("<b>&\"'")};

    QTest::newRow("plain variables")
        << QStringLiteral("Hello {{name}} <{{email}}> from {{city}}, code {{code}}.")
        << Escaping::None << ann
        << QStringLiteral("Hello Ann <ann@example.org> from Oslo, code X1.");
    QTest::newRow("spaces inside tags") << QStringLiteral("{{ name }}/{{{ city }}}/{{&  code }}")
                                        << Escaping::None << ann << QStringLiteral("Ann/Oslo/X1");
    QTest::newRow("text without tags") << QStringLiteral("Just text.\n") << Escaping::None << ann
                                       << QStringLiteral("Just text.\n");
    QTest::newRow("default section with a name")
        << greeting << Escaping::None << ann << QStringLiteral("Dear Ann,");
    QTest::newRow("default section without a name")
        << greeting << Escaping::None << nameless << QStringLiteral("Dear customer,");
    QTest::newRow("section on a non-empty extra field renders once")
        << QStringLiteral("[{{#city}}in {{city}}{{/city}}]") << Escaping::None << ann
        << QStringLiteral("[in Oslo]");
    QTest::newRow("section on an empty extra field")
        << QStringLiteral("[{{#code}}code {{code}}{{/code}}]") << Escaping::None << nameless
        << QStringLiteral("[]");
    QTest::newRow("inverted section with a value") << QStringLiteral("[{{^code}}no code{{/code}}]")
                                                   << Escaping::None << ann << QStringLiteral("[]");
    QTest::newRow("inverted section without a value")
        << QStringLiteral("[{{^code}}no code{{/code}}]") << Escaping::None << nameless
        << QStringLiteral("[no code]");
    QTest::newRow("dot inside a section is its value")
        << QStringLiteral("{{#city}}City: {{.}}{{/city}}") << Escaping::None << ann
        << QStringLiteral("City: Oslo");
    QTest::newRow("unknown field renders empty")
        << QStringLiteral("[{{zip}}]") << Escaping::None << ann << QStringLiteral("[]");
    QTest::newRow("names are case-sensitive")
        << QStringLiteral("[{{Name}}]") << Escaping::None << ann << QStringLiteral("[]");
    QTest::newRow("standalone section lines leave no blank line")
        << QStringLiteral("{{#name}}\nDear {{name}},\n{{/name}}\nBody\n") << Escaping::None << ann
        << QStringLiteral("Dear Ann,\nBody\n");
    QTest::newRow("CRLF line endings kept")
        << QStringLiteral("Hi {{name}}\r\nBye\r\n") << Escaping::None << ann
        << QStringLiteral("Hi Ann\r\nBye\r\n");
    QTest::newRow("comment dropped")
        << QStringLiteral("a{{! a note }}b") << Escaping::None << ann << QStringLiteral("ab");
    QTest::newRow("changed delimiters") << QStringLiteral("{{=<% %>=}}<% name %> {{name}}")
                                        << Escaping::None << ann << QStringLiteral("Ann {{name}}");
    QTest::newRow("values are not templates")
        << QStringLiteral("{{name}}") << Escaping::Html
        << QStringList{QStringLiteral("a@example.org"), QStringLiteral("{{email}} {{> x}}")}
        << QStringLiteral("{{email}} {{&gt; x}}");
    QTest::newRow("html escapes values")
        << QStringLiteral("<p>{{name}}</p>") << Escaping::Html << markup
        << QStringLiteral("<p>&lt;b&gt;&amp;&quot;&#39;</p>");
    QTest::newRow("html escapes inside sections")
        << QStringLiteral("{{#name}}<i>{{name}}</i>{{/name}}") << Escaping::Html << markup
        << QStringLiteral("<i>&lt;b&gt;&amp;&quot;&#39;</i>");
    QTest::newRow("text does not escape") << QStringLiteral("<p>{{name}}</p>") << Escaping::None
                                          << markup << QStringLiteral("<p><b>&\"'</p>");
    QTest::newRow("triple mustache does not escape in html")
        << QStringLiteral("<p>{{{name}}}</p>") << Escaping::Html << markup
        << QStringLiteral("<p><b>&\"'</p>");
    QTest::newRow("ampersand does not escape in html")
        << QStringLiteral("<p>{{& name}}</p>") << Escaping::Html << markup
        << QStringLiteral("<p><b>&\"'</p>");
    QTest::newRow("template markup is never escaped")
        << QStringLiteral("<a href=\"x?a=1&b=2\">'{{email}}'</a>") << Escaping::Html << markup
        << QStringLiteral("<a href=\"x?a=1&b=2\">'a@example.org'</a>");
    QTest::newRow("Chinese values")
        << QStringLiteral("尊敬的{{name}}，您好！来自{{city}}。") << Escaping::Html
        << QStringList{QStringLiteral("wei@example.cn"),
                       QStringLiteral("张伟"),
                       QStringLiteral("北京")}
        << QStringLiteral("尊敬的张伟，您好！来自北京。");
    QTest::newRow("Chinese field name")
        << QStringLiteral("{{#城市}}城市：{{城市}}{{/城市}}") << Escaping::None
        << QStringList{QStringLiteral("wei@example.cn"),
                       QStringLiteral("张伟"),
                       QString(),
                       QString(),
                       QStringLiteral("上海")}
        << QStringLiteral("城市：上海");
    QTest::newRow("emoji values") << QStringLiteral("🎉 {{name}} 🎉") << Escaping::Html
                                  << QStringList{QStringLiteral("zoe@example.org"),
                                                 QStringLiteral("Zoë 😀 & co")}
                                  << QStringLiteral("🎉 Zoë 😀 &amp; co 🎉");
}

void TestMergeTemplate::render()
{
    QFETCH(QString, text);
    QFETCH(Escaping, escaping);
    QFETCH(QStringList, values);
    QFETCH(QString, expected);

    const auto parsed = MergeTemplate::parse(text, escaping);
    QVERIFY_RESULT(parsed);
    QCOMPARE(parsed->render(MergeValues(ExtraFields, makeRecipient(values))), expected);
}

void TestMergeTemplate::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("unclosed section")
        << QStringLiteral("Hello {{#name}}Dear {{name}}")
        << QStringLiteral("Unclosed section \"name\" at line 1, column 7");
    QTest::newRow("unclosed section after Chinese text on line 2")
        << QStringLiteral("你好，\r\n  {{#name}}x")
        << QStringLiteral("Unclosed section \"name\" at line 2, column 3");
    QTest::newRow("unclosed section after emoji")
        << QStringLiteral("😀😀 {{^code}}")
        << QStringLiteral("Unclosed section \"code\" at line 1, column 4");
    QTest::newRow("section closed by another name")
        << QStringLiteral("{{#a}}x{{/b}}")
        << QStringLiteral("Unclosed section \"a\" at line 1, column 1");
    QTest::newRow("unopened section")
        << QStringLiteral("x\n{{/name}}")
        << QStringLiteral("Unopened section \"name\" at line 2, column 1");
    QTest::newRow("unclosed tag") << QStringLiteral("Hi {{name")
                                  << QStringLiteral("Unclosed tag at line 1, column 4");
    QTest::newRow("tag opened at the end")
        << QStringLiteral("x\n{{") << QStringLiteral("Unclosed tag at line 2, column 1");
    QTest::newRow("unclosed triple mustache")
        << QStringLiteral("Hi {{{name}}") << QStringLiteral("Unclosed tag at line 1, column 4");
    QTest::newRow("invalid delimiters")
        << QStringLiteral("a {{=<%=}}")
        << QStringLiteral("Invalid set delimiter tag at line 1, column 3");
    QTest::newRow("unknown partial")
        << QStringLiteral("Body\n\n{{> footer}}")
        << QStringLiteral("Partial \"footer\" at line 3, column 1: partials are not supported");
    QTest::newRow("partial with changed delimiters")
        << QStringLiteral("{{=[ ]=}}ab [>footer]")
        << QStringLiteral("Partial \"footer\" at line 1, column 13: partials are not supported");
    QTest::newRow("dotted name")
        << QStringLiteral("{{first.name}}")
        << QStringLiteral(
               "Field \"first.name\" at line 1, column 1: names with a dot are not supported");
}

void TestMergeTemplate::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);

    for (const Escaping escaping : {Escaping::None, Escaping::Html}) {
        const auto parsed = MergeTemplate::parse(text, escaping);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::InvalidFormat);
        QCOMPARE(parsed.error().message, expected);
    }
}

void TestMergeTemplate::fieldNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("no tags") << QStringLiteral("Hello") << QStringList();
    QTest::newRow("order of first appearance, each once")
        << QStringLiteral("{{b}} {{a}} {{#c}}{{b}}{{.}}{{/c}} {{^d}}{{a}}{{/d}} {{{e}}} {{& f}} "
                          "{{! g }} {{c}}")
        << QStringList{QStringLiteral("b"),
                       QStringLiteral("a"),
                       QStringLiteral("c"),
                       QStringLiteral("d"),
                       QStringLiteral("e"),
                       QStringLiteral("f")};
    QTest::newRow("empty names left out")
        << QStringLiteral("{{}}{{#}}{{/}}{{{ }}}") << QStringList();
    QTest::newRow("case-sensitive") << QStringLiteral("{{name}}{{Name}}")
                                    << QStringList{QStringLiteral("name"), QStringLiteral("Name")};
    QTest::newRow("changed delimiters")
        << QStringLiteral("{{=<% %>=}}<% x %> {{y}} <%={{ }}=%>{{z}}")
        << QStringList{QStringLiteral("x"), QStringLiteral("z")};
    QTest::newRow("Chinese and spaces")
        << QStringLiteral("{{ 名字 }}{{#城市}}{{/城市}}")
        << QStringList{QStringLiteral("名字"), QStringLiteral("城市")};
}

void TestMergeTemplate::fieldNames()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    const auto parsed = MergeTemplate::parse(text, Escaping::None);
    QVERIFY_RESULT(parsed);
    QCOMPARE(parsed->fieldNames(), expected);
}

void TestMergeTemplate::mergeValues()
{
    Recipient recipient = makeRecipient(
        {QStringLiteral("ann@example.org"), QStringLiteral("Ann"), QStringLiteral("Oslo")});
    recipient.fields.append(QStringLiteral("not-the-name")); // a column called "name"
    const MergeValues values({QStringLiteral("city"),
                              QStringLiteral("name"),
                              QStringLiteral("code")},
                             recipient);
    QCOMPARE(values.value(QStringLiteral("email")), QStringLiteral("ann@example.org"));
    QCOMPARE(values.value(QStringLiteral("name")), QStringLiteral("Ann"));
    QCOMPARE(values.value(QStringLiteral("city")), QStringLiteral("Oslo"));
    QCOMPARE(values.value(QStringLiteral("code")), QString()); // shorter fields list
    QCOMPARE(values.value(QStringLiteral("City")), QString());
}

void TestMergeTemplate::messageRenderer()
{
    MessageTemplate messageTemplate;
    messageTemplate.subject = QStringLiteral("{{#name}}{{name}}, {{/name}}news for {{city}}");
    messageTemplate.text = QStringLiteral("Dear {{name}} <{{email}}>\n");
    messageTemplate.html = QStringLiteral("<p>Dear {{name}} ({{{city}}})</p>");
    const auto renderer = MessageRenderer::create(messageTemplate, ExtraFields);
    QVERIFY_RESULT(renderer);

    const Recipient recipient = makeRecipient({QStringLiteral("tom@example.org"),
                                               QStringLiteral("Tom & \"Jerry\""),
                                               QStringLiteral("<i>Paris</i>")});
    const RenderedMessage message = renderer->render(recipient);
    QCOMPARE(message.subject, QStringLiteral("Tom & \"Jerry\", news for <i>Paris</i>"));
    QCOMPARE(message.text, QStringLiteral("Dear Tom & \"Jerry\" <tom@example.org>\n"));
    QCOMPARE(message.html, QStringLiteral("<p>Dear Tom &amp; &quot;Jerry&quot; (<i>Paris</i>)</p>"));

    const RenderedMessage nameless = renderer->render(
        makeRecipient({QStringLiteral("x@example.org"), QString(), QStringLiteral("Oslo")}));
    QCOMPARE(nameless.subject, QStringLiteral("news for Oslo"));
    QCOMPARE(nameless.text, QStringLiteral("Dear  <x@example.org>\n"));
    QCOMPARE(nameless.html, QStringLiteral("<p>Dear  (Oslo)</p>"));
}

void TestMergeTemplate::messageRendererWithoutHtml()
{
    MessageTemplate messageTemplate;
    messageTemplate.subject = QStringLiteral("Hi {{name}}");
    messageTemplate.text = QStringLiteral("Text {{code}}");
    const auto renderer = MessageRenderer::create(messageTemplate, ExtraFields);
    QVERIFY_RESULT(renderer);
    const RenderedMessage message = renderer->render(makeRecipient(
        {QStringLiteral("a@example.org"), QStringLiteral("A"), QString(), QStringLiteral("7")}));
    QCOMPARE(message.subject, QStringLiteral("Hi A"));
    QCOMPARE(message.text, QStringLiteral("Text 7"));
    QVERIFY(message.html.isEmpty());
}

// MessageRenderer renders templates made only of text and variables without kainjow (see
// PlainTemplate in mergetemplate.cpp). Thousands of random templates and recipients, with the
// characters that matter to tags, trimming and escaping, must give exactly what kainjow gives.
void TestMergeTemplate::messageRendererMatchesKainjow()
{
    const QStringList fields = {QStringLiteral("city"),
                                QStringLiteral("name"),
                                QStringLiteral("code")};
    const QStringList pieces = {
        QStringLiteral("Dear "),
        QStringLiteral("\n"),
        QStringLiteral("\r\n"),
        QStringLiteral(" "),
        QStringLiteral("{"),
        QStringLiteral("}"),
        QStringLiteral("<&>\"'"),
        QStringLiteral("北京"),
        QStringLiteral("\u00a0"),
        QStringLiteral("{{name}}"),
        QStringLiteral("{{ email }}"),
        QStringLiteral("{{{name}}}"),
        QStringLiteral("{{& city}}"),
        QStringLiteral("{{&city }}"),
        QStringLiteral("{{unknown}}"),
        QStringLiteral("{{\tcode\n}}"),
        QStringLiteral("{{city}}"),
        QStringLiteral("{{{ code }}}"),
        QStringLiteral("}}"),
        QStringLiteral("😀"),
        // These send the template to kainjow; the rest of it must still come out the same.
        QStringLiteral("{{#city}}in {{city}}{{/city}}"),
        QStringLiteral("{{! note }}"),
        QStringLiteral("{{^name}}friend{{/name}}"),
        QStringLiteral("{{=<% %>=}}<%name%>"),
    };
    const QStringList values = {QString(),
                                QStringLiteral("Ann"),
                                QStringLiteral("<b>&\"'</b>"),
                                QStringLiteral("{{name}}"),
                                QStringLiteral("张三"),
                                QStringLiteral(" a\r\nb "),
                                QStringLiteral("&amp;")};
    QRandomGenerator random(20261124);
    const auto pick = [&random](const QStringList &list) {
        return list.at(random.bounded(int(list.size())));
    };
    const auto makeTemplate = [&] {
        QString text;
        const int count = random.bounded(8);
        for (int i = 0; i < count; ++i)
            text += pick(pieces);
        return text;
    };
    int compared = 0;
    for (int round = 0; round < 3000; ++round) {
        MessageTemplate message;
        message.subject = makeTemplate();
        message.text = makeTemplate();
        message.html = makeTemplate();
        const auto renderer = MessageRenderer::create(message, fields);
        if (!renderer)
            continue; // e.g. "{{" + "{{name}}" is not a template; kainjow decides
        Recipient recipient;
        recipient.email = QStringLiteral("r@example.org");
        recipient.name = pick(values);
        for (int i = random.bounded(4); i > 0; --i)
            recipient.fields.append(pick(values));
        const MergeValues mergeValues(fields, recipient);
        const RenderedMessage rendered = renderer->render(recipient);
        const auto kainjow = [&](const QString &text, Escaping escaping) {
            const auto parsed = MergeTemplate::parse(text, escaping);
            return parsed ? parsed->render(mergeValues) : QStringLiteral("(does not parse)");
        };
        const QByteArray context = QStringLiteral("subject %1 | text %2 | html %3 | name %4")
                                       .arg(message.subject,
                                            message.text,
                                            message.html,
                                            recipient.name)
                                       .toUtf8();
        QVERIFY2(rendered.subject == kainjow(message.subject, Escaping::None), context);
        QVERIFY2(rendered.text == kainjow(message.text, Escaping::None), context);
        if (!message.html.isEmpty())
            QVERIFY2(rendered.html == kainjow(message.html, Escaping::Html), context);
        ++compared;
    }
    QVERIFY(compared > 1000);
}

void TestMergeTemplate::messageRendererNamesThePart_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("expected");

    const QString ok = QStringLiteral("{{name}}");
    QTest::newRow("subject")
        << QStringLiteral("Hi {{#name}}") << ok << ok
        << QStringLiteral("message.subject: Unclosed section \"name\" at line 1, column 4");
    QTest::newRow("text") << ok << QStringLiteral("{{/x}}") << ok
                          << QStringLiteral(
                                 "message.text: Unopened section \"x\" at line 1, column 1");
    QTest::newRow("html")
        << ok << ok << QStringLiteral("<p>{{> footer}}</p>")
        << QStringLiteral(
               "message.html: Partial \"footer\" at line 1, column 4: partials are not supported");
}

void TestMergeTemplate::messageRendererNamesThePart()
{
    QFETCH(QString, subject);
    QFETCH(QString, text);
    QFETCH(QString, html);
    QFETCH(QString, expected);

    MessageTemplate messageTemplate;
    messageTemplate.subject = subject;
    messageTemplate.text = text;
    messageTemplate.html = html;
    const auto renderer = MessageRenderer::create(messageTemplate, ExtraFields);
    QVERIFY(!renderer);
    QCOMPARE(renderer.error().code, ErrorCode::InvalidFormat);
    QCOMPARE(renderer.error().message, expected);
}

void TestMergeTemplate::checkTemplates_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("html");
    QTest::addColumn<QStringList>("errors");
    QTest::addColumn<QStringList>("unknownFields");
    QTest::addColumn<QStringList>("missing"); // "row: field, field"

    // The recipients (see checkTemplates()): 0 has everything, 1 has no name, 2 has no name and
    // no city, 3 has a name and a code but no city.
    QTest::newRow("all fields known and present")
        << QStringLiteral("Hello") << QStringLiteral("{{email}}") << QString() << QStringList()
        << QStringList() << QStringList();
    QTest::newRow("unknown field")
        << QStringLiteral("Hi") << QStringLiteral("Your zip: {{zip}}") << QString()
        << QStringList{QStringLiteral("message.text: {{zip}}: no such field")}
        << QStringList{QStringLiteral("zip")} << QStringList();
    QTest::newRow("near match in another case")
        << QStringLiteral("Hi {{Name}}") << QStringLiteral("x") << QString()
        << QStringList{QStringLiteral(
               "message.subject: {{Name}}: no such field; did you mean {{name}}?")}
        << QStringList{QStringLiteral("Name")} << QStringList();
    QTest::newRow("near match by a typo")
        << QStringLiteral("x") << QStringLiteral("x") << QStringLiteral("<p>{{ctiy}} {{cod}}</p>")
        << QStringList{QStringLiteral(
                           "message.html: {{ctiy}}: no such field; did you mean {{city}}?"),
                       QStringLiteral(
                           "message.html: {{cod}}: no such field; did you mean {{code}}?")}
        << QStringList{QStringLiteral("ctiy"), QStringLiteral("cod")} << QStringList();
    QTest::newRow("unknown field used twice is reported once")
        << QStringLiteral("{{zip}}") << QStringLiteral("{{#zip}}{{zip}}{{/zip}}") << QString()
        << QStringList{QStringLiteral("message.subject: {{zip}}: no such field")}
        << QStringList{QStringLiteral("zip")} << QStringList();
    QTest::newRow("recipients missing a used field listed by row")
        << QStringLiteral("News for {{city}}") << QStringLiteral("Dear {{name}},") << QString()
        << QStringList() << QStringList()
        << QStringList{QStringLiteral("1: name"),
                       QStringLiteral("2: city, name"),
                       QStringLiteral("3: city")};
    QTest::newRow("html counts too")
        << QStringLiteral("x") << QStringLiteral("x") << QStringLiteral("<b>{{code}}</b>")
        << QStringList() << QStringList() << QStringList{QStringLiteral("2: code")};
    QTest::newRow("optional fields in their own sections not listed")
        << QStringLiteral("{{#city}}News for {{city}}{{/city}}")
        << QStringLiteral("{{#name}}Dear {{name}}{{/name}}{{^name}}Dear customer{{/name}},")
        << QString() << QStringList() << QStringList() << QStringList();
    QTest::newRow("field in another section listed where the section renders")
        << QStringLiteral("x") << QStringLiteral("{{#code}}Code {{code}} for {{city}}{{/code}}")
        << QString() << QStringList() << QStringList() << QStringList{QStringLiteral("3: city")};
    QTest::newRow("field in an inverted section listed where it renders")
        << QStringLiteral("x") << QStringLiteral("{{^name}}Your city: {{city}}{{/name}}")
        << QString() << QStringList() << QStringList() << QStringList{QStringLiteral("2: city")};
    QTest::newRow("template that does not parse is named, the others still checked")
        << QStringLiteral("Hi {{#name}}") << QStringLiteral("Dear {{name}}")
        << QStringLiteral("{{> footer}}")
        << QStringList{QStringLiteral(
                           "message.subject: Unclosed section \"name\" at line 1, column 4"),
                       QStringLiteral("message.html: Partial \"footer\" at line 1, column 1: "
                                      "partials are not supported")}
        << QStringList() << QStringList{QStringLiteral("1: name"), QStringLiteral("2: name")};
    QTest::newRow("unknown fields are not listed per recipient")
        << QStringLiteral("{{zip}}") << QStringLiteral("{{city}}") << QString()
        << QStringList{QStringLiteral("message.subject: {{zip}}: no such field")}
        << QStringList{QStringLiteral("zip")}
        << QStringList{QStringLiteral("2: city"), QStringLiteral("3: city")};
}

void TestMergeTemplate::checkTemplates()
{
    QFETCH(QString, subject);
    QFETCH(QString, text);
    QFETCH(QString, html);
    QFETCH(QStringList, errors);
    QFETCH(QStringList, unknownFields);
    QFETCH(QStringList, missing);

    Campaign campaign;
    campaign.message.subject = subject;
    campaign.message.text = text;
    campaign.message.html = html;
    campaign.recipientFields = {QStringLiteral("city"), QStringLiteral("code")};
    campaign.recipients = {
        makeRecipient({QStringLiteral("a@example.org"),
                       QStringLiteral("A"),
                       QStringLiteral("Oslo"),
                       QStringLiteral("1")}),
        makeRecipient({QStringLiteral("b@example.org"),
                       QString(),
                       QStringLiteral("Rome"),
                       QStringLiteral("2")}),
        makeRecipient({QStringLiteral("c@example.org")}),
        makeRecipient(
            {QStringLiteral("d@example.org"), QStringLiteral("D"), QString(), QStringLiteral("4")}),
    };

    const TemplateCheck check = Bulkmail::checkTemplates(campaign);
    QCOMPARE(messages(check.errors), errors);
    QCOMPARE(check.unknownFields, unknownFields);
    QCOMPARE(describeMissing(check.recipientsMissingFields), missing);
}

QTEST_GUILESS_MAIN(TestMergeTemplate)
#include "tst_mergetemplate.moc"
