// Times the recipients editor on a generated list (default 100,000 rows) in the real
// RecipientsView, offscreen: each step is the call plus the repaint of the visible rows, so a
// figure is what the user waits for. The list mixes what real exports hold: non-ASCII names,
// three merge fields, 1 row in 1,000 a duplicate and 1 in 5,000 invalid.

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QTableView>
#include <QUndoStack>

#include "campaign/recipientvalidation.h"
#include "models/recipienttablemodel.h"
#include "recipients/recipientfilterproxymodel.h"
#include "recipients/recipientsview.h"

using namespace Bulkmail;

namespace {

QList<Recipient> generate(int rows)
{
    static const char16_t *const names[] = {
        u"Anna Müller", u"王芳", u"Doe, Jane", u"Ольга Иванова", u"José García", u"Mia Smith"};
    static const char16_t *const cities[] = {u"Köln", u"北京", u"Paris", u"Springfield, IL"};
    QList<Recipient> list;
    list.reserve(rows);
    for (int i = 0; i < rows; ++i) {
        const int id = i % 1000 == 999 ? i - 500 : i;
        Recipient recipient;
        recipient.email = QStringLiteral("user%1%2")
                              .arg(id)
                              .arg(i % 5000 == 4999 ? QStringLiteral("@")
                                                    : QStringLiteral("@example.org"));
        recipient.name = QString::fromUtf16(names[i % 6]);
        recipient.fields = {QStringLiteral("Company %1").arg(i % 997),
                            QString::fromUtf16(cities[i % 4]),
                            QString::number(100000 + i)};
        list.append(recipient);
    }
    return list;
}

// Runs `step`, then paints the table synchronously; returns milliseconds.
double timed(QTableView *table, const std::function<void()> &step)
{
    QElapsedTimer timer;
    timer.start();
    step();
    QCoreApplication::processEvents();
    table->viewport()->repaint();
    return double(timer.nsecsElapsed()) / 1e6;
}

// The median of `runs` runs of `step` (each preceded by `reset`, which is not timed).
double median(QTableView *table,
              int runs,
              const std::function<void()> &reset,
              const std::function<void()> &step)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        reset();
        QCoreApplication::processEvents();
        times.push_back(timed(table, step));
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void report(const char *what, double milliseconds)
{
    std::printf("%-58s %8.1f ms%s\n",
                what,
                milliseconds,
                milliseconds > 100 ? "  (over 100 ms)" : "");
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    const int rows = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    if (rows < 20000)
        return 1;
    const QList<Recipient> list = generate(rows);
    const QStringList fields{QStringLiteral("Company"),
                             QStringLiteral("City"),
                             QStringLiteral("Customer number")};
    std::printf("rows: %d\n", rows);

    RecipientTableModel model;
    QUndoStack stack;
    model.setUndoStack(&stack);
    RecipientsView view;
    view.setModel(&model);
    QTableView *table = view.tableView();
    view.resize(1280, 800);

    QElapsedTimer timer;
    timer.start();
    model.setRecipients(fields, list);
    report("setRecipients (model only, incl. validation)", double(timer.nsecsElapsed()) / 1e6);
    timer.restart();
    [[maybe_unused]] const auto issues = validateRecipients(list);
    report("  for comparison: validateRecipients() over the list",
           double(timer.nsecsElapsed()) / 1e6);
    std::printf("  %d invalid, %d duplicates\n", model.invalidCount(), model.duplicateCount());

    report("show the view (first paint)", timed(table, [&] { view.show(); }));
    report("setRecipients again with the view shown",
           median(
               table, 3, [] {}, [&] { model.setRecipients(fields, list); }));
    report("scroll to the bottom", timed(table, [&] { table->scrollToBottom(); }));
    report("scroll to the top", timed(table, [&] { table->scrollToTop(); }));

    const auto unsort = [&] { table->sortByColumn(-1, Qt::AscendingOrder); };
    const int email = static_cast<int>(RecipientTableModel::Column::Email);
    const int name = static_cast<int>(RecipientTableModel::Column::Name);
    report("sort by email (median of 3)",
           median(table, 3, unsort, [&] { table->sortByColumn(email, Qt::AscendingOrder); }));
    report("sort by name (median of 3)",
           median(table, 3, unsort, [&] { table->sortByColumn(name, Qt::AscendingOrder); }));
    report("back to the file's order", timed(table, unsort));

    QLineEdit *search = view.searchEdit();
    report("search \"user4242\" (median of 3)",
           median(
               table,
               3,
               [&] { search->clear(); },
               [&] { search->setText(QStringLiteral("user4242")); }));
    report("search \"北京\" (a quarter of the rows match)",
           median(
               table, 3, [&] { search->clear(); }, [&] { search->setText(QStringLiteral("北京")); }));
    report("clear the search", timed(table, [&] { search->clear(); }));
    QAction *problems = view.showProblemsOnlyAction();
    report("show only problem rows (median of 3)",
           median(
               table, 3, [&] { problems->setChecked(false); }, [&] { problems->setChecked(true); }));
    report("show all rows again", timed(table, [&] { problems->setChecked(false); }));

    // Single-cell edits through setData (what the view's delegate calls), each an undo command.
    int counter = 0;
    const auto editEmail = [&](int row) {
        model.setData(model.index(row, email),
                      QStringLiteral("edited%1@example.org").arg(counter++));
    };
    report("edit one email cell, unsorted (median of 5)",
           median(
               table, 5, [] {}, [&] { editEmail(rows / 2); }));
    report("edit the email of a duplicated address (median of 5)",
           median(
               table, 5, [] {}, [&] { editEmail(499); })); // row 999 duplicates it
    report("edit one name cell (median of 5)",
           median(
               table,
               5,
               [] {},
               [&] {
                   model.setData(model.index(rows / 3, name),
                                 QStringLiteral("Name %1").arg(counter++));
               }));
    report("undo an email edit (median of 5)",
           median(
               table, 5, [&] { editEmail(rows / 4); }, [&] { stack.undo(); }));
    table->sortByColumn(email, Qt::AscendingOrder);
    report("edit one email cell while sorted by email (median of 5)",
           median(
               table, 5, [] {}, [&] { editEmail(rows / 2 + 1); }));
    problems->setChecked(true);
    report("edit one email cell while showing problems (median of 5)",
           median(
               table, 5, [] {}, [&] { editEmail(rows / 2 + 2); }));
    problems->setChecked(false);
    unsort();
    QCoreApplication::processEvents();

    // Delete 10,000 consecutive rows through the view's action, then undo.
    QItemSelectionModel *selection = table->selectionModel();
    const auto selectRows = [&](const std::function<bool(int)> &wanted) {
        QItemSelection rowsToSelect;
        const int last = table->model()->columnCount() - 1;
        int first = -1;
        for (int row = 0; row <= table->model()->rowCount(); ++row) {
            const bool isWanted = row < table->model()->rowCount() && wanted(row);
            if (isWanted && first < 0)
                first = row;
            if (!isWanted && first >= 0) {
                rowsToSelect.select(table->model()->index(first, 0),
                                    table->model()->index(row - 1, last));
                first = -1;
            }
        }
        selection->select(rowsToSelect, QItemSelectionModel::ClearAndSelect);
    };
    const int start = rows / 5;
    selectRows([&](int row) { return row >= start && row < start + 10000; });
    report("delete 10,000 consecutive rows (one undo step)",
           timed(table, [&] { view.deleteAction()->trigger(); }));
    report("undo that delete", timed(table, [&] { stack.undo(); }));

    table->sortByColumn(name, Qt::AscendingOrder);
    QCoreApplication::processEvents();
    selectRows([&](int row) { return row < 10000; }); // scattered in the model
    report("delete 10,000 rows selected while sorted by name",
           timed(table, [&] { view.deleteAction()->trigger(); }));
    report("undo that delete", timed(table, [&] { stack.undo(); }));
    unsort();
    QCoreApplication::processEvents();

    selectRows([&](int row) { return row % 10 == 0; });
    report("delete every 10th row (10,000 runs: one reset)",
           timed(table, [&] { view.deleteAction()->trigger(); }));
    report("undo that delete", timed(table, [&] { stack.undo(); }));
    std::printf("rows at the end: %d (expected %d)\n", model.rowCount(), rows);
    return model.rowCount() == rows ? 0 : 1;
}
