#include "screen_grabber.h"

#include <cstdlib>
#include <cstring>
#include <xcb/xcb.h>

namespace bench {

ScreenGrabber::ScreenGrabber()
{
    int screenIndex = 0;
    m_conn = xcb_connect(nullptr, &screenIndex);
    if (!m_conn || xcb_connection_has_error(m_conn)) {
        m_error = QStringLiteral("cannot connect to the X server at DISPLAY=%1")
                      .arg(QString::fromLocal8Bit(qgetenv("DISPLAY")));
        return;
    }
    xcb_screen_iterator_t it = xcb_setup_roots_iterator(xcb_get_setup(m_conn));
    for (int i = 0; i < screenIndex; ++i)
        xcb_screen_next(&it);
    m_root = it.data->root;
    m_size = QSize(it.data->width_in_pixels, it.data->height_in_pixels);
    if (it.data->root_depth != 24) {
        m_error = QStringLiteral("the screen is %1 bits deep; start the X server with 24")
                      .arg(it.data->root_depth);
        return;
    }
    m_ok = true;
}

ScreenGrabber::~ScreenGrabber()
{
    if (m_conn)
        xcb_disconnect(m_conn);
}

QImage ScreenGrabber::grab(const QRect &rect)
{
    if (!m_ok)
        return {};
    const QRect r = rect.intersected(QRect(QPoint(0, 0), m_size));
    if (r.isEmpty())
        return {};
    xcb_get_image_cookie_t cookie = xcb_get_image(m_conn, XCB_IMAGE_FORMAT_Z_PIXMAP, m_root,
        int16_t(r.x()), int16_t(r.y()), uint16_t(r.width()), uint16_t(r.height()), ~0u);
    xcb_get_image_reply_t *reply = xcb_get_image_reply(m_conn, cookie, nullptr);
    if (!reply)
        return {};
    // Depth 24 in Z format is 32 bits per pixel, rows unpadded beyond that: BGRX = RGB32.
    const uint8_t *data = xcb_get_image_data(reply);
    const int length = xcb_get_image_data_length(reply);
    QImage image(r.size(), QImage::Format_RGB32);
    const int rowBytes = r.width() * 4;
    if (length >= rowBytes * r.height())
        for (int y = 0; y < r.height(); ++y)
            std::memcpy(image.scanLine(y), data + y * rowBytes, size_t(rowBytes));
    std::free(reply);
    return image;
}

bool ScreenGrabber::grabGreyRow(int x, int y, int width, std::vector<uchar> *grey)
{
    const QImage row = grab(QRect(x, y, width, 1));
    if (row.isNull())
        return false;
    grey->resize(size_t(row.width()));
    const QRgb *px = reinterpret_cast<const QRgb *>(row.constScanLine(0));
    for (int i = 0; i < row.width(); ++i)
        (*grey)[size_t(i)] = uchar(qGray(px[i]));
    return true;
}

}  // namespace bench
