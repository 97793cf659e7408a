#include "firmware_loader.h"
#include "simavr_api.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {

const char *kMcu = "atmega328p";
const uint32_t kFrequency = 16000000;  // an Uno's crystal

enum class Kind {
    Elf,
    Hex,
    Unknown
};

// Sniffs the first bytes instead of trusting the extension; also gives the
// "unreadable" error before simavr prints its own, vaguer one.
Kind sniff(const std::string &path, std::string &error)
{
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot read firmware '" + path + "': " + strerror(errno);
        return Kind::Unknown;
    }
    unsigned char head[4] = {};
    ssize_t n = read(fd, head, sizeof head);
    int readErrno = errno;
    close(fd);
    if (n < 0) {
        error = "cannot read firmware '" + path + "': " + strerror(readErrno);
        return Kind::Unknown;
    }
    if (n == 4
        && memcmp(head,
               "\x7f"
               "ELF",
               4)
            == 0)
        return Kind::Elf;
    if (n >= 1 && head[0] == ':')
        return Kind::Hex;
    error = "firmware '" + path + "' is neither an ELF file nor an Intel hex file";
    return Kind::Unknown;
}

avr_t *makeBoard(const char *mcu, std::string &error)
{
    avr_t *avr = avr_make_mcu_by_name(mcu);
    if (!avr) {
        error = std::string("simavr does not know the MCU '") + mcu + "'";
        return nullptr;
    }
    avr_init(avr);
    avr->frequency = kFrequency;
    return avr;
}

avr_t *loadElf(const std::string &path, std::string &error)
{
    // elf_firmware_t is large and holds pointers into malloc'ed data that avr_t keeps
    // using, so it must outlive this function.
    static elf_firmware_t fw;
    memset(&fw, 0, sizeof fw);
    if (elf_read_firmware(path.c_str(), &fw) != 0) {
        error = "cannot load ELF firmware '" + path + "'";
        return nullptr;
    }
    // Plain avr-gcc builds carry no .mmcu section: default to the Uno's chip and clock.
    if (fw.mmcu[0] == '\0')
        snprintf(fw.mmcu, sizeof fw.mmcu, "%s", kMcu);
    if (fw.frequency == 0)
        fw.frequency = kFrequency;
    if (strcmp(fw.mmcu, kMcu) != 0)
        fprintf(stderr, "rudebot-sim: warning: firmware is built for %s, not %s\n", fw.mmcu, kMcu);
    if (fw.flashsize == 0) {
        error = "ELF firmware '" + path + "' has no code";
        return nullptr;
    }
    avr_t *avr = makeBoard(fw.mmcu, error);
    if (!avr)
        return nullptr;
    avr_load_firmware(avr, &fw);
    return avr;
}

avr_t *loadHex(const std::string &path, std::string &error)
{
    avr_t *avr = makeBoard(kMcu, error);
    uint32_t lowest = 0;
    if (!avr || !loadHexInto(avr, path, lowest, error))
        return nullptr;
    return avr;
}

}  // namespace

avr_t *loadFirmware(const std::string &path, std::string &error)
{
    switch (sniff(path, error)) {
    case Kind::Elf: return loadElf(path, error);
    case Kind::Hex: return loadHex(path, error);
    case Kind::Unknown: break;
    }
    return nullptr;
}

avr_t *makeBlankBoard(std::string &error)
{
    avr_t *avr = makeBoard(kMcu, error);
    if (avr)
        memset(avr->flash, 0xff, avr->flashend + 1);  // erased flash reads 0xFF
    return avr;
}

bool loadHexInto(avr_t *avr, const std::string &path, uint32_t &lowest, std::string &error)
{
    error.clear();
    ihex_chunk_p chunks = nullptr;
    int count = read_ihex_chunks(path.c_str(), &chunks);
    if (count <= 0) {
        error = "cannot parse Intel hex file '" + path + "'";
        return false;
    }
    uint32_t loaded = 0;
    lowest = UINT32_MAX;
    uint32_t flashSize = avr->flashend + 1;
    for (int i = 0; i < count && error.empty(); ++i) {
        const ihex_chunk_t &c = chunks[i];
        uint64_t end = uint64_t(c.baseaddr) + c.size;
        char where[120];
        snprintf(where, sizeof where, "0x%04x..0x%04x", unsigned(c.baseaddr), unsigned(end - 1));
        // avr-objcopy puts EEPROM and fuse sections at 0x810000 and up: not flash, skip.
        if (c.baseaddr >= 0x800000) {
            fprintf(stderr, "rudebot-sim: warning: skipping hex data at %s (not flash)\n", where);
            continue;
        }
        // A real chip cannot hold these either (avrdude refuses them), so neither do we.
        if (end > flashSize) {
            error = "'" + path + "' holds data at " + where + ", past the end of the "
                + std::to_string(flashSize / 1024) + " KB flash: the image does not fit this chip";
            break;
        }
        for (int j = 0; j < i; ++j) {
            const ihex_chunk_t &o = chunks[j];
            if (c.baseaddr < o.baseaddr + o.size && o.baseaddr < end) {
                error =
                    "'" + path + "' writes " + where + " twice (records overlap): a broken image";
                break;
            }
        }
        if (!error.empty())
            break;
        avr_loadcode(avr, c.data, c.size, c.baseaddr);
        loaded += c.size;
        if (c.baseaddr < lowest)
            lowest = c.baseaddr;
    }
    if (!error.empty()) {
        free_ihex_chunks(chunks);
        return false;
    }
    free_ihex_chunks(chunks);
    if (loaded == 0) {
        error = "Intel hex file '" + path + "' has no flash data";
        return false;
    }
    return true;
}
