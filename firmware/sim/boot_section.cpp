#include "boot_section.h"
#include "firmware_loader.h"
#include "simavr_api.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {
std::string errnoText(const std::string &what)
{
    return what + ": " + strerror(errno);
}
}  // namespace

bool installBootloader(avr_t *avr, const std::string &path, uint32_t &bootStart, std::string &error)
{
    if (!loadHexInto(avr, path, bootStart, error))
        return false;
    // BOOTSZ allows boot sections of 256..2048 words at the top of the flash; anything
    // else would not be reached by a real chip's reset either.
    uint32_t size = avr->flashend + 1 - bootStart;
    if (size != 512 && size != 1024 && size != 2048 && size != 4096) {
        char buf[160];
        snprintf(buf, sizeof buf,
            "bootloader '%s' starts at 0x%04x, which is no boot section start of this chip",
            path.c_str(), unsigned(bootStart));
        error = buf;
        return false;
    }
    // simavr jumps to reset_pc on every reset (power-on, external, watchdog).
    avr->reset_pc = bootStart;
    avr->pc = bootStart;
    return true;
}

bool loadFlashImage(avr_t *avr, const std::string &path, bool &loaded, std::string &error)
{
    loaded = false;
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return true;  // first run: the file is written on exit
        error = errnoText("cannot read flash image '" + path + "'");
        return false;
    }
    size_t want = avr->flashend + 1;
    size_t got = 0;
    while (got < want) {
        ssize_t n = read(fd, avr->flash + got, want - got);
        if (n <= 0)
            break;
        got += size_t(n);
    }
    close(fd);
    if (got != want) {
        error = "flash image '" + path + "' is not " + std::to_string(want) + " bytes long";
        return false;
    }
    loaded = true;
    return true;
}

bool saveFlashImage(avr_t *avr, const std::string &path, std::string &error)
{
    // Write a temporary file and rename it, so a crash never leaves half an image.
    std::string tmp = path + ".tmp";
    int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = errnoText("cannot write flash image '" + tmp + "'");
        return false;
    }
    size_t want = avr->flashend + 1;
    size_t done = 0;
    while (done < want) {
        ssize_t n = write(fd, avr->flash + done, want - done);
        if (n <= 0)
            break;
        done += size_t(n);
    }
    bool closed = close(fd) == 0;
    bool ok = done == want && closed;
    if (!ok || rename(tmp.c_str(), path.c_str()) != 0) {
        error = errnoText("cannot write flash image '" + path + "'");
        unlink(tmp.c_str());
        return false;
    }
    return true;
}
