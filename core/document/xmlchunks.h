#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <future>
#include <iterator>
#include <mutex>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <QByteArrayView>

namespace Bulkmail {

class PartStream;

// The big parts of a workbook read as they unpack, in chunks that several threads parse at once
// (internal to the .xlsx reader: xlsxsheetreader.cpp, xlsxsharedstrings.cpp).
//
// liborcus's parser takes a part as one buffer, and the big parts of a list (its sheet and, as
// Excel and WPS write it, its shared strings) are most of a workbook import's time
// (bench/README.md). Unpacked whole, a 20 MB sheet went into fresh memory, and on the machines
// office staff and CI have (virtual ones) the kernel's page faults for it cost more than the
// unpacking itself; the parser then read it back from memory, not from the processor's cache. So
// a big part is unpacked a piece at a time (PartStream) into a buffer each thread keeps and
// reuses, and cut between one item's end tag and the next one's start tag (rows; shared strings'
// <si>), which their parsing needs nothing across: a row carries its number, a shared string is
// one item. Each chunk but the first begins with a wrapper that opens the elements the part had
// opened before its items; what follows a cut goes on in the next chunk. The threads take the
// chunks in turn: one unpacks at a time, while the others parse theirs.
//
// Finding a cut is a byte search, which a comment or a CDATA section holding such text could
// fool; so it is not trusted. Each chunk's handler must show that at its cut it stood where a
// parse of the whole part stands there: just past an item's end tag at its end, as deep, with
// nothing of an item open, and its first element the item just past the wrapper. liborcus's
// parser keeps no state between elements but how deep it is. A chunk is parsed only when it
// holds nothing but elements (where a cut fooled by other markup could end it inside a comment,
// and liborcus 0.17 aborts the program there) and passes checkXmlPart(). When a chunk cannot show
// its cuts, or is not let through, or the part turns out damaged, the reader reads the part
// again whole, which gives its items, or the error a whole reading gives: a part is never read
// otherwise than a whole reading reads it.

// One chunk of a part, in the buffer of the thread that took it.
struct XmlChunk
{
    std::size_t index = 0; // in the part, from 0
    QByteArrayView bytes;
    bool isFirst = false; // begins at the part's beginning, which opens the elements itself
    bool isLast = false;  // ends at the part's end
};

class XmlChunks final
{
public:
    // A chunk holds about this much of a part, but for its wrapper: it fits the cache of a
    // processor core with the parser's work around it (the chunk sizes measured, from 64 KB to
    // 1 MB, read alike fast).
    static constexpr std::size_t DefaultBytes = 256 * 1024;

    // Chunks of about `bytes` bytes (0: DefaultBytes) of the part `stream` unpacks, cut between
    // elements named `localName`; later ones begin with `wrapper`. A chunk grows past that size
    // when one item is longer. `stream` must outlive this object.
    XmlChunks(PartStream &stream,
              std::string_view localName,
              std::string_view wrapper,
              std::size_t bytes);

    [[nodiscard]] std::string_view wrapper() const { return m_wrapper; }
    // How many chunks were handed out.
    [[nodiscard]] std::size_t count() const;

    // The next chunk, unpacked into `buffer` (the calling thread's, kept from chunk to chunk);
    // false once the part has ended or a chunk failed. Safe to call from several threads: one
    // unpacks at a time. Throws what the stream throws (a damaged part), and
    // std::invalid_argument for a chunk that must not reach the parser (see above).
    [[nodiscard]] bool next(std::vector<char> &buffer, XmlChunk &chunk);

private:
    void cutNext(std::vector<char> &buffer, XmlChunk &chunk);
    void check(const XmlChunk &chunk) const;

    PartStream &m_stream;
    std::string m_localName;
    std::string m_wrapper;
    std::size_t m_bytes;

    mutable std::mutex m_mutex;
    std::string m_carry; // what followed the last cut: the next chunk begins with it
    std::size_t m_next = 0;
    bool m_ended = false;
};

// Whether the XML holds no markup but elements (no comment, CDATA section, DOCTYPE or processing
// instruction, but for the XML declaration at its start), as spreadsheets write their parts. Two
// passes of memchr() for characters rare in a list.
[[nodiscard]] bool holdsOnlyElements(std::string_view xml);

// How many threads read a part of `size` bytes: `asked` when it is more than 0 (tests, the
// benchmark); otherwise one for a small part, for which threads cost more than they bring, and
// one a core for a big one, at most four. Each both unpacks (in turn) and parses and builds what
// it parsed.
[[nodiscard]] int threadsFor(qsizetype size, int asked = 0);

// Runs `parseChunk(thread, chunk)` on each chunk of `chunks` once, on `threads` threads at most
// (the caller's is thread 0; fewer when no more can be had); it parses the chunk and says whether
// its cuts proved sound. True when every chunk's did and nothing threw. A failure sets `stop`,
// which ends the others at their next chunk (and sooner, where parseChunk watches it too);
// every thread has ended on return.
template<typename ParseChunk>
bool readChunksAtOnce(XmlChunks &chunks, int threads, std::atomic<bool> &stop, ParseChunk parseChunk)
{
    const auto work = [&chunks, &stop, &parseChunk](int thread) {
        std::vector<char> buffer;
        XmlChunk chunk;
        try {
            while (!stop.load(std::memory_order_relaxed) && chunks.next(buffer, chunk)) {
                if (!parseChunk(thread, chunk))
                    stop.store(true, std::memory_order_relaxed);
            }
        } catch (...) {
            stop.store(true, std::memory_order_relaxed);
        }
    };
    std::vector<std::future<void>> helping;
    for (int thread = 1; thread < threads; ++thread) {
        try {
            helping.push_back(std::async(std::launch::async, work, thread));
        } catch (const std::system_error &) {
            break; // no more threads to be had: those there are read every chunk
        }
    }
    work(0);
    for (std::future<void> &each : helping)
        each.get();
    return !stop.load(std::memory_order_relaxed);
}

// The readings of the chunks, which each thread kept in a list of its own, in the part's order
// (each reading has the `index` of its chunk).
template<typename ChunkReading>
std::vector<ChunkReading> inPartOrder(std::vector<std::vector<ChunkReading>> &threadsReadings)
{
    std::vector<ChunkReading> all;
    for (std::vector<ChunkReading> &each : threadsReadings)
        std::move(each.begin(), each.end(), std::back_inserter(all));
    std::sort(all.begin(), all.end(), [](const ChunkReading &a, const ChunkReading &b) {
        return a.index < b.index;
    });
    return all;
}

} // namespace Bulkmail
