#include "video/timecode.h"

#include <QPainter>
#include <cmath>
#include <ctime>
#include <vector>

namespace rudebot {

namespace {
constexpr int kDataBits = 64;
constexpr int kGuard = 4;
static_assert(kGuard * 2 + kDataBits == kTimecodeCells, "layout");
// The BB pairs sit at cells 1-2 and 69-70: their centres are at 2 and 70 cell widths.
constexpr double kStartPairCentre = 2.0;
constexpr double kPairDistance = 68.0;

quint16 crc16(const uchar *data, int size)
{
    quint16 crc = 0xffff;
    for (int i = 0; i < size; ++i) {
        crc ^= quint16(data[i]) << 8;
        for (int b = 0; b < 8; ++b)
            crc = (crc & 0x8000) ? quint16((crc << 1) ^ 0x1021) : quint16(crc << 1);
    }
    return crc;
}

// Cell values, 1 = white, for a code.
std::vector<int> cellsFor(const Timecode &code)
{
    uchar bytes[6] = {uchar(code.ms >> 24), uchar(code.ms >> 16), uchar(code.ms >> 8),
        uchar(code.ms), uchar(code.frame >> 8), uchar(code.frame)};
    const quint16 crc = crc16(bytes, 6);
    const quint64 data = (quint64(code.ms) << 32) | (quint64(code.frame) << 16) | crc;
    std::vector<int> cells = {1, 0, 0, 1};
    for (int i = kDataBits - 1; i >= 0; --i)
        cells.push_back(int((data >> i) & 1));
    cells.insert(cells.end(), {1, 0, 0, 1});
    return cells;
}

struct Run {
    int start;
    int length;
    bool white;
    double centre() const { return start + length / 2.0; }
};

std::optional<TimecodeHit> sample(const uchar *grey, int count, double left, double cell)
{
    // A cell's centre is clearly black or white; a grey sample means the grid is misplaced (or
    // the row is picture, not code): refuse rather than guess, so misreads stay rare.
    int bits[kTimecodeCells];
    for (int i = 0; i < kTimecodeCells; ++i) {
        const int x = int(std::floor(left + (i + 0.5) * cell));
        if (x < 0 || x >= count || (grey[x] > 80 && grey[x] < 176))
            return std::nullopt;
        bits[i] = grey[x] >= 128 ? 1 : 0;
    }
    static const int guard[kGuard] = {1, 0, 0, 1};
    for (int i = 0; i < kGuard; ++i)
        if (bits[i] != guard[i] || bits[kTimecodeCells - kGuard + i] != guard[i])
            return std::nullopt;
    quint64 data = 0;
    for (int i = 0; i < kDataBits; ++i)
        data = (data << 1) | quint64(bits[kGuard + i]);
    Timecode code{quint32(data >> 32), quint16(data >> 16)};
    uchar bytes[6] = {uchar(code.ms >> 24), uchar(code.ms >> 16), uchar(code.ms >> 8),
        uchar(code.ms), uchar(code.frame >> 8), uchar(code.frame)};
    if (crc16(bytes, 6) != quint16(data))
        return std::nullopt;
    return TimecodeHit{code, left, cell};
}
}  // namespace

double TimecodeHit::width() const
{
    return cellWidth * kTimecodeCells;
}

qint64 monotonicMs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

QRect timecodeBand(QSize frame)
{
    const int h = std::max(12, frame.height() / 16);
    return QRect(0, frame.height() - h, frame.width(), h);
}

void paintTimecode(QImage &image, const Timecode &code)
{
    const QRect band = timecodeBand(image.size());
    const std::vector<int> cells = cellsFor(code);
    QPainter p(&image);
    for (int i = 0; i < kTimecodeCells; ++i) {
        // Whole-pixel edges, so neighbouring cells neither overlap nor leave a gap.
        const int x0 = int(std::lround(double(i) * band.width() / kTimecodeCells));
        const int x1 = int(std::lround(double(i + 1) * band.width() / kTimecodeCells));
        p.fillRect(QRect(band.left() + x0, band.top(), x1 - x0, band.height()),
            cells[size_t(i)] ? Qt::white : Qt::black);
    }
}

std::optional<TimecodeHit> decodeTimecodeRow(const uchar *grey, int count)
{
    std::vector<Run> runs;
    for (int x = 0; x < count;) {
        const bool white = grey[x] >= 128;
        int end = x + 1;
        while (end < count && (grey[end] >= 128) == white)
            ++end;
        runs.push_back({x, end - x, white});
        x = end;
    }
    // Candidate guard pairs: black runs bounded by white. Data bits make some too; the guards
    // and the CRC reject those.
    std::vector<size_t> pairs;
    for (size_t i = 1; i + 1 < runs.size(); ++i)
        if (!runs[i].white && runs[i].length >= 4)
            pairs.push_back(i);
    std::optional<TimecodeHit> found;
    for (size_t a : pairs) {
        const double roughCell = runs[a].length / 2.0;
        const double expected = runs[a].centre() + kPairDistance * roughCell;
        // Blur and thresholding make the run a pixel or two shorter or longer than two cells,
        // which over 68 cells adds up to as many as ~70 pixels.
        const double slack = kPairDistance * 1.25 + 0.05 * kPairDistance * roughCell;
        for (size_t b : pairs) {
            if (b <= a || std::abs(runs[b].centre() - expected) > slack)
                continue;
            if (runs[b].length < runs[a].length * 0.6 || runs[b].length > runs[a].length * 1.6)
                continue;
            const double cell = (runs[b].centre() - runs[a].centre()) / kPairDistance;
            if (std::abs(cell - roughCell) > std::max(1.5, 0.3 * roughCell))
                continue;
            const double left = runs[a].centre() - kStartPairCentre * cell;
            if (auto hit = sample(grey, count, left, cell)) {
                // Two different codes in one row: one is a misread, and we cannot tell which.
                if (found && !(found->code == hit->code))
                    return std::nullopt;
                found = hit;
            }
        }
    }
    return found;
}

std::optional<TimecodeHit> decodeTimecodeRow(const QImage &image, int y)
{
    if (y < 0 || y >= image.height())
        return std::nullopt;
    const QImage row =
        image.copy(0, y, image.width(), 1).convertToFormat(QImage::Format_Grayscale8);
    return decodeTimecodeRow(row.constScanLine(0), row.width());
}

std::optional<Timecode> readTimecode(const QImage &frame)
{
    const QRect band = timecodeBand(frame.size());
    for (int dy : {0, -2, 2}) {
        if (const auto hit = decodeTimecodeRow(frame, band.center().y() + dy))
            return hit->code;
    }
    return std::nullopt;
}

qint64 timecodeAgeMs(const Timecode &code, qint64 nowMs)
{
    return qint64(quint32(quint64(nowMs) - code.ms));
}

}  // namespace rudebot
