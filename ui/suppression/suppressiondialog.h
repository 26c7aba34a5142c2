#pragma once

#include "feedback/suppressionlist.h"

#include <QDialog>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Bulkmail {

class SuppressionTableModel;

// Tools → Suppression List: the addresses an account never mails again (hard bounces,
// unsubscribe requests, and the ones the user adds), with the reason, the date and the detail.
// The user can find, add, remove (and take a removal back), import and export them. It works
// on core's SuppressionList, the same SQLite file bulkmail-cli and the send plan read, so what
// is changed here is skipped by the next campaign from that account.
//
// Removing an address means that it may be mailed again: rather than ask first, the removal is
// said in the status line and "Undo Remove" puts the entries back as they were (date included).
class SuppressionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuppressionDialog)

public:
    explicit SuppressionDialog(QWidget *parent = nullptr);
    ~SuppressionDialog() override;

    // Shows `list` (the dialog keeps it), the list of `account` ("smtp.example.org as
    // news@example.org"). Without a list the dialog says `why` and offers nothing to do.
    void setList(std::unique_ptr<SuppressionList> list, const QString &account);
    void showUnavailable(const QString &why);
    // Opens the list of the account that sends through `host` as `username`.
    void openForAccount(const QString &host, const QString &username);

    [[nodiscard]] SuppressionTableModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] QString statusText() const;

    // What the buttons do, after their file dialogs; each reports in the status line and returns
    // whether it changed (or wrote) anything.
    bool addAddress(const QString &address);
    bool removeSelected();
    bool undoRemove();
    bool importFrom(const QString &path);
    bool exportTo(const QString &path);

private:
    void reload();
    void report(const QString &text);
    void updateButtons();
    void onImportClicked();
    void onExportClicked();

    std::unique_ptr<SuppressionList> m_list;
    QList<SuppressionEntry> m_removed; // what "Undo Remove" puts back
    QString m_counts;                  // "12 addresses: 8 hard bounces, ..."

    QLabel *m_intro = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    SuppressionTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_addressEdit = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_undoButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace Bulkmail
