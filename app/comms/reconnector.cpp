#include "comms/reconnector.h"

#include <QtGlobal>
#include <cmath>

namespace rudebot {

int backoffDelayMs(const BackoffPolicy &policy, int attempt)
{
    const double delay = policy.initialMs * std::pow(qMax(1.0, policy.factor), qMax(0, attempt));
    return int(qMin(double(policy.maxMs), delay));
}

Reconnector::Reconnector(Link *link, const BackoffPolicy &policy, QObject *parent)
    : QObject(parent), m_link(link), m_policy(policy)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_enabled && m_link && m_link->state() == Link::State::Closed) {
            ++m_attempt;
            m_link->open();
        }
    });
    connect(link, &Link::stateChanged, this, &Reconnector::onStateChanged);
}

void Reconnector::setEnabled(bool enabled)
{
    m_enabled = enabled;
    m_attempt = 0;
    m_timer.stop();
}

void Reconnector::onStateChanged(Link::State state)
{
    if (state != Link::State::Closed || !m_enabled)
        return;
    const int delay = backoffDelayMs(m_policy, m_attempt);
    emit retryScheduled(m_attempt + 1, delay);
    m_timer.start(delay);
}

}  // namespace rudebot
