#include "csvimportdialog.h"

#include "models/errorwords.h"

#include <array>

#include <QBrush>
#include <QButtonGroup>
#include <QColor>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QStringDecoder>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "campaign/emailaddress.h"

namespace Bulkmail {

namespace {

constexpr int kAutomatic = 0;
constexpr int kComma = 1;
constexpr int kSemicolon = 2;
constexpr int kTab = 3;
constexpr int kOther = 4;

// The encodings offered besides automatic detection; those this system cannot decode are left
// out when the dialog is built.
constexpr std::array Encodings{"UTF-8",
                               "GB18030",
                               "UTF-16LE",
                               "UTF-16BE",
                               "windows-1252",
                               "ISO-8859-1",
                               "Big5",
                               "Shift_JIS",
                               "EUC-KR",
                               "windows-1251",
                               "ISO-8859-2"};

// The bytes read for the header line: any real header fits.
constexpr qsizetype kHeaderBytes = 64 * 1024;

// The preview's Email and Name columns come first; the merge fields follow.
constexpr int kFirstFieldColumn = 2;

// The workbooks whose sheet the user chose, most recent first: "path\nsheet" each.
const QString kSheetsKey = QStringLiteral("import/workbookSheets");
constexpr qsizetype kRememberedSheets = 20;

QString rememberedSheet(const QString &path)
{
    const QString prefix = QFileInfo(path).absoluteFilePath() + u'\n';
    for (const QString &entry : QSettings().value(kSheetsKey).toStringList()) {
        if (entry.startsWith(prefix))
            return entry.sliced(prefix.size());
    }
    return {};
}

QString delimiterName(QChar delimiter)
{
    if (delimiter == u',')
        return CsvImportDialog::tr("comma");
    if (delimiter == u';')
        return CsvImportDialog::tr("semicolon");
    if (delimiter == u'\t')
        return CsvImportDialog::tr("tab");
    return QStringLiteral("\"%1\"").arg(delimiter);
}

// The first record of `text` split at `delimiter`, honouring RFC 4180 quotes.
QStringList firstRecord(QStringView text, QChar delimiter)
{
    QStringList cells;
    QString cell;
    bool isInQuotes = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (isInQuotes) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                cell.append(c);
                ++i;
            } else if (c == u'"') {
                isInQuotes = false;
            } else {
                cell.append(c);
            }
        } else if (c == u'"') {
            isInQuotes = true;
        } else if (c == delimiter) {
            cells.append(cell);
            cell.clear();
        } else if (c == u'\n' || c == u'\r') {
            break;
        } else {
            cell.append(c);
        }
    }
    cells.append(cell);
    return cells;
}

// A byte order mark, else UTF-8 if it is valid, else GB18030 if it is valid (Excel on Chinese
// Windows), else windows-1252 (which decodes anything).
QString guessDecode(QByteArrayView bytes)
{
    if (auto encoding = QStringConverter::encodingForData(bytes)) {
        QStringDecoder decoder(*encoding);
        return decoder.decode(bytes);
    }
    for (const char *name : {"UTF-8", "GB18030", "windows-1252"}) {
        QStringDecoder decoder(name);
        if (!decoder.isValid())
            continue;
        QString text = decoder.decode(bytes);
        if (!decoder.hasError())
            return text;
    }
    return QString::fromLatin1(bytes);
}

// The most frequent of comma, semicolon and tab outside quotes in the first line, as the
// import detects it; a comma when none occurs.
QChar detectDelimiter(QStringView text)
{
    const std::array<QChar, 3> candidates{u',', u';', u'\t'};
    std::array<int, 3> counts{};
    bool isInQuotes = false;
    for (const QChar c : text) {
        if (c == u'"') {
            isInQuotes = !isInQuotes;
        } else if (!isInQuotes) {
            if (c == u'\n' || c == u'\r')
                break;
            for (std::size_t i = 0; i < candidates.size(); ++i)
                counts[i] += c == candidates[i] ? 1 : 0;
        }
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < candidates.size(); ++i) {
        if (counts[i] > counts[best])
            best = i;
    }
    return candidates[best];
}

// What a workbook holds that the user should know, in words (core reports the codes).
QString noticeText(const WorkbookNotice &notice)
{
    const QString list = notice.arguments.join(QStringLiteral(", "));
    switch (notice.kind) {
    case WorkbookNotice::Kind::HiddenSheets:
        return CsvImportDialog::tr("Hidden sheets were not imported: %1. Choose one under Sheet "
                                   "to import it.")
            .arg(list);
    case WorkbookNotice::Kind::HiddenRows:
        return CsvImportDialog::tr("Rows hidden in the workbook are imported like the others: %1.")
            .arg(list);
    case WorkbookNotice::Kind::MergedHeaderCells:
        return CsvImportDialog::tr("The header row has merged cells (%1): the columns they cover "
                                   "have no name of their own.")
            .arg(list);
    case WorkbookNotice::Kind::TitleRowsSkipped:
        return CsvImportDialog::tr("Rows above the header were skipped: %1.").arg(list);
    }
    return {};
}

} // namespace

CsvImportDialog::CsvImportDialog(const QString &path, QWidget *parent)
    : QDialog(parent)
    , m_path(path)
    , m_result(makeError(ErrorCode::Io, QString()))
{
    setWindowTitle(tr("Import Recipients"));

    auto *fileLabel = new QLabel(QFileInfo(path).fileName(), this);
    fileLabel->setToolTip(QFileInfo(path).absoluteFilePath());
    fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_delimiterCombo = new QComboBox(this);
    m_delimiterCombo->addItem(tr("Automatic"));
    m_delimiterCombo->addItem(tr("Comma (,)"));
    m_delimiterCombo->addItem(tr("Semicolon (;)"));
    m_delimiterCombo->addItem(tr("Tab"));
    m_delimiterCombo->addItem(tr("Other"));
    m_delimiterCombo->setToolTip(tr("The character between the columns of the file"));
    m_otherDelimiterEdit = new QLineEdit(this);
    m_otherDelimiterEdit->setMaxLength(1);
    m_otherDelimiterEdit->setMaximumWidth(fontMetrics().horizontalAdvance(u'M') * 4);
    // Shown only once "Other" is chosen: an empty box beside "Automatic" asks for nothing.
    m_otherDelimiterEdit->setVisible(false);
    m_otherDelimiterEdit->setPlaceholderText(tr("e.g. |"));
    m_otherDelimiterEdit->setToolTip(tr("The character between the columns"));
    m_otherDelimiterEdit->setAccessibleName(tr("Other delimiter"));
    auto *delimiterRow = new QHBoxLayout;
    delimiterRow->addWidget(m_delimiterCombo);
    delimiterRow->addWidget(m_otherDelimiterEdit);
    delimiterRow->addStretch();
    m_delimiterRow = delimiterRow;

    m_encodingCombo = new QComboBox(this);
    m_encodingCombo->addItem(tr("Automatic"), QByteArray());
    for (const char *name : Encodings) {
        if (QStringDecoder(name).isValid())
            m_encodingCombo->addItem(QString::fromLatin1(name), QByteArray(name));
    }
    m_encodingCombo->setToolTip(
        tr("How the file's text is stored. Excel on Chinese Windows saves GB18030; choose "
           "another encoding if names look garbled in the preview."));

    m_sheetCombo = new QComboBox(this);
    m_sheetCombo->addItem(tr("Automatic"), QString());
    m_sheetCombo->setToolTip(tr("The sheet of the workbook that holds the list"));

    m_emailCombo = new QComboBox(this);
    m_emailCombo->addItem(tr("Automatic"), QString());
    m_emailCombo->setToolTip(tr("The column that holds the email addresses"));
    m_nameCombo = new QComboBox(this);
    m_nameCombo->addItem(tr("Automatic"), QString());
    m_nameCombo->setToolTip(tr("The column that holds the recipients' names (optional)"));

    auto *appendButton = new QRadioButton(tr("&Add to the current list"), this);
    auto *replaceButton = new QRadioButton(tr("&Replace the current list"), this);
    m_modeGroup = new QButtonGroup(this);
    m_modeGroup->addButton(appendButton, static_cast<int>(ImportMode::Append));
    m_modeGroup->addButton(replaceButton, static_cast<int>(ImportMode::Replace));
    appendButton->setChecked(true);
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(appendButton);
    modeRow->addWidget(replaceButton);
    modeRow->addStretch();

    auto *form = new QFormLayout;
    m_form = form;
    form->addRow(tr("File:"), fileLabel);
    form->addRow(tr("&Delimiter:"), delimiterRow);
    form->addRow(tr("&Encoding:"), m_encodingCombo);
    form->addRow(tr("&Sheet:"), m_sheetCombo);
    form->addRow(tr("E&mail column:"), m_emailCombo);
    form->addRow(tr("&Name column:"), m_nameCombo);
    form->addRow(tr("Import:"), modeRow);
    // The form's labels are the buddies of the combo boxes (keyboard mnemonics, screen readers).
    static_cast<QLabel *>(form->labelForField(delimiterRow))->setBuddy(m_delimiterCombo);

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setWordWrap(true);

    m_previewModel = new QStandardItemModel(this);
    m_previewView = new QTableView(this);
    m_previewView->setModel(m_previewModel);
    m_previewView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewView->setAccessibleName(tr("Preview of the first rows"));
    m_previewView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_previewView->horizontalHeader()->setStretchLastSection(true);
    auto *previewLabel = new QLabel(
        tr("&Preview (the first %1 rows as they will be imported):").arg(PreviewRows), this);
    previewLabel->setBuddy(m_previewView);
    m_renameButton = new QPushButton(tr("Rename Col&umn..."), this);
    m_renameButton->setToolTip(tr("Give the merge field of the current column another name "
                                  "(or double-click its header)"));
    m_renameButton->setEnabled(false);
    auto *previewRow = new QHBoxLayout;
    previewRow->addWidget(previewLabel, 1);
    previewRow->addWidget(m_renameButton);

    m_problemsView = new QPlainTextEdit(this);
    m_problemsView->setReadOnly(true);
    m_problemsView->setMaximumHeight(fontMetrics().lineSpacing() * 5);
    m_problemsView->setAccessibleName(tr("Problems found in the file"));
    m_problemsView->setTabChangesFocus(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summaryLabel);
    layout->addLayout(previewRow);
    layout->addWidget(m_previewView, 1);
    layout->addWidget(m_problemsView);
    layout->addWidget(m_buttons);
    resize(720, 560);

    connect(m_delimiterCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_otherDelimiterEdit->setVisible(index == kOther);
        if (index == kOther && m_otherDelimiterEdit->text().isEmpty())
            m_otherDelimiterEdit->setFocus();
        reparse();
    });
    connect(m_otherDelimiterEdit, &QLineEdit::textChanged, this, [this] {
        if (m_delimiterCombo->currentIndex() == kOther)
            reparse();
    });
    for (QComboBox *combo : {m_encodingCombo, m_sheetCombo, m_emailCombo, m_nameCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &CsvImportDialog::reparse);
    connect(m_renameButton, &QPushButton::clicked, this, &CsvImportDialog::renameCurrentColumn);
    connect(m_previewView->horizontalHeader(),
            &QHeaderView::sectionDoubleClicked,
            this,
            [this](int column) {
                m_previewView->setCurrentIndex(m_previewModel->index(0, column));
                renameCurrentColumn();
            });
    connect(this, &QDialog::accepted, this, &CsvImportDialog::rememberSheet);

    // The rows the file's name calls for until it is read and its first bytes say what it is.
    showRowsOf(hasWorkbookSuffix(path));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_problemsView->setVisible(false);
    m_summaryLabel->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    // A workbook is read once; a CSV's bytes are parsed again with every choice.
    auto *reading = new QFutureWatcher<Result<RecipientListFile>>(this);
    connect(reading, &QFutureWatcherBase::finished, this, [this, reading] {
        reading->deleteLater();
        showLoaded(reading->result());
    });
    reading->setFuture(QtConcurrent::run([path] { return readRecipientListFile(path); }));
}

void CsvImportDialog::showLoaded(Result<RecipientListFile> file)
{
    m_isLoading = false;
    if (!file) {
        m_readError = ErrorWords::of(file.error());
    } else if (file->workbook) {
        m_workbook = std::move(file->workbook);
        m_isUpdating = true;
        for (const QString &sheet : m_workbook->sheetNames()) {
            m_sheetCombo->addItem(m_workbook->isHidden(sheet) ? tr("%1 (hidden)").arg(sheet) : sheet,
                                  sheet);
        }
        const int remembered = m_sheetCombo->findData(rememberedSheet(m_path));
        if (remembered > kAutomatic)
            m_sheetCombo->setCurrentIndex(remembered);
        m_isUpdating = false;
    } else {
        m_bytes = std::move(file->csvBytes);
    }
    showRowsOf(m_workbook.has_value());
    reparse();
    Q_EMIT loaded();
}

// A workbook has sheets; a CSV file has a delimiter and an encoding.
void CsvImportDialog::showRowsOf(bool isWorkbookFile)
{
    m_form->setRowVisible(m_delimiterRow, !isWorkbookFile);
    m_form->setRowVisible(m_encodingCombo, !isWorkbookFile);
    m_form->setRowVisible(m_sheetCombo, isWorkbookFile);
    // setRowVisible() shows every widget of the row: the other delimiter's box stays hidden.
    m_otherDelimiterEdit->setVisible(!isWorkbookFile && m_delimiterCombo->currentIndex() == kOther);
}

CsvImportDialog::~CsvImportDialog() = default;

// The view has its real width only once shown: the columns are fitted to it then.
void CsvImportDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    fitPreviewColumns();
}

ImportMode CsvImportDialog::mode() const
{
    return static_cast<ImportMode>(m_modeGroup->checkedId());
}

CsvImportOptions CsvImportDialog::options() const
{
    CsvImportOptions options;
    options.encoding = m_encodingCombo->currentData().toByteArray();
    switch (m_delimiterCombo->currentIndex()) {
    case kComma:
        options.delimiter = u',';
        break;
    case kSemicolon:
        options.delimiter = u';';
        break;
    case kTab:
        options.delimiter = u'\t';
        break;
    case kOther:
        if (!m_otherDelimiterEdit->text().isEmpty())
            options.delimiter = m_otherDelimiterEdit->text().at(0);
        break;
    default:
        break;
    }
    options.emailColumn = m_emailCombo->currentData().toString();
    options.nameColumn = m_nameCombo->currentData().toString();
    return options;
}

void CsvImportDialog::setDelimiter(QChar delimiter)
{
    m_isUpdating = true;
    if (delimiter.isNull())
        m_delimiterCombo->setCurrentIndex(kAutomatic);
    else if (delimiter == u',')
        m_delimiterCombo->setCurrentIndex(kComma);
    else if (delimiter == u';')
        m_delimiterCombo->setCurrentIndex(kSemicolon);
    else if (delimiter == u'\t')
        m_delimiterCombo->setCurrentIndex(kTab);
    else {
        m_otherDelimiterEdit->setText(QString(delimiter));
        m_delimiterCombo->setCurrentIndex(kOther);
    }
    m_isUpdating = false;
    reparse();
}

void CsvImportDialog::setEncoding(const QByteArray &encoding)
{
    int index = kAutomatic;
    if (!encoding.isEmpty()) {
        index = -1;
        for (int i = 1; i < m_encodingCombo->count(); ++i) {
            if (m_encodingCombo->itemData(i).toByteArray().compare(encoding, Qt::CaseInsensitive)
                == 0)
                index = i;
        }
        if (index < 0) {
            m_encodingCombo->addItem(QString::fromLatin1(encoding), encoding);
            index = m_encodingCombo->count() - 1;
        }
    }
    m_encodingCombo->setCurrentIndex(index); // re-parses when it changes
}

namespace {

void selectColumn(QComboBox *combo, const QString &column)
{
    int index = 0;
    if (!column.isEmpty()) {
        index = combo->findData(column);
        if (index < 0) {
            combo->addItem(column, column);
            index = combo->count() - 1;
        }
    }
    combo->setCurrentIndex(index);
}

} // namespace

void CsvImportDialog::setEmailColumn(const QString &column)
{
    selectColumn(m_emailCombo, column);
}

void CsvImportDialog::setNameColumn(const QString &column)
{
    selectColumn(m_nameCombo, column);
}

void CsvImportDialog::setSheet(const QString &sheet)
{
    const int index = sheet.isEmpty() ? kAutomatic : m_sheetCombo->findData(sheet);
    if (index >= 0)
        m_sheetCombo->setCurrentIndex(index); // re-parses when it changes
}

void CsvImportDialog::setMode(ImportMode mode)
{
    m_modeGroup->button(static_cast<int>(mode))->setChecked(true);
}

QString CsvImportDialog::problemsText() const
{
    return m_problemsView->toPlainText();
}

QString CsvImportDialog::summaryText() const
{
    return m_summaryLabel->text();
}

bool CsvImportDialog::canAccept() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void CsvImportDialog::reparse()
{
    if (m_isUpdating || m_isLoading)
        return;
    if (m_readError) {
        m_result = makeError(ErrorCode::Io, *m_readError);
    } else if (m_workbook) {
        reparseWorkbook();
    } else {
        const CsvImportOptions chosen = options();
        m_result = parseRecipientsCsv(m_bytes, chosen);
        QByteArray encoding = chosen.encoding;
        if (encoding.isEmpty() && m_result)
            encoding = m_result->detectedEncoding.toLatin1();
        QChar delimiter = chosen.delimiter.value_or(QChar());
        if (delimiter.isNull() && m_result)
            delimiter = m_result->delimiter;
        const QStringList columns = readHeader(m_bytes, encoding, delimiter);
        if (!columns.isEmpty())
            updateColumns(columns);
        m_isUpdating = true;
        m_encodingCombo->setItemText(kAutomatic,
                                     m_result && chosen.encoding.isEmpty()
                                         ? tr("Automatic (%1)").arg(m_result->detectedEncoding)
                                         : tr("Automatic"));
        m_isUpdating = false;
    }
    applyRenames();
    updatePreview();
    updateProblems();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_result.has_value());
}

// The user's names replace the file's in the result, so that the import and the preview agree.
void CsvImportDialog::applyRenames()
{
    if (!m_result) {
        m_fileFieldNames.clear();
        return;
    }
    m_fileFieldNames = m_result->fieldNames;
    for (QString &field : m_result->fieldNames)
        field = m_renames.value(field, field);
}

QString CsvImportDialog::renameColumn(const QString &field, const QString &name)
{
    if (!m_result)
        return tr("The file cannot be imported as it is.");
    const qsizetype index = m_result->fieldNames.indexOf(field);
    if (index < 0)
        return tr("There is no merge field %1.").arg(field);
    const QString fileName = m_fileFieldNames.value(index);
    const QString wanted = name.trimmed().isEmpty() ? fileName : name.trimmed();
    for (qsizetype other = 0; other < m_result->fieldNames.size(); ++other) {
        if (other != index
            && m_result->fieldNames.at(other).compare(wanted, Qt::CaseInsensitive) == 0) {
            return tr("Another column is already called %1.").arg(wanted);
        }
    }
    if (wanted == fileName)
        m_renames.remove(fileName);
    else
        m_renames.insert(fileName, wanted);
    reparse();
    return {};
}

void CsvImportDialog::renameCurrentColumn()
{
    if (!m_result || m_result->fieldNames.isEmpty())
        return;
    // The current column, or the first merge field when the cursor is on Email or Name.
    int column = m_previewView->currentIndex().column();
    if (column < kFirstFieldColumn || column - kFirstFieldColumn >= m_result->fieldNames.size())
        column = kFirstFieldColumn;
    const QString field = m_result->fieldNames.at(column - kFirstFieldColumn);
    const QString fileName = m_fileFieldNames.value(column - kFirstFieldColumn);
    bool isAccepted = false;
    const QString name = QInputDialog::getText(
        this,
        tr("Rename Column"),
        tr("Merge field name for the column \"%1\" (empty restores the file's name):").arg(fileName),
        QLineEdit::Normal,
        field,
        &isAccepted);
    if (!isAccepted)
        return;
    if (const QString problem = renameColumn(field, name); !problem.isEmpty())
        QMessageBox::warning(this, tr("Rename Column"), problem);
}

// A workbook's sheet chosen by hand is chosen again for the same file next time; "Automatic"
// forgets it.
void CsvImportDialog::rememberSheet() const
{
    if (!m_workbook)
        return;
    const QString prefix = QFileInfo(m_path).absoluteFilePath() + u'\n';
    QStringList entries = QSettings().value(kSheetsKey).toStringList();
    entries.removeIf([&prefix](const QString &entry) { return entry.startsWith(prefix); });
    const QString sheet = m_sheetCombo->currentData().toString();
    if (!sheet.isEmpty())
        entries.prepend(prefix + sheet);
    QSettings().setValue(kSheetsKey, entries.first(std::min(entries.size(), kRememberedSheets)));
}

void CsvImportDialog::reparseWorkbook()
{
    const CsvImportOptions chosen = options();
    const QString sheet = m_sheetCombo->currentData().toString();
    auto imported = m_workbook->import(chosen, sheet);
    m_notices.clear();
    m_sheetUsed.clear();
    m_headerRow = 0;
    if (imported) {
        m_notices = imported->notices;
        m_sheetUsed = imported->sheet;
        m_headerRow = imported->headerRow;
        m_result = std::move(imported->list);
    } else {
        m_result = tl::make_unexpected(imported.error());
    }
    updateColumns(m_workbook->headerCells(chosen, sheet));
    m_isUpdating = true;
    m_sheetCombo->setItemText(kAutomatic,
                              sheet.isEmpty() && !m_sheetUsed.isEmpty()
                                  ? tr("Automatic (%1)").arg(m_sheetUsed)
                                  : tr("Automatic"));
    m_isUpdating = false;
}

void CsvImportDialog::updateColumns(const QStringList &columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    m_isUpdating = true;
    for (QComboBox *combo : {m_emailCombo, m_nameCombo}) {
        const QString chosen = combo->currentData().toString();
        while (combo->count() > 1)
            combo->removeItem(1);
        for (const QString &column : columns) {
            if (!column.isEmpty())
                combo->addItem(column, column);
        }
        // A choice the new header lacks stays listed: the parse then says which columns exist.
        selectColumn(combo, chosen);
    }
    m_isUpdating = false;
}

QStringList CsvImportDialog::readHeader(const QByteArray &bytes,
                                        const QByteArray &encoding,
                                        QChar delimiter)
{
    const QByteArrayView head = QByteArrayView(bytes).first(std::min(bytes.size(), kHeaderBytes));
    QString text;
    if (!encoding.isEmpty()) {
        QStringDecoder decoder(encoding.constData());
        if (!decoder.isValid())
            return {};
        text = decoder.decode(head);
    } else {
        // The parse failed before naming an encoding (a header without a recognised email
        // column, say): guess well enough to list the columns so that one can be chosen.
        text = guessDecode(head);
    }
    if (text.startsWith(QChar::ByteOrderMark))
        text.remove(0, 1);
    QStringView rest(text);
    // Excel's "sep=;" first line names the delimiter.
    if (rest.startsWith(u"sep=") && rest.size() >= 5
        && (rest.size() == 5 || rest[5] == u'\r' || rest[5] == u'\n')) {
        if (delimiter.isNull())
            delimiter = rest[4];
        const qsizetype lineEnd = rest.indexOf(u'\n');
        rest = lineEnd < 0 ? QStringView() : rest.sliced(lineEnd + 1);
    }
    // The first non-empty line.
    while (!rest.isEmpty() && (rest.front() == u'\n' || rest.front() == u'\r'))
        rest = rest.sliced(1);
    if (rest.isEmpty())
        return {};
    if (delimiter.isNull())
        delimiter = detectDelimiter(rest);
    QStringList cells = firstRecord(rest, delimiter);
    for (QString &cell : cells)
        cell = cell.trimmed();
    while (!cells.isEmpty() && cells.constLast().isEmpty())
        cells.removeLast();
    return cells;
}

void CsvImportDialog::updatePreview()
{
    m_previewModel->clear();
    if (!m_result)
        return;
    QStringList headers{tr("Email"), tr("Name")};
    headers += m_result->fieldNames;
    m_previewModel->setHorizontalHeaderLabels(headers);
    const qsizetype rows = std::min<qsizetype>(m_result->recipients.size(), PreviewRows);
    for (qsizetype row = 0; row < rows; ++row) {
        const Recipient &recipient = m_result->recipients.at(row);
        QList<QStandardItem *> items;
        items.append(new QStandardItem(recipient.email));
        items.append(new QStandardItem(recipient.name));
        for (qsizetype field = 0; field < m_result->fieldNames.size(); ++field)
            items.append(new QStandardItem(recipient.fields.value(field)));
        if (!isValidEmailAddress(recipient.email)) {
            // The same translucent tint as the recipients table; kept, flagged, not dropped.
            items.first()->setBackground(QBrush(QColor(220, 40, 40, 64)));
            items.first()->setToolTip(tr("Not a valid email address: the row is imported and "
                                         "flagged"));
        }
        m_previewModel->appendRow(items);
        // A workbook's rows are numbered as the spreadsheet numbers them.
        auto *lineItem = new QStandardItem(m_workbook ? tr("Row %1").arg(recipient.sourceLine)
                                                      : tr("Line %1").arg(recipient.sourceLine));
        m_previewModel->setVerticalHeaderItem(static_cast<int>(row), lineItem);
    }
    for (int column = kFirstFieldColumn; column < m_previewModel->columnCount(); ++column) {
        if (QStandardItem *header = m_previewModel->horizontalHeaderItem(column))
            header->setToolTip(tr("Double-click to rename this merge field"));
    }
    fitPreviewColumns();
}

// Each column as wide as its header and values, so that the addresses (what the user checks
// first) are not cut to the default width; no column takes more than its share of the view.
void CsvImportDialog::fitPreviewColumns()
{
    QHeaderView *header = m_previewView->horizontalHeader();
    const int room = std::max(m_previewView->viewport()->width(), 480);
    for (int column = 0; column < m_previewModel->columnCount(); ++column) {
        m_previewView->resizeColumnToContents(column);
        const int share = column == 0 ? room * 2 / 3 : room / 3;
        if (header->sectionSize(column) > share)
            header->resizeSection(column, share);
    }
}

void CsvImportDialog::updateProblems()
{
    QStringList lines;
    if (!m_result) {
        m_summaryLabel->setText(tr("This file cannot be imported as it is."));
        lines.append(ErrorWords::of(m_result.error()));
    } else {
        const QLocale locale;
        const int count = static_cast<int>(m_result->recipients.size());
        const QString recipients = count == 1 ? tr("1 recipient")
                                              : tr("%1 recipients").arg(locale.toString(count));
        const QString fields = m_result->fieldNames.isEmpty()
                                   ? tr("no merge fields")
                                   : tr("merge fields: %1").arg(m_result->fieldNames.join(u", "));
        if (m_workbook) {
            m_summaryLabel->setText(tr("%1; %2; sheet %3, header in row %4.")
                                        .arg(recipients, fields, m_sheetUsed)
                                        .arg(m_headerRow));
        } else {
            m_summaryLabel->setText(tr("%1; %2; encoding %3; delimiter %4.")
                                        .arg(recipients,
                                             fields,
                                             m_result->detectedEncoding,
                                             delimiterName(m_result->delimiter)));
        }
        for (const WorkbookNotice &notice : std::as_const(m_notices))
            lines.append(noticeText(notice));
        for (const CsvProblem &warning : std::as_const(m_result->warnings)) {
            lines.append(m_workbook ? tr("row %1: %2").arg(warning.line).arg(warning.message)
                                    : tr("line %1: %2").arg(warning.line).arg(warning.message));
        }
    }
    m_renameButton->setEnabled(m_result.has_value() && !m_result->fieldNames.isEmpty());
    m_problemsView->setPlainText(lines.join(u'\n'));
    m_problemsView->setVisible(!lines.isEmpty());
}

} // namespace Bulkmail
