#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>
#include <QStringView>

#include <type_traits>

namespace Bulkmail {

// A note's code enum as NoteCodec packs it. Unknown (-1, never packed) is what a number this
// version does not know unpacks as; None is 0; Last is the highest code this version knows.
template<typename Code>
concept PackableNoteCode = std::is_enum_v<Code> && requires
{
    Code::Unknown;
    Code::None;
    Code::Last;
};

// How a note (a code with its arguments: CloseNote, ImapNote, ComposeProblem) is packed into a
// QStringList, its code as a number and then its arguments, to travel inside another note's
// arguments, and with them into the send journal and --events. The numbers are therefore part of
// the file format: a code keeps its value, and new codes go last. A number this version does not
// know (a damaged line, or one a newer version wrote) unpacks as Code::Unknown, never as a value
// outside the enum, so that the window says it does not know the note instead of saying nothing.
// `Base` sets one producer's numbers apart from another's where they share a field
// (Error::noteCode): a code is packed as Base + its value, None as 0.
template<PackableNoteCode Code, int Base = 0>
struct NoteCodec
{
    [[nodiscard]] static constexpr bool isKnown(int value)
    {
        return value >= static_cast<int>(Code::None) && value <= static_cast<int>(Code::Last);
    }
    [[nodiscard]] static constexpr int number(Code code)
    {
        return code == Code::None || code == Code::Unknown ? 0 : Base + static_cast<int>(code);
    }
    // The code a packed number stands for: None for 0, Unknown for a number (or text) this
    // version does not know.
    [[nodiscard]] static constexpr Code code(int number)
    {
        if (number == 0)
            return Code::None;
        const int value = number - Base;
        return value != static_cast<int>(Code::None) && isKnown(value) ? static_cast<Code>(value)
                                                                       : Code::Unknown;
    }
    [[nodiscard]] static Code code(QStringView number)
    {
        bool ok = false;
        const int value = number.toInt(&ok);
        return ok ? code(value) : Code::Unknown;
    }
    [[nodiscard]] static QStringList pack(int number, const QStringList &arguments)
    {
        return QStringList{QString::number(number)} + arguments;
    }

    // A note { Code code; QStringList arguments; } packed; an Unknown note (whose arguments
    // start with the number it was unpacked from) gives back the list it came from.
    template<typename Note>
    [[nodiscard]] static QStringList packNote(const Note &note)
    {
        if (note.code == Code::Unknown)
            return note.arguments;
        return pack(number(note.code), note.arguments);
    }
    // The note packed in `packed` from `from`; an empty note when nothing is there. An unknown
    // code keeps everything from its number on as its arguments, so that nothing is lost.
    template<typename Note>
    [[nodiscard]] static Note unpackNote(const QStringList &packed, qsizetype from)
    {
        if (from < 0 || packed.size() <= from)
            return Note{};
        const Code unpacked = code(QStringView(packed.at(from)));
        if (unpacked == Code::Unknown)
            return Note{unpacked, packed.mid(from)};
        return Note{unpacked, packed.mid(from + 1)};
    }
};

// An error's note (Error::noteCode and noteArguments, which its producer packed with a NoteCodec)
// carried inside another note's arguments, after the error's English: nothing when it has no
// code. errorFromPackedNote() takes it back, the number as it was stored, even one this version
// does not know, so that the window words what it knows and shows the English otherwise.
[[nodiscard]] inline QStringList packedErrorNote(const Error &error)
{
    return error.noteCode == 0 ? QStringList()
                               : QStringList{QString::number(error.noteCode)} + error.noteArguments;
}

// The error whose English is `english` and whose note packedErrorNote() put in `arguments` from
// `from`; one without a code when nothing is there (a note an older version stored).
[[nodiscard]] inline Error errorFromPackedNote(const QString &english,
                                               const QStringList &arguments,
                                               qsizetype from)
{
    return {ErrorCode::InvalidValue,
            english,
            arguments.value(from).toInt(),
            arguments.mid(from + 1)};
}

} // namespace Bulkmail
